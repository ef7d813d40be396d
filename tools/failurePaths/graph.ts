/** The offline preview's captured graph, as the failure-path reader sees a stack: dependencies resolved to resources. */
import type { GraphResource } from "../../policies/resources/failurePaths";
import type { CapturedResource } from "../offline/mockEngine";

export function graphOf(captured: readonly CapturedResource[]): GraphResource[] {
  const byUrn = new Map<string, { urn: string; type: string; name: string; props: Record<string, unknown>; propertyDependencies: Record<string, GraphResource[]> }>();
  for (const r of captured) byUrn.set(r.urn, { urn: r.urn, type: r.type, name: r.name, props: r.outputs ?? r.inputs, propertyDependencies: {} });
  for (const r of captured) {
    const node = byUrn.get(r.urn)!;
    for (const [property, urns] of Object.entries(r.propertyDependencies)) {
      node.propertyDependencies[property] = urns.map((u) => byUrn.get(u)).filter((d): d is NonNullable<typeof d> => d !== undefined);
    }
  }
  return [...byUrn.values()];
}
