import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { strict as assert } from "assert";
import { explain, eventKey, ExplainError } from "../../../tools/explain/routes";
import type { CapturedResource } from "../../../tools/offline/mockEngine";
import { runProgram } from "../../../tools/offline/runProgram";
import { explain as explainCommand } from "../offline/cli";

/** One bucket, rules on overlapping prefixes for different event families, three destinations. */
function pipeline(): void {
  const bucket = new aws.s3.Bucket("media");
  const dlq = new aws.sqs.Queue("albums-dlq");
  const queue = new aws.sqs.Queue("albums", { redrivePolicy: dlq.arn.apply((arn) => JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: 3 })) });
  const topic = new aws.sns.Topic("removals");
  const role = new aws.iam.Role("reports", { assumeRolePolicy: "{}" });
  const code = new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset("exports.handler = async () => {};") });
  const fn = new aws.lambda.Function("reports", { role: role.arn, runtime: "nodejs20.x", handler: "index.handler", code });
  new aws.s3.BucketNotification("media", {
    bucket: bucket.bucket,
    queues: [{ id: "album-uploads", queueArn: queue.arn, events: ["s3:ObjectCreated:*"], filterPrefix: "my+album/" }],
    topics: [{ id: "album-removals", topicArn: topic.arn, events: ["s3:ObjectRemoved:*"], filterPrefix: "my+album/" }],
    lambdaFunctions: [{ lambdaFunctionArn: fn.arn, events: ["s3:ObjectCreated:Put"], filterPrefix: "reports/", filterSuffix: ".csv" }],
  });
}

describe("explain: where an object event goes", function () {
  this.timeout(120_000);
  let resources: readonly CapturedResource[];
  before(async () => {
    const run = await runProgram(pipeline, { project: "explain", stack: "test", config: { "aws:region": "us-east-1" } }, { mode: "update" });
    resources = run.resources;
  });
  const bucketOf = (key: string, event: string) => {
    const x = explain(resources, key, event);
    assert.equal(x.buckets.length, 1);
    return x.buckets[0];
  };

  it("matches filters against the key as S3 encodes it: `my album/` is `my+album/`", () => {
    assert.equal(eventKey("my photo.jpg"), "my+photo.jpg");
    assert.equal(eventKey("a+b%.csv"), "a%2Bb%25.csv");
    assert.equal(eventKey("café/ü.png"), "caf%C3%A9/%C3%BC.png");
    const b = bucketOf("my album/beach.jpg", "s3:ObjectCreated:Put");
    assert.deepEqual(b.fires.map((r) => r.id), ["album-uploads"]);
    assert.deepEqual(b.fires[0].destination, { type: "aws:sqs/queue:Queue", name: "albums" });
    assert.deepEqual(b.fires[0].deadLetters, [{ queue: "albums-dlq", when: "after 3 receives" }]);
  });

  it("picks the rule of the event's family when two families share a prefix, saying why the other does not fire", () => {
    const removed = bucketOf("my album/beach.jpg", "s3:ObjectRemoved:DeleteMarkerCreated");
    assert.deepEqual(removed.fires.map((r) => r.id), ["album-removals"]);
    assert.deepEqual(removed.fires[0].deadLetters, [], "a topic without subscriptions has no dead-letter queue");
    const other = removed.others.find((r) => r.id === "album-uploads")!;
    assert.deepEqual(other.whyNot, ["event `s3:ObjectRemoved:DeleteMarkerCreated` is not among `s3:ObjectCreated:*`"]);
    const put = bucketOf("my album/beach.jpg", "s3:ObjectCreated:Put");
    assert.deepEqual(put.others.find((r) => r.id === "album-removals")!.whyNot, ["event `s3:ObjectCreated:Put` is not among `s3:ObjectRemoved:*`"]);
  });

  it("says when no rule fires, with every reason of every rule, a rule with no id named by its path", () => {
    const b = bucketOf("reports/2026.CSV", "s3:ObjectCreated:Post");
    assert.deepEqual(b.fires, []);
    const lambda = b.others.find((r) => r.path === "lambdaFunctions[0]")!;
    assert.equal(lambda.id, "lambdaFunctions[0]");
    assert.deepEqual(lambda.whyNot, [
      "event `s3:ObjectCreated:Post` is not among `s3:ObjectCreated:Put`",
      "key `reports/2026.CSV` does not end with suffix `.csv`",
    ]);
    assert.deepEqual(b.others.find((r) => r.id === "album-uploads")!.whyNot, ["key `reports/2026.CSV` does not start with prefix `my+album/`"]);
  });

  it("rejects an event family or a misspelt event, suggesting a real one", () => {
    assert.throws(() => explain(resources, "a", "s3:ObjectCreated:*"), (e: Error) => e instanceof ExplainError && /is a family; S3 sends one event type, e\.g\. `s3:ObjectCreated:Put`/.test(e.message));
    assert.throws(() => explain(resources, "a", "s3:ObjectCreated:put"), /did you mean `s3:ObjectCreated:Put`\?/);
  });

  describe("npm run explain on the shipped stacks", () => {
    it("names the dev stack's rule, destination and dead-letter queue for an encoded key, and why the others do not fire", async () => {
      const run = await explainCommand("--key", "images/my photo.jpg", "--event", "s3:ObjectCreated:Put");
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /^Where `images\/my photo\.jpg` \(in the event, S3 encodes it as `images\/my\+photo\.jpg`\) goes on s3:ObjectCreated:Put in s3-events\/dev\n/);
      assert.match(run.stdout, /\n  fires: rule `thumbnails-jpg` \(lambdaFunctions\[0\]\) -> aws:lambda\/function:Function thumbnailer\n {9}dead-letter queue uploads-thumbnails-dlq, on failure after 1 retries\n/);
      assert.match(run.stdout, /\n  not: {3}rule `audit-deletes` \(topics\[0\]\): event `s3:ObjectCreated:Put` is not among `s3:ObjectRemoved:\*`; key `images\/my\+photo\.jpg` does not start with prefix `records\/`\n/);
      assert.match(run.stdout, /\n  EventBridge rule uploads-index-docs does not match: key `images\/my\+photo\.jpg` does not match wildcard `docs\/\*\.pdf`\n/);
    });

    it("follows the prod stack's EventBridge rule to its target and dead-letter queue (--json)", async () => {
      const run = await explainCommand("--stack", "prod", "--key", "docs/q3 report.pdf", "--event", "s3:ObjectCreated:CompleteMultipartUpload", "--json");
      assert.equal(run.code, 0, run.stderr);
      const x = JSON.parse(run.stdout) as ReturnType<typeof explain>;
      assert.equal(x.encodedKey, "docs/q3+report.pdf");
      assert.deepEqual(x.buckets[0].fires, []);
      assert.deepEqual(x.buckets[0].eventBridge, [
        {
          rule: "uploads-index-docs",
          targets: [
            {
              target: "aws:lambda/function:Function indexer",
              deadLetters: [
                { queue: "uploads-index-dlq", when: "after the target's retries" },
                { queue: "uploads-index-function-dlq", when: "in indexer, on failure after 2 retries" },
              ],
            },
          ],
        },
      ]);
    });

    it("exits 2 before running the program on a bad event", async () => {
      const run = await explainCommand("--key", "a.jpg", "--event", "s3:TestEvent");
      assert.equal(run.code, 2);
      assert.match(run.stderr, /^error: --event: `s3:TestEvent` cannot be configured/);
    });
  });
});
