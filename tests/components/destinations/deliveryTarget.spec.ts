import { strict as assert } from "assert";
import { fifoProblem, givenTargetChecks, targetOptionProblems } from "../../../components/destinations/deliveryTarget";
import { resolveQueue, resolveTopic } from "../../../components/references";
import { settled } from "../../support/settled";

const QUEUE = "arn:aws:sqs:us-east-1:111122223333:jobs";
const TOPIC = "arn:aws:sns:us-east-1:111122223333:audit";
const KEY = "arn:aws:kms:us-east-1:111122223333:key/k";
const given = (arn: string, kmsKeyId?: string) => resolveQueue({ arn, url: "https://sqs.us-east-1.amazonaws.com/111122223333/q", kmsKeyId });

describe("the options SQS and SNS destinations share", () => {
  it("accept a target the component creates, with or without encryption", () => {
    assert.deepEqual(targetOptionProblems("queue", undefined, undefined), []);
    assert.deepEqual(targetOptionProblems("queue", undefined, "create-key"), []);
    assert.deepEqual(targetOptionProblems("topic", undefined, { kmsKeyArn: KEY, keyPolicyGrantsS3: true }), []);
  });

  it("accept a given standard queue or topic", () => {
    assert.deepEqual(targetOptionProblems("queue", given(QUEUE), undefined), []);
    assert.deepEqual(targetOptionProblems("topic", resolveTopic({ arn: TOPIC }), undefined), []);
    // `.fifo` only at the end of the name makes a FIFO queue.
    assert.deepEqual(targetOptionProblems("queue", given(`${QUEUE}.fifo-archive`), undefined), []);
  });

  it("refuse a FIFO queue or topic given by ARN", () => {
    assert.deepEqual(targetOptionProblems("queue", given(`${QUEUE}.fifo`), undefined), [
      { field: "queue", message: `\`${QUEUE}.fifo\` is a FIFO queue; S3 can send event notifications only to standard queues. Use a standard queue.` },
    ]);
    assert.deepEqual(targetOptionProblems("topic", resolveTopic({ arn: `${TOPIC}.fifo` }), undefined), [
      { field: "topic", message: `\`${TOPIC}.fifo\` is a FIFO topic; S3 can send event notifications only to standard topics. Use a standard topic.` },
    ]);
  });

  it("refuse encryption for a given target, at the field that set it", () => {
    assert.deepEqual(targetOptionProblems("queue", given(QUEUE), "sqs-managed"), [
      { field: "encryption", message: "applies only to a queue the component creates; a given queue keeps its own encryption. Remove it, or `queue`/`queueArn`." },
    ]);
    assert.deepEqual(targetOptionProblems("topic", resolveTopic({ arn: TOPIC }), { kmsKeyArn: KEY, keyPolicyGrantsS3: true }), [
      { field: "kmsKeyArn", message: "applies only to a topic the component creates; a given topic keeps its own encryption. Remove it, or `topic`/`topicArn`." },
    ]);
  });

  it("check an existing key for a created target", () => {
    assert.deepEqual(
      targetOptionProblems("queue", undefined, { kmsKeyArn: KEY, keyPolicyGrantsS3: false }).map((p) => p.field),
      ["kmsKeyGrantsS3"],
    );
  });

  it("say what is FIFO in the caller's terms", () => {
    assert.deepEqual(fifoProblem("queue", "the given queue"), {
      field: "queue",
      message: "the given queue is a FIFO queue; S3 can send event notifications only to standard queues. Use a standard queue.",
    });
  });
});

describe("the checks of a given target at deploy", () => {
  const run = async (checks: ReturnType<typeof givenTargetChecks>) => (await Promise.all(checks.map(settled))).flat();

  it("are none for a target the component creates", () => {
    assert.deepEqual(givenTargetChecks("queue", undefined, undefined), []);
  });

  it("pass a standard target without a key", async () => {
    assert.deepEqual(await run(givenTargetChecks("queue", given(QUEUE), undefined)), []);
  });

  it("refuse a target that turns out FIFO", async () => {
    assert.deepEqual(await run(givenTargetChecks("queue", given(`${QUEUE}.fifo`), undefined)), [fifoProblem("queue", "the given queue")]);
  });

  it("refuse a target's key until the caller states that it grants S3", async () => {
    assert.deepEqual((await run(givenTargetChecks("topic", resolveTopic({ arn: TOPIC, kmsKeyId: KEY }), undefined))).map((p) => p.field), ["kmsKeyGrantsS3"]);
    assert.deepEqual(await run(givenTargetChecks("topic", resolveTopic({ arn: TOPIC, kmsKeyId: KEY }), true)), []);
    assert.deepEqual((await run(givenTargetChecks("queue", given(QUEUE, "alias/aws/sqs"), true))).map((p) => p.field), ["queue.kmsMasterKeyId"]);
  });
});
