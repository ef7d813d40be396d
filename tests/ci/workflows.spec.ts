import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

const root = path.join(__dirname, "../..");
const workflow = (file: string) =>
  parse(fs.readFileSync(path.join(root, ".github/workflows", file), "utf8")) as {
    on: Record<string, unknown>;
    jobs: Record<string, { if?: string; environment?: string; strategy?: { matrix: Record<string, string[]> }; steps: { uses?: string; run?: string; with?: Record<string, unknown>; "working-directory"?: string }[] }>;
  };

describe("CI workflows", () => {
  it("previews the dev stack with the pack on pull requests, after the tests", () => {
    const pr = workflow("pull-request.yml");
    assert.ok("pull_request" in pr.on);
    assert.ok(pr.jobs.test.steps.some((s) => s.run === "npm test"));
    const preview = pr.jobs.preview.steps.find((s) => s.uses?.startsWith("pulumi/actions@"));
    assert.deepEqual(preview?.with, { command: "preview", "stack-name": "dev", policyPacks: "policies", "comment-on-pr": true });
    assert.ok(pr.jobs["offline-preview"].steps.some((s) => s.run?.startsWith("npm ci && npm run preview:offline")));
  });

  it("publishes the pack from its own folder on a version tag", () => {
    const publish = workflow("publish-policy-pack.yml");
    assert.deepEqual(publish.on.push, { tags: ["policies-v*"] });
    const step = publish.jobs.publish.steps.find((s) => s.run?.startsWith("pulumi policy publish"));
    assert.equal(step?.["working-directory"], "policies");
  });

  it("deploys dev on merge to main and prod on a release tag behind its environment, both with the pack", () => {
    const deploy = workflow("deploy.yml");
    assert.deepEqual(deploy.on.push, { branches: ["main"], tags: ["v*"] });
    const up = (job: string) => deploy.jobs[job].steps.find((s) => s.uses?.startsWith("pulumi/actions@"))?.with;
    assert.equal(deploy.jobs.dev.if, "github.event_name == 'push' && github.ref == 'refs/heads/main'");
    assert.deepEqual(up("dev"), { command: "up", "stack-name": "dev", policyPacks: "policies", policyPackConfigs: "policy-config.json" });
    assert.equal(deploy.jobs.prod.if, "github.event_name == 'push' && startsWith(github.ref, 'refs/tags/v')");
    assert.equal(deploy.jobs.prod.environment, "prod", "prod waits for the environment's reviewers");
    assert.deepEqual(up("prod"), { command: "up", "stack-name": "prod", policyPacks: "policies", policyPackConfigs: "policy-config.json" });
    for (const job of ["dev", "prod"]) {
      const steps = deploy.jobs[job].steps;
      const testAt = steps.findIndex((s) => s.run === "npm test");
      const upAt = steps.findIndex((s) => s.uses?.startsWith("pulumi/actions@"));
      assert.ok(testAt >= 0 && testAt < upAt, `${job}: tests pass before anything deploys`);
    }
  });

  it("checks both stacks for drift every night, with a refresh, failing on any change", () => {
    const deploy = workflow("deploy.yml");
    assert.ok("schedule" in deploy.on);
    assert.deepEqual(deploy.jobs.drift.strategy?.matrix.stack, ["dev", "prod"]);
    const preview = deploy.jobs.drift.steps.find((s) => s.uses?.startsWith("pulumi/actions@"))?.with;
    assert.equal(preview?.command, "preview");
    assert.equal(preview?.refresh, true);
    assert.equal(preview?.["expect-no-changes"], true);
    assert.equal(preview?.policyPacks, "policies");
  });

  it("runs exactly the README's test command in .ci/run", () => {
    const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
    const quickStart = /## Quick start\n+```sh\n([\s\S]*?)```/.exec(readme)?.[1].trim().split("\n") ?? [];
    assert.equal(quickStart.length, 2, "two command lines");
    assert.equal(quickStart[0], "npm ci && npm run preview:offline");
    const ci = fs.readFileSync(path.join(root, ".ci/run"), "utf8").split("\n");
    assert.ok(ci.includes(quickStart[1]), `.ci/run runs \`${quickStart[1]}\``);
    assert.ok(ci.includes("set -euo pipefail"));
  });

  it("npm test is exactly typecheck, lint and the unit suite, in that order, written out (no npm start for each)", () => {
    const { scripts } = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> };
    assert.equal(scripts.test, [scripts.typecheck, scripts.lint, scripts["test:unit"]].join(" && "));
  });

  it("splits the specs between `npm test` and `npm run test:integration` without losing one", () => {
    const config = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), "utf8")) as { spec: string[]; ignore?: string[] };
    const unit = config(".mocharc.json");
    const integration = config(".mocharc.integration.json");
    assert.deepEqual(unit.spec, ["tests/**/*.spec.ts"], "a new spec file is picked up by npm test");
    assert.deepEqual(unit.ignore, integration.spec, "what npm test leaves out is exactly the integration suite");
    for (const spec of integration.spec) assert.ok(fs.existsSync(path.join(root, spec)), spec);
  });

  it("runs the integration suite right after `npm test`, in .ci/run and in every workflow that tests", () => {
    const ci = fs.readFileSync(path.join(root, ".ci/run"), "utf8").split("\n");
    assert.equal(ci[ci.indexOf("npm test") + 1], "npm run test:integration");
    for (const file of ["pull-request.yml", "deploy.yml", "publish-policy-pack.yml"]) {
      const testing = Object.entries(workflow(file).jobs).filter(([, job]) => job.steps.some((s) => s.run === "npm test"));
      assert.ok(testing.length > 0, `${file} runs npm test`);
      for (const [name, job] of testing) {
        const at = job.steps.findIndex((s) => s.run === "npm test");
        assert.equal(job.steps[at + 1]?.run, "npm run test:integration", `${file}: ${name}`);
      }
    }
  });
});

describe("the policy pack folder", () => {
  it("is self-contained: nothing in it imports from outside it", () => {
    const dir = path.join(root, "policies");
    const files = fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => /\.(ts|js)$/.test(f) && !f.includes("node_modules"));
    for (const file of files) {
      const source = fs.readFileSync(path.join(dir, file), "utf8");
      for (const [, spec] of source.matchAll(/(?:from|require\()\s*["']([^"']+)["']/g)) {
        if (!spec.startsWith(".")) continue;
        const target = path.resolve(path.dirname(path.join(dir, file)), spec);
        assert.ok(target.startsWith(dir + path.sep), `${file} imports ${spec}, outside policies/`);
      }
    }
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string; main: string };
    assert.match(pkg.version, /^\d+\.\d+\.\d+$/);
    assert.ok(fs.existsSync(path.join(dir, pkg.main)));
    assert.match(fs.readFileSync(path.join(dir, "PulumiPolicy.yaml"), "utf8"), /^runtime: nodejs$/m);
  });
});
