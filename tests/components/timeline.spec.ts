import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { strict as assert } from "assert";
import { BucketNotifications, lambda, sns, sqs, type Destination } from "../../components";
import { sqsDelivery } from "../../components/destinations/sqs";
import { FAILURE_HANDLING_DEFAULTS, type FailureHandling, type FailureHandlingArgs } from "../../components/failureHandling";
import { ACCOUNT, awsResources, mockEngine, REGION, thrownBy } from "../support/harness";
import { settled } from "../support/settled";

const FN_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:worker`;
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/worker`;
const DAY = 86_400;

function build(destination: Destination, failure: FailureHandlingArgs = {}) {
  return () =>
    new BucketNotifications("pipeline", {
      buckets: { uploads: { bucket: new aws.s3.Bucket("uploads", { bucket: "acme-uploads" }) } },
      destinations: { out: destination },
      rules: [{ id: "csv", bucket: "uploads", destination: "out", events: ["s3:ObjectCreated:*"], filter: { suffix: ".csv" } }],
      ...failure,
    });
}

describe("BucketNotifications: every failure path's timeline", () => {
  it("sets the source queue's retention explicitly, with a DLQ that outlives it, by default", async () => {
    const engine = await mockEngine();
    build(sqs({}))();
    await engine.settle();
    assert.equal(engine.byName("pipeline-out").inputs.messageRetentionSeconds, 4 * DAY);
    assert.equal(engine.byName("pipeline-out-dlq").inputs.messageRetentionSeconds, 14 * DAY);
  });

  it("refuses a DLQ that expires with its standard source queue, naming both values and the fix, before registering anything", async () => {
    const engine = await mockEngine();
    const message = thrownBy(build(sqs({ messageRetentionSeconds: 7 * DAY }), { deadLetterRetentionSeconds: 7 * DAY }));
    assert.equal(
      message,
      "BucketNotifications `pipeline` has 1 problem:\n" +
        "  - destination `out`, `deadLetterRetentionSeconds`: pipeline-out → pipeline-out-dlq: the dead-letter queue's retention " +
        "(604800 s = 7 d) must be longer than the source queue's (604800 s = 7 d), because a standard queue's message keeps its " +
        "original enqueue timestamp when it moves, so it would expire from the DLQ when it would have expired from the source. " +
        "Raise the DLQ's retention to more than 604800 s, or lower the source queue's. " +
        "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/setting-up-dead-letter-queue-retention.html",
    );
    await engine.settle();
    assert.deepEqual(awsResources(engine), ["aws:s3/bucket:Bucket uploads"], "only the test's own bucket");
  });

  it("refuses a queue whose oldest-message alarm leaves the operator too little time", () => {
    const message = thrownBy(build(sqs({ messageRetentionSeconds: 3 * DAY }), { deadLetterRetentionSeconds: 14 * DAY }));
    assert.match(message, /destination `out`, `maxMessageAgeSeconds`: pipeline-out → pipeline-out-dlq: alarm pipeline-out-oldest fires when the oldest message is 4560 s = 1.3 h old/);
  });

  it("refuses fewer than 5 receives for a queue Lambda consumes", () => {
    const consumer = { functionArn: FN_ARN, functionRoleArn: ROLE_ARN, timeoutSeconds: 30 };
    const message = thrownBy(build(sqs({ consumer, maxReceiveCount: 4 })));
    assert.match(message, /destination `out`, `destinations\.out\.sqs\.maxReceiveCount`: .*`maxReceiveCount` \(4\) must be at least 5/);
    assert.doesNotThrow(build(sqs({ maxReceiveCount: 4 })), "without a consumer, any count");
  });

  it("refuses a Lambda maximum event age that cuts the configured retries", () => {
    const fn = { functionArn: FN_ARN, functionRoleArn: ROLE_ARN };
    const message = thrownBy(build(lambda({ ...fn, maximumRetryAttempts: 2, maximumEventAgeInSeconds: 120 })));
    assert.match(message, /destination `out`, `destinations\.out\.lambda\.maximumEventAgeInSeconds`: pipeline-out → pipeline-out-dlq: the maximum event age \(120 s = 2 min\) must leave room for the 2 configured retries/);
  });

  it("refuses a DLQ that forgets a failed event before an operator can act on its alarm", () => {
    const topic = sns({ subscribers: { log: { email: "ops@example.com" } } });
    const message = thrownBy(build(topic, { deadLetterRetentionSeconds: DAY }));
    assert.match(message, /destination `out`, `deadLetterRetentionSeconds`: pipeline-out-log → pipeline-out-log-dlq: the dead-letter queue keeps a failed event only 85440 s = 23.7 h after its alarm can fire/);
    assert.doesNotThrow(build(topic, { deadLetterRetentionSeconds: DAY, responseWindowSeconds: 12 * 3_600 }), "a shorter response window");
  });

  it("refuses an on-failure DLQ for Lambda that forgets a record before the operator can act, though the function's timeout is not known yet", () => {
    const fn = { functionArn: FN_ARN, functionRoleArn: ROLE_ARN };
    const message = thrownBy(build(lambda(fn), { deadLetterRetentionSeconds: 3 * DAY }));
    assert.match(
      message,
      /destination `out`, `deadLetterRetentionSeconds`: pipeline-out → pipeline-out-dlq: the dead-letter queue keeps a failed event only 258240 s = 3 d after its alarm can fire \(retention 259200 s = 3 d from its arrival; alarm within 960 s = 16 min\), less than the 259200 s = 3 d an operator needs to act\. Raise its retention to at least 260160 s\./,
    );
  });

  it("checks a given queue's retention against its DLQ once it is known", async () => {
    const queue = { queueArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:jobs`, queueUrl: "https://sqs/jobs", queueMessageRetentionSeconds: pulumi.output(14 * DAY) };
    const failure: FailureHandling = { ...FAILURE_HANDLING_DEFAULTS };
    const problems = (await Promise.all(sqsDelivery(queue).delivery!.validateAtDeploy(failure).map(settled))).flat();
    assert.equal(problems.length, 1);
    assert.equal(problems[0].field, "queue");
    assert.match(problems[0].message, /the dead-letter queue's retention \(1209600 s = 14 d\) must be longer than the source queue's \(1209600 s = 14 d\)/);
    const shorter = { ...queue, queueMessageRetentionSeconds: 4 * DAY };
    assert.deepEqual((await Promise.all(sqsDelivery(shorter).delivery!.validateAtDeploy(failure).map(settled))).flat(), []);
  });
});
