import * as pulumi from "@pulumi/pulumi";
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { mockEngine, valueOf } from "./support/harness";

/** Sets a stack's config as the CLI passes it to the program: `project:key` to strings. */
export function loadStackFile(stack: string): void {
  const file = parse(fs.readFileSync(path.join(__dirname, "..", `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, unknown> };
  for (const [key, value] of Object.entries(file.config)) {
    pulumi.runtime.setConfig(key, typeof value === "string" ? value : JSON.stringify(value));
  }
}

describe("index.ts (the dev stack under mocks)", () => {
  it("builds the pipeline: one notification for the bucket, every destination with its DLQ, and the exports", async () => {
    const engine = await mockEngine();
    loadStackFile("dev");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const program = require("../index") as typeof import("../index");
    await engine.settle();
    const notifications = engine.ofType("aws:s3/bucketNotification:BucketNotification");
    assert.equal(notifications.length, 1);
    const n = notifications[0].inputs;
    assert.deepEqual((n.lambdaFunctions as { id: string }[]).map((f) => f.id), ["thumbnails-jpg"]);
    assert.deepEqual((n.queues as { id: string }[]).map((f) => f.id), ["ingest-csv"]);
    assert.deepEqual((n.topics as { id: string }[]).map((f) => f.id), ["audit-deletes"]);
    assert.equal(n.eventbridge, true);
    const dlqs = engine.ofType("aws:sqs/queue:Queue").filter((q) => q.name.endsWith("-dlq"));
    assert.deepEqual(dlqs.map((q) => q.name).sort(), [
      "uploads-audit-log-dlq",
      "uploads-index-dlq",
      // What the indexer fails on once EventBridge has handed it the event.
      "uploads-index-function-dlq",
      "uploads-ingest-dlq",
      "uploads-thumbnails-dlq",
    ]);
    for (const dlq of dlqs) assert.equal(dlq.inputs.messageRetentionSeconds, 7 * 86_400, dlq.name);
    // The source queue's retention is explicit, and its DLQ outlives it.
    assert.equal(engine.byName("uploads-ingest").inputs.messageRetentionSeconds, 4 * 86_400);
    assert.equal(engine.byName("uploads-thumbnails-async").inputs.maximumRetryAttempts, 1);
    assert.equal(engine.byName("uploads-ingest").inputs.visibilityTimeoutSeconds, 360);
    const code = engine.byName("thumbnailer").inputs.code as pulumi.asset.AssetArchive;
    assert.deepEqual(Object.keys(await code.assets).sort(), ["handlers.js", "s3Event.js"]);
    assert.equal(await valueOf(program.bucketName), "uploads-0a1b2c3");
    assert.match((await valueOf(program.ingestQueueUrl!)) ?? "", /^https:\/\/sqs\.us-east-1\.amazonaws\.com\/111122223333\//);
    assert.deepEqual(Object.keys(await valueOf(pulumi.output(program.deadLetterQueueUrls))).sort(), [
      "uploads-audit-log-dlq",
      "uploads-index-dlq",
      "uploads-index-function-dlq",
      "uploads-ingest-dlq",
      "uploads-thumbnails-dlq",
    ]);
  });
});
