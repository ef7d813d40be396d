/**
 * The failure-path timeline rules (policies/timeline) on any program's resources: each path after
 * a notification is read from the graph (policies/resources/failurePaths.ts) and judged by the
 * same pure rules the components apply. Values that are not literals are not judged.
 */
import type { StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { FailurePathGraph, type GraphFailurePath } from "../resources/failurePaths";
import {
  DEFAULT_RESPONSE_WINDOW_SECONDS,
  deadLetterAlarmRules,
  deadLetterRetentionRules,
  dlqOutlivesSource,
  lambdaRetryRules,
  oldestMessageAlarmRules,
  sqsConsumerRules,
  type TimelineFinding,
} from "../timeline";

const label = (r: { type: string; name: string }) => `${r.type} \`${r.name}\``;

interface WindowConfig {
  responseWindowSeconds?: number;
}

const WINDOW_SCHEMA = {
  properties: {
    responseWindowSeconds: {
      type: "integer",
      minimum: 0,
      default: DEFAULT_RESPONSE_WINDOW_SECONDS,
      description: "How long an operator may take to act on an alarm (seconds).",
    },
  },
} as const;

/** Each distinct path once (two rules to one queue share it), with a rule set applied. */
function judgePaths(
  args: StackValidationArgs,
  report: (message: string, urn: string) => void,
  rules: (path: GraphFailurePath, window: number) => TimelineFinding[],
): void {
  const window = args.getConfig<WindowConfig>()?.responseWindowSeconds ?? DEFAULT_RESPONSE_WINDOW_SECONDS;
  const seen = new Set<string>();
  for (const p of new FailurePathGraph(args.resources).paths()) {
    // Stryker disable next-line LogicalOperator,StringLiteral: equivalent, a stage has one dead-letter queue, so its URN alone tells paths apart.
    const key = `${p.stageResource.urn}|${p.deadLetterQueue?.urn ?? ""}`;
    if (seen.has(key)) continue;
    seen.add(key);
    for (const f of rules(p, window)) {
      const dlq = p.deadLetterQueue ? ` and its dead-letter queue ${label(p.deadLetterQueue)}` : "";
      report(`${label(p.stageResource)}, on a failure path of ${label(p.notification)}${dlq}: ${f.message} ${f.doc}`, p.stageResource.urn);
    }
  }
}

export const s3DestinationDlqOutlivesSource: StackValidationPolicy = {
  name: "s3-destination-dlq-outlives-source",
  description: "Checks whether the dead-letter queue of every queue S3 sends to keeps messages longer than the queue (at least as long for FIFO).",
  enforcementLevel: "mandatory",
  validateStack: (args, report) => judgePaths(args, report, (p) => dlqOutlivesSource(p.path)),
};

export const s3DestinationDlqRetention: StackValidationPolicy = {
  name: "s3-destination-dlq-retention",
  description: "Checks whether every dead-letter queue after a notification keeps a failed event for the response window after its alarm can fire.",
  enforcementLevel: "mandatory",
  configSchema: WINDOW_SCHEMA,
  validateStack: (args, report) => judgePaths(args, report, (p, window) => deadLetterRetentionRules(p.path, window)),
};

export const s3DestinationFailureAlarmed: StackValidationPolicy = {
  name: "s3-destination-failure-alarmed",
  description:
    "Checks whether every dead-letter queue after a notification alarms within minutes of one message, and every destination queue alarms on its oldest message before it expires.",
  enforcementLevel: "advisory",
  configSchema: WINDOW_SCHEMA,
  validateStack: (args, report) => judgePaths(args, report, (p, window) => [...deadLetterAlarmRules(p.path), ...oldestMessageAlarmRules(p.path, window)]),
};

export const s3DestinationSqsConsumer: StackValidationPolicy = {
  name: "s3-destination-sqs-consumer",
  description: "Checks whether a queue S3 sends to that Lambda consumes has a 6x visibility timeout, maxReceiveCount of at least 5 and batch item failures on.",
  enforcementLevel: "advisory",
  validateStack: (args, report) => judgePaths(args, report, (p) => sqsConsumerRules(p.path)),
};

export const s3DestinationLambdaRetries: StackValidationPolicy = {
  name: "s3-destination-lambda-retries",
  description: "Checks whether a Lambda destination's maximum event age leaves room for its configured retries.",
  enforcementLevel: "advisory",
  validateStack: (args, report) => judgePaths(args, report, (p) => lambdaRetryRules(p.path)),
};

export const timelinePolicies = [
  s3DestinationDlqOutlivesSource,
  s3DestinationDlqRetention,
  s3DestinationFailureAlarmed,
  s3DestinationSqsConsumer,
  s3DestinationLambdaRetries,
];
