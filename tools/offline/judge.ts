/**
 * Judges a captured graph with a policy pack over its real protocol: GetAnalyzerInfo, Configure
 * (schema defaults, then a `--policy-pack-config` file, validated against each schema as the
 * engine does), Analyze per resource with its inputs, AnalyzeStack with outputs and the graph.
 */
import Ajv from "ajv";
import * as fs from "fs";
import { PackClient, type Diagnostic, type PolicyConfigEntry, type PolicySummary, type StackResource } from "./packClient";
import type { ProgramRun } from "./runProgram";

export class PolicyConfigError extends Error {}

export interface Judgement {
  readonly pack: { readonly name: string; readonly version: string };
  readonly policies: readonly PolicySummary[];
  readonly diagnostics: readonly Diagnostic[];
}

/** Reads a `--policy-pack-config` file and checks it against the pack's policies and schemas. */
export function readPolicyConfig(file: string, policies: readonly PolicySummary[]): Record<string, PolicyConfigEntry> {
  let config: unknown;
  try {
    config = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new PolicyConfigError(`${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (typeof config !== "object" || config === null || Array.isArray(config)) throw new PolicyConfigError(`${file} must hold a JSON object keyed by policy name`);
  const ajv = new Ajv({ allErrors: true });
  const levels = ["advisory", "mandatory", "disabled", "remediate"];
  for (const [name, entry] of Object.entries(config)) {
    const policy = policies.find((p) => p.name === name);
    if (name !== "all" && !policy) throw new PolicyConfigError(`${file}: \`${name}\` is not a policy of this pack (known: ${policies.map((p) => p.name).join(", ")})`);
    const level = typeof entry === "string" ? entry : (entry as { enforcementLevel?: unknown }).enforcementLevel;
    if (level !== undefined && !levels.includes(String(level))) throw new PolicyConfigError(`${file}: ${name}: \`${String(level)}\` is not an enforcement level (${levels.join(", ")})`);
    if (typeof entry === "object" && entry !== null && policy) {
      const { enforcementLevel: _level, ...properties } = entry as Record<string, unknown>;
      const validate = ajv.compile({ type: "object", additionalProperties: false, properties: policy.configSchema ?? {} });
      if (!validate(properties)) {
        const why = (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`).join("; ");
        throw new PolicyConfigError(`${file}: ${name}: ${why}`);
      }
    }
  }
  return config as Record<string, PolicyConfigEntry>;
}

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
    diagnostics.push(...(await this.pack.analyzeStack(stackResources(run, "outputs"))));
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
