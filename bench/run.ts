/**
 * `npm run bench -- [--out FILE] [--runs N]`: what previews and policy checks cost as stacks grow,
 * each figure against its baseline in the same run, as medians of N runs (default 5).
 *
 * 1. The program under mocks: N buckets x 3 rules with the components vs the same resources by hand.
 * 2. The policy pack over gRPC vs a compiled no-op pack on the same node_modules.
 * 3. Overlap detection on 10, 100, 1,000 rules of one bucket, and its growth exponent.
 * 4. The offline preview of the dev stack; `npm test` (the README's test command) and
 *    `npm run test:integration` (CI runs it next), wall and CPU time.
 * 5. When `npm run engine:build` has run: the real `pulumi preview` with and without the pack.
 */
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "util";
import { findOverlaps, type RuleShape } from "../policies/s3";
import { PackClient, type StackResource } from "../tools/offline/packClient";
import { PulumiWorkspace, engineBuilt } from "../tools/engine/workspace";
import { growthExponent, median } from "./stats";

const root = path.resolve(__dirname, "..");
const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    out: { type: "string", default: path.join(root, "bench/out/results.json") },
    runs: { type: "string", default: "5" },
    // A subset, e.g. `--sections engine,pack`, to re-measure one part; the default runs them all.
    sections: { type: "string", default: "program,pack,overlap,e2e,engine" },
  },
});
const RUNS = Number(values.runs);
const TS_NODE = ["-r", "ts-node/register/transpile-only"];

interface Row {
  readonly section: string;
  readonly measure: string;
  readonly ours: number;
  readonly baseline?: number;
  readonly unit: string;
  readonly target?: number;
}
const rows: Row[] = [];
const ratio = (r: Row) => (r.baseline ? r.ours / r.baseline : undefined);

function record(row: Row): void {
  rows.push(row);
  const q = ratio(row);
  const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(2) : v.toPrecision(3));
  console.log(
    `${row.section.padEnd(9)} ${row.measure.padEnd(44)} ${fmt(row.ours).padStart(10)} ${row.unit.padEnd(9)}` +
      (row.baseline === undefined ? "" : ` baseline ${fmt(row.baseline).padStart(9)}  ratio ${q!.toFixed(2)}`) +
      // A target is on the ratio when there is a baseline, else on the figure itself.
      (row.target === undefined ? "" : `  (target <= ${row.target}${(q ?? row.ours) <= row.target ? ", met" : ", OVER"})`),
  );
}

// 1. The program under mocks ------------------------------------------------------------------

interface Measurement {
  ms: number;
  resources: number;
  peakBytes: number;
}

function measureProgram(variant: "components" | "raw", size: number): Measurement {
  const out = spawnSync(process.execPath, ["--expose-gc", ...TS_NODE, path.join(root, "bench/programs/measure.ts"), variant, String(size)], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (out.status !== 0) throw new Error(`measure ${variant} ${size} failed:\n${out.stderr}`);
  return JSON.parse(out.stdout) as Measurement;
}

function programSection(): void {
  for (const size of [10, 100, 1000]) {
    const runs: Record<"components" | "raw", Measurement[]> = { components: [], raw: [] };
    // Interleaved, so a noisy moment hits both.
    for (let i = 0; i < RUNS; i++) for (const v of ["raw", "components"] as const) runs[v].push(measureProgram(v, size));
    const resources = runs.components[0].resources;
    const per = (v: "components" | "raw", key: "ms" | "peakBytes") => median(runs[v].map((m) => m[key] / m.resources));
    record({ section: "program", measure: `${size} buckets (${resources} resources): time/resource`, ours: per("components", "ms"), baseline: per("raw", "ms"), unit: "ms", target: 1.2 });
    record({ section: "program", measure: `${size} buckets: peak memory/resource`, ours: per("components", "peakBytes") / 1024, baseline: per("raw", "peakBytes") / 1024, unit: "KiB" });
  }
}

// 2. The policy pack over gRPC ------------------------------------------------------------------

/** Milliseconds from spawning the pack the way the engine does to it printing its port. */
function coldStart(packDir: string): Promise<number> {
  const runner = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packDir] });
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, [runner, "127.0.0.1:0", packDir], { cwd: packDir, stdio: ["ignore", "pipe", "inherit"] });
    child.stdout.once("data", () => {
      resolve(Number(process.hrtime.bigint() - start) / 1e6);
      child.kill();
    });
    child.once("exit", (code) => reject(new Error(`${packDir} exited with ${code} before serving`)));
  });
}

/** The dev stack's graph as the offline preview captures it for an update: every value known, so every policy runs in full. */
function devStack(): StackResource[] {
  const out = spawnSync(process.execPath, [...TS_NODE, path.join(root, "tools/offline/preview.ts"), "--json", "--as-update"], { cwd: root, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  const result = JSON.parse(out.stdout) as { resources: (StackResource & { inputs: Record<string, unknown> })[] };
  return result.resources.map((r) => ({ ...r, properties: r.inputs }));
}

/** `count` resources: copies of the dev stack with their URNs (and every reference to them) renamed. */
function grow(stack: StackResource[], count: number): StackResource[] {
  const out: StackResource[] = [];
  for (let copy = 0; out.length < count; copy++) {
    const rename = (urn: string) => `${urn}-c${copy}`;
    for (const r of stack) {
      if (out.length === count) break;
      out.push({
        ...r,
        urn: rename(r.urn),
        name: `${r.name}-c${copy}`,
        parent: r.parent && rename(r.parent),
        dependencies: r.dependencies?.map(rename),
        propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies ?? {}).map(([k, urns]) => [k, urns.map(rename)])),
      });
    }
  }
  return out;
}

async function timeMs(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function packSection(): Promise<void> {
  const ours = path.join(root, "policies");
  const noop = path.join(root, "bench/noop-pack");
  const starts: Record<string, number[]> = { ours: [], noop: [] };
  for (let i = 0; i < RUNS; i++) {
    starts.noop.push(await coldStart(noop));
    starts.ours.push(await coldStart(ours));
  }
  record({ section: "pack", measure: "cold start to serving", ours: median(starts.ours), baseline: median(starts.noop), unit: "ms", target: 1.5 });

  const stack = devStack();
  const packs = { ours: await PackClient.start(ours), noop: await PackClient.start(noop) };
  try {
    for (const pack of Object.values(packs)) await pack.configure((await pack.info()).policies);
    const analyze: Record<string, number[]> = { ours: [], noop: [] };
    const resources = grow(stack, 1000);
    for (let i = 0; i < RUNS; i++) {
      for (const [name, pack] of Object.entries(packs)) {
        const latencies: number[] = [];
        for (const r of resources) latencies.push(await timeMs(() => pack.analyze(r)));
        analyze[name].push(median(latencies));
      }
    }
    record({ section: "pack", measure: "Analyze, median per resource", ours: median(analyze.ours), baseline: median(analyze.noop), unit: "ms", target: 2 });
    for (const size of [1000, 10000]) {
      const big = grow(stack, size);
      const times: Record<string, number[]> = { ours: [], noop: [] };
      for (let i = 0; i < RUNS; i++) for (const [name, pack] of Object.entries(packs)) times[name].push(await timeMs(() => pack.analyzeStack(big)));
      record({ section: "pack", measure: `AnalyzeStack, ${size} resources`, ours: median(times.ours), baseline: median(times.noop), unit: "ms", target: 3 });
    }
  } finally {
    await Promise.all(Object.values(packs).map((p) => p.close()));
  }
}

// 3. Overlap detection ----------------------------------------------------------------------------

function overlapSection(): void {
  const rulesOf = (n: number): RuleShape[] =>
    Array.from({ length: n }, (_, i) => ({ id: `r${i}`, events: ["s3:ObjectCreated:*", "s3:ObjectRemoved:Delete"], filter: { prefix: `p${String(i).padStart(4, "0")}/`, suffix: ".csv" } }));
  const perCall: Record<number, number> = {};
  for (const n of [10, 100, 1000]) {
    const rules = rulesOf(n);
    const samples: number[] = [];
    for (let s = 0; s < RUNS; s++) {
      let calls = 0;
      const start = process.hrtime.bigint();
      let elapsed = 0;
      while (elapsed < 200) {
        if (findOverlaps(rules).length !== 0) throw new Error("the benchmark's rules must not overlap");
        calls++;
        elapsed = Number(process.hrtime.bigint() - start) / 1e6;
      }
      samples.push(elapsed / calls);
    }
    perCall[n] = median(samples);
    record({ section: "overlap", measure: `${n} rules on one bucket`, ours: perCall[n], unit: "ms" });
  }
  record({ section: "overlap", measure: "growth exponent, 100 -> 1,000 rules", ours: growthExponent(100, perCall[100], 1000, perCall[1000]), unit: "(n^k)" });
}

// 4. End to end ---------------------------------------------------------------------------------

function wallMs(args: string[]): number {
  const start = process.hrtime.bigint();
  const out = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (out.status !== 0) throw new Error(`${args.join(" ")} failed:\n${out.stderr}\n${out.stdout.slice(-2000)}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * Wall and CPU seconds (user + system, the command and its children) of an npm script, from
 * /usr/bin/time where it exists: on a shared machine CPU time is the steadier figure.
 */
function npmScript(script: string): { wall: number; cpu: number | undefined } {
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const timed = fs.existsSync("/usr/bin/time");
  const [command, args] = timed ? ["/usr/bin/time", ["-f", "cpu %U %S", npm, "run", script]] : [npm, ["run", script]];
  const start = process.hrtime.bigint();
  const out = spawnSync(command, args, { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  if (out.status !== 0) throw new Error(`npm run ${script} failed:\n${out.stderr.slice(-4000)}\n${out.stdout.slice(-4000)}`);
  const cpu = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(out.stderr);
  return { wall, cpu: cpu ? Number(cpu[1]) + Number(cpu[2]) : undefined };
}

function endToEndSection(): void {
  const preview = Array.from({ length: RUNS }, () => wallMs([...TS_NODE, path.join(root, "tools/offline/preview.ts")]));
  record({ section: "e2e", measure: "offline preview of the dev stack", ours: median(preview) / 1000, unit: "s" });
  // Exactly the README's test command, then the suite CI runs right after it. `npm test` keeps
  // tsc's and ESLint's caches in node_modules/.cache: its first run on a fresh clone (CI's) starts
  // without them, every later one (a developer's) with them. Both are measured: the first run
  // after removing the caches, the median of the others.
  fs.rmSync(path.join(root, "node_modules/.cache/tsc"), { recursive: true, force: true });
  fs.rmSync(path.join(root, "node_modules/.cache/eslint"), { recursive: true, force: true });
  const tests = Array.from({ length: Math.max(RUNS, 2) }, () => npmScript("test"));
  const [cold, warm] = [tests.slice(0, 1), tests.slice(1)];
  recordScript("npm test, caches warm", warm, 30);
  recordScript("npm test, first run (no caches)", cold);
  recordScript("npm run test:integration", Array.from({ length: RUNS }, () => npmScript("test:integration")));
}

function recordScript(name: string, runs: { wall: number; cpu: number | undefined }[], target?: number): void {
  record({ section: "e2e", measure: `${name}, wall`, ours: median(runs.map((r) => r.wall)), unit: "s", target });
  const cpu = runs.map((r) => r.cpu).filter((c): c is number => c !== undefined);
  if (cpu.length > 0) record({ section: "e2e", measure: `${name}, CPU (user+sys)`, ours: median(cpu), unit: "s" });
}

// 5. The real engine ----------------------------------------------------------------------------

/**
 * What the pack adds to a real `pulumi preview`, runs interleaved. The program is the compliant
 * hand-wired YAML fixture: the Node.js language host the dev stack needs cannot be built here
 * (README: "The real engine").
 */
function engineSection(): void {
  if (!engineBuilt()) {
    console.log("engine    skipped: run `npm run engine:build` first");
    return;
  }
  const ws = new PulumiWorkspace(path.join(root, "tests/fixtures/yaml/compliant"));
  try {
    ws.initStack("bench", { "aws:region": "us-east-1" });
    const timed = (args: string[]) => {
      const start = process.hrtime.bigint();
      ws.ok(args);
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    const withPack: number[] = [];
    const without: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      without.push(timed(["preview"]));
      withPack.push(timed(["preview", "--policy-pack", path.join(root, "policies")]));
    }
    record({ section: "engine", measure: "real pulumi preview, with the pack", ours: median(withPack) / 1000, baseline: median(without) / 1000, unit: "s", target: 1.3 });
  } finally {
    ws.remove();
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  console.log(`npm run bench: ${RUNS} runs each; ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}\n`);
  const sections = new Set(values.sections!.split(","));
  if (sections.has("program")) programSection();
  if (sections.has("pack")) await packSection();
  if (sections.has("overlap")) overlapSection();
  if (sections.has("e2e")) endToEndSection();
  if (sections.has("engine")) engineSection();
  const result = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` },
    runs: RUNS,
    rows: rows.map((r) => ({ ...r, ratio: ratio(r) })),
    seconds: (Date.now() - started) / 1000,
  };
  fs.mkdirSync(path.dirname(values.out!), { recursive: true });
  fs.writeFileSync(values.out!, JSON.stringify(result, null, 2) + "\n");
  console.log(`\n${rows.length} figures in ${result.seconds.toFixed(0)} s; written to ${values.out}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
