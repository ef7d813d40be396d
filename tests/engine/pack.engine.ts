// The policy pack judged by the real engine: `pulumi preview --policy-pack policies`, as pull
// requests run it, on hand-wired programs (Pulumi YAML: see README "The real engine").
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { PulumiWorkspace, engineBuilt, repoRoot, type CliResult } from "../../tools/engine/workspace";
import { printedViolations, summarize } from "./support/policyReport";

const pack = ["--policy-pack", path.join(repoRoot, "policies")];
const orgTuning = ["--policy-pack-config", path.join(repoRoot, "policy-config.json")];
const fixture = (name: string) => path.join(repoRoot, "tests", "fixtures", "yaml", name);

before(function () {
  if (!engineBuilt()) throw new Error("The real engine is not built: run `npm run engine:build` first.");
});

describe("the real engine", () => {
  it("is the CLI of the SDK's release", () => {
    const ws = new PulumiWorkspace(fixture("compliant"));
    try {
      const sdkManifest = path.join(repoRoot, "node_modules", "@pulumi", "pulumi", "package.json");
      const sdk = (JSON.parse(fs.readFileSync(sdkManifest, "utf8")) as { version: string }).version;
      assert.equal(ws.ok(["version"]).stdout.trim(), `v${sdk}`);
    } finally {
      ws.remove();
    }
  });
});

describe("the real engine and duplicate names", () => {
  // The mock engine of the offline preview once accepted these; the real one never did.
  it("refuses two resources of one type under one name, naming the URN", () => {
    const ws = new PulumiWorkspace(fixture("duplicate"));
    try {
      ws.initStack("dev", { "aws:region": "us-east-1" });
      const r = ws.run(["preview"]);
      assert.notEqual(r.status, 0);
      assert.match(r.output, /Duplicate resource URN 'urn:pulumi:dev::duplicate-names-yaml::aws:sqs\/queue:Queue::n-a-x-dlq'; try giving it a unique name/);
    } finally {
      ws.remove();
    }
  });
});

describe("pulumi preview --policy-pack policies (real engine)", () => {
  describe("a compliant hand-wired program", () => {
    let ws: PulumiWorkspace;
    before(() => {
      ws = new PulumiWorkspace(fixture("compliant"));
      ws.initStack("dev", { "aws:region": "us-east-1" });
    });
    after(() => ws.remove());

    it("passes with the pack: no mandatory violation", () => {
      const r = ws.run(["preview", ...pack]);
      assert.equal(r.status, 0, r.output);
      assert.deepEqual(printedViolations(r.output).filter((v) => v.level === "mandatory"), []);
    });

    it("passes with the org tuning (policy-config.json), which the engine validates against each schema", () => {
      const r = ws.run(["preview", ...pack, ...orgTuning]);
      assert.equal(r.status, 0, r.output);
    });

    it("refuses a policy config the schemas reject, naming the policy", () => {
      const bad = path.join(ws.programDir, "bad-policy-config.json");
      fs.writeFileSync(bad, JSON.stringify({ "s3-notification-not-overly-broad": { minPrefixLength: "three" } }));
      const r = ws.run(["preview", ...pack, "--policy-pack-config", bad]);
      assert.notEqual(r.status, 0);
      assert.match(r.output, /s3-notification-not-overly-broad/);
      assert.match(r.output, /minPrefixLength/);
    });

    it("fails when a config change makes a rule unfiltered, naming the policy and the notification", () => {
      const r = ws.run(["preview", ...pack, "--config", "prefix=", "--config", "suffix="]);
      assert.notEqual(r.status, 0, r.output);
      const mandatory = summarize(printedViolations(r.output).filter((v) => v.level === "mandatory"));
      assert.ok(mandatory.includes("mandatory s3-notification-filter-required uploads-notification"), mandatory.join("\n"));
    });

    it("fails when a config change makes two rules overlap", () => {
      const r = ws.run(["preview", ...pack, "--config", "reportsPrefix=incoming/"]);
      assert.notEqual(r.status, 0, r.output);
      const mandatory = summarize(printedViolations(r.output).filter((v) => v.level === "mandatory"));
      assert.ok(mandatory.includes("mandatory s3-notification-no-overlap uploads-notification"), mandatory.join("\n"));
    });
  });

  describe("the raw fixture program, first preview (every computed output unknown)", () => {
    let ws: PulumiWorkspace;
    let preview: CliResult;
    before(() => {
      ws = new PulumiWorkspace(fixture("raw"));
      ws.initStack("dev", { "aws:region": "us-east-1" });
      preview = ws.run(["preview", ...pack]);
    });
    after(() => ws.remove());

    it("fails the preview", () => {
      assert.notEqual(preview.status, 0);
      assert.match(preview.output, /preview failed/);
    });

    // The README's paragraph on unknowns states exactly this list.
    it("keeps mandatory what literal fields and dependencies decide", () => {
      // The engine registers YAML resources concurrently: either notification may be reported as the second.
      const mandatory = summarize(printedViolations(preview.output).filter((v) => v.level === "mandatory")).map((line) =>
        line.replace(/one-per-bucket raw-(all|csv)$/, "one-per-bucket raw-all|raw-csv"),
      );
      assert.deepEqual(mandatory, [
        "mandatory s3-destination-grant-present raw-csv",
        "mandatory s3-destination-has-dlq raw-jobs",
        "mandatory s3-notification-filter-required raw-all",
        "mandatory s3-notification-one-per-bucket raw-all|raw-csv",
      ]);
    });

    it("turns advisory what reads a computed output: the engine cannot run it until the update", () => {
      const advisory = printedViolations(preview.output).filter((v) => v.level === "advisory");
      const cannotRun = advisory.filter((v) => /can't run policy .* during preview/.test(v.message));
      assert.deepEqual(summarize(cannotRun), [
        "advisory s3-destination-compatible raw-all",
        "advisory s3-destination-compatible raw-csv",
        // A stack policy's note names the stack: whether some grant lets the bucket in waits for the queue's ARN.
        "advisory s3-destination-grant-present raw-notifications-yaml-dev",
        "advisory s3-destination-grant-scoped raw-jobs-policy",
        "advisory s3-destination-tls-only raw-jobs-policy",
      ]);
      // The rest are advisory policies that did run: the queue's missing alarms.
      assert.deepEqual(summarize(advisory.filter((v) => !cannotRun.includes(v))), ["advisory s3-destination-failure-alarmed raw-jobs"]);
    });

    it("agrees with the offline preview of the same program in TypeScript, mode by mode", () => {
      const offline = spawnSync(
        process.execPath,
        ["-r", "ts-node/register/transpile-only", path.join(repoRoot, "tools/offline/preview.ts"), "--program", path.join(repoRoot, "tests/fixtures/programs/raw"), "--json"],
        { cwd: repoRoot, encoding: "utf8", env: { ...process.env, TS_NODE_PROJECT: path.join(repoRoot, "tsconfig.json") } },
      );
      assert.equal(offline.status, 1, offline.stderr);
      const diagnostics = (JSON.parse(offline.stdout) as { diagnostics: { policy: string; urn: string; blocksAt?: string }[] }).diagnostics;
      const at = (when: string) =>
        diagnostics
          .filter((d) => d.blocksAt === when)
          .map((d) => `mandatory ${d.policy} ${d.urn.split("::").pop()}`.replace(/one-per-bucket raw-(all|csv)$/, "one-per-bucket raw-all|raw-csv"))
          .sort();
      const real = summarize(printedViolations(preview.output).filter((v) => v.level === "mandatory")).map((line) =>
        line.replace(/one-per-bucket raw-(all|csv)$/, "one-per-bucket raw-all|raw-csv"),
      );
      assert.deepEqual(at("preview"), real);
      assert.deepEqual(at("update"), ["mandatory s3-destination-grant-scoped raw-jobs-policy"]);
    });

    it("catches the confused-deputy grant at update, once the queue's ARN is known", () => {
      const r = ws.run(["up", "--yes", "--skip-preview", ...pack]);
      assert.notEqual(r.status, 0);
      const mandatory = summarize(printedViolations(r.output).filter((v) => v.level === "mandatory"));
      assert.ok(mandatory.includes("mandatory s3-destination-grant-scoped raw-jobs-policy"), r.output);
      ws.run(["destroy", "--yes"]);
    });
  });
});
