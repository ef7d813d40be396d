import { TIMELINE_DOCS } from "./docs";
import { formatDuration as d } from "./duration";
import { MAX_ALARM_EVALUATION_SECONDS, SQS_METRIC_RESUME_SECONDS, type FailurePath, type TimelineFinding } from "./model";
import { alarmDelaySeconds, firesAsMessagesAge, firesOnOneMessage } from "./timing";

const VISIBLE = "ApproximateNumberOfMessagesVisible";

/**
 * Every dead-letter queue has an alarm that fires within minutes of one message arriving: on
 * `ApproximateNumberOfMessagesVisible` (`NumberOfMessagesSent` misses messages a redrive moves),
 * breaching at one message, evaluated over at most 5 minutes.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/dead-letter-queues-alarms-cloudwatch.html
 */
export function deadLetterAlarmRules(path: FailurePath): TimelineFinding[] {
  const { deadLetter } = path;
  if (!deadLetter) return [];
  const finding = (message: string): TimelineFinding[] => [{ rule: "dlq-alarm", setting: "deadLetter.alarm", message, doc: TIMELINE_DOCS.dlqAlarm }];
  const alarm = deadLetter.alarm;
  if (!alarm) {
    return finding(
      `the dead-letter queue ${deadLetter.name} must have an alarm on \`${VISIBLE}\` > 0, because otherwise a failed event sits there unseen until it expires; add one.`,
    );
  }
  if (alarm.metricName !== undefined && alarm.metricName !== VISIBLE) {
    return finding(`alarm ${alarm.name} watches \`${alarm.metricName}\`, which misses messages moved to ${deadLetter.name}; watch \`${VISIBLE}\`.`);
  }
  if (firesOnOneMessage(alarm) === false) {
    return finding(`alarm ${alarm.name} (${alarm.comparison} ${alarm.threshold}) must fire on one message in ${deadLetter.name}, and not on none (an alarm already in ALARM notifies no one); use \`GreaterThanThreshold\` 0.`);
  }
  const delay = alarmDelaySeconds(alarm);
  // Stryker disable next-line ConditionalExpression: equivalent, an unknown delay makes the difference NaN and the comparison false
  if (delay !== undefined && delay - SQS_METRIC_RESUME_SECONDS > MAX_ALARM_EVALUATION_SECONDS) {
    return finding(
      `alarm ${alarm.name} needs ${d(delay - SQS_METRIC_RESUME_SECONDS)} of breaching data (period x datapoints) to fire, more than ` +
        `${d(MAX_ALARM_EVALUATION_SECONDS)}; evaluate over 1-minute periods and 1 datapoint.`,
    );
  }
  return [];
}

/**
 * A source queue whose consumer stalls keeps its messages until they expire: an
 * `ApproximateAgeOfOldestMessage` alarm must fire early enough to leave the operator the response
 * window before the oldest message expires.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/monitoring-using-cloudwatch.html
 */
export function oldestMessageAlarmRules(path: FailurePath, responseWindowSeconds: number): TimelineFinding[] {
  const { stage } = path;
  // Stryker disable next-line ConditionalExpression: equivalent, only a queue stage has a retention
  if (stage.kind !== "sqs") return [];
  if (stage.retentionSeconds === undefined) return [];
  const finding = (message: string): TimelineFinding[] => [
    { rule: "oldest-message-alarm", setting: "stage.oldestMessageAlarm", message, doc: TIMELINE_DOCS.sqsMetrics },
  ];
  const alarm = stage.oldestMessageAlarm;
  if (!alarm) {
    return finding(
      `the queue ${stage.name} must have an \`ApproximateAgeOfOldestMessage\` alarm, because a stalled consumer leaves its messages ` +
        `to expire after ${d(stage.retentionSeconds)} unseen; add one.`,
    );
  }
  if (firesAsMessagesAge(alarm) === false) {
    return finding(`alarm ${alarm.name} (${alarm.comparison} ${alarm.threshold}) never fires as the oldest message in ${stage.name} ages; use \`GreaterThanThreshold\`.`);
  }
  const delay = alarmDelaySeconds(alarm);
  if (alarm.threshold === undefined || delay === undefined) return [];
  const firesAt = alarm.threshold + delay;
  const left = stage.retentionSeconds - firesAt;
  if (left >= responseWindowSeconds) return [];
  const highest = stage.retentionSeconds - responseWindowSeconds - delay;
  // A threshold of 0 s alarms on every message the queue receives, not on a stall: raise the retention then.
  return finding(
    `alarm ${alarm.name} fires when the oldest message is ${d(firesAt)} old (threshold ${d(alarm.threshold)} plus up to ${d(delay)} ` +
      `for the metric), leaving ${d(left)} before it expires at ${d(stage.retentionSeconds)}, less than the ${d(responseWindowSeconds)} ` +
      `an operator needs; ${highest > 0 ? `lower the threshold to at most ${highest} s` : "raise the queue's retention"}.`,
  );
}
