import * as aws from "@pulumi/aws";
import { strict as assert } from "assert";
import { BucketNotifications, eventBridge, lambda, sns, sqs, type Destination, type NotificationRule } from "../../components";
import { plannedChildren } from "../../components/bucketNotifications";
import { childName } from "../../components/childNames";
import { deliveryFor } from "../../components/destinations/choice";
import { ACCOUNT, awsResources, mockEngine, REGION, thrownBy } from "../support/harness";

const fn = { functionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:f`, functionRoleArn: `arn:aws:iam::${ACCOUNT}:role/r` };
const rule = (id: string, destination: string, prefix: string, bucket = "uploads"): NotificationRule => ({
  id,
  bucket,
  destination,
  events: ["s3:ObjectCreated:*"],
  filter: { prefix },
});

describe("BucketNotifications child names", () => {
  it("say what a child is without repeating its owner's words", () => {
    assert.equal(childName("uploads", "uploads"), "uploads");
    assert.equal(childName("uploads-index", "index-docs"), "uploads-index-docs");
    assert.equal(childName("uploads", "ingest"), "uploads-ingest");
    assert.equal(childName("pipeline", "audit", "log"), "pipeline-audit-log");
    // Only the words where the parts meet: a key's own repeated words stay.
    assert.equal(childName("n", "a-a"), "n-a-a");
    // Several words may meet; a part always adds at least one word, unless it is the whole name.
    assert.equal(childName("acme-uploads-index", "uploads-index-docs"), "acme-uploads-index-docs");
    assert.equal(childName("pipeline-audit", "audit"), "pipeline-audit-audit");
    assert.equal(childName("pipeline-audit", "pipeline-audit"), "pipeline-audit");
    assert.equal(childName("a-a", "a-a"), "a-a");
    assert.equal(childName("", "uploads"), "uploads");
    assert.equal(childName("a", "a-b-c-d"), "a-b-c-d");
  });

  it("registers no name with a repeated segment for the dev stack's keys", async () => {
    const engine = await mockEngine();
    new BucketNotifications("uploads", {
      buckets: { uploads: { bucketName: "acme-uploads" } },
      destinations: { index: eventBridge(fn) },
      rules: [{ ...rule("index-docs", "index", "docs/"), events: ["s3:ObjectCreated:*"] }],
    });
    await engine.settle();
    assert.deepEqual(
      engine.resources.filter((r) => r.type !== "pulumi:providers:aws").map((r) => `${r.type} ${r.name}`).sort(),
      [
        "aws:cloudwatch/eventRule:EventRule uploads-index-docs",
        "aws:cloudwatch/eventTarget:EventTarget uploads-index-docs",
        "aws:cloudwatch/metricAlarm:MetricAlarm uploads-index-dlq-visible",
        "aws:cloudwatch/metricAlarm:MetricAlarm uploads-index-dropped",
        "aws:cloudwatch/metricAlarm:MetricAlarm uploads-index-errors",
        "aws:cloudwatch/metricAlarm:MetricAlarm uploads-index-function-dlq-visible",
        "aws:iam/rolePolicy:RolePolicy uploads-index-function-send-to-dlq",
        "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig uploads-index-function-async",
        "aws:lambda/permission:Permission uploads-index-docs-allow-events",
        "aws:s3/bucketNotification:BucketNotification uploads",
        "aws:sqs/queue:Queue uploads-index-dlq",
        "aws:sqs/queue:Queue uploads-index-function-dlq",
        "aws:sqs/queuePolicy:QueuePolicy uploads-index-dlq-policy",
        "s3-events:index:BucketNotifications uploads",
        "s3-events:index:EventBridgeDestination uploads-index",
      ],
    );
  });


  it("refuses two keys that would name the same resources, naming both, before anything registers", async () => {
    const engine = await mockEngine();
    // As a new user wrote it: SNS `a` with subscriber `x`, beside SQS `a-x`.
    const message = thrownBy(
      () =>
        new BucketNotifications("n", {
          buckets: { uploads: { bucketName: "acme-uploads" } },
          destinations: {
            a: sns({ subscribers: { x: { https: "https://example.com/hook" } } }),
            "a-x": sqs({}),
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
          buckets: { uploads: { bucketName: "acme-uploads" } },
          destinations: { "uploads-dlq": sqs({}), uploads: sqs({}) },
          rules: [rule("one", "uploads", "a/"), rule("two", "uploads-dlq", "b/")],
        }),
    );
    assert.match(message, /destination `uploads-dlq` and destination `uploads` would both register aws:sqs\/queue:Queue `n-uploads-dlq`/);
  });

  // One case per kind of destination, each with every kind of child it makes, so a slip in one
  // destination's names is found by its own case alone.
  const consumerFunction = () => {
    const role = new aws.iam.Role("consumer-role", { assumeRolePolicy: "{}" });
    return new aws.lambda.Function("consumer", { role: role.arn, runtime: "nodejs20.x", handler: "index.handler", timeout: 20 });
  };
  const q = (name: string) => ({ queueArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`, queueUrl: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${name}` });
  const kinds: [string, () => Record<string, Destination>, NotificationRule[], string[]][] = [
    ["Lambda", () => ({ thumbs: lambda(fn) }), [rule("jpg", "thumbs", "images/"), rule("jpg-archive", "thumbs", "images/", "archive")], ["aws:lambda/permission:Permission p-thumbs-allow-archive"]],
    [
      "SQS",
      () => ({ ingest: sqs({ consumer: { function: consumerFunction() }, encryption: "create-key" }), existing: sqs(q("given")) }),
      [rule("csv", "ingest", "incoming/"), rule("given", "existing", "given/")],
      ["aws:kms/key:Key p-ingest-key", "aws:sqs/redrivePolicy:RedrivePolicy p-existing-redrive"],
    ],
    [
      "SNS",
      () => ({ audit: sns({ encryption: "create-key", subscribers: { log: q("log"), fn, hook: { https: "https://example.com/h" } } }) }),
      [rule("deletes", "audit", "records/")],
      ["s3-events:index:SnsDestination p-audit"],
    ],
    [
      "EventBridge",
      () => ({
        index: eventBridge(fn),
        toQueue: eventBridge(q("eb")),
        toTopic: eventBridge({ topicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:eb` }),
      }),
      [rule("docs", "index", "docs/"), rule("docs-archive", "index", "docs/", "archive"), rule("to-queue", "toQueue", "q/"), rule("to-topic", "toTopic", "t/")],
      ["aws:sns/topicPolicy:TopicPolicy p-toTopic-target-policy"],
    ],
  ];
  for (const [kind, destinations, rules, samples] of kinds) {
    it(`plans exactly the resources it registers: ${kind} destinations, with every kind of child`, async () => {
      const engine = await mockEngine();
      const args = { buckets: { uploads: { bucketName: "acme-uploads" }, archive: { bucketName: "acme-archive" } }, destinations: destinations(), rules };
      new BucketNotifications("p", args);
      await engine.settle();
      // Everything under the component, at any depth: the destinations' components and their children.
      const root = engine.byName("p").urn;
      const byUrn = new Map(engine.resources.map((r) => [r.urn, r]));
      const under = (urn: string | undefined): boolean => urn === root || (urn !== undefined && under(byUrn.get(urn)?.parent));
      const children = engine.resources.filter((r) => under(r.parent)).map((r) => `${r.type} ${r.name}`);
      const deliveries = Object.fromEntries(Object.entries(args.destinations).map(([k, d]) => [k, deliveryFor(k, d).delivery!]));
      const planned = plannedChildren("p", args.rules, deliveries)
        .flatMap((owner) => owner.children)
        .map((c) => `${c.type} ${c.name}`);
      assert.ok(planned.includes("aws:s3/bucketNotification:BucketNotification p-uploads"));
      for (const sample of samples) assert.ok(planned.includes(sample), sample);
      assert.deepEqual([...children].sort(), [...planned].sort());
    });
  }
});
