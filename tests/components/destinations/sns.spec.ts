import * as aws from "@pulumi/aws";
import { strict as assert } from "assert";
import { BucketNotifications, sns, type SnsDestination } from "../../../components";
import { snsDelivery } from "../../../components/destinations/sns";
import { bindAlone } from "../../support/bindAlone";
import { ACCOUNT, awsResources, jsonInput, mockEngine, REGION, thrownBy, valueOf } from "../../support/harness";
import { simulate } from "../../support/iam";
import { childName } from "../../../components/childNames";

// The destination from its args alone first: no engine, and a mutant it kills costs no component build.
describe("SnsDelivery, from its args alone", () => {
  const FAILURE = { deadLetterRetentionSeconds: 1_209_600, protectDeadLetterQueues: false, maxMessageAgeSeconds: 3_600, responseWindowSeconds: 259_200 };
  const QUEUE_ARN = `arn:aws:sqs:${REGION}:${ACCOUNT}:log`;
  const QUEUE_URL = `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/log`;
  const FN_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:f`;
  const built = (args: SnsDestination) => snsDelivery(args);
  const delivery = (args: SnsDestination) => {
    const b = built(args);
    assert.deepEqual(b.problems, []);
    return b.delivery!;
  };

  it("takes each kind of subscriber", () => {
    const subscribers = {
      log: { queueArn: QUEUE_ARN, queueUrl: QUEUE_URL, rawMessageDelivery: false },
      fn: { functionArn: FN_ARN },
      hook: { https: "https://example.com/hook" },
      ops: { email: "ops@example.com" },
    };
    assert.deepEqual(delivery({ subscribers }).validate(), []);
  });

  it("refuses a subscriber naming two endpoints or none, and raw delivery to anything but a queue, at the subscriber's path", () => {
    assert.deepEqual(built({ subscribers: { a: { https: "https://x", email: "a@b" }, b: {}, c: { email: "a@b", rawMessageDelivery: true } } }), {
      delivery: undefined,
      problems: [
        {
          field: "subscribers.a",
          message: "Only one of `queue`, `queueArn`, `function`, `functionArn`, `https` or `email` can be provided (found `https` and `email`); remove the others.",
        },
        { field: "subscribers.b", message: "One of `queue`, `queueArn`, `function`, `functionArn`, `https` or `email` is required." },
        { field: "subscribers.c.rawMessageDelivery", message: "applies only to a queue subscriber; remove it." },
      ],
    });
    assert.deepEqual(built({ subscribers: { q: { queueArn: QUEUE_ARN } } }).problems, [
      { field: "subscribers.q.queueUrl", message: "is required with `queueArn`: the queue policy is set by URL." },
    ]);
    assert.deepEqual(built({ subscribers: { f: { functionArn: FN_ARN, rawMessageDelivery: true } } }).problems.map((p) => p.field), ["subscribers.f.rawMessageDelivery"]);
  });

  it("judges nothing else of a subscriber until it names exactly one endpoint", () => {
    assert.deepEqual(built({ subscribers: { a: { https: "https://x", email: "a@b", rawMessageDelivery: true }, b: { rawMessageDelivery: true } } }).problems.map((p) => p.field), [
      "subscribers.a",
      "subscribers.b",
    ]);
  });

  it("refuses a topic's key without the topic, and two encryptions, at the destination's own fields", () => {
    assert.deepEqual(built({ topicKmsKeyId: "k", encryption: "create-key", kmsKeyArn: "arn:aws:kms:us-east-1:1:key/k", subscribers: {} }), {
      delivery: undefined,
      problems: [
        {
          field: "topicKmsKeyId",
          message: "applies only to an existing resource named by ARN or name; `topicArn` is read from the resource itself. Remove `topicKmsKeyId`.",
        },
        { field: "", message: "Only one of `encryption` or `kmsKeyArn` can be provided (found `encryption` and `kmsKeyArn`); remove the others." },
      ],
    });
  });

  it("takes a function resource as a subscriber", async () => {
    await mockEngine();
    const fn = new aws.lambda.Function("auditor", { role: `arn:aws:iam::${ACCOUNT}:role/r`, runtime: "nodejs20.x", handler: "index.handler" });
    const d = delivery({ subscribers: { fn: { function: fn } } });
    assert.deepEqual(d.validate(), []);
    assert.deepEqual(d.failurePaths("n-t", FAILURE).map((p) => p.stage.kind === "sns" && p.stage.protocol), ["lambda"]);
  });

  it("refuses an https subscriber that is not an https URL, an email that is not an address, and a FIFO queue", () => {
    const subscribers = {
      plain: { https: "http://example.com" },
      bare: { https: "https://" },
      spaced: { https: "https:// example.com" },
      mail: { email: "ops at example.com" },
      twice: { email: "a@b@c" },
      jobs: { queueArn: `${QUEUE_ARN}.fifo`, queueUrl: QUEUE_URL },
    };
    assert.deepEqual(delivery({ subscribers }).validate(), [
      { field: "subscribers.plain.https", message: "`http://example.com` is not an https:// URL; SNS would send events in clear text or fail." },
      { field: "subscribers.bare.https", message: "`https://` is not an https:// URL; SNS would send events in clear text or fail." },
      { field: "subscribers.spaced.https", message: "`https:// example.com` is not an https:// URL; SNS would send events in clear text or fail." },
      { field: "subscribers.mail.email", message: "`ops at example.com` is not an email address." },
      { field: "subscribers.twice.email", message: "`a@b@c` is not an email address." },
      { field: "subscribers.jobs.queue", message: `\`${QUEUE_ARN}.fifo\` is a FIFO queue; a standard topic can only deliver to standard queues.` },
    ]);
    // An address anywhere in the text is not enough: the whole value must be one.
    assert.deepEqual(delivery({ subscribers: { x: { email: " a@b" } } }).validate().map((p) => p.field), ["subscribers.x.email"]);
    assert.deepEqual(delivery({ subscribers: { x: { https: "see https://example.com" } } }).validate().map((p) => p.field), ["subscribers.x.https"]);
  });

  it("plans a created topic, its key when it creates one, its policy and alarm, and each subscriber's children", () => {
    const names = (args: SnsDestination) => delivery(args).childNames("n-t", { sourceKeys: [], ruleIds: [], join: childName }).map((c) => `${c.type} ${c.name}${c.via ? ` (${c.via})` : ""}`);
    assert.deepEqual(names({ encryption: "create-key", subscribers: { log: { queueArn: QUEUE_ARN, queueUrl: QUEUE_URL }, fn: { functionArn: FN_ARN }, ops: { email: "a@b" } } }), [
      "aws:sns/topic:Topic n-t",
      "aws:kms/key:Key n-t-key",
      "aws:sns/topicPolicy:TopicPolicy n-t-policy",
      "aws:cloudwatch/metricAlarm:MetricAlarm n-t-failed",
      "aws:sns/topicSubscription:TopicSubscription n-t-log (subscriber `log`)",
      "aws:sqs/queue:Queue n-t-log-dlq (subscriber `log`)",
      "aws:cloudwatch/metricAlarm:MetricAlarm n-t-log-dlq-visible (subscriber `log`)",
      "aws:sqs/queuePolicy:QueuePolicy n-t-log-dlq-policy (subscriber `log`)",
      "aws:sqs/queuePolicy:QueuePolicy n-t-log-policy (subscriber `log`)",
      "aws:sns/topicSubscription:TopicSubscription n-t-fn (subscriber `fn`)",
      "aws:sqs/queue:Queue n-t-fn-dlq (subscriber `fn`)",
      "aws:cloudwatch/metricAlarm:MetricAlarm n-t-fn-dlq-visible (subscriber `fn`)",
      "aws:sqs/queuePolicy:QueuePolicy n-t-fn-dlq-policy (subscriber `fn`)",
      "aws:lambda/permission:Permission n-t-fn-allow-sns (subscriber `fn`)",
      "aws:sns/topicSubscription:TopicSubscription n-t-ops (subscriber `ops`)",
      "aws:sqs/queue:Queue n-t-ops-dlq (subscriber `ops`)",
      "aws:cloudwatch/metricAlarm:MetricAlarm n-t-ops-dlq-visible (subscriber `ops`)",
      "aws:sqs/queuePolicy:QueuePolicy n-t-ops-dlq-policy (subscriber `ops`)",
    ]);
    // A created topic without a key of its own.
    assert.deepEqual(names({ subscribers: {} }), ["aws:sns/topic:Topic n-t", "aws:sns/topicPolicy:TopicPolicy n-t-policy", "aws:cloudwatch/metricAlarm:MetricAlarm n-t-failed"]);
    // A given topic: only its policy and alarm.
    assert.deepEqual(names({ topicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:audit` }), [
      "aws:sns/topicPolicy:TopicPolicy n-t-policy",
      "aws:cloudwatch/metricAlarm:MetricAlarm n-t-failed",
    ]);
  });

  it("describes one failure path per subscriber, by protocol, each into its own DLQ", () => {
    const paths = delivery({ subscribers: { log: { queueArn: QUEUE_ARN, queueUrl: QUEUE_URL }, fn: { functionArn: FN_ARN }, hook: { https: "https://x.example" }, ops: { email: "a@b" } } })
      .failurePaths("n-t", FAILURE);
    assert.deepEqual(
      paths.map((p) => [p.stage.kind, p.stage.name, p.stage.kind === "sns" && p.stage.protocol, p.deadLetter?.name]),
      [
        ["sns", "n-t-log", "sqs", "n-t-log-dlq"],
        ["sns", "n-t-fn", "lambda", "n-t-fn-dlq"],
        ["sns", "n-t-hook", "https", "n-t-hook-dlq"],
        ["sns", "n-t-ops", "email", "n-t-ops-dlq"],
      ],
    );
    assert.deepEqual(delivery({}).failurePaths("n-t", FAILURE), []);
  });

  it("knows the region and literal ARN of a given topic only", () => {
    const arn = `arn:aws:sns:${REGION}:${ACCOUNT}:audit`;
    assert.equal(delivery({ topicArn: arn }).literalArn, arn);
    assert.equal(delivery({}).literalArn, undefined);
    assert.equal(delivery({}).region, undefined);
  });
});

describe("SnsDelivery, bound alone", () => {
  const FN_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:auditor`;
  const QUEUE_ARN = `arn:aws:sqs:${REGION}:${ACCOUNT}:log`;
  const delivery = (args: SnsDestination) => snsDelivery(args).delivery!;

  it("creates a topic without a key by default, its policy and an alarm on failed deliveries, which is all it has without subscribers", async () => {
    const { engine, binding } = await bindAlone(delivery({ subscribers: {} }));
    assert.deepEqual(awsResources(engine), [
      "aws:cloudwatch/metricAlarm:MetricAlarm n-d-failed",
      "aws:sns/topic:Topic n-d",
      "aws:sns/topicPolicy:TopicPolicy n-d-policy",
    ]);
    assert.deepEqual(engine.byName("n-d").inputs, {});
    assert.ok(binding.topic, "the topic it created");
    const alarm = engine.byName("n-d-failed").inputs;
    assert.equal(alarm.namespace, "AWS/SNS");
    assert.equal(alarm.metricName, "NumberOfNotificationsFailed");
    assert.deepEqual(alarm.dimensions, { TopicName: "n-d-0a1b2c3" });
    assert.equal(alarm.statistic, "Sum");
    assert.equal(alarm.threshold, 0);
    assert.equal(alarm.alarmDescription, "Topic n-d failed to deliver S3 events to a subscriber.");
    assert.deepEqual(binding.dependencies, []);
    assert.equal(binding.deadLetterQueues.length, 0);
  });

  it("lets SNS invoke a function subscriber from this topic only, subscribing it by the lambda protocol once allowed, and its DLQ receive from the topic", async () => {
    const { engine, binding } = await bindAlone(delivery({ subscribers: { fn: { functionArn: FN_ARN } } }));
    const topicArn = `arn:aws:sns:${REGION}:${ACCOUNT}:n-d-0a1b2c3`;
    const permission = engine.byName("n-d-fn-allow-sns");
    assert.deepEqual(permission.inputs, { action: "lambda:InvokeFunction", function: "auditor", principal: "sns.amazonaws.com", sourceArn: topicArn });
    const subscription = engine.byName("n-d-fn");
    assert.equal(subscription.inputs.protocol, "lambda");
    assert.equal(subscription.inputs.endpoint, FN_ARN);
    assert.equal(subscription.inputs.rawMessageDelivery, undefined);
    assert.deepEqual(JSON.parse(subscription.inputs.redrivePolicy as string), { deadLetterTargetArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:n-d-fn-dlq-0a1b2c3` });
    assert.ok(subscription.dependencies.includes(permission.urn));
    assert.deepEqual(binding.deadLetterQueues.map((d) => d.name), ["n-d-fn-dlq"]);
    const dlqPolicy = jsonInput(engine.byName("n-d-fn-dlq-policy"), "policy") as { Statement: { Sid: string; Condition: unknown }[] };
    assert.equal(dlqPolicy.Statement[0].Sid, "AllowSnsFromND");
    assert.deepEqual(dlqPolicy.Statement[0].Condition, { ArnLike: { "aws:SourceArn": topicArn }, StringEquals: { "aws:SourceAccount": ACCOUNT } });
  });

  it("grants one queue given by the same ARN to two subscribers in one policy", async () => {
    const { engine } = await bindAlone(delivery({ subscribers: { a: { queueArn: QUEUE_ARN, queueUrl: "https://sqs/log" }, b: { queueArn: QUEUE_ARN, queueUrl: "https://sqs/log" } } }));
    assert.deepEqual(
      engine.ofType("aws:sqs/queuePolicy:QueuePolicy").map((p) => p.name).sort(),
      ["n-d-a-dlq-policy", "n-d-a-policy", "n-d-b-dlq-policy"],
    );
    assert.equal(engine.byName("n-d-a").inputs.protocol, "sqs");
    assert.equal(engine.byName("n-d-a").inputs.rawMessageDelivery, true);
  });

  it("publishes to a given topic without creating one, or a key", async () => {
    const topicArn = `arn:aws:sns:${REGION}:${ACCOUNT}:audit`;
    const { engine, binding } = await bindAlone(delivery({ topicArn, subscribers: {} }));
    assert.deepEqual(awsResources(engine), ["aws:cloudwatch/metricAlarm:MetricAlarm n-d-failed", "aws:sns/topicPolicy:TopicPolicy n-d-policy"]);
    assert.equal(engine.byName("n-d-policy").inputs.arn, topicArn);
    assert.equal(binding.topic, undefined);
    // Its policy is keyed by the ARN: another destination naming the same topic shares it.
    assert.deepEqual(binding.grantKeys, [topicArn]);
  });

  it("checks at deploy whether a given topic is FIFO, and its key, as a topic's", async () => {
    const checks = delivery({ topicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:audit.fifo`, topicKmsKeyId: "alias/aws/sns", subscribers: {} }).validateAtDeploy();
    const problems = (await Promise.all(checks.map((c) => valueOf(c)))).flat();
    assert.deepEqual(
      problems.map((p) => p.field),
      ["topic", "topic.kmsMasterKeyId"],
    );
    assert.match(problems[0].message, /^the given topic is a FIFO topic; S3 can send event notifications only to standard topics/);
  });
});

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
      destinations: { audit: sns({ subscribers: { fn: { functionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:auditor` } } }) },
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
