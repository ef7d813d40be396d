import { strict as assert } from "assert";
import { arnName, parseArn } from "../../components/references";

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
