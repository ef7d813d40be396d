/**
 * `npm run preview:offline`: the plan and the policy verdict of a stack without the Pulumi CLI or
 * cloud credentials. Starts the policy pack as the engine does (rejecting a bad pack config before
 * anything runs), runs the program under mocks twice (as a first preview, outputs of new resources
 * unknown; and as an update, outputs known), and sends the pack every resource and the stack.
 *
 * Exit codes: 0 no mandatory violation in the chosen mode; 1 mandatory violations; 2 program,
 * config or pack errors.
 */
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { runAsProcess, runCommand, type CommandResult } from "../command";
import { mermaidDiagram } from "./diagram";
import { Judge } from "./judge";
import type { PackClient } from "./packClient";
import { PolicyConfigError } from "./policyConfig";
import { exitCode, jsonReport, textReport } from "./report";
import { asProgramError, DEFAULT_SETTLE_TIMEOUT_MS, ProgramError, runBothModes } from "./runProgram";
import { PROGRAM_OPTIONS, PROGRAM_USAGE, programFrom } from "./programOptions";
import { StackFileError } from "./stackFiles";
import { combine } from "./verdict";

const USAGE = `Usage: npm run preview:offline -- [options]
${PROGRAM_USAGE}
  --policy-pack DIR            policy pack (default: this project's policies/)
  --policy-pack-config FILE    pack config, as \`pulumi preview --policy-pack-config\` takes it
  --as-update                  judge as \`pulumi up\` once resources exist (outputs known);
                               default: as a first \`pulumi preview\` (outputs of new resources unknown)
  --settle-timeout SECONDS     fail when the program makes no progress this long (default: ${DEFAULT_SETTLE_TIMEOUT_MS / 1000})
  --json                       print the result as JSON
  --diagram FILE               write a Mermaid diagram of buckets, rules, destinations and DLQs
  --help                       show this help`;

export class UsageError extends Error {}

export interface PreviewOptions {
  /**
   * A pack already started in a folder, to judge with instead of starting one (it is configured
   * for this preview and left running). By default each preview starts the pack and stops it.
   */
  readonly startedPack?: (packDir: string) => Promise<PackClient>;
}

async function main(argv: string[], options: PreviewOptions): Promise<{ code: number; stdout: string }> {
  const root = path.resolve(__dirname, "../..");
  const { values } = parseArgs({
    args: argv,
    options: {
      ...PROGRAM_OPTIONS,
      "policy-pack": { type: "string", default: path.join(root, "policies") },
      "policy-pack-config": { type: "string" },
      "as-update": { type: "boolean", default: false },
      "settle-timeout": { type: "string" },
      json: { type: "boolean", default: false },
      diagram: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) return { code: 0, stdout: `${USAGE}\n` };
  const settleSeconds = values["settle-timeout"] === undefined ? DEFAULT_SETTLE_TIMEOUT_MS / 1000 : Number(values["settle-timeout"]);
  if (!(settleSeconds > 0)) throw new UsageError(`--settle-timeout must be a positive number of seconds, not \`${values["settle-timeout"]}\``);
  const cwd = process.cwd();
  const resolve = (p: string | undefined) => (p === undefined ? undefined : path.resolve(cwd, p));
  const { program, files } = programFrom(values, cwd);
  // The pack and its config first: a bad config is rejected before the program runs.
  const packDir = resolve(values["policy-pack"])!;
  const configFile = resolve(values["policy-pack-config"]);
  const judge = options.startedPack ? await Judge.borrow(await options.startedPack(packDir), configFile) : await Judge.open(packDir, configFile);
  try {
    const runs = await runBothModes(program, files, settleSeconds * 1000);
    const mode = values["as-update"] ? "update" : "preview";
    const verdict = combine(mode, await judge.judge(runs.preview), await judge.judge(runs.update));
    const result = { run: runs[mode], verdict };
    const diagramFile = resolve(values.diagram);
    // Drawn from the update: the wiring is matched by ARNs, which a first preview does not know.
    if (diagramFile) fs.writeFileSync(diagramFile, mermaidDiagram(runs.update.resources));
    return { code: exitCode(result), stdout: values.json ? jsonReport(result) : textReport(result) };
  } finally {
    await judge.close();
  }
}

const known = (err: unknown) => err instanceof ProgramError || err instanceof StackFileError || err instanceof PolicyConfigError || err instanceof UsageError;

/** `npm run preview:offline -- ARGV` in this process: what it prints and its exit code. */
export function preview(argv: string[], options: PreviewOptions = {}): Promise<CommandResult> {
  return runCommand((args) => main(args, options), argv, known);
}

if (require.main === module) runAsProcess((argv) => main(argv, {}), known, asProgramError);
