import type { ResourceValidationArgs, ResourceValidationPolicy, ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { DOCS } from "./docs";

const S3 = "s3.amazonaws.com";
type Statement = Record<string, unknown>;

/** Where each supported type keeps its resource policy, as a JSON string or an object. */
const POLICY_FIELDS: Readonly<Record<string, string>> = {
  "aws:sqs/queuePolicy:QueuePolicy": "policy",
  "aws:sns/topicPolicy:TopicPolicy": "policy",
  "aws:sqs/queue:Queue": "policy",
  "aws:sns/topic:Topic": "policy",
  "aws-native:sqs:QueuePolicy": "policyDocument",
  "aws-native:sns:TopicPolicy": "policyDocument",
};

const LAMBDA_PERMISSIONS = new Set(["aws:lambda/permission:Permission", "aws-native:lambda:Permission"]);

/** The statements of a policy document, or undefined when it is not one (or not parseable). */
export function statementsOf(policy: unknown): Statement[] | undefined {
  let doc = policy;
  if (typeof doc === "string") {
    try {
      doc = JSON.parse(doc);
    } catch {
      return undefined;
    }
  }
  if (typeof doc !== "object" || doc === null) return undefined;
  const statement = (doc as { Statement?: unknown }).Statement;
  const list = Array.isArray(statement) ? statement : [statement];
  return list.filter((s): s is Statement => typeof s === "object" && s !== null);
}

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

function principals(statement: Statement): { services: string[]; anyone: boolean } {
  const p = statement.Principal;
  if (p === "*") return { services: [], anyone: true };
  if (typeof p !== "object" || p === null) return { services: [], anyone: false };
  const { Service, AWS } = p as { Service?: unknown; AWS?: unknown };
  return {
    services: asList(Service).filter((s): s is string => typeof s === "string"),
    anyone: asList(AWS).includes("*"),
  };
}

/** The condition keys a statement tests, lower-cased (IAM keys are case-insensitive). */
function conditionKeys(statement: Statement): Set<string> {
  const keys = new Set<string>();
  const condition = statement.Condition;
  if (typeof condition !== "object" || condition === null) return keys;
  for (const block of Object.values(condition)) {
    if (typeof block === "object" && block !== null) for (const key of Object.keys(block)) keys.add(key.toLowerCase());
  }
  return keys;
}

/** Why each Allow statement of a policy is not scoped the way S3 grants must be. */
export function unscopedGrants(statements: Statement[]): string[] {
  const problems: string[] = [];
  statements.forEach((s, i) => {
    if (s.Effect !== "Allow") return;
    const { services, anyone } = principals(s);
    const keys = conditionKeys(s);
    const label = `statement ${typeof s.Sid === "string" ? `\`${s.Sid}\`` : i}`;
    if (anyone && keys.size === 0) {
      problems.push(`${label} allows principal \`*\` with no condition, so anyone can use the destination`);
    } else if (services.includes(S3)) {
      const missing = ["aws:sourcearn", "aws:sourceaccount"].filter((k) => !keys.has(k));
      if (missing.length > 0) {
        problems.push(`${label} allows ${S3} without ${missing.map((k) => (k === "aws:sourcearn" ? "`aws:SourceArn`" : "`aws:SourceAccount`")).join(" and ")}, so any bucket${missing.includes("aws:sourceaccount") ? " in any account" : ""} can send to it`);
      }
    }
  });
  return problems;
}

/** True when the policy denies every request made without TLS. */
export function deniesInsecureTransport(statements: Statement[]): boolean {
  return statements.some((s) => {
    if (s.Effect !== "Deny" || !principals(s).anyone && s.Principal !== "*") return false;
    const bool = (s.Condition as { Bool?: Record<string, unknown> } | undefined)?.Bool;
    return bool !== undefined && Object.entries(bool).some(([k, v]) => k.toLowerCase() === "aws:securetransport" && String(v) === "false");
  });
}

function grantsToS3(statements: Statement[]): boolean {
  return statements.some((s) => s.Effect === "Allow" && principals(s).services.includes(S3));
}

function checkPermission(args: ResourceValidationArgs, report: ReportViolation): void {
  const principal = args.props.principal;
  if (principal !== S3) return;
  const missing = [
    ["sourceArn", "the bucket's ARN"],
    ["sourceAccount", "the bucket owner's account"],
  ].filter(([key]) => !(key in args.props) || args.props[key] === undefined || args.props[key] === "");
  if (missing.length > 0) {
    report(
      `${args.type} \`${args.name}\` lets ${S3} invoke the function, so it must set ${missing.map(([k, v]) => `\`${k}\` (${v})`).join(" and ")}, ` +
        `because otherwise any bucket${missing.some(([k]) => k === "sourceAccount") ? " in any account" : ""} can invoke it. ${DOCS.confusedDeputy}`,
    );
  }
}

export const s3DestinationGrantScoped: ResourceValidationPolicy = {
  name: "s3-destination-grant-scoped",
  description: "Checks whether grants to S3 (Lambda permissions, queue and topic policies) are scoped to the source bucket and its account.",
  enforcementLevel: "mandatory",
  validateResource: (args, report) => {
    if (LAMBDA_PERMISSIONS.has(args.type)) return checkPermission(args, report);
    const field = POLICY_FIELDS[args.type];
    if (!field || !(field in args.props)) return;
    const statements = statementsOf(args.props[field]); // may be unknown in preview
    if (!statements) return;
    for (const problem of unscopedGrants(statements)) {
      report(
        `${args.type} \`${args.name}\`: ${problem}. Allow ${S3} only with \`ArnLike aws:SourceArn\` = the bucket ARN and ` +
          `\`StringEquals aws:SourceAccount\` = its owner. ${DOCS.grants}`,
      );
    }
  },
};

export const s3DestinationTlsOnly: ResourceValidationPolicy = {
  name: "s3-destination-tls-only",
  description: "Checks whether queue and topic policies that grant S3 also deny requests made without TLS.",
  enforcementLevel: "advisory",
  validateResource: (args, report) => {
    const field = POLICY_FIELDS[args.type];
    if (!field || !(field in args.props)) return;
    const statements = statementsOf(args.props[field]);
    if (!statements || !grantsToS3(statements) || deniesInsecureTransport(statements)) return;
    report(
      `${args.type} \`${args.name}\` grants ${S3} but should also deny every request where \`aws:SecureTransport\` is false, ` +
        `so messages never travel in clear text. ${DOCS.grants}`,
    );
  },
};

type StackResource = StackValidationArgs["resources"][number];

const BUCKET_TYPES = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];

/** Where a resource names its target: the property, and the types the target may have. */
interface TargetProperty {
  readonly property: string;
  readonly types: readonly string[];
}

/**
 * The URN of the target resource a property depends on, else the literal value: how two resources
 * are matched to one target. Only a dependency of the target's type counts, since an Output may
 * carry other resources along (a component's deploy-time checks, say).
 */
function targetKey(resource: StackResource, { property, types }: TargetProperty): string | undefined {
  const targets = (resource.propertyDependencies[property] ?? []).filter((d) => types.includes(d.type));
  if (targets.length === 1) return targets[0].urn;
  const value = resource.props[property]; // may be unknown in preview: read last
  return typeof value === "string" ? value : undefined;
}

/**
 * Reports every resource that targets the same thing as an earlier one. `targetOf` names the
 * property holding the target for the types concerned, or undefined for other types.
 */
function reportSharedTargets(
  args: StackValidationArgs,
  report: ReportViolation,
  targetOf: (r: StackResource) => TargetProperty | undefined,
  message: (r: StackResource, first: string) => string,
): void {
  const seen = new Map<string, string>();
  for (const r of args.resources) {
    const property = targetOf(r);
    const key = property === undefined ? undefined : targetKey(r, property);
    if (key === undefined) continue;
    const first = seen.get(`${r.type}|${key}`);
    if (first === undefined) seen.set(`${r.type}|${key}`, r.name);
    else report(message(r, first), r.urn);
  }
}

export const s3DestinationOnePolicy: StackValidationPolicy = {
  name: "s3-destination-one-policy",
  description: "Checks whether each queue and topic has at most one policy resource, since each replaces the whole policy.",
  enforcementLevel: "mandatory",
  validateStack: (args, report) =>
    reportSharedTargets(
      args,
      report,
      (r) =>
        r.type === "aws:sqs/queuePolicy:QueuePolicy"
          ? { property: "queueUrl", types: ["aws:sqs/queue:Queue"] }
          : r.type === "aws:sns/topicPolicy:TopicPolicy"
            ? { property: "arn", types: ["aws:sns/topic:Topic"] }
            : undefined,
      (r, first) =>
        `${r.type} \`${r.name}\` and \`${first}\` target the same ${r.type.startsWith("aws:sqs") ? "queue" : "topic"}, so one silently ` +
        `replaces the other's grants. Merge them into one policy naming every source. ${DOCS.grants}`,
    ),
};

export const s3NotificationOnePerBucket: StackValidationPolicy = {
  name: "s3-notification-one-per-bucket",
  description: "Checks whether each bucket has at most one notification resource, since each replaces the bucket's whole configuration.",
  enforcementLevel: "mandatory",
  validateStack: (args, report) =>
    reportSharedTargets(
      args,
      report,
      (r) => (r.type === "aws:s3/bucketNotification:BucketNotification" ? { property: "bucket", types: BUCKET_TYPES } : undefined),
      (r, first) =>
        `${r.type} \`${r.name}\` and \`${first}\` configure the same bucket, so each deployment overwrites the other's rules. ` +
        `Put every rule of the bucket into one notification resource. ${DOCS.notificationResource}`,
    ),
};
