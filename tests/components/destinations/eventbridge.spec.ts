import * as aws from "@pulumi/aws";
import { strict as assert } from "assert";
import { BucketNotifications, eventBridge, eventPattern } from "../../../components";
import { eventBridgeDelivery, type EventBridgeDestination } from "../../../components/destinations/eventbridge";
import { bindAlone } from "../../support/bindAlone";
import { ACCOUNT, awsResources, jsonInput, mockEngine, REGION, thrownBy, valueOf } from "../../support/harness";
import { simulate } from "../../support/iam";
import { childName } from "../../../components/childNames";

// The destination from its args alone first: no engine, and a mutant it kills costs no component build.
describe("EventBridgeDelivery, from its args alone", () => {
  const FAILURE = { deadLetterRetentionSeconds: 1_209_600, protectDeadLetterQueues: false, maxMessageAgeSeconds: 3_600, responseWindowSeconds: 259_200 };
  const FN_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:f`;
  const QUEUE = { queueArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:indexing`, queueUrl: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/indexing` };
  const TOPIC_ARN = `arn:aws:sns:${REGION}:${ACCOUNT}:indexing`;
  const delivery = (args: EventBridgeDestination) => {
    const built = eventBridgeDelivery(args);
    assert.deepEqual(built.problems, []);
    return built.delivery!;
  };
  const FIFO_MESSAGE = (what: string, kind: string) =>
    `${what} is a FIFO ${kind}; an EventBridge target needs a message group id for it, which these targets do not set. Use a standard ${kind}.`;

  it("refuses no target, and a target's own missing fields", () => {
    assert.deepEqual(eventBridgeDelivery({}), {
      delivery: undefined,
      problems: [{ field: "", message: "One of `function`, `functionArn`, `queue`, `queueArn`, `topic` or `topicArn` is required." }],
    });
    assert.deepEqual(eventBridgeDelivery({ queueArn: QUEUE.queueArn }).problems, [{ field: "queueUrl", message: "is required with `queueArn`: the queue policy is set by URL." }]);
  });

  it("takes a function, queue or topic resource as its target, refusing what only an existing one needs at the destination's own field", async () => {
    await mockEngine();
    const fn = new aws.lambda.Function("f", { role: `arn:aws:iam::${ACCOUNT}:role/r`, runtime: "nodejs20.x", handler: "index.handler" });
    const queue = new aws.sqs.Queue("q", {});
    const topic = new aws.sns.Topic("t", {});
    for (const args of [{ function: fn }, { queue }, { topic }]) assert.deepEqual(eventBridgeDelivery(args).problems, [], Object.keys(args)[0]);
    const extra = (resource: string, field: string) => ({
      field,
      message: `applies only to an existing resource named by ARN or name; \`${resource}\` is read from the resource itself. Remove \`${field}\`.`,
    });
    // Fields of the other destinations' targets, as a program in another language may send them.
    const sent = (args: object) => eventBridgeDelivery(args as EventBridgeDestination);
    assert.deepEqual(sent({ function: fn, functionRoleArn: "r" }), { delivery: undefined, problems: [extra("function", "functionRoleArn")] });
    assert.deepEqual(sent({ queue, queueUrl: "https://q" }), { delivery: undefined, problems: [extra("queue", "queueUrl")] });
    assert.deepEqual(sent({ topic, topicKmsKeyId: "k" }), { delivery: undefined, problems: [extra("topic", "topicKmsKeyId")] });
  });

  it("accepts retries and event age within EventBridge's limits, both ends included", () => {
    assert.deepEqual(delivery({ functionArn: FN_ARN }).validate(), []);
    assert.deepEqual(delivery({ functionArn: FN_ARN, maximumRetryAttempts: 0, maximumEventAgeInSeconds: 60 }).validate(), []);
    assert.deepEqual(delivery({ functionArn: FN_ARN, maximumRetryAttempts: 185, maximumEventAgeInSeconds: 86_400 }).validate(), []);
  });

  it("refuses retries and event age outside them", () => {
    assert.deepEqual(delivery({ functionArn: FN_ARN, maximumRetryAttempts: 186, maximumEventAgeInSeconds: 59 }).validate(), [
      { field: "maximumRetryAttempts", message: "must be a whole number from 0 to 185, not 186." },
      { field: "maximumEventAgeInSeconds", message: "must be a whole number from 60 to 86400, not 59." },
    ]);
    assert.deepEqual(delivery({ functionArn: FN_ARN, maximumRetryAttempts: -1, maximumEventAgeInSeconds: 86_401 }).validate().map((p) => p.field), [
      "maximumRetryAttempts",
      "maximumEventAgeInSeconds",
    ]);
  });

  it("refuses a FIFO queue or topic by ARN, but not a function whose name ends alike", () => {
    assert.deepEqual(delivery({ ...QUEUE, queueArn: `${QUEUE.queueArn}.fifo` }).validate(), [
      { field: "queue", message: FIFO_MESSAGE(`\`${QUEUE.queueArn}.fifo\``, "queue") },
    ]);
    assert.deepEqual(delivery({ topicArn: `${TOPIC_ARN}.fifo` }).validate(), [{ field: "topic", message: FIFO_MESSAGE(`\`${TOPIC_ARN}.fifo\``, "topic") }]);
    assert.deepEqual(delivery({ functionArn: `${FN_ARN}.fifo` }).validate(), []);
  });

  it("checks at deploy whether a given queue or topic is FIFO; a function needs no check", async () => {
    const problems = async (args: EventBridgeDestination) => (await Promise.all(delivery(args).validateAtDeploy().map(valueOf))).flat();
    assert.deepEqual(await problems({ ...QUEUE, queueArn: `${QUEUE.queueArn}.fifo` }), [{ field: "queue", message: FIFO_MESSAGE("the given queue", "queue") }]);
    assert.deepEqual(await problems({ topicArn: `${TOPIC_ARN}.fifo` }), [{ field: "topic", message: FIFO_MESSAGE("the given topic", "topic") }]);
    assert.deepEqual(await problems(QUEUE), []);
    assert.deepEqual(delivery({ functionArn: FN_ARN }).validateAtDeploy(), []);
  });

  it("knows its target's literal ARN and region", async () => {
    assert.equal(delivery({ functionArn: FN_ARN }).literalArn, FN_ARN);
    assert.equal(delivery(QUEUE).literalArn, QUEUE.queueArn);
    assert.equal(delivery({ topicArn: TOPIC_ARN }).literalArn, TOPIC_ARN);
    assert.equal(await valueOf(delivery({ topicArn: `arn:aws:sns:eu-west-1:${ACCOUNT}:t` }).region), "eu-west-1");
  });

  it("plans a DLQ and its policy, a rule and target per routed rule, and what its target needs", () => {
    const names = (args: EventBridgeDestination) =>
      delivery(args).childNames("n-eb", { sourceKeys: ["uploads"], ruleIds: ["docs", "pdf"], join: childName }).map((c) => `${c.type} ${c.name}${c.via ? ` (${c.via})` : ""}`);
    const common = [
      "aws:sqs/queue:Queue n-eb-dlq",
      "aws:cloudwatch/metricAlarm:MetricAlarm n-eb-dlq-visible",
      "aws:sqs/queuePolicy:QueuePolicy n-eb-dlq-policy",
    ];
    const rules = (extra: (id: string) => string[]) =>
      ["docs", "pdf"].flatMap((id) => [
        `aws:cloudwatch/eventRule:EventRule n-eb-${id} (rule \`${id}\`)`,
        `aws:cloudwatch/eventTarget:EventTarget n-eb-${id} (rule \`${id}\`)`,
        ...extra(id),
      ]);
    assert.deepEqual(names({ functionArn: FN_ARN }), [
      ...common,
      ...rules((id) => [`aws:lambda/permission:Permission n-eb-${id}-allow-events (rule \`${id}\`)`]),
      "aws:cloudwatch/metricAlarm:MetricAlarm n-eb-errors",
      "aws:cloudwatch/metricAlarm:MetricAlarm n-eb-dropped",
    ]);
    assert.deepEqual(names(QUEUE), [...common, ...rules(() => []), "aws:sqs/queuePolicy:QueuePolicy n-eb-target-policy"]);
    assert.deepEqual(names({ topicArn: TOPIC_ARN }), [...common, ...rules(() => []), "aws:sns/topicPolicy:TopicPolicy n-eb-target-policy"]);
  });

  it("describes its failure path with the retries and age it will configure: EventBridge's maximums by default", () => {
    const [path] = delivery({ functionArn: FN_ARN }).failurePaths("n-eb", FAILURE);
    assert.deepEqual(path.stage, { kind: "eventbridge", name: "n-eb", retries: 185, maxEventAgeSeconds: 86_400 });
    assert.equal(path.deadLetter?.name, "n-eb-dlq");
    const [set] = delivery({ functionArn: FN_ARN, maximumRetryAttempts: 3, maximumEventAgeInSeconds: 600 }).failurePaths("n-eb", FAILURE);
    assert.deepEqual(set.stage, { kind: "eventbridge", name: "n-eb", retries: 3, maxEventAgeSeconds: 600 });
  });
});

describe("EventBridgeDelivery, bound alone", () => {
  const delivery = (args: EventBridgeDestination) => eventBridgeDelivery(args).delivery!;
  const QUEUE_ARN = `arn:aws:sqs:${REGION}:${ACCOUNT}:indexing`;
  const TOPIC_ARN = `arn:aws:sns:${REGION}:${ACCOUNT}:indexing`;

  it("adds a rule and a target per routed rule, described by its events, with a DLQ only the rules may send to", async () => {
    const { engine, binding } = await bindAlone(delivery({ queueArn: QUEUE_ARN, queueUrl: "https://sqs/indexing" }), {
      rules: [["docs", "uploads", "docs/"]],
      events: ["s3:ObjectCreated:Put", "s3:ObjectRemoved:Delete"],
    });
    const rule = engine.byName("n-d-docs");
    assert.equal(rule.type, "aws:cloudwatch/eventRule:EventRule");
    assert.equal(rule.inputs.description, "S3 s3:ObjectCreated:Put, s3:ObjectRemoved:Delete on bucket uploads, rule docs");
    const dlqPolicy = jsonInput(engine.byName("n-d-dlq-policy"), "policy") as { Statement: { Sid: string }[] };
    assert.deepEqual(dlqPolicy.Statement.map((s) => s.Sid), ["AllowEventsFromDocs", "DenyInsecureTransport"]);
    assert.deepEqual(binding.deadLetterQueues.map((d) => d.name), ["n-d-dlq"]);
    assert.equal(binding.arn, undefined);
  });

  it("grants a queue or a topic to its rules by the target's ARN, and alarms on nothing it does not run", async () => {
    const queue = await bindAlone(delivery({ queueArn: QUEUE_ARN, queueUrl: "https://sqs/indexing" }));
    assert.equal(queue.engine.byName("n-d-target-policy").type, "aws:sqs/queuePolicy:QueuePolicy");
    assert.deepEqual(queue.binding.grantKeys.slice(1), [QUEUE_ARN]);
    assert.deepEqual(queue.binding.alarms, []);
    const topic = await bindAlone(delivery({ topicArn: TOPIC_ARN }));
    assert.deepEqual(awsResources(topic.engine).filter((r) => r.includes("target-policy")), ["aws:sns/topicPolicy:TopicPolicy n-d-target-policy"]);
    assert.deepEqual(topic.binding.grantKeys.slice(1), [TOPIC_ARN]);
    assert.deepEqual(topic.binding.alarms, []);
  });

  it("alarms on a function target's errors and dropped events", async () => {
    const { binding } = await bindAlone(delivery({ functionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:indexer` }));
    assert.equal(binding.alarms.length, 2);
    assert.equal(binding.grantKeys.length, 1, "only its DLQ's policy");
  });

  it("waits for no target policy when no rule routes to it, as none was written", async () => {
    const { binding } = await bindAlone(delivery({ queueArn: QUEUE_ARN, queueUrl: "https://sqs/indexing" }), { rules: [] });
    assert.equal(binding.grantKeys.length, 1, "only its DLQ's policy");
  });
});

describe("EventBridgeDestination", () => {
  it("turns on the bucket's EventBridge switch and adds a rule, a target with retries and a DLQ", async () => {
    const engine = await mockEngine();
    new BucketNotifications("pipeline", {
      buckets: { uploads: { bucket: new aws.s3.Bucket("uploads", { bucket: "acme-uploads" }) } },
      destinations: { index: eventBridge({ functionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:indexer` }) },
      rules: [{ id: "docs", bucket: "uploads", destination: "index", events: ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"], filter: { prefix: "docs/", suffix: ".pdf" } }],
    });
    await engine.settle();
    const notification = engine.byName("pipeline-uploads");
    assert.equal(notification.inputs.eventbridge, true);
    assert.equal(notification.inputs.lambdaFunctions, undefined);
    // The rule and its target share a name; pick each by type.
    const [rule] = engine.ofType("aws:cloudwatch/eventRule:EventRule");
    const [eventTarget] = engine.ofType("aws:cloudwatch/eventTarget:EventTarget");
    assert.equal(rule.name, "pipeline-index-docs");
    assert.equal(eventTarget.name, "pipeline-index-docs");
    // Every Object Created event, but only API deletions: lifecycle expirations are Object Deleted too.
    const docs = { bucket: { name: ["acme-uploads"] }, object: { key: [{ wildcard: "docs/*.pdf" }] } };
    assert.deepEqual(jsonInput(rule, "eventPattern"), {
      source: ["aws.s3"],
      $or: [
        { "detail-type": ["Object Created"], detail: docs },
        { "detail-type": ["Object Deleted"], detail: { ...docs, reason: ["DeleteObject"], "deletion-type": ["Permanently Deleted", "Delete Marker Created"] } },
      ],
    });
    assert.equal(eventTarget.inputs.arn, `arn:aws:lambda:${REGION}:${ACCOUNT}:function:indexer`);
    assert.equal(eventTarget.inputs.rule, "pipeline-index-docs-0a1b2c3");
    const dlqArn = `arn:aws:sqs:${REGION}:${ACCOUNT}:pipeline-index-dlq-0a1b2c3`;
    assert.deepEqual(eventTarget.inputs.deadLetterConfig, { arn: dlqArn });
    assert.deepEqual(eventTarget.inputs.retryPolicy, { maximumRetryAttempts: 185, maximumEventAgeInSeconds: 86400 });
    assert.ok(eventTarget.dependencies.includes(engine.byName("pipeline-index-docs-allow-events").urn));
    assert.ok(notification.dependencies.includes(eventTarget.urn));

    const dlqPolicy = jsonInput(engine.byName("pipeline-index-dlq-policy"), "policy");
    const ruleArn = `arn:aws:events:${REGION}:${ACCOUNT}:rule/pipeline-index-docs-0a1b2c3`;
    const send = (sourceArn: string) =>
      simulate(dlqPolicy, {
        principal: "events.amazonaws.com",
        action: "sqs:SendMessage",
        resource: dlqArn,
        resourceAccount: ACCOUNT,
        context: { "aws:SourceArn": sourceArn, "aws:SourceAccount": ACCOUNT, "aws:SecureTransport": "true" },
      });
    assert.equal(await send(ruleArn), "Allowed");
    assert.equal(await send(`arn:aws:events:${REGION}:${ACCOUNT}:rule/other`), "ImplicitlyDenied");
  });

  it("gives each rule its own permission to invoke the function, and each bucket's notification waits for its own rules' targets only", async () => {
    const engine = await mockEngine();
    new BucketNotifications("pipeline", {
      buckets: { uploads: { bucketName: "acme-uploads" }, archive: { bucketName: "acme-archive" } },
      destinations: { index: eventBridge({ functionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:indexer` }) },
      rules: [
        { id: "docs", bucket: "uploads", destination: "index", events: ["s3:ObjectCreated:*"], filter: { prefix: "docs/" } },
        { id: "old", bucket: "archive", destination: "index", events: ["s3:ObjectCreated:*"], filter: { suffix: ".pdf" } },
      ],
    });
    await engine.settle();
    const [docsRule, oldRule] = engine.ofType("aws:cloudwatch/eventRule:EventRule");
    assert.equal(docsRule.inputs.description, "S3 s3:ObjectCreated:* on bucket uploads, rule docs");
    assert.deepEqual(jsonInput(oldRule, "eventPattern"), {
      source: ["aws.s3"],
      "detail-type": ["Object Created"],
      detail: { bucket: { name: ["acme-archive"] }, object: { key: [{ suffix: ".pdf" }] } },
    });
    assert.deepEqual(engine.byName("pipeline-index-old-allow-events").inputs, {
      action: "lambda:InvokeFunction",
      function: "indexer",
      principal: "events.amazonaws.com",
      sourceArn: `arn:aws:events:${REGION}:${ACCOUNT}:rule/pipeline-index-old-0a1b2c3`,
    });
    const [docsTarget, oldTarget] = engine.ofType("aws:cloudwatch/eventTarget:EventTarget");
    const uploads = engine.byName("pipeline-uploads").dependencies;
    const archive = engine.byName("pipeline-archive").dependencies;
    assert.ok(uploads.includes(docsTarget.urn) && !uploads.includes(oldTarget.urn));
    assert.ok(archive.includes(oldTarget.urn) && !archive.includes(docsTarget.urn));
    // Both wait for the dead-letter queue's policy, which names every rule.
    const dlqPolicy = engine.byName("pipeline-index-dlq-policy");
    assert.ok(uploads.includes(dlqPolicy.urn) && archive.includes(dlqPolicy.urn));
    assert.deepEqual(
      (jsonInput(dlqPolicy, "policy") as { Statement: { Sid: string }[] }).Statement.map((st) => st.Sid),
      ["AllowEventsFromDocs", "AllowEventsFromOld", "DenyInsecureTransport"],
    );
    assert.deepEqual(engine.byName("pipeline-index-errors").inputs.dimensions, { FunctionName: "indexer" });
    assert.equal(engine.byName("pipeline-index-dropped").inputs.metricName, "AsyncEventsDropped");
    assert.deepEqual(engine.byName("pipeline-index-dlq").inputs.tags, {
      "s3-events:role": "dead-letter-queue",
      "s3-events:purpose": "eventbridge pipeline-index: undeliverable events",
    });
  });

  it("matches a prefix or a suffix alone, and escapes wildcard characters", () => {
    assert.deepEqual(eventPattern("b", ["s3:ObjectCreated:Put"], { prefix: "a/", suffix: "" }), {
      source: ["aws.s3"],
      "detail-type": ["Object Created"],
      detail: { bucket: { name: ["b"] }, object: { key: [{ prefix: "a/" }] }, reason: ["PutObject"] },
    });
    assert.deepEqual((eventPattern("b", ["s3:ObjectCreated:*"], { prefix: "", suffix: ".x" }) as { detail: object }).detail, {
      bucket: { name: ["b"] },
      object: { key: [{ suffix: ".x" }] },
    });
    // An unfiltered rule matches every key: no key pattern at all.
    assert.deepEqual((eventPattern("b", ["s3:ObjectCreated:*"], { prefix: "", suffix: "" }) as { detail: object }).detail, { bucket: { name: ["b"] } });
    assert.deepEqual(
      (eventPattern("b", ["s3:ObjectCreated:Put"], { prefix: "a*", suffix: "\\" }) as { detail: { object: object } }).detail.object,
      { key: [{ wildcard: "a\\**\\\\" }] },
    );
  });

  it("adds the keys where prefix and suffix overlap, which S3 matches and `prefix*suffix` does not", () => {
    const key = (prefix: string, suffix: string) => (eventPattern("b", ["s3:ObjectCreated:Put"], { prefix, suffix }) as { detail: { object: { key: unknown[] } } }).detail.object.key;
    assert.deepEqual(key("logs/", "/"), [{ wildcard: "logs/*/" }, "logs/"]);
    assert.deepEqual(key("a", "abc"), [{ wildcard: "a*abc" }, "abc"]);
    assert.deepEqual(key("docs/", ".pdf"), [{ wildcard: "docs/*.pdf" }]);
  });

  it("rejects events S3 never sends to EventBridge", () => {
    const message = thrownBy(
      () =>
        new BucketNotifications("bad", {
          buckets: { uploads: { bucketName: "acme" } },
          destinations: { index: eventBridge({ functionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:f` }) },
          rules: [{ id: "repl", bucket: "uploads", destination: "index", events: ["s3:Replication:*"], filter: { prefix: "a/" } }],
        }),
    );
    assert.match(message, /bucket `uploads`, rule `repl`, `rules\[0\]\.events\[0\]`: `s3:Replication:\*` is never sent to EventBridge/);
  });

  describe("targets a queue or a topic, granted to its rules only", () => {
    async function build(destination: Parameters<typeof eventBridge>[0]) {
      const engine = await mockEngine();
      new BucketNotifications("pipeline", {
        buckets: { uploads: { bucketName: "acme-uploads" } },
        destinations: { index: eventBridge(destination) },
        rules: [{ id: "docs", bucket: "uploads", destination: "index", events: ["s3:ObjectCreated:*"], filter: { prefix: "docs/" } }],
      });
      await engine.settle();
      return engine;
    }
    const ruleArn = `arn:aws:events:${REGION}:${ACCOUNT}:rule/pipeline-index-docs-0a1b2c3`;
    const fromRule = (policy: unknown, action: string, resource: string, sourceArn: string) =>
      simulate(policy, {
        principal: "events.amazonaws.com",
        action,
        resource,
        resourceAccount: ACCOUNT,
        context: { "aws:SourceArn": sourceArn, "aws:SourceAccount": ACCOUNT, "aws:SecureTransport": "true" },
      });

    it("an existing queue: a queue policy letting only its rules send, a DLQ, no function permission", async () => {
      const queueArn = `arn:aws:sqs:${REGION}:${ACCOUNT}:indexing`;
      const engine = await build({ queueArn, queueUrl: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/indexing`, maximumRetryAttempts: 10 });
      const [target] = engine.ofType("aws:cloudwatch/eventTarget:EventTarget");
      assert.equal(target.inputs.arn, queueArn);
      assert.deepEqual(target.inputs.retryPolicy, { maximumRetryAttempts: 10, maximumEventAgeInSeconds: 86400 });
      assert.deepEqual(target.inputs.deadLetterConfig, { arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:pipeline-index-dlq-0a1b2c3` });
      const grant = engine.byName("pipeline-index-target-policy");
      assert.equal(grant.type, "aws:sqs/queuePolicy:QueuePolicy");
      assert.equal(grant.inputs.queueUrl, `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/indexing`);
      const policy = jsonInput(grant, "policy");
      assert.equal(await fromRule(policy, "sqs:SendMessage", queueArn, ruleArn), "Allowed");
      assert.equal(await fromRule(policy, "sqs:SendMessage", queueArn, `arn:aws:events:${REGION}:${ACCOUNT}:rule/other`), "ImplicitlyDenied");
      assert.equal(engine.ofType("aws:lambda/permission:Permission").length, 0);
      assert.deepEqual(engine.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").map((a) => a.name), ["pipeline-index-dlq-visible"]);
      assert.ok(engine.byName("pipeline-uploads").dependencies.includes(grant.urn), "the notification waits for the target's grant");
    });

    it("a topic of the program: a topic policy letting only its rules publish", async () => {
      const topic = new aws.sns.Topic("indexing", {});
      const engine = await build({ topic });
      const topicArn = `arn:aws:sns:${REGION}:${ACCOUNT}:indexing-0a1b2c3`;
      const [target] = engine.ofType("aws:cloudwatch/eventTarget:EventTarget");
      assert.equal(target.inputs.arn, topicArn);
      const grant = engine.byName("pipeline-index-target-policy");
      assert.equal(grant.type, "aws:sns/topicPolicy:TopicPolicy");
      const policy = jsonInput(grant, "policy");
      assert.equal(await fromRule(policy, "sns:Publish", topicArn, ruleArn), "Allowed");
      assert.equal(await fromRule(policy, "sns:Publish", topicArn, `arn:aws:events:${REGION}:${ACCOUNT}:rule/other`), "ImplicitlyDenied");
    });

    it("refuses two targets, and a FIFO queue, before anything registers", async () => {
      const engine = await mockEngine();
      const build = (destination: Parameters<typeof eventBridge>[0]) => () =>
        new BucketNotifications("bad", {
          buckets: { uploads: { bucketName: "acme" } },
          destinations: { index: eventBridge(destination) },
          rules: [{ id: "docs", bucket: "uploads", destination: "index", events: ["s3:ObjectCreated:*"], filter: { prefix: "docs/" } }],
        });
      assert.match(
        thrownBy(build({ functionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:f`, topicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:t` })),
        /destination `index`, `destinations\.index\.eventBridge`: Only one of `function`, `functionArn`, `queue`, `queueArn`, `topic` or `topicArn` can be provided \(found `functionArn` and `topicArn`\)/,
      );
      assert.match(
        thrownBy(build({ queueArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:q.fifo`, queueUrl: "https://x" })),
        /`destinations\.index\.eventBridge\.queue`: `arn:aws:sqs:us-east-1:111122223333:q\.fifo` is a FIFO queue; an EventBridge target needs a message group id/,
      );
      await engine.settle();
      assert.deepEqual(engine.resources.filter((r) => r.type.startsWith("aws:")), []);
    });
  });
});
