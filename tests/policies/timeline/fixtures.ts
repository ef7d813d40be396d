// Failure paths as the components build them, for the timeline specs to break one field at a time.
import type { AlarmSettings, DeadLetterSettings, EventBridgeStage, FailurePath, LambdaAsyncStage, QueueStage, SnsStage } from "../../../policies/timeline";

export const MIN = 60;
export const HOUR = 3_600;
export const DAY = 86_400;
/** The response window the specs judge by: 3 days, the default. */
export const WINDOW = 3 * DAY;
/** An idle queue's metrics can take 15 minutes to resume, then one 1-minute period. */
export const QUICKEST_ALARM = 15 * MIN + MIN;

/** An alarm on a DLQ's visible messages that fires on the first one, after one 1-minute period. */
export const alarm = (name: string, over: Partial<AlarmSettings> = {}): AlarmSettings => ({
  name,
  metricName: "ApproximateNumberOfMessagesVisible",
  periodSeconds: 60,
  evaluationPeriods: 1,
  threshold: 0,
  comparison: "GreaterThanThreshold",
  notifies: true,
  ...over,
});

/** An `ApproximateAgeOfOldestMessage` alarm at 1 hour. */
export const oldestAlarm = (over: Partial<AlarmSettings> = {}): AlarmSettings =>
  alarm("q-oldest", { metricName: "ApproximateAgeOfOldestMessage", threshold: HOUR, ...over });

/** A standard 14-day DLQ with its alarm. */
export const dlq = (over: Partial<DeadLetterSettings> = {}): DeadLetterSettings => ({
  name: "q-dlq",
  retentionSeconds: 14 * DAY,
  fifo: false,
  alarm: alarm("q-dlq-visible"),
  ...over,
});

/** A 4-day standard queue consumed by a 60 s function, 5 receives 6 min apart, alarmed at 1 h. */
export const queueStage = (over: Partial<QueueStage> = {}): QueueStage => ({
  kind: "sqs",
  name: "q",
  retentionSeconds: 4 * DAY,
  fifo: false,
  visibilityTimeoutSeconds: 360,
  maxReceiveCount: 5,
  consumer: { name: "q-consumer", timeoutSeconds: 60, reportBatchItemFailures: true },
  oldestMessageAlarm: oldestAlarm(),
  ...over,
});

export const queuePath = (over: Partial<QueueStage> = {}, dlqOver: Partial<DeadLetterSettings> = {}): FailurePath => ({
  stage: queueStage(over),
  deadLetter: dlq({ fifo: over.fifo ?? false, ...dlqOver }),
});

/** An asynchronously invoked 30 s function with Lambda's defaults: 2 retries, 6 hours of event age. */
export const lambdaStage = (over: Partial<LambdaAsyncStage> = {}): LambdaAsyncStage => ({
  kind: "lambda",
  name: "fn",
  retries: 2,
  maxEventAgeSeconds: 6 * HOUR,
  timeoutSeconds: 30,
  ...over,
});

export const snsStage = (over: Partial<SnsStage> = {}): SnsStage => ({ kind: "sns", name: "sub", protocol: "sqs", ...over });

/** An EventBridge target with its default retry policy: 185 retries over 24 hours. */
export const eventBridgeStage = (over: Partial<EventBridgeStage> = {}): EventBridgeStage => ({
  kind: "eventbridge",
  name: "target",
  retries: 185,
  maxEventAgeSeconds: DAY,
  ...over,
});
