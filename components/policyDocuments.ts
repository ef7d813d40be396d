/**
 * IAM policy documents for the grants S3 (and SNS, EventBridge) need, as pure data so they can be
 * checked by an independent IAM evaluator.
 *
 * Every service grant carries both `aws:SourceArn` and `aws:SourceAccount`: AWS's guidance against
 * the confused deputy, where another account's bucket could otherwise make S3 send to our queue.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/grant-destinations-permissions-to-s3.html
 */

export type ConditionBlock = Record<string, Record<string, string | string[]>>;

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal: "*" | { readonly Service: string } | { readonly AWS: string };
  readonly Action: string | readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: ConditionBlock;
}

export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly PolicyStatement[];
}

export interface ServiceGrant {
  /** Statement id, unique in the document; letters and digits only. */
  readonly sid: string;
  /** The service principal, e.g. `s3.amazonaws.com`. */
  readonly service: string;
  readonly actions: readonly string[];
  readonly resourceArn: string;
  /** The one resource allowed to cause the call: a bucket, topic or event rule ARN. */
  readonly sourceArn: string;
  /** The account that owns the source. */
  readonly sourceAccount: string;
}

export function serviceGrantStatement(grant: ServiceGrant): PolicyStatement {
  return {
    Sid: grant.sid,
    Effect: "Allow",
    Principal: { Service: grant.service },
    Action: grant.actions.length === 1 ? grant.actions[0] : grant.actions,
    Resource: grant.resourceArn,
    Condition: {
      ArnLike: { "aws:SourceArn": grant.sourceArn },
      StringEquals: { "aws:SourceAccount": grant.sourceAccount },
    },
  };
}

/** Denies any request to the resource that does not use TLS. */
export function denyInsecureTransportStatement(resourceArn: string, action: string): PolicyStatement {
  return {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: action,
    Resource: resourceArn,
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}

export function policyDocument(statements: readonly PolicyStatement[]): PolicyDocument {
  return { Version: "2012-10-17", Statement: statements };
}

/** A statement id from free text: IAM allows only letters and digits. */
export function sid(...parts: string[]): string {
  // Stryker disable Regex: equivalent, the empty parts a single-character split leaves are filtered out next.
  return parts
    .join(" ")
    .split(/[^A-Za-z0-9]+/)
    .filter((p) => p !== "")
    .map((p) => p[0].toUpperCase() + p.slice(1))
    .join("");
}
// Stryker restore Regex

/**
 * A customer-managed key's policy: the account administers it; each service grant may use it to
 * encrypt messages for the queue or topic (https://docs.aws.amazon.com/AmazonS3/latest/userguide/grant-destinations-permissions-to-s3.html).
 */
export function keyPolicy(
  accountId: string,
  partition: string,
  grants: readonly Omit<ServiceGrant, "actions" | "resourceArn">[],
): PolicyDocument {
  return policyDocument([
    {
      Sid: "AccountAdministersKey",
      Effect: "Allow",
      Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
      Action: "kms:*",
      Resource: "*",
    },
    ...grants.map((g) =>
      serviceGrantStatement({ ...g, actions: ["kms:GenerateDataKey", "kms:Decrypt"], resourceArn: "*" }),
    ),
  ]);
}
