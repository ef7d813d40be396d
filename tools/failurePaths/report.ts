/**
 * The failure-path report: for each bucket → rule → destination path, what happens when the
 * destination keeps failing, read from the graph the offline preview builds and judged by the
 * timeline rules the components and the pack apply.
 */
import { FailurePathGraph, type GraphFailurePath, type GraphResource } from "../../policies/resources/failurePaths";
import { alarmDelaySeconds, formatDuration as d, pathTimeline, type PathTimeline, type TimelineFinding } from "../../policies/timeline";

export interface PathReport {
  readonly bucket: string;
  readonly rules: readonly string[];
  readonly destination: string;
  readonly kind: string;
  readonly deadLetterQueue: string | undefined;
  readonly timeline: PathTimeline;
  /** If the consumer of a destination queue stalls: the oldest-message alarm. */
  readonly stalled: { readonly alarm: string; readonly firesAtAgeSeconds: number | undefined; readonly expiresAtSeconds: number | undefined } | undefined;
}

export interface FailurePathsReport {
  readonly project: string;
  readonly stack: string;
  readonly responseWindowSeconds: number;
  readonly paths: readonly PathReport[];
  readonly summary: { readonly paths: number; readonly kept: number; readonly unseen: number; readonly unknown: number };
}

function bucketOf(notification: GraphResource): string {
  const bucket = (notification.propertyDependencies.bucket ?? []).find((b) => b.type.startsWith("aws:s3/bucket"));
  if (bucket) return bucket.name;
  const name = notification.props.bucket;
  return typeof name === "string" ? name : notification.name;
}

function destinationOf(p: GraphFailurePath): string {
  const subscribed = p.subscribed ? `topic ${p.subscribed.topic.name} → subscription ${p.subscribed.subscription.name} → ` : "";
  if (p.via) return `EventBridge rule ${p.rules[0]} → target ${p.via.name} → ${subscribed}${stageOf(p)}`;
  return `${subscribed}${stageOf(p)}`;
}

function stageOf(p: GraphFailurePath): string {
  switch (p.path.stage.kind) {
    case "sqs":
      return `queue ${p.destination.name}`;
    case "lambda":
      return `λ ${p.destination.name} (asynchronous)`;
    case "sns":
      return `topic ${p.destination.name} → subscription ${p.stageResource.name}`;
    case "eventbridge":
      return `EventBridge rule ${p.rules[0]} → target ${p.stageResource.name}`;
  }
}

export function failurePathsReport(project: string, stack: string, resources: readonly GraphResource[], responseWindowSeconds: number): FailurePathsReport {
  const paths = new FailurePathGraph(resources).paths().map((p): PathReport => {
    const timeline = pathTimeline(p.path, responseWindowSeconds);
    const stage = p.path.stage;
    const oldest = stage.kind === "sqs" ? stage.oldestMessageAlarm : undefined;
    return {
      bucket: bucketOf(p.notification),
      // An EventBridge rule is named in the destination, with its target.
      rules: p.path.stage.kind === "eventbridge" || p.via ? [] : p.rules,
      destination: destinationOf(p),
      kind: stage.kind,
      deadLetterQueue: p.deadLetterQueue?.name,
      timeline,
      stalled:
        stage.kind === "sqs" && oldest
          ? {
              alarm: oldest.name,
              firesAtAgeSeconds: oldest.threshold === undefined ? undefined : oldest.threshold + (alarmDelaySeconds(oldest) ?? Number.NaN),
              expiresAtSeconds: stage.retentionSeconds,
            }
          : undefined,
    };
  });
  const count = (v: string) => paths.filter((p) => p.timeline.verdict === v).length;
  return {
    project,
    stack,
    responseWindowSeconds,
    paths,
    summary: { paths: paths.length, kept: count("kept"), unseen: count("can expire unseen"), unknown: count("unknown") },
  };
}

const optional = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? "unknown" : d(v));

export function textReport(report: FailurePathsReport): string {
  const lines = [
    `Failure paths of ${report.project}/${report.stack} (the offline preview's graph; an operator acts within ${d(report.responseWindowSeconds)} of an alarm)`,
    "",
  ];
  for (const p of report.paths) {
    const t = p.timeline;
    lines.push(`${p.bucket} → ${p.rules.length ? `${p.rules.join(", ")} → ` : ""}${p.destination}`);
    lines.push(`  retries        ${t.retries}`);
    if (p.deadLetterQueue) {
      const how = p.stalled ? ` (unreceived up to ${optional(p.stalled.firesAtAgeSeconds)}, then every receive fails)` : "";
      lines.push(`  dead letter    reaches ${p.deadLetterQueue} within ${optional(t.reachesDeadLetterWithinSeconds)} at worst${how}; kept there ${optional(t.keptInDeadLetterSeconds)} after it arrives`);
    } else {
      lines.push("  dead letter    none");
    }
    if (t.alarm) {
      const notifies = t.alarm.notifies === false ? " (no alarm action: shows in CloudWatch only)" : "";
      lines.push(`  alarm          ${t.alarm.name} within ${optional(t.alarm.firesWithinSeconds)} of the arrival${notifies}; the event stays ${optional(t.keptAfterAlarmSeconds)} after it`);
    } else if (p.deadLetterQueue) {
      lines.push("  alarm          none on the dead-letter queue");
    }
    if (p.stalled) {
      lines.push(
        `  if stalled     ${p.stalled.alarm} when the oldest message is ${optional(p.stalled.firesAtAgeSeconds)} old; messages expire at ${optional(p.stalled.expiresAtSeconds)}`,
      );
    }
    lines.push(`  verdict        ${t.verdict.toUpperCase()}${t.reasons.length ? `: ${t.reasons.join("; ")}` : ""}`);
    const advice = t.findings.filter((f: TimelineFinding) => !t.reasons.some((r) => r.includes(f.message)));
    for (const f of advice) lines.push(`  rule           [${f.rule}] ${f.message}`);
    lines.push("");
  }
  const s = report.summary;
  lines.push(`Summary: ${s.paths} failure paths: ${s.kept} kept, ${s.unseen} can expire unseen, ${s.unknown} unknown; ${s.kept === s.paths ? "every event is kept" : "FAILED"}.`);
  return `${lines.join("\n")}\n`;
}

export function jsonReport(report: FailurePathsReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
