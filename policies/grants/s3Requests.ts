/**
 * The requests S3 makes when it delivers an event, and the requests a confused deputy would make.
 * S3 calls the destination as the service principal `s3.amazonaws.com`, over TLS, with
 * `aws:SourceArn` (the bucket's ARN) and `aws:SourceAccount` (the bucket owner's account):
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/grant-destinations-permissions-to-s3.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
 */
import type { DestinationKind } from "../resources/references";
import type { PolicyDocument } from "./documents";
import type { GrantRequest } from "./evaluator";

export const S3_PRINCIPAL = "s3.amazonaws.com";

export const DELIVERY_ACTIONS: Readonly<Record<DestinationKind, string>> = {
  lambda: "lambda:InvokeFunction",
  sqs: "sqs:SendMessage",
  sns: "sns:Publish",
};

/** Where an S3 request comes from: a bucket ARN and account, either absent when S3 would not send it. */
export interface S3Source {
  readonly bucketArn?: string;
  readonly account?: string;
}

/** A request S3 would make, described for a message. */
export interface DescribedRequest {
  readonly description: string;
  readonly request: GrantRequest;
}

/** A bucket's ARN: it names no region or account, only the partition. */
export const bucketArn = (bucketName: string, partition = "aws") => `arn:${partition}:s3:::${bucketName}`;

/** The account of a destination's ARN, as the evaluator takes it: 12 digits, else an account of nobody's. */
export const accountOf = (arn: string) => {
  const account = String(arn.split(":")[4]);
  return /^\d{12}$/.test(account) ? account : PROBE_RESOURCE_ACCOUNT;
};

/** The request S3 sends from `source` to `resourceArn`. */
export function s3Request(kind: DestinationKind, resourceArn: string, source: S3Source, secureTransport = true): GrantRequest {
  const context: Record<string, string> = {
    "aws:SecureTransport": String(secureTransport),
    "aws:PrincipalServiceName": S3_PRINCIPAL,
    "aws:PrincipalIsAWSService": "true",
  };
  if (source.bucketArn !== undefined) context["aws:SourceArn"] = source.bucketArn;
  if (source.account !== undefined) context["aws:SourceAccount"] = source.account;
  return { principal: S3_PRINCIPAL, action: DELIVERY_ACTIONS[kind], resource: resourceArn, resourceAccount: accountOf(resourceArn), context };
}

export const describeSource = ({ bucketArn, account }: S3Source) =>
  `S3 sending from ${bucketArn ? `\`${bucketArn}\`` : "a bucket"} ${account ? `in account \`${account}\`` : "with no `aws:SourceAccount`"}`;

// Names no real grant admits: a bucket and an account of nobody's.
const PROBE_BUCKET = bucketArn("s3-notification-policies-probe-another-bucket");
const PROBE_ACCOUNTS = ["999999999999", "888888888888"];
const PROBE_RESOURCE_ACCOUNT = "111111111111";
const MAX_VALUES = 4;

const SYNTHETIC_RESOURCE: Readonly<Record<DestinationKind, string>> = {
  lambda: `arn:aws:lambda:us-east-1:${PROBE_RESOURCE_ACCOUNT}:function:probe`,
  sqs: `arn:aws:sqs:us-east-1:${PROBE_RESOURCE_ACCOUNT}:probe`,
  sns: `arn:aws:sns:us-east-1:${PROBE_RESOURCE_ACCOUNT}:probe`,
};

/** A concrete value matching an IAM pattern: every wildcard filled in. */
const instance = (pattern: string) => pattern.replace(/\*/g, "probe").replace(/\?/g, "p");

const asStrings = (v: unknown): string[] => (Array.isArray(v) ? v : [v]).filter((e): e is string => typeof e === "string");

/**
 * Every value the document's conditions compare `key` with (keys are case-insensitive), with or
 * without wildcards. A condition or block that is no object (a string, a number) holds no keys.
 */
function conditionValues(document: PolicyDocument, key: string): string[] {
  const values = new Set<string>();
  for (const s of document.Statement) {
    for (const block of Object.values((s.Condition ?? {}) as object)) {
      for (const [k, v] of Object.entries((block ?? {}) as object)) if (k.toLowerCase() === key) asStrings(v).forEach((e) => values.add(e));
    }
  }
  return [...values];
}

const isPattern = (value: string) => /[*?]/.test(value);

/** The values without wildcards the document's conditions compare `key` with: requests can carry them as they are. */
export const literalConditionValues = (document: PolicyDocument, key: string): string[] => conditionValues(document, key).filter((v) => !isPattern(v));

/** The accounts a document's conditions name as `aws:SourceAccount`: where its buckets may live. */
export const namedAccounts = (document: PolicyDocument): string[] => conditionValues(document, "aws:sourceaccount").filter((a) => /^\d{12}$/.test(a));

/** The destinations the document's statements name for `kind`, as concrete ARNs to send to. */
export function resourcesNamed(document: PolicyDocument, kind: DestinationKind): string[] {
  const named = new Set<string>();
  for (const s of document.Statement) {
    for (const r of asStrings(s.Resource)) if (new RegExp(`^arn:aws[a-z-]*:${kind}:`).test(r)) named.add(instance(r));
  }
  return named.size > 0 ? [...named].slice(0, MAX_VALUES) : [SYNTHETIC_RESOURCE[kind]];
}

/**
 * The confused deputy's requests against a grant: S3 sending from another bucket (in each account
 * the grant names, or the destination's), from another account (for each bucket it names), and
 * with no `aws:SourceAccount`. A grant scoped to its buckets and their owner denies them all.
 */
export function confusedDeputyRequests(document: PolicyDocument, kind: DestinationKind, resourceArn: string): DescribedRequest[] {
  const accounts = literalConditionValues(document, "aws:sourceaccount");
  const buckets = conditionValues(document, "aws:sourcearn").map(instance);
  const otherAccount = PROBE_ACCOUNTS.find((a) => !accounts.includes(a)) ?? PROBE_ACCOUNTS[0];
  const ownAccounts = (accounts.length > 0 ? accounts : [accountOf(resourceArn)]).slice(0, MAX_VALUES);
  const ownBuckets = (buckets.length > 0 ? buckets : [PROBE_BUCKET]).slice(0, MAX_VALUES);
  const sources: [string, S3Source][] = [
    ...ownAccounts.map((account): [string, S3Source] => ["another bucket", { bucketArn: PROBE_BUCKET, account }]),
    ...ownBuckets.map((b): [string, S3Source] => ["another account", { bucketArn: b, account: otherAccount }]),
    ...ownBuckets.map((b): [string, S3Source] => ["no `aws:SourceAccount`", { bucketArn: b }]),
  ];
  return sources.map(([what, source]) => ({
    description: `${describeSource(source)} (${what})`,
    request: s3Request(kind, resourceArn, source),
  }));
}
