// The components as another team consumes them: the `s3-events` package used from a Pulumi YAML
// program, hosted by the real engine as a multi-language component (through
// tests/engine/launchers/pulumi-resource-s3-events, since the Node.js language host cannot be
// built here), its AWS children served by the stand-in provider, the pack enforced.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Analyzer } from "@pulumi/pulumi/provider/experimental/analyzer";
import { generateSchema } from "@pulumi/pulumi/provider/experimental/schema";
import { PulumiWorkspace, engineBuilt, repoRoot } from "../../tools/engine/workspace";
import { printedViolations } from "./support/policyReport";
import { placed, type Placed } from "./support/placed";
import { TWIN_FIXTURE_TREE } from "./support/twinTree";

const pack = ["--policy-pack", path.join(repoRoot, "policies"), "--policy-pack-config", path.join(repoRoot, "policy-config.json")];
const fixture = (name: string) => path.join(repoRoot, "tests", "fixtures", "yaml", name);
const COMPONENT = "s3-events:index:BucketNotifications";
const launcher = path.join(repoRoot, "tests", "engine", "launchers", "pulumi-resource-s3-events");

interface PreviewStep {
  op: string;
  urn: string;
}

before(function () {
  if (!engineBuilt()) throw new Error("The real engine is not built: run `npm run engine:build` first.");
});

// Every engine run here starts the component provider twice (the YAML host loads its schema, the
// engine constructs it), each start type-checking the TypeScript sources as RunPlugin's ts-node
// does: minutes on a busy 2-core machine.
const RUN_MS = 840_000;

describe("the s3-events components from Pulumi YAML (real engine)", function () {
  this.timeout(RUN_MS + 60_000);
  describe("a program with one destination of each kind", () => {
    let ws: PulumiWorkspace;
    let inComponent: Placed[];
    before(() => {
      ws = new PulumiWorkspace(fixture("components"));
      ws.initStack("dev", { "aws:region": "us-east-1" });
    });
    after(() => ws.remove());

    it("previews with the pack: no mandatory violation (the engine fails a preview on one)", () => {
      const r = ws.run(["preview", "--json", ...pack], RUN_MS);
      assert.equal(r.status, 0, r.output);
      const steps = (JSON.parse(r.stdout) as { steps: PreviewStep[] }).steps;
      inComponent = steps.map((s) => placed(s.urn)).filter((p) => p.ancestors[0] === COMPONENT || p.type === COMPONENT);
      assert.ok(inComponent.length > 1, r.stdout);
    });

    it("shows the tree by destination: one component per destination and one notification per bucket under BucketNotifications", () => {
      const direct = inComponent.filter((p) => p.ancestors.length === 1).map((p) => `${p.type} ${p.name}`).sort();
      assert.deepEqual(direct, TWIN_FIXTURE_TREE);
    });

    it("puts everything a destination creates under its component, named after it", () => {
      const byDestination: Record<string, string[]> = {};
      for (const p of inComponent.filter((c) => c.ancestors.length === 2)) {
        const owner = p.ancestors[1];
        assert.match(owner, /^s3-events:index:\w+Destination$/, `${p.type} ${p.name} sits under ${owner}`);
        (byDestination[owner] ??= []).push(p.type);
        const scope = inComponent.find((c) => c.type === owner)!.name;
        assert.ok(p.name === scope || p.name.startsWith(`${scope}-`), `${p.name} is named after its destination ${scope}`);
      }
      assert.equal(inComponent.filter((c) => c.ancestors.length > 2).length, 0, "nothing nests deeper");
      const has = (destination: string, ...types: string[]) =>
        types.forEach((t) => assert.ok(byDestination[`s3-events:index:${destination}`]?.includes(t), `${destination} holds a ${t}`));
      has("SqsDestination", "aws:sqs/queue:Queue", "aws:sqs/queuePolicy:QueuePolicy", "aws:lambda/eventSourceMapping:EventSourceMapping", "aws:cloudwatch/metricAlarm:MetricAlarm");
      has("LambdaDestination", "aws:lambda/permission:Permission", "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig", "aws:sqs/queue:Queue");
      has("SnsDestination", "aws:sns/topic:Topic", "aws:sns/topicPolicy:TopicPolicy", "aws:sns/topicSubscription:TopicSubscription");
      // A function target: what the function fails on after Lambda's retries has its own DLQ.
      has("EventBridgeDestination", "aws:cloudwatch/eventRule:EventRule", "aws:cloudwatch/eventTarget:EventTarget", "aws:lambda/permission:Permission", "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig");
      // Unique by type the engine checks itself; readable means no segment said twice (`uploads-uploads`).
      const stutters = inComponent.map((p) => p.name).filter((n) => n.split("-").some((seg, i, all) => i > 0 && seg === all[i - 1]));
      assert.deepEqual(stutters, []);
    });

    it("deploys with `pulumi up --yes`, the pack enforced", () => {
      // Just previewed: skipping up's own preview saves a run of the program and two plugin starts.
      const r = ws.run(["up", "--yes", "--skip-preview", ...pack], RUN_MS);
      assert.equal(r.status, 0, r.output);
      assert.deepEqual(printedViolations(r.output).filter((v) => v.level === "mandatory"), []);
      assert.match(r.output, new RegExp(`${inComponent.length + 8} created`));
    });

    it("then plans no change: `pulumi preview --expect-no-changes` passes", () => {
      const r = ws.run(["preview", "--expect-no-changes", ...pack], RUN_MS);
      assert.equal(r.status, 0, r.output);
    });

    it("exports the component's outputs, readable in `pulumi stack output`", () => {
      const outputs = JSON.parse(ws.ok(["stack", "output", "--json"]).stdout) as Record<string, string>;
      assert.match(outputs.ingestQueueUrl, /^https:\/\/sqs\.us-east-1\.amazonaws\.com\/123456789012\/notifications-ingest-[0-9a-f]{7}$/);
      assert.match(outputs.auditTopicArn, /^arn:aws:sns:us-east-1:123456789012:notifications-audit-[0-9a-f]{7}$/);
    });
  });

  describe("args another language can get wrong", () => {
    let ws: PulumiWorkspace;
    before(() => {
      ws = new PulumiWorkspace(fixture("components-bad-args"));
      ws.initStack("dev", { "aws:region": "us-east-1" });
    });
    after(() => ws.remove());

    it("fail the preview with the component's error, naming destination, bucket, rule and field, before any child registers", () => {
      const r = ws.run(["preview", ...pack], RUN_MS);
      assert.notEqual(r.status, 0, r.output);
      assert.match(r.output, /BucketNotifications `notifications` has 2 problems/);
      assert.match(r.output, /destination `both`, `destinations\.both`: Only one of `lambda`, `sqs`, `sns` or `eventBridge` can be provided \(found `sqs` and `sns`\)/);
      assert.match(r.output, /bucket `uploads`, rule `everything`, `rules\[0\]\.filter`: .*unfilteredReason/);
      assert.doesNotMatch(r.output, /aws:\w+:\w+ notifications-/, "no child of the component was planned");
    });
  });

  describe("`pulumi package get-schema` on the launcher (a path to the plugin)", () => {
    let ws: PulumiWorkspace;
    before(() => {
      // get-schema needs no program: run it from an empty folder, as another team would.
      const empty = fs.mkdtempSync(path.join(os.tmpdir(), "s3-events-empty-"));
      ws = new PulumiWorkspace(empty);
      fs.rmSync(empty, { recursive: true });
    });
    after(() => ws.remove());

    it("serves the schema Pulumi's analyzer infers offline (tests/components/schema.spec.ts), as the CLI normalizes it", () => {
      const served = JSON.parse(ws.ok(["package", "get-schema", launcher], RUN_MS).stdout) as Record<string, unknown>;
      const dir = path.join(repoRoot, "components");
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { name: string; version: string; description: string };
      const { components, typeDefinitions, dependencies } = new Analyzer(dir, pkg.name, pkg, new Set(["BucketNotifications"])).analyze();
      // Through JSON, as the plugin sends it: keys left undefined (`namespace`) are not written.
      const offline = JSON.parse(JSON.stringify(generateSchema(pkg.name, pkg.version, pkg.description, components, typeDefinitions, dependencies))) as unknown;
      // The CLI reads the schema into its PackageSpec and writes it back: `optional` is not a schema
      // field (dropped), an empty `required` is omitted, and an empty `config` appears.
      assert.deepEqual(served, { config: {}, ...(normalized(offline) as object) });
    });
  });
});

/** A schema as the CLI re-serializes it: no `optional` keys, no empty `required` lists. */
function normalized(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalized);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k, v]) => k !== "optional" && !(k === "required" && Array.isArray(v) && v.length === 0))
      .map(([k, v]) => [k, normalized(v)]),
  );
}
