import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_RESPONSE_WINDOW_SECONDS, type DeadLetterSettings } from "../policies/timeline";
import { alarmSettings, metricAlarm } from "./alarms";
import { TYPES, type PlannedChild } from "./childNames";

/** How failed deliveries are kept and watched. */
export interface FailureHandlingArgs {
  /** How long a dead-letter queue keeps a message. Defaults to 1,209,600 s (14 days, the SQS maximum). */
  readonly deadLetterRetentionSeconds?: number;
  /** Protect dead-letter queues and keep them on destroy, so undelivered events survive. Defaults to false. */
  readonly protectDeadLetterQueues?: boolean;
  /** SNS topic every alarm notifies. Defaults to none (the alarms still show in CloudWatch). */
  readonly alarmTopicArn?: pulumi.Input<string>;
  /** Alarm when a source queue's oldest message is older than this. Defaults to 3,600 s. */
  readonly maxMessageAgeSeconds?: number;
  /**
   * How long an operator may take to act on an alarm: every dead-letter queue keeps a failed event
   * at least this long after its alarm fires, and every source queue alarms this long before its
   * oldest message expires. Defaults to 259,200 s (3 days: an alarm on Friday evening is seen on Monday).
   */
  readonly responseWindowSeconds?: number;
}

export const FAILURE_HANDLING_DEFAULTS = {
  deadLetterRetentionSeconds: 1_209_600,
  protectDeadLetterQueues: false,
  maxMessageAgeSeconds: 3_600,
  responseWindowSeconds: DEFAULT_RESPONSE_WINDOW_SECONDS,
} as const;

export type FailureHandling = Required<Omit<FailureHandlingArgs, "alarmTopicArn">> &
  Pick<FailureHandlingArgs, "alarmTopicArn">;

/** A dead-letter queue with the alarm that says something landed in it. */
export interface DeadLetterQueue {
  /** The queue's resource name, e.g. `uploads-ingest-dlq`. */
  readonly name: string;
  /** What the queue catches, e.g. `lambda thumbnails: failed async invocations`. */
  readonly purpose: string;
  readonly queue: aws.sqs.Queue;
  readonly alarm: aws.cloudwatch.MetricAlarm;
}

const visibleAlarmName = (queueName: string) => `${queueName}-visible`;

/** What `createDeadLetterQueue(name, …)` registers. */
export function deadLetterQueueChildren(name: string, via?: string): PlannedChild[] {
  return [
    { type: TYPES.queue, name, via },
    { type: TYPES.alarm, name: visibleAlarmName(name), via },
  ];
}

/** The alarm on every dead-letter queue: one visible message. */
const DLQ_ALARM = { metricName: "ApproximateNumberOfMessagesVisible", threshold: 0 } as const;

/** What the timeline rules know of the dead-letter queue `createDeadLetterQueue(name, ...)` creates, before it is registered. */
export function deadLetterSettings(name: string, failure: FailureHandling): DeadLetterSettings {
  return {
    name,
    retentionSeconds: failure.deadLetterRetentionSeconds,
    fifo: false,
    alarm: alarmSettings(visibleAlarmName(name), DLQ_ALARM, failure.alarmTopicArn),
  };
}

/** An SSE-SQS queue keeping messages 14 days by default, alarmed as soon as one is visible. */
export function createDeadLetterQueue(
  name: string,
  purpose: string,
  failure: FailureHandling,
  parent: pulumi.Resource,
): DeadLetterQueue {
  const protect = failure.protectDeadLetterQueues;
  const queue = new aws.sqs.Queue(
    name,
    {
      messageRetentionSeconds: failure.deadLetterRetentionSeconds,
      sqsManagedSseEnabled: true,
      tags: { "s3-events:role": "dead-letter-queue", "s3-events:purpose": purpose },
    },
    { parent, protect, retainOnDelete: protect },
  );
  const alarm = metricAlarm(
    visibleAlarmName(name),
    {
      namespace: "AWS/SQS",
      metricName: DLQ_ALARM.metricName,
      dimensions: { QueueName: queue.name },
      statistic: "Maximum",
      threshold: DLQ_ALARM.threshold,
      description: `Undelivered S3 events are waiting in the dead-letter queue (${purpose}).`,
    },
    failure.alarmTopicArn,
    { parent },
  );
  return { name, purpose, queue, alarm };
}
