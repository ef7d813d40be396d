// `pulumi up`, `preview --expect-no-changes`, an in-place update and `destroy`, through the real
// engine with the pack enforced, against the stand-in AWS provider.
import { strict as assert } from "assert";
import * as path from "path";
import { PulumiWorkspace, engineBuilt, repoRoot } from "../../tools/engine/workspace";

const pack = ["--policy-pack", path.join(repoRoot, "policies"), "--policy-pack-config", path.join(repoRoot, "policy-config.json")];
const program = path.join(repoRoot, "tests", "fixtures", "yaml", "compliant");

interface PreviewStep {
  op: string;
  urn: string;
}
const typeOf = (urn: string) => urn.split("::")[2];

before(function () {
  if (!engineBuilt()) throw new Error("The real engine is not built: run `npm run engine:build` first.");
});

describe("deploying with the pack (real engine)", () => {
  describe("a dev stack", () => {
    let ws: PulumiWorkspace;
    before(() => {
      ws = new PulumiWorkspace(program);
      ws.initStack("dev", { "aws:region": "us-east-1" });
    });
    after(() => ws.remove());

    it("deploys with `pulumi up --yes`, the pack enforced", () => {
      const r = ws.run(["up", "--yes", ...pack]);
      assert.equal(r.status, 0, r.output);
      assert.match(r.output, /8 created/);
    });

    it("then plans no change: `pulumi preview --expect-no-changes` passes", () => {
      const r = ws.run(["preview", "--expect-no-changes", ...pack]);
      assert.equal(r.status, 0, r.output);
    });

    it("exports what the program documents, with the provider's values", () => {
      const outputs = JSON.parse(ws.ok(["stack", "output", "--json"]).stdout) as Record<string, string>;
      assert.deepEqual(Object.keys(outputs).sort(), ["bucketName", "deadLetterQueueUrl", "queueUrl"]);
      assert.match(outputs.bucketName, /^uploads-[0-9a-f]{7}$/);
      assert.match(outputs.queueUrl, /^https:\/\/sqs\.us-east-1\.amazonaws\.com\/123456789012\/jobs-[0-9a-f]{7}$/);
    });

    it("updates the one notification in place when a rule changes: no replace, no second notification", () => {
      const plan = JSON.parse(ws.ok(["preview", "--json", "--config", "suffix=.tsv", ...pack]).stdout) as { steps: PreviewStep[] };
      const changes = plan.steps.filter((s) => s.op !== "same").map((s) => `${s.op} ${typeOf(s.urn)}`);
      assert.deepEqual(changes, ["update aws:s3/bucketNotification:BucketNotification"]);
      ws.ok(["up", "--yes", "--config", "suffix=.tsv", ...pack]);
      const state = JSON.parse(ws.ok(["stack", "export"]).stdout) as { deployment: { resources: { type: string; inputs: Record<string, unknown> }[] } };
      const notifications = state.deployment.resources.filter((r) => r.type === "aws:s3/bucketNotification:BucketNotification");
      assert.equal(notifications.length, 1);
      const queues = notifications[0].inputs.queues as { id: string; filterSuffix?: string }[];
      assert.equal(queues.find((q) => q.id === "incoming-csv")?.filterSuffix, ".tsv");
    });

    it("is destroyed by `pulumi destroy --yes`", () => {
      const r = ws.run(["destroy", "--yes"]);
      assert.equal(r.status, 0, r.output);
      assert.match(r.output, /8 deleted/);
    });
  });

  describe("a prod stack with protected dead-letter queues", () => {
    let ws: PulumiWorkspace;
    before(() => {
      ws = new PulumiWorkspace(program);
      ws.initStack("prod", { "aws:region": "us-east-1", protectDeadLetterQueue: "true" });
      ws.ok(["up", "--yes", ...pack]);
    });
    after(() => ws.remove());

    it("refuses `pulumi destroy` while its dead-letter queue is protected, and deletes nothing", () => {
      const r = ws.run(["destroy", "--yes"]);
      assert.notEqual(r.status, 0);
      assert.match(r.output, /protected/);
      const state = JSON.parse(ws.ok(["stack", "export"]).stdout) as { deployment: { resources: unknown[] } };
      assert.equal(state.deployment.resources.length, 9, "the stack, its provider and 7 resources remain");
    });
  });
});
