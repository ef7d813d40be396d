// The README's component example is a complete program: run it, as written, under mocks. Its
// sample outputs and counts are what the commands print now.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { s3DestinationOnePolicy, s3DestinationGrantScoped, s3DestinationTlsOnly, s3NotificationOnePerBucket } from "../policies/rules/grantPolicies";
import * as notificationPolicies from "../policies/rules/notificationPolicies";
import * as stackPolicies from "../policies/rules/stackPolicies";
import { timelinePolicies } from "../policies/rules/timelinePolicies";
import { mockEngine } from "./support/harness";
import { sharedPack } from "./support/sharedPack";
import { explain, failurePaths, preview, previewProgram } from "./tools/offline/cli";

const ROOT = path.join(__dirname, "..");

/** The first TypeScript block of a README section. */
function example(section: string): string {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const at = readme.indexOf(`\n## ${section}\n`);
  assert.ok(at >= 0, `README has a section ${section}`);
  const block = /```ts\n([\s\S]*?)```/.exec(readme.slice(at));
  assert.ok(block, `section ${section} has a TypeScript example`);
  return block[1];
}

describe("README", () => {
  it("Using the components: the example runs and builds the whole pipeline", async function () {
    this.timeout(60_000);
    const engine = await mockEngine();
    const source = example("Using the components");
    assert.match(source, /from "\.\/components";/);
    // Written beside the repo's root (in the ignored .tmp/), so `./components` resolves one level up.
    const dir = path.join(ROOT, ".tmp");
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, "readme-example.ts");
    fs.writeFileSync(file, source.replace('from "./components";', 'from "../components";'));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(file);
    await engine.settle();
    const [notification, ...others] = engine.ofType("aws:s3/bucketNotification:BucketNotification");
    assert.equal(notification.name, "uploads");
    assert.deepEqual(others, []);
    const ids = (key: string) => ((notification.inputs[key] ?? []) as { id: string }[]).map((c) => c.id);
    assert.deepEqual([ids("lambdaFunctions"), ids("queues"), ids("topics")], [["jpg"], ["csv"], ["deletes"]]);
    assert.equal(notification.inputs.eventbridge, true);
    assert.deepEqual(
      engine.resources.filter((r) => r.type.startsWith("s3-events:index:") && r.type.endsWith("Destination")).map((r) => r.name).sort(),
      ["uploads-audit", "uploads-index", "uploads-ingest", "uploads-thumbnails"],
    );
    assert.ok(engine.ofType("aws:sqs/queue:Queue").filter((q) => q.name.endsWith("-dlq")).every((q) => q.protect === true));
  });
});

// Every sample output and count the README shows is checked against what the commands print now.

const allPolicies: { name: string }[] = ([
  s3DestinationOnePolicy,
  s3DestinationGrantScoped,
  s3DestinationTlsOnly,
  s3NotificationOnePerBucket,
  ...Object.values(notificationPolicies),
  ...Object.values(stackPolicies),
  ...timelinePolicies,
] as unknown[]).filter((p): p is { name: string } => typeof p === "object" && p !== null && "name" in p && "description" in p);

const README_LINES = () => fs.readFileSync(path.join(ROOT, "README.md"), "utf8").split("\n");

/** The fenced block of `lang` that follows the first line containing `anchor`, with its first line number. */
function blockAfter(anchor: string, lang: string): { line: number; lines: string[] } {
  const lines = README_LINES();
  const at = lines.findIndex((l) => l.includes(anchor));
  assert.ok(at >= 0, `README has "${anchor}"`);
  const open = lines.findIndex((l, i) => i > at && l === "```" + lang);
  assert.ok(open > at, `a ${lang} block follows "${anchor}"`);
  const close = lines.findIndex((l, i) => i > open && l === "```");
  return { line: open + 2, lines: lines.slice(open + 1, close) };
}

/**
 * Whether a shortened sample is the output, line by line: a line of only `...` (after tree glyphs)
 * stands for lines left out, a line ending in `, ...` for the rest of that line. `partial` samples
 * may start anywhere in the output; every other sample is its whole output, from its first line.
 */
function assertSample(block: { line: number; lines: string[] }, output: string, what: string, partial = false): void {
  const actual = output.replace(/\n$/, "").split("\n");
  let next = 0;
  let skipping = partial;
  block.lines.forEach((sample, i) => {
    if (/^[\s│]*\.\.\.$/.test(sample)) {
      skipping = true;
      return;
    }
    const matches = (line: string) => (sample.endsWith(", ...") ? line.startsWith(sample.slice(0, -3)) : line === sample);
    const found = skipping ? actual.findIndex((l, j) => j >= next && matches(l)) : matches(actual[next] ?? "") ? next : -1;
    assert.ok(
      found >= 0,
      `README line ${block.line + i} is not what ${what} prints${skipping ? " (anywhere after the line before)" : " (right after the line before)"}:\n  README: ${sample}\n  prints: ${actual[next] ?? "(nothing more)"}`,
    );
    next = found + 1;
    skipping = false;
  });
  if (!partial && !skipping) assert.equal(actual.slice(next).join("\n"), "", `${what} prints more than README line ${block.line + block.lines.length - 1} shows; end the sample with ...`);
}

describe("README samples and counts", function () {
  this.timeout(120_000);

  it("the dev stack's report and diagram are what `npm run preview:offline` prints and draws", async () => {
    const diagram = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "readme-")), "pipeline.mmd");
    const run = await preview("--diagram", diagram);
    assert.equal(run.code, 0, run.stderr);
    assertSample(blockAfter("A report (the dev stack", "text"), run.stdout, "npm run preview:offline");
    assertSample(blockAfter("The diagram (`--diagram pipeline.mmd`", "mermaid"), fs.readFileSync(diagram, "utf8"), "--diagram");
  });

  it("the raw and lossy programs' verdicts are what the offline preview prints for them", async () => {
    const raw = await previewProgram("raw");
    assert.equal(raw.code, 1, raw.stderr);
    assertSample(blockAfter("The same pack on a hand-wired program", "text"), raw.stdout, "--program tests/fixtures/programs/raw", true);
    const lossy = await previewProgram("lossy");
    assertSample(blockAfter("A program whose every path has a dead-letter queue", "text"), lossy.stdout, "--program tests/fixtures/programs/lossy", true);
  });

  it("the failure-path report is what `npm run failure-paths` prints for the dev stack", async () => {
    const run = await failurePaths();
    assert.equal(run.code, 0, run.stderr);
    assertSample(blockAfter("The dev stack (`npm run failure-paths`)", "text"), run.stdout, "npm run failure-paths");
  });

  it("the explain sample is what its command prints", async () => {
    const block = blockAfter("## Where does an event go?", "text");
    const [command, ...output] = block.lines;
    const args = /^\$ npm run explain -- (.*)$/.exec(command)![1].match(/"[^"]*"|\S+/g)!.map((a) => a.replace(/^"|"$/g, ""));
    const run = await explain(...args);
    assert.equal(run.code, 0, run.stderr);
    assertSample({ line: block.line + 1, lines: output }, run.stdout, `npm run explain -- ${args.join(" ")}`);
  });

  it("the policy table lists every policy of the pack, with its level, kind and config defaults", async () => {
    const rows = README_LINES()
      .filter((l) => /^\| `s3-/.test(l))
      .map((l) => l.split(" | ").map((c) => c.replace(/^\| /, "").replace(/ \|$/, "")));
    const pack = await sharedPack();
    const { policies } = await pack.info();
    assert.deepEqual(rows.map((r) => r[0].replace(/`/g, "")), policies.map((p) => p.name), "README table rows, in the pack's order");
    const stackPolicies = new Set(allPolicies.filter((p) => "validateStack" in p).map((p) => p.name));
    for (const [name, level, , config] of rows) {
      const policy = policies.find((p) => `\`${p.name}\`` === name)!;
      assert.equal(level, `${policy.level}${stackPolicies.has(policy.name) ? " (stack)" : ""}`, name);
      // Each config key with its default, e.g. `minPrefixLength` (1; 0-1,024): keys and defaults as the schema has them.
      const documented = [...(config ?? "").matchAll(/`(\w+)` \(([^;)]*)(?:; ([^)]*))?\)/g)].map((m) => ({ key: m[1], shown: m[2], range: m[3] }));
      const schema = (policy.configSchema ?? {}) as Record<string, { default?: unknown; minimum?: number; maximum?: number }>;
      assert.deepEqual(documented.map((d) => d.key).sort(), Object.keys(schema).sort(), `${name}: config keys`);
      for (const { key, shown, range } of documented) {
        const { default: value, minimum, maximum } = schema[key];
        const expected = value === undefined ? "all" : Array.isArray(value) ? JSON.stringify(value) : String(value);
        assert.equal(shown, expected, `${name}: \`${key}\`'s default`);
        const bounds = /^([\d,]+)-([\d,]+)$/.exec(range ?? "");
        if (bounds) assert.deepEqual([bounds[1], bounds[2]].map((b) => Number(b.replace(/,/g, ""))), [minimum, maximum], `${name}: \`${key}\`'s range`);
      }
    }
  });
});
