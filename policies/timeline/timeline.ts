/**
 * One failure path's timeline and verdict: what happens when the destination keeps failing,
 * how long until the event reaches its dead-letter queue, how long it is kept there, which alarm
 * fires and when, and whether an operator told by that alarm still finds the event ("kept") or
 * it can expire before anyone is told ("can expire unseen", with the reasons).
 */
import { deadLetterAlarmRules, oldestMessageAlarmRules } from "./alarms";
import { deadLetterRetentionRules } from "./deadLetterRetention";
import { formatDuration as d } from "./duration";
import { lambdaRetryRules } from "./lambdaRetries";
import { DEFAULT_RESPONSE_WINDOW_SECONDS, type FailurePath, type FailureStage, type TimelineFinding } from "./model";
import { dlqOutlivesSource } from "./queueRetention";
import { sqsConsumerRules } from "./sqsConsumer";
import { alarmDelaySeconds, firesOnOneMessage, keptAfterAlarmSeconds, lambdaAttemptStarts, reachSeconds, snsRetryPolicy, unalarmedWaitSeconds } from "./timing";

export type Verdict = "kept" | "can expire unseen" | "unknown";

export interface PathTimeline {
  /** How the stage retries, in words. */
  readonly retries: string;
  /** The longest a failing event takes to reach the DLQ (undefined: unknown, or no DLQ). */
  readonly reachesDeadLetterWithinSeconds: number | undefined;
  /** How long the DLQ keeps it from arrival at the latest (undefined: unknown, or no DLQ). */
  readonly keptInDeadLetterSeconds: number | undefined;
  /** The DLQ's alarm and how long after the event's arrival it fires at worst. */
  readonly alarm: { readonly name: string; readonly firesWithinSeconds: number | undefined; readonly notifies: boolean | undefined } | undefined;
  /** How long the event is still in the DLQ after that alarm, at worst. */
  readonly keptAfterAlarmSeconds: number | undefined;
  readonly verdict: Verdict;
  /** Why it can expire unseen, or what is unknown. */
  readonly reasons: readonly string[];
  /** Every timeline rule the path breaks, including advice that does not lose events by itself. */
  readonly findings: readonly TimelineFinding[];
}

/** Every timeline rule, for the components (which refuse any) and the pack. */
export function timelineFindings(path: FailurePath, responseWindowSeconds = DEFAULT_RESPONSE_WINDOW_SECONDS): TimelineFinding[] {
  return [
    ...dlqOutlivesSource(path),
    ...deadLetterRetentionRules(path, responseWindowSeconds),
    ...sqsConsumerRules(path),
    ...lambdaRetryRules(path),
    ...deadLetterAlarmRules(path),
    ...oldestMessageAlarmRules(path, responseWindowSeconds),
  ];
}

export function describeRetries(stage: FailureStage): string {
  const n = (v: number | undefined) => (v === undefined ? "?" : String(v));
  switch (stage.kind) {
    case "sqs":
      return (
        `${n(stage.maxReceiveCount)} receives, ${stage.visibilityTimeoutSeconds === undefined ? "?" : d(stage.visibilityTimeoutSeconds)} apart (visibility timeout)` +
        (stage.consumer ? ` by ${stage.consumer.name}` : "")
      );
    case "lambda": {
      const starts =
        // Stryker disable next-line ConditionalExpression: equivalent, unknown retries would give one attempt, which is not listed
        stage.retries === undefined || stage.timeoutSeconds === undefined ? undefined : lambdaAttemptStarts(stage.retries, stage.timeoutSeconds);
      return (
        `${n(stage.retries)} ${stage.retries === 1 ? "retry" : "retries"} after errors${starts && starts.length > 1 ? ` (attempts at ${starts.map((s) => `+${s} s`).join(", ")})` : ""}; ` +
        `throttled events retried up to the maximum event age ${stage.maxEventAgeSeconds === undefined ? "?" : d(stage.maxEventAgeSeconds)}`
      );
    }
    case "sns": {
      const policy = snsRetryPolicy(stage.protocol);
      return `${stage.protocol ?? "?"} subscription: ${policy?.description ?? "unknown retry policy"}; client-side errors go to the DLQ at once`;
    }
    case "eventbridge":
      return `up to ${n(stage.retries)} retries with backoff over at most ${stage.maxEventAgeSeconds === undefined ? "?" : d(stage.maxEventAgeSeconds)}`;
  }
}

export function pathTimeline(path: FailurePath, responseWindowSeconds = DEFAULT_RESPONSE_WINDOW_SECONDS): PathTimeline {
  const { stage, deadLetter } = path;
  const findings = timelineFindings(path, responseWindowSeconds);
  const retries = describeRetries(stage);
  const lost: string[] = [];
  const unknown: string[] = [];
  const result = (rest: Omit<PathTimeline, "retries" | "verdict" | "reasons" | "findings">): PathTimeline => ({
    retries,
    ...rest,
    verdict: lost.length > 0 ? "can expire unseen" : unknown.length > 0 ? "unknown" : "kept",
    reasons: lost.length > 0 ? lost : unknown,
    findings,
  });

  if (!deadLetter) {
    lost.push(
      stage.kind === "sqs" && stage.maxReceiveCount === undefined
        ? "no redrive policy to a dead-letter queue: failing messages are retried until they expire"
        : "no dead-letter queue: events still failing after the retries are dropped",
    );
    return result({ reachesDeadLetterWithinSeconds: undefined, keptInDeadLetterSeconds: undefined, alarm: undefined, keptAfterAlarmSeconds: undefined });
  }
  const reach = reachSeconds(stage);
  // Stryker disable next-line ConditionalExpression: equivalent, no other stage has the receives and retention read below
  if (stage.kind === "sqs") {
    // Without an oldest-message alarm the rule below says why; with one, a message may wait until just before it fires.
    const wait = stage.oldestMessageAlarm ? unalarmedWaitSeconds(stage) : 0;
    const { maxReceiveCount, visibilityTimeoutSeconds, retentionSeconds } = stage;
    // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent, an unknown term makes the sum NaN and the comparison below false
    if (maxReceiveCount !== undefined && visibilityTimeoutSeconds !== undefined && retentionSeconds !== undefined && wait !== undefined) {
      const failing = maxReceiveCount * visibilityTimeoutSeconds;
      if (wait + failing > retentionSeconds) {
        lost.push(
          `a failing message needs ${d(failing)} (${maxReceiveCount} receives x ${d(visibilityTimeoutSeconds)})` +
            `${wait > 0 ? ` after waiting up to ${d(wait)} unreceived` : ""} to reach the DLQ but expires from ${stage.name} after ${d(retentionSeconds)}`,
        );
      }
    }
  }
  const alarm = deadLetter.alarm;
  const delay = alarm && alarmDelaySeconds(alarm);
  const kept = delay === undefined ? undefined : keptAfterAlarmSeconds(path, delay);
  if (!alarm) lost.push(`no alarm on ${deadLetter.name}: nobody is told an event arrived`);
  else {
    if (firesOnOneMessage(alarm) === false || (alarm.metricName !== undefined && alarm.metricName !== "ApproximateNumberOfMessagesVisible")) {
      lost.push(`alarm ${alarm.name} does not fire on one message in ${deadLetter.name}`);
    } else if (delay === undefined || firesOnOneMessage(alarm) === undefined) unknown.push(`alarm ${alarm.name}'s settings are not known before deploy`);
    // Stryker disable next-line ConditionalExpression: equivalent, an unknown `kept` makes the comparison false anyway
    if (kept !== undefined && kept < responseWindowSeconds) {
      lost.push(`${deadLetter.name} keeps the event only ${d(Math.max(kept, 0))} after ${alarm.name} fires; an operator needs ${d(responseWindowSeconds)}`);
    } else if (kept === undefined && delay !== undefined) unknown.push(`how long ${deadLetter.name} keeps the event is not known before deploy`);
  }
  for (const f of findings.filter((f) => f.rule === "oldest-message-alarm")) lost.push(`if the consumer stalls: ${f.message}`);

  return result({
    reachesDeadLetterWithinSeconds: reach,
    keptInDeadLetterSeconds: keptAfterAlarmSeconds(path, 0),
    alarm: alarm && { name: alarm.name, firesWithinSeconds: delay, notifies: alarm.notifies },
    keptAfterAlarmSeconds: kept,
  });
}
