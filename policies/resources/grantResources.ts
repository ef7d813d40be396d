/**
 * The resources that grant a destination to S3, in either library, and what each targets:
 * queue and topic policies (separate resources, or a queue's or topic's own `policy`) and Lambda
 * permissions. A target is found through the engine's dependencies when the grant's target
 * property depends on a destination of the stack, else through its literal name, ARN or URL.
 */
import type { PolicyResource } from "@pulumi/policy";
import { permissionDocument, readDocument, type PolicyDocument } from "../grants/documents";
import { destinationTypes, type DestinationIndex } from "./destinations";
import { arnOf, parseRef, type DestinationKind, type DestinationRef } from "./references";
import { known, peek, UNKNOWN } from "./unknowns";

export interface GrantType {
  readonly kind: DestinationKind;
  /** Where the policy document is; absent for Lambda permissions, which are one statement. */
  readonly document?: string;
  /** Where the target is named; absent for a queue's or topic's own `policy`. */
  readonly target?: string;
}

export const GRANT_TYPES: Readonly<Record<string, GrantType>> = {
  "aws:sqs/queuePolicy:QueuePolicy": { kind: "sqs", document: "policy", target: "queueUrl" },
  "aws:sns/topicPolicy:TopicPolicy": { kind: "sns", document: "policy", target: "arn" },
  "aws:sqs/queue:Queue": { kind: "sqs", document: "policy" },
  "aws:sns/topic:Topic": { kind: "sns", document: "policy" },
  "aws-native:sqs:QueueInlinePolicy": { kind: "sqs", document: "policyDocument", target: "queue" },
  "aws-native:sns:TopicInlinePolicy": { kind: "sns", document: "policyDocument", target: "topicArn" },
  "aws-native:sns:TopicPolicy": { kind: "sns", document: "policyDocument", target: "topics" },
  "aws:lambda/permission:Permission": { kind: "lambda", target: "function" },
  "aws-native:lambda:Permission": { kind: "lambda", target: "functionName" },
};

/** A queue's or topic's own `policy`: it grants only the resource it sits on. */
export const isInlineGrant = (type: string) => GRANT_TYPES[type] !== undefined && GRANT_TYPES[type].target === undefined;

/** True when a queue's or topic's own `policy` is set (one unknown during preview will be). */
export function hasOwnPolicy(resource: PolicyResource): boolean {
  if (!isInlineGrant(resource.type)) return false;
  const policy = peek(resource.props, "policy");
  return policy === UNKNOWN || (typeof policy === "string" && policy !== "") || (typeof policy === "object" && policy !== null);
}

/** One target of a grant: a destination of the stack (by URN), or a literal reference outside it. */
export interface GrantTarget {
  readonly resource?: PolicyResource;
  readonly ref?: DestinationRef;
  /** A Lambda permission's `qualifier`: it grants only that version or alias. */
  readonly qualifier?: string;
}

export interface ResolvedTargets {
  readonly targets: GrantTarget[];
  /** True when a target is unknown during preview and no dependency names it. */
  readonly unresolved: boolean;
}

/** What a grant resource targets. */
export function grantTargets(grant: PolicyResource, destinations: DestinationIndex): ResolvedTargets {
  const type = GRANT_TYPES[grant.type];
  if (!type) return { targets: [], unresolved: false };
  if (type.target === undefined) return { targets: [{ resource: grant }], unresolved: false };
  const props = grant.props as Record<string, unknown>;
  const qualifierValue = type.kind === "lambda" ? known(() => props.qualifier) : undefined;
  const qualifier = typeof qualifierValue === "string" && qualifierValue !== "" && qualifierValue !== "$LATEST" ? qualifierValue : undefined;
  // Stryker disable next-line ArrayDeclaration: equivalent, a dummy entry has no type, so it matches nothing, as no entry does.
  const viaDependency = (grant.propertyDependencies[type.target] ?? []).filter((d) => destinationTypes(type.kind).includes(d.type));
  if (viaDependency.length > 0) return { targets: viaDependency.map((resource) => ({ resource, qualifier })), unresolved: false };
  const value = peek(props, type.target);
  if (value === UNKNOWN) return { targets: [], unresolved: true };
  // By index: iterating the SDK's wrapped array would read an entry unknown during preview outside `known`.
  const literals = Array.isArray(value) ? Array.from({ length: value.length }, (_, i) => known(() => value[i])) : [value];
  const targets: GrantTarget[] = [];
  const unresolved = value !== undefined && literals.some((v) => v === undefined);
  for (const literal of literals) {
    if (typeof literal !== "string") continue;
    const parsed = parseRef(type.kind, literal);
    if (!parsed) continue;
    const ref = qualifier ? { ...parsed, qualifier } : parsed;
    const resource = destinations.find(ref);
    targets.push(resource ? { resource, qualifier: ref.qualifier } : { ref });
  }
  return { targets, unresolved };
}

/** The key two grants share when they target the same destination (and qualifier). */
export function targetKey(target: GrantTarget): string {
  const q = target.qualifier ?? target.ref?.qualifier ?? "";
  if (target.resource) return `${target.resource.urn}#${q}`;
  const r = target.ref!;
  return `${r.kind}:${r.account ?? "?"}:${r.region ?? "?"}:${r.name}#${q}`;
}

/** Values no request carries, standing in for a permission's source that is unknown during preview. */
const STAND_INS = {
  sourceArn: "arn:aws:s3:::bucket-named-at-update",
  sourceAccount: "000000000000",
  principalOrgId: "o-namedatupdate",
} as const;

/**
 * The policy document a grant resource holds, or undefined when it holds none. A Lambda
 * permission becomes the statement Lambda writes for it on `functionArn`. Throws the SDK's
 * unknown-value error when the document is unknown during preview (for a permission's source
 * conditions, only when `unknownSources` is "wait").
 */
export function grantDocument(grantType: string, props: Record<string, unknown>, functionArn: string, unknownSources: "stand-in" | "wait"): PolicyDocument | undefined {
  const type = GRANT_TYPES[grantType];
  if (!type) return undefined;
  if (type.document !== undefined) return readDocument(props[type.document]);
  // A source condition unknown during preview still names one bucket or account: it scopes the
  // grant as a literal would, so for the confused deputy's requests it stands in as a value no
  // request carries. Whether it admits this notification's bucket waits for its value.
  const scoped = (key: keyof typeof STAND_INS) => (unknownSources === "stand-in" && peek(props, key) === UNKNOWN ? STAND_INS[key] : props[key]);
  return permissionDocument(
    { principal: props.principal, action: props.action, sourceArn: scoped("sourceArn"), sourceAccount: scoped("sourceAccount"), principalOrgId: scoped("principalOrgId") },
    functionArn,
  );
}

/** The ARN a grant names for its target, when known: used as the resource of the requests. */
export function literalTargetArn(grantType: string, props: Record<string, unknown>): string | undefined {
  const type = GRANT_TYPES[grantType];
  if (!type?.target) return undefined;
  const value = known(() => props[type.target!]);
  const first = Array.isArray(value) ? known(() => value[0]) : value;
  if (typeof first !== "string") return undefined;
  const ref = parseRef(type.kind, first);
  const qualifier = type.kind === "lambda" ? known(() => props.qualifier) : undefined;
  return ref ? arnOf(typeof qualifier === "string" ? { ...ref, qualifier } : ref) : undefined;
}

