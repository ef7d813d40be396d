import { strict as assert } from "assert";
import { answerInvoke, UnansweredInvokeError } from "../../../tools/offline/invokes";

const ctx = { region: "eu-west-1", accountId: "111122223333" };

describe("data sources answered offline", () => {
  it("names existing queues, topics, buckets and functions in the stack's region and account", () => {
    const queue = answerInvoke("aws:sqs/getQueue:getQueue", { name: "jobs" }, ctx);
    assert.equal(queue.arn, "arn:aws:sqs:eu-west-1:111122223333:jobs");
    assert.equal(queue.url, "https://sqs.eu-west-1.amazonaws.com/111122223333/jobs");
    assert.equal(answerInvoke("aws:sns/getTopic:getTopic", { name: "alerts" }, ctx).arn, "arn:aws:sns:eu-west-1:111122223333:alerts");
    assert.equal(answerInvoke("aws:s3/getBucket:getBucket", { bucket: "logs" }, ctx).arn, "arn:aws:s3:::logs");
    const fn = answerInvoke("aws:lambda/getFunction:getFunction", { functionName: "arn:aws:lambda:eu-west-1:111122223333:function:resize" }, ctx);
    assert.equal(fn.functionName, "resize");
    assert.equal(fn.qualifiedArn, "arn:aws:lambda:eu-west-1:111122223333:function:resize:$LATEST");
    assert.equal(answerInvoke("aws:index/getCallerIdentity:getCallerIdentity", {}, ctx).accountId, "111122223333");
    assert.equal(answerInvoke("aws:index/getRegion:getRegion", {}, ctx).name, "eu-west-1");
    assert.equal(answerInvoke("aws:index/getPartition:getPartition", {}, ctx).partition, "aws");
  });

  it("renders getPolicyDocument's json, minifiedJson and id", () => {
    const doc = answerInvoke("aws:iam/getPolicyDocument:getPolicyDocument", { statements: [{ actions: ["sqs:SendMessage"], resources: ["*"] }] }, ctx);
    assert.equal(doc.minifiedJson, '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"*"}]}');
    assert.match(String(doc.id), /^\d+$/);
  });

  it("refuses, naming the token, a data source it does not answer or one missing its name", () => {
    assert.throws(
      () => answerInvoke("aws:ec2/getVpc:getVpc", {}, ctx),
      (e: Error) => e instanceof UnansweredInvokeError && /cannot answer the data source `aws:ec2\/getVpc:getVpc`; it answers `getCallerIdentity`/.test(e.message),
    );
    assert.throws(() => answerInvoke("aws:sqs/getQueue:getQueue", {}, ctx), /`aws:sqs\/getQueue:getQueue`: it needs a `name` string/);
  });
});
