import * as aws from "@pulumi/aws";
import { strict as assert } from "assert";
import { BucketNotifications, EventBridgeDestination, LambdaDestination, SnsDestination, SqsDestination } from "../../components";
import { ACCOUNT, awsResources, mockEngine, REGION, thrownBy } from "../support/harness";

const fn = { arn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:f`, roleArn: `arn:aws:iam::${ACCOUNT}:role/r` };
const rule = (id: string, destination: string, prefix: string, bucket = "uploads") => ({
  id,
  bucket,
  destination,
  events: ["s3:ObjectCreated:*"],
  filter: { prefix },
});

describe("BucketNotifications child names", () => {
  it("refuses two keys that would name the same resources, naming both, before anything registers", async () => {
    const engine = await mockEngine();
    // As a new user wrote it: SNS `a` with subscriber `x`, beside SQS `a-x`.
    const message = thrownBy(
      () =>
        new BucketNotifications("n", {
          buckets: { uploads: { name: "acme-uploads" } },
          destinations: {
            a: new SnsDestination({ subscribers: { x: { https: "https://example.com/hook" } } }),
            "a-x": new SqsDestination({}),
          },
          rules: [rule("to-a", "a", "a/"), rule("to-ax", "a-x", "ax/")],
        }),
    );
    assert.equal(
      message,
      [
        "BucketNotifications `n` has 2 problems:",
        "  - `names`: destination `a` (subscriber `x`) and destination `a-x` would both register aws:sqs/queue:Queue `n-a-x-dlq`, and the engine refuses a duplicate resource name; rename one of those keys.",
        "  - `names`: destination `a` (subscriber `x`) and destination `a-x` would both register aws:cloudwatch/metricAlarm:MetricAlarm `n-a-x-dlq-visible`, and the engine refuses a duplicate resource name; rename one of those keys.",
      ].join("\n"),
    );
    await engine.settle();
    assert.deepEqual(awsResources(engine), []);
  });

  it("refuses a destination key that is another's dead-letter queue name", async () => {
    await mockEngine();
    const message = thrownBy(
      () =>
        new BucketNotifications("n", {
          buckets: { uploads: { name: "acme-uploads" } },
          destinations: { "uploads-dlq": new SqsDestination({}), uploads: new SqsDestination({}) },
          rules: [rule("one", "uploads", "a/"), rule("two", "uploads-dlq", "b/")],
        }),
    );
    assert.match(message, /destination `uploads-dlq` and destination `uploads` would both register aws:sqs\/queue:Queue `n-uploads-dlq`/);
  });

  it("plans exactly the resources it registers, for every kind of destination and child", async () => {
    const engine = await mockEngine();
    const role = new aws.iam.Role("consumer-role", { assumeRolePolicy: "{}" });
    const consumer = new aws.lambda.Function("consumer", { role: role.arn, runtime: "nodejs20.x", handler: "index.handler", timeout: 20 });
    const given = `arn:aws:sqs:${REGION}:${ACCOUNT}:given`;
    const args = {
      buckets: { uploads: { name: "acme-uploads" }, archive: { name: "acme-archive" } },
      destinations: {
        thumbs: new LambdaDestination({ function: fn }),
        ingest: new SqsDestination({ consumer: { function: consumer }, encryption: "create-key" as const }),
        existing: new SqsDestination({ queue: { arn: given, url: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/given` } }),
        audit: new SnsDestination({
          encryption: "create-key",
          subscribers: { log: { queue: { arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:log`, url: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/log` } }, fn: { function: fn }, hook: { https: "https://example.com/h" } },
        }),
        index: new EventBridgeDestination({ target: fn }),
      },
      rules: [
        rule("jpg", "thumbs", "images/"),
        rule("jpg-archive", "thumbs", "images/", "archive"),
        rule("csv", "ingest", "incoming/"),
        rule("given", "existing", "given/"),
        rule("deletes", "audit", "records/"),
        rule("docs", "index", "docs/"),
        rule("docs-archive", "index", "docs/", "archive"),
      ],
    };
    new BucketNotifications("p", args);
    await engine.settle();
    const children = engine.resources.filter((r) => r.custom && r.parent?.includes("BucketNotifications")).map((r) => `${r.type} ${r.name}`);
    const planned = Object.entries(args.destinations)
      .flatMap(([key, d]) => {
        const rules = args.rules.filter((r) => r.destination === key);
        return d.childNames(`p-${key}`, { sourceKeys: [...new Set(rules.map((r) => r.bucket))], ruleIds: rules.map((r) => r.id) });
      })
      .map((c) => `${c.type} ${c.name}`)
      .concat(["aws:s3/bucketNotification:BucketNotification p-uploads", "aws:s3/bucketNotification:BucketNotification p-archive"]);
    assert.ok(children.length > 40, `a rich graph (${children.length} children)`);
    assert.deepEqual([...children].sort(), [...planned].sort());
  });
});
