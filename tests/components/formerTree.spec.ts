import { strict as assert } from "assert";
import * as path from "path";
import type { CapturedResource } from "../../tools/offline/mockEngine";
import { runProgram, type ProgramRun } from "../../tools/offline/runProgram";
import { readStackFiles } from "../../tools/offline/stackFiles";
import type { FormerStack } from "../fixtures/formerTree/generate";
import { resolveAliases } from "../support/engineAliases";

const root = path.resolve(__dirname, "../..");
const former = (stack: string) => require(`../fixtures/formerTree/${stack}.json`) as FormerStack; // eslint-disable-line @typescript-eslint/no-require-imports
/** The suffix the mocks give an autonamed resource's physical name (`${name}-0a1b2c3`). */
const AUTONAME = "-0a1b2c3";

describe("Stacks deployed with the former flat tree (before issue 14)", () => {
  // runProgram leaves the program's modules loaded: unload them, so a later spec that requires the
  // program (tests/index.spec.ts) runs it afresh under its own mocks.
  after(() => {
    const own = ["index.ts", "stack", "functions", "components"].map((p) => path.join(root, p));
    for (const file of Object.keys(require.cache)) {
      if (own.some((p) => file === p || file.startsWith(p + path.sep)) && !file.includes(`${path.sep}node_modules${path.sep}`)) delete require.cache[file];
    }
  });

  for (const stack of ["dev", "prod"]) {
    describe(`the ${stack} stack`, () => {
      let run: ProgramRun;
      let old: FormerStack;
      before(async () => {
        old = former(stack);
        run = await runProgram(root, readStackFiles(root, stack), { mode: "update" });
      });

      it("finds the state of every resource it had, each taken over once, and the engine would refuse none of the aliases", () => {
        const olds = new Set(old.resources.map((r) => r.urn));
        const { matches, errors } = resolveAliases(run.resources, olds, run.project, run.stack);
        assert.deepEqual(errors, []);
        const found = matches.flatMap((m) => (m.old === undefined ? [] : [m.old]));
        assert.equal(new Set(found).size, found.length, "no old state taken over twice");
        // Nothing deleted: every former resource is updated in place (a protected DLQ would stop `pulumi up`).
        assert.deepEqual(
          old.resources.map((r) => r.urn).filter((u) => !found.includes(u)),
          [],
        );
        // What is new is only the destinations' components, the tree's new level.
        const created = run.resources.filter((_, i) => matches[i].old === undefined).map((r) => `${r.type} ${r.name}`);
        assert.deepEqual(created.sort(), [
          "s3-events:index:EventBridgeDestination uploads-index",
          "s3-events:index:LambdaDestination uploads-thumbnails",
          "s3-events:index:SnsDestination uploads-audit",
          "s3-events:index:SqsDestination uploads-ingest",
        ]);
      });

      it("keeps each moved resource's type and protection, and changes none of its inputs", () => {
        const { matches } = resolveAliases(run.resources, new Set(old.resources.map((r) => r.urn)), run.project, run.stack);
        const byUrn = new Map(old.resources.map((r) => [r.urn, r]));
        const moved = run.resources.flatMap((r, i) => {
          const was = matches[i].old === undefined ? undefined : byUrn.get(matches[i].old!);
          return was?.inputs && was.urn !== matches[i].urn ? [{ now: r, was }] : [];
        });
        // The component (its type) and every one of its 32 children (their parent) moved.
        assert.equal(moved.length, old.resources.filter((r) => r.inputs).length);
        assert.equal(moved.length, 33);
        // An aliased resource keeps its physical name (the provider's Check reuses the old autoname):
        // read today's mock names as the old ones before comparing what references them.
        const autonamed = (r: CapturedResource) => [r.outputs?.name, r.outputs?.statementId].includes(r.name + AUTONAME);
        const renames = moved
          .filter(({ now, was }) => now.name !== was.name && autonamed(now))
          .map(({ now, was }) => [now.name + AUTONAME, was.name + AUTONAME] as const);
        // The EventRule's name is its autoname's base (EventTarget.rule, which forces a new target, reads it).
        assert.deepEqual(renames, [["uploads-index-docs-0a1b2c3", "uploads-index-index-docs-0a1b2c3"]]);
        const asBefore = (value: unknown) => renames.reduce((s, [now, was]) => s.split(now).join(was), JSON.stringify(value));
        const changed: string[] = [];
        for (const { now, was } of moved) {
          // A component may change its type (nothing is provisioned for it); an AWS resource may not.
          if (now.custom) assert.equal(now.type, was.type, now.name);
          assert.equal(now.protect, was.protect, `${now.name} keeps its protection`);
          const keys = new Set([...Object.keys(now.inputs), ...Object.keys(was.inputs!)]);
          for (const key of keys) {
            if (asBefore(now.inputs[key]) !== JSON.stringify(was.inputs![key])) changed.push(`${now.type} ${now.name}.${key}`);
          }
        }
        // Not even a description: the provider has nothing to update, let alone replace.
        assert.deepEqual(changed, []);
      });
    });
  }
});
