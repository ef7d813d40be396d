import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { strict as assert } from "assert";
import { arnName, bucketFrom, functionFrom, functionNameOf, parseArn, queueFrom, resolveFunction, resolveQueue, resolveTopic, topicFrom } from "../../components/references";
import { mockEngine, valueOf } from "../support/harness";
import { settled } from "../support/settled";

describe("ARN parsing", () => {
  it("splits an ARN into partition, service, region, account and resource, keeping colons in the resource", () => {
    assert.deepEqual(parseArn("arn:aws:lambda:us-east-1:111122223333:function:resize:live"), {
      partition: "aws",
      service: "lambda",
      region: "us-east-1",
      account: "111122223333",
      resource: "function:resize:live",
    });
    assert.deepEqual(parseArn("arn:aws-cn:s3:::acme-uploads"), { partition: "aws-cn", service: "s3", region: "", account: "", resource: "acme-uploads" });
  });

  it("refuses what is not an ARN: too few parts, or not starting with `arn`", () => {
    assert.equal(parseArn("arn:aws:s3::acme"), undefined);
    assert.equal(parseArn("urn:aws:s3:::acme-uploads"), undefined);
  });

  it("names the resource by the last segment of its ARN", () => {
    assert.equal(arnName("arn:aws:lambda:us-east-1:111122223333:function:resize"), "resize");
    assert.equal(arnName("arn:aws:iam::111122223333:role/service-role/worker"), "worker");
    assert.equal(arnName("arn:aws:sqs:us-east-1:111122223333:ingest"), "ingest");
    // A trailing separator is not a segment; a plain name is its own name.
    assert.equal(arnName("arn:aws:iam::111122223333:role/worker/"), "worker");
    assert.equal(arnName("worker"), "worker");
  });
});

describe("a resource named by the args", () => {
  const FN_ARN = "arn:aws:lambda:us-east-1:111122223333:function:f";
  const QUEUE_ARN = "arn:aws:sqs:us-east-1:111122223333:q";
  const withoutArn = (noun: string, arnField: string, field: string) => ({
    field,
    message: `describes an existing ${noun} named by \`${arnField}\`, and none is named. Name it by \`${arnField}\`, or remove \`${field}\`.`,
  });
  const notA = (field: string, type: string, arnField: string) => ({
    field,
    message: `must be an ${type} resource of this program; name an existing one by \`${arnField}\` instead.`,
  });

  it("a function by ARN, with its role", () => {
    assert.deepEqual(functionFrom("consumer", { functionArn: FN_ARN, functionRoleArn: "r" }), { ref: { arn: FN_ARN, roleArn: "r" }, problems: [] });
    assert.deepEqual(functionFrom("consumer", {}).problems, [{ field: "consumer", message: "One of `function` or `functionArn` is required." }]);
  });

  it("knows an existing function's ARN now only when it is a plain string, and no region from a plain name", async () => {
    assert.equal(resolveFunction({ arn: pulumi.output(FN_ARN) }).literalArn, undefined);
    assert.equal(await valueOf(resolveFunction({ arn: pulumi.output(FN_ARN) }).region), "us-east-1");
    // Lambda takes a function's plain name where it takes its ARN.
    assert.equal(await settled(resolveFunction({ arn: "resize" }).region), undefined);
  });

  it("refuses a function field holding something else than a function resource", () => {
    assert.deepEqual(functionFrom("", { function: { arn: FN_ARN } as never }), { ref: undefined, problems: [notA("function", "aws.lambda.Function", "functionArn")] });
  });

  it("a queue by ARN with its URL and what is known of it", () => {
    const fields = { queueArn: QUEUE_ARN, queueUrl: "https://q", queueKmsKeyId: "k", queueMessageRetentionSeconds: 60, queueVisibilityTimeoutSeconds: 40 };
    assert.deepEqual(queueFrom("", fields, true), {
      ref: { arn: QUEUE_ARN, url: "https://q", kmsKeyId: "k", messageRetentionSeconds: 60, visibilityTimeoutSeconds: 40 },
      problems: [],
    });
  });

  it("no queue by ARN without its URL", () => {
    assert.deepEqual(queueFrom("sub", { queueArn: QUEUE_ARN }, true), {
      ref: undefined,
      problems: [{ field: "sub.queueUrl", message: "is required with `queueArn`: the queue policy is set by URL." }],
    });
  });

  it("no queue when none is required, but no queue's fields without one", () => {
    assert.deepEqual(queueFrom("", {}, false), { ref: undefined, problems: [] });
    assert.deepEqual(queueFrom("", { queueUrl: "https://q", queueKmsKeyId: "k" }, false).problems, [withoutArn("queue", "queueArn", "queueUrl"), withoutArn("queue", "queueArn", "queueKmsKeyId")]);
    assert.deepEqual(queueFrom("sub", {}, true).problems, [{ field: "sub", message: "One of `queue` or `queueArn` is required." }]);
  });

  it("refuses a literal queue or topic ARN that is not one, which S3 would refuse at deploy, and leaves an Output to the service", async () => {
    await mockEngine();
    const notAnArn = (field: string, value: string, shape: string, service: string) => ({
      field,
      message: `\`${value}\` is not ${shape} (\`arn:<partition>:${service}:<region>:<account id>:<name>\`). Give the ARN, not a name or URL.`,
    });
    const queue = (queueArn: string) => queueFrom("d", { queueArn, queueUrl: "https://q" }, true).problems;
    const url = "https://sqs.us-east-1.amazonaws.com/111122223333/q";
    assert.deepEqual(queue(url), [notAnArn("d.queueArn", url, "an SQS queue ARN", "sqs")]);
    for (const wrong of ["arn:aws:sns:us-east-1:111122223333:q", "arn:aws:sqs::111122223333:q", "arn:aws:sqs:us-east-1:1111:q", "arn:aws:sqs:us-east-1:x111122223333:q", "arn:aws:sqs:us-east-1:111122223333x:q", "arn:aws:sqs:us-east-1:111122223333:"]) {
      assert.deepEqual(queue(wrong), [notAnArn("d.queueArn", wrong, "an SQS queue ARN", "sqs")], wrong);
    }
    assert.deepEqual(queue("arn:aws-cn:sqs:cn-north-1:111122223333:q"), []);
    assert.deepEqual(topicFrom("", { topicArn: "audit" }, false).problems, [notAnArn("topicArn", "audit", "an SNS topic ARN", "sns")]);
    assert.deepEqual(topicFrom("", { topicArn: pulumi.output("audit") }, false).problems, []);
  });

  it("refuses a queue field holding something else than a queue resource", () => {
    assert.deepEqual(queueFrom("", { queue: { arn: QUEUE_ARN } as never }, true).problems, [notA("queue", "aws.sqs.Queue", "queueArn")]);
  });

  it("a topic by ARN, with its key", () => {
    const arn = "arn:aws:sns:us-east-1:111122223333:t";
    assert.deepEqual(topicFrom("", { topicArn: arn, topicKmsKeyId: "k" }, false), { ref: { arn, kmsKeyId: "k" }, problems: [] });
    assert.deepEqual(topicFrom("", {}, false), { ref: undefined, problems: [] });
    assert.deepEqual(topicFrom("", { topicKmsKeyId: "k" }, false).problems, [withoutArn("topic", "topicArn", "topicKmsKeyId")]);
    assert.deepEqual(topicFrom("", { topic: { arn } as never }, false), { ref: undefined, problems: [notA("topic", "aws.sns.Topic", "topicArn")] });
  });

  it("an existing bucket by name, with what the caller knows of it", () => {
    assert.deepEqual(bucketFrom("buckets.b", { bucketName: "acme", bucketArn: "arn:aws:s3:::acme", accountId: "1", region: "eu-west-1" }), {
      ref: { name: "acme", arn: "arn:aws:s3:::acme", accountId: "1", region: "eu-west-1" },
      problems: [],
    });
    assert.deepEqual(bucketFrom("buckets.b", {}).problems, [{ field: "buckets.b", message: "One of `bucket` or `bucketName` is required." }]);
    assert.deepEqual(bucketFrom("buckets.b", { bucket: { bucket: "acme" } as never, bucketName: "acme" }), {
      ref: undefined,
      problems: [notA("buckets.b.bucket", "aws.s3.Bucket", "bucketName")],
    });
  });

  it("resolves an existing queue's settings to SQS's defaults, and its FIFO-ness and region from its ARN", async () => {
    const q = resolveQueue({ arn: `${QUEUE_ARN}.fifo`, url: "https://q" });
    assert.equal(await valueOf(q.visibilityTimeoutSeconds), 30);
    assert.equal(await valueOf(q.messageRetentionSeconds), 345_600);
    assert.equal(await valueOf(q.fifo), true);
    assert.equal(await valueOf(q.name), "q.fifo");
    assert.equal(await valueOf(q.region), "us-east-1");
    assert.equal(q.literalArn, `${QUEUE_ARN}.fifo`);
    assert.equal(await valueOf(resolveQueue({ arn: QUEUE_ARN, url: "https://q" }).fifo), false);
    assert.equal(await valueOf(resolveTopic({ arn: "arn:aws:sns:::t" }).region), undefined);
  });

  it("reads a function's name and qualifier from each form Lambda accepts", () => {
    assert.deepEqual(functionNameOf("arn:aws:lambda:us-east-1:111122223333:function:resize"), { name: "resize", qualifier: undefined });
    assert.deepEqual(functionNameOf("arn:aws-cn:lambda:cn-north-1:111122223333:function:resize:live"), { name: "resize", qualifier: "live" });
    assert.deepEqual(functionNameOf("111122223333:function:resize:7"), { name: "resize", qualifier: "7" });
    assert.deepEqual(functionNameOf("resize:$LATEST"), { name: "resize", qualifier: "$LATEST" });
    assert.deepEqual(functionNameOf("resize"), { name: "resize", qualifier: undefined });
    assert.deepEqual(functionNameOf("function"), { name: "function", qualifier: undefined });
    // Only twelve digits, then `function`, make a partial ARN; anything else is a name and its qualifier.
    for (const [value, name, qualifier] of [
      ["1111222233334:function:resize", "1111222233334", "function"],
      ["x111122223333:function:resize", "x111122223333", "function"],
      ["111122223333x:function:resize", "111122223333x", "function"],
      ["111122223333:resize", "111122223333", "resize"],
      ["resize:function", "resize", "function"],
    ]) {
      assert.deepEqual(functionNameOf(value), { name, qualifier }, value);
    }
  });

  it("resolves an existing function's name from its ARN, and knows its role only when given", async () => {
    const fn = resolveFunction({ arn: FN_ARN });
    assert.equal(await valueOf(fn.functionName), "f");
    assert.equal(await valueOf(fn.qualifier), undefined);
    const alias = resolveFunction({ arn: `${FN_ARN}:live` });
    assert.deepEqual([await valueOf(alias.functionName), await valueOf(alias.qualifier), await valueOf(alias.arn)], ["f", "live", `${FN_ARN}:live`]);
    assert.equal(fn.roleArn, undefined);
    assert.equal(fn.literalArn, FN_ARN);
    assert.equal(await valueOf(resolveFunction({ arn: FN_ARN, roleArn: "arn:aws:iam::1:role/r" }).roleArn!), "arn:aws:iam::1:role/r");
  });
});

describe("a resource of this program named by the args", () => {
  it("refuses, beside a function resource, the role only an existing function needs", async () => {
    await mockEngine();
    const fn = new aws.lambda.Function("f", { role: "arn:aws:iam::111122223333:role/r", runtime: "nodejs20.x", handler: "index.handler" });
    assert.deepEqual(functionFrom("consumer", { function: fn, functionRoleArn: "r" }), {
      ref: undefined,
      problems: [
        {
          field: "consumer.functionRoleArn",
          message: "applies only to an existing resource named by ARN or name; `function` is read from the resource itself. Remove `functionRoleArn`.",
        },
      ],
    });
    assert.equal(functionFrom("consumer", { function: fn }).ref, fn);
  });

  it("refuses, beside a queue or topic resource, what only an existing one needs", async () => {
    await mockEngine();
    const queue = new aws.sqs.Queue("q", {});
    assert.deepEqual(queueFrom("", { queue, queueUrl: "https://q" }, true), {
      ref: undefined,
      problems: [{ field: "queueUrl", message: "applies only to an existing resource named by ARN or name; `queue` is read from the resource itself. Remove `queueUrl`." }],
    });
    assert.equal(queueFrom("", { queue }, true).ref, queue);
    const topic = new aws.sns.Topic("t", {});
    assert.deepEqual(topicFrom("", { topic, topicKmsKeyId: "k" }, true), {
      ref: undefined,
      problems: [{ field: "topicKmsKeyId", message: "applies only to an existing resource named by ARN or name; `topic` is read from the resource itself. Remove `topicKmsKeyId`." }],
    });
    assert.equal(topicFrom("", { topic }, true).ref, topic);
  });

  it("refuses, beside a bucket resource, what only an existing bucket needs", async () => {
    await mockEngine();
    const bucket = new aws.s3.Bucket("b", {});
    const remove = (field: string) => ({
      field: `buckets.b.${field}`,
      message: `applies only to an existing resource named by ARN or name; \`bucket\` is read from the resource itself. Remove \`${field}\`.`,
    });
    assert.deepEqual(bucketFrom("buckets.b", { bucket, bucketArn: "arn:aws:s3:::acme", accountId: "1", region: "eu-west-1" }), {
      ref: undefined,
      problems: [remove("bucketArn"), remove("accountId"), remove("region")],
    });
    assert.deepEqual(bucketFrom("buckets.b", { bucket }), { ref: bucket, problems: [] });
  });

  it("reads a queue resource's key, FIFO flag and settings from its outputs, an empty key being none", async () => {
    const engine = await mockEngine();
    const plain = resolveQueue(new aws.sqs.Queue("plain", { kmsMasterKeyId: "" }));
    const fifo = resolveQueue(new aws.sqs.Queue("jobs", { fifoQueue: true, kmsMasterKeyId: "alias/mine", messageRetentionSeconds: 600, visibilityTimeoutSeconds: 45 }));
    assert.equal(await valueOf(plain.kmsKeyId), undefined);
    assert.equal(await valueOf(plain.fifo), false);
    assert.equal(await valueOf(fifo.kmsKeyId), "alias/mine");
    assert.equal(await valueOf(fifo.fifo), true);
    assert.equal(await valueOf(fifo.messageRetentionSeconds), 600);
    assert.equal(await valueOf(fifo.visibilityTimeoutSeconds), 45);
    assert.equal(fifo.literalArn, undefined);
    await engine.settle();
  });
});
