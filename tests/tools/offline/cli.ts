// Runs a tool of tools/ the way `npm run` does, from the project folder.
import { spawnSync } from "child_process";
import * as path from "path";

export const root = path.join(__dirname, "../../..");
export const fixtures = path.join(root, "tests/fixtures");

export interface ToolRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

export function runTool(script: string, ...args: string[]): ToolRun {
  const started = Date.now();
  const run = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", path.join(root, "tools", script), ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, TS_NODE_PROJECT: path.join(root, "tsconfig.json") },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr, ms: Date.now() - started };
}

/** `npm run preview:offline -- ARGS`. */
export const preview = (...args: string[]) => runTool("offline/preview.ts", ...args);

/** `npm run preview:offline -- --program tests/fixtures/programs/NAME ARGS`. */
export const previewProgram = (name: string, ...args: string[]) => preview("--program", path.join(fixtures, "programs", name), ...args);

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
