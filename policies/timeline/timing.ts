/**
 * The clock of a failure path, from the moment S3 sends the event (t = 0): when a failing event
 * reaches its dead-letter queue at the latest, when it expires there, when the alarm fires.
 */
import {
  LAMBDA_RETRY_DELAYS_SECONDS,
  SQS_METRIC_RESUME_SECONDS,
  type AlarmSettings,
  type FailurePath,
  type FailureStage,
  type QueueStage,
} from "./model";

/** SNS's retry policies by protocol (client-side errors skip them and go to the DLQ at once). */
export const SNS_RETRY_POLICIES: Readonly<Record<string, { readonly seconds: number; readonly description: string }>> = {
  sqs: { seconds: 23 * 86_400, description: "100,015 attempts over 23 days (AWS-managed endpoint)" },
  lambda: { seconds: 23 * 86_400, description: "100,015 attempts over 23 days (AWS-managed endpoint)" },
  firehose: { seconds: 23 * 86_400, description: "100,015 attempts over 23 days (AWS-managed endpoint)" },
  http: { seconds: 60, description: "3 retries 20 s apart (default HTTP/S delivery policy)" },
  https: { seconds: 60, description: "3 retries 20 s apart (default HTTP/S delivery policy)" },
  email: { seconds: 21_600, description: "50 attempts over 6 hours (customer-managed endpoint)" },
  "email-json": { seconds: 21_600, description: "50 attempts over 6 hours (customer-managed endpoint)" },
  sms: { seconds: 21_600, description: "50 attempts over 6 hours (customer-managed endpoint)" },
};

const known = (...values: (number | undefined)[]) => values.every((v) => Number.isFinite(v));

/** The delivery policy SNS applies to a subscription's protocol, if we know it. */
export function snsRetryPolicy(protocol: string | undefined): { readonly seconds: number; readonly description: string } | undefined {
  // Stryker disable next-line ConditionalExpression: equivalent, no protocol is named "undefined"
  return protocol === undefined ? undefined : SNS_RETRY_POLICIES[protocol];
}

/** How long after its condition starts an alarm can fire: the metric's delay, then period x datapoints. */
export function alarmDelaySeconds(alarm: AlarmSettings): number | undefined {
  const datapoints = alarm.datapointsToAlarm ?? alarm.evaluationPeriods;
  if (!known(alarm.periodSeconds, datapoints)) return undefined;
  return SQS_METRIC_RESUME_SECONDS + alarm.periodSeconds! * datapoints!;
}

/**
 * True when one visible message breaches the alarm and an empty queue does not; undefined when
 * unknown. An alarm that breaches with no message at all (`GreaterThanThreshold` -1) stays in
 * ALARM, and CloudWatch acts only on a change of state, so the failed event notifies no one.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-actions.html
 */
export function firesOnOneMessage(alarm: AlarmSettings): boolean | undefined {
  const { threshold, comparison } = alarm;
  if (threshold === undefined || comparison === undefined) return undefined;
  if (comparison === "GreaterThanThreshold") return threshold >= 0 && threshold < 1;
  if (comparison === "GreaterThanOrEqualToThreshold") return threshold > 0 && threshold <= 1;
  return false;
}

/**
 * True when an `ApproximateAgeOfOldestMessage` alarm breaches as the oldest message ages past its
 * threshold; undefined when its comparison is unknown. A `LessThan…` alarm on the age never fires
 * for a stalled consumer.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-evaluation.html
 */
export function firesAsMessagesAge(alarm: AlarmSettings): boolean | undefined {
  if (alarm.comparison === undefined) return undefined;
  return alarm.comparison === "GreaterThanThreshold" || alarm.comparison === "GreaterThanOrEqualToThreshold";
}

/** When Lambda starts each attempt of a failing asynchronous invocation: 0, then 1 and 2 minutes after the previous one ends. */
export function lambdaAttemptStarts(retries: number, timeoutSeconds: number): number[] {
  const starts = [0];
  for (let i = 0; i < retries; i++) starts.push(starts[i] + timeoutSeconds + LAMBDA_RETRY_DELAYS_SECONDS[Math.min(i, 1)]);
  return starts;
}

/**
 * How long a message can wait unreceived in a queue before anyone is told: until its
 * `ApproximateAgeOfOldestMessage` alarm fires (threshold, then the alarm's delay), or its whole
 * retention without one that fires. A consumer resuming just before then leaves the alarm silent (the metric
 * stops counting a message once it is received), so this is the longest unalarmed wait.
 */
export function unalarmedWaitSeconds(stage: QueueStage): number | undefined {
  const alarm = stage.oldestMessageAlarm;
  const fires = alarm && firesAsMessagesAge(alarm);
  if (!alarm || fires === false) return stage.retentionSeconds;
  const delay = alarmDelaySeconds(alarm);
  return fires === undefined || alarm.threshold === undefined || delay === undefined ? undefined : alarm.threshold + delay;
}

/**
 * The longest a queue message can take to reach the DLQ with no alarm on the way: it may wait
 * unreceived as long as `unalarmedWaitSeconds`, then fail `maxReceiveCount` receives a visibility
 * timeout apart. It cannot arrive after its retention.
 */
export function queueWorstReachSeconds(stage: QueueStage): number | undefined {
  const wait = unalarmedWaitSeconds(stage);
  if (wait === undefined || !known(stage.maxReceiveCount, stage.visibilityTimeoutSeconds, stage.retentionSeconds)) return undefined;
  return Math.min(stage.retentionSeconds!, wait + stage.maxReceiveCount! * stage.visibilityTimeoutSeconds!);
}

/** The longest a failing event takes to reach the dead-letter queue. */
export function reachSeconds(stage: FailureStage): number | undefined {
  switch (stage.kind) {
    case "sqs":
      return queueWorstReachSeconds(stage);
    case "lambda":
      // Throttled and system-error events are retried until the maximum age; the attempt then running may last a timeout.
      return known(stage.maxEventAgeSeconds, stage.timeoutSeconds) ? stage.maxEventAgeSeconds! + stage.timeoutSeconds! : undefined;
    case "sns":
      return snsRetryPolicy(stage.protocol)?.seconds;
    case "eventbridge":
      return stage.maxEventAgeSeconds;
  }
}

/**
 * How long the event stays in the DLQ after the DLQ's alarm fires, at worst; undefined when
 * unknown. A standard queue keeps a moved message's original enqueue timestamp, so the time it took
 * to arrive counts against the DLQ's retention; a FIFO queue resets it, and Lambda, SNS and
 * EventBridge send a new message, so there only the alarm's delay does.
 */
export function keptAfterAlarmSeconds(path: FailurePath, alarmDelay: number): number | undefined {
  const retention = path.deadLetter?.retentionSeconds;
  if (retention === undefined) return undefined;
  if (path.stage.kind === "sqs") {
    if (path.stage.fifo === undefined) return undefined;
    if (!path.stage.fifo) {
      const reach = reachSeconds(path.stage);
      return reach === undefined ? undefined : retention - reach - alarmDelay;
    }
  }
  return retention - alarmDelay;
}
