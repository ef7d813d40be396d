import { TIMELINE_DOCS } from "./docs";
import { formatDuration as d } from "./duration";
import { MIN_LAMBDA_MAX_RECEIVE_COUNT, VISIBILITY_TO_TIMEOUT_RATIO, type FailurePath, type TimelineFinding } from "./model";

/**
 * A queue consumed by a Lambda function: a visibility timeout of at least 6x the function timeout
 * (else messages reappear while still being processed, or a throttled batch burns its receives),
 * `maxReceiveCount` at least 5 (a throttled poll counts as a receive), and partial batch responses
 * (else one failing message sends its whole batch back, and to the DLQ).
 * https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html
 */
export function sqsConsumerRules(path: FailurePath): TimelineFinding[] {
  const { stage } = path;
  // Stryker disable next-line ConditionalExpression: equivalent, only a queue stage has a consumer
  if (stage.kind !== "sqs") return [];
  if (!stage.consumer) return [];
  const { consumer } = stage;
  const findings: TimelineFinding[] = [];
  const at = (setting: TimelineFinding["setting"], message: string) =>
    findings.push({ rule: "sqs-consumer", setting, message, doc: TIMELINE_DOCS.lambdaSqs });
  const visibility = stage.visibilityTimeoutSeconds;
  const timeout = consumer.timeoutSeconds;
  // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent, an unknown setting makes the comparison false anyway
  if (visibility !== undefined && timeout !== undefined && visibility < timeout * VISIBILITY_TO_TIMEOUT_RATIO) {
    const needed = timeout * VISIBILITY_TO_TIMEOUT_RATIO;
    at(
      "stage.visibilityTimeoutSeconds",
      `the queue's visibility timeout (${d(visibility)}) is less than ${VISIBILITY_TO_TIMEOUT_RATIO}x the consumer's ` +
        `timeout (${d(timeout)}), so messages reappear while still being processed; set it to at least ${needed}.`,
    );
  }
  // Stryker disable next-line ConditionalExpression: equivalent, an unknown count makes the comparison false anyway
  if (stage.maxReceiveCount !== undefined && stage.maxReceiveCount < MIN_LAMBDA_MAX_RECEIVE_COUNT) {
    at(
      "stage.maxReceiveCount",
      `\`maxReceiveCount\` (${stage.maxReceiveCount}) must be at least ${MIN_LAMBDA_MAX_RECEIVE_COUNT} for a queue Lambda ` +
        `consumes, because a throttled poll also counts as a receive and would move healthy messages to the DLQ; set it to ${MIN_LAMBDA_MAX_RECEIVE_COUNT} or more.`,
    );
  }
  if (consumer.reportBatchItemFailures === false) {
    at(
      "stage.consumer.reportBatchItemFailures",
      `the consumer ${consumer.name} must report batch item failures (\`functionResponseTypes: ["ReportBatchItemFailures"]\`), ` +
        "because otherwise one failing message returns its whole batch to the queue, and every message in it toward the DLQ.",
    );
  }
  return findings;
}
