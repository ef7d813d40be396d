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
    assert.deepEqual(
      (eventPattern("b", ["s3:ObjectCreated:Put"], { prefix: "a*", suffix: "\\" }) as { detail: { object: object } }).detail.object,
      { key: [{ wildcard: "a\\**\\\\" }] },
    );
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
});
