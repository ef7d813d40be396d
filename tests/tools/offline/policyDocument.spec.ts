import { strict as assert } from "assert";
import { crc32 } from "zlib";
import { renderPolicyDocument } from "../../../tools/offline/policyDocument";

describe("getPolicyDocument, rendered as the AWS provider renders it", () => {
  it("writes one value as itself, sorts longer action lists in reverse but keeps condition values in order", () => {
    const { json, minifiedJson, id } = renderPolicyDocument({
      statements: [
        {
          actions: ["sqs:SendMessage", "sqs:GetQueueUrl"],
          resources: ["arn:aws:sqs:us-east-1:123456789012:jobs"],
          principals: [{ type: "Service", identifiers: ["s3.amazonaws.com"] }],
          conditions: [
            { test: "StringEquals", variable: "aws:SourceAccount", values: ["123456789012"] },
            { test: "ArnLike", variable: "aws:SourceArn", values: ["arn:aws:s3:::a", "arn:aws:s3:::b"] },
          ],
        },
      ],
    });
    assert.equal(
      minifiedJson,
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["sqs:SendMessage","sqs:GetQueueUrl"],' +
        '"Resource":"arn:aws:sqs:us-east-1:123456789012:jobs","Principal":{"Service":"s3.amazonaws.com"},' +
        '"Condition":{"ArnLike":{"aws:SourceArn":["arn:aws:s3:::a","arn:aws:s3:::b"]},"StringEquals":{"aws:SourceAccount":"123456789012"}}}]}',
    );
    assert.equal(json, JSON.stringify(JSON.parse(minifiedJson), null, 2));
    assert.equal(id, String(crc32(json)));
  });

  it("leaves out an empty statement list", () => {
    assert.equal(renderPolicyDocument({}).minifiedJson, '{"Version":"2012-10-17"}');
  });

  it("writes a lone `*` principal of type `*` as \"*\", and other principals by type", () => {
    const doc = (principals: { type: string; identifiers: string[] }[]) =>
      JSON.parse(renderPolicyDocument({ statements: [{ effect: "Deny", actions: ["sqs:*"], principals }] }).json).Statement[0].Principal;
    assert.equal(doc([{ type: "*", identifiers: ["*"] }]), "*");
    assert.deepEqual(doc([{ type: "AWS", identifiers: ["*"] }]), { AWS: "*" });
    assert.deepEqual(doc([{ type: "Service", identifiers: ["sns.amazonaws.com", "s3.amazonaws.com"] }, { type: "AWS", identifiers: ["arn:aws:iam::1:root"] }]), {
      AWS: "arn:aws:iam::1:root",
      Service: ["sns.amazonaws.com", "s3.amazonaws.com"],
    });
  });

  it("puts source documents first and lets statements, then overrides, replace those with the same Sid", () => {
    const source = JSON.stringify({ Statement: [{ Sid: "Keep", Effect: "Allow", Action: "s3:GetObject" }, { Sid: "Mine", Effect: "Allow", Action: "s3:*" }] });
    const override = JSON.stringify({ Statement: [{ Sid: "Keep", Effect: "Deny", Action: "s3:GetObject" }] });
    const doc = JSON.parse(
      renderPolicyDocument({ policyId: "p1", sourcePolicyDocuments: [source], overridePolicyDocuments: [override], statements: [{ sid: "Mine", actions: ["s3:PutObject"] }] }).json,
    );
    assert.equal(doc.Id, "p1");
    assert.deepEqual(doc.Statement, [
      { Sid: "Keep", Effect: "Deny", Action: "s3:GetObject" },
      { Sid: "Mine", Effect: "Allow", Action: "s3:PutObject" },
    ]);
  });

  it("escapes <, > and & as Go's encoder does, and rejects a source document that is not JSON", () => {
    assert.match(renderPolicyDocument({ statements: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::a/<&>"] }] }).json, /a\/\\u003c\\u0026\\u003e/);
    assert.throws(() => renderPolicyDocument({ sourcePolicyDocuments: ["{"] }), /getPolicyDocument: `sourcePolicyDocuments` is not JSON/);
  });

  it("leaves out empty lists of actions, resources, principals and conditions, and an empty Sid or policy id", () => {
    const doc = renderPolicyDocument({
      policyId: "",
      statements: [{ sid: "", actions: [], notActions: ["s3:*"], resources: [], notResources: ["*"], principals: [], notPrincipals: [], conditions: [] }],
    });
    assert.equal(doc.minifiedJson, '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"s3:*","NotResource":"*"}]}');
    assert.equal(renderPolicyDocument({ version: "2008-10-17" }).minifiedJson, '{"Version":"2008-10-17"}');
  });

  it("keeps a `*` type only as \"*\" when it is the lone principal with the lone identifier `*`", () => {
    const principal = (principals: { type: string; identifiers: string[] }[]) =>
      JSON.stringify(JSON.parse(renderPolicyDocument({ statements: [{ principals }] }).json).Statement[0].Principal);
    assert.equal(principal([{ type: "*", identifiers: ["*", "arn:aws:iam::1:root"] }]), '{"*":["arn:aws:iam::1:root","*"]}');
    assert.equal(principal([{ type: "*", identifiers: ["arn:aws:iam::1:root"] }]), '{"*":"arn:aws:iam::1:root"}');
    assert.equal(principal([{ type: "*", identifiers: ["*"] }, { type: "AWS", identifiers: ["arn:aws:iam::1:root"] }]), '{"*":"*","AWS":"arn:aws:iam::1:root"}');
    // Types sorted, identifiers of one type gathered and sorted in reverse.
    assert.equal(
      principal([
        { type: "Service", identifiers: ["s3.amazonaws.com"] },
        { type: "AWS", identifiers: ["arn:aws:iam::1:root"] },
        { type: "Service", identifiers: ["sns.amazonaws.com"] },
      ]),
      '{"AWS":"arn:aws:iam::1:root","Service":["s3.amazonaws.com","sns.amazonaws.com"]}',
    );
  });

  it("replaces only a statement with the same non-empty Sid, where it stands", () => {
    const source = JSON.stringify({
      Statement: [{ Sid: "A", Action: "a" }, { Action: "none-1" }, { Sid: "", Action: "empty-1" }, { Sid: "B", Action: "b" }, { Sid: "C", Action: "c" }],
    });
    const override = JSON.stringify({ Statement: [{ Action: "none-2" }, { Sid: "", Action: "empty-2" }, { Sid: "B", Action: "b2" }] });
    const doc = JSON.parse(renderPolicyDocument({ sourcePolicyDocuments: [source], overridePolicyDocuments: [override] }).json);
    assert.deepEqual(
      doc.Statement.map((s: { Action: string }) => s.Action),
      ["a", "none-1", "empty-1", "b2", "c", "none-2", "empty-2"],
    );
    const single = JSON.stringify({ Statement: { Sid: "A", Action: "one" } });
    assert.deepEqual(JSON.parse(renderPolicyDocument({ sourcePolicyDocuments: [single] }).json).Statement, [{ Sid: "A", Action: "one" }]);
    assert.equal(renderPolicyDocument({ sourcePolicyDocuments: ["{}"] }).minifiedJson, '{"Version":"2012-10-17"}');
  });

  it("names the field of a document that is not JSON", () => {
    assert.throws(() => renderPolicyDocument({ overridePolicyDocuments: ["nope"] }), /^Error: getPolicyDocument: `overridePolicyDocuments` is not JSON: /);
  });
});
