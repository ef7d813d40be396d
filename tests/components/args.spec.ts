import * as aws from "@pulumi/aws";
import { strict as assert } from "assert";
import { BucketNotifications, lambda, sqs, type BucketNotificationsArgs, type Destination } from "../../components";
import { ACCOUNT, awsResources, mockEngine, REGION, thrownBy } from "../support/harness";

const FN_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:f`;
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/r`;

function build(destinations: Record<string, Destination>, buckets: BucketNotificationsArgs["buckets"] = { uploads: { bucketName: "acme" } }) {
  return () =>
    new BucketNotifications("n", {
      buckets,
      destinations,
      rules: Object.keys(destinations).map((key, i) => ({
        id: `r${i}`,
        bucket: "uploads",
        destination: key,
        events: ["s3:ObjectCreated:*"],
        filter: { prefix: `${key}/` },
      })),
    });
}

/** The component's message for exactly these problem lines. */
const problems = (...lines: string[]) =>
  [`BucketNotifications \`n\` has ${lines.length === 1 ? "1 problem" : `${lines.length} problems`}:`, ...lines.map((l) => `  - ${l}`)].join("\n");

describe("BucketNotifications plain-data args", () => {
  it("refuses a destination naming two kinds, or none, before anything registers", async () => {
    const engine = await mockEngine();
    const two = { lambda: { functionArn: FN_ARN, functionRoleArn: ROLE_ARN }, sqs: {} };
    assert.equal(
      thrownBy(build({ both: two, none: {} })),
      problems(
        "destination `both`, `destinations.both`: Only one of `lambda`, `sqs`, `sns` or `eventBridge` can be provided (found `lambda` and `sqs`); remove the others.",
        "destination `none`, `destinations.none`: One of `lambda`, `sqs`, `sns` or `eventBridge` is required.",
      ),
    );
    await engine.settle();
    assert.deepEqual(awsResources(engine), []);
  });

  it("refuses a resource named twice, or not at all, by its separate fields", () => {
    const fn = new aws.lambda.Function("f", { role: ROLE_ARN, runtime: "nodejs20.x", handler: "index.handler" });
    assert.equal(
      thrownBy(
        build({
          twice: lambda({ function: fn, functionArn: FN_ARN }),
          never: lambda({}),
          url: sqs({ queueArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:q` }),
          sub: { sns: { subscribers: { x: { email: "a@example.com", https: "https://example.com" } } } },
        }),
      ),
      problems(
        "destination `twice`, `destinations.twice.lambda`: Only one of `function` or `functionArn` can be provided (found `function` and `functionArn`); remove the others.",
        "destination `never`, `destinations.never.lambda`: One of `function` or `functionArn` is required.",
        "destination `url`, `destinations.url.sqs.queueUrl`: is required with `queueArn`: the queue policy is set by URL.",
        "destination `sub`, `destinations.sub.sns.subscribers.x`: Only one of `queue`, `queueArn`, `function`, `functionArn`, `https` or `email` can be provided (found `https` and `email`); remove the others.",
      ),
    );
  });

  it("refuses a bucket named twice, and a bucket resource given in place of its entry", () => {
    const bucket = new aws.s3.Bucket("b");
    const message = thrownBy(
      build({ q: sqs() }, { uploads: { bucket, bucketName: "acme" }, other: bucket as unknown as { bucketName: string } }),
    );
    assert.match(message, /`buckets\.uploads`: Only one of `bucket` or `bucketName` can be provided/);
    assert.match(message, /`buckets\.other\.bucket`: must be an aws\.s3\.Bucket resource of this program; name an existing one by `bucketName` instead\.$/);
  });

  it("refuses an encryption given twice, and a value outside the enum", () => {
    const message = thrownBy(build({ a: sqs({ encryption: "create-key", kmsKeyArn: "arn:aws:kms:us-east-1:1:key/k" }), b: sqs({ encryption: "aes" as never }) }));
    assert.match(message, /`destinations\.a\.sqs`: Only one of `encryption` or `kmsKeyArn` can be provided/);
    assert.match(message, /`destinations\.b\.sqs\.encryption`: `aes` is not one of `sqs-managed`, `create-key`\./);
  });

  it("creates one queue per key when one destination object is used under two keys, changing nothing in it", async () => {
    const engine = await mockEngine();
    const shared = sqs({ maxReceiveCount: 5 });
    const before = JSON.stringify(shared);
    const component = build({ a: shared, b: shared })();
    await engine.settle();
    assert.deepEqual(
      engine.ofType("aws:sqs/queue:Queue").map((q) => q.name).sort(),
      ["n-a", "n-a-dlq", "n-b", "n-b-dlq"],
    );
    assert.equal(engine.ofType("aws:sqs/queuePolicy:QueuePolicy").length, 2);
    assert.deepEqual(Object.keys(component.queues).sort(), ["a", "b"]);
    assert.equal(JSON.stringify(shared), before);
  });

  it("builds from plain JSON args, as another language sends them", async () => {
    const engine = await mockEngine();
    // What a Python or YAML program's SDK sends: no classes, no functions, enum values as strings.
    const args = JSON.parse(`{
      "buckets": { "uploads": { "bucketName": "acme-uploads" } },
      "destinations": {
        "thumbs": { "lambda": { "functionArn": "${FN_ARN}", "functionRoleArn": "${ROLE_ARN}", "maximumRetryAttempts": 1 } },
        "ingest": { "sqs": { "encryption": "create-key", "maxReceiveCount": 5 } },
        "audit": { "sns": { "subscribers": { "ops": { "email": "ops@example.com" } } } },
        "index": { "eventBridge": { "functionArn": "${FN_ARN}-indexer", "functionRoleArn": "${ROLE_ARN}" } }
      },
      "rules": [
        { "id": "jpg", "bucket": "uploads", "destination": "thumbs", "events": ["s3:ObjectCreated:*"], "filter": { "prefix": "images/" } },
        { "id": "csv", "bucket": "uploads", "destination": "ingest", "events": ["s3:ObjectCreated:Put"], "filter": { "prefix": "incoming/", "suffix": ".csv" } },
        { "id": "deletes", "bucket": "uploads", "destination": "audit", "events": ["s3:ObjectRemoved:*"], "filter": { "prefix": "records/" } },
        { "id": "docs", "bucket": "uploads", "destination": "index", "events": ["s3:ObjectCreated:*"], "filter": { "prefix": "docs/" } }
      ],
      "deadLetterRetentionSeconds": 1209600
    }`) as BucketNotificationsArgs;
    new BucketNotifications("json", args);
    await engine.settle();
    const notification = engine.byName("json-uploads");
    assert.deepEqual((notification.inputs.lambdaFunctions as { id: string }[]).map((f) => f.id), ["jpg"]);
    assert.deepEqual((notification.inputs.queues as { id: string }[]).map((q) => q.id), ["csv"]);
    assert.deepEqual((notification.inputs.topics as { id: string }[]).map((t) => t.id), ["deletes"]);
    assert.equal(notification.inputs.eventbridge, true);
    assert.equal(engine.byName("json-thumbs-async").inputs.maximumRetryAttempts, 1);
    assert.ok(engine.byName("json-ingest-key"), "the enum value `create-key` made a key");
    assert.equal(engine.byName("json-audit-ops").inputs.protocol, "email");
    assert.equal(engine.ofType("aws:cloudwatch/eventRule:EventRule").length, 1);
  });
});
