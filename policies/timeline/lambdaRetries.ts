import { TIMELINE_DOCS } from "./docs";
import { formatDuration as d } from "./duration";
import type { FailurePath, TimelineFinding } from "./model";
import { lambdaAttemptStarts } from "./timing";

/**
 * An asynchronous invocation's retries happen as configured only when the maximum event age
 * leaves room for them: Lambda waits 1 minute, then 2, between attempts, and an event older than
 * the maximum age goes to the on-failure destination without its remaining retries.
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html
 */
export function lambdaRetryRules(path: FailurePath): TimelineFinding[] {
  const { stage } = path;
  if (stage.kind !== "lambda" || stage.maxEventAgeSeconds === undefined) return [];
  // Stryker disable next-line ConditionalExpression: equivalent, unknown retries would give one attempt, at 0 s, within any age
  if (stage.retries === undefined) return [];
  // Unknown timeout: the shortest a function can run, so the finding holds whatever it is.
  const timeout = stage.timeoutSeconds ?? 0;
  const lastStart = lambdaAttemptStarts(stage.retries, timeout).at(-1)!;
  if (stage.maxEventAgeSeconds >= lastStart) return [];
  return [
    {
      rule: "lambda-retries",
      setting: "stage.maxEventAgeSeconds",
      message:
        `the maximum event age (${d(stage.maxEventAgeSeconds)}) must leave room for the ${stage.retries} configured ${stage.retries === 1 ? "retry" : "retries"}, ` +
        `whose last starts ${d(lastStart)} after the first attempt (1 min, then 2 min apart` +
        `${stage.timeoutSeconds === undefined ? ", plus the function's run time" : `, after attempts of up to ${d(timeout)}`}); ` +
        `raise it to at least ${lastStart} s or lower the retries.`,
      doc: TIMELINE_DOCS.lambdaAsync,
    },
  ];
}
