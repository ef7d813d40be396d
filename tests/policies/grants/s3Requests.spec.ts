import { strict as assert } from "assert";
import type { PolicyDocument } from "../../../policies/grants/documents";
import { bucketArn, confusedDeputyRequests, DELIVERY_ACTIONS, describeSource, namedAccounts, resourcesNamed, s3Request } from "../../../policies/grants/s3Requests";

const OWNER = "111122223333";
const QUEUE = `arn:aws:sqs:us-east-1:${OWNER}:ingest`;
const BUCKET = "arn:aws:s3:::acme-uploads";
const PROBE_BUCKET = "arn:aws:s3:::s3-notification-policies-probe-another-bucket";
const doc = (...Statement: Record<string, unknown>[]): PolicyDocument => ({ Version: "2012-10-17", Statement });
const scoped = (condition: Record<string, unknown>) => doc({ Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sqs:SendMessage", Resource: QUEUE, Condition: condition });

describe("the requests S3 makes", () => {
  it("names a bucket by its ARN", () => {
    assert.equal(bucketArn("acme-uploads"), BUCKET);
  });

  it("sends each kind's delivery action", () => {
    assert.deepEqual(DELIVERY_ACTIONS, { lambda: "lambda:InvokeFunction", sqs: "sqs:SendMessage", sns: "sns:Publish" });
  });

  it("is S3's service principal over TLS, with the bucket's ARN and owner, to the destination's account", () => {
    assert.deepEqual(s3Request("sqs", QUEUE, { bucketArn: BUCKET, account: OWNER }), {
      principal: "s3.amazonaws.com",
      action: "sqs:SendMessage",
      resource: QUEUE,
      resourceAccount: OWNER,
      context: {
        "aws:SecureTransport": "true",
        "aws:PrincipalServiceName": "s3.amazonaws.com",
        "aws:PrincipalIsAWSService": "true",
        "aws:SourceArn": BUCKET,
        "aws:SourceAccount": OWNER,
      },
    });
  });

  it("leaves out a source S3 would not send, and can go without TLS", () => {
    const request = s3Request("sns", `arn:aws:sns:us-east-1:${OWNER}:audit`, {}, false);
    assert.equal(request.action, "sns:Publish");
    assert.deepEqual(request.context, { "aws:SecureTransport": "false", "aws:PrincipalServiceName": "s3.amazonaws.com", "aws:PrincipalIsAWSService": "true" });
  });

  it("takes the destination's account from its ARN, or a probe account when the ARN has none", () => {
    assert.equal(s3Request("lambda", `arn:aws:lambda:us-east-1:${OWNER}:function:thumbs`, {}).resourceAccount, OWNER);
    assert.equal(s3Request("sqs", "arn:aws:sqs:us-east-1::ingest", {}).resourceAccount, "111111111111");
    assert.equal(s3Request("sqs", "arn:aws:sqs:us-east-1:1234:ingest", {}).resourceAccount, "111111111111");
    assert.equal(s3Request("sqs", "arn:aws:sqs:us-east-1:1111222233334:ingest", {}).resourceAccount, "111111111111");
    assert.equal(s3Request("sqs", "*", {}).resourceAccount, "111111111111");
  });

  it("describes a request for messages, naming what is absent", () => {
    assert.equal(describeSource({ bucketArn: BUCKET, account: OWNER }), `S3 sending from \`${BUCKET}\` in account \`${OWNER}\``);
    assert.equal(describeSource({}), "S3 sending from a bucket with no `aws:SourceAccount`");
  });

  describe("what a document names", () => {
    it("reads the accounts its conditions compare aws:SourceAccount with, any operator, any key case, only real account ids", () => {
      const document = doc(
        { Effect: "Allow", Condition: { StringEquals: { "AWS:SourceAccount": [OWNER, "444455556666"] } } },
        { Effect: "Deny", Condition: { StringNotEquals: { "aws:sourceaccount": "777788889999" }, StringLike: { "aws:SourceAccount": ["1111*", "a11112222333", "1111222233334"] } } },
        { Effect: "Allow", Condition: { StringEquals: { "aws:SourceOwner": "555566667777", "aws:SourceAccount": OWNER } } },
      );
      assert.deepEqual(namedAccounts(document), [OWNER, "444455556666", "777788889999"]);
    });

    it("skips conditions and blocks that are not objects", () => {
      const document = doc({ Condition: "StringEquals" }, { Condition: null }, { Condition: 7 }, { Condition: { StringEquals: null, Bool: "true", StringLike: { "aws:SourceAccount": OWNER } } });
      assert.deepEqual(namedAccounts(document), [OWNER]);
    });

    it("reads the destinations its statements name for the kind, wildcards filled in, at most four", () => {
      const document = doc(
        { Resource: [QUEUE, `arn:aws:sqs:us-east-1:${OWNER}:ingest-*`, `arn:aws:sns:us-east-1:${OWNER}:audit`] },
        { Resource: QUEUE },
        { Resource: `arn:aws:sqs:us-east-1:${OWNER}:q?` },
      );
      assert.deepEqual(resourcesNamed(document, "sqs"), [QUEUE, `arn:aws:sqs:us-east-1:${OWNER}:ingest-probe`, `arn:aws:sqs:us-east-1:${OWNER}:qp`]);
      assert.deepEqual(resourcesNamed(document, "sns"), [`arn:aws:sns:us-east-1:${OWNER}:audit`]);
      assert.deepEqual(resourcesNamed(doc({ Resource: [`arn:aws-us-gov:sns:us-gov-west-1:${OWNER}:audit`, `x-arn:aws:sns:us-east-1:${OWNER}:x`] }), "sns"), [`arn:aws-us-gov:sns:us-gov-west-1:${OWNER}:audit`]);
      const many = doc({ Resource: ["a", "b", "c", "d", "e"].map((n) => `arn:aws:sqs:us-east-1:${OWNER}:${n}`) });
      assert.deepEqual(resourcesNamed(many, "sqs"), ["a", "b", "c", "d"].map((n) => `arn:aws:sqs:us-east-1:${OWNER}:${n}`));
    });

    it("stands in a probe destination when it names none of the kind (`*`, or only other services)", () => {
      assert.deepEqual(resourcesNamed(doc({ Resource: "*" }), "lambda"), ["arn:aws:lambda:us-east-1:111111111111:function:probe"]);
      assert.deepEqual(resourcesNamed(doc({ Resource: QUEUE }), "sns"), ["arn:aws:sns:us-east-1:111111111111:probe"]);
      assert.deepEqual(resourcesNamed(doc({}), "sqs"), ["arn:aws:sqs:us-east-1:111111111111:probe"]);
    });
  });

  describe("the confused deputy's requests", () => {
    const described = (document: PolicyDocument) => confusedDeputyRequests(document, "sqs", QUEUE).map((r) => r.description);

    it("come from another bucket in the owner's account, from the bucket in another account, and with no account", () => {
      const requests = confusedDeputyRequests(scoped({ ArnLike: { "aws:SourceArn": BUCKET }, StringEquals: { "aws:SourceAccount": OWNER } }), "sqs", QUEUE);
      assert.deepEqual(
        requests.map((r) => r.description),
        [
          `S3 sending from \`${PROBE_BUCKET}\` in account \`${OWNER}\` (another bucket)`,
          `S3 sending from \`${BUCKET}\` in account \`999999999999\` (another account)`,
          `S3 sending from \`${BUCKET}\` with no \`aws:SourceAccount\` (no \`aws:SourceAccount\`)`,
        ],
      );
      assert.deepEqual(requests[0].request, s3Request("sqs", QUEUE, { bucketArn: PROBE_BUCKET, account: OWNER }));
      assert.deepEqual(requests[2].request, s3Request("sqs", QUEUE, { bucketArn: BUCKET }));
    });

    it("probe from the destination's account and a probe bucket when the document names neither", () => {
      assert.deepEqual(described(scoped({})), [
        `S3 sending from \`${PROBE_BUCKET}\` in account \`${OWNER}\` (another bucket)`,
        `S3 sending from \`${PROBE_BUCKET}\` in account \`999999999999\` (another account)`,
        `S3 sending from \`${PROBE_BUCKET}\` with no \`aws:SourceAccount\` (no \`aws:SourceAccount\`)`,
      ]);
    });

    it("come from an account the document does not name, and fill in the wildcards of the buckets it names", () => {
      const requests = described(scoped({ ArnLike: { "aws:SourceArn": "arn:aws:s3:::acme-*" }, StringEquals: { "aws:SourceAccount": ["999999999999", "1111*"] } }));
      assert.deepEqual(requests, [
        `S3 sending from \`${PROBE_BUCKET}\` in account \`999999999999\` (another bucket)`,
        "S3 sending from `arn:aws:s3:::acme-probe` in account `888888888888` (another account)",
        "S3 sending from `arn:aws:s3:::acme-probe` with no `aws:SourceAccount` (no `aws:SourceAccount`)",
      ]);
      // When the document names both probe accounts, the first stands in.
      assert.match(described(scoped({ StringEquals: { "aws:SourceAccount": ["999999999999", "888888888888"] } }))[2], /in account `999999999999` \(another account\)/);
    });

    it("try at most four of the accounts and buckets a document names", () => {
      const accounts = ["100000000001", "100000000002", "100000000003", "100000000004", "100000000005"];
      const buckets = ["a", "b", "c", "d", "e"].map((name) => bucketArn(name));
      const requests = described(scoped({ ArnLike: { "aws:SourceArn": buckets }, StringEquals: { "aws:SourceAccount": accounts } }));
      assert.equal(requests.length, 4 + 4 + 4);
      assert.deepEqual(requests.slice(0, 4).map((d) => /account `(\d+)`/.exec(d)?.[1]), accounts.slice(0, 4));
      assert.deepEqual(requests.slice(4, 8).map((d) => /from `([^`]+)`/.exec(d)?.[1]), buckets.slice(0, 4));
    });
  });
});
