import type { PolicyResource } from "@pulumi/policy";
import { strict as assert } from "assert";
import {
  s3DestinationDlqOutlivesSource,
  s3DestinationDlqRetention,
  s3DestinationFailureAlarmed,
  s3DestinationLambdaRetries,
  s3DestinationSqsConsumer,
  timelinePolicies,
} from "../../../policies/rules/timelinePolicies";
import { checkStack, stackResource as r } from "../support";

const T = {
  notification: "aws:s3/bucketNotification:BucketNotification",
  fn: "aws:lambda/function:Function",
  invokeConfig: "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
  mapping: "aws:lambda/eventSourceMapping:EventSourceMapping",
  queue: "aws:sqs/queue:Queue",
  topic: "aws:sns/topic:Topic",
  subscription: "aws:sns/topicSubscription:TopicSubscription",
  eventRule: "aws:cloudwatch/eventRule:EventRule",
  eventTarget: "aws:cloudwatch/eventTarget:EventTarget",
  alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
};
const DAY = 86_400;

interface Options {
  fifo?: boolean;
  queue?: Record<string, unknown>;
  queueDlq?: Record<string, unknown>;
  lambdaDlq?: Record<string, unknown>;
  invokeConfig?: Record<string, unknown>;
  mapping?: Record<string, unknown>;
  omitAlarms?: readonly string[];
}

/** The paths the components build, one per destination kind, every setting a literal. */
function chain(o: Options = {}): PolicyResource[] {
  const alarm = (name: string, target: PolicyResource, metricName = "ApproximateNumberOfMessagesVisible", threshold = 0) =>
    o.omitAlarms?.includes(name)
      ? []
      : [r(T.alarm, name, { metricName, period: 60, evaluationPeriods: 1, threshold, comparisonOperator: "GreaterThanThreshold", alarmActions: ["arn:topic"] }, { dimensions: [target] })];
  const dlqProps = { messageRetentionSeconds: 14 * DAY };
  const fn = r(T.fn, "fn", { timeout: 30 });
  const fnDlq = r(T.queue, "fn-dlq", { ...dlqProps, ...o.lambdaDlq });
  const invokeConfig = r(T.invokeConfig, "fn-async", { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 3_600, ...o.invokeConfig }, { functionName: [fn], destinationConfig: [fnDlq] });
  const fifo = o.fifo ? { fifoQueue: true } : {};
  const queueDlq = r(T.queue, "q-dlq", { ...dlqProps, ...fifo, ...o.queueDlq });
  const queue = r(
    T.queue,
    "q",
    { messageRetentionSeconds: 4 * DAY, visibilityTimeoutSeconds: 360, redrivePolicy: JSON.stringify({ deadLetterTargetArn: "arn", maxReceiveCount: 5 }), ...fifo, ...o.queue },
    { redrivePolicy: [queueDlq] },
  );
  const consumer = r(T.fn, "consumer", { timeout: 60 });
  const mapping = r(T.mapping, "q-consumer", { functionResponseTypes: ["ReportBatchItemFailures"], ...o.mapping }, { eventSourceArn: [queue], functionName: [consumer] });
  const topic = r(T.topic, "t", {});
  const subDlq = r(T.queue, "sub-dlq", dlqProps);
  const subscription = r(T.subscription, "sub", { protocol: "sqs" }, { topic: [topic], redrivePolicy: [subDlq] });
  const eventRule = r(T.eventRule, "rule", { eventPattern: JSON.stringify({ source: ["aws.s3"], detail: { bucket: { name: ["acme"] } } }) });
  const targetDlq = r(T.queue, "target-dlq", dlqProps);
  const target = r(T.eventTarget, "target", { retryPolicy: { maximumRetryAttempts: 185, maximumEventAgeInSeconds: DAY } }, { rule: [eventRule], deadLetterConfig: [targetDlq] });
  const notification = r(
    T.notification,
    "n",
    {
      bucket: "acme",
      eventbridge: true,
      lambdaFunctions: [{ id: "jpg", events: ["s3:ObjectCreated:*"], filterPrefix: "images/" }],
      queues: [{ id: "csv", events: ["s3:ObjectCreated:*"], filterPrefix: "in/" }],
      topics: [{ id: "del", events: ["s3:ObjectRemoved:*"], filterPrefix: "records/" }],
    },
    { lambdaFunctions: [fn], queues: [queue], topics: [topic] },
  );
  return [
    fn, fnDlq, invokeConfig, queueDlq, queue, consumer, mapping, topic, subDlq, subscription, eventRule, targetDlq, target, notification,
    ...alarm("fn-dlq-visible", fnDlq),
    ...alarm("q-dlq-visible", queueDlq),
    ...alarm("q-oldest", queue, "ApproximateAgeOfOldestMessage", 3_600),
    ...alarm("sub-dlq-visible", subDlq),
    ...alarm("target-dlq-visible", targetDlq),
  ];
}

const messages = async (policy: (typeof timelinePolicies)[number], resources: PolicyResource[], config?: object) =>
  (await checkStack(policy, resources, config)).map((v) => v.message);

describe("timeline policies", () => {
  for (const fifo of [false, true]) {
    describe(`with a ${fifo ? "FIFO" : "standard"} destination queue`, () => {
      it("find nothing wrong with the paths the components build", async () => {
        for (const policy of timelinePolicies) assert.deepEqual((await messages(policy, chain({ fifo }))), [], policy.name);
      });

      it(`s3-destination-dlq-outlives-source: a DLQ keeping messages ${fifo ? "less" : "no longer"} than its source`, async () => {
        const equal = chain({ fifo, queue: { messageRetentionSeconds: 7 * DAY }, queueDlq: { messageRetentionSeconds: 7 * DAY } });
        assert.equal((await messages(s3DestinationDlqOutlivesSource, equal)).length, fifo ? 0 : 1);
        const shorter = chain({ fifo, queue: { messageRetentionSeconds: 7 * DAY }, queueDlq: { messageRetentionSeconds: 7 * DAY - 60 } });
        const [message] = (await messages(s3DestinationDlqOutlivesSource, shorter));
        assert.match(message, /^aws:sqs\/queue:Queue `q`, on a failure path of aws:s3\/bucketNotification:BucketNotification `n` and its dead-letter queue aws:sqs\/queue:Queue `q-dlq`: the dead-letter queue's retention \(604740 s = 7 d\) must be/);
        assert.match(message, /https:\/\/docs\.aws\.amazon\.com\/AWSSimpleQueueService\/latest\/SQSDeveloperGuide\/setting-up-dead-letter-queue-retention\.html$/);
      });

      it("s3-destination-dlq-outlives-source: an absent retention is SQS's 4-day default, on both queues", async () => {
        const defaults = chain({ fifo, queue: { messageRetentionSeconds: undefined }, queueDlq: { messageRetentionSeconds: undefined } });
        assert.equal((await messages(s3DestinationDlqOutlivesSource, defaults)).length, fifo ? 0 : 1);
      });

      it("s3-destination-sqs-consumer: a short visibility timeout, few receives, no batch item failures", async () => {
        assert.equal((await messages(s3DestinationSqsConsumer, chain({ fifo, queue: { visibilityTimeoutSeconds: 359 } }))).length, 1);
        const few = chain({ fifo, queue: { redrivePolicy: JSON.stringify({ deadLetterTargetArn: "arn", maxReceiveCount: 4 }) } });
        assert.match((await messages(s3DestinationSqsConsumer, few))[0], /`maxReceiveCount` \(4\) must be at least 5/);
        assert.equal((await messages(s3DestinationSqsConsumer, chain({ fifo, mapping: { functionResponseTypes: undefined } }))).length, 1);
      });

      it("s3-destination-failure-alarmed: a DLQ without an alarm, a queue without an oldest-message alarm", async () => {
        assert.match((await messages(s3DestinationFailureAlarmed, chain({ fifo, omitAlarms: ["q-dlq-visible"] })))[0], /the dead-letter queue q-dlq must have an alarm/);
        assert.match((await messages(s3DestinationFailureAlarmed, chain({ fifo, omitAlarms: ["q-oldest"] })))[0], /the queue q must have an `ApproximateAgeOfOldestMessage` alarm/);
      });
    });
  }

  it("s3-destination-dlq-retention: every kind of DLQ keeps the event the response window after its alarm", async () => {
    for (const [what, options] of [
      ["lambda", { lambdaDlq: { messageRetentionSeconds: 3 * DAY } }],
      // Without an oldest-message alarm a message may wait its whole 10 days before failing into the DLQ.
      ["standard queue", { queue: { messageRetentionSeconds: 10 * DAY }, queueDlq: { messageRetentionSeconds: 11 * DAY }, omitAlarms: ["q-oldest"] }],
    ] as const) {
      assert.equal((await messages(s3DestinationDlqRetention, chain(options))).length, 1, what);
      assert.deepEqual((await messages(s3DestinationDlqRetention, chain(options), { responseWindowSeconds: 12 * 3_600 })), [], `${what}, with a 12-hour window`);
    }
  });

  it("s3-destination-lambda-retries: a maximum event age that cuts the retries", async () => {
    assert.match((await messages(s3DestinationLambdaRetries, chain({ invokeConfig: { maximumEventAgeInSeconds: 200 } })))[0], /must leave room for the 2 configured retries/);
  });

  describe("past an EventBridge target that is a queue or topic", () => {
    /** The chain, with its EventBridge rule's target delivering to a queue (redriven to its DLQ) or a topic. */
    const eventBridgeTo = (o: { queueDlqRetention?: number; omitAlarms?: string[]; topic?: boolean }) => {
      const resources = chain({ omitAlarms: o.omitAlarms });
      const dlq = r(T.queue, "jobs-dlq", { messageRetentionSeconds: o.queueDlqRetention ?? 14 * DAY });
      const jobs = r(T.queue, "jobs", { messageRetentionSeconds: 4 * DAY, redrivePolicy: JSON.stringify({ maxReceiveCount: 5 }) }, { redrivePolicy: [dlq] });
      const feed = r(T.topic, "feed", {});
      const readerDlq = r(T.queue, "reader-dlq", { messageRetentionSeconds: o.queueDlqRetention ?? 14 * DAY });
      const reader = r(T.subscription, "reader", { protocol: "sqs" }, { topic: [feed], redrivePolicy: [readerDlq] });
      const target = resources.find((x) => x.name === "target")!;
      const delivered = o.topic ? [feed, readerDlq, reader] : [dlq, jobs];
      const alarmed = o.topic ? [readerDlq] : [dlq];
      const alarms = alarmed
        .filter((q) => !o.omitAlarms?.includes(`${q.name}-visible`))
        .map((q) => r(T.alarm, `${q.name}-visible`, { metricName: "ApproximateNumberOfMessagesVisible", period: 60, evaluationPeriods: 1, threshold: 0, comparisonOperator: "GreaterThanThreshold", alarmActions: ["arn:topic"] }, { dimensions: [q] }));
      const oldest = o.topic || o.omitAlarms?.includes("jobs-oldest") ? [] : [r(T.alarm, "jobs-oldest", { metricName: "ApproximateAgeOfOldestMessage", period: 60, evaluationPeriods: 1, threshold: 3_600, comparisonOperator: "GreaterThanThreshold", alarmActions: ["arn:topic"] }, { dimensions: [jobs] })];
      const retargeted = { ...target, propertyDependencies: { ...target.propertyDependencies, arn: [o.topic ? feed : jobs] } };
      return [...resources.filter((x) => x !== target), retargeted, ...delivered, ...alarms, ...oldest];
    };

    it("judge the target queue's own DLQ: it must outlive the queue and be alarmed", async () => {
      for (const policy of timelinePolicies) assert.deepEqual(await messages(policy, eventBridgeTo({})), [], policy.name);
      const [outlives] = await messages(s3DestinationDlqOutlivesSource, eventBridgeTo({ queueDlqRetention: 4 * DAY }));
      assert.match(outlives, /^aws:sqs\/queue:Queue `jobs`, on a failure path of .* `n` and its dead-letter queue aws:sqs\/queue:Queue `jobs-dlq`: the dead-letter queue's retention/);
      const alarmed = await messages(s3DestinationFailureAlarmed, eventBridgeTo({ omitAlarms: ["jobs-dlq-visible", "jobs-oldest"] }));
      assert.equal(alarmed.length, 2);
      assert.match(alarmed.join("\n"), /the dead-letter queue jobs-dlq must have an alarm/);
      assert.match(alarmed.join("\n"), /the queue jobs must have an `ApproximateAgeOfOldestMessage` alarm/);
    });

    it("judge each subscription of the target topic with its DLQ", async () => {
      for (const policy of timelinePolicies) assert.deepEqual(await messages(policy, eventBridgeTo({ topic: true })), [], policy.name);
      const [message] = await messages(s3DestinationFailureAlarmed, eventBridgeTo({ topic: true, omitAlarms: ["reader-dlq-visible"] }));
      assert.match(message, /^aws:sns\/topicSubscription:TopicSubscription `reader`, on a failure path of .*: the dead-letter queue reader-dlq must have an alarm/);
    });
  });

  it("judge nothing that is not a literal", async () => {
    const unknown = { messageRetentionSeconds: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" };
    for (const policy of timelinePolicies) assert.deepEqual((await messages(policy, chain({ queue: unknown, queueDlq: unknown }))), [], policy.name);
  });
});

describe("timeline policies: each path once, named with its dead-letter queue when it has one", () => {
  const fn = r(T.fn, "fn", { timeout: 30 });
  const config = r(T.invokeConfig, "fn-async", { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 200 }, { functionName: [fn] });
  const notification = (name: string) => r(T.notification, name, { lambdaFunctions: [{ id: "jpg", events: ["s3:ObjectCreated:*"], filterPrefix: "images/" }] }, { lambdaFunctions: [fn] });

  it("reports a path without a dead-letter queue once, though two notifications share it", async () => {
    const found = await messages(s3DestinationLambdaRetries, [fn, config, notification("n"), notification("n2")]);
    assert.equal(found.length, 1);
    assert.match(found[0], /^aws:lambda\/function:Function `fn`, on a failure path of aws:s3\/bucketNotification:BucketNotification `n`: .*must leave room for the 2 configured retries/);
  });
});
