import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { DestinationProblem, SourceBucket } from "./destinations/destination";
import { onlyOne, under } from "./onlyOne";
import { keyPolicy, sid } from "./policyDocuments";

/** A key that exists already; S3 can use it only if its policy grants S3. */
export interface ExistingKey {
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Set to true to state that the key policy lets `s3.amazonaws.com` use kms:GenerateDataKey and kms:Decrypt. */
  readonly keyPolicyGrantsS3: boolean;
}

/** How a queue the component creates is encrypted; `kmsKeyArn` names an existing key instead. */
export const QueueEncryption = {
  /** SSE-SQS: SQS-managed keys, which S3 can use. */
  SqsManaged: "sqs-managed",
  /** A customer-managed key the component creates, whose policy lets S3 from the source buckets use it. */
  CreateKey: "create-key",
} as const;
export type QueueEncryption = (typeof QueueEncryption)[keyof typeof QueueEncryption];

/** How a topic the component creates is encrypted; `kmsKeyArn` names an existing key instead. SNS has no managed key S3 can use. */
export const TopicEncryption = {
  None: "none",
  /** A customer-managed key the component creates, whose policy lets S3 from the source buckets use it. */
  CreateKey: "create-key",
} as const;
export type TopicEncryption = (typeof TopicEncryption)[keyof typeof TopicEncryption];

/** The encryption a destination resolves to: a kind the component handles, or an existing key. */
export type QueueEncryptionChoice = QueueEncryption | ExistingKey;
export type TopicEncryptionChoice = TopicEncryption | ExistingKey;

/**
 * The encryption named by `encryption` or `kmsKeyArn` (only one of them), with `kmsKeyGrantsS3`
 * stating that an existing key's policy grants S3.
 */
export function encryptionFrom<E extends string>(
  at: string,
  fields: { readonly encryption?: E; readonly kmsKeyArn?: pulumi.Input<string>; readonly kmsKeyGrantsS3?: boolean },
  allowed: Readonly<Record<string, E>>,
): { choice: E | ExistingKey | undefined; problems: DestinationProblem[] } {
  const { chosen, problems } = onlyOne(at, fields, ["encryption", "kmsKeyArn"], false);
  const values = Object.values(allowed);
  if (chosen === "encryption" && !values.includes(fields.encryption!)) {
    problems.push({ field: under(at, "encryption"), message: `\`${String(fields.encryption)}\` is not one of ${values.map((v) => `\`${v}\``).join(", ")}.` });
  }
  if (problems.length > 0 || chosen === undefined) return { choice: undefined, problems };
  if (chosen === "encryption") return { choice: fields.encryption!, problems };
  return { choice: { kmsKeyArn: fields.kmsKeyArn!, keyPolicyGrantsS3: fields.kmsKeyGrantsS3 === true }, problems };
}

const AWS_MANAGED_KEY = /(^|[:/])alias\/aws\/(sqs|sns)$/;

/** The AWS-managed SQS and SNS keys cannot grant S3 anything, so S3 cannot deliver through them. */
export function awsManagedKeyProblem(field: string, keyId: string | undefined): DestinationProblem[] {
  // Stryker disable next-line ConditionalExpression: equivalent, the pattern tested on `undefined` (read as "undefined") does not match either.
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
export function existingKeyProblems(key: ExistingKey): DestinationProblem[] {
  // Stryker disable next-line ConditionalExpression: equivalent, an Output read as text is a fixed notice the managed-key pattern does not match.
  const literal = typeof key.kmsKeyArn === "string" ? key.kmsKeyArn : undefined;
  const managed = awsManagedKeyProblem("kmsKeyArn", literal);
  if (managed.length > 0) return managed;
  if (key.keyPolicyGrantsS3 !== true) {
    return [
      {
        field: "kmsKeyGrantsS3",
        message:
          "an existing KMS key is used only when you state that its policy lets s3.amazonaws.com use " +
          "kms:GenerateDataKey and kms:Decrypt (scoped by aws:SourceArn and aws:SourceAccount); " +
          "set `kmsKeyGrantsS3: true` once it does, or use `encryption: \"create-key\"`.",
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
