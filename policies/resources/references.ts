/**
 * How a program names a function, queue or topic: an ARN, a queue URL, a bare name, a Lambda
 * partial ARN or qualified name. Two references name the same destination when their names match
 * and neither contradicts the other's region, account or qualifier.
 */
import { partitionOf } from "./partitions";

export type DestinationKind = "lambda" | "sqs" | "sns";

export interface DestinationRef {
  readonly kind: DestinationKind;
  readonly name: string;
  readonly region?: string;
  readonly account?: string;
  /** A Lambda version or alias (`fn:live`); `$LATEST` reads as none. */
  readonly qualifier?: string;
}

const ARN = /^arn:aws[a-z-]*:(lambda|sqs|sns):([a-z0-9-]*):(\d*):(.+)$/;
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-queue-message-identifiers.html
const QUEUE_URL = /^https:\/\/(?:sqs\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?|([a-z0-9-]+)\.queue\.amazonaws\.com|queue\.amazonaws\.com)\/(\d+)\/([^/?#]+)$/;

/** Reads a reference to a destination of `kind`; undefined when `value` cannot name one. */
export function parseRef(kind: DestinationKind, value: string): DestinationRef | undefined {
  if (value === "") return undefined;
  const arn = ARN.exec(value);
  if (arn) {
    const [, service, region, account, rest] = arn;
    if (service !== kind) return undefined;
    if (kind !== "lambda") return { kind, name: rest, region: region || undefined, account: account || undefined };
    const [fn, name, qualifier] = rest.split(":");
    if (fn !== "function" || !name) return undefined;
    return lambdaRef(name, qualifier, region || undefined, account || undefined);
  }
  if (kind === "sqs") {
    const url = QUEUE_URL.exec(value);
    if (url) return { kind, name: url[4], region: url[1] ?? url[2] ?? "us-east-1", account: url[3] };
  }
  if (value.includes("/") || value.startsWith("arn:")) return undefined;
  if (kind === "lambda") {
    // `123456789012:function:name[:qualifier]` or `name[:qualifier]`.
    const parts = value.split(":");
    if (parts.length >= 3 && parts[1] === "function") return lambdaRef(parts[2], parts[3], undefined, parts[0]);
    return lambdaRef(parts[0], parts[1], undefined, undefined);
  }
  return { kind, name: value };
}

function lambdaRef(name: string, qualifier: string | undefined, region: string | undefined, account: string | undefined): DestinationRef {
  return { kind: "lambda", name, region, account, qualifier: qualifier && qualifier !== "$LATEST" ? qualifier : undefined };
}

const agree = (a: string | undefined, b: string | undefined) => a === undefined || b === undefined || a === b;

/** True when both references name the same destination (and, for Lambda, the same qualifier). */
export function sameDestination(a: DestinationRef, b: DestinationRef): boolean {
  return a.kind === b.kind && a.name === b.name && agree(a.region, b.region) && agree(a.account, b.account) && a.qualifier === b.qualifier;
}

/** The ARN of a reference, when region and account are known, in the region's partition. */
export function arnOf(ref: DestinationRef): string | undefined {
  if (ref.region === undefined || ref.account === undefined) return undefined;
  const base = `arn:${partitionOf(ref.region)}:${ref.kind}:${ref.region}:${ref.account}:${ref.kind === "lambda" ? "function:" : ""}${ref.name}`;
  return ref.qualifier ? `${base}:${ref.qualifier}` : base;
}
