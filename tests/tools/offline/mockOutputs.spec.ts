import { strict as assert } from "assert";
import { mockOutputs, mockState } from "../../../tools/offline/mockOutputs";
import { UNKNOWN } from "../../../tools/offline/unknowns";

const AT = { region: "eu-west-1", accountId: "123456789012" };
const out = (type: string, name: string, inputs: Record<string, unknown> = {}) => mockOutputs(type, name, inputs, AT);

describe("the offline engine's answers for new resources", () => {
  describe("mockState: what a first preview can know", () => {
    it("a first preview: names, inputs and defaults known; what AWS computes on create, and the id, unknown", () => {
      assert.deepEqual(mockState("aws:sqs/queue:Queue", "q", { delaySeconds: 0 }, { ...AT, preview: true }), {
        id: undefined,
        state: { delaySeconds: 0, region: "eu-west-1", name: "q-0a1b2c3", visibilityTimeoutSeconds: 30, arn: UNKNOWN.string, url: UNKNOWN.string },
      });
    });

    it("an update: every output known", () => {
      const url = "https://sqs.eu-west-1.amazonaws.com/123456789012/q-0a1b2c3";
      assert.deepEqual(mockState("aws:sqs/queue:Queue", "q", {}, { ...AT, preview: false }), {
        id: url,
        state: { region: "eu-west-1", name: "q-0a1b2c3", visibilityTimeoutSeconds: 30, arn: "arn:aws:sqs:eu-west-1:123456789012:q-0a1b2c3", url },
      });
    });
  });

  describe("mockOutputs: shaped like AWS's, in the stack's region and account", () => {
    it("a bucket, autonamed as Pulumi does, or named by its input, in its own region if given", () => {
      for (const type of ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"]) {
        assert.deepEqual(out(type, "b"), {
          known: { region: "eu-west-1", bucket: "b-0a1b2c3" },
          computed: { arn: "arn:aws:s3:::b-0a1b2c3", bucketDomainName: "b-0a1b2c3.s3.amazonaws.com", bucketRegionalDomainName: "b-0a1b2c3.s3.eu-west-1.amazonaws.com" },
          id: "b-0a1b2c3",
        });
      }
      const named = out("aws:s3/bucket:Bucket", "b", { bucket: "uploads", region: "us-east-2" });
      assert.deepEqual(named.known, { bucket: "uploads", region: "us-east-2" });
      assert.equal(named.computed.bucketRegionalDomainName, "uploads.s3.us-east-2.amazonaws.com");
      assert.equal(named.id, "uploads");
    });

    it("a queue: a FIFO queue's name ends in .fifo, the visibility timeout defaults to 30 s", () => {
      assert.equal(out("aws:sqs/queue:Queue", "q", { fifoQueue: true }).known.name, "q-0a1b2c3.fifo");
      assert.equal(out("aws:sqs/queue:Queue", "q", { fifoQueue: true, name: "jobs.fifo" }).known.name, "jobs.fifo");
      assert.equal(out("aws:sqs/queue:Queue", "q", { fifoQueue: true, name: "jobs" }).known.name, "jobs.fifo");
      assert.equal(out("aws:sqs/queue:Queue", "q", { fifoQueue: false, name: "jobs" }).known.name, "jobs");
      assert.equal(out("aws:sqs/queue:Queue", "q", { visibilityTimeoutSeconds: 360 }).known.visibilityTimeoutSeconds, 360);
      assert.deepEqual(out("aws:sqs/queue:Queue", "q", { name: "jobs" }).computed, {
        arn: "arn:aws:sqs:eu-west-1:123456789012:jobs",
        url: "https://sqs.eu-west-1.amazonaws.com/123456789012/jobs",
      });
    });

    it("a topic", () => {
      assert.deepEqual(out("aws:sns/topic:Topic", "t"), {
        known: { region: "eu-west-1", name: "t-0a1b2c3" },
        computed: { arn: "arn:aws:sns:eu-west-1:123456789012:t-0a1b2c3" },
        id: "arn:aws:sns:eu-west-1:123456789012:t-0a1b2c3",
      });
    });

    it("a function: the timeout defaults to 3 s", () => {
      const arn = "arn:aws:lambda:eu-west-1:123456789012:function:f-0a1b2c3";
      assert.deepEqual(out("aws:lambda/function:Function", "f"), {
        known: { region: "eu-west-1", name: "f-0a1b2c3", timeout: 3 },
        computed: {
          arn,
          qualifiedArn: `${arn}:$LATEST`,
          invokeArn: `arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${arn}/invocations`,
          version: "$LATEST",
        },
        id: "f-0a1b2c3",
      });
      assert.equal(out("aws:lambda/function:Function", "f", { timeout: 60 }).known.timeout, 60);
    });

    it("names a topic, a function, a role and a rule by their `name` input when given", () => {
      for (const type of ["aws:sns/topic:Topic", "aws:lambda/function:Function", "aws:iam/role:Role", "aws:cloudwatch/eventRule:EventRule"]) {
        assert.equal(out(type, "x", { name: "given" }).known.name, "given", type);
      }
    });

    it("a role, a key and an EventBridge rule", () => {
      assert.deepEqual(out("aws:iam/role:Role", "r"), {
        known: { region: "eu-west-1", name: "r-0a1b2c3" },
        computed: { arn: "arn:aws:iam::123456789012:role/r-0a1b2c3", uniqueId: "AROAR" },
        id: "r-0a1b2c3",
      });
      assert.deepEqual(out("aws:kms/key:Key", "k"), {
        known: { region: "eu-west-1" },
        computed: { keyId: "k-key-id", arn: "arn:aws:kms:eu-west-1:123456789012:key/k-key-id" },
        id: "k-key-id",
      });
      assert.deepEqual(out("aws:cloudwatch/eventRule:EventRule", "e"), {
        known: { region: "eu-west-1", name: "e-0a1b2c3" },
        computed: { arn: "arn:aws:events:eu-west-1:123456789012:rule/e-0a1b2c3" },
        id: "e-0a1b2c3",
      });
    });

    it("in China and GovCloud: each ARN in the region's partition, each URL and domain in its domain", () => {
      const china = (type: string, name: string, inputs: Record<string, unknown> = {}) => mockOutputs(type, name, inputs, { region: "cn-north-1", accountId: "123456789012" });
      assert.deepEqual(china("aws:s3/bucket:Bucket", "b", { bucket: "acme" }).computed, {
        arn: "arn:aws-cn:s3:::acme",
        bucketDomainName: "acme.s3.amazonaws.com.cn",
        bucketRegionalDomainName: "acme.s3.cn-north-1.amazonaws.com.cn",
      });
      assert.deepEqual(china("aws:sqs/queue:Queue", "q", { name: "jobs" }).computed, { arn: "arn:aws-cn:sqs:cn-north-1:123456789012:jobs", url: "https://sqs.cn-north-1.amazonaws.com.cn/123456789012/jobs" });
      assert.equal(china("aws:sns/topic:Topic", "t", { name: "audit" }).computed.arn, "arn:aws-cn:sns:cn-north-1:123456789012:audit");
      const fn = china("aws:lambda/function:Function", "f", { name: "thumbs" }).computed;
      assert.deepEqual([fn.arn, fn.invokeArn], [
        "arn:aws-cn:lambda:cn-north-1:123456789012:function:thumbs",
        "arn:aws-cn:apigateway:cn-north-1:lambda:path/2015-03-31/functions/arn:aws-cn:lambda:cn-north-1:123456789012:function:thumbs/invocations",
      ]);
      assert.equal(china("aws:iam/role:Role", "r", { name: "runner" }).computed.arn, "arn:aws-cn:iam::123456789012:role/runner");
      assert.equal(china("aws:kms/key:Key", "k").computed.arn, "arn:aws-cn:kms:cn-north-1:123456789012:key/k-key-id");
      assert.equal(china("aws:cloudwatch/eventRule:EventRule", "e", { name: "rule" }).computed.arn, "arn:aws-cn:events:cn-north-1:123456789012:rule/rule");
      assert.equal(china("custom", "x").computed.arn, "arn:aws-cn:unknown:cn-north-1:123456789012:x");
      assert.equal(out("aws:sqs/queue:Queue", "q", { name: "jobs", region: "us-gov-east-1" }).computed.arn, "arn:aws-us-gov:sqs:us-gov-east-1:123456789012:jobs", "a resource's own region decides");
    });

    it("any other resource: an ARN of its service, unless an `arn` input names another resource", () => {
      assert.deepEqual(out("aws:sqs/queuePolicy:QueuePolicy", "qp", { queueUrl: "u" }), {
        known: { queueUrl: "u", region: "eu-west-1" },
        computed: { arn: "arn:aws:sqs:eu-west-1:123456789012:qp" },
        id: "qp-id",
      });
      assert.deepEqual(out("aws:cloudwatch/eventTarget:EventTarget", "t", { arn: "arn:aws:sqs:eu-west-1:123456789012:q" }).computed, {});
      assert.equal(out("custom", "x").computed.arn, "arn:aws:unknown:eu-west-1:123456789012:x");
    });
  });
});
