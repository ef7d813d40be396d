import * as pulumi from "@pulumi/pulumi";
import { strict as assert } from "assert";
import {
  awsManagedKeyProblem,
  createSourceScopedKey,
  encryptionFrom,
  existingKeyProblems,
  givenKeyProblems,
  QueueEncryption,
  TopicEncryption,
} from "../../components/encryption";
import { keyPolicy } from "../../components/policyDocuments";
import { ACCOUNT, jsonInput, mockEngine } from "../support/harness";

class Owner extends pulumi.ComponentResource {
  constructor() {
    super("test:index:Owner", "owner", {});
  }
}

const KEY = "arn:aws:kms:us-east-1:111122223333:key/k";
const EXISTING_KEY_MESSAGE =
  "an existing KMS key is used only when you state that its policy lets s3.amazonaws.com use kms:GenerateDataKey and kms:Decrypt " +
  '(scoped by aws:SourceArn and aws:SourceAccount); set `kmsKeyGrantsS3: true` once it does, or use `encryption: "create-key"`.';
const managedMessage = (key: string) =>
  `\`${key}\` is an AWS-managed key, whose policy cannot grant S3 access, so S3 cannot deliver events. ` +
  'Use SSE-SQS (`"sqs-managed"`) for queues, or `"create-key"` for a customer-managed key.';

describe("encryptionFrom", () => {
  it("is nothing when neither `encryption` nor `kmsKeyArn` is set", () => {
    assert.deepEqual(encryptionFrom("", {}, QueueEncryption), { choice: undefined, problems: [] });
  });

  it("takes an `encryption` value of the destination's enum", () => {
    assert.deepEqual(encryptionFrom("", { encryption: "create-key" }, QueueEncryption), { choice: "create-key", problems: [] });
    assert.deepEqual(encryptionFrom("", { encryption: "none" }, TopicEncryption), { choice: "none", problems: [] });
  });

  it("refuses a value of another destination's enum, listing the allowed ones", () => {
    assert.deepEqual(encryptionFrom("sqs", { encryption: "none" as QueueEncryption }, QueueEncryption), {
      choice: undefined,
      problems: [{ field: "sqs.encryption", message: "`none` is not one of `sqs-managed`, `create-key`." }],
    });
  });

  it("takes an existing key, recording whether the caller stated that its policy grants S3", () => {
    assert.deepEqual(encryptionFrom("", { kmsKeyArn: KEY, kmsKeyGrantsS3: true }, QueueEncryption), {
      choice: { kmsKeyArn: KEY, keyPolicyGrantsS3: true },
      problems: [],
    });
    assert.deepEqual(encryptionFrom("", { kmsKeyArn: KEY }, QueueEncryption).choice, { kmsKeyArn: KEY, keyPolicyGrantsS3: false });
  });

  it("refuses both, at the destination's path", () => {
    assert.deepEqual(encryptionFrom("sns", { encryption: "create-key", kmsKeyArn: KEY }, TopicEncryption), {
      choice: undefined,
      problems: [{ field: "sns", message: "Only one of `encryption` or `kmsKeyArn` can be provided (found `encryption` and `kmsKeyArn`); remove the others." }],
    });
  });
});

describe("awsManagedKeyProblem", () => {
  it("refuses the AWS-managed SQS and SNS keys, by alias or alias ARN", () => {
    for (const key of ["alias/aws/sqs", "alias/aws/sns", "arn:aws:kms:us-east-1:111122223333:alias/aws/sqs"]) {
      assert.deepEqual(awsManagedKeyProblem("kmsKeyArn", key), [{ field: "kmsKeyArn", message: managedMessage(key) }], key);
    }
  });

  it("accepts customer-managed keys and aliases that only look alike, and no key", () => {
    for (const key of [KEY, "alias/aws/sqs-copy", "alias/my/aws/sqs", "myalias/aws/sqs", "alias/aws/s3", undefined]) {
      assert.deepEqual(awsManagedKeyProblem("kmsKeyArn", key), [], key);
    }
  });
});

describe("givenKeyProblems", () => {
  it("accepts a given queue or topic without a key", () => {
    assert.deepEqual(givenKeyProblems("queue", undefined, undefined), []);
    assert.deepEqual(givenKeyProblems("queue", "", undefined), []);
  });

  it("refuses a customer-managed key until the caller states that its policy grants S3", () => {
    const expected = [
      {
        field: "kmsKeyGrantsS3",
        message:
          `the topic is encrypted with \`${KEY}\`; S3 can deliver only if that key's policy lets s3.amazonaws.com use kms:GenerateDataKey ` +
          "and kms:Decrypt. Set `kmsKeyGrantsS3: true` once it does.",
      },
    ];
    assert.deepEqual(givenKeyProblems("topic", KEY, undefined), expected);
    assert.deepEqual(givenKeyProblems("topic", KEY, false), expected);
    assert.deepEqual(givenKeyProblems("topic", KEY, true), []);
  });

  it("refuses an AWS-managed key even when the caller says it grants S3, at the target's key field", () => {
    assert.deepEqual(givenKeyProblems("queue", "alias/aws/sqs", true), [{ field: "queue.kmsMasterKeyId", message: managedMessage("alias/aws/sqs") }]);
    assert.deepEqual(givenKeyProblems("topic", "alias/aws/sns", false), [{ field: "topic.kmsMasterKeyId", message: managedMessage("alias/aws/sns") }]);
  });
});

describe("existingKeyProblems", () => {
  it("accepts a key whose policy the caller states grants S3", () => {
    assert.deepEqual(existingKeyProblems({ kmsKeyArn: KEY, keyPolicyGrantsS3: true }), []);
  });

  it("refuses a key without that statement", () => {
    assert.deepEqual(existingKeyProblems({ kmsKeyArn: KEY, keyPolicyGrantsS3: false }), [{ field: "kmsKeyGrantsS3", message: EXISTING_KEY_MESSAGE }]);
  });

  it("refuses an AWS-managed key for what it is, statement or not", () => {
    assert.deepEqual(existingKeyProblems({ kmsKeyArn: "alias/aws/sqs", keyPolicyGrantsS3: true }), [
      { field: "kmsKeyArn", message: managedMessage("alias/aws/sqs") },
    ]);
    assert.deepEqual(existingKeyProblems({ kmsKeyArn: "alias/aws/sns", keyPolicyGrantsS3: false }), [
      { field: "kmsKeyArn", message: managedMessage("alias/aws/sns") },
    ]);
  });
});

describe("createSourceScopedKey", () => {
  it("creates a rotating key, deleted after 30 days' notice, whose policy lets the account administer it and S3 from each source use it", async () => {
    const engine = await mockEngine();
    const sources = ["uploads", "partner"].map((key, i) => ({
      key,
      name: pulumi.output(`acme-${key}`),
      arn: pulumi.output(`arn:aws:s3:::acme-${key}`),
      accountId: pulumi.output(i === 0 ? ACCOUNT : "999988887777"),
    }));
    createSourceScopedKey("n-q-key", sources, pulumi.output(ACCOUNT), pulumi.output("aws"), new Owner());
    await engine.settle();
    const key = engine.byName("n-q-key");
    assert.equal(key.type, "aws:kms/key:Key");
    assert.equal(key.parent, engine.byName("owner").urn);
    assert.equal(key.inputs.description, "Encrypts S3 event messages for n-q-key");
    assert.equal(key.inputs.enableKeyRotation, true);
    assert.equal(key.inputs.deletionWindowInDays, 30);
    assert.deepEqual(
      jsonInput(key, "policy"),
      keyPolicy(ACCOUNT, "aws", [
        { sid: "AllowS3FromUploads", service: "s3.amazonaws.com", sourceArn: "arn:aws:s3:::acme-uploads", sourceAccount: ACCOUNT },
        { sid: "AllowS3FromPartner", service: "s3.amazonaws.com", sourceArn: "arn:aws:s3:::acme-partner", sourceAccount: "999988887777" },
      ]),
    );
  });
});
