/**
 * The options every tool that runs a stack's program takes (`preview:offline`, `failure-paths`,
 * `explain`): which program, which stack, which config file; parsed and resolved once, here.
 */
import * as path from "path";
import { readStackFiles, type StackFiles } from "./stackFiles";

/** This project: the default program. */
const ROOT = path.resolve(__dirname, "../..");

/** For `util.parseArgs`: spread into a tool's own options. */
export const PROGRAM_OPTIONS = {
  stack: { type: "string", default: "dev" },
  program: { type: "string", default: ROOT },
  "config-file": { type: "string" },
} as const;

/** The usage lines of those options, for a tool's `--help`. */
export const PROGRAM_USAGE = `  --stack NAME                 stack whose config the program runs with (default: dev)
  --program DIR                Pulumi TypeScript program (default: this project)
  --config-file FILE           stack config to use instead of Pulumi.<stack>.yaml`;

export interface ProgramOptionValues {
  readonly stack?: string;
  readonly program?: string;
  readonly "config-file"?: string;
}

/** The program's folder and the stack files it runs with, paths taken from `cwd` as the user typed them. */
export function programFrom(values: ProgramOptionValues, cwd = process.cwd()): { program: string; files: StackFiles } {
  const program = path.resolve(cwd, values.program ?? ROOT);
  const configFile = values["config-file"] === undefined ? undefined : path.resolve(cwd, values["config-file"]);
  return { program, files: readStackFiles(program, values.stack ?? PROGRAM_OPTIONS.stack.default, configFile) };
}
