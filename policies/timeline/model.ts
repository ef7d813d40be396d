/**
 * What happens to an S3 event when its destination keeps failing, as plain data: the stage that
 * retries (a queue and its consumer, an asynchronous Lambda invocation, an SNS subscription, an
 * EventBridge target), the dead-letter queue that catches what is left, and the alarms that tell
 * someone. The components build these from their args, the pack and the failure-path report from
 * a resource graph; the rules and the timeline read only this. A value `undefined` is unknown
 * before deploy: a rule that needs it says nothing rather than guess.
 */

/** SQS keeps a message 4 days unless told otherwise (`MessageRetentionPeriod`). */
export const SQS_DEFAULT_RETENTION_SECONDS = 345_600;
export const SQS_MAX_RETENTION_SECONDS = 1_209_600;
export const SQS_DEFAULT_VISIBILITY_SECONDS = 30;
export const LAMBDA_DEFAULT_TIMEOUT_SECONDS = 3;
/** Lambda's guidance: a visibility timeout of at least six times the function timeout. */
export const VISIBILITY_TO_TIMEOUT_RATIO = 6;
/** Lambda's guidance for an SQS event source: `maxReceiveCount` at least 5. */
export const MIN_LAMBDA_MAX_RECEIVE_COUNT = 5;
/** Lambda waits 1 minute before the first retry of a failed asynchronous invocation, 2 before the second. */
export const LAMBDA_RETRY_DELAYS_SECONDS = [60, 120] as const;
export const LAMBDA_ASYNC_DEFAULTS = { retries: 2, maxEventAgeSeconds: 21_600 } as const;
export const EVENTBRIDGE_RETRY_DEFAULTS = { retries: 185, maxEventAgeSeconds: 86_400 } as const;
/** An idle queue's metrics can take up to 15 minutes to resume, so an alarm on a DLQ may see its first message that late. */
export const SQS_METRIC_RESUME_SECONDS = 900;
/** "Within minutes": the longest evaluation (period x datapoints) a DLQ alarm may take, on top of the metric's delay. */
export const MAX_ALARM_EVALUATION_SECONDS = 300;
/**
 * How long an operator may need between an alarm and acting on it: an alarm on Friday evening is
 * seen on Monday, or Tuesday after a holiday. Components and pack take another value as config.
 */
export const DEFAULT_RESPONSE_WINDOW_SECONDS = 259_200;

/** A CloudWatch alarm on one metric. */
export interface AlarmSettings {
  readonly name: string;
  readonly metricName: string | undefined;
  readonly periodSeconds: number | undefined;
  readonly evaluationPeriods: number | undefined;
  /** Defaults to `evaluationPeriods` (M of N alarms). */
  readonly datapointsToAlarm?: number;
  readonly threshold: number | undefined;
  readonly comparison: string | undefined;
  /** True when it has an alarm action (someone is told), false when it only shows in CloudWatch. */
  readonly notifies: boolean | undefined;
}

export interface DeadLetterSettings {
  readonly name: string;
  readonly retentionSeconds: number | undefined;
  readonly fifo: boolean | undefined;
  /** The alarm on its visible messages, if any. */
  readonly alarm: AlarmSettings | undefined;
}

/** A function polling the queue through an event source mapping. */
export interface ConsumerSettings {
  readonly name: string;
  readonly timeoutSeconds: number | undefined;
  readonly reportBatchItemFailures: boolean | undefined;
}

/** S3 → queue: a consumer receives, fails, the message reappears after the visibility timeout. */
export interface QueueStage {
  readonly kind: "sqs";
  readonly name: string;
  readonly retentionSeconds: number | undefined;
  readonly fifo: boolean | undefined;
  readonly visibilityTimeoutSeconds: number | undefined;
  /** Receives before SQS moves the message; undefined when the queue has no redrive policy or it is unknown. */
  readonly maxReceiveCount: number | undefined;
  readonly consumer: ConsumerSettings | undefined;
  /** The `ApproximateAgeOfOldestMessage` alarm, if any. */
  readonly oldestMessageAlarm: AlarmSettings | undefined;
}

/** S3 → function, invoked asynchronously: Lambda retries, then sends a record to its on-failure destination. */
export interface LambdaAsyncStage {
  readonly kind: "lambda";
  readonly name: string;
  readonly retries: number | undefined;
  readonly maxEventAgeSeconds: number | undefined;
  readonly timeoutSeconds: number | undefined;
}

/** S3 → topic → one subscription: SNS retries by protocol, then moves the message to the subscription's DLQ. */
export interface SnsStage {
  readonly kind: "sns";
  readonly name: string;
  readonly protocol: string | undefined;
}

/** S3 → EventBridge → one target: retries by its retry policy, then the target's DLQ. */
export interface EventBridgeStage {
  readonly kind: "eventbridge";
  readonly name: string;
  readonly retries: number | undefined;
  readonly maxEventAgeSeconds: number | undefined;
}

export type FailureStage = QueueStage | LambdaAsyncStage | SnsStage | EventBridgeStage;

/** One failure path: a stage and where its failures end. */
export interface FailurePath {
  readonly stage: FailureStage;
  /** Undefined when failures end nowhere (dropped), or in something other than a queue. */
  readonly deadLetter: DeadLetterSettings | undefined;
}

/** A broken timeline rule: a message that says X must be Y, because Z, and the fix. */
export interface TimelineFinding {
  readonly rule: TimelineRule;
  /** The setting at fault, in the path's terms (the caller maps it to its own field names). */
  readonly setting: TimelineSetting;
  readonly message: string;
  readonly doc: string;
}

export type TimelineRule =
  | "dlq-outlives-source"
  | "dlq-retention"
  | "sqs-consumer"
  | "lambda-retries"
  | "dlq-alarm"
  | "oldest-message-alarm";

export type TimelineSetting =
  | "deadLetter.retentionSeconds"
  | "deadLetter.alarm"
  | "stage.retentionSeconds"
  | "stage.visibilityTimeoutSeconds"
  | "stage.maxReceiveCount"
  | "stage.consumer.reportBatchItemFailures"
  | "stage.maxEventAgeSeconds"
  | "stage.oldestMessageAlarm";
