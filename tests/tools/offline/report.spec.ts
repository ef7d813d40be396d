import { strict as assert } from "assert";
import type { Judgement } from "../../../tools/offline/judge";
import type { CapturedResource } from "../../../tools/offline/mockEngine";
import type { Diagnostic } from "../../../tools/offline/packClient";
import { counts, exitCode, jsonReport, textReport, type PreviewResult } from "../../../tools/offline/report";
import type { Mode, ProgramRun } from "../../../tools/offline/runProgram";
import { combine } from "../../../tools/offline/verdict";

const STACK = "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev";
const urn = (type: string, name: string) => `urn:pulumi:dev::p::${type}::${name}`;
const resource = (type: string, name: string, over: Partial<CapturedResource> = {}): CapturedResource => ({
  urn: urn(type, name),
  type,
  name,
  custom: true,
  parent: undefined,
  dependencies: [],
  propertyDependencies: {},
  inputs: { name },
  protect: false,
  retainOnDelete: false,
  aliases: [],
  ...over,
});
const THING = "my:index:Thing";
const QUEUE = "aws:sqs/queue:Queue";
const BUCKET = "aws:s3/bucket:Bucket";

function run(mode: Mode, resources = [resource(THING, "t", { custom: false }), resource(QUEUE, "q", { parent: urn(THING, "t") }), resource(BUCKET, "b")]): ProgramRun {
  return { project: "p", stack: "dev", mode, stackUrn: STACK, region: "eu-west-1", resources, exports: { queue: "q" } };
}
const judgement = (...diagnostics: Diagnostic[]): Judgement => ({
  pack: { name: "s3-notifications", version: "0.1.0" },
  policies: [
    { name: "grant", description: "Checks grants.", level: "mandatory", configSchema: undefined },
    { name: "adv", description: "Advises.", level: "advisory", configSchema: undefined },
  ],
  diagnostics,
});
const grantAtPreview: Diagnostic = { policy: "grant", level: "mandatory", message: "Checks grants.\nthe grant on `q` is too wide.\nScope it.", urn: urn(QUEUE, "q") };
const grantAtUpdate: Diagnostic = { policy: "grant", level: "mandatory", message: "the grant on `b` is too wide.", urn: urn(BUCKET, "b") };
const onStack: Diagnostic = { policy: "adv", level: "advisory", message: "Advises.", urn: STACK };
const elsewhere: Diagnostic = { policy: "adv", level: "advisory", message: "look at `z`", urn: urn(QUEUE, "gone") };

function result(mode: Mode, preview: Diagnostic[], update: Diagnostic[]): PreviewResult {
  return { run: run(mode), verdict: combine(mode, judgement(...preview), judgement(...update)) };
}

describe("the offline preview's report", () => {
  it("counts resources, components and violations by when they block", () => {
    const r = result("preview", [grantAtPreview, onStack], [grantAtPreview, grantAtUpdate, elsewhere]);
    assert.deepEqual(counts(r), { resources: 3, components: 1, mandatoryAtPreview: 1, mandatoryAtUpdate: 2, advisory: 1 });
  });

  it("prints the tree, each violation on its resource with when it blocks, and a failing summary", () => {
    const r = result("preview", [grantAtPreview, onStack], [grantAtPreview, grantAtUpdate]);
    assert.equal(
      textReport(r),
      [
        "Offline preview of p/dev (Pulumi mocks; eu-west-1; no cloud credentials used)",
        "",
        "Resources: 3 (2 custom, 1 component)",
        "  pulumi:pulumi:Stack p-dev (3)",
        "  ├─ my:index:Thing t (1)",
        "  │  └─ aws:sqs/queue:Queue q",
        "  └─ aws:s3/bucket:Bucket b",
        "",
        "Policy pack s3-notifications@0.1.0 (2 policies), judged as a first `pulumi preview`: outputs of new resources unknown",
        "  Mandatory violations: 2 (1 block a first preview, 1 only an update)",
        "    [grant] aws:sqs/queue:Queue q (blocks at preview)",
        "      the grant on `q` is too wide.",
        "      Scope it.",
        "    [grant] aws:s3/bucket:Bucket b (blocks only at update)",
        "      the grant on `b` is too wide.",
        "  Advisory: 1",
        "    [adv] (stack)",
        "",
        "Summary: 3 resources, 1 mandatory violations at preview and 2 at update, 1 advisory; FAILED: fix the mandatory violations above.",
        "",
      ].join("\n"),
    );
    assert.equal(exitCode(r), 1);
  });

  it("passes a first preview that only an update would fail, and says so", () => {
    const r = result("preview", [], [grantAtUpdate]);
    assert.match(textReport(r), /\n {2}Mandatory violations: 1 \(0 block a first preview, 1 only an update\)\n/);
    assert.match(textReport(r), /; passes a first preview, but `pulumi up` would fail \(--as-update to fail on it\)\.\n$/);
    assert.equal(exitCode(r), 0);
  });

  it("fails an update on it", () => {
    const r = result("update", [], [grantAtUpdate]);
    assert.match(textReport(r), /judged as `pulumi up` once resources exist: outputs known\n/);
    assert.match(textReport(r), /; FAILED: fix the mandatory violations above\.\n$/);
    assert.equal(exitCode(r), 1);
  });

  it("passes a clean program, naming a violation's resource by URN when it is not in the graph", () => {
    const r = result("update", [], [elsewhere]);
    assert.match(textReport(r), /\n {4}\[adv\] urn:pulumi:dev::p::aws:sqs\/queue:Queue::gone\n {6}look at `z`\n/);
    assert.match(textReport(r), /Summary: 3 resources, 0 mandatory violations at preview and 0 at update, 1 advisory; passed\.\n$/);
    assert.equal(exitCode(r), 0);
  });

  it("prints a violation of a policy the pack did not list with its whole message", () => {
    const stray: Diagnostic = { policy: "other", level: "advisory", message: "Advises.\nmore", urn: STACK };
    const r = { run: run("update"), verdict: combine("update", judgement(), judgement(stray)) };
    assert.match(textReport(r), /\n {4}\[other\] \(stack\)\n {6}Advises\.\n {6}more\n/);
  });

  it("counts components in the plural, and shows a resource's whole subtree", () => {
    const deep = run("update", [
      resource(THING, "a", { custom: false }),
      resource(THING, "b", { custom: false, parent: urn(THING, "a") }),
      resource(QUEUE, "q", { parent: urn(THING, "b") }),
    ]);
    const text = textReport({ run: deep, verdict: combine("update", judgement(), judgement()) });
    assert.match(text, /\nResources: 3 \(1 custom, 2 components\)\n/);
    assert.match(text, /\n {2}pulumi:pulumi:Stack p-dev \(3\)\n {2}└─ my:index:Thing a \(2\)\n {5}└─ my:index:Thing b \(1\)\n {8}└─ aws:sqs\/queue:Queue q\n/);
  });

  it("writes the verdict and the graph as JSON, with the exit code", () => {
    const r = result("preview", [grantAtPreview], [grantAtPreview, grantAtUpdate, elsewhere]);
    const json = JSON.parse(jsonReport(r)) as Record<string, unknown>;
    assert.equal(json.project, "p");
    assert.equal(json.stack, "dev");
    assert.equal(json.mode, "preview");
    assert.deepEqual(json.summary, { resources: 3, components: 1, mandatoryAtPreview: 1, mandatoryAtUpdate: 2, advisory: 0, exitCode: 1 });
    assert.deepEqual(json.pack, { name: "s3-notifications", version: "0.1.0" });
    assert.deepEqual(json.diagnostics, [
      { ...grantAtPreview, blocksAt: "preview" },
      { ...grantAtUpdate, blocksAt: "update" },
    ]);
    assert.deepEqual((json.resources as unknown[])[1], {
      urn: urn(QUEUE, "q"),
      type: QUEUE,
      name: "q",
      parent: urn(THING, "t"),
      dependencies: [],
      propertyDependencies: {},
      protect: false,
      inputs: { name: "q" },
    });
    assert.equal((json.resources as { parent: string }[])[2].parent, STACK, "a top-level resource hangs under the stack");
    assert.deepEqual(json.exports, { queue: "q" });
    assert.ok(jsonReport(r).startsWith('{\n  "project": "p",'), "indented by two spaces");
    assert.ok(jsonReport(r).endsWith("}\n"));
  });
});
