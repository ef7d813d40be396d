/** The resources of a run as the engine sends them to a pack: with their inputs (Analyze) or outputs (AnalyzeStack). */
import type { StackResource } from "./packClient";
import type { ProgramRun } from "./runProgram";

/** The resources as the engine sends them: top-level ones under the stack resource. */
export function stackResources(run: ProgramRun, use: "inputs" | "outputs"): StackResource[] {
  const root: StackResource = { urn: run.stackUrn, type: "pulumi:pulumi:Stack", name: `${run.project}-${run.stack}`, properties: {} };
  return [
    root,
    ...run.resources.map((r) => ({
      urn: r.urn,
      type: r.type,
      name: r.name,
      properties: use === "outputs" ? (r.outputs ?? r.inputs) : r.inputs,
      parent: r.parent ?? run.stackUrn,
      dependencies: r.dependencies,
      propertyDependencies: r.propertyDependencies,
      provider: defaultProvider(run, r.type),
    })),
  ];
}

/**
 * The default provider the engine sends with `Analyze` for an `aws` or `aws-native` resource, with
 * the stack's region. The mocks do not record explicit providers: a resource given one is judged
 * with the default's region here.
 */
function defaultProvider(run: ProgramRun, type: string): StackResource["provider"] {
  const pkg = type.split(":")[0];
  if (pkg !== "aws" && pkg !== "aws-native") return undefined;
  const providerType = `pulumi:providers:${pkg}`;
  return { urn: `urn:pulumi:${run.stack}::${run.project}::${providerType}::default`, type: providerType, name: "default", properties: { region: run.region } };
}
