// The stand-in AWS provider's own promises: what the README says it models, and the policy
// documents it renders as the real provider does.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { invokes } from "./standInAws/invokes";
import { renderPolicyDocument } from "./standInAws/policyDocument";
import { resourceTypes } from "./standInAws/resourceTypes";
import { repoRoot } from "../../tools/engine/workspace";

describe("the stand-in AWS provider", () => {
  it("models exactly as many resource types and data sources as the README says", () => {
    const readme = fs.readFileSync(path.join(repoRoot, "README.md"), "utf8");
    const m = /the (\d+) resource types and (\d+) data sources we use/.exec(readme);
    assert.ok(m, "README names the counts");
    assert.equal(Number(m[1]), Object.keys(resourceTypes).length);
    assert.equal(Number(m[2]), Object.keys(invokes).length);
  });

  it("renders getPolicyDocument like terraform: single values collapse, `*` principals become \"*\", conditions group by test", () => {
    const { json, minifiedJson } = renderPolicyDocument({
      statements: [
        {
          sid: "S3",
          actions: ["sqs:SendMessage"],
          resources: ["arn:aws:sqs:us-east-1:123456789012:q"],
          principals: [{ type: "Service", identifiers: ["s3.amazonaws.com"] }],
          conditions: [
            { test: "ArnLike", variable: "aws:SourceArn", values: ["arn:aws:s3:::b"] },
            { test: "StringEquals", variable: "aws:SourceAccount", values: ["123456789012", "210987654321"] },
          ],
        },
        { effect: "Deny", actions: ["sqs:*"], resources: ["*"], principals: [{ type: "*", identifiers: ["*"] }] },
      ],
    });
    assert.deepEqual(JSON.parse(json), {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "S3",
          Effect: "Allow",
          Action: "sqs:SendMessage",
          Resource: "arn:aws:sqs:us-east-1:123456789012:q",
          Principal: { Service: "s3.amazonaws.com" },
          Condition: { ArnLike: { "aws:SourceArn": "arn:aws:s3:::b" }, StringEquals: { "aws:SourceAccount": ["123456789012", "210987654321"] } },
        },
        { Effect: "Deny", Action: "sqs:*", Resource: "*", Principal: "*" },
      ],
    });
    assert.equal(minifiedJson, JSON.stringify(JSON.parse(json)));
  });

  it("replaces every Lambda permission on any change, as aws_lambda_permission's ForceNew arguments do", () => {
    const permission = resourceTypes["aws:lambda/permission:Permission"];
    assert.deepEqual([...permission.replaceOnChanges].sort(), [...permission.inputs].sort());
  });
});
