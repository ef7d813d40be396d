/** The offline preview's report: the resource tree, the verdict by level, and a summary line. */
import type { Diagnostic } from "./packClient";
import type { Judgement } from "./judge";
import type { ProgramRun } from "./runProgram";

export interface PreviewResult {
  readonly run: ProgramRun;
  readonly judgement: Judgement;
  readonly region: string;
}

export function counts(result: PreviewResult) {
  const { diagnostics } = result.judgement;
  return {
    resources: result.run.resources.length,
    components: result.run.resources.filter((r) => !r.custom).length,
    mandatory: diagnostics.filter((d) => d.level === "mandatory").length,
    advisory: diagnostics.filter((d) => d.level === "advisory").length,
  };
}

export function exitCode(result: PreviewResult): 0 | 1 {
  return counts(result).mandatory > 0 ? 1 : 0;
}

export function textReport(result: PreviewResult): string {
  const { run, judgement } = result;
  const c = counts(result);
  const lines = [
    `Offline preview of ${run.project}/${run.stack} (Pulumi mocks; ${result.region}; no cloud credentials used)`,
    "",
    `Resources: ${c.resources} (${c.resources - c.components} custom, ${c.components} component${c.components === 1 ? "" : "s"})`,
    ...tree(run),
    "",
    `Policy pack ${judgement.pack.name}@${judgement.pack.version} (${judgement.policies.length} policies)`,
  ];
  for (const level of ["mandatory", "advisory"] as const) {
    const found = judgement.diagnostics.filter((d) => d.level === level);
    lines.push(`  ${level === "mandatory" ? "Mandatory violations" : "Advisory"}: ${found.length}`);
    for (const d of found) lines.push(...violation(d, run, judgement));
  }
  const verdict = c.mandatory > 0 ? "FAILED: fix the mandatory violations above" : "passed";
  lines.push("", `Summary: ${c.resources} resources, ${c.mandatory} mandatory and ${c.advisory} advisory violations; ${verdict}.`);
  return lines.join("\n") + "\n";
}

function violation(d: Diagnostic, run: ProgramRun, judgement: Judgement): string[] {
  const resource = run.resources.find((r) => r.urn === d.urn);
  const where = resource ? `${resource.type} ${resource.name}` : d.urn || "(stack)";
  // The SDK puts the policy's description before the violation; the policy name already says it.
  const description = judgement.policies.find((p) => p.name === d.policy)?.description;
  const lines = d.message.split("\n");
  const message = description && lines[0] === description ? lines.slice(1) : lines;
  return [`    [${d.policy}] ${where}`, ...message.map((l) => `      ${l}`)];
}

function tree(run: ProgramRun): string[] {
  const children = new Map<string, typeof run.resources[number][]>();
  for (const r of run.resources) {
    const parent = r.parent ?? run.stackUrn;
    children.set(parent, [...(children.get(parent) ?? []), r]);
  }
  const descendants = (urn: string): number => (children.get(urn) ?? []).reduce((n, c) => n + 1 + descendants(c.urn), 0);
  const lines = [`  pulumi:pulumi:Stack ${run.project}-${run.stack} (${descendants(run.stackUrn)})`];
  const walk = (urn: string, indent: string) => {
    const kids = children.get(urn) ?? [];
    kids.forEach((r, i) => {
      const last = i === kids.length - 1;
      const below = descendants(r.urn);
      lines.push(`${indent}${last ? "└─ " : "├─ "}${r.type} ${r.name}${below ? ` (${below})` : ""}`);
      walk(r.urn, `${indent}${last ? "   " : "│  "}`);
    });
  };
  walk(run.stackUrn, "  ");
  return lines;
}

export function jsonReport(result: PreviewResult): string {
  const { run, judgement } = result;
  return (
    JSON.stringify(
      {
        project: run.project,
        stack: run.stack,
        summary: { ...counts(result), exitCode: exitCode(result) },
        pack: judgement.pack,
        diagnostics: judgement.diagnostics,
        resources: run.resources.map((r) => ({
          urn: r.urn,
          type: r.type,
          name: r.name,
          parent: r.parent ?? run.stackUrn,
          dependencies: r.dependencies,
          propertyDependencies: r.propertyDependencies,
          protect: r.protect,
          inputs: r.inputs,
        })),
        exports: run.exports,
      },
      null,
      2,
    ) + "\n"
  );
}
