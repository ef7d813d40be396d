/**
 * Judges a captured graph with a policy pack over its real protocol: GetAnalyzerInfo, Configure
 * (schema defaults, then a `--policy-pack-config` file, validated against each schema as the
 * engine does), Analyze per resource with its inputs, AnalyzeStack with outputs and the graph.
 */
import { PackClient, type Diagnostic, type PolicySummary } from "./packClient";
import { readPolicyConfig } from "./policyConfig";
import type { ProgramRun } from "./runProgram";
import { stackResources } from "./stackResources";

export interface Judgement {
  readonly pack: { readonly name: string; readonly version: string };
  readonly policies: readonly PolicySummary[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * A started and configured pack. Opening it validates `--policy-pack-config` against the pack's
 * policies before any program runs, so a bad config fails at once; the same pack then judges
 * every view of the program.
 */
export class Judge {
  private constructor(
    private readonly pack: PackClient,
    readonly info: { readonly name: string; readonly version: string; readonly policies: readonly PolicySummary[] },
    /** Whether closing the judge stops the pack: only one it started. */
    private readonly ownsPack: boolean,
  ) {}

  static async open(packDir: string, configFile?: string): Promise<Judge> {
    const pack = await PackClient.start(packDir);
    try {
      return await Judge.configure(pack, configFile, true);
    } catch (err) {
      await pack.close();
      throw err;
    }
  }

  /**
   * Judges with a pack already started (e.g. one the test suite shares): configured as `open`
   * would, and left running on `close`.
   */
  static borrow(pack: PackClient, configFile?: string): Promise<Judge> {
    return Judge.configure(pack, configFile, false);
  }

  private static async configure(pack: PackClient, configFile: string | undefined, ownsPack: boolean): Promise<Judge> {
    const info = await pack.info();
    const fileConfig = configFile === undefined ? {} : readPolicyConfig(configFile, info.policies);
    await pack.configure(info.policies, fileConfig);
    return new Judge(pack, info, ownsPack);
  }

  /** Analyze per resource with its inputs, then AnalyzeStack with outputs and the graph. */
  async judge(run: ProgramRun): Promise<Judgement> {
    const diagnostics: Diagnostic[] = [];
    for (const resource of stackResources(run, "inputs")) {
      // Analyze's diagnostics concern the resource sent, whether or not they carry its URN.
      diagnostics.push(...(await this.pack.analyze(resource)).map((d) => ({ ...d, urn: d.urn || resource.urn })));
    }
    // The engine reports a stack diagnostic on the resource it names when that resource is in the
    // stack, else on the root stack (pkg/resource/deploy/step_generator.go, 3.248.0).
    const inStack = new Set(run.resources.map((r) => r.urn));
    const onStack = (urn: string) => (inStack.has(urn) ? urn : run.stackUrn);
    diagnostics.push(...(await this.pack.analyzeStack(stackResources(run, "outputs"))).map((d) => ({ ...d, urn: onStack(d.urn) })));
    return { pack: { name: this.info.name, version: this.info.version }, policies: this.info.policies, diagnostics };
  }

  close(): Promise<void> {
    return this.ownsPack ? this.pack.close() : Promise.resolve();
  }
}

/** Judges one run with a pack started for it alone. */
export async function judge(run: ProgramRun, packDir: string, configFile?: string): Promise<Judgement> {
  const pack = await Judge.open(packDir, configFile);
  try {
    return await pack.judge(run);
  } finally {
    await pack.close();
  }
}
