/** Small builders to call policies directly, as awsguard's tests do: build args, collect violations. */
import { unknownCheckingProxy, UnknownValueError, type PolicyResource, type ResourceValidationArgs, type ResourceValidationPolicy, type StackValidationPolicy } from "@pulumi/policy";
import { forgetVerdicts } from "../../policies/grants/evaluator";
import type { PackClient, PolicyConfigEntry, PolicySummary } from "../../tools/offline/packClient";
import { sharedPack } from "../support/sharedPack";

// Every test evaluates the grants it judges: no verdict cached by an earlier test answers for it
// (under Stryker, one cached while another mutant was active would).
beforeEach(() => forgetVerdicts());

/** The engine's sentinel for an unknown string during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface Violation {
  readonly message: string;
  readonly urn?: string;
  /** Set on the SDK's "can't run during preview" note, which it reports as advisory whatever the policy's level. */
  readonly advisory?: true;
}

/** Records a violation, or the note the SDK turns an unknown-value error into. */
async function run(violations: Violation[], validate: () => unknown): Promise<void> {
  try {
    await validate();
  } catch (e) {
    if (!(e instanceof UnknownValueError)) throw e;
    violations.push({ message: `can't run policy during preview: ${(e as Error).message}`, advisory: true });
  }
}

const urnOf = (type: string, name: string) => `urn:pulumi:test::app::${type}::${name}`;

/**
 * Runs a resource policy on one resource, its props wrapped as the SDK wraps them (reading an
 * unknown value throws). Config is passed as given: no schema defaults.
 */
export async function checkResource(
  policy: ResourceValidationPolicy,
  type: string,
  props: Record<string, unknown>,
  config?: object,
  name = "subject",
  provider?: PolicyResource,
): Promise<Violation[]> {
  const violations: Violation[] = [];
  const args = {
    type,
    props: unknownCheckingProxy(props),
    provider,
    urn: urnOf(type, name),
    name,
    opts: {},
    getConfig: () => config,
    isType: () => false,
    asType: () => undefined,
    notApplicable: () => undefined,
  } as unknown as ResourceValidationArgs;
  const validations = [policy.validateResource ?? []].flat();
  for (const validate of validations) await run(violations, () => validate(args, (message, urn) => violations.push({ message, urn })));
  return violations;
}

/** A stack resource; `deps` maps property names to the resources they depend on. */
export function stackResource(
  type: string,
  name: string,
  props: Record<string, unknown> = {},
  deps: Record<string, PolicyResource[]> = {},
  dependencies: PolicyResource[] = [],
): PolicyResource {
  return {
    type,
    name,
    urn: urnOf(type, name),
    props: unknownCheckingProxy(props),
    opts: {},
    dependencies,
    propertyDependencies: deps,
    isType: () => false,
    asType: () => undefined,
  } as unknown as PolicyResource;
}

export async function checkStack(policy: StackValidationPolicy, resources: PolicyResource[], config?: object): Promise<Violation[]> {
  const violations: Violation[] = [];
  await run(violations, () => policy.validateStack({ resources, getConfig: () => config } as never, (message, urn) => violations.push({ message, urn })));
  return violations;
}

/**
 * Our pack, started the way the engine does (once for the whole run: tests/support/sharedPack.ts)
 * and configured for the calling suite before its tests. `config` is sent after the schema
 * defaults, as a `--policy-pack-config` file would be.
 */
export function usePack(config: Record<string, PolicyConfigEntry> = {}): { pack(): PackClient; policies(): PolicySummary[] } {
  let pack: PackClient | undefined;
  let policies: PolicySummary[] = [];
  before(async () => {
    pack = await sharedPack();
    policies = (await pack.info()).policies;
    await pack.configure(policies, config);
  });
  return {
    pack: () => {
      if (!pack) throw new Error("the pack is not started yet");
      return pack;
    },
    policies: () => policies,
  };
}

/** Every path to a value in `props`, objects and arrays included, e.g. `["queues", 0, "events"]`. */
export function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => [[...prefix, i], ...paths(v, [...prefix, i])]);
  if (typeof value === "object" && value !== null) return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...paths(v, [...prefix, k])]);
  return [];
}

/** A copy of `props` with the engine's unknown sentinel at `path`. */
export function withUnknownAt(props: Record<string, unknown>, path: (string | number)[]): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(props)) as Record<string, unknown>;
  let at: Record<string | number, unknown> = copy;
  for (const step of path.slice(0, -1)) at = at[step] as Record<string | number, unknown>;
  at[path[path.length - 1]] = UNKNOWN;
  return copy;
}
