import * as aws from "@pulumi/aws";
import { strict as assert } from "assert";
import { BucketNotifications, lambda, type LambdaDestination } from "../../../components";
import { ACCOUNT, awsResources, jsonInput, mockEngine, REGION, thrownBy } from "../../support/harness";

describe("LambdaDestination", () => {
  async function build(args: Partial<LambdaDestination> = {}) {
    const engine = await mockEngine();
    const role = new aws.iam.Role("thumbs-role", { name: "thumbs-role", assumeRolePolicy: "{}" });
    const fn = new aws.lambda.Function("thumbs", { name: "thumbs", role: role.arn, runtime: "nodejs20.x", handler: "index.handler" });
    const uploads = new aws.s3.Bucket("uploads", { bucket: "acme-uploads" });
    new BucketNotifications("pipeline", {
      buckets: { uploads: { bucket: uploads } },
      destinations: { thumbnails: lambda({ function: fn, ...args }) },
      rules: [{ id: "jpg", bucket: "uploads", destination: "thumbnails", events: ["s3:ObjectCreated:*"], filter: { prefix: "images/", suffix: ".jpg" } }],
      alarmTopicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:oncall`,
    });
    await engine.settle();
    return engine;
  }

  it("grants S3 from the bucket and its owner, and dead-letters failed async invocations", async () => {
    const engine = await build();
    assert.deepEqual(awsResources(engine).filter((r) => r.includes("pipeline")), [
      "aws:cloudwatch/metricAlarm:MetricAlarm pipeline-thumbnails-dlq-visible",
      "aws:cloudwatch/metricAlarm:MetricAlarm pipeline-thumbnails-dropped",
      "aws:cloudwatch/metricAlarm:MetricAlarm pipeline-thumbnails-errors",
      "aws:iam/rolePolicy:RolePolicy pipeline-thumbnails-send-to-dlq",
      "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig pipeline-thumbnails-async",
      "aws:lambda/permission:Permission pipeline-thumbnails-allow-uploads",
      "aws:s3/bucketNotification:BucketNotification pipeline-uploads",
      "aws:sqs/queue:Queue pipeline-thumbnails-dlq",
    ]);
    const permission = engine.byName("pipeline-thumbnails-allow-uploads");
    assert.deepEqual(permission.inputs, {
      action: "lambda:InvokeFunction",
      function: "thumbs",
      principal: "s3.amazonaws.com",
      sourceArn: "arn:aws:s3:::acme-uploads",
      sourceAccount: ACCOUNT,
    });
    const dlqArn = `arn:aws:sqs:${REGION}:${ACCOUNT}:pipeline-thumbnails-dlq-0a1b2c3`;
    const invokeConfig = engine.byName("pipeline-thumbnails-async");
    assert.deepEqual(invokeConfig.inputs, {
      functionName: "thumbs",
      maximumRetryAttempts: 2,
      maximumEventAgeInSeconds: 21600,
      destinationConfig: { onFailure: { destination: dlqArn } },
    });
    assert.ok(invokeConfig.dependencies.includes(engine.byName("pipeline-thumbnails-send-to-dlq").urn));
    assert.equal(engine.byName("pipeline-thumbnails-send-to-dlq").inputs.role, "thumbs-role");
    assert.deepEqual(jsonInput(engine.byName("pipeline-thumbnails-send-to-dlq"), "policy"), {
      Version: "2012-10-17",
      Statement: [{ Sid: "SendFailedEventsToDeadLetterQueue", Effect: "Allow", Action: "sqs:SendMessage", Resource: dlqArn }],
    });
    const notification = engine.byName("pipeline-uploads");
    assert.deepEqual(notification.inputs.lambdaFunctions, [
      {
        id: "jpg",
        events: ["s3:ObjectCreated:*"],
        filterPrefix: "images/",
        filterSuffix: ".jpg",
        lambdaFunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:thumbs`,
      },
    ]);
    assert.ok(notification.dependencies.includes(permission.urn), "the notification waits for the permission");
    assert.ok(notification.dependencies.includes(invokeConfig.urn), "and for the failure path");
    for (const alarm of ["pipeline-thumbnails-errors", "pipeline-thumbnails-dropped", "pipeline-thumbnails-dlq-visible"]) {
      assert.deepEqual(engine.byName(alarm).inputs.alarmActions, [`arn:aws:sns:${REGION}:${ACCOUNT}:oncall`], alarm);
    }
    assert.equal(engine.byName("pipeline-thumbnails-dropped").inputs.metricName, "AsyncEventsDropped");
  });

  it("alarms on the function's errors and on the events it dropped, by its name, and tags its DLQ with what it catches", async () => {
    const engine = await build();
    const alarm = (name: string) => {
      const { namespace, metricName, dimensions, statistic, threshold, alarmDescription } = engine.byName(name).inputs;
      return { namespace, metricName, dimensions, statistic, threshold, alarmDescription };
    };
    assert.deepEqual(alarm("pipeline-thumbnails-errors"), {
      namespace: "AWS/Lambda",
      metricName: "Errors",
      dimensions: { FunctionName: "thumbs" },
      statistic: "Sum",
      threshold: 0,
      alarmDescription: "Function pipeline-thumbnails failed on S3 events.",
    });
    assert.deepEqual(alarm("pipeline-thumbnails-dropped"), {
      namespace: "AWS/Lambda",
      metricName: "AsyncEventsDropped",
      dimensions: { FunctionName: "thumbs" },
      statistic: "Sum",
      threshold: 0,
      alarmDescription: "Function pipeline-thumbnails dropped S3 events it could not deliver anywhere.",
    });
    assert.deepEqual(engine.byName("pipeline-thumbnails-dlq").inputs.tags, {
      "s3-events:role": "dead-letter-queue",
      "s3-events:purpose": "lambda pipeline-thumbnails: failed async invocations",
    });
  });

  it("takes retries and event age from its args", async () => {
    const engine = await build({ maximumRetryAttempts: 0, maximumEventAgeInSeconds: 600 });
    assert.equal(engine.byName("pipeline-thumbnails-async").inputs.maximumRetryAttempts, 0);
    assert.equal(engine.byName("pipeline-thumbnails-async").inputs.maximumEventAgeInSeconds, 600);
  });

  it("protects and retains dead-letter queues when asked", async () => {
    const engine = await mockEngine();
    new BucketNotifications("pipeline", {
      buckets: { uploads: { bucketName: "acme" } },
      destinations: { fn: lambda({ functionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:f`, functionRoleArn: `arn:aws:iam::${ACCOUNT}:role/r` }) },
      rules: [{ id: "jpg", bucket: "uploads", destination: "fn", events: ["s3:ObjectCreated:Put"], filter: { suffix: ".jpg" } }],
      protectDeadLetterQueues: true,
    });
    await engine.settle();
    const dlq = engine.byName("pipeline-fn-dlq");
    assert.equal(dlq.protect, true);
    assert.equal(dlq.retainOnDelete, true);
    assert.equal(engine.byName("pipeline-fn-send-to-dlq").inputs.role, "r");
  });

  it("rejects out-of-range retries and an existing function without its role", async () => {
    const engine = await mockEngine();
    const message = thrownBy(
      () =>
        new BucketNotifications("bad", {
          buckets: { uploads: { bucketName: "acme" } },
          destinations: { fn: lambda({ functionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:f`, maximumRetryAttempts: 3 }) },
          rules: [{ id: "jpg", bucket: "uploads", destination: "fn", events: ["s3:ObjectCreated:Put"], filter: { suffix: ".jpg" } }],
        }),
    );
    assert.equal(
      message,
      [
        "BucketNotifications `bad` has 2 problems:",
        "  - destination `fn`, `destinations.fn.lambda.maximumRetryAttempts`: must be 0, 1 or 2 (Lambda's limit), not 3.",
        "  - destination `fn`, `destinations.fn.lambda.functionRoleArn`: is required with `functionArn`: the function's execution role must be allowed to send failed events to its dead-letter queue.",
      ].join("\n"),
    );
    await engine.settle();
    assert.deepEqual(awsResources(engine), []);
  });
});
