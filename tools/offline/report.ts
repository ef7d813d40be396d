/** The offline preview's report: the resource tree, the verdict by level, and a summary line. */
import type { Diagnostic } from "./packClient";
import type { ProgramRun } from "./runProgram";
import { verdictExitCode, type MandatoryViolation, type Verdict } from "./verdict";

export interface PreviewResult {
  /** The run of the chosen mode. */
  readonly run: ProgramRun;
  readonly verdict: Verdict;
}

export function counts(result: PreviewResult) {
  return {
    resources: result.run.resources.length,
    components: result.run.resources.filter((r) => !r.custom).length,
    mandatoryAtPreview: result.verdict.counts.atPreview,
    mandatoryAtUpdate: result.verdict.counts.atUpdate,
    advisory: result.verdict.counts.advisory,
  };
}

export function exitCode(result: PreviewResult): 0 | 1 {
  return verdictExitCode(result.verdict);
}

const MODE_LINE = {
  preview: "judged as a first `pulumi preview`: outputs of new resources unknown",
  update: "judged as `pulumi up` once resources exist: outputs known",
} as const;

export function textReport(result: PreviewResult): string {
  const { run, verdict } = result;
  const c = counts(result);
  const lines = [
    `Offline preview of ${run.project}/${run.stack} (Pulumi mocks; ${run.region}; no cloud credentials used)`,
    "",
    `Resources: ${c.resources} (${c.resources - c.components} custom, ${c.components} component${c.components === 1 ? "" : "s"})`,
    ...tree(run),
    "",
    `Policy pack ${verdict.pack.name}@${verdict.pack.version} (${verdict.policies.length} policies), ${MODE_LINE[verdict.mode]}`,
    `  Mandatory violations: ${verdict.mandatory.length} (${c.mandatoryAtPreview} block a first preview, ${verdict.mandatory.length - c.mandatoryAtPreview} only an update)`,
  ];
  for (const d of verdict.mandatory) lines.push(...violation(d, run, verdict));
  lines.push(`  Advisory: ${verdict.advisory.length}`);
  for (const d of verdict.advisory) lines.push(...violation(d, run, verdict));
  const blocking = verdict.mode === "preview" ? c.mandatoryAtPreview : c.mandatoryAtUpdate;
  const verdictText =
    blocking > 0
      ? "FAILED: fix the mandatory violations above"
      : c.mandatoryAtUpdate > 0
        ? "passes a first preview, but `pulumi up` would fail (--as-update to fail on it)"
        : "passed";
  lines.push(
    "",
    `Summary: ${c.resources} resources, ${c.mandatoryAtPreview} mandatory violations at preview and ${c.mandatoryAtUpdate} at update, ${c.advisory} advisory; ${verdictText}.`,
  );
  return lines.join("\n") + "\n";
}

function violation(d: Diagnostic | MandatoryViolation, run: ProgramRun, verdict: Verdict): string[] {
  const resource = run.resources.find((r) => r.urn === d.urn);
  const where = resource ? `${resource.type} ${resource.name}` : d.urn === run.stackUrn ? "(stack)" : d.urn;
  const when = "blocksAt" in d ? (d.blocksAt === "preview" ? " (blocks at preview)" : " (blocks only at update)") : "";
  // The SDK puts the policy's description before the violation; the policy name already says it.
  const description = verdict.policies.find((p) => p.name === d.policy)?.description;
  const lines = d.message.split("\n");
  const message = description && lines[0] === description ? lines.slice(1) : lines;
  return [`    [${d.policy}] ${where}${when}`, ...message.map((l) => `      ${l}`)];
}

function tree(run: ProgramRun): string[] {
  const children = new Map<string, (typeof run.resources)[number][]>();
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
  const { run, verdict } = result;
  return (
    JSON.stringify(
      {
        project: run.project,
        stack: run.stack,
        mode: verdict.mode,
        summary: { ...counts(result), exitCode: exitCode(result) },
        pack: verdict.pack,
        diagnostics: [...verdict.mandatory, ...verdict.advisory],
        resources: run.resources.map((r) => ({
          urn: r.urn,
          type: r.type,
          name: r.name,
          parent: r.parent ?? run.stackUrn,
          dependencies: r.dependencies,
          propertyDependencies: r.propertyDependencies,
          protect: r.protect,
          inputs: r.inputs,
          outputs: r.outputs,
        })),
        exports: run.exports,
      },
      null,
      2,
    ) + "\n"
  );
}
