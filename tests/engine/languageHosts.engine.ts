// The components and the pack under the real language hosts, as other teams use them: `pulumi
// package add <repo>/components` into a Python program and a YAML program (the Node.js host runs
// the `runtime: nodejs` plugin: no launcher), each previewed with the pack, and the TypeScript dev
// and prod stacks previewed by the engine and by `npm run preview:offline`, which must agree.
//
// The module proxy refuses the Node.js and Python hosts (403), and the YAML host it serves has no
// `Link`: these hosts are built by hand from a checkout of pulumi/pulumi and pulumi/pulumi-yaml
// outside this repository (README, "The real engine") and found on PATH. Without them each check
// is pending, its title naming what is missing: never a silent pass.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PulumiWorkspace, engineBuilt, onUserPath, repoRoot } from "../../tools/engine/workspace";
import { spawnTool } from "../tools/offline/cli";
import { readEventLog, type EventLog } from "./support/eventLog";
import { printedViolations } from "./support/policyReport";
import { placed } from "./support/placed";
import { TWIN_FIXTURE_TREE } from "./support/twinTree";

const policies = path.join(repoRoot, "policies");
const pack = ["--policy-pack", policies, "--policy-pack-config", path.join(repoRoot, "policy-config.json")];
const components = path.join(repoRoot, "components");
const COMPONENT = "s3-events:index:BucketNotifications";
// Each engine run starts the component plugin through the Node.js host (type-checking its
// sources) and the pack: minutes on a busy 2-core machine.
const RUN_MS = 840_000;

/** The hosts found on the user's PATH, or why a check cannot run. */
const host = (name: string) => onUserPath(name);
const nodejsHost = host("pulumi-language-nodejs");
const pythonHost = host("pulumi-language-python");
const pythonExec = host("pulumi-language-python-exec");
const yamlHost = host("pulumi-language-yaml");
const python3 = onUserPath("python3");
const missing = (needs: Record<string, string | undefined>) => {
  const absent = Object.entries(needs).filter(([, found]) => found === undefined).map(([name]) => `\`${name}\``);
  return absent.length === 0 ? undefined : `${absent.join(", ")} not on PATH (build them by hand: README, "The real engine")`;
};
const pythonPending = missing({ "pulumi-language-nodejs": nodejsHost, "pulumi-language-python": pythonHost, "pulumi-language-python-exec": pythonExec, python3 });
const yamlPending =
  missing({ "pulumi-language-nodejs": nodejsHost }) ??
  (yamlHost === undefined
    ? "no `pulumi-language-yaml` of pulumi-yaml >= v1.37.0 on PATH: the one `npm run engine:build` builds (v1.25.0, the newest the module proxy serves whole) has no `Link` (`error: linking package: method Link not implemented`) and starts the Node.js host with `-root`, which 3.248's refuses (`flag provided but not defined: -root`)"
    : undefined);
const typescriptPending = missing({ "pulumi-language-nodejs": nodejsHost });

/** `it`, or a pending `it` whose title says why it cannot run here. */
function check(pending: string | undefined): (title: string, fn: () => void) => void {
  return (title, fn) => (pending === undefined ? it(title, fn) : it(`${title} (pending: ${pending})`));
}

/** The workspace's folders holding the hosts, searched before the engine's own build. */
const hostDirs = () => [...new Set([nodejsHost, pythonHost, pythonExec, yamlHost].filter((h): h is string => h !== undefined).map((h) => path.dirname(h)))];
const workspace = (program: string) =>
  new PulumiWorkspace(program, { launchers: false, pathFirst: hostDirs(), env: { PULUMI_DEBUG_COMMANDS: "true" } });

/** Runs `pulumi preview` with the pack, reading its verdict and plan from the event log. */
function previewWithLog(ws: PulumiWorkspace, args: readonly string[]): { status: number; output: string; log: EventLog } {
  const file = path.join(path.dirname(ws.home), `events-${Date.now()}.jsonl`);
  const r = ws.run(["preview", "--event-log", file, ...args], RUN_MS);
  return { status: r.status, output: r.output, log: readEventLog(fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "") };
}

/** `level policy urn`, sorted: compact and exact. */
const verdictLines = (violations: readonly { level: string; policy: string; urn: string }[]) => violations.map((v) => `${v.level} ${v.policy} ${v.urn}`).sort();

/** The component's tree by destination, from the URNs of a preview of the two twin fixtures. */
function assertTreeByDestination(urns: readonly string[]): void {
  const inComponent = urns.map(placed).filter((p) => p.ancestors[0] === COMPONENT);
  const direct = inComponent.filter((p) => p.ancestors.length === 1).map((p) => `${p.type} ${p.name}`).sort();
  assert.deepEqual(direct, TWIN_FIXTURE_TREE);
  for (const p of inComponent.filter((c) => c.ancestors.length === 2)) {
    assert.match(p.ancestors[1], /^s3-events:index:\w+Destination$/, `${p.type} ${p.name} sits under a destination`);
  }
  assert.equal(inComponent.filter((c) => c.ancestors.length > 2).length, 0, "nothing nests deeper");
}

before(function () {
  if (!engineBuilt()) throw new Error("The real engine is not built: run `npm run engine:build` first.");
});

describe("the language hosts (real engine, hosts built by hand)", function () {
  this.timeout(RUN_MS + 120_000);

  describe("a Python program using the components through `pulumi package add`", () => {
    const it = check(pythonPending);
    let ws: PulumiWorkspace;
    let urns: string[] = [];
    before(() => {
      if (pythonPending) return;
      ws = workspace(path.join(repoRoot, "tests", "fixtures", "python", "components"));
      ws.initStack("dev", { "aws:region": "us-east-1" });
    });
    after(() => ws?.remove());

    it("`pulumi package add <repo>/components` generates the SDK through the Node.js host, installs it into the venv and records the package", () => {
      const r = ws.run(["package", "add", components], RUN_MS);
      assert.equal(r.status, 0, r.output);
      assert.match(r.output, /Successfully generated an SDK for the s3-events package at .*sdks/);
      assert.match(r.output, /import pulumi_s3_events as s3_events/);
      assert.match(fs.readFileSync(path.join(ws.programDir, "Pulumi.yaml"), "utf8"), new RegExp(`\\npackages:\\n  s3-events: ${components}\\n`));
      assert.match(fs.readFileSync(path.join(ws.programDir, "requirements.txt"), "utf8"), /^sdks\/s3-events$/m);
      assert.ok(fs.existsSync(path.join(ws.programDir, "sdks", "s3-events", "pulumi_s3_events", "bucket_notifications.py")));
    });

    it("previews with the pack: no mandatory violation, the tree by destination", () => {
      const { status, output, log } = previewWithLog(ws, pack);
      assert.equal(status, 0, output);
      assert.deepEqual(log.violations.filter((v) => v.level === "mandatory"), []);
      urns = log.steps.map((s) => s.urn);
      assertTreeByDestination(urns);
    });

    it("deploys with `pulumi up`, the pack enforced, then plans no change", () => {
      const up = ws.run(["up", "--yes", "--skip-preview", ...pack], RUN_MS);
      assert.equal(up.status, 0, up.output);
      assert.deepEqual(printedViolations(up.output).filter((v) => v.level === "mandatory"), []);
      const planned = urns.filter((u) => !u.includes("::pulumi:providers:")).length;
      assert.match(up.output, new RegExp(`\\+ ${planned} created`));
      const again = ws.run(["preview", "--expect-no-changes", ...pack], RUN_MS);
      assert.equal(again.status, 0, again.output);
      const outputs = JSON.parse(ws.ok(["stack", "output", "--json"]).stdout) as Record<string, string>;
      assert.match(outputs.ingestQueueUrl, /^https:\/\/sqs\.us-east-1\.amazonaws\.com\/123456789012\/notifications-ingest-[0-9a-f]{7}$/);
    });
  });

  describe("a YAML program using the components through `pulumi package add`", () => {
    const it = check(yamlPending);
    let ws: PulumiWorkspace;
    before(() => {
      if (yamlPending) return;
      ws = workspace(path.join(repoRoot, "tests", "fixtures", "yaml", "components"));
      ws.initStack("dev", { "aws:region": "us-east-1" });
    });
    after(() => ws?.remove());

    it("`pulumi package add <repo>/components` (a directory) writes the package declaration and records the package", () => {
      const r = ws.run(["package", "add", components], RUN_MS);
      assert.equal(r.status, 0, r.output);
      assert.match(r.output, /Added package s3-events/);
      assert.match(fs.readFileSync(path.join(ws.programDir, "Pulumi.yaml"), "utf8"), new RegExp(`\\npackages:\\n  s3-events: ${components}\\n`));
      assert.ok(fs.existsSync(path.join(ws.programDir, "sdks", "s3-events", "s3-events-0.1.0.yaml")));
    });

    it("previews with the pack, the plugin started by the Node.js host: no mandatory violation, the tree by destination", () => {
      const { status, output, log } = previewWithLog(ws, pack);
      assert.equal(status, 0, output);
      assert.deepEqual(log.violations.filter((v) => v.level === "mandatory"), []);
      assertTreeByDestination(log.steps.map((s) => s.urn));
    });
  });

  for (const stack of ["dev", "prod"]) {
    describe(`the TypeScript ${stack} stack, by the engine and by \`npm run preview:offline\``, () => {
      const it = check(typescriptPending);
      let ws: PulumiWorkspace;
      let engine: { status: number; output: string; log: EventLog };
      let offline: { summary: { resources: number }; diagnostics: { level: string; policy: string; urn: string }[]; resources: { urn: string }[] };
      before(() => {
        if (typescriptPending) return;
        // The program's own files, with the repository's node_modules (the components through
        // their workspace link): the CLI writes its stack settings beside the program, never into ours.
        const source = fs.mkdtempSync(path.join(os.tmpdir(), "s3-events-program-"));
        const skip = new Set(["node_modules", ".git", ".engine", "reports", "tests", "bench", "stryker"]);
        for (const entry of fs.readdirSync(repoRoot)) {
          if (!skip.has(entry)) fs.cpSync(path.join(repoRoot, entry), path.join(source, entry), { recursive: true });
        }
        fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(source, "node_modules"));
        ws = workspace(source);
        fs.rmSync(source, { recursive: true });
        ws.initStack(stack);
        engine = previewWithLog(ws, ["--policy-pack", policies]);
        const run = spawnTool("offline/preview.ts", "--stack", stack, "--json");
        assert.equal(run.code, 0, run.stderr);
        offline = JSON.parse(run.stdout) as typeof offline;
      });
      after(() => ws?.remove());

      it("real `pulumi preview --policy-pack policies` passes: no mandatory violation", () => {
        assert.equal(engine.status, 0, engine.output);
        assert.deepEqual(engine.log.violations.filter((v) => v.level === "mandatory"), []);
      });

      it("plans exactly the resources the offline preview plans, by URN", () => {
        const planned = engine.log.steps.map((s) => s.urn).filter((u) => !u.includes("::pulumi:providers:") && !u.includes("::pulumi:pulumi:Stack::"));
        assert.ok(engine.log.steps.every((s) => s.op === "create"), "a first preview creates everything");
        assert.deepEqual(planned.sort(), offline.resources.map((r) => r.urn).sort());
        assert.equal(planned.length, offline.summary.resources);
      });

      it("reports exactly the offline preview's violations: policy, level and resource", () => {
        assert.deepEqual(verdictLines(engine.log.violations), verdictLines(offline.diagnostics));
      });
    });
  }
});
