import { strict as assert } from "assert";
import { permissionDocument, readDocument } from "../../../policies/grants/documents";
import { unknownAt } from "../../../policies/resources/unknowns";

const FN = "arn:aws:lambda:us-east-1:111122223333:function:thumbs";
const statement = { Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sqs:SendMessage", Resource: "*" };

describe("policy documents", () => {
  describe("readDocument: a document from any library's property", () => {
    it("reads a JSON string and an object alike", () => {
      const document = { Version: "2012-10-17", Statement: [statement] };
      assert.deepEqual(readDocument(JSON.stringify(document)), document);
      assert.deepEqual(readDocument(document), document);
    });

    it("reads a single statement as a list of one, and keeps only a text Version", () => {
      assert.deepEqual(readDocument({ Statement: statement }), { Statement: [statement] });
      assert.deepEqual(readDocument({ Version: 2012, Statement: statement }), { Statement: [statement] });
    });

    it("keeps only statements that are objects", () => {
      assert.deepEqual(readDocument({ Statement: [statement, "Allow", null, [statement], 3] }), { Statement: [statement] });
    });

    it("holds no document when unset, empty, not JSON, not an object, or without a statement", () => {
      for (const value of [undefined, null, "", "{", "not json", "[]", "3", '"text"', "null", [statement], { Statement: [] }, { Statement: ["Allow"] }, {}]) {
        assert.equal(readDocument(value), undefined, JSON.stringify(value));
      }
    });

    it("throws the SDK's unknown-value error when any part of the value is unknown during preview", () => {
      const unknown = unknownAt("policy", "Statement");
      const value = { Statement: [statement], get Id() {
        throw unknown;
      } };
      assert.throws(() => readDocument(value), (e: unknown) => e === unknown);
    });
  });

  describe("permissionDocument: the statement Lambda writes for a permission", () => {
    it("writes a service principal's grant with each source condition Lambda adds", () => {
      assert.deepEqual(
        permissionDocument({ principal: "s3.amazonaws.com", action: "lambda:InvokeFunction", sourceArn: "arn:aws:s3:::acme", sourceAccount: "111122223333", principalOrgId: "o-abc" }, FN),
        {
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Principal: { Service: "s3.amazonaws.com" },
              Action: "lambda:InvokeFunction",
              Resource: FN,
              Condition: { ArnLike: { "AWS:SourceArn": "arn:aws:s3:::acme" }, StringEquals: { "AWS:SourceAccount": "111122223333", "aws:PrincipalOrgID": "o-abc" } },
            },
          ],
        },
      );
    });

    it("writes only the conditions that are set", () => {
      const condition = (fields: Record<string, unknown>) => permissionDocument({ principal: "s3.amazonaws.com", ...fields }, FN)?.Statement[0].Condition;
      assert.deepEqual(condition({ sourceAccount: "111122223333" }), { StringEquals: { "AWS:SourceAccount": "111122223333" } });
      assert.deepEqual(condition({ principalOrgId: "o-abc", sourceArn: "" }), { StringEquals: { "aws:PrincipalOrgID": "o-abc" } });
      assert.deepEqual(condition({ sourceArn: "arn:aws:s3:::acme" }), { ArnLike: { "AWS:SourceArn": "arn:aws:s3:::acme" } });
      assert.equal(condition({ sourceArn: "", sourceAccount: "" }), undefined);
      assert.equal("Condition" in permissionDocument({ principal: "s3.amazonaws.com" }, FN)!.Statement[0], false);
    });

    it("writes an account or ARN as an AWS principal, `*` as anyone, and InvokeFunction when no action is set", () => {
      const first = (principal: unknown, action?: unknown) => permissionDocument({ principal, action }, FN)?.Statement[0];
      assert.deepEqual(first("111122223333")?.Principal, { AWS: "111122223333" });
      assert.deepEqual(first("arn:aws:iam::111122223333:role/r")?.Principal, { AWS: "arn:aws:iam::111122223333:role/r" });
      assert.equal(first("*")?.Principal, "*");
      assert.equal(first("s3.amazonaws.com")?.Action, "lambda:InvokeFunction");
      assert.equal(first("s3.amazonaws.com", "")?.Action, "lambda:InvokeFunction");
      assert.equal(first("s3.amazonaws.com", "lambda:InvokeFunctionUrl")?.Action, "lambda:InvokeFunctionUrl");
    });

    it("writes nothing without a principal", () => {
      assert.equal(permissionDocument({ action: "lambda:InvokeFunction" }, FN), undefined);
      assert.equal(permissionDocument({ principal: "" }, FN), undefined);
      assert.equal(permissionDocument({ principal: 7 }, FN), undefined);
    });
  });
});
