/**
 * Runs a Pulumi TypeScript program in this process under the mock engine and returns the graph
 * the engine would have received, in one of two modes:
 * - `preview`: a first `pulumi preview`; what AWS computes on create (ARNs, URLs, ids) is unknown;
 * - `update`: `pulumi up` once the resources exist; every output is known.
 * The program's `beforeExit` work runs (e.g. @pulumi/aws's bucket mixins register their
 * BucketNotification there) until it registers nothing more. A program that stops making progress
 * for `settleTimeoutMs` fails, naming what is pending. Any error the program raises (thrown while
 * loading, from an Output, from an invoke) becomes a ProgramError: never a pass.
 */
import * as pulumi from "@pulumi/pulumi";
import * as runtimeResource from "@pulumi/pulumi/runtime/resource";
import * as fs from "fs";
import * as path from "path";
import { MockEngine, type CapturedResource } from "./mockEngine";
import { installCheapPulumiStackProbes } from "./pulumiStackProbes";
import type { StackFiles } from "./stackFiles";
import { engineValue } from "./unknowns";

/** The account the mocks' ARNs name. */
export const OFFLINE_ACCOUNT = "123456789012";
/** How long a program may make no progress (no resource constructed or registered) before it fails. */
export const DEFAULT_SETTLE_TIMEOUT_MS = 10_000;
/** `beforeExit` rounds after which a program still registering is deemed to loop. */
const MAX_EXIT_ROUNDS = 20;

export type Mode = "preview" | "update";

export class ProgramError extends Error {}

export interface ProgramRun {
  readonly project: string;
  readonly stack: string;
  readonly mode: Mode;
  /** The stack resource every top-level resource hangs under, as in the engine. */
  readonly stackUrn: string;
  readonly resources: readonly CapturedResource[];
  readonly exports: Readonly<Record<string, unknown>>;
  /** The stack's `aws:region`: the region of the default providers. */
  readonly region: string;
}

export interface RunOptions {
  readonly mode: Mode;
  /** Defaults to DEFAULT_SETTLE_TIMEOUT_MS. */
  readonly settleTimeoutMs?: number;
}

/** Every resource the program constructs, whether or not its registration reaches the engine. */
interface Constructed {
  readonly type: string;
  readonly name: string;
}
let constructed: Constructed[] = [];
const originalRegister = runtimeResource.registerResource;
// The Resource constructor calls this through the module object, so the record sees every one.
(runtimeResource as { registerResource: typeof originalRegister }).registerResource = function (this: unknown, ...args) {
  constructed.push({ type: args[2], name: args[3] });
  return originalRegister.apply(this, args);
};

let lastEngine: MockEngine | undefined;

/**
 * An error of the program as the user should read it. An unanswered invoke is the cause of
 * whatever failed after it (the SDK reports it as "error serializing property" with no reason).
 */
export function asProgramError(err: unknown): ProgramError {
  const invokeError = lastEngine?.invokeErrors[0];
  if (invokeError) return new ProgramError(invokeError.message);
  return err instanceof ProgramError ? err : new ProgramError(err instanceof Error ? err.message : String(err));
}

/**
 * A program: a folder with a Pulumi program (loaded like the language host loads it), or a
 * function that declares resources (for tests and tools that build graphs in code).
 */
export type Program = string | (() => unknown);

/**
 * Runs the program once. `options` defaults to an update (every output known), what tools that
 * follow the wiring by ARN need; the preview's verdict uses both modes (`runBothModes`).
 */
export async function runProgram(program: Program, files: StackFiles, options: RunOptions = { mode: "update" }): Promise<ProgramRun> {
  // Exactly the stack's config, as the language host gives a fresh program: nothing left from an earlier run.
  pulumi.runtime.setAllConfig({ ...files.config });
  const region = files.config["aws:region"] ?? "us-east-1";
  const engine = await MockEngine.install({ project: files.project, stack: files.stack, preview: options.mode === "preview", region, accountId: OFFLINE_ACCOUNT });
  lastEngine = engine;
  constructed = [];
  const stall = new StallWatch(engine, options.settleTimeoutMs ?? DEFAULT_SETTLE_TIMEOUT_MS);

  let fail: (err: unknown) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => (fail = reject));
  failed.catch(() => undefined); // observed below through the races
  process.on("unhandledRejection", fail);
  process.on("uncaughtException", fail);
  const cwd = process.cwd();
  // Keep stdout for reports: what the program prints goes to stderr.
  const log = console.log;
  console.log = console.error;
  // The SDK's own stack probes cost most of a run's CPU when source-mapped; a program's errors stay mapped.
  installCheapPulumiStackProbes();
  try {
    let exported: unknown;
    try {
      if (typeof program === "string") {
        const dir = path.resolve(program);
        process.chdir(dir);
        exported = loadProgram(dir);
      } else {
        exported = program();
      }
      if (typeof exported === "function") exported = exported();
      if (exported instanceof Promise) exported = await Promise.race([exported, failed, stall.watch()]);
    } catch (err) {
      fail(err);
    }
    await settleWithExitHooks(engine, stall, failed);
    const exports = await Promise.race([resolveExports(exported), failed, stall.watch()]);
    // Even when the program caught it, a verdict must not rest on a data source nobody answered.
    if (engine.invokeErrors.length > 0) throw new ProgramError(engine.invokeErrors[0].message);
    const stackUrn = `urn:pulumi:${files.stack}::${files.project}::pulumi:pulumi:Stack::${files.project}-${files.stack}`;
    return { project: files.project, stack: files.stack, mode: options.mode, region, stackUrn, resources: [...engine.resources], exports };
  } catch (err) {
    throw asProgramError(err);
  } finally {
    stall.stop();
    console.log = log;
    process.chdir(cwd);
    process.off("unhandledRejection", fail);
    process.off("uncaughtException", fail);
  }
}

/** Each program's own modules its last load added to the cache, found even when the load threw. */
const loadedOnLoad = new Map<string, Set<string>>();

/**
 * Loads the program like the language host: by path, at run time. Its own modules are loaded
 * afresh, so the same program can run again in another mode; its packages are not, whether in
 * `node_modules` or workspace packages of its own (a folder below it with a package.json, such as
 * this repository's components/ and policies/). Only what the program's last run loaded counts as
 * its own: a module of the same folder the program never requires (a test, a tool) stays loaded,
 * with its state.
 */
function loadProgram(dir: string): unknown {
  const packageDirs = new Map<string, boolean>();
  const isPackageDir = (d: string) => {
    if (!packageDirs.has(d)) packageDirs.set(d, fs.existsSync(path.join(d, "package.json")));
    return packageDirs.get(d)!;
  };
  const inPackage = (file: string) => {
    for (let d = path.dirname(file); d.startsWith(dir + path.sep); d = path.dirname(d)) if (isPackageDir(d)) return true;
    return false;
  };
  const own = (file: string) =>
    file.startsWith(dir + path.sep) && !file.includes(`${path.sep}node_modules${path.sep}`) && !file.startsWith(__dirname + path.sep) && !inPackage(file);
  // A module that throws while loading leaves the cache, and its parent's `children`, but what it
  // had loaded stays cached, out of the entry's reach: the set the last load added still has it.
  for (const file of new Set([...(loadedOnLoad.get(dir) ?? []), ...loadedBy(require.resolve(dir), own)])) delete require.cache[file];
  const before = new Set(Object.keys(require.cache));
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(dir);
  } finally {
    loadedOnLoad.set(dir, new Set(Object.keys(require.cache).filter((file) => !before.has(file) && own(file))));
  }
}

/**
 * The modules `entry` loaded, directly or through its own modules, when it last ran. Node lists a
 * module among a parent's `children` whenever the parent requires it, cached or not.
 */
function loadedBy(entry: string, own: (file: string) => boolean): Set<string> {
  const found = new Set<string>();
  const visit = (module: NodeJS.Module | undefined) => {
    if (module === undefined || found.has(module.filename) || !own(module.filename)) return;
    found.add(module.filename);
    for (const child of module.children) visit(child);
  };
  visit(require.cache[entry]);
  return found;
}

/**
 * Waits for every registration, then lets the program's `beforeExit` handlers run, as Node does
 * when the event loop empties, until a round registers nothing new.
 */
async function settleWithExitHooks(engine: MockEngine, stall: StallWatch, failed: Promise<never>): Promise<void> {
  for (let round = 0; ; round++) {
    await Promise.race([engine.settle(), failed, stall.watch()]);
    // A registration that failed is reported as an unhandled rejection after the queue drains.
    await Promise.race([new Promise((resolve) => setImmediate(resolve)), failed]);
    const before = constructed.length;
    if (round >= MAX_EXIT_ROUNDS) throw new ProgramError(`the program's beforeExit handlers kept registering resources for ${MAX_EXIT_ROUNDS} rounds`);
    process.emit("beforeExit", 0);
    await Promise.race([new Promise((resolve) => setImmediate(resolve)), failed]);
    if (constructed.length === before) {
      await Promise.race([engine.settle(), failed, stall.watch()]);
      // A handler may register only after awaiting an Output: give it two more turns of the loop.
      for (let turn = 0; turn < 2; turn++) await Promise.race([new Promise((resolve) => setTimeout(resolve, 0)), failed]);
      if (constructed.length === before) return;
    }
  }
}

/** Fails a wait when nothing is constructed or registered for `limitMs`, naming what is pending. */
class StallWatch {
  private timer: NodeJS.Timeout | undefined;
  private reject: ((err: ProgramError) => void)[] = [];
  private lastProgress = Date.now();
  private lastCount = -1;

  constructor(
    private readonly engine: MockEngine,
    private readonly limitMs: number,
  ) {
    this.timer = setInterval(() => this.check(), Math.min(250, limitMs));
  }

  /** A promise that rejects when the program stalls. */
  watch(): Promise<never> {
    return new Promise<never>((_, reject) => this.reject.push(reject));
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private check(): void {
    const count = constructed.length + this.engine.resources.length + this.engine.resources.filter((r) => r.outputs).length;
    const now = Date.now();
    if (count !== this.lastCount) {
      this.lastCount = count;
      this.lastProgress = now;
      return;
    }
    if (now - this.lastProgress < this.limitMs || this.reject.length === 0) return;
    const error = new ProgramError(this.describe());
    for (const reject of this.reject) reject(error);
    this.stop();
  }

  private describe(): string {
    const registered = new Map<string, number>();
    for (const r of this.engine.resources) registered.set(`${r.type} ${r.name}`, (registered.get(`${r.type} ${r.name}`) ?? 0) + 1);
    const pending: string[] = [];
    for (const c of constructed) {
      const key = `${c.type} ${c.name}`;
      const n = registered.get(key) ?? 0;
      if (n > 0) registered.set(key, n - 1);
      else pending.push(`${c.type} \`${c.name}\``);
    }
    const unanswered = this.engine.resources.filter((r) => !r.outputs).map((r) => `${r.type} \`${r.name}\``);
    const seconds = this.limitMs / 1000;
    const lines = [`the program did not settle: nothing progressed for ${seconds} s.`];
    if (pending.length > 0) lines.push(`  Waiting for the inputs of ${pending.length} resource(s) (an Output or promise that never resolves): ${pending.slice(0, 10).join(", ")}${pending.length > 10 ? ", ..." : ""}`);
    if (unanswered.length > 0) lines.push(`  Registered but unanswered: ${unanswered.slice(0, 10).join(", ")}`);
    if (pending.length === 0 && unanswered.length === 0) {
      // process.getActiveResourcesInfo names what keeps the event loop alive (timers, sockets, ...).
      const handles = process.getActiveResourcesInfo();
      lines.push(`  No resource is pending: the program awaits a promise or export that never resolves (active handles: ${handles.join(", ") || "none"}).`);
    }
    return lines.join("\n");
  }
}

/** The SDK's own way to read an Output with its unknowns (`apply` never runs on an unknown). */
interface OutputWithUnknowns {
  promise(withUnknowns: boolean): Promise<unknown>;
}

async function resolveExports(exported: unknown): Promise<Record<string, unknown>> {
  if (typeof exported !== "object" || exported === null) return {};
  const entries = await Promise.all(
    Object.entries(exported).map(async ([key, value]) => {
      const output = pulumi.output(value) as unknown as OutputWithUnknowns;
      return [key, engineValue(await output.promise(true))] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/** Both views of a program, for a verdict that says when each violation blocks. */
export async function runBothModes(program: Program, files: StackFiles, settleTimeoutMs?: number): Promise<{ preview: ProgramRun; update: ProgramRun }> {
  const preview = await runProgram(program, files, { mode: "preview", settleTimeoutMs });
  const update = await runProgram(program, files, { mode: "update", settleTimeoutMs });
  return { preview, update };
}
