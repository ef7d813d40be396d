/** Small builders to call policies directly, as awsguard's tests do: build args, collect violations. */
import type { PolicyResource, ResourceValidationArgs, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";

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
