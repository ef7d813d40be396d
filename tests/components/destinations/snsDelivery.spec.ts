import * as aws from "@pulumi/aws";
import { strict as assert } from "assert";
import type { SnsDestination } from "../../../components";
import { snsDelivery } from "../../../components/destinations/sns";
import { bindAlone } from "../../support/bindAlone";
import { ACCOUNT, awsResources, jsonInput, mockEngine, REGION } from "../../support/harness";
import { settled } from "../../support/settled";
import { childName } from "../../../components/childNames";

// SnsDelivery on its own: from its args, and bound alone under fresh mocks, with no component
// around it. What it adds to a whole BucketNotifications is in sns.spec.ts.
describe("SnsDelivery, from its args alone", () => {
  const FAILURE = { deadLetterRetentionSeconds: 1_209_600, protectDeadLetterQueues: false, maxMessageAgeSeconds: 3_600, responseWindowSeconds: 259_200 };
  const QUEUE_ARN = `arn:aws:sqs:${REGION}:${ACCOUNT}:log`;
  const QUEUE_URL = `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/log`;
  const FN_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:f`;
  const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/f-role`;
  const built = (args: SnsDestination) => snsDelivery(args);
  const delivery = (args: SnsDestination) => {
    const b = built(args);
    assert.deepEqual(b.problems, []);
    return b.delivery!;
  };

  it("takes each kind of subscriber", () => {
    const subscribers = {
      log: { queueArn: QUEUE_ARN, queueUrl: QUEUE_URL, rawMessageDelivery: false },
      fn: { functionArn: FN_ARN, functionRoleArn: ROLE_ARN },
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
          message: "describes an existing topic named by `topicArn`, and none is named. Name it by `topicArn`, or remove `topicKmsKeyId`.",
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
    assert.deepEqual(d.failurePaths("n-t", FAILURE).map((p) => [p.stage.kind, p.stage.kind === "sns" && p.stage.protocol]), [["sns", "lambda"], ["lambda", false]]);
  });

  it("needs the execution role of a function subscriber named by ARN, and refuses a role beside any other subscriber", () => {
    assert.deepEqual(delivery({ subscribers: { fn: { functionArn: FN_ARN } } }).validate(), [
      {
        field: "subscribers.fn.functionRoleArn",
        message: "is required with `functionArn`: the function's execution role must be allowed to send failed events to its dead-letter queue.",
      },
    ]);
    // Beside a function resource, the role is refused once, as for every function field.
    assert.deepEqual(
      built({ subscribers: { x: { function: {} as never, functionRoleArn: ROLE_ARN } } }).problems.map((p) => p.field),
      ["subscribers.x.functionRoleArn", "subscribers.x.function"],
    );
    const stray = { field: "subscribers.x.functionRoleArn", message: "applies only to a function subscriber named by `functionArn`; remove it." };
    for (const subscriber of [{ email: "a@b" }, { https: "https://x.example" }, { queueArn: QUEUE_ARN, queueUrl: QUEUE_URL }]) {
      assert.deepEqual(built({ subscribers: { x: { ...subscriber, functionRoleArn: ROLE_ARN } } }).problems, [stray], Object.keys(subscriber)[0]);
    }
  });

  it("names each function subscriber whose invoke config it writes, at its own field", async () => {
    await mockEngine();
    const fn = new aws.lambda.Function("auditor", { role: `arn:aws:iam::${ACCOUNT}:role/r`, runtime: "nodejs20.x", handler: "index.handler" });
    const d = delivery({ subscribers: { a: { function: fn }, b: { functionArn: FN_ARN, functionRoleArn: ROLE_ARN }, c: { email: "a@b" } } });
    assert.deepEqual(d.asyncFunctions.map((f) => [f.field, f.fn.identity === fn.arn || f.fn.identity]), [["subscribers.a.function", true], ["subscribers.b.functionArn", FN_ARN]]);
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
    assert.deepEqual(names({ encryption: "create-key", subscribers: { log: { queueArn: QUEUE_ARN, queueUrl: QUEUE_URL }, fn: { functionArn: FN_ARN, functionRoleArn: ROLE_ARN }, ops: { email: "a@b" } } }), [
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
      // SNS invokes a function asynchronously: what it fails on after Lambda's retries has a DLQ of its own.
      "aws:sqs/queue:Queue n-t-fn-function-dlq (subscriber `fn`)",
      "aws:cloudwatch/metricAlarm:MetricAlarm n-t-fn-function-dlq-visible (subscriber `fn`)",
      "aws:iam/rolePolicy:RolePolicy n-t-fn-function-send-to-dlq (subscriber `fn`)",
      "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig n-t-fn-function-async (subscriber `fn`)",
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

  it("describes one failure path per subscriber, by protocol, each into its own DLQ, and a function's asynchronous invocation after it", () => {
    const paths = delivery({ subscribers: { log: { queueArn: QUEUE_ARN, queueUrl: QUEUE_URL }, fn: { functionArn: FN_ARN, functionRoleArn: ROLE_ARN }, hook: { https: "https://x.example" }, ops: { email: "a@b" } } })
      .failurePaths("n-t", FAILURE);
    assert.deepEqual(
      paths.map((p) => [p.stage.kind, p.stage.name, p.stage.kind === "sns" && p.stage.protocol, p.deadLetter?.name]),
      [
        ["sns", "n-t-log", "sqs", "n-t-log-dlq"],
        ["sns", "n-t-fn", "lambda", "n-t-fn-dlq"],
        ["lambda", "n-t-fn", false, "n-t-fn-function-dlq"],
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
  const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/auditor-role`;
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
    const { engine, binding } = await bindAlone(delivery({ subscribers: { fn: { functionArn: FN_ARN, functionRoleArn: ROLE_ARN } } }));
    const topicArn = `arn:aws:sns:${REGION}:${ACCOUNT}:n-d-0a1b2c3`;
    const permission = engine.byName("n-d-fn-allow-sns");
    assert.deepEqual(permission.inputs, { action: "lambda:InvokeFunction", function: "auditor", principal: "sns.amazonaws.com", sourceArn: topicArn });
    const subscription = engine.byName("n-d-fn");
    assert.equal(subscription.inputs.protocol, "lambda");
    assert.equal(subscription.inputs.endpoint, FN_ARN);
    assert.equal(subscription.inputs.rawMessageDelivery, undefined);
    assert.deepEqual(JSON.parse(subscription.inputs.redrivePolicy as string), { deadLetterTargetArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:n-d-fn-dlq-0a1b2c3` });
    assert.ok(subscription.dependencies.includes(permission.urn));
    assert.deepEqual(binding.deadLetterQueues.map((d) => d.name), ["n-d-fn-dlq", "n-d-fn-function-dlq"]);
    // What the function fails on after Lambda's retries (its defaults) goes to its own DLQ, set up before SNS may deliver.
    const config = engine.byName("n-d-fn-function-async");
    assert.deepEqual(config.inputs, {
      functionName: "auditor",
      maximumRetryAttempts: 2,
      maximumEventAgeInSeconds: 21_600,
      destinationConfig: { onFailure: { destination: `arn:aws:sqs:${REGION}:${ACCOUNT}:n-d-fn-function-dlq-0a1b2c3` } },
    });
    assert.ok(subscription.dependencies.includes(config.urn));
    assert.equal(engine.byName("n-d-fn-function-send-to-dlq").inputs.role, "auditor-role");
    assert.equal((engine.byName("n-d-fn-function-dlq").inputs.tags as Record<string, string>)["s3-events:purpose"], "sns n-d-fn: failed async invocations of the function");
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
    const problems = (await Promise.all(checks.map((c) => settled(c)))).flat();
    assert.deepEqual(
      problems.map((p) => p.field),
      ["topic", "topic.kmsMasterKeyId"],
    );
    assert.match(problems[0].message, /^the given topic is a FIFO topic; S3 can send event notifications only to standard topics/);
  });
});
