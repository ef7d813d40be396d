// Runs the commands of tools/ as `npm run` does, from the project folder: in this process, with
// the policy pack the suite shares (the default: the commands' own code, without a Node.js and
// ts-node start and a pack start each), or in a process of their own where the process is the
// point (`spawnTool`: exit codes on errors that escape, what a user's shell sees).
import { spawnSync } from "child_process";
import * as path from "path";
import type { CommandResult } from "../../../tools/command";
import { explainCommand } from "../../../tools/explain/explain";
import { failurePathsCommand } from "../../../tools/failurePaths/main";
import { preview as previewCommand } from "../../../tools/offline/preview";
import { sharedPack } from "../../support/sharedPack";

export const root = path.join(__dirname, "../../..");
export const fixtures = path.join(root, "tests/fixtures");

export type ToolRun = CommandResult;

/** `node -r ts-node/register/transpile-only tools/SCRIPT ARGS` in its own process. */
export function spawnTool(script: string, ...args: string[]): ToolRun {
  const run = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", path.join(root, "tools", script), ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, TS_NODE_PROJECT: path.join(root, "tsconfig.json") },
  });
  return { code: run.status ?? 2, stdout: run.stdout, stderr: run.stderr };
}

/** Runs a command from the project folder, as `npm run` does. */
async function fromRoot(command: () => Promise<CommandResult>): Promise<CommandResult> {
  const cwd = process.cwd();
  process.chdir(root);
  try {
    return await command();
  } finally {
    process.chdir(cwd);
  }
}

// The same arguments print the same: a run is shared by the specs that read it (the dev stack's
// report, above all). Runs that write files (--diagram) are not shared.
const runs = new Map<string, Promise<CommandResult>>();
function shared(key: string, args: string[], command: () => Promise<CommandResult>): Promise<CommandResult> {
  if (args.includes("--diagram")) return fromRoot(command);
  const id = [key, ...args].join("\u0000");
  if (!runs.has(id)) runs.set(id, fromRoot(command));
  return runs.get(id)!;
}

/** `npm run preview:offline -- ARGS`. */
export const preview = (...args: string[]) => shared("preview", args, () => previewCommand(args, { startedPack: sharedPack }));

/** `npm run preview:offline -- --program tests/fixtures/programs/NAME ARGS`. */
export const previewProgram = (name: string, ...args: string[]) => preview("--program", path.join(fixtures, "programs", name), ...args);

/** `npm run explain -- ARGS`. */
export const explain = (...args: string[]) => shared("explain", args, () => explainCommand(args));

/** `npm run failure-paths -- ARGS`. */
export const failurePaths = (...args: string[]) => shared("failure-paths", args, () => failurePathsCommand(args));

/** What `--json` prints. */
export interface JsonResult {
  mode: "preview" | "update";
  summary: { resources: number; mandatoryAtPreview: number; mandatoryAtUpdate: number; advisory: number; exitCode: number };
  diagnostics: { policy: string; level: string; message: string; urn: string; blocksAt?: "preview" | "update" }[];
  resources: {
    urn: string;
    type: string;
    name: string;
    parent: string;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    protect: boolean;
    inputs: Record<string, unknown>;
    outputs: Record<string, unknown>;
  }[];
  exports: Record<string, unknown>;
}
