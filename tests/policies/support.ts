/** Small builders to call policies directly, as awsguard's tests do: build args, collect violations. */
import type { PolicyResource, ResourceValidationArgs, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import * as path from "path";
import { PackClient, type PolicyConfigEntry, type PolicySummary } from "../../tools/offline/packClient";

export interface Violation {
  readonly message: string;
  readonly urn?: string;
}

const urnOf = (type: string, name: string) => `urn:pulumi:test::app::${type}::${name}`;

/** Runs a resource policy on one resource. Config is passed as given: no schema defaults. */
export function checkResource(policy: ResourceValidationPolicy, type: string, props: Record<string, unknown>, config?: object, name = "subject"): Violation[] {
  const violations: Violation[] = [];
  const args = {
    type,
    props,
    urn: urnOf(type, name),
    name,
    opts: {},
    getConfig: () => config,
    isType: () => false,
    asType: () => undefined,
    notApplicable: () => undefined,
  } as unknown as ResourceValidationArgs;
  const validations = [policy.validateResource ?? []].flat();
  for (const validate of validations) void validate(args, (message, urn) => violations.push({ message, urn }));
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
    props,
    opts: {},
    dependencies,
    propertyDependencies: deps,
    isType: () => false,
    asType: () => undefined,
  } as unknown as PolicyResource;
}

export function checkStack(policy: StackValidationPolicy, resources: PolicyResource[], config?: object): Violation[] {
  const violations: Violation[] = [];
  void policy.validateStack({ resources, getConfig: () => config } as never, (message, urn) => violations.push({ message, urn }));
  return violations;
}

/**
 * Starts our pack the way the engine does before the suite's tests and stops it after. `config`
 * is sent after the schema defaults, as a `--policy-pack-config` file would be.
 */
export function usePack(config: Record<string, PolicyConfigEntry> = {}): { pack(): PackClient; policies(): PolicySummary[] } {
  let pack: PackClient | undefined;
  let policies: PolicySummary[] = [];
  before(async () => {
    pack = await PackClient.start(path.join(__dirname, "../../policies"));
    policies = (await pack.info()).policies;
    await pack.configure(policies, config);
  });
  after(() => pack?.close());
  return {
    pack: () => {
      if (!pack) throw new Error("the pack is not started yet");
      return pack;
    },
    policies: () => policies,
  };
}
