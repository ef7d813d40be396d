/**
 * `npm run explain -- [--stack NAME | --program DIR] --key KEY --event EVENT [--json]`: for every
 * bucket of a stack, the notification rule that fires for one object and event (after S3's
 * URL-encoding of the key), its destination and that destination's dead-letter queue, and for
 * each other rule why it does not fire. The program runs under mocks as an update (every output
 * known), so destinations are found by their ARNs.
 *
 * Exit codes: 0 explained; 2 a usage, config or program error.
 */
import { parseArgs } from "util";
import { runAsProcess, runCommand, type CommandResult } from "../command";
import { asProgramError, ProgramError, runProgram } from "../offline/runProgram";
import { PROGRAM_OPTIONS, PROGRAM_USAGE, programFrom } from "../offline/programOptions";
import { StackFileError } from "../offline/stackFiles";
import { explain, ExplainError, type BucketOutcome, type Explanation, type RuleOutcome } from "./routes";
import type { DeadLetter } from "./deadLetters";

const USAGE = `Usage: npm run explain -- --key KEY --event EVENT [options]
  --key KEY                    the object key, as uploaded (e.g. "my photo.jpg")
  --event EVENT                the S3 event type, e.g. s3:ObjectCreated:Put
${PROGRAM_USAGE}
  --json                       print the result as JSON
  --help                       show this help`;

const ruleName = (r: RuleOutcome) => (r.id === r.path ? `rule \`${r.path}\`` : `rule \`${r.id}\` (${r.path})`);
const destination = (r: RuleOutcome) => ("name" in r.destination ? `${r.destination.type} ${r.destination.name}` : `${r.destination.arn} (outside the stack)`);
const deadLetterLines = (dls: readonly DeadLetter[], indent: string) =>
  dls.length === 0 ? [`${indent}no dead-letter queue: events it fails to process are lost`] : dls.map((d) => `${indent}dead-letter queue ${d.queue}, ${d.when}`);

function bucketText(b: BucketOutcome): string[] {
  const lines = [`Bucket ${b.bucket} (${b.bucketName}), notification ${b.notification}`];
  for (const r of b.fires) lines.push(`  fires: ${ruleName(r)} -> ${destination(r)}`, ...deadLetterLines(r.deadLetters, "         "));
  if (b.fires.length > 1) lines.push(`  (S3 rejects this configuration as ambiguous: ${b.fires.map(ruleName).join(" and ")} both match)`);
  if (b.fires.length === 0) lines.push("  no rule fires: S3 sends this event to none of the bucket's Lambda, SQS or SNS destinations");
  for (const r of b.others) lines.push(`  not:   ${ruleName(r)}: ${r.whyNot.join("; ")}`);
  if (b.eventBridge !== undefined) {
    if (b.eventBridge.length === 0) lines.push("  EventBridge: on, but no rule of the stack matches this bucket's events");
    for (const e of b.eventBridge) {
      if (e.whyNot) lines.push(`  EventBridge rule ${e.rule} does not match: ${e.whyNot}`);
      else for (const t of e.targets) lines.push(`  EventBridge rule ${e.rule} -> ${t.target}`, ...deadLetterLines(t.deadLetters, "         "));
    }
  }
  return lines;
}

export function textExplanation(x: Explanation, where: string): string {
  const encoded = x.encodedKey === x.key ? "" : ` (in the event, S3 encodes it as \`${x.encodedKey}\`)`;
  const lines = [`Where \`${x.key}\`${encoded} goes on ${x.event} in ${where}`];
  if (x.buckets.length === 0) lines.push("", "No bucket of the stack has a notification configuration.");
  for (const b of x.buckets) lines.push("", ...bucketText(b));
  return lines.join("\n") + "\n";
}

async function main(argv: string[]): Promise<{ code: number; stdout: string }> {
  const { values } = parseArgs({
    args: argv,
    options: {
      key: { type: "string" },
      event: { type: "string" },
      ...PROGRAM_OPTIONS,
      json: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) return { code: 0, stdout: `${USAGE}\n` };
  if (values.key === undefined || values.event === undefined) throw new ExplainError(`--key and --event are required\n${USAGE}`);
  const cwd = process.cwd();
  const { program, files } = programFrom(values, cwd);
  // Rejected before the program runs.
  explain([], values.key, values.event);
  const run = await runProgram(program, files, { mode: "update" });
  const explanation = explain(run.resources, values.key, values.event);
  return { code: 0, stdout: values.json ? JSON.stringify(explanation, null, 2) + "\n" : textExplanation(explanation, `${run.project}/${run.stack}`) };
}

const known = (err: unknown) => err instanceof ProgramError || err instanceof StackFileError || err instanceof ExplainError;

/** `npm run explain -- ARGV` in this process: what it prints and its exit code. */
export function explainCommand(argv: string[]): Promise<CommandResult> {
  return runCommand(main, argv, known);
}

if (require.main === module) runAsProcess(main, known, asProgramError);
