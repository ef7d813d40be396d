import * as pulumi from "@pulumi/pulumi";
import type { DestinationBinding, NotificationDestination, Route, SourceBucket } from "../../components/destinations/destination";
import { FAILURE_HANDLING_DEFAULTS, type FailureHandlingArgs } from "../../components/failureHandling";
import { GrantBook } from "../../components/grants";
import type { MockEngine } from "../../tools/offline/mockEngine";
import { ACCOUNT, mockEngine } from "./harness";

/** An existing bucket as the component resolves it: by name, owned by `accountId` (the deploying account by default). */
export function sourceBucket(key: string, name = `acme-${key}`, accountId = ACCOUNT): SourceBucket {
  return { key, name: pulumi.output(name), arn: pulumi.output(`arn:aws:s3:::${name}`), accountId: pulumi.output(accountId) };
}

export interface BindOptions {
  /** The base name of every child, as `BucketNotifications` gives it (`<component>-<key>`). Defaults to `n-d`. */
  readonly name?: string;
  /** The routed rules, each `[ruleId, bucket key, prefix]`. Defaults to one rule `r` from bucket `uploads`, prefix `in/`. */
  readonly rules?: readonly (readonly [string, string, string])[];
  /** The source buckets by key, owned by the deploying account unless given. Defaults to those the rules name. */
  readonly sources?: readonly SourceBucket[];
  /** The events of every rule. Defaults to `s3:ObjectCreated:*`. */
  readonly events?: readonly string[];
  readonly failure?: FailureHandlingArgs;
}

export interface Bound {
  readonly engine: MockEngine;
  readonly binding: DestinationBinding;
  /** The destination's own component, which the children hang under. */
  readonly parent: pulumi.ComponentResource;
}

/**
 * One destination bound alone under fresh mocks, the way `BucketNotifications` binds it (under a
 * component of its own, its queue and topic grants written once bound) but with no notification,
 * no invokes and no other destination: the cheapest build that shows exactly what it registers.
 */
export async function bindAlone(destination: NotificationDestination, options: BindOptions = {}): Promise<Bound> {
  const engine = await mockEngine();
  const name = options.name ?? "n-d";
  const rules = options.rules ?? [["r", "uploads", "in/"]];
  const keys = [...new Set(rules.map(([, bucket]) => bucket))];
  const sources = options.sources ?? keys.map((key) => sourceBucket(key));
  const bucket = (key: string) => sources.find((s) => s.key === key)!;
  const routes: Route[] = rules.map(([ruleId, key, prefix]) => ({ ruleId, bucket: bucket(key), events: options.events ?? ["s3:ObjectCreated:*"], filter: { prefix, suffix: "" } }));
  const parent = new pulumi.ComponentResource("test:index:Destination", name);
  const grants = new GrantBook();
  const binding = destination.bind({
    name,
    parent,
    routes,
    sources: [...new Set(routes.map((r) => r.bucket))],
    accountId: pulumi.output(ACCOUNT),
    partition: pulumi.output("aws"),
    failure: { ...FAILURE_HANDLING_DEFAULTS, ...withoutUndefined(options.failure ?? {}) },
    grants,
  });
  grants.createPolicies();
  await engine.settle();
  return { engine, binding, parent };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
