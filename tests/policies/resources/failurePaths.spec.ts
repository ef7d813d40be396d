import { strict as assert } from "assert";
import type { PolicyResource } from "@pulumi/policy";
import { FailurePathGraph, type GraphFailurePath } from "../../../policies/resources/failurePaths";
import { stackResource as r, UNKNOWN } from "../support";

const T = {
  notification: "aws:s3/bucketNotification:BucketNotification",
  fn: "aws:lambda/function:Function",
  invokeConfig: "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
  mapping: "aws:lambda/eventSourceMapping:EventSourceMapping",
  queue: "aws:sqs/queue:Queue",
  redrivePolicy: "aws:sqs/redrivePolicy:RedrivePolicy",
  topic: "aws:sns/topic:Topic",
  subscription: "aws:sns/topicSubscription:TopicSubscription",
  eventRule: "aws:cloudwatch/eventRule:EventRule",
  eventTarget: "aws:cloudwatch/eventTarget:EventTarget",
  alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
};
const DAY = 86_400;
const ARN = { fn: "arn:aws:lambda:us-east-1:111122223333:function:thumbs", queue: "arn:aws:sqs:us-east-1:111122223333:ingest" };

const alarm = (name: string, on: PolicyResource, props: Record<string, unknown> = {}) =>
  r(T.alarm, name, { metricName: "ApproximateNumberOfMessagesVisible", period: 60, evaluationPeriods: 1, datapointsToAlarm: 1, threshold: 0, comparisonOperator: "GreaterThanThreshold", alarmActions: ["arn:aws:sns:us-east-1:111122223333:ops"], ...props }, { dimensions: [on] });
const ALARM = { metricName: "ApproximateNumberOfMessagesVisible", periodSeconds: 60, evaluationPeriods: 1, datapointsToAlarm: 1, threshold: 0, comparison: "GreaterThanThreshold", notifies: true };

/** The paths as names and settings, so a whole path reads in one assertion. */
const readable = (paths: GraphFailurePath[]) =>
  paths.map((p) => ({ notification: p.notification.name, rules: p.rules, destination: p.destination.name, stage: p.stageResource.name, dlq: p.deadLetterQueue?.name, path: p.path }));
const pathsOf = (resources: PolicyResource[]) => readable(new FailurePathGraph(resources).paths());

describe("failure paths read from a resource graph", () => {
  describe("a queue destination", () => {
    const dlq = r(T.queue, "q-dlq", { messageRetentionSeconds: 14 * DAY, fifoQueue: false });
    const queue = r(T.queue, "q", { messageRetentionSeconds: 4 * DAY, visibilityTimeoutSeconds: 360, redrivePolicy: JSON.stringify({ maxReceiveCount: 5 }) }, { redrivePolicy: [dlq] });
    const consumer = r(T.fn, "consumer", { timeout: 60 });
    const mapping = r(T.mapping, "q-consumer", { functionResponseTypes: ["ReportBatchItemFailures"] }, { eventSourceArn: [queue], functionName: [consumer] });
    const notification = r(T.notification, "n", { queues: [{ id: "csv", events: ["s3:ObjectCreated:*"] }] }, { queues: [queue] });

    it("reads its retention, visibility, receives, consumer, DLQ and the alarms on both", () => {
      const oldest = alarm("q-oldest", queue, { metricName: "ApproximateAgeOfOldestMessage", threshold: 3_600 });
      const other = alarm("q-dlq-other", dlq, { metricName: "NumberOfMessagesSent" });
      const visible = alarm("q-dlq-visible", dlq);
      assert.deepEqual(pathsOf([notification, queue, dlq, consumer, mapping, oldest, other, visible]), [
        {
          notification: "n",
          rules: ["csv"],
          destination: "q",
          stage: "q",
          dlq: "q-dlq",
          path: {
            stage: {
              kind: "sqs",
              name: "q",
              retentionSeconds: 4 * DAY,
              fifo: false,
              visibilityTimeoutSeconds: 360,
              maxReceiveCount: 5,
              consumer: { name: "consumer", timeoutSeconds: 60, reportBatchItemFailures: true },
              oldestMessageAlarm: { name: "q-oldest", ...ALARM, metricName: "ApproximateAgeOfOldestMessage", threshold: 3_600 },
            },
            deadLetter: { name: "q-dlq", retentionSeconds: 14 * DAY, fifo: false, alarm: { name: "q-dlq-visible", ...ALARM } },
          },
        },
      ]);
    });

    it("takes SQS's and Lambda's defaults for what is absent, and reads no receive count without a DLQ", () => {
      const bare = r(T.queue, "q", { redrivePolicy: JSON.stringify({ maxReceiveCount: 5 }) });
      const fn = r(T.fn, "consumer", {});
      const m = r(T.mapping, "q-consumer", {}, { eventSourceArn: [bare], functionName: [fn] });
      const n = r(T.notification, "n", { queues: [{ id: "csv", events: ["s3:ObjectCreated:*"] }] }, { queues: [bare] });
      assert.deepEqual(pathsOf([n, bare, fn, m])[0].path, {
        stage: {
          kind: "sqs",
          name: "q",
          retentionSeconds: 345_600,
          fifo: false,
          visibilityTimeoutSeconds: 30,
          maxReceiveCount: undefined,
          consumer: { name: "consumer", timeoutSeconds: 3, reportBatchItemFailures: false },
          oldestMessageAlarm: undefined,
        },
        deadLetter: undefined,
      });
    });

    it("reads a receive count written as text, and none from a value it cannot read", () => {
      const count = (redrivePolicy: unknown) => {
        const q = r(T.queue, "q", { redrivePolicy }, { redrivePolicy: [dlq] });
        const n = r(T.notification, "n", { queues: [{ id: "csv" }] }, { queues: [q] });
        const [p] = new FailurePathGraph([n, q, dlq]).paths();
        return p.path.stage.kind === "sqs" ? p.path.stage.maxReceiveCount : "not a queue";
      };
      assert.equal(count({ maxReceiveCount: 7 }), 7);
      assert.equal(count(JSON.stringify({ maxReceiveCount: "12" })), 12);
      assert.equal(count(JSON.stringify({ maxReceiveCount: ["5"] })), undefined);
      assert.equal(count([JSON.stringify({ maxReceiveCount: 5 })]), undefined);
      assert.equal(count(JSON.stringify({ maxReceiveCount: "8x" })), undefined);
      assert.equal(count(JSON.stringify({ maxReceiveCount: "x8" })), undefined);
      assert.equal(count(JSON.stringify({ maxReceiveCount: true })), undefined);
      assert.equal(count("{not json"), undefined);
      assert.equal(count(JSON.stringify([5])), undefined);
      assert.equal(count(5), undefined);
      assert.equal(count(UNKNOWN), undefined);
    });

    it("reads settings that are not literals as unknown, never as the defaults", () => {
      const q = r(T.queue, "q", { messageRetentionSeconds: UNKNOWN, visibilityTimeoutSeconds: "30", fifoQueue: "false" });
      const fn = r(T.fn, "consumer", { timeout: Number.POSITIVE_INFINITY });
      const m = r(T.mapping, "q-consumer", { functionResponseTypes: "ReportBatchItemFailures" }, { eventSourceArn: [q], functionName: [fn] });
      const n = r(T.notification, "n", { queues: [{ id: "csv" }] }, { queues: [q] });
      const [p] = new FailurePathGraph([n, q, fn, m]).paths();
      assert.deepEqual(p.path.stage, {
        kind: "sqs",
        name: "q",
        retentionSeconds: undefined,
        fifo: undefined,
        visibilityTimeoutSeconds: undefined,
        maxReceiveCount: undefined,
        consumer: { name: "consumer", timeoutSeconds: undefined, reportBatchItemFailures: undefined },
        oldestMessageAlarm: undefined,
      });
    });

    it("finds the DLQ and alarms among other dependencies, and no oldest-message alarm in another metric's", () => {
      const role = r("aws:iam/role:Role", "role", {});
      const q = r(T.queue, "q", {}, { redrivePolicy: [role, dlq] });
      const n = r(T.notification, "n", { queues: [{ id: "csv" }] }, { queues: [q] });
      const shared = r(T.alarm, "shared", { metricName: "ApproximateNumberOfMessagesVisible" }, { dimensions: [role, dlq] });
      const notOldest = alarm("q-visible", q);
      const [p] = pathsOf([n, q, dlq, role, shared, notOldest]);
      assert.equal(p.dlq, "q-dlq");
      assert.equal(p.path.deadLetter?.alarm?.name, "shared");
      assert.equal(p.path.stage.kind === "sqs" && p.path.stage.oldestMessageAlarm, undefined);
    });

    it("finds the DLQ through an aws.sqs.RedrivePolicy resource, and names a consumer without a function by its mapping", () => {
      const q = r(T.queue, "q", {});
      const redrive = r(T.redrivePolicy, "q-redrive", { redrivePolicy: JSON.stringify({ maxReceiveCount: 3 }) }, { queueUrl: [q], redrivePolicy: [dlq] });
      const m = r(T.mapping, "q-consumer", { functionResponseTypes: null }, { eventSourceArn: [q] });
      const n = r(T.notification, "n", { queues: [{ id: "csv" }] }, { queues: [q] });
      const [p] = pathsOf([n, q, dlq, redrive, m]);
      assert.equal(p.dlq, "q-dlq");
      assert.equal(p.path.stage.kind === "sqs" && p.path.stage.maxReceiveCount, 3);
      assert.deepEqual(p.path.stage.kind === "sqs" && p.path.stage.consumer, { name: "q-consumer", timeoutSeconds: undefined, reportBatchItemFailures: false });
    });

    it("takes the queue's own redrive policy over a RedrivePolicy resource, and ignores resources for other queues", () => {
      const otherDlq = r(T.queue, "other-dlq", {});
      const other = r(T.queue, "other", {});
      const redrive = r(T.redrivePolicy, "q-redrive", {}, { queueUrl: [queue], redrivePolicy: [otherDlq] });
      const elsewhere = r(T.mapping, "other-consumer", {}, { eventSourceArn: [other], functionName: [consumer] });
      const [p] = pathsOf([notification, queue, dlq, redrive, other, otherDlq, elsewhere]);
      assert.equal(p.dlq, "q-dlq");
      assert.equal(p.path.stage.kind === "sqs" && p.path.stage.consumer, undefined);
    });

    it("takes the first alarm on a DLQ when none watches its visible messages, and reads an alarm's settings as they are", () => {
      const first = alarm("q-dlq-sent", dlq, { metricName: "NumberOfMessagesSent", alarmActions: [], datapointsToAlarm: undefined, comparisonOperator: 3 });
      const second = alarm("q-dlq-received", dlq, { metricName: "NumberOfMessagesReceived", alarmActions: undefined });
      const [p] = pathsOf([notification, queue, dlq, first, second]);
      assert.deepEqual(p.path.deadLetter?.alarm, { ...ALARM, name: "q-dlq-sent", metricName: "NumberOfMessagesSent", notifies: false, datapointsToAlarm: undefined, comparison: undefined });
      const unknownActions = alarm("q-dlq-visible", dlq, { alarmActions: UNKNOWN, metricName: 7, period: "60" });
      assert.deepEqual(pathsOf([notification, queue, dlq, unknownActions])[0].path.deadLetter?.alarm, { ...ALARM, name: "q-dlq-visible", metricName: undefined, periodSeconds: undefined, notifies: undefined });
      const noActions = alarm("q-dlq-visible", dlq, { alarmActions: undefined });
      assert.equal(pathsOf([notification, queue, dlq, noActions])[0].path.deadLetter?.alarm?.notifies, false);
    });

    it("reads a FIFO DLQ, and an absent or null retention as the default", () => {
      const fifo = r(T.queue, "q-dlq", { fifoQueue: true, messageRetentionSeconds: null });
      const q = r(T.queue, "q", { fifoQueue: null }, { redrivePolicy: [fifo] });
      const n = r(T.notification, "n", { queues: [{ id: "csv" }] }, { queues: [q] });
      assert.deepEqual(pathsOf([n, q, fifo])[0].path.deadLetter, { name: "q-dlq", retentionSeconds: 345_600, fifo: true, alarm: undefined });
      const { stage } = pathsOf([n, q, fifo])[0].path;
      assert.equal(stage.kind === "sqs" && stage.fifo, false);
    });
  });

  describe("a Lambda destination", () => {
    const fn = r(T.fn, "fn", { timeout: 30, arn: ARN.fn });
    const dlq = r(T.queue, "fn-dlq", { messageRetentionSeconds: 14 * DAY });
    const notification = r(T.notification, "n", { lambdaFunctions: [{ id: "jpg", events: ["s3:ObjectCreated:*"], lambdaFunctionArn: ARN.fn }] }, { lambdaFunctions: [fn] });

    it("reads the retries and event age of its invoke config, and the on-failure queue", () => {
      const config = r(T.invokeConfig, "fn-async", { maximumRetryAttempts: 1, maximumEventAgeInSeconds: 3_600 }, { functionName: [fn], destinationConfig: [dlq] });
      assert.deepEqual(pathsOf([notification, fn, dlq, config]), [
        {
          notification: "n",
          rules: ["jpg"],
          destination: "fn",
          stage: "fn",
          dlq: "fn-dlq",
          path: {
            stage: { kind: "lambda", name: "fn", retries: 1, maxEventAgeSeconds: 3_600, timeoutSeconds: 30 },
            deadLetter: { name: "fn-dlq", retentionSeconds: 14 * DAY, fifo: false, alarm: undefined },
          },
        },
      ]);
    });

    it("takes Lambda's defaults without an invoke config or its settings, and the function's own dead-letter queue", () => {
      const own = r(T.fn, "fn", {}, { deadLetterConfig: [dlq] });
      const n = r(T.notification, "n", { lambdaFunctions: [{ id: "jpg" }] }, { lambdaFunctions: [own] });
      const [p] = pathsOf([n, own, dlq]);
      assert.equal(p.dlq, "fn-dlq");
      assert.deepEqual(p.path.stage, { kind: "lambda", name: "fn", retries: 2, maxEventAgeSeconds: 21_600, timeoutSeconds: 3 });
      const config = r(T.invokeConfig, "fn-async", {}, { functionName: [own] });
      assert.deepEqual(pathsOf([n, own, dlq, config])[0].path.stage, { kind: "lambda", name: "fn", retries: 2, maxEventAgeSeconds: 21_600, timeoutSeconds: 3 });
      const unknown = r(T.invokeConfig, "fn-async", { maximumRetryAttempts: UNKNOWN, maximumEventAgeInSeconds: UNKNOWN }, { functionName: [own] });
      assert.deepEqual(pathsOf([n, own, dlq, unknown])[0].path.stage, { kind: "lambda", name: "fn", retries: undefined, maxEventAgeSeconds: undefined, timeoutSeconds: 3 });
    });

    it("pairs no rule with several functions whose ARNs nothing says", () => {
      const a = r(T.fn, "a", {});
      const b = r(T.fn, "b", {});
      const n = r(T.notification, "n", { lambdaFunctions: [{ id: "jpg" }] }, { lambdaFunctions: [a, b] });
      assert.deepEqual(pathsOf([n, a, b]).map((p) => [p.destination, p.rules]), [["a", []], ["b", []]]);
    });

    it("prefers the invoke config's on-failure queue to the function's dead-letter queue", () => {
      const own = r(T.fn, "fn", {}, { deadLetterConfig: [r(T.queue, "fn-own-dlq", {})] });
      const config = r(T.invokeConfig, "fn-async", {}, { functionName: [own], destinationConfig: [dlq] });
      const n = r(T.notification, "n", { lambdaFunctions: [{ id: "jpg" }] }, { lambdaFunctions: [own] });
      assert.equal(pathsOf([n, own, dlq, config])[0].dlq, "fn-dlq");
    });

    it("pairs each of several functions with the rules of its kind whose ARN names it", () => {
      const other = r(T.fn, "other", { arn: "arn:aws:lambda:us-east-1:111122223333:function:other" });
      const unknownArn = r(T.fn, "unknown", { arn: UNKNOWN });
      const n = r(
        T.notification,
        "n",
        {
          lambdaFunctions: [
            { id: "jpg", lambdaFunctionArn: ARN.fn },
            { id: "png", lambdaFunctionArn: "arn:aws:lambda:us-east-1:111122223333:function:other" },
            { id: "gif", lambdaFunctionArn: UNKNOWN },
          ],
          queues: [{ id: "csv", queueArn: ARN.fn }],
        },
        { lambdaFunctions: [fn, other, unknownArn, dlq] },
      );
      assert.deepEqual(
        pathsOf([n, fn, other, unknownArn]).map((p) => [p.destination, p.rules]),
        [
          ["fn", ["jpg"]],
          ["other", ["png"]],
          // An ARN unknown during preview may be any function's whose ARN is unknown too.
          ["unknown", ["gif"]],
        ],
      );
    });
  });

  describe("a topic destination", () => {
    it("has one path per subscription, each with its own DLQ and protocol", () => {
      const topic = r(T.topic, "t", {});
      const dlq = r(T.queue, "sub-dlq", {});
      const withDlq = r(T.subscription, "sub", { protocol: "sqs" }, { topic: [topic], redrivePolicy: [dlq] });
      const bare = r(T.subscription, "bare", { protocol: 5 }, { topic: [topic] });
      const elsewhere = r(T.subscription, "elsewhere", { protocol: "sqs" }, { topic: [r(T.topic, "other", {})] });
      const n = r(T.notification, "n", { topics: [{ id: "del" }] }, { topics: [topic] });
      assert.deepEqual(pathsOf([n, topic, dlq, withDlq, bare, elsewhere]), [
        { notification: "n", rules: ["del"], destination: "t", stage: "sub", dlq: "sub-dlq", path: { stage: { kind: "sns", name: "sub", protocol: "sqs" }, deadLetter: { name: "sub-dlq", retentionSeconds: 345_600, fifo: false, alarm: undefined } } },
        { notification: "n", rules: ["del"], destination: "t", stage: "bare", dlq: undefined, path: { stage: { kind: "sns", name: "bare", protocol: undefined }, deadLetter: undefined } },
      ]);
    });

    it("goes on past a function subscriber, which SNS invokes asynchronously, into the function's on-failure DLQ", () => {
      const topic = r(T.topic, "t", {});
      const auditor = r(T.fn, "auditor", { timeout: 10 });
      const auditorDlq = r(T.queue, "auditor-dlq", {});
      const config = r(T.invokeConfig, "auditor-async", {}, { functionName: [auditor], destinationConfig: [auditorDlq] });
      const subscription = r(T.subscription, "sub", { protocol: "lambda" }, { topic: [topic], endpoint: [auditor] });
      const n = r(T.notification, "n", { topics: [{ id: "del" }] }, { topics: [topic] });
      const graph = new FailurePathGraph([n, topic, auditor, auditorDlq, config, subscription]);
      const [first, beyond, ...more] = graph.paths();
      assert.deepEqual(more, []);
      assert.equal(first.stageResource.name, "sub");
      assert.deepEqual(readable([beyond]), [
        {
          notification: "n",
          rules: ["del"],
          destination: "auditor",
          stage: "auditor",
          dlq: "auditor-dlq",
          path: {
            stage: { kind: "lambda", name: "auditor", retries: 2, maxEventAgeSeconds: 21_600, timeoutSeconds: 10 },
            deadLetter: { name: "auditor-dlq", retentionSeconds: 345_600, fifo: false, alarm: undefined },
          },
        },
      ]);
      assert.deepEqual([beyond.subscribed?.topic.name, beyond.subscribed?.subscription.name, beyond.via], ["t", "sub", undefined]);
    });
  });

  describe("EventBridge", () => {
    const rule = (name: string, pattern: unknown) => r(T.eventRule, name, { eventPattern: pattern });
    const s3Rule = rule("uploads", JSON.stringify({ source: ["aws.s3"], detail: { bucket: { name: ["acme"] } } }));
    const dlq = r(T.queue, "target-dlq", {});
    const target = (name: string, on: PolicyResource, props: Record<string, unknown> = {}, deps: Record<string, PolicyResource[]> = {}) => r(T.eventTarget, name, props, { rule: [on], ...deps });

    it("reads the targets of S3 rules matching the bucket when EventBridge is on, with their retry policies", () => {
      const t = target("t", s3Rule, { retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 600 } }, { deadLetterConfig: [dlq] });
      const n = r(T.notification, "n", { bucket: "acme", eventbridge: true });
      assert.deepEqual(pathsOf([n, s3Rule, t, dlq]), [
        {
          notification: "n",
          rules: ["uploads"],
          destination: "t",
          stage: "t",
          dlq: "target-dlq",
          path: { stage: { kind: "eventbridge", name: "t", retries: 3, maxEventAgeSeconds: 600 }, deadLetter: { name: "target-dlq", retentionSeconds: 345_600, fifo: false, alarm: undefined } },
        },
      ]);
      assert.deepEqual(pathsOf([r(T.notification, "n", { bucket: "acme", eventbridge: false }), s3Rule, t, dlq]), []);
      assert.deepEqual(pathsOf([r(T.notification, "n", { bucket: "acme", eventbridge: "true" }), s3Rule, t, dlq]), []);
    });

    it("goes on past a target that is a function: EventBridge invokes it asynchronously, so Lambda's retries end in its on-failure DLQ", () => {
      const indexer = r(T.fn, "indexer", { timeout: 30 });
      const indexerDlq = r(T.queue, "indexer-dlq", { messageRetentionSeconds: 7 * DAY });
      const config = r(T.invokeConfig, "indexer-async", { maximumRetryAttempts: 1, maximumEventAgeInSeconds: 3_600 }, { functionName: [indexer], destinationConfig: [indexerDlq] });
      const t = target("t", s3Rule, {}, { deadLetterConfig: [dlq], arn: [indexer] });
      const n = r(T.notification, "n", { bucket: "acme", eventbridge: true });
      const graph = new FailurePathGraph([n, s3Rule, t, dlq, indexer, indexerDlq, config]);
      const [first, beyond, ...more] = graph.paths();
      assert.deepEqual(more, []);
      assert.equal(first.stageResource.name, "t");
      assert.deepEqual(readable([beyond]), [
        {
          notification: "n",
          rules: ["uploads"],
          destination: "indexer",
          stage: "indexer",
          dlq: "indexer-dlq",
          path: {
            stage: { kind: "lambda", name: "indexer", retries: 1, maxEventAgeSeconds: 3_600, timeoutSeconds: 30 },
            deadLetter: { name: "indexer-dlq", retentionSeconds: 7 * DAY, fifo: false, alarm: undefined },
          },
        },
      ]);
      assert.equal(beyond.via?.name, "t");
      // Without an invoke config, Lambda's defaults and no DLQ: the path the pack reports as dropping events.
      const [, bare] = new FailurePathGraph([n, s3Rule, t, dlq, indexer]).paths();
      assert.deepEqual(bare.path, { stage: { kind: "lambda", name: "indexer", retries: 2, maxEventAgeSeconds: 21_600, timeoutSeconds: 30 }, deadLetter: undefined });
    });

    it("takes EventBridge's defaults without a retry policy or its settings, and reads one it cannot as unknown", () => {
      const stage = (retryPolicy: unknown) => {
        const [p] = new FailurePathGraph([r(T.notification, "n", { bucket: "acme", eventbridge: true }), s3Rule, target("t", s3Rule, { retryPolicy })]).paths();
        return p.path.stage;
      };
      assert.deepEqual(stage(undefined), { kind: "eventbridge", name: "t", retries: 185, maxEventAgeSeconds: 86_400 });
      assert.deepEqual(stage({}), { kind: "eventbridge", name: "t", retries: 185, maxEventAgeSeconds: 86_400 });
      assert.deepEqual(stage("185"), { kind: "eventbridge", name: "t", retries: undefined, maxEventAgeSeconds: undefined });
      assert.deepEqual(stage(UNKNOWN), { kind: "eventbridge", name: "t", retries: undefined, maxEventAgeSeconds: undefined });
      assert.deepEqual(stage([]), { kind: "eventbridge", name: "t", retries: undefined, maxEventAgeSeconds: undefined });
    });

    it("skips rules for another bucket or another source, patterns it cannot read, and targets of no rule", () => {
      const n = r(T.notification, "n", { bucket: "acme", eventbridge: true });
      const other = rule("other-bucket", JSON.stringify({ source: ["aws.s3"], detail: { bucket: { name: ["acme-other"] } } }));
      const ec2 = rule("ec2", JSON.stringify({ source: ["aws.ec2"], detail: { bucket: { name: ["acme"] } } }));
      const unread = rule("unread", UNKNOWN);
      const orphan = r(T.eventTarget, "orphan", {}, { rule: [r(T.queue, "not-a-rule", {})] });
      const resources = [n, other, ec2, unread, orphan, target("t-other", other), target("t-ec2", ec2), target("t-unread", unread)];
      assert.deepEqual(pathsOf(resources), []);
      // A bucket unknown during preview: every S3 rule may be its.
      const unknownBucket = r(T.notification, "n", { bucket: UNKNOWN, eventbridge: true });
      assert.deepEqual(
        pathsOf([unknownBucket, other, ec2, target("t-other", other), target("t-ec2", ec2)]).map((p) => p.stage),
        ["t-other"],
      );
    });
  });

  it("reads destinations of the right type only, of notification resources only", () => {
    const queue = r(T.queue, "q", {});
    const fn = r(T.fn, "fn", {});
    const topic = r(T.topic, "t", {});
    const mixed = r(T.notification, "n", { queues: [{ id: "csv" }] }, { queues: [fn, queue], lambdaFunctions: [queue, topic], topics: [queue] });
    assert.deepEqual(
      pathsOf([mixed, queue, fn, topic]).map((p) => [p.destination, p.rules]),
      [["q", ["csv"]]],
    );
    const notANotification = r("aws:s3/bucket:Bucket", "b", { queues: [{ id: "csv" }] }, { queues: [queue] });
    assert.deepEqual(pathsOf([notANotification, queue]), []);
  });
});
