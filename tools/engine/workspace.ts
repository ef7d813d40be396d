// Runs the real Pulumi CLI (built by `npm run engine:build`) in an isolated world: its own
// PULUMI_HOME, a file:// backend, a passphrase secrets provider, the stand-in AWS provider first on
// PATH, and no plugin downloads. Nothing here touches the user's ~/.pulumi.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export const repoRoot = path.resolve(__dirname, "../..");
export const engineBin = path.join(repoRoot, ".engine", "bin");
const standInBin = path.join(repoRoot, "tests", "engine", "standInAws", "launcher");
const launcherBin = path.join(repoRoot, "tests", "engine", "launchers");

/**
 * A program's executable as the CLI would find it on the user's PATH, outside the folders the
 * specs put there themselves (the engine's own build and the launchers): the language hosts built
 * by hand (README, "The real engine"). Undefined when absent.
 */
export function onUserPath(executable: string): string | undefined {
  const ours = new Set([engineBin, launcherBin, standInBin].map((d) => path.resolve(d)));
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (dir === "" || ours.has(path.resolve(dir))) continue;
    const candidate = path.join(dir, executable);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

export interface WorkspaceOptions {
  /** Folders searched before the engine's own build: language hosts found on the user's PATH. */
  readonly pathFirst?: readonly string[];
  /** Whether tests/engine/launchers stands in for the Node.js language host (default true). */
  readonly launchers?: boolean;
  /** More environment for every command. */
  readonly env?: Readonly<Record<string, string>>;
}

/** Whether `npm run engine:build` has produced the CLI. */
export function engineBuilt(): boolean {
  return fs.existsSync(path.join(engineBin, "pulumi")) && fs.existsSync(path.join(engineBin, "pulumi-language-yaml"));
}

export interface CliResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout and stderr together, for assertions on what a user reads. */
  readonly output: string;
}

/** A throw-away Pulumi workspace: one home, one backend, one copy of a program. */
export class PulumiWorkspace {
  readonly home: string;
  readonly programDir: string;
  private readonly env: NodeJS.ProcessEnv;

  /** Copies `programDir` into a temp folder (the CLI writes stack files beside the program). */
  constructor(sourceProgram: string, options: WorkspaceOptions = {}) {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "s3-events-engine-"));
    this.home = path.join(root, "home");
    this.programDir = path.join(root, "program");
    const backend = path.join(root, "backend");
    fs.mkdirSync(this.home);
    fs.mkdirSync(backend);
    fs.cpSync(sourceProgram, this.programDir, { recursive: true });
    this.env = {
      ...process.env,
      PATH: [standInBin, ...(options.launchers === false ? [] : [launcherBin]), ...(options.pathFirst ?? []), engineBin, process.env.PATH].join(path.delimiter),
      PULUMI_HOME: this.home,
      PULUMI_BACKEND_URL: `file://${backend}`,
      PULUMI_CONFIG_PASSPHRASE: "engine-tests",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_SKIP_CONFIRMATIONS: "true",
      PULUMI_COPILOT_ENABLED: "false",
      NO_COLOR: "1",
      ...options.env,
    };
  }

  /** Runs `pulumi ARGS` in the program's folder; never throws on a non-zero exit. */
  run(args: readonly string[], timeoutMs = 180_000): CliResult {
    const r = spawnSync(path.join(engineBin, "pulumi"), [...args, "--non-interactive", "--color", "never"], {
      cwd: this.programDir,
      env: this.env,
      encoding: "utf8",
      timeout: timeoutMs,
      maxBuffer: 64 * 1024 * 1024,
    });
    if (r.error) throw r.error;
    return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, output: `${r.stdout}\n${r.stderr}` };
  }

  /** Runs and fails with the CLI's own words when it exits non-zero. */
  ok(args: readonly string[], timeoutMs?: number): CliResult {
    const r = this.run(args, timeoutMs);
    if (r.status !== 0) throw new Error(`pulumi ${args.join(" ")} exited ${r.status}:\n${r.output}`);
    return r;
  }

  /** Creates and selects a stack, with `config` set as plain values. */
  initStack(stack: string, config: Readonly<Record<string, string>> = {}): void {
    this.ok(["stack", "init", stack]);
    for (const [key, value] of Object.entries(config)) this.ok(["config", "set", key, value]);
  }

  remove(): void {
    fs.rmSync(path.dirname(this.home), { recursive: true, force: true });
  }
}
