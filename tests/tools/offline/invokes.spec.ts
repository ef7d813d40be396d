import { strict as assert } from "assert";
import { ANSWERED_INVOKES, answerInvoke, UnansweredInvokeError } from "../../../tools/offline/invokes";

const ctx = { region: "eu-west-1", accountId: "111122223333" };

describe("data sources answered offline", () => {
  it("answers the caller, partition and region of the stack, or the region asked for", () => {
    assert.deepEqual(answerInvoke("aws:index/getCallerIdentity:getCallerIdentity", {}, ctx), {
      accountId: "111122223333",
      arn: "arn:aws:iam::111122223333:user/offline",
      userId: "AIDAOFFLINEPREVIEW",
      id: "111122223333",
    });
    assert.deepEqual(answerInvoke("aws:index/getPartition:getPartition", {}, ctx), {
      partition: "aws",
      dnsSuffix: "amazonaws.com",
      reverseDnsSuffix: "com.amazonaws",
      id: "aws",
    });
    const region = (name: string) => ({ name, region: name, description: name, endpoint: `ec2.${name}.amazonaws.com`, id: name });
    assert.deepEqual(answerInvoke("aws:index/getRegion:getRegion", {}, ctx), region("eu-west-1"));
    assert.deepEqual(answerInvoke("aws:index/getRegion:getRegion", { region: "us-east-2" }, ctx), region("us-east-2"));
    assert.deepEqual(answerInvoke("aws:index/getRegion:getRegion", { name: "ap-south-1" }, ctx), region("ap-south-1"));
  });

  it("answers in the partition of the stack's region: ARNs and domains in China and GovCloud are their own", () => {
    const china = { region: "cn-north-1", accountId: "111122223333" };
    assert.equal(answerInvoke("aws:index/getCallerIdentity:getCallerIdentity", {}, china).arn, "arn:aws-cn:iam::111122223333:user/offline");
    assert.deepEqual(answerInvoke("aws:index/getPartition:getPartition", {}, china), {
      partition: "aws-cn",
      dnsSuffix: "amazonaws.com.cn",
      reverseDnsSuffix: "cn.com.amazonaws",
      id: "aws-cn",
    });
    assert.equal(answerInvoke("aws:index/getRegion:getRegion", { region: "cn-northwest-1" }, ctx).endpoint, "ec2.cn-northwest-1.amazonaws.com.cn");
    const queue = answerInvoke("aws:sqs/getQueue:getQueue", { name: "jobs" }, china);
    assert.deepEqual([queue.url, queue.arn], ["https://sqs.cn-north-1.amazonaws.com.cn/111122223333/jobs", "arn:aws-cn:sqs:cn-north-1:111122223333:jobs"]);
    const bucket = answerInvoke("aws:s3/getBucket:getBucket", { bucket: "acme" }, china);
    assert.deepEqual([bucket.arn, bucket.bucketDomainName, bucket.bucketRegionalDomainName], ["arn:aws-cn:s3:::acme", "acme.s3.amazonaws.com.cn", "acme.s3.cn-north-1.amazonaws.com.cn"]);
    const gov = { region: "us-gov-west-1", accountId: "111122223333" };
    assert.equal(answerInvoke("aws:sns/getTopic:getTopic", { name: "audit" }, gov).arn, "arn:aws-us-gov:sns:us-gov-west-1:111122223333:audit");
    const fn = answerInvoke("aws:lambda/getFunction:getFunction", { functionName: "thumbs" }, gov);
    assert.deepEqual([fn.arn, fn.role], ["arn:aws-us-gov:lambda:us-gov-west-1:111122223333:function:thumbs", "arn:aws-us-gov:iam::111122223333:role/thumbs-role"]);
    assert.equal(fn.invokeArn, "arn:aws-us-gov:apigateway:us-gov-west-1:lambda:path/2015-03-31/functions/arn:aws-us-gov:lambda:us-gov-west-1:111122223333:function:thumbs/invocations");
  });

  it("names existing queues, topics and buckets in the stack's region and account", () => {
    const url = "https://sqs.eu-west-1.amazonaws.com/111122223333/jobs";
    assert.deepEqual(answerInvoke("aws:sqs/getQueue:getQueue", { name: "jobs" }, ctx), {
      name: "jobs",
      url,
      id: url,
      arn: "arn:aws:sqs:eu-west-1:111122223333:jobs",
      tags: {},
      region: "eu-west-1",
    });
    assert.deepEqual(answerInvoke("aws:sns/getTopic:getTopic", { name: "alerts" }, ctx), {
      name: "alerts",
      arn: "arn:aws:sns:eu-west-1:111122223333:alerts",
      id: "arn:aws:sns:eu-west-1:111122223333:alerts",
      tags: {},
      region: "eu-west-1",
    });
    assert.deepEqual(answerInvoke("aws:s3/getBucket:getBucket", { bucket: "logs" }, ctx), {
      bucket: "logs",
      id: "logs",
      arn: "arn:aws:s3:::logs",
      region: "eu-west-1",
      bucketDomainName: "logs.s3.amazonaws.com",
      bucketRegionalDomainName: "logs.s3.eu-west-1.amazonaws.com",
      hostedZoneId: "Z3AQBSTGFYJSTF",
    });
  });

  it("names an existing function by its name or its ARN, at its qualifier or $LATEST", () => {
    const arn = "arn:aws:lambda:eu-west-1:111122223333:function:resize";
    const expected = (qualifier: string) => ({
      functionName: "resize",
      id: "resize",
      arn,
      qualifiedArn: `${arn}:${qualifier}`,
      invokeArn: `arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${arn}/invocations`,
      role: "arn:aws:iam::111122223333:role/resize-role",
      runtime: "nodejs20.x",
      handler: "index.handler",
      timeout: 3,
      memorySize: 128,
      version: qualifier,
      region: "eu-west-1",
    });
    assert.deepEqual(answerInvoke("aws:lambda/getFunction:getFunction", { functionName: "resize" }, ctx), expected("$LATEST"));
    assert.deepEqual(answerInvoke("aws:lambda/getFunction:getFunction", { functionName: arn, qualifier: "live" }, ctx), expected("live"));
  });

  it("reads every form of function name Lambda takes: name, partial ARN, ARN, each with a qualifier", () => {
    const fn = (functionName: string, inputs: Record<string, unknown> = {}) => answerInvoke("aws:lambda/getFunction:getFunction", { functionName, ...inputs }, ctx);
    assert.equal(fn("resize:live").qualifiedArn, "arn:aws:lambda:eu-west-1:111122223333:function:resize:live");
    assert.equal(fn("999988887777:function:resize").arn, "arn:aws:lambda:eu-west-1:999988887777:function:resize");
    assert.equal(fn("999988887777:function:resize:7").qualifiedArn, "arn:aws:lambda:eu-west-1:999988887777:function:resize:7");
    assert.equal(fn("arn:aws:lambda:eu-west-1:111122223333:function:resize:live").qualifiedArn, "arn:aws:lambda:eu-west-1:111122223333:function:resize:live");
    assert.equal(fn("resize:live", { qualifier: "v2" }).qualifiedArn, "arn:aws:lambda:eu-west-1:111122223333:function:resize:v2", "the qualifier input wins");
    assert.equal(fn("arn:aws:lambda").functionName, "arn", "too short for an ARN: read as a name");
    assert.equal(fn("999988887777:function").functionName, "999988887777", "too short for a partial ARN: read as a name");
    assert.equal(fn("xrn:aws:lambda:us-east-2:999988887777:function:f").arn, "arn:aws:lambda:eu-west-1:111122223333:function:xrn", "not an ARN");
  });

  it("answers a function named by ARN in another account or region with that function's ARN, not the stack's", () => {
    const other = "arn:aws:lambda:us-east-2:999988887777:function:thumbs";
    const fn = answerInvoke("aws:lambda/getFunction:getFunction", { functionName: other }, ctx);
    assert.equal(fn.arn, other);
    assert.equal(fn.qualifiedArn, `${other}:$LATEST`);
    assert.equal(fn.invokeArn, `arn:aws:apigateway:us-east-2:lambda:path/2015-03-31/functions/${other}/invocations`);
    assert.equal(fn.role, "arn:aws:iam::999988887777:role/thumbs-role");
    assert.equal(fn.region, "us-east-2");
  });

  it("renders getPolicyDocument's json, minifiedJson and id, keeping its inputs", () => {
    const statements = [{ actions: ["sqs:SendMessage"], resources: ["*"] }];
    const doc = answerInvoke("aws:iam/getPolicyDocument:getPolicyDocument", { statements }, ctx);
    assert.equal(doc.minifiedJson, '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"*"}]}');
    assert.match(String(doc.id), /^\d+$/);
    assert.equal(doc.version, "2012-10-17");
    assert.deepEqual(doc.statements, statements);
    assert.equal(answerInvoke("aws:iam/getPolicyDocument:getPolicyDocument", { statements, version: "2008-10-17" }, ctx).version, "2008-10-17");
  });

  it("refuses, naming the token and every data source it answers, one it does not answer", () => {
    assert.deepEqual(ANSWERED_INVOKES, [
      "aws:index/getCallerIdentity:getCallerIdentity",
      "aws:index/getPartition:getPartition",
      "aws:index/getRegion:getRegion",
      "aws:iam/getPolicyDocument:getPolicyDocument",
      "aws:s3/getBucket:getBucket",
      "aws:sqs/getQueue:getQueue",
      "aws:sns/getTopic:getTopic",
      "aws:lambda/getFunction:getFunction",
    ]);
    assert.throws(
      () => answerInvoke("aws:ec2/getVpc:getVpc", {}, ctx),
      (e: Error) =>
        e instanceof UnansweredInvokeError &&
        e.token === "aws:ec2/getVpc:getVpc" &&
        e.message ===
          "the offline preview cannot answer the data source `aws:ec2/getVpc:getVpc`; it answers `getCallerIdentity`, `getPartition`, " +
            "`getRegion`, `getPolicyDocument`, `getBucket`, `getQueue`, `getTopic`, `getFunction`",
    );
  });

  it("refuses one missing the name it needs, or given an empty one", () => {
    const needs = (token: string, key: string, inputs: Record<string, unknown>) =>
      assert.throws(
        () => answerInvoke(token, inputs, ctx),
        (e: Error) => e instanceof UnansweredInvokeError && e.message === `the offline preview cannot answer the data source \`${token}\`: it needs a \`${key}\` string`,
      );
    needs("aws:sqs/getQueue:getQueue", "name", {});
    needs("aws:sqs/getQueue:getQueue", "name", { name: "" });
    needs("aws:sns/getTopic:getTopic", "name", { name: 1 });
    needs("aws:s3/getBucket:getBucket", "bucket", {});
    needs("aws:lambda/getFunction:getFunction", "functionName", {});
  });
});
