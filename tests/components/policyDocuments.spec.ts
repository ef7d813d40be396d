import { strict as assert } from "assert";
import { keyPolicy, serviceGrantStatement, sid } from "../../components/policyDocuments";

describe("policy documents", () => {
  it("makes statement ids of letters and digits only, each word capitalised", () => {
    assert.equal(sid("allow s3", "from uploads-2026/raw"), "AllowS3FromUploads2026Raw");
    assert.equal(sid("--lead", "trail--"), "LeadTrail");
  });

  it("lists one action as a string and several as a list", () => {
    const grant = { sid: "S", service: "sns.amazonaws.com", resourceArn: "arn:aws:sns:us-east-1:111122223333:t", sourceArn: "arn:aws:s3:::b", sourceAccount: "111122223333" };
    assert.equal(serviceGrantStatement({ ...grant, actions: ["sns:Publish"] }).Action, "sns:Publish");
    assert.deepEqual(serviceGrantStatement({ ...grant, actions: ["kms:GenerateDataKey", "kms:Decrypt"] }).Action, ["kms:GenerateDataKey", "kms:Decrypt"]);
  });

  it("lets the account administer a key and each grant's service use it for its source only", () => {
    assert.deepEqual(
      keyPolicy("111122223333", "aws-us-gov", [{ sid: "AllowS3FromUploads", service: "s3.amazonaws.com", sourceArn: "arn:aws-us-gov:s3:::b", sourceAccount: "111122223333" }]),
      {
        Version: "2012-10-17",
        Statement: [
          { Sid: "AccountAdministersKey", Effect: "Allow", Principal: { AWS: "arn:aws-us-gov:iam::111122223333:root" }, Action: "kms:*", Resource: "*" },
          {
            Sid: "AllowS3FromUploads",
            Effect: "Allow",
            Principal: { Service: "s3.amazonaws.com" },
            Action: ["kms:GenerateDataKey", "kms:Decrypt"],
            Resource: "*",
            Condition: { ArnLike: { "aws:SourceArn": "arn:aws-us-gov:s3:::b" }, StringEquals: { "aws:SourceAccount": "111122223333" } },
          },
        ],
      },
    );
  });
});
