import * as aws from "@pulumi/aws";
import { strict as assert } from "assert";
import { BucketNotifications, sns, type SnsDestination } from "../../../components";
import { ACCOUNT, jsonInput, mockEngine, REGION, thrownBy } from "../../support/harness";
import { simulate } from "../../support/iam";

describe("SnsDestination", () => {
  it("creates a topic with one scoped topic policy, and subscribers each with a redrive policy to their own DLQ", async () => {
    const engine = await mockEngine();
    const auditQueue = new aws.sqs.Queue("audit-log", { name: "audit-log" });
    new BucketNotifications("pipeline", {
      buckets: { uploads: { bucket: new aws.s3.Bucket("uploads", { bucket: "acme-uploads" }) } },
      destinations: {
        audit: sns({ subscribers: { log: { queue: auditQueue }, oncall: { email: "oncall@example.com" } } }),
      },
      rules: [{ id: "deletes", bucket: "uploads", destination: "audit", events: ["s3:ObjectRemoved:*"], filter: { prefix: "records/" } }],
    });
    await engine.settle();
    const topicArn = `arn:aws:sns:${REGION}:${ACCOUNT}:pipeline-audit-0a1b2c3`;
    const topicPolicy = engine.byName("pipeline-audit-policy");
    assert.equal(topicPolicy.type, "aws:sns/topicPolicy:TopicPolicy");
    const policy = jsonInput(topicPolicy, "policy") as { Statement: { Sid: string; Action: string }[] };
    assert.deepEqual(policy.Statement.map((s) => [s.Sid, s.Action]), [
      ["AllowS3FromUploads", "sns:Publish"],
      ["DenyInsecureTransport", "sns:Publish"],
    ]);
    const publish = (principal: string, sourceArn: string) =>
      simulate(policy, {
        principal,
        action: "sns:Publish",
        resource: topicArn,
        resourceAccount: ACCOUNT,
        context: { "aws:SourceArn": sourceArn, "aws:SourceAccount": ACCOUNT, "aws:SecureTransport": "true" },
      });
    assert.equal(await publish("s3.amazonaws.com", "arn:aws:s3:::acme-uploads"), "Allowed");
    assert.equal(await publish("s3.amazonaws.com", "arn:aws:s3:::other"), "ImplicitlyDenied");
    assert.equal(await publish("events.amazonaws.com", "arn:aws:s3:::acme-uploads"), "ImplicitlyDenied");

    const subscription = engine.byName("pipeline-audit-log");
    assert.equal(subscription.inputs.protocol, "sqs");
    assert.equal(subscription.inputs.rawMessageDelivery, true);
    assert.deepEqual(jsonInput(subscription, "redrivePolicy"), {
      deadLetterTargetArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:pipeline-audit-log-dlq-0a1b2c3`,
    });
    assert.equal(engine.byName("pipeline-audit-oncall").inputs.protocol, "email");
    assert.ok(engine.byName("pipeline-audit-oncall-dlq"));

    // The DLQ and the subscriber queue each get one policy letting only this topic send.
    const dlqPolicy = jsonInput(engine.byName("pipeline-audit-log-dlq-policy"), "policy");
    const send = (resource: string, sourceArn: string) =>
      simulate(dlqPolicy, {
        principal: "sns.amazonaws.com",
        action: "sqs:SendMessage",
        resource,
        resourceAccount: ACCOUNT,
        context: { "aws:SourceArn": sourceArn, "aws:SourceAccount": ACCOUNT, "aws:SecureTransport": "true" },
      });
    const dlqArn = `arn:aws:sqs:${REGION}:${ACCOUNT}:pipeline-audit-log-dlq-0a1b2c3`;
    assert.equal(await send(dlqArn, topicArn), "Allowed");
    assert.equal(await send(dlqArn, `arn:aws:sns:${REGION}:${ACCOUNT}:other`), "ImplicitlyDenied");
    assert.ok(engine.byName("pipeline-audit-log-policy"));
    assert.equal(engine.ofType("aws:sqs/queuePolicy:QueuePolicy").length, 3);

    const notification = engine.byName("pipeline-uploads");
    assert.deepEqual(notification.inputs.topics, [{ id: "deletes", events: ["s3:ObjectRemoved:*"], filterPrefix: "records/", topicArn }]);
    assert.ok(notification.dependencies.includes(topicPolicy.urn));
    assert.equal(engine.byName("pipeline-audit-failed").inputs.metricName, "NumberOfNotificationsFailed");
  });

  it("lets SNS invoke a function subscriber from this topic only", async () => {
    const engine = await mockEngine();
    new BucketNotifications("pipeline", {
      buckets: { uploads: { bucketName: "acme" } },
      destinations: { audit: sns({ subscribers: { fn: { functionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:auditor`, functionRoleArn: `arn:aws:iam::${ACCOUNT}:role/auditor` } } }) },
      rules: [{ id: "deletes", bucket: "uploads", destination: "audit", events: ["s3:ObjectRemoved:*"], filter: { prefix: "records/" } }],
    });
    await engine.settle();
    const permission = engine.byName("pipeline-audit-fn-allow-sns");
    assert.equal(permission.inputs.principal, "sns.amazonaws.com");
    assert.equal(permission.inputs.sourceArn, `arn:aws:sns:${REGION}:${ACCOUNT}:pipeline-audit-0a1b2c3`);
    assert.ok(engine.byName("pipeline-audit-fn").dependencies.includes(permission.urn));
  });

  it("subscribes each endpoint by its protocol, raw delivery to queues only when not turned off", async () => {
    const engine = await mockEngine();
    const queueArn = `arn:aws:sqs:${REGION}:${ACCOUNT}:log`;
    new BucketNotifications("pipeline", {
      buckets: { uploads: { bucketName: "acme" } },
      destinations: {
        audit: sns({
          subscribers: {
            log: { queueArn, queueUrl: "https://sqs/log", rawMessageDelivery: false },
            hook: { https: "https://hooks.example.com/s3" },
            ops: { email: "ops@example.com" },
          },
        }),
      },
      rules: [{ id: "deletes", bucket: "uploads", destination: "audit", events: ["s3:ObjectRemoved:*"], filter: { prefix: "records/" } }],
    });
    await engine.settle();
    const topicArn = `arn:aws:sns:${REGION}:${ACCOUNT}:pipeline-audit-0a1b2c3`;
    const subscription = (name: string) => {
      const { topic, protocol, endpoint, rawMessageDelivery } = engine.byName(name).inputs;
      return { topic, protocol, endpoint, rawMessageDelivery };
    };
    assert.deepEqual(subscription("pipeline-audit-log"), { topic: topicArn, protocol: "sqs", endpoint: queueArn, rawMessageDelivery: false });
    assert.deepEqual(subscription("pipeline-audit-hook"), { topic: topicArn, protocol: "https", endpoint: "https://hooks.example.com/s3", rawMessageDelivery: undefined });
    assert.deepEqual(subscription("pipeline-audit-ops"), { topic: topicArn, protocol: "email", endpoint: "ops@example.com", rawMessageDelivery: undefined });
    assert.equal(engine.byName("pipeline-audit-log-policy").inputs.queueUrl, "https://sqs/log");
    assert.deepEqual(engine.byName("pipeline-audit-hook-dlq").inputs.tags, {
      "s3-events:role": "dead-letter-queue",
      "s3-events:purpose": "sns pipeline-audit-hook: undeliverable messages",
    });
    const failed = engine.byName("pipeline-audit-failed").inputs;
    assert.deepEqual(failed.dimensions, { TopicName: "pipeline-audit-0a1b2c3" });
    assert.equal(failed.namespace, "AWS/SNS");
    assert.equal(failed.statistic, "Sum");
    assert.equal(failed.threshold, 0);
  });

  it("lets a given topic in another account send to its subscribers' queues, by that account", async () => {
    const engine = await mockEngine();
    const topicArn = "arn:aws:sns:us-east-1:999988887777:shared-audit";
    new BucketNotifications("pipeline", {
      buckets: { uploads: { bucketName: "acme" } },
      destinations: { audit: sns({ topicArn, subscribers: { ops: { email: "ops@example.com" } } }) },
      rules: [{ id: "deletes", bucket: "uploads", destination: "audit", events: ["s3:ObjectRemoved:*"], filter: { prefix: "records/" } }],
    });
    await engine.settle();
    assert.equal(engine.ofType("aws:sns/topic:Topic").length, 0);
    assert.equal(engine.byName("pipeline-audit-policy").inputs.arn, topicArn);
    const dlqArn = `arn:aws:sqs:${REGION}:${ACCOUNT}:pipeline-audit-ops-dlq-0a1b2c3`;
    const policy = jsonInput(engine.byName("pipeline-audit-ops-dlq-policy"), "policy");
    const send = (sourceAccount: string) =>
      simulate(policy, {
        principal: "sns.amazonaws.com",
        action: "sqs:SendMessage",
        resource: dlqArn,
        resourceAccount: ACCOUNT,
        context: { "aws:SourceArn": topicArn, "aws:SourceAccount": sourceAccount, "aws:SecureTransport": "true" },
      });
    assert.equal(await send("999988887777"), "Allowed");
    assert.equal(await send(ACCOUNT), "ImplicitlyDenied");
  });

  it("encrypts a topic it creates with the key it creates, or the existing key given", async () => {
    const engine = await mockEngine();
    const keyArn = `arn:aws:kms:${REGION}:${ACCOUNT}:key/mine`;
    new BucketNotifications("pipeline", {
      buckets: { uploads: { bucketName: "acme" } },
      destinations: { created: sns({ encryption: "create-key" }), existing: sns({ kmsKeyArn: keyArn, kmsKeyGrantsS3: true }), plain: sns({}) },
      rules: [
        { id: "a", bucket: "uploads", destination: "created", events: ["s3:ObjectRemoved:*"], filter: { prefix: "a/" } },
        { id: "b", bucket: "uploads", destination: "existing", events: ["s3:ObjectRemoved:*"], filter: { prefix: "b/" } },
        { id: "c", bucket: "uploads", destination: "plain", events: ["s3:ObjectRemoved:*"], filter: { prefix: "c/" } },
      ],
    });
    await engine.settle();
    assert.equal(engine.byName("pipeline-created").inputs.kmsMasterKeyId, `arn:aws:kms:${REGION}:${ACCOUNT}:key/pipeline-created-key-key-id`);
    assert.equal(engine.byName("pipeline-existing").inputs.kmsMasterKeyId, keyArn);
    assert.equal(engine.byName("pipeline-plain").inputs.kmsMasterKeyId, undefined);
    assert.deepEqual(engine.ofType("aws:kms/key:Key").map((k) => k.name), ["pipeline-created-key"]);
  });

  it("rejects a FIFO topic, the AWS-managed SNS key and a plain-http subscriber", async () => {
    const engine = await mockEngine();
    const build = (destination: SnsDestination) => () =>
      new BucketNotifications("bad", {
        buckets: { uploads: { bucketName: "acme" } },
        destinations: { audit: { sns: destination } },
        rules: [{ id: "deletes", bucket: "uploads", destination: "audit", events: ["s3:ObjectRemoved:*"], filter: { prefix: "r/" } }],
      });
    assert.match(thrownBy(build({ topicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:t.fifo` })), /`destinations\.audit\.sns\.topic`: .* is a FIFO topic/);
    assert.match(
      thrownBy(build({ kmsKeyArn: "alias/aws/sns", kmsKeyGrantsS3: true })),
      /`alias\/aws\/sns` is an AWS-managed key/,
    );
    assert.match(thrownBy(build({ subscribers: { hook: { https: "http://example.com" } } })), /`destinations\.audit\.sns\.subscribers\.hook\.https`: `http:\/\/example.com` is not an https:\/\/ URL/);
    await engine.settle();
    assert.equal(engine.resources.filter((r) => r.type.startsWith("aws:")).length, 0);
  });
});
