import { TIMELINE_DOCS } from "./docs";
import { formatDuration as d } from "./duration";
import { SQS_METRIC_RESUME_SECONDS, type FailurePath, type TimelineFinding } from "./model";
import { alarmDelaySeconds, keptAfterAlarmSeconds, reachSeconds } from "./timing";

/** The quickest any alarm on a queue can fire: the metric's delay and one 1-minute period. */
const QUICKEST_ALARM_SECONDS = SQS_METRIC_RESUME_SECONDS + 60;

/**
 * A dead-letter queue must keep a failed event for longer than the time an operator needs to act
 * after its alarm fires: counted from when the event can arrive at the latest and the alarm fires,
 * to when it expires (from its original enqueue time for a standard source queue).
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html
 */
export function deadLetterRetentionRules(path: FailurePath, responseWindowSeconds: number): TimelineFinding[] {
  const { deadLetter } = path;
  if (!deadLetter) return [];
  // Stryker disable next-line ConditionalExpression: equivalent, keptAfterAlarmSeconds below is unknown without a retention too
  if (deadLetter.retentionSeconds === undefined) return [];
  const delay = (deadLetter.alarm && alarmDelaySeconds(deadLetter.alarm)) ?? QUICKEST_ALARM_SECONDS;
  const kept = keptAfterAlarmSeconds(path, delay);
  if (kept === undefined || kept >= responseWindowSeconds) return [];
  const reach = reachSeconds(path.stage);
  const standardQueue = path.stage.kind === "sqs" && !path.stage.fifo;
  const needed = deadLetter.retentionSeconds + (responseWindowSeconds - kept);
  return [
    {
      rule: "dlq-retention",
      setting: "deadLetter.retentionSeconds",
      message:
        `the dead-letter queue ${kept > 0 ? `keeps a failed event only ${d(kept)} after its alarm can fire` : "can drop a failed event before its alarm fires"} (retention ${d(deadLetter.retentionSeconds)}` +
        `${standardQueue ? " from the event's original enqueue time" : " from its arrival"}; ` +
        `${reach === undefined ? "" : `arrival up to ${d(reach)} after S3 sent it; `}` +
        `alarm within ${d(delay)}), less than the ${d(responseWindowSeconds)} an operator needs to act. ` +
        `Raise its retention to at least ${needed} s${needed > 1_209_600 ? " (over the SQS maximum: shorten the time to reach the DLQ instead)" : ""}.`,
      doc: path.stage.kind === "sqs" ? TIMELINE_DOCS.dlqRetention : path.stage.kind === "lambda" ? TIMELINE_DOCS.lambdaRetain : path.stage.kind === "sns" ? TIMELINE_DOCS.snsDlq : TIMELINE_DOCS.eventBridgeDlq,
    },
  ];
}
