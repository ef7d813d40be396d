/**
 * The bucket a notification configures: a bucket resource of the stack (through the engine's
 * dependencies, or matched by its literal name), and the bucket's name when known.
 */
import type { PolicyResource } from "@pulumi/policy";
import { AWS_NOTIFICATION, NATIVE_BUCKET } from "./notificationRules";
import { peek, UNKNOWN } from "./unknowns";

export const BUCKET_TYPES: Readonly<Record<string, string>> = {
  "aws:s3/bucket:Bucket": "bucket",
  "aws:s3/bucketV2:BucketV2": "bucket",
  [NATIVE_BUCKET]: "bucketName",
};

export interface BucketTarget {
  readonly resource?: PolicyResource;
  /** The bucket's name; `UNKNOWN` during a preview that has not named it yet. */
  readonly name: string | typeof UNKNOWN | undefined;
}

const nameOf = (bucket: PolicyResource): string | typeof UNKNOWN | undefined => {
  const v = peek(bucket.props, BUCKET_TYPES[bucket.type]);
  return v === UNKNOWN || (typeof v === "string" && v !== "") ? v : undefined;
};

/** The bucket a notification resource configures. */
export function bucketOf(notification: PolicyResource, resources: readonly PolicyResource[]): BucketTarget {
  if (notification.type === NATIVE_BUCKET) return { resource: notification, name: nameOf(notification) };
  if (notification.type !== AWS_NOTIFICATION) return { name: undefined };
  // Stryker disable next-line ArrayDeclaration: equivalent, a dummy entry has no type, so it matches nothing, as no entry does.
  const deps = (notification.propertyDependencies.bucket ?? []).filter((d) => BUCKET_TYPES[d.type] !== undefined);
  const value = peek(notification.props, "bucket");
  const literal = typeof value === "string" && value !== "" ? value : undefined;
  if (deps.length === 1) {
    const own = nameOf(deps[0]);
    return { resource: deps[0], name: literal ?? own ?? UNKNOWN };
  }
  // Stryker disable next-line ConditionalExpression: equivalent, another type's name is read from a property named `undefined`, which no resource has.
  const resource = literal === undefined ? undefined : resources.find((r) => BUCKET_TYPES[r.type] !== undefined && nameOf(r) === literal);
  return { resource, name: value === UNKNOWN ? UNKNOWN : literal };
}
