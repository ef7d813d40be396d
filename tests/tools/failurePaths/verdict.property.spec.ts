/**
 * The failure-path report's verdict against an independent, step-by-step simulation of a
 * destination that keeps failing. The simulation follows one event through time (receives, moves,
 * expiries, alarms) under every consumer stall that matters, with these conventions, which are the
 * timeline's: an event exists until its expiry instant inclusive; a queue message moves to its DLQ
 * when it becomes visible after its last failed receive, if it still exists; a CloudWatch alarm
 * fires 15 minutes (an idle queue's metrics) plus period x datapoints after its condition starts,
 * if the condition still holds; the oldest-message metric counts a message only while it waits
 * unreceived. The event is kept when some alarm fires and the event still exists a response window later.
 */
import { strict as assert } from "assert";
import fc from "fast-check";
import type { GraphResource } from "../../../policies/resources/failurePaths";
import { failurePathsReport } from "../../../tools/failurePaths/report";

interface Alarm {
  metricName: string;
  period: number;
  evaluationPeriods: number;
  threshold: number;
  comparisonOperator: string;
}

interface QueueCase {
  kind: "sqs";
  fifo: boolean;
  retention: number;
  dlqRetention: number;
  maxReceiveCount: number;
  visibility: number;
  timeout: number;
  oldest: Alarm | undefined;
  dlqAlarm: Alarm | undefined;
  window: number;
}

interface AsyncCase {
  kind: "lambda" | "sns" | "eventbridge";
  retries: number;
  maxEventAge: number;
  timeout: number;
  dlqRetention: number;
  dlqAlarm: Alarm | undefined;
  window: number;
}

const minutes = (min: number, max: number) => fc.integer({ min, max }).map((m) => m * 60);
const alarm = (metricName: string, threshold: fc.Arbitrary<number>, comparisons: string[]) =>
  fc.record({
    metricName: fc.constant(metricName),
    period: fc.constantFrom(60, 300),
    evaluationPeriods: fc.integer({ min: 1, max: 3 }),
    threshold,
    comparisonOperator: fc.constantFrom(...comparisons),
  });
const dlqAlarm = fc.option(
  fc.oneof(
    { weight: 4, arbitrary: alarm("ApproximateNumberOfMessagesVisible", fc.constantFrom(0, 1), ["GreaterThanThreshold", "GreaterThanOrEqualToThreshold"]) },
    { weight: 1, arbitrary: alarm("NumberOfMessagesSent", fc.constant(0), ["GreaterThanThreshold"]) },
  ),
  { freq: 5, nil: undefined },
);
const retention = fc.oneof(minutes(1, 20_160), fc.constantFrom(1, 2, 3, 4, 7, 10, 14).map((d) => d * 86_400));
const window = fc.oneof(minutes(0, 20_160), fc.constantFrom(1, 2, 3, 4, 7).map((d) => d * 86_400));

const queueCase: fc.Arbitrary<QueueCase> = fc.record({
  kind: fc.constant("sqs" as const),
  fifo: fc.boolean(),
  retention,
  dlqRetention: retention,
  maxReceiveCount: fc.integer({ min: 1, max: 10 }),
  visibility: fc.oneof(minutes(0, 720), fc.integer({ min: 0, max: 43_200 })),
  timeout: fc.integer({ min: 1, max: 900 }),
  oldest: fc.option(alarm("ApproximateAgeOfOldestMessage", minutes(0, 24 * 60), ["GreaterThanThreshold"]), { freq: 5, nil: undefined }),
  dlqAlarm,
  window,
});

/**
 * Cases on the edges, where an off-by-one in either side shows: the DLQ's retention or the source's
 * within 90 s of the least that keeps the event.
 */
const nudge = fc.integer({ min: -90, max: 90 });
const edgeQueueCase: fc.Arbitrary<QueueCase> = fc.tuple(queueCase, nudge, fc.boolean()).map(([c, delta, sourceEdge]) => {
  const dlqDelay = c.dlqAlarm ? alarmDelay(c.dlqAlarm) : METRIC_DELAY + 60;
  const oldestFires = c.oldest ? c.oldest.threshold + alarmDelay(c.oldest) : 0;
  if (sourceEdge) return { ...c, retention: Math.max(60, oldestFires + c.window + delta) };
  const least = c.fifo ? dlqDelay + c.window : oldestFires + c.maxReceiveCount * c.visibility + dlqDelay + c.window;
  return { ...c, dlqRetention: Math.max(60, least + delta) };
});

const asyncCase: fc.Arbitrary<AsyncCase> = fc.record({
  kind: fc.constantFrom("lambda" as const, "sns" as const, "eventbridge" as const),
  retries: fc.integer({ min: 0, max: 2 }),
  maxEventAge: fc.integer({ min: 60, max: 21_600 }),
  timeout: fc.integer({ min: 1, max: 900 }),
  dlqRetention: retention,
  dlqAlarm,
  window,
});

// ---- the simulation -------------------------------------------------------------------------

const METRIC_DELAY = 900;
const alarmDelay = (a: Alarm) => METRIC_DELAY + a.period * a.evaluationPeriods;
/**
 * Whether one visible message moves a DLQ alarm into ALARM: it breaches on one message and not
 * on an empty queue (an alarm acts only on a change of state, and one breaching on an empty queue
 * is in ALARM already).
 */
function breachesOnOne(a: Alarm | undefined): a is Alarm {
  if (!a || a.metricName !== "ApproximateNumberOfMessagesVisible") return false;
  const breaches = (visible: number) => (a.comparisonOperator === "GreaterThanThreshold" ? visible > a.threshold : visible >= a.threshold);
  return breaches(1) && !breaches(0);
}

/** Follows one message whose consumer stalls `stall` seconds, then fails every receive. */
function simulateQueue(c: QueueCase, stall: number): boolean {
  const alarms: number[] = [];
  let gone = c.retention; // expires from the source at its retention
  // The oldest-message alarm: its condition starts when the message passes the threshold unreceived.
  if (c.oldest) {
    const fires = c.oldest.threshold + alarmDelay(c.oldest);
    if (stall > fires && fires <= c.retention) alarms.push(fires);
  }
  // Receives, one visibility timeout apart; each fails.
  let t = stall;
  let receives = 0;
  while (receives < c.maxReceiveCount && t <= c.retention) {
    receives += 1;
    t += c.visibility;
  }
  if (receives === c.maxReceiveCount && t <= c.retention) {
    // Visible again after its last failed receive: moved to the DLQ now.
    const arrival = t;
    gone = c.fifo ? arrival + c.dlqRetention : c.dlqRetention; // standard: the original enqueue time counts
    if (gone >= arrival && breachesOnOne(c.dlqAlarm)) {
      const fires = arrival + alarmDelay(c.dlqAlarm);
      if (fires <= gone) alarms.push(fires);
    }
  }
  return alarms.some((a) => a + c.window <= gone);
}

/** Every stall that decides the outcome: none, the longest before the oldest-message alarm fires, just after, forever. */
function queueKept(c: QueueCase): boolean {
  const stalls = [0, c.retention + 1];
  if (c.oldest) {
    const fires = c.oldest.threshold + alarmDelay(c.oldest);
    stalls.push(fires, fires + 1);
  }
  return stalls.every((s) => simulateQueue(c, s));
}

/** Lambda, SNS and EventBridge retry, then send a new message to the DLQ. */
function asyncKept(c: AsyncCase): boolean {
  let arrival: number;
  if (c.kind === "lambda") {
    // Attempts fail; retries 1, then 2 minutes after the previous attempt ends, while the event is young enough.
    let t = 0;
    let attempt = 0;
    for (;;) {
      t += c.timeout; // the attempt runs and fails
      if (attempt === c.retries) break;
      const next = t + (attempt === 0 ? 60 : 120);
      if (next > c.maxEventAge) break;
      t = next;
      attempt += 1;
    }
    arrival = t;
  } else {
    arrival = c.kind === "sns" ? 23 * 86_400 : c.maxEventAge;
  }
  const gone = arrival + c.dlqRetention;
  if (!breachesOnOne(c.dlqAlarm)) return false;
  const fires = arrival + alarmDelay(c.dlqAlarm);
  return fires <= gone && fires + c.window <= gone;
}

// ---- the same settings as a stack, read by the report ---------------------------------------

function resource(type: string, name: string, props: Record<string, unknown>, deps: Record<string, GraphResource[]> = {}): GraphResource {
  return { urn: `urn:pulumi:prop::app::${type}::${name}`, type, name, props, propertyDependencies: deps };
}
const alarmResource = (name: string, a: Alarm | undefined, target: GraphResource) =>
  a ? [resource("aws:cloudwatch/metricAlarm:MetricAlarm", name, { ...a }, { dimensions: [target] })] : [];

function queueStack(c: QueueCase): GraphResource[] {
  const fifo = c.fifo ? { fifoQueue: true } : {};
  const dlq = resource("aws:sqs/queue:Queue", "jobs-dlq", { messageRetentionSeconds: c.dlqRetention, ...fifo });
  const queue = resource(
    "aws:sqs/queue:Queue",
    "jobs",
    { messageRetentionSeconds: c.retention, visibilityTimeoutSeconds: c.visibility, redrivePolicy: JSON.stringify({ deadLetterTargetArn: "arn", maxReceiveCount: c.maxReceiveCount }), ...fifo },
    { redrivePolicy: [dlq] },
  );
  const fn = resource("aws:lambda/function:Function", "worker", { timeout: c.timeout });
  const mapping = resource("aws:lambda/eventSourceMapping:EventSourceMapping", "worker-jobs", { functionResponseTypes: ["ReportBatchItemFailures"] }, { eventSourceArn: [queue], functionName: [fn] });
  const notification = resource("aws:s3/bucketNotification:BucketNotification", "n", { bucket: "b", queues: [{ id: "r", events: ["s3:ObjectCreated:*"], filterPrefix: "in/" }] }, { queues: [queue] });
  return [dlq, queue, fn, mapping, notification, ...alarmResource("jobs-oldest", c.oldest, queue), ...alarmResource("jobs-dlq-visible", c.dlqAlarm, dlq)];
}

function asyncStack(c: AsyncCase): GraphResource[] {
  const dlq = resource("aws:sqs/queue:Queue", "dlq", { messageRetentionSeconds: c.dlqRetention });
  const alarms = alarmResource("dlq-visible", c.dlqAlarm, dlq);
  const notify = (props: Record<string, unknown>, deps: Record<string, GraphResource[]>) =>
    resource("aws:s3/bucketNotification:BucketNotification", "n", { bucket: "b", ...props }, deps);
  const entry = [{ id: "r", events: ["s3:ObjectCreated:*"], filterPrefix: "in/" }];
  if (c.kind === "lambda") {
    const fn = resource("aws:lambda/function:Function", "fn", { timeout: c.timeout });
    const config = resource(
      "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
      "fn-async",
      { maximumRetryAttempts: c.retries, maximumEventAgeInSeconds: c.maxEventAge },
      { functionName: [fn], destinationConfig: [dlq] },
    );
    return [dlq, fn, config, notify({ lambdaFunctions: entry }, { lambdaFunctions: [fn] }), ...alarms];
  }
  if (c.kind === "sns") {
    const topic = resource("aws:sns/topic:Topic", "t", {});
    const sub = resource("aws:sns/topicSubscription:TopicSubscription", "t-sub", { protocol: "sqs" }, { topic: [topic], redrivePolicy: [dlq] });
    return [dlq, topic, sub, notify({ topics: entry }, { topics: [topic] }), ...alarms];
  }
  const rule = resource("aws:cloudwatch/eventRule:EventRule", "rule", { eventPattern: JSON.stringify({ source: ["aws.s3"], detail: { bucket: { name: ["b"] } } }) });
  const target = resource(
    "aws:cloudwatch/eventTarget:EventTarget",
    "target",
    { retryPolicy: { maximumRetryAttempts: 185, maximumEventAgeInSeconds: c.maxEventAge } },
    { rule: [rule], deadLetterConfig: [dlq] },
  );
  return [dlq, rule, target, notify({ eventbridge: true }, {}), ...alarms];
}

function reportedVerdict(resources: GraphResource[], window: number): string {
  const report = failurePathsReport("app", "prop", resources, window);
  assert.equal(report.paths.length, 1);
  return report.paths[0].timeline.verdict;
}

const edgeAsyncCase: fc.Arbitrary<AsyncCase> = fc.tuple(asyncCase, nudge).map(([c, delta]) => ({
  ...c,
  dlqRetention: Math.max(60, (c.dlqAlarm ? alarmDelay(c.dlqAlarm) : METRIC_DELAY + 60) + c.window + delta),
}));

describe("the failure-path report's verdict", () => {
  it("agrees with a step-by-step simulation of a failing consumer, for random queue settings (standard and FIFO)", () => {
    fc.assert(
      fc.property(fc.oneof(queueCase, edgeQueueCase), (c) => {
        const expected = queueKept(c) ? "kept" : "can expire unseen";
        assert.equal(reportedVerdict(queueStack(c), c.window), expected);
      }),
      { numRuns: 3_000 },
    );
  });

  it("agrees with a simulation of failing Lambda, SNS and EventBridge deliveries, for random retries, ages and retentions", () => {
    fc.assert(
      fc.property(fc.oneof(asyncCase, edgeAsyncCase), (c) => {
        const expected = asyncKept(c) ? "kept" : "can expire unseen";
        assert.equal(reportedVerdict(asyncStack(c), c.window), expected);
      }),
      { numRuns: 2_000 },
    );
  });

  it("finds both verdicts among the random cases: the property is not vacuous", () => {
    const verdicts = fc.sample(fc.oneof(queueCase, edgeQueueCase), 500).map(queueKept);
    assert.ok(verdicts.includes(true) && verdicts.includes(false));
    const asyncVerdicts = fc.sample(fc.oneof(asyncCase, edgeAsyncCase), 500).map(asyncKept);
    assert.ok(asyncVerdicts.includes(true) && asyncVerdicts.includes(false));
  });
});
