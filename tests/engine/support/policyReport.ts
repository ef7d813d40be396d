// Reads the policy section of `pulumi preview`/`up` output, as a user reads it.

/** One violation line the CLI printed: `- [mandatory]  policy  (type: name)`. */
export interface PrintedViolation {
  readonly level: string;
  readonly policy: string;
  readonly type: string;
  readonly name: string;
  /** The message lines under it. */
  readonly message: string;
}

export function printedViolations(output: string): PrintedViolation[] {
  const lines = output.split("\n");
  const out: PrintedViolation[] = [];
  lines.forEach((line, i) => {
    const m = /^\s*- \[(\w+)\]\s+(\S+)\s+\((.+): ([^:)]+)\)\s*$/.exec(line);
    if (!m) return;
    const message: string[] = [];
    for (let j = i + 1; j < lines.length && !/^\s*- \[/.test(lines[j]) && lines[j].trim() !== ""; j++) message.push(lines[j].trim());
    out.push({ level: m[1], policy: m[2], type: m[3], name: m[4], message: message.join(" ") });
  });
  return out;
}

/** `level policy name`, sorted: compact and exact for assertions. */
export function summarize(violations: readonly PrintedViolation[]): string[] {
  return violations.map((v) => `${v.level} ${v.policy} ${v.name}`).sort();
}
