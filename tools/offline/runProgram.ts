/**
 * Runs a Pulumi TypeScript program in this process under the mock engine, in preview mode, and
 * returns the graph the engine would have received. Any error the program raises (thrown while
 * loading, or from an Output during registration) becomes a ProgramError: never a pass.
 */
import * as pulumi from "@pulumi/pulumi";
import * as path from "path";
import { MockEngine, type CapturedResource } from "./mockEngine";
import type { StackFiles } from "./stackFiles";

/** The account the mocks' ARNs name. */
export const OFFLINE_ACCOUNT = "123456789012";
const SETTLE_TIMEOUT_MS = 120_000;

export class ProgramError extends Error {}

export interface ProgramRun {
  readonly project: string;
  readonly stack: string;
  /** The stack resource every top-level resource hangs under, as in the engine. */
  readonly stackUrn: string;
  readonly resources: readonly CapturedResource[];
  readonly exports: Readonly<Record<string, unknown>>;
  /** The stack's `aws:region`: the region of the default providers. */
  readonly region: string;
}

export async function runProgram(programDir: string, files: StackFiles): Promise<ProgramRun> {
  for (const [key, value] of Object.entries(files.config)) pulumi.runtime.setConfig(key, value);
  const region = files.config["aws:region"] ?? "us-east-1";
  const engine = await MockEngine.install({ project: files.project, stack: files.stack, preview: true, region, accountId: OFFLINE_ACCOUNT });

  let fail: (err: unknown) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => (fail = reject));
  failed.catch(() => undefined); // observed below through the race
  process.on("unhandledRejection", fail);
  process.on("uncaughtException", fail);
  try {
    const dir = path.resolve(programDir);
    process.chdir(dir);
    let exported: unknown;
    try {
      // The program is loaded like the language host loads it: by path, at run time.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      exported = require(dir);
      if (typeof exported === "function") exported = await exported();
    } catch (err) {
      fail(err);
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the program did not finish registering within ${SETTLE_TIMEOUT_MS / 1000} s`)), SETTLE_TIMEOUT_MS);
    });
    try {
      await Promise.race([engine.settle(), failed, timeout]);
      // A registration that failed is reported as an unhandled rejection after the queue drains.
      await Promise.race([new Promise((resolve) => setImmediate(resolve)), failed]);
      const exports = await Promise.race([resolveExports(exported), failed, timeout]);
      const stackUrn = `urn:pulumi:${files.stack}::${files.project}::pulumi:pulumi:Stack::${files.project}-${files.stack}`;
      return { project: files.project, stack: files.stack, stackUrn, resources: engine.resources, exports, region };
    } finally {
      clearTimeout(timer);
    }
  } catch (err) {
    throw new ProgramError(err instanceof Error ? err.message : String(err));
  } finally {
    process.off("unhandledRejection", fail);
    process.off("uncaughtException", fail);
  }
}

async function resolveExports(exported: unknown): Promise<Record<string, unknown>> {
  if (typeof exported !== "object" || exported === null) return {};
  const entries = await Promise.all(
    Object.entries(exported).map(async ([key, value]) => [key, await new Promise((resolve) => pulumi.output(value).apply(resolve))] as const),
  );
  return Object.fromEntries(entries);
}
