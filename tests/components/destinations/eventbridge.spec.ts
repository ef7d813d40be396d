import * as aws from "@pulumi/aws";
import { strict as assert } from "assert";
import { BucketNotifications, eventBridge, eventPattern } from "../../../components";
import { ACCOUNT, jsonInput, mockEngine, REGION, thrownBy } from "../../support/harness";
import { simulate } from "../../support/iam";

describe("EventBridgeDestination", () => {
  it("turns on the bucket's EventBridge switch and adds a rule, a target with retries and a DLQ", async () => {
    const engine = await mockEngine();
    new BucketNotifications("pipeline", {
      buckets: { uploads: { bucket: new aws.s3.Bucket("uploads", { bucket: "acme-uploads" }) } },
      destinations: { index: eventBridge({ functionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:indexer`, functionRoleArn: `arn:aws:iam::${ACCOUNT}:role/indexer-role` }) },
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
      destinations: { index: eventBridge({ functionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:indexer`, functionRoleArn: `arn:aws:iam::${ACCOUNT}:role/indexer-role` }) },
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
          destinations: { index: eventBridge({ functionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:f`, functionRoleArn: `arn:aws:iam::${ACCOUNT}:role/f-role` }) },
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
