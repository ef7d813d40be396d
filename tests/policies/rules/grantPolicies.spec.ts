import { strict as assert } from "assert";
import { deniesInsecureTransport, s3DestinationGrantScoped, s3DestinationTlsOnly, statementsOf, unscopedGrants } from "../../../policies/rules/grantPolicies";
import { checkResource } from "../support";
import { policyDocument, serviceGrantStatement, denyInsecureTransportStatement } from "../../../components/policyDocuments";

describe("grant policies", () => {
  const scoped = serviceGrantStatement({
    sid: "AllowS3",
    service: "s3.amazonaws.com",
    actions: ["sqs:SendMessage"],
    resourceArn: "arn:aws:sqs:us-east-1:1:q",
    sourceArn: "arn:aws:s3:::b",
    sourceAccount: "1",
  });

  it("accepts what the components write", () => {
    const statements = statementsOf(JSON.stringify(policyDocument([scoped, denyInsecureTransportStatement("arn:aws:sqs:us-east-1:1:q", "sqs:*")])))!;
    assert.deepEqual(unscopedGrants(statements), []);
    assert.equal(deniesInsecureTransport(statements), true);
  });

  it("names each missing condition", () => {
    const { Condition: _c, ...bare } = scoped;
    assert.deepEqual(unscopedGrants([bare]), [
      "statement `AllowS3` allows s3.amazonaws.com without `aws:SourceArn` and `aws:SourceAccount`, so any bucket in any account can send to it",
    ]);
    assert.deepEqual(unscopedGrants([{ ...scoped, Condition: { ArnLike: { "aws:SourceArn": "arn:aws:s3:::b" } } }]), [
      "statement `AllowS3` allows s3.amazonaws.com without `aws:SourceAccount`, so any bucket in any account can send to it",
    ]);
  });

  it("rejects an Allow to anyone without conditions", () => {
    assert.equal(unscopedGrants([{ Effect: "Allow", Principal: "*", Action: "sqs:*", Resource: "*" }]).length, 1);
    assert.equal(unscopedGrants([{ Effect: "Allow", Principal: { AWS: "*" }, Action: "sqs:*", Resource: "*" }]).length, 1);
  });

  it("reads documents leniently: objects, strings, a single statement, garbage", () => {
    assert.equal(statementsOf({ Statement: scoped })?.length, 1);
    assert.equal(statementsOf("not json"), undefined);
    assert.equal(statementsOf(42), undefined);
  });
});

describe("s3-destination-grant-scoped on each supported type", () => {
  const bare = { Statement: [{ Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sqs:SendMessage", Resource: "*" }] };

  it("rejects a Lambda permission for S3 without sourceArn or sourceAccount, in both libraries", () => {
    const scoped = { principal: "s3.amazonaws.com", sourceArn: "arn:aws:s3:::b", sourceAccount: "1" };
    for (const type of ["aws:lambda/permission:Permission", "aws-native:lambda:Permission"]) {
      assert.deepEqual(checkResource(s3DestinationGrantScoped, type, scoped), []);
      const [v] = checkResource(s3DestinationGrantScoped, type, { ...scoped, sourceAccount: undefined });
      assert.match(v.message, /must set `sourceAccount` \(the bucket owner's account\)/);
    }
    assert.deepEqual(checkResource(s3DestinationGrantScoped, "aws:lambda/permission:Permission", { principal: "sns.amazonaws.com" }), []);
  });

  it("reads policies as JSON strings or objects, on policy resources and on queues and topics themselves", () => {
    const cases: [string, string, unknown][] = [
      ["aws:sqs/queuePolicy:QueuePolicy", "policy", JSON.stringify(bare)],
      ["aws:sns/topicPolicy:TopicPolicy", "policy", JSON.stringify(bare)],
      ["aws:sqs/queue:Queue", "policy", JSON.stringify(bare)],
      ["aws:sns/topic:Topic", "policy", JSON.stringify(bare)],
      ["aws-native:sqs:QueuePolicy", "policyDocument", bare],
      ["aws-native:sns:TopicPolicy", "policyDocument", bare],
    ];
    for (const [type, field, policy] of cases) {
      assert.equal(checkResource(s3DestinationGrantScoped, type, { [field]: policy }).length, 1, type);
      assert.equal(checkResource(s3DestinationTlsOnly, type, { [field]: policy }).length, 1, type);
    }
  });
});
