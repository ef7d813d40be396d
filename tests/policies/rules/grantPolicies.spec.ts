import { strict as assert } from "assert";
import { deniesInsecureTransport, statementsOf, unscopedGrants } from "../../../policies/rules/grantPolicies";
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
