import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { strict as assert } from "assert";
import { BucketNotifications, eventBridge, lambda, sns, sqs, type NotificationRule, type S3Event } from "../../components";
import { ACCOUNT, awsResources, mockEngine, REGION, thrownBy } from "../support/harness";

const fnArn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:f`;
const roleArn = `arn:aws:iam::${ACCOUNT}:role/r`;

function build(rules: NotificationRule[], extra: Partial<ConstructorParameters<typeof BucketNotifications>[1]> = {}) {
  return () =>
    new BucketNotifications("pipeline", {
      buckets: { uploads: { bucketName: "acme-uploads" }, archive: { bucketName: "acme-archive" } },
      destinations: {
        thumbnails: lambda({ functionArn: fnArn, functionRoleArn: roleArn }),
        ingest: sqs({}),
      },
      rules,
      ...extra,
    });
}

const ok: NotificationRule = { id: "jpg", bucket: "uploads", destination: "thumbnails", events: ["s3:ObjectCreated:*"], filter: { prefix: "images/", suffix: ".jpg" } };
const csv: NotificationRule = { id: "csv", bucket: "archive", destination: "ingest", events: ["s3:ObjectCreated:*"], filter: { suffix: ".csv" } };

// What it finds before registering anything: cheap, and first, so a slip they show costs no build.
describe("BucketNotifications, before anything registers", () => {
  const problemsOf = (args: ConstructorParameters<typeof BucketNotifications>[1]) => thrownBy(() => new BucketNotifications("n", args)).split("\n").slice(1);
  const rule = (id: string, bucket: string, destination: string): NotificationRule => ({ id, bucket, destination, events: ["s3:ObjectCreated:*"], filter: { prefix: `${id}/` } });

  it("refuses two buckets whose notifications would have the same name, naming both", async () => {
    await mockEngine();
    assert.deepEqual(
      problemsOf({ buckets: { a: { bucketName: "acme-a" }, "n-a": { bucketName: "acme-n-a" } }, destinations: { q: sqs({}) }, rules: [rule("x", "a", "q"), rule("y", "n-a", "q")] }),
      [
        "  - `names`: bucket `a` and bucket `n-a` would both register aws:s3/bucketNotification:BucketNotification `n-a`, and the engine refuses a duplicate resource name; rename one of those keys.",
      ],
    );
  });

  it("reports a destination's out-of-range setting alone, not the failure-path rules it also breaks", async () => {
    await mockEngine();
    const consumer = { functionArn: fnArn, functionRoleArn: roleArn, timeoutSeconds: 10 };
    assert.deepEqual(problemsOf({ buckets: { b: { bucketName: "acme" } }, destinations: { q: sqs({ maxReceiveCount: 0, consumer }) }, rules: [rule("x", "b", "q")] }), [
      "  - destination `q`, `destinations.q.sqs.maxReceiveCount`: must be a whole number from 1 to 1000, not 0.",
    ]);
  });

  it("checks a region known only at deploy then, not against the provider's region now", async () => {
    await mockEngine();
    const euFunction = `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:f`;
    // The other problem makes it stop before registering: only the region check is in question.
    assert.deepEqual(
      problemsOf({
        buckets: { b: { bucketName: "acme", region: pulumi.output("eu-west-1") } },
        destinations: { f: lambda({ functionArn: euFunction, functionRoleArn: roleArn }) },
        rules: [rule("x", "b", "f")],
        deadLetterRetentionSeconds: 1,
      }),
      ["  - `deadLetterRetentionSeconds`: must be a whole number from 60 to 1209600 (14 days), not 1."],
    );
  });

  it("refuses two destinations that would each write the event invoke config of one function, which Lambda keeps once per function and qualifier", async () => {
    await mockEngine();
    const indexer = new aws.lambda.Function("indexer", { role: roleArn, runtime: "nodejs20.x", handler: "index.handler" });
    // PutFunctionEventInvokeConfig overwrites: the second would silently replace the first.
    const message = (first: string) =>
      `names the function \`${first}\` names, and both invoke it asynchronously. Lambda keeps one event invoke config (retries, on-failure destination) per function: this one would silently replace the other. Send the function's events through one destination.`;
    const buckets = { b: { bucketName: "acme" } };
    assert.deepEqual(
      problemsOf({ buckets, destinations: { direct: lambda({ function: indexer }), index: eventBridge({ function: indexer }) }, rules: [rule("x", "b", "direct"), rule("y", "b", "index")] }),
      [`  - destination \`index\`, \`destinations.index.eventBridge.function\`: ${message("destinations.direct.lambda.function")}`],
    );
    // The resource and its ARN output name one function.
    assert.deepEqual(
      problemsOf({ buckets, destinations: { direct: lambda({ function: indexer }), index: eventBridge({ functionArn: indexer.arn, functionRoleArn: roleArn }) }, rules: [rule("x", "b", "direct"), rule("y", "b", "index")] }),
      [`  - destination \`index\`, \`destinations.index.eventBridge.functionArn\`: ${message("destinations.direct.lambda.function")}`],
    );
    // Two subscribers of one topic, which SNS invokes asynchronously, too.
    assert.deepEqual(
      problemsOf({ buckets, destinations: { audit: sns({ subscribers: { a: { function: indexer }, b: { function: indexer } } }) }, rules: [rule("x", "b", "audit")] }),
      [`  - destination \`audit\`, \`destinations.audit.sns.subscribers.b.function\`: ${message("destinations.audit.sns.subscribers.a.function")}`],
    );
    const byArn = lambda({ functionArn: fnArn, functionRoleArn: roleArn });
    assert.deepEqual(
      problemsOf({ buckets, destinations: { a: byArn, b: lambda({ functionArn: fnArn, functionRoleArn: roleArn }) }, rules: [rule("x", "b", "a"), rule("y", "b", "b")] }),
      [`  - destination \`b\`, \`destinations.b.lambda.functionArn\`: ${message("destinations.a.lambda.functionArn")}`],
    );
    // Another function, an alias of the same one (a config of its own), or a queue target is no conflict: the graph is built.
    const other = lambda({ functionArn: `${fnArn}:live`, functionRoleArn: roleArn });
    const built = new BucketNotifications("n", { buckets, destinations: { a: byArn, b: other, q: eventBridge({ queue: new aws.sqs.Queue("q", {}) }) }, rules: [rule("x", "b", "a"), rule("y", "b", "b"), rule("z", "b", "q")] });
    assert.ok(built);
  });

  it("takes a function named by its plain name, whose region it cannot know from an ARN", async () => {
    await mockEngine();
    assert.deepEqual(
      problemsOf({ buckets: { b: { bucketName: "acme" } }, destinations: { f: lambda({ functionArn: "resize", functionRoleArn: roleArn }) }, rules: [rule("x", "b", "f")], deadLetterRetentionSeconds: 1 }),
      ["  - `deadLetterRetentionSeconds`: must be a whole number from 60 to 1209600 (14 days), not 1."],
    );
  });
});

// The smallest whole graph (one bucket, one given topic: two resources of its own), first after the
// cases that stop before registering: what the component itself registers, at the least cost.
describe("BucketNotifications, one bucket to one given topic", () => {
  const TOPIC_ARN = `arn:aws:sns:${REGION}:${ACCOUNT}:audit`;
  const build = (opts?: pulumi.ComponentResourceOptions) =>
    new BucketNotifications(
      "n",
      {
        buckets: { uploads: { bucketName: "acme-uploads" } },
        destinations: { audit: sns({ topicArn: TOPIC_ARN }) },
        rules: [{ id: "del", bucket: "uploads", destination: "audit", events: ["s3:ObjectRemoved:*"], filter: { prefix: "r/", suffix: ".json" } }],
      },
      opts,
    );

  it("registers itself, the destination's component and the bucket's one notification under it, which waits for the topic's policy", async () => {
    const engine = await mockEngine();
    const component = build();
    await engine.settle();
    assert.deepEqual(
      engine.resources.map((r) => `${r.type} ${r.name}`).sort(),
      [
        "aws:cloudwatch/metricAlarm:MetricAlarm n-audit-failed",
        "aws:s3/bucketNotification:BucketNotification n-uploads",
        "aws:sns/topicPolicy:TopicPolicy n-audit-policy",
        "s3-events:index:BucketNotifications n",
        "s3-events:index:SnsDestination n-audit",
      ],
    );
    const root = engine.byName("n");
    // Stacks deployed before the tree by destination find it by its former type.
    assert.deepEqual(root.aliases, [{ name: "", type: "s3-events:notifications:BucketNotifications", project: "", stack: "", parentUrn: "", noParent: false }]);
    const owner = engine.resources.find((r) => r.type === "s3-events:index:SnsDestination")!;
    assert.equal(owner.parent, root.urn);
    const notification = engine.byName("n-uploads");
    assert.equal(notification.parent, root.urn);
    assert.deepEqual(notification.inputs, {
      bucket: "acme-uploads",
      topics: [{ id: "del", events: ["s3:ObjectRemoved:*"], filterPrefix: "r/", filterSuffix: ".json", topicArn: TOPIC_ARN }],
    });
    assert.deepEqual(notification.dependencies, [engine.byName("n-audit-policy").urn]);
    assert.deepEqual(Object.keys(component.notifications), ["uploads"]);
    assert.deepEqual([component.queues, component.topics, component.deadLetterQueues], [{}, {}, {}]);
    // The given topic's FIFO flag and key, and its region against the bucket's: checked at deploy.
    assert.deepEqual(root.registered, { notifications: { uploads: "n-uploads-id" }, deadLetterQueues: {}, queues: {}, topics: {}, deployChecks: [true, true, true] });
    assert.deepEqual(owner.registered, { arn: TOPIC_ARN, deadLetterQueueUrls: {} });
  });

  it("asks the account and partition through its own provider", async () => {
    const engine = await mockEngine();
    const provider = new aws.Provider("explicit", { region: REGION });
    build({ providers: { aws: provider } });
    await engine.settle();
    const explicit = `${engine.byName("explicit").urn}::explicit-id`;
    assert.deepEqual(engine.invokes, [
      { token: "aws:index/getCallerIdentity:getCallerIdentity", provider: explicit },
      { token: "aws:index/getPartition:getPartition", provider: explicit },
    ]);
  });

  it("checks at deploy a destination's region known only then against an existing bucket's, the provider's by default", async () => {
    const engine = await mockEngine();
    new BucketNotifications("n", {
      buckets: { uploads: { bucketName: "acme-uploads" } },
      destinations: { audit: sns({ topicArn: pulumi.output(`arn:aws:sns:eu-west-1:${ACCOUNT}:audit`) }) },
      rules: [{ id: "del", bucket: "uploads", destination: "audit", events: ["s3:ObjectRemoved:*"], filter: { prefix: "r/" } }],
    });
    await assert.rejects(engine.settle(), /destination `audit` is in eu-west-1 but the bucket is in us-east-1/);
  });
});

describe("BucketNotifications", () => {
  it("aggregates every rule of a bucket into exactly one notification, across destination types", async () => {
    const engine = await mockEngine();
    const component = build([
      ok,
      { id: "csv-in", bucket: "uploads", destination: "ingest", events: ["s3:ObjectCreated:Put"], filter: { prefix: "incoming/", suffix: ".csv" } },
      csv,
    ])();
    await engine.settle();
    const notifications = engine.ofType("aws:s3/bucketNotification:BucketNotification");
    assert.deepEqual(notifications.map((n) => n.name).sort(), ["pipeline-archive", "pipeline-uploads"]);
    const uploads = engine.byName("pipeline-uploads");
    assert.equal(uploads.inputs.bucket, "acme-uploads");
    assert.deepEqual((uploads.inputs.lambdaFunctions as { id: string }[]).map((f) => f.id), ["jpg"]);
    assert.deepEqual((uploads.inputs.queues as { id: string }[]).map((q) => q.id), ["csv-in"]);
    assert.deepEqual(Object.keys(component.notifications).sort(), ["archive", "uploads"]);
    // The Lambda permission is per bucket; the queue policy is per queue.
    assert.equal(engine.ofType("aws:lambda/permission:Permission").length, 1);
    assert.equal(engine.ofType("aws:sqs/queuePolicy:QueuePolicy").length, 1);
  });

  it("makes each bucket's notification wait for its own grant only, not every bucket's", async () => {
    const engine = await mockEngine();
    build([ok, { ...csv, destination: "thumbnails", filter: { prefix: "images/", suffix: ".jpg" } }, { ...csv, id: "csv2", bucket: "uploads", filter: { prefix: "in/", suffix: ".csv" } }])();
    await engine.settle();
    const uploads = engine.byName("pipeline-uploads");
    const archive = engine.byName("pipeline-archive");
    const own = engine.byName("pipeline-thumbnails-allow-uploads").urn;
    const other = engine.byName("pipeline-thumbnails-allow-archive").urn;
    assert.ok(uploads.dependencies.includes(own));
    assert.ok(!uploads.dependencies.includes(other));
    assert.ok(archive.dependencies.includes(other));
    assert.ok(!archive.dependencies.includes(own));
  });

  it("accepts an unfiltered rule that states why", async () => {
    const engine = await mockEngine();
    build([{ ...ok, filter: undefined, unfilteredReason: "the archive function must see every object" }, csv])();
    await engine.settle();
    assert.equal((engine.byName("pipeline-uploads").inputs.lambdaFunctions as object[]).length, 1);
  });

  describe("rejects bad input with the bucket, rule, field and fix, registering nothing", () => {
    const cases: [string, NotificationRule[], string[]][] = [
      [
        "an unknown event, suggesting the closest",
        [{ ...ok, events: ["s3:ObjectCreated:Putt" as S3Event] }, csv],
        ["bucket `uploads`, rule `jpg`, `rules[0].events[0]`: `s3:ObjectCreated:Putt` is not an S3 event; did you mean `s3:ObjectCreated:Put`?"],
      ],
      [
        "an unfiltered rule without a reason",
        [{ ...ok, filter: undefined }, csv],
        ["bucket `uploads`, rule `jpg`, `rules[0].filter`: has no prefix or suffix, so it fires on every key of the bucket; add a `filter`, or set `unfilteredReason` to say why this rule must see every object."],
      ],
      [
        "overlapping rules, with a key matching both",
        [ok, { id: "thumbs", bucket: "uploads", destination: "ingest", events: ["s3:ObjectCreated:Put"], filter: { prefix: "images/thumbs/" } }],
        [
          "bucket `uploads`, rule `thumbs`, `rules[1].filter`: overlaps rule `jpg` (rules[0]) for `s3:ObjectCreated:Put`: key `images/thumbs/example.jpg` matches both, and S3 rejects the bucket's whole configuration as ambiguous. Make their prefixes or suffixes disjoint, or their events distinct.",
        ],
      ],
      [
        "a glob in a filter",
        [{ ...ok, filter: { prefix: "images/*" } }, csv],
        ["bucket `uploads`, rule `jpg`, `rules[0].filter.prefix`: prefix `images/*` contains `*`, but S3 filters have no wildcards: it only matches keys holding a literal `*`. Use the plain prefix instead, e.g. `images/`."],
      ],
      [
        "a space in a filter",
        [{ ...ok, filter: { prefix: "my images/" } }, csv],
        ["bucket `uploads`, rule `jpg`, `rules[0].filter.prefix`: prefix `my images/` holds characters that S3 URL-encodes in event keys, so it never matches as written; use `my+images/`."],
      ],
      [
        "duplicate rule ids",
        [ok, { ...csv, id: "jpg" }],
        ["bucket `archive`, rule `jpg`, `rules[1].id`: duplicate rule id `jpg` (also rules[0]); give each rule its own id."],
      ],
      [
        "an unknown destination",
        [ok, { ...csv, destination: "ingset" }],
        [
          "bucket `archive`, rule `csv`, `rules[1].destination`: names destination `ingset`, which is not in `destinations` (known: `thumbnails`, `ingest`); add it or fix the name.",
          "destination `ingest`, `destinations.ingest`: is not used by any rule; remove it or route a rule to it.",
        ],
      ],
      [
        "an unknown bucket",
        [ok, { ...csv, bucket: "archvie" }],
        ["bucket `archvie`, rule `csv`, `rules[1].bucket`: names bucket `archvie`, which is not in `buckets` (known: `uploads`, `archive`); add it or fix the name."],
      ],
    ];
    for (const [what, rules, expected] of cases) {
      it(what, async () => {
        const engine = await mockEngine();
        const message = thrownBy(build(rules));
        const count = expected.length === 1 ? "1 problem" : `${expected.length} problems`;
        assert.equal(message, [`BucketNotifications \`pipeline\` has ${count}:`, ...expected.map((e) => `  - ${e}`)].join("\n"));
        await engine.settle();
        assert.deepEqual(awsResources(engine), []);
      });
    }

    it("out-of-range dead-letter retention", () => {
      assert.match(thrownBy(build([ok, csv], { deadLetterRetentionSeconds: 2_000_000 })), /`deadLetterRetentionSeconds`: must be a whole number from 60 to 1209600/);
    });

    it("a region mismatch with an existing bucket", () => {
      const message = thrownBy(
        () =>
          new BucketNotifications("pipeline", {
            buckets: { uploads: { bucketName: "acme", region: "eu-west-1" } },
            destinations: { audit: sns({ topicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:audit` }) },
            rules: [{ id: "del", bucket: "uploads", destination: "audit", events: ["s3:ObjectRemoved:*"], filter: { prefix: "r/" } }],
          }),
      );
      assert.match(message, /destination `audit` is in us-east-1 but the bucket is in eu-west-1/);
    });
  });

  it("grants each existing bucket by its own ARN and owner: given, or its name in the deploying account by default", async () => {
    const engine = await mockEngine();
    new BucketNotifications("pipeline", {
      buckets: {
        uploads: { bucketName: "acme-uploads" },
        partner: { bucketName: "partner-drop", bucketArn: "arn:aws-cn:s3:::partner-drop", accountId: "999988887777" },
      },
      destinations: { thumbnails: lambda({ functionArn: fnArn, functionRoleArn: roleArn }) },
      rules: [ok, { ...ok, id: "drop", bucket: "partner" }],
    });
    await engine.settle();
    const own = engine.byName("pipeline-thumbnails-allow-uploads").inputs;
    assert.equal(own.sourceArn, "arn:aws:s3:::acme-uploads");
    assert.equal(own.sourceAccount, ACCOUNT);
    const partner = engine.byName("pipeline-thumbnails-allow-partner").inputs;
    assert.equal(partner.sourceArn, "arn:aws-cn:s3:::partner-drop");
    assert.equal(partner.sourceAccount, "999988887777");
    assert.equal(engine.byName("pipeline-partner").inputs.bucket, "partner-drop");
  });

  it("writes each rule's events and filter into its bucket's notification, by destination type, and only the types used", async () => {
    const engine = await mockEngine();
    new BucketNotifications("pipeline", {
      buckets: { uploads: { bucketName: "acme-uploads" }, archive: { bucketName: "acme-archive" } },
      destinations: { audit: sns({}), ingest: sqs({}) },
      rules: [
        { id: "deletes", bucket: "uploads", destination: "audit", events: ["s3:ObjectRemoved:*", "s3:ObjectRestore:Post"], filter: { prefix: "records/" } },
        { id: "csv", bucket: "archive", destination: "ingest", events: ["s3:ObjectCreated:*"], filter: { suffix: ".csv" } },
      ],
    });
    await engine.settle();
    const uploads = engine.byName("pipeline-uploads").inputs;
    assert.deepEqual(uploads.topics, [
      { id: "deletes", events: ["s3:ObjectRemoved:*", "s3:ObjectRestore:Post"], filterPrefix: "records/", topicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:pipeline-audit-0a1b2c3` },
    ]);
    assert.equal(uploads.queues, undefined);
    assert.equal(uploads.lambdaFunctions, undefined);
    assert.equal(uploads.eventbridge, undefined);
    const archive = engine.byName("pipeline-archive").inputs;
    assert.equal(archive.topics, undefined);
    assert.deepEqual((archive.queues as object[]).length, 1);
    // The notification waits for the topic's policy, and only its own bucket's destinations' grants.
    assert.ok(engine.byName("pipeline-uploads").dependencies.includes(engine.byName("pipeline-audit-policy").urn));
    assert.ok(!engine.byName("pipeline-uploads").dependencies.includes(engine.byName("pipeline-ingest-policy").urn));
    assert.ok(engine.byName("pipeline-archive").dependencies.includes(engine.byName("pipeline-ingest-policy").urn));
  });

  it("registers no notification for a bucket without rules", async () => {
    const engine = await mockEngine();
    const component = build([ok, { ...csv, bucket: "uploads", filter: { prefix: "in/", suffix: ".csv" } }])();
    await engine.settle();
    assert.deepEqual(engine.ofType("aws:s3/bucketNotification:BucketNotification").map((n) => n.name), ["pipeline-uploads"]);
    assert.deepEqual(Object.keys(component.notifications), ["uploads"]);
  });

  it("exposes the queues and topics it created, by destination, and every dead-letter queue, by name", async () => {
    const engine = await mockEngine();
    const component = new BucketNotifications("pipeline", {
      buckets: { uploads: { bucketName: "acme-uploads" } },
      destinations: {
        audit: sns({}),
        given: sqs({ queueArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:given`, queueUrl: "https://sqs/given" }),
        ingest: sqs({}),
        thumbnails: lambda({ functionArn: fnArn, functionRoleArn: roleArn }),
      },
      rules: [
        { ...ok, id: "a", destination: "audit", filter: { prefix: "a/" } },
        { ...ok, id: "b", destination: "given", filter: { prefix: "b/" } },
        { ...ok, id: "c", destination: "ingest", filter: { prefix: "c/" } },
        { ...ok, id: "d", destination: "thumbnails", filter: { prefix: "d/" } },
      ],
    });
    await engine.settle();
    assert.deepEqual(Object.keys(component.topics), ["audit"]);
    assert.deepEqual(Object.keys(component.queues), ["ingest"]);
    assert.deepEqual(Object.keys(component.deadLetterQueues).sort(), ["pipeline-given-dlq", "pipeline-ingest-dlq", "pipeline-thumbnails-dlq"]);
    assert.equal(engine.byName("pipeline").type, "s3-events:index:BucketNotifications");
    const owner = (type: string, name: string) => engine.resources.find((r) => r.type === `s3-events:index:${type}` && r.name === name)!;
    // Each destination's component registers what it delivers to and its dead-letter queues, once every child is registered.
    const dlqUrl = (name: string) => `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${name}-0a1b2c3`;
    assert.deepEqual(owner("SqsDestination", "pipeline-ingest").registered, {
      arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:pipeline-ingest-0a1b2c3`,
      deadLetterQueueUrls: { "pipeline-ingest-dlq": dlqUrl("pipeline-ingest-dlq") },
    });
    assert.deepEqual(owner("SnsDestination", "pipeline-audit").registered, { arn: `arn:aws:sns:${REGION}:${ACCOUNT}:pipeline-audit-0a1b2c3`, deadLetterQueueUrls: {} });
    // The component, every deploy-time check among its outputs: the given queue's FIFO flag, key and
    // retention, and the region of each destination known by ARN against its rule's bucket.
    const registered = engine.byName("pipeline").registered!;
    assert.deepEqual(Object.keys(registered).sort(), ["deadLetterQueues", "deployChecks", "notifications", "queues", "topics"]);
    assert.deepEqual(registered.deployChecks, [true, true, true, true, true]);
    assert.deepEqual(Object.keys(registered.deadLetterQueues as object).sort(), ["pipeline-given-dlq", "pipeline-ingest-dlq", "pipeline-thumbnails-dlq"]);
  });

  it("checks its failure handling before anything registers, and takes an explicitly undefined setting as its default", async () => {
    const engine = await mockEngine();
    const message = thrownBy(build([ok, csv], { deadLetterRetentionSeconds: 59, maxMessageAgeSeconds: 0, responseWindowSeconds: -1 }));
    assert.equal(
      message,
      [
        "BucketNotifications `pipeline` has 3 problems:",
        "  - `deadLetterRetentionSeconds`: must be a whole number from 60 to 1209600 (14 days), not 59.",
        "  - `maxMessageAgeSeconds`: must be a positive whole number, not 0.",
        "  - `responseWindowSeconds`: must be a whole number of seconds, not -1.",
      ].join("\n"),
    );
    await engine.settle();
    assert.deepEqual(awsResources(engine), []);
    const fresh = await mockEngine();
    build([ok, csv], { deadLetterRetentionSeconds: undefined, maxMessageAgeSeconds: 1, responseWindowSeconds: 0 })();
    await fresh.settle();
    assert.equal(fresh.byName("pipeline-ingest-dlq").inputs.messageRetentionSeconds, 1_209_600);
    assert.equal(fresh.byName("pipeline-ingest-oldest").inputs.threshold, 1);
  });

  describe("fails the deploy, naming the field, on what resource outputs reveal", () => {
    const settleError = async (engine: Awaited<ReturnType<typeof mockEngine>>) => {
      try {
        await engine.settle();
      } catch (err) {
        return err instanceof Error ? err.message : String(err);
      }
      throw new Error("expected the deploy to fail");
    };

    it("a queue resource that is FIFO", async () => {
      const engine = await mockEngine();
      new BucketNotifications("pipeline", {
        buckets: { uploads: { bucketName: "acme-uploads" } },
        destinations: { jobs: sqs({ queue: new aws.sqs.Queue("jobs", { fifoQueue: true }) }) },
        rules: [{ ...csv, bucket: "uploads", destination: "jobs" }],
      });
      assert.match(
        await settleError(engine),
        /BucketNotifications `pipeline` has 1 problem:\n {2}- destination `jobs`, `destinations\.jobs\.sqs\.queue`: the given queue is a FIFO queue; S3 can send event notifications only to standard queues\. Use a standard queue\.$/,
      );
      assert.equal(engine.ofType("aws:s3/bucketNotification:BucketNotification").length, 0);
    });

    it("a bucket resource in another region than its destination's ARN", async () => {
      const engine = await mockEngine();
      new BucketNotifications("pipeline", {
        buckets: { uploads: { bucket: new aws.s3.Bucket("uploads", { bucket: "acme-uploads", region: "eu-west-1" }) } },
        destinations: { audit: sns({ topicArn: pulumi.output(`arn:aws:sns:${REGION}:${ACCOUNT}:audit`) }) },
        rules: [{ id: "del", bucket: "uploads", destination: "audit", events: ["s3:ObjectRemoved:*"], filter: { prefix: "r/" } }],
      });
      assert.match(
        await settleError(engine),
        /BucketNotifications `pipeline` has 1 problem:\n {2}- bucket `uploads`, rule `del`, `rules\[0\]\.destination`: destination `audit` is in us-east-1 but the bucket is in eu-west-1;/,
      );
    });

    it("and checks each destination's region against its own rules' buckets only", async () => {
      const engine = await mockEngine();
      new BucketNotifications("pipeline", {
        buckets: { eu: { bucketName: "acme-eu", region: "eu-west-1" }, us: { bucketName: "acme-us" } },
        destinations: {
          euFn: lambda({ functionArn: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:f`, functionRoleArn: roleArn }),
          usFn: lambda({ functionArn: fnArn, functionRoleArn: roleArn }),
        },
        rules: [
          { id: "eu", bucket: "eu", destination: "euFn", events: ["s3:ObjectCreated:*"], filter: { prefix: "a/" } },
          { id: "us", bucket: "us", destination: "usFn", events: ["s3:ObjectCreated:*"], filter: { prefix: "a/" } },
        ],
      });
      await engine.settle();
      assert.equal(engine.ofType("aws:s3/bucketNotification:BucketNotification").length, 2);
    });

    it("and passes both when the regions agree and the queue is standard", async () => {
      const engine = await mockEngine();
      new BucketNotifications("pipeline", {
        buckets: { uploads: { bucket: new aws.s3.Bucket("uploads", { bucket: "acme-uploads", region: REGION }) } },
        destinations: { audit: sns({ topicArn: pulumi.output(`arn:aws:sns:${REGION}:${ACCOUNT}:audit`) }), jobs: sqs({ queue: new aws.sqs.Queue("jobs", {}) }) },
        rules: [
          { id: "del", bucket: "uploads", destination: "audit", events: ["s3:ObjectRemoved:*"], filter: { prefix: "r/" } },
          { ...csv, bucket: "uploads", destination: "jobs" },
        ],
      });
      await engine.settle();
      assert.equal(engine.byName("pipeline-uploads").inputs.bucket, "acme-uploads");
    });
  });

  it("names children after the component, so two instances never collide", async () => {
    const engine = await mockEngine();
    const rule = (id: string): NotificationRule => ({ id, bucket: "b", destination: "q", events: ["s3:ObjectCreated:*"], filter: { prefix: `${id}/` } });
    new BucketNotifications("one", { buckets: { b: { bucket: new aws.s3.Bucket("b1") } }, destinations: { q: sqs({}) }, rules: [rule("x")] });
    new BucketNotifications("two", { buckets: { b: { bucket: new aws.s3.Bucket("b2") } }, destinations: { q: sqs({}) }, rules: [rule("x")] });
    await engine.settle();
    // A resource's URN ends in its type and name: a destination's component and its queue may share a name, never a type.
    const ids = engine.resources.map((r) => `${r.type} ${r.name}`);
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(ids.includes("aws:sqs/queue:Queue one-q") && ids.includes("aws:sqs/queue:Queue two-q"));
  });
});
