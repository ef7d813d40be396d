/**
 * One verdict from two views of a program: a first preview (outputs of new resources unknown)
 * and an update (outputs known). Each mandatory violation is marked by when it blocks: at
 * preview (a real `pulumi preview` already fails) or only at update (the preview passes and
 * `pulumi up` fails). Unknowns can only hide a violation, so one found at preview is also found
 * at update; the mode chosen decides the exit code and which advisories are shown.
 */
import type { Judgement } from "./judge";
import type { Diagnostic } from "./packClient";
import type { Mode, ProgramRun } from "./runProgram";
import { isUnknownSentinel } from "./unknowns";

export type BlocksAt = "preview" | "update";

export interface MandatoryViolation extends Diagnostic {
  readonly blocksAt: BlocksAt;
}

export interface Verdict {
  readonly mode: Mode;
  readonly pack: Judgement["pack"];
  readonly policies: Judgement["policies"];
  readonly mandatory: readonly MandatoryViolation[];
  /** The advisories of the chosen mode's view (at preview, policies that read unknowns among them). */
  readonly advisory: readonly Diagnostic[];
  readonly counts: { readonly atPreview: number; readonly atUpdate: number; readonly advisory: number };
}

/**
 * What identifies one violation in both views: its policy, and the resource it is reported on
 * with every name it quotes, in any order. Registration order may differ between the runs, so a
 * pair (`a` and `b` share a bucket) can be reported on either resource. Quoted values that may be
 * unknown in a first preview (ARNs, paths, account ids, the engine's unknown sentinels, which look
 * like names) are left out: the same violation quotes a placeholder there and the real value at update.
 */
export function violationKey(d: Diagnostic): string {
  const quoted = [...d.message.matchAll(/`([^`]*)`/g)]
    .map((m) => m[1])
    .filter((q) => /^[A-Za-z0-9._\[\]-]+$/.test(q) && !/^\d{12}$/.test(q) && !isUnknownSentinel(q));
  const names = [...new Set([...d.urn.split("::").slice(-1), ...quoted])].sort();
  return `${d.policy}\u0000${names.join("\u0000")}`;
}
const key = violationKey;

export function combine(mode: Mode, preview: Judgement, update: Judgement): Verdict {
  const atPreview = preview.diagnostics.filter((d) => d.level === "mandatory");
  const atUpdate = update.diagnostics.filter((d) => d.level === "mandatory");
  const previewKeys = new Set(atPreview.map(key));
  const mandatory: MandatoryViolation[] = [
    ...atPreview.map((d) => ({ ...d, blocksAt: "preview" as const })),
    ...atUpdate.filter((d) => !previewKeys.has(key(d))).map((d) => ({ ...d, blocksAt: "update" as const })),
  ];
  const advisory = (mode === "preview" ? preview : update).diagnostics.filter((d) => d.level === "advisory");
  return {
    mode,
    pack: update.pack,
    policies: update.policies,
    mandatory,
    advisory,
    counts: { atPreview: atPreview.length, atUpdate: atUpdate.length, advisory: advisory.length },
  };
}

/** 1 when the chosen mode's view has a mandatory violation. */
export function verdictExitCode(v: Verdict): 0 | 1 {
  return (v.mode === "preview" ? v.counts.atPreview : v.counts.atUpdate) > 0 ? 1 : 0;
}

/** The two runs a verdict is drawn from. */
export interface Runs {
  readonly preview: ProgramRun;
  readonly update: ProgramRun;
}
