/**
 * The shape of every command of tools/: a function from arguments to what the user sees (output,
 * error text, exit code), so the suite can run a command in its own process, as a user does, only
 * where the process is the point; and the entry that turns it into a process.
 */

/** What a command prints and the code it exits with. */
export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A command's work: returns what it prints on stdout and its exit code, or throws. */
export type CommandMain = (argv: string[]) => Promise<{ readonly code: number; readonly stdout: string }>;

/** Whether an error is one the command expects (printed as is) rather than a bug ("unexpected: "). */
export type KnownError = (err: unknown) => boolean;

/** Exit code 2 and the one line a user reads for an error. */
export function errorResult(err: unknown, known: KnownError): CommandResult {
  const message = err instanceof Error ? err.message : String(err);
  return { code: 2, stdout: "", stderr: `error: ${known(err) ? "" : "unexpected: "}${message}\n` };
}

/** Runs a command in this process. */
export async function runCommand(main: CommandMain, argv: string[], known: KnownError): Promise<CommandResult> {
  try {
    const { code, stdout } = await main(argv);
    return { code, stdout, stderr: "" };
  } catch (err) {
    return errorResult(err, known);
  }
}

/**
 * The process: runs the command on `process.argv`, prints, and exits with its code. An error that
 * escapes the command at any time (an unhandled rejection in the program it runs, even after its
 * report is built) ends the process with 2 and never lets it report a pass; `escaped` says what
 * such an error means to the user.
 */
export function runAsProcess(main: CommandMain, known: KnownError, escaped: (err: unknown) => unknown = (err) => err): void {
  let failed = false;
  const fail = (err: unknown): void => {
    // The first error only, and nothing after it: exiting waits for stderr (a pipe may take it later).
    if (failed) return;
    failed = true;
    process.stderr.write(errorResult(err, known).stderr, () => process.exit(2));
  };
  process.on("unhandledRejection", (err) => fail(escaped(err)));
  process.on("uncaughtException", (err) => fail(escaped(err)));
  main(process.argv.slice(2)).then(({ code, stdout }) => {
    if (failed) return;
    // A pipe takes 64 KiB at once and Node writes the rest later: exiting before it is written would
    // cut a long report (`--json | jq`) short. https://nodejs.org/api/process.html#a-note-on-process-io
    process.stdout.write(stdout, () => process.exit(code));
  }, fail);
}
