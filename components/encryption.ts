import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { DestinationProblem, SourceBucket } from "./destinations/destination";
import { keyPolicy, sid } from "./policyDocuments";

/** A key that exists already; S3 can use it only if its policy grants S3. */
export interface ExistingKey {
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Set to true to state that the key policy lets `s3.amazonaws.com` use kms:GenerateDataKey and kms:Decrypt. */
  readonly keyPolicyGrantsS3: boolean;
}

/** `"sqs-managed"` (SSE-SQS), `"create-key"` (a customer-managed key with the policy S3 needs) or an existing key. */
export type QueueEncryption = "sqs-managed" | "create-key" | ExistingKey;
/** `"none"`, `"create-key"` or an existing key. SNS has no managed key S3 can use. */
export type TopicEncryption = "none" | "create-key" | ExistingKey;

const AWS_MANAGED_KEY = /(^|[:/])alias\/aws\/(sqs|sns)$/;

/** The AWS-managed SQS and SNS keys cannot grant S3 anything, so S3 cannot deliver through them. */
export function awsManagedKeyProblem(field: string, keyId: string | undefined): DestinationProblem[] {
  if (keyId === undefined || !AWS_MANAGED_KEY.test(keyId)) return [];
  return [
    {
      field,
      message:
        `\`${keyId}\` is an AWS-managed key, whose policy cannot grant S3 access, so S3 cannot deliver ` +
        `events. Use SSE-SQS (\`"sqs-managed"\`) for queues, or \`"create-key"\` for a customer-managed key.`,
    },
  ];
}

/** Checks the key of a queue or topic the caller created: managed keys never work; others need the caller's word. */
export function givenKeyProblems(kind: "queue" | "topic", kmsKeyId: string | undefined, acknowledged: boolean | undefined): DestinationProblem[] {
  const managed = awsManagedKeyProblem(`${kind}.kmsMasterKeyId`, kmsKeyId);
  if (managed.length > 0 || !kmsKeyId || acknowledged === true) return managed;
  return [
    {
      field: "kmsKeyGrantsS3",
      message:
        `the ${kind} is encrypted with \`${kmsKeyId}\`; S3 can deliver only if that key's policy lets s3.amazonaws.com ` +
        "use kms:GenerateDataKey and kms:Decrypt. Set `kmsKeyGrantsS3: true` once it does.",
    },
  ];
}

/** Checks an existing key given for encryption. */
export function existingKeyProblems(field: string, key: ExistingKey): DestinationProblem[] {
  const literal = typeof key.kmsKeyArn === "string" ? key.kmsKeyArn : undefined;
  const managed = awsManagedKeyProblem(`${field}.kmsKeyArn`, literal);
  if (managed.length > 0) return managed;
  if (key.keyPolicyGrantsS3 !== true) {
    return [
      {
        field: `${field}.keyPolicyGrantsS3`,
        message:
          "an existing KMS key is used only when you state that its policy lets s3.amazonaws.com use " +
          "kms:GenerateDataKey and kms:Decrypt (scoped by aws:SourceArn and aws:SourceAccount); " +
          "set `keyPolicyGrantsS3: true` once it does, or use `\"create-key\"`.",
      },
    ];
  }
  return [];
}

/** A customer-managed key whose policy lets S3, from each source bucket only, encrypt messages. */
export function createSourceScopedKey(
  name: string,
  sources: readonly SourceBucket[],
  accountId: pulumi.Output<string>,
  partition: pulumi.Output<string>,
  parent: pulumi.Resource,
): aws.kms.Key {
  const grants = sources.map((s) =>
    pulumi.all([s.arn, s.accountId]).apply(([sourceArn, sourceAccount]) => ({
      sid: sid("AllowS3From", s.key),
      service: "s3.amazonaws.com",
      sourceArn,
      sourceAccount,
    })),
  );
  return new aws.kms.Key(
    name,
    {
      description: `Encrypts S3 event messages for ${name}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: pulumi
        .all([accountId, partition, pulumi.all(grants)])
        .apply(([account, part, g]) => JSON.stringify(keyPolicy(account, part, g))),
    },
    { parent },
  );
}
