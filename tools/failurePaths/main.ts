/**
 * `npm run failure-paths`: for every bucket → rule → destination path of a stack, what happens when
 * the destination keeps failing, and whether the event is kept until an operator can act.
 * Runs the program as the offline preview does (mocks, no credentials) and reads the same graph.
 *
 * Exit codes: 0 every path kept; 1 some path can expire unseen (or is unknown); 2 program or config errors.
 */
import { parseArgs } from "util";
import { runAsProcess, runCommand, type CommandResult } from "../command";
import { DEFAULT_RESPONSE_WINDOW_SECONDS } from "../../policies/timeline";
import { ProgramError, runProgram } from "../offline/runProgram";
import { PROGRAM_OPTIONS, PROGRAM_USAGE, programFrom } from "../offline/programOptions";
import { StackFileError } from "../offline/stackFiles";
import { graphOf } from "./graph";
import { failurePathsReport, jsonReport, textReport } from "./report";

const USAGE = `Usage: npm run failure-paths -- [options]
${PROGRAM_USAGE}
  --response-window SECONDS    how long an operator may take to act on an alarm (default: ${DEFAULT_RESPONSE_WINDOW_SECONDS})
  --json                       print the paths as JSON
  --help                       show this help`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<{ code: number; stdout: string }> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...PROGRAM_OPTIONS,
      "response-window": { type: "string", default: String(DEFAULT_RESPONSE_WINDOW_SECONDS) },
      json: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) return { code: 0, stdout: `${USAGE}\n` };
  const window = Number(values["response-window"]);
  if (!Number.isInteger(window) || window < 0) throw new UsageError(`--response-window must be a whole number of seconds, not ${values["response-window"]}`);
  const cwd = process.cwd();
  const { program, files } = programFrom(values, cwd);
  // Keep stdout for the report: what the program prints goes to stderr.
  const log = console.log;
  console.log = console.error;
  const run = await runProgram(program, files).finally(() => (console.log = log));
  process.chdir(cwd);
  const report = failurePathsReport(run.project, run.stack, graphOf(run.resources), window);
  return { code: report.summary.kept === report.summary.paths ? 0 : 1, stdout: values.json ? jsonReport(report) : textReport(report) };
}

const known = (err: unknown) => err instanceof ProgramError || err instanceof StackFileError || err instanceof UsageError;

/** `npm run failure-paths -- ARGV` in this process: what it prints and its exit code. */
export function failurePathsCommand(argv: string[]): Promise<CommandResult> {
  return runCommand(main, argv, known);
}

if (require.main === module) runAsProcess(main, known, (err) => new ProgramError(err instanceof Error ? err.message : String(err)));
