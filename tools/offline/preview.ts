/**
 * `npm run preview:offline`: the plan and the policy verdict of a stack without the Pulumi CLI or
 * cloud credentials. Runs the program under mocks in preview mode, then starts the policy pack as
 * the engine does and sends it every resource and the stack.
 *
 * Exit codes: 0 no mandatory violation; 1 mandatory violations; 2 program, config or pack errors.
 */
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { mermaidDiagram } from "./diagram";
import { judge, PolicyConfigError } from "./judge";
import { exitCode, jsonReport, textReport } from "./report";
import { ProgramError, runProgram } from "./runProgram";
import { readStackFiles, StackFileError } from "./stackFiles";

const USAGE = `Usage: npm run preview:offline -- [options]
  --stack NAME                 stack to preview (default: dev)
  --program DIR                Pulumi TypeScript program (default: this project)
  --config-file FILE           stack config to use instead of Pulumi.<stack>.yaml
  --policy-pack DIR            policy pack (default: this project's policies/)
  --policy-pack-config FILE    pack config, as \`pulumi preview --policy-pack-config\` takes it
  --json                       print the result as JSON
  --diagram FILE               write a Mermaid diagram of buckets, rules, destinations and DLQs
  --help                       show this help`;

async function main(argv: string[]): Promise<number> {
  const root = path.resolve(__dirname, "../..");
  const { values } = parseArgs({
    args: argv,
    options: {
      stack: { type: "string", default: "dev" },
      program: { type: "string", default: root },
      "config-file": { type: "string" },
      "policy-pack": { type: "string", default: path.join(root, "policies") },
      "policy-pack-config": { type: "string" },
      json: { type: "boolean", default: false },
      diagram: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const cwd = process.cwd();
  const resolve = (p: string | undefined) => (p === undefined ? undefined : path.resolve(cwd, p));
  const program = resolve(values.program)!;
  const files = readStackFiles(program, values.stack!, resolve(values["config-file"]));
  // Keep stdout for the report: what the program prints goes to stderr.
  const log = console.log;
  console.log = console.error;
  const run = await runProgram(program, files).finally(() => (console.log = log));
  process.chdir(cwd);
  const judgement = await judge(run, resolve(values["policy-pack"])!, resolve(values["policy-pack-config"]));
  const result = { run, judgement, region: files.config["aws:region"] ?? "us-east-1" };
  const diagramFile = resolve(values.diagram);
  if (diagramFile) fs.writeFileSync(diagramFile, mermaidDiagram(run.resources));
  process.stdout.write(values.json ? jsonReport(result) : textReport(result));
  return exitCode(result);
}

function fail(err: unknown): never {
  const known = err instanceof ProgramError || err instanceof StackFileError || err instanceof PolicyConfigError;
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`error: ${known ? "" : "unexpected: "}${message}\n`);
  process.exit(2);
}

// A program error can surface at any time, even after its resources were captured: it must
// end the run with 2, never let a report say "passed".
process.on("unhandledRejection", (err) => fail(new ProgramError(err instanceof Error ? err.message : String(err))));
process.on("uncaughtException", (err) => fail(new ProgramError(err.message)));

main(process.argv.slice(2)).then((code) => process.exit(code), fail);
