import { strict as assert } from "assert";
import type { SqsDestination } from "../../../components";
import { sqsDelivery } from "../../../components/destinations/sqs";
import { bindAlone } from "../../support/bindAlone";
import { ACCOUNT, awsResources, REGION, valueOf } from "../../support/harness";
import { settled } from "../../support/settled";

// SqsDelivery on its own: from its args, and bound alone under fresh mocks, with no component
// around it. What it adds to a whole BucketNotifications is in sqs.spec.ts.
describe("SqsDelivery, from its args alone", () => {
  const FAILURE = { deadLetterRetentionSeconds: 1_209_600, protectDeadLetterQueues: false, maxMessageAgeSeconds: 3_600, responseWindowSeconds: 259_200 };
  const delivery = (args: SqsDestination) => {
    const built = sqsDelivery(args);
    assert.deepEqual(built.problems, []);
    return built.delivery!;
  };
  const GIVEN = { queueArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:jobs`, queueUrl: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/jobs` };
  const names = (args: SqsDestination) => delivery(args).childNames("n-q").map((c) => `${c.type} ${c.name}${c.via ? ` (${c.via})` : ""}`);

  it("accepts the defaults: 5 receives, SQS's 4-day retention", () => {
    assert.deepEqual(delivery({}).validate(), []);
    assert.deepEqual(delivery({ maxReceiveCount: 1, messageRetentionSeconds: 60 }).validate(), []);
    assert.deepEqual(delivery({ maxReceiveCount: 1000, messageRetentionSeconds: 1_209_600 }).validate(), []);
  });

  it("refuses receives and retention outside SQS's limits", () => {
    assert.deepEqual(delivery({ maxReceiveCount: 0, messageRetentionSeconds: 59 }).validate(), [
      { field: "maxReceiveCount", message: "must be a whole number from 1 to 1000, not 0." },
      { field: "messageRetentionSeconds", message: "must be a whole number from 60 to 1209600 (14 days), not 59." },
    ]);
    assert.deepEqual(delivery({ maxReceiveCount: 1001, messageRetentionSeconds: 1_209_601 }).validate().map((p) => p.field), ["maxReceiveCount", "messageRetentionSeconds"]);
  });

  it("refuses a retention for a queue it does not create", () => {
    assert.deepEqual(delivery({ ...GIVEN, messageRetentionSeconds: 600 }).validate(), [
      {
        field: "messageRetentionSeconds",
        message: "applies only to a queue the component creates; a given queue keeps its own retention. Remove `messageRetentionSeconds`, or `queue`/`queueArn`.",
      },
    ]);
    assert.deepEqual(delivery(GIVEN).validate(), []);
  });

  it("needs the timeout and the role of a consumer named by ARN, not of a function resource", () => {
    assert.deepEqual(delivery({ consumer: { functionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:c` } }).validate(), [
      { field: "consumer.timeoutSeconds", message: "is required with `functionArn`, to size the queue's visibility timeout." },
      { field: "consumer.functionRoleArn", message: "is required with `functionArn`, so the function can be allowed to receive from the queue." },
    ]);
    assert.deepEqual(
      delivery({ consumer: { functionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:c`, functionRoleArn: `arn:aws:iam::${ACCOUNT}:role/c`, timeoutSeconds: 10 } }).validate(),
      [],
    );
  });

  it("knows the region and literal ARN of a given queue only", async () => {
    assert.equal(delivery(GIVEN).literalArn, GIVEN.queueArn);
    assert.equal(await valueOf(delivery(GIVEN).region!), REGION);
    assert.equal(delivery({}).literalArn, undefined);
    assert.equal(delivery({}).region, undefined);
  });

  it("refuses a consumer naming no function, at the consumer's path", () => {
    assert.deepEqual(sqsDelivery({ consumer: {} }), { delivery: undefined, problems: [{ field: "consumer", message: "One of `function` or `functionArn` is required." }] });
  });

  describe("checks at deploy", () => {
    const consumer = { functionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:c`, functionRoleArn: `arn:aws:iam::${ACCOUNT}:role/c`, timeoutSeconds: 10 };
    const problems = async (args: SqsDestination) => (await Promise.all(delivery(args).validateAtDeploy(FAILURE).map((c) => settled(c)))).flat();
    const tooShort = {
      field: "visibilityTimeoutSeconds",
      message: "the queue's visibility timeout (30 s) is less than 6x the consumer's timeout (10 s), so messages reappear while still being processed; set it to at least 60.",
    };

    it("a created queue's visibility against its consumer's timeout, once both are known", async () => {
      assert.deepEqual(await problems({ consumer, visibilityTimeoutSeconds: 30 }), [tooShort]);
      assert.deepEqual(await problems({ consumer, visibilityTimeoutSeconds: 60 }), []);
      // Sized by the component at 6x the timeout: nothing to check.
      assert.deepEqual(delivery({ consumer }).validateAtDeploy(FAILURE), []);
      assert.deepEqual(delivery({ visibilityTimeoutSeconds: 30 }).validateAtDeploy(FAILURE), []);
    });

    it("a given queue's visibility, retention and FIFO flag, from what the caller states of it", async () => {
      assert.deepEqual(await problems({ ...GIVEN, queueVisibilityTimeoutSeconds: 30, consumer }), [tooShort]);
      assert.deepEqual(await problems({ ...GIVEN, consumer }), [tooShort]);
      assert.deepEqual(await problems({ ...GIVEN, queueVisibilityTimeoutSeconds: 60, consumer }), []);
      const [retention] = await problems({ ...GIVEN, queueMessageRetentionSeconds: 1_209_600 });
      assert.equal(retention.field, "queue");
      assert.match(retention.message, /^the dead-letter queue's retention \(1209600 s = 14 d\) must be longer than the source queue's \(1209600 s = 14 d\)/);
      assert.deepEqual(await problems(GIVEN), []);
    });

    it("nothing of a consumer whose timeout is not known, which its own check refuses before", async () => {
      const { timeoutSeconds, ...noTimeout } = consumer;
      assert.equal(timeoutSeconds, 10);
      assert.deepEqual(delivery({ consumer: noTimeout }).validateAtDeploy(FAILURE), []);
    });
  });

  it("plans a created queue, its DLQ, policy and alarms; a key when it creates one", () => {
    const created = [
      "aws:sqs/queue:Queue n-q-dlq",
      "aws:cloudwatch/metricAlarm:MetricAlarm n-q-dlq-visible",
      "aws:sqs/queue:Queue n-q",
      "aws:sqs/queuePolicy:QueuePolicy n-q-policy",
      "aws:cloudwatch/metricAlarm:MetricAlarm n-q-oldest",
    ];
    assert.deepEqual(names({}), created);
    assert.deepEqual(names({ encryption: "create-key" }), [...created.slice(0, 3), "aws:kms/key:Key n-q-key", ...created.slice(3)]);
  });

  it("plans a redrive policy, not a queue or key, for a given queue", () => {
    assert.deepEqual(names(GIVEN), [
      "aws:sqs/queue:Queue n-q-dlq",
      "aws:cloudwatch/metricAlarm:MetricAlarm n-q-dlq-visible",
      "aws:sqs/redrivePolicy:RedrivePolicy n-q-redrive",
      "aws:sqs/queuePolicy:QueuePolicy n-q-policy",
      "aws:cloudwatch/metricAlarm:MetricAlarm n-q-oldest",
    ]);
  });

  it("plans a consumer's role policy, mapping and error alarm (a synchronous invoker drops nothing)", () => {
    const consumer = { functionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:c`, functionRoleArn: `arn:aws:iam::${ACCOUNT}:role/c`, timeoutSeconds: 10 };
    assert.deepEqual(names({ consumer }).slice(5), [
      "aws:iam/rolePolicy:RolePolicy n-q-consume (consumer)",
      "aws:lambda/eventSourceMapping:EventSourceMapping n-q-consumer (consumer)",
      "aws:cloudwatch/metricAlarm:MetricAlarm n-q-consumer-errors (consumer)",
    ]);
  });

  it("describes its failure path for the timeline rules: a created queue's known settings", () => {
    assert.deepEqual(delivery({ maxReceiveCount: 3, messageRetentionSeconds: 600, visibilityTimeoutSeconds: 40 }).failurePaths("n-q", FAILURE), [
      {
        stage: {
          kind: "sqs",
          name: "n-q",
          retentionSeconds: 600,
          fifo: false,
          visibilityTimeoutSeconds: 40,
          maxReceiveCount: 3,
          consumer: undefined,
          oldestMessageAlarm: {
            name: "n-q-oldest",
            metricName: "ApproximateAgeOfOldestMessage",
            periodSeconds: 60,
            evaluationPeriods: 1,
            threshold: 3_600,
            comparison: "GreaterThanThreshold",
            notifies: false,
          },
        },
        deadLetter: {
          name: "n-q-dlq",
          retentionSeconds: 1_209_600,
          fifo: false,
          alarm: {
            name: "n-q-dlq-visible",
            metricName: "ApproximateNumberOfMessagesVisible",
            periodSeconds: 60,
            evaluationPeriods: 1,
            threshold: 0,
            comparison: "GreaterThanThreshold",
            notifies: false,
          },
        },
      },
    ]);
  });

  it("leaves to deploy what is not known now: a given queue's retention and visibility, a consumer's sized visibility", () => {
    const [given] = delivery(GIVEN).failurePaths("n-q", FAILURE);
    assert.equal(given.stage.kind === "sqs" && given.stage.retentionSeconds, undefined);
    assert.equal(given.stage.kind === "sqs" && given.stage.visibilityTimeoutSeconds, undefined);
    const [plain] = delivery({}).failurePaths("n-q", FAILURE);
    assert.equal(plain.stage.kind === "sqs" && plain.stage.visibilityTimeoutSeconds, 30);
    assert.equal(plain.stage.kind === "sqs" && plain.stage.retentionSeconds, 345_600);
    assert.equal(plain.stage.kind === "sqs" && plain.stage.maxReceiveCount, 5);
    const consumer = { functionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:c`, functionRoleArn: `arn:aws:iam::${ACCOUNT}:role/c`, timeoutSeconds: 10 };
    const [consumed] = delivery({ consumer }).failurePaths("n-q", { ...FAILURE, alarmTopicArn: "arn:aws:sns:us-east-1:1:ops" });
    assert.ok(consumed.stage.kind === "sqs");
    assert.equal(consumed.stage.visibilityTimeoutSeconds, undefined);
    assert.deepEqual(consumed.stage.consumer, { name: "n-q-consumer", timeoutSeconds: 10, reportBatchItemFailures: true });
    assert.equal(consumed.stage.oldestMessageAlarm?.notifies, true);
  });
});

describe("SqsDelivery, bound alone", () => {
  const delivery = (args: SqsDestination) => sqsDelivery(args).delivery!;

  it("creates the queue and its DLQ, alarms on the oldest message's age and on the DLQ, and waits for nothing else", async () => {
    const { engine, binding } = await bindAlone(delivery({}));
    assert.deepEqual(awsResources(engine), [
      "aws:cloudwatch/metricAlarm:MetricAlarm n-d-dlq-visible",
      "aws:cloudwatch/metricAlarm:MetricAlarm n-d-oldest",
      "aws:sqs/queue:Queue n-d",
      "aws:sqs/queue:Queue n-d-dlq",
      "aws:sqs/queuePolicy:QueuePolicy n-d-policy",
    ]);
    assert.equal(engine.byName("n-d").inputs.messageRetentionSeconds, 345_600);
    assert.equal(engine.byName("n-d").inputs.visibilityTimeoutSeconds, 30);
    assert.equal(engine.byName("n-d-oldest").inputs.metricName, "ApproximateAgeOfOldestMessage");
    assert.ok(binding.queue);
    assert.equal(await valueOf(binding.arn!), `arn:aws:sqs:${REGION}:${ACCOUNT}:n-d-0a1b2c3`);
    assert.deepEqual(binding.dependencies, []);
    assert.deepEqual(binding.grantKeys, [binding.queue]);
    assert.deepEqual(binding.deadLetterQueues.map((d) => d.name), ["n-d-dlq"]);
    assert.equal(binding.alarms.length, 1);
  });

  it("redrives a given queue by a policy of its own, which every notification waits for, and creates no queue", async () => {
    const queueArn = `arn:aws:sqs:${REGION}:${ACCOUNT}:jobs`;
    const { engine, binding } = await bindAlone(delivery({ queueArn, queueUrl: "https://sqs/jobs" }));
    assert.deepEqual(awsResources(engine), [
      "aws:cloudwatch/metricAlarm:MetricAlarm n-d-dlq-visible",
      "aws:cloudwatch/metricAlarm:MetricAlarm n-d-oldest",
      "aws:sqs/queue:Queue n-d-dlq",
      "aws:sqs/queuePolicy:QueuePolicy n-d-policy",
      "aws:sqs/redrivePolicy:RedrivePolicy n-d-redrive",
    ]);
    assert.equal(engine.byName("n-d-redrive").inputs.queueUrl, "https://sqs/jobs");
    assert.deepEqual(binding.dependencies.length, 1);
    assert.equal(binding.queue, undefined);
    assert.deepEqual(binding.grantKeys, [queueArn]);
    assert.equal(await valueOf(binding.arn!), queueArn);
  });

  it("alarms on a consumer's errors, never on dropped events: its mapping invokes it synchronously", async () => {
    const consumer = { functionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:c`, functionRoleArn: `arn:aws:iam::${ACCOUNT}:role/c`, timeoutSeconds: 10 };
    const { engine, binding } = await bindAlone(delivery({ consumer }));
    assert.deepEqual(
      engine.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").map((a) => a.name).sort(),
      ["n-d-consumer-errors", "n-d-dlq-visible", "n-d-oldest"],
    );
    assert.equal(binding.alarms.length, 2);
    assert.equal(engine.byName("n-d-consumer").inputs.functionName, "c", "an unqualified function by its name");
  });

  it("maps an alias or version of a consumer by its qualified ARN, as the mapping takes no qualifier, and alarms on the function's name", async () => {
    const arn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:c:live`;
    const { engine } = await bindAlone(delivery({ consumer: { functionArn: arn, functionRoleArn: `arn:aws:iam::${ACCOUNT}:role/c`, timeoutSeconds: 10 } }));
    assert.equal(engine.byName("n-d-consumer").inputs.functionName, arn);
    assert.deepEqual(engine.byName("n-d-consumer-errors").inputs.dimensions, { FunctionName: "c" });
  });
});
