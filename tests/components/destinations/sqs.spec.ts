import * as aws from "@pulumi/aws";
import { strict as assert } from "assert";
import { BucketNotifications, sqs, type SqsDestination } from "../../../components";
import { ACCOUNT, awsResources, jsonInput, mockEngine, REGION, thrownBy } from "../../support/harness";
import { simulate } from "../../support/iam";

const QUEUE_ARN = `arn:aws:sqs:${REGION}:${ACCOUNT}:pipeline-ingest-0a1b2c3`;

describe("SqsDestination", () => {
  it("creates an SSE-SQS queue with a redrive policy, one scoped queue policy, a DLQ and alarms", async () => {
    const engine = await mockEngine();
    const uploads = new aws.s3.Bucket("uploads", { bucket: "acme-uploads" });
    const component = new BucketNotifications("pipeline", {
      buckets: { uploads: { bucket: uploads } },
      destinations: { ingest: sqs({ maxReceiveCount: 3 }) },
      rules: [{ id: "csv", bucket: "uploads", destination: "ingest", events: ["s3:ObjectCreated:*"], filter: { prefix: "incoming/", suffix: ".csv" } }],
    });
    await engine.settle();
    assert.deepEqual(awsResources(engine), [
      "aws:cloudwatch/metricAlarm:MetricAlarm pipeline-ingest-dlq-visible",
      "aws:cloudwatch/metricAlarm:MetricAlarm pipeline-ingest-oldest",
      "aws:s3/bucket:Bucket uploads",
      "aws:s3/bucketNotification:BucketNotification pipeline-uploads",
      "aws:sqs/queue:Queue pipeline-ingest",
      "aws:sqs/queue:Queue pipeline-ingest-dlq",
      "aws:sqs/queuePolicy:QueuePolicy pipeline-ingest-policy",
    ]);
    // The destination's resources hang under its own component, which hangs under BucketNotifications; the notification under BucketNotifications.
    const componentUrn = engine.byName("pipeline").urn;
    const destination = engine.resources.find((r) => r.type === "s3-events:index:SqsDestination" && r.name === "pipeline-ingest")!;
    assert.equal(destination.parent, componentUrn);
    assert.equal(engine.byName("pipeline-uploads").parent, componentUrn);
    const owned = engine.resources.filter((r) => r.custom && r.name.startsWith("pipeline-ingest"));
    assert.equal(owned.length, 5);
    for (const r of owned) assert.equal(r.parent, destination.urn, r.name);

    const queue = engine.byName("pipeline-ingest");
    const dlq = engine.byName("pipeline-ingest-dlq");
    assert.equal(queue.inputs.sqsManagedSseEnabled, true);
    assert.deepEqual(jsonInput(queue, "redrivePolicy"), {
      deadLetterTargetArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:pipeline-ingest-dlq-0a1b2c3`,
      maxReceiveCount: 3,
    });
    assert.equal(dlq.inputs.messageRetentionSeconds, 1_209_600);
    assert.equal(dlq.inputs.sqsManagedSseEnabled, true);
    const alarm = engine.byName("pipeline-ingest-dlq-visible");
    assert.equal(alarm.inputs.metricName, "ApproximateNumberOfMessagesVisible");
    assert.equal(alarm.inputs.threshold, 0);
    assert.equal(alarm.inputs.comparisonOperator, "GreaterThanThreshold");
    assert.equal(engine.byName("pipeline-ingest-oldest").inputs.threshold, 3600);

    assert.deepEqual(jsonInput(engine.byName("pipeline-ingest-policy"), "policy"), {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "AllowS3FromUploads",
          Effect: "Allow",
          Principal: { Service: "s3.amazonaws.com" },
          Action: "sqs:SendMessage",
          Resource: QUEUE_ARN,
          Condition: { ArnLike: { "aws:SourceArn": "arn:aws:s3:::acme-uploads" }, StringEquals: { "aws:SourceAccount": ACCOUNT } },
        },
        {
          Sid: "DenyInsecureTransport",
          Effect: "Deny",
          Principal: "*",
          Action: "sqs:*",
          Resource: QUEUE_ARN,
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
      ],
    });

    const notification = engine.byName("pipeline-uploads");
    assert.deepEqual(notification.inputs.queues, [
      { id: "csv", events: ["s3:ObjectCreated:*"], filterPrefix: "incoming/", filterSuffix: ".csv", queueArn: QUEUE_ARN },
    ]);
    assert.ok(notification.dependencies.includes(engine.byName("pipeline-ingest-policy").urn), "waits for the queue policy");
    assert.deepEqual(Object.keys(component.deadLetterQueues), ["pipeline-ingest-dlq"]);
    assert.deepEqual(dlq.inputs.tags, { "s3-events:role": "dead-letter-queue", "s3-events:purpose": "sqs pipeline-ingest: messages received 3 times" });
  });

  it("writes a queue policy the IAM evaluator allows only for S3, from its bucket and account, over TLS", async () => {
    const engine = await mockEngine();
    new BucketNotifications("pipeline", {
      buckets: { uploads: { bucket: new aws.s3.Bucket("uploads", { bucket: "acme-uploads" }) } },
      destinations: { ingest: sqs({}) },
      rules: [{ id: "csv", bucket: "uploads", destination: "ingest", events: ["s3:ObjectCreated:Put"], filter: { suffix: ".csv" } }],
    });
    await engine.settle();
    const policy = jsonInput(engine.byName("pipeline-ingest-policy"), "policy");
    const request = (principal: string, sourceArn: string, sourceAccount: string, tls = "true") =>
      simulate(policy, {
        principal,
        action: "sqs:SendMessage",
        resource: QUEUE_ARN,
        resourceAccount: ACCOUNT,
        context: { "aws:SourceArn": sourceArn, "aws:SourceAccount": sourceAccount, "aws:SecureTransport": tls },
      });
    assert.equal(await request("s3.amazonaws.com", "arn:aws:s3:::acme-uploads", ACCOUNT), "Allowed");
    assert.equal(await request("s3.amazonaws.com", "arn:aws:s3:::someone-elses", ACCOUNT), "ImplicitlyDenied");
    assert.equal(await request("s3.amazonaws.com", "arn:aws:s3:::acme-uploads", "999988887777"), "ImplicitlyDenied");
    assert.equal(await request("sns.amazonaws.com", "arn:aws:s3:::acme-uploads", ACCOUNT), "ImplicitlyDenied");
    assert.equal(await request("arn:aws:iam::999988887777:root", "arn:aws:s3:::acme-uploads", ACCOUNT), "ImplicitlyDenied");
    assert.equal(await request("s3.amazonaws.com", "arn:aws:s3:::acme-uploads", ACCOUNT, "false"), "ExplicitlyDenied");
  });

  it("writes one policy for a queue two destinations name by the same ARN", async () => {
    const engine = await mockEngine();
    const given = { queueArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:jobs`, queueUrl: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/jobs` };
    new BucketNotifications("pipeline", {
      buckets: { a: { bucketName: "acme-a" }, b: { bucketName: "acme-b" } },
      destinations: { first: sqs(given), second: sqs(given) },
      rules: [
        { id: "from-a", bucket: "a", destination: "first", events: ["s3:ObjectCreated:*"], filter: { prefix: "in/" } },
        { id: "from-b", bucket: "b", destination: "second", events: ["s3:ObjectCreated:*"], filter: { prefix: "in/" } },
      ],
    });
    await engine.settle();
    assert.deepEqual(
      engine.ofType("aws:sqs/queuePolicy:QueuePolicy").map((p) => p.name).sort(),
      ["pipeline-first-policy"],
    );
    const policy = jsonInput(engine.byName("pipeline-first-policy"), "policy") as { Statement: { Sid: string }[] };
    assert.deepEqual(policy.Statement.map((s) => s.Sid), ["AllowS3FromA", "AllowS3FromB", "DenyInsecureTransport"]);
  });

  it("writes one policy naming both buckets when two buckets share a queue", async () => {
    const engine = await mockEngine();
    const shared = sqs({});
    new BucketNotifications("pipeline", {
      buckets: { a: { bucket: new aws.s3.Bucket("a", { bucket: "acme-a" }) }, b: { bucket: new aws.s3.Bucket("b", { bucket: "acme-b" }) } },
      destinations: { shared },
      rules: [
        { id: "from-a", bucket: "a", destination: "shared", events: ["s3:ObjectCreated:*"], filter: { prefix: "in/" } },
        { id: "from-b", bucket: "b", destination: "shared", events: ["s3:ObjectCreated:*"], filter: { prefix: "in/" } },
      ],
    });
    await engine.settle();
    assert.equal(engine.ofType("aws:sqs/queuePolicy:QueuePolicy").length, 1);
    assert.equal(engine.ofType("aws:s3/bucketNotification:BucketNotification").length, 2);
    const policy = jsonInput(engine.byName("pipeline-shared-policy"), "policy") as { Statement: { Sid: string; Condition?: object }[] };
    assert.deepEqual(
      policy.Statement.map((s) => s.Sid),
      ["AllowS3FromA", "AllowS3FromB", "DenyInsecureTransport"],
    );
    for (const bucket of ["acme-a", "acme-b"]) {
      assert.equal(
        await simulate(policy, {
          principal: "s3.amazonaws.com",
          action: "sqs:SendMessage",
          resource: `arn:aws:sqs:${REGION}:${ACCOUNT}:pipeline-shared-0a1b2c3`,
          resourceAccount: ACCOUNT,
          context: { "aws:SourceArn": `arn:aws:s3:::${bucket}`, "aws:SourceAccount": ACCOUNT, "aws:SecureTransport": "true" },
        }),
        "Allowed",
      );
    }
  });

  it("sizes a consumer's queue at 6x its timeout and maps it with partial batch failures", async () => {
    const engine = await mockEngine();
    const role = new aws.iam.Role("consumer-role", { assumeRolePolicy: "{}" });
    const fn = new aws.lambda.Function("consumer", { role: role.arn, runtime: "nodejs20.x", handler: "index.handler", timeout: 20 });
    new BucketNotifications("pipeline", {
      buckets: { uploads: { bucketName: "acme-existing", accountId: ACCOUNT } },
      destinations: { ingest: sqs({ consumer: { function: fn, batchSize: 5 } }) },
      rules: [{ id: "csv", bucket: "uploads", destination: "ingest", events: ["s3:ObjectCreated:*"], filter: { suffix: ".csv" } }],
    });
    await engine.settle();
    assert.equal(engine.byName("pipeline-ingest").inputs.visibilityTimeoutSeconds, 120);
    const mapping = engine.byName("pipeline-ingest-consumer");
    assert.deepEqual(mapping.inputs.functionResponseTypes, ["ReportBatchItemFailures"]);
    assert.equal(mapping.inputs.batchSize, 5);
    assert.ok(mapping.dependencies.includes(engine.byName("pipeline-ingest-consume").urn));
    assert.equal(engine.byName("pipeline-ingest-consumer-errors").inputs.metricName, "Errors");
  });

  it("lets a consumer named by ARN receive from its queue and decrypt with the key created for it, in batches of 10 by default", async () => {
    const engine = await mockEngine();
    const functionArn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:ingestor`;
    new BucketNotifications("pipeline", {
      buckets: { uploads: { bucketName: "acme-existing" } },
      destinations: {
        ingest: sqs({ encryption: "create-key", consumer: { functionArn, functionRoleArn: `arn:aws:iam::${ACCOUNT}:role/service-role/ingestor-role`, timeoutSeconds: 10 } }),
      },
      rules: [{ id: "csv", bucket: "uploads", destination: "ingest", events: ["s3:ObjectCreated:*"], filter: { suffix: ".csv" } }],
    });
    await engine.settle();
    const queueArn = `arn:aws:sqs:${REGION}:${ACCOUNT}:pipeline-ingest-0a1b2c3`;
    const keyArn = `arn:aws:kms:${REGION}:${ACCOUNT}:key/pipeline-ingest-key-key-id`;
    const consume = engine.byName("pipeline-ingest-consume");
    assert.equal(consume.inputs.role, "ingestor-role");
    assert.deepEqual(jsonInput(consume, "policy"), {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "ConsumeS3Events",
          Effect: "Allow",
          Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility"],
          Resource: queueArn,
        },
        { Sid: "DecryptS3Events", Effect: "Allow", Action: "kms:Decrypt", Resource: keyArn },
      ],
    });
    const mapping = engine.byName("pipeline-ingest-consumer");
    assert.deepEqual(mapping.inputs, { eventSourceArn: queueArn, functionName: "ingestor", batchSize: 10, functionResponseTypes: ["ReportBatchItemFailures"] });
    assert.equal(engine.byName("pipeline-ingest").inputs.visibilityTimeoutSeconds, 60);
    const errors = engine.byName("pipeline-ingest-consumer-errors").inputs;
    assert.deepEqual(errors.dimensions, { FunctionName: "ingestor" });
    assert.equal(errors.namespace, "AWS/Lambda");
    assert.equal(errors.alarmDescription, "Function pipeline-ingest-consumer failed on S3 events.");
    assert.equal(engine.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").filter((a) => a.name.endsWith("-dropped")).length, 0);
    const oldest = engine.byName("pipeline-ingest-oldest").inputs;
    assert.deepEqual(oldest.dimensions, { QueueName: "pipeline-ingest-0a1b2c3" });
    assert.equal(oldest.alarmDescription, "S3 events in pipeline-ingest wait longer than 3600 s: the consumer is behind or failing.");
    assert.equal(oldest.statistic, "Maximum");
    assert.equal(oldest.namespace, "AWS/SQS");
  });

  it("sizes a created queue for a function resource's default 3-second timeout, and takes an explicit visibility timeout as given", async () => {
    const engine = await mockEngine();
    const role = new aws.iam.Role("consumer-role", { assumeRolePolicy: "{}" });
    const fn = new aws.lambda.Function("consumer", { role: role.arn, runtime: "nodejs20.x", handler: "index.handler" });
    new BucketNotifications("pipeline", {
      buckets: { uploads: { bucketName: "acme-existing" } },
      destinations: { a: sqs({ consumer: { function: fn } }), b: sqs({ visibilityTimeoutSeconds: 45 }), c: sqs({ kmsKeyArn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/mine`, kmsKeyGrantsS3: true }) },
      rules: ["a", "b", "c"].map((d) => ({ id: d, bucket: "uploads", destination: d, events: ["s3:ObjectCreated:*" as const], filter: { prefix: `${d}/` } })),
    });
    await engine.settle();
    assert.equal(engine.byName("pipeline-a").inputs.visibilityTimeoutSeconds, 18);
    assert.equal(engine.byName("pipeline-a").inputs.messageRetentionSeconds, 345_600);
    assert.equal(engine.byName("pipeline-b").inputs.visibilityTimeoutSeconds, 45);
    assert.equal(engine.byName("pipeline-c").inputs.kmsMasterKeyId, `arn:aws:kms:${REGION}:${ACCOUNT}:key/mine`);
    assert.equal(engine.byName("pipeline-c").inputs.sqsManagedSseEnabled, undefined);
    assert.equal(engine.byName("pipeline-c").inputs.visibilityTimeoutSeconds, 30);
    assert.equal((jsonInput(engine.byName("pipeline-a-consume"), "policy") as { Statement: unknown[] }).Statement.length, 1, "no key, nothing to decrypt");
  });

  it("redrives a queue the caller created with a separate redrive policy", async () => {
    const engine = await mockEngine();
    const queue = new aws.sqs.Queue("mine", {});
    new BucketNotifications("pipeline", {
      buckets: { uploads: { bucketName: "acme-existing" } },
      destinations: { ingest: sqs({ queue }) },
      rules: [{ id: "csv", bucket: "uploads", destination: "ingest", events: ["s3:ObjectCreated:*"], filter: { suffix: ".csv" } }],
    });
    await engine.settle();
    const redrive = engine.byName("pipeline-ingest-redrive");
    assert.equal(redrive.type, "aws:sqs/redrivePolicy:RedrivePolicy");
    assert.equal(JSON.parse(redrive.inputs.redrivePolicy as string).maxReceiveCount, 5);
    assert.ok(engine.byName("pipeline-uploads").dependencies.includes(redrive.urn));
  });

  it("creates a customer-managed key whose policy lets only S3 from the bucket use it", async () => {
    const engine = await mockEngine();
    new BucketNotifications("pipeline", {
      buckets: { uploads: { bucketName: "acme-existing", accountId: ACCOUNT } },
      destinations: { ingest: sqs({ encryption: "create-key" }) },
      rules: [{ id: "csv", bucket: "uploads", destination: "ingest", events: ["s3:ObjectCreated:*"], filter: { suffix: ".csv" } }],
    });
    await engine.settle();
    const key = engine.byName("pipeline-ingest-key");
    assert.equal(engine.byName("pipeline-ingest").inputs.kmsMasterKeyId, `arn:aws:kms:${REGION}:${ACCOUNT}:key/pipeline-ingest-key-key-id`);
    const policy = jsonInput(key, "policy");
    const use = (sourceArn: string) =>
      simulate(policy, {
        principal: "s3.amazonaws.com",
        action: "kms:GenerateDataKey",
        resource: `arn:aws:kms:${REGION}:${ACCOUNT}:key/pipeline-ingest-key-key-id`,
        resourceAccount: ACCOUNT,
        context: { "aws:SourceArn": sourceArn, "aws:SourceAccount": ACCOUNT },
      });
    assert.equal(await use("arn:aws:s3:::acme-existing"), "Allowed");
    assert.equal(await use("arn:aws:s3:::other"), "ImplicitlyDenied");
  });

  describe("rejects, before registering anything", () => {
    const build = (destination: SqsDestination) => () =>
      new BucketNotifications("bad", {
        buckets: { uploads: { bucketName: "acme" } },
        destinations: { ingest: { sqs: destination } },
        rules: [{ id: "csv", bucket: "uploads", destination: "ingest", events: ["s3:ObjectCreated:*"], filter: { suffix: ".csv" } }],
      });

    it("a FIFO queue", async () => {
      const engine = await mockEngine();
      const message = thrownBy(build({ queueArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:jobs.fifo`, queueUrl: "https://x" }));
      assert.equal(
        message,
        "BucketNotifications `bad` has 1 problem:\n  - destination `ingest`, `destinations.ingest.sqs.queue`: " +
          `\`arn:aws:sqs:${REGION}:${ACCOUNT}:jobs.fifo\` is a FIFO queue; S3 can send event notifications only to standard queues. Use a standard queue.`,
      );
      await engine.settle();
      assert.deepEqual(awsResources(engine), []);
    });

    it("the AWS-managed SQS key", async () => {
      const message = thrownBy(build({ kmsKeyArn: "alias/aws/sqs", kmsKeyGrantsS3: true }));
      assert.match(message, /`destinations\.ingest\.sqs\.kmsKeyArn`: `alias\/aws\/sqs` is an AWS-managed key/);
    });

    it("an existing key without the statement that its policy grants S3", async () => {
      const message = thrownBy(build({ kmsKeyArn: "arn:aws:kms:us-east-1:1:key/k", kmsKeyGrantsS3: false }));
      assert.match(message, /`destinations\.ingest\.sqs\.kmsKeyGrantsS3`: an existing KMS key is used only when/);
    });

    it("a queue in another region than the bucket", async () => {
      const message = thrownBy(build({ queueArn: `arn:aws:sqs:eu-west-1:${ACCOUNT}:jobs`, queueUrl: "https://x" }));
      assert.match(message, /bucket `uploads`, rule `csv`, `rules\[0\]\.destination`: destination `ingest` is in eu-west-1 but the bucket is in us-east-1/);
    });
  });
});
