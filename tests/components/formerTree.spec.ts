import * as pulumi from "@pulumi/pulumi";
import { strict as assert } from "assert";
import * as path from "path";
import { BucketNotifications, eventBridge, sqs } from "../../components";
import { TYPES, type PlannedOwner } from "../../components/childNames";
import { aliasFormerChildren, FORMER_TYPE, formerAlias, formerJoin, formerNames } from "../../components/formerTree";
import type { CapturedResource } from "../../tools/offline/mockEngine";
import { runProgram, type ProgramRun } from "../../tools/offline/runProgram";
import { readStackFiles } from "../../tools/offline/stackFiles";
import type { FormerStack } from "../fixtures/formerTree/generate";
import { resolveAliases } from "../support/engineAliases";
import { ACCOUNT, mockEngine, REGION } from "../support/harness";

const root = path.resolve(__dirname, "../..");
const former = (stack: string) => require(`../fixtures/formerTree/${stack}.json`) as FormerStack; // eslint-disable-line @typescript-eslint/no-require-imports
/** The suffix the mocks give an autonamed resource's physical name (`${name}-0a1b2c3`). */
const AUTONAME = "-0a1b2c3";

// The mapping itself, from components/formerTree.ts directly: the program below imports the
// package by name, which mutation testing never mutates.
describe("The former flat tree's names", () => {
  const owner = (label: string, ...children: [string, string][]): PlannedOwner => ({ label, children: children.map(([type, name]) => ({ type, name })) });

  it("joined every part in full", () => {
    assert.equal(formerJoin("uploads", "uploads"), "uploads-uploads");
    assert.equal(formerJoin("uploads", "index", "index-docs"), "uploads-index-index-docs");
    assert.equal(formerJoin("a"), "a");
  });

  it("are read child by child from the same plan made with the former join; a destination's own component has none", () => {
    const current = [
      owner("bucket `uploads`", [TYPES.notification, "uploads"]),
      owner("destination `index`", [TYPES.eventBridgeDestination, "uploads-index"], [TYPES.eventRule, "uploads-index-docs"], [TYPES.queue, "uploads-index-dlq"]),
    ];
    const former = [
      owner("bucket `uploads`", [TYPES.notification, "uploads-uploads"]),
      owner("destination `index`", [TYPES.eventBridgeDestination, "uploads-index"], [TYPES.eventRule, "uploads-index-index-docs"], [TYPES.queue, "uploads-index-dlq"]),
    ];
    assert.deepEqual(
      [...formerNames(current, former)],
      [
        [`${TYPES.notification}::uploads`, "uploads-uploads"],
        [`${TYPES.eventRule}::uploads-index-docs`, "uploads-index-index-docs"],
        [`${TYPES.queue}::uploads-index-dlq`, "uploads-index-dlq"],
      ],
    );
  });

  it("refuse a former plan that differs from the current one: a bug, never the user's input", () => {
    const current = [owner("destination `q`", [TYPES.queue, "n-q"], [TYPES.alarm, "n-q-oldest"])];
    assert.throws(() => formerNames(current, [owner("destination `q`", [TYPES.queue, "n-q"], [TYPES.key, "n-q-key"])]), {
      message: "former plan differs from the current one at destination `q`, child 1",
    });
    assert.throws(() => formerNames(current, [owner("destination `q`", [TYPES.queue, "n-q"])]), {
      message: "former plan differs from the current one at destination `q`, child 1",
    });
    assert.throws(() => formerNames(current, []), { message: "former plan differs from the current one at destination `q`, child 0" });
  });

  it("alias a child to its former name under the component, and nothing without one", async () => {
    await mockEngine();
    const component = new pulumi.ComponentResource("test:index:Owner", "c");
    const names = new Map([[`${TYPES.queue}::n-q`, "n-n-q"]]);
    assert.deepEqual(formerAlias(names, component, TYPES.queue, "n-q"), { name: "n-n-q", parent: component });
    assert.equal(formerAlias(names, component, TYPES.topic, "n-q"), undefined);
    assert.equal(formerAlias(names, component, TYPES.queue, "n-q-dlq"), undefined);

    const transform = aliasFormerChildren(names, component);
    const opts = { aliases: ["urn:pulumi:test::s3-events::aws:sqs/queue:Queue::older"], protect: true };
    const props = { fifoQueue: false };
    assert.deepEqual(transform({ type: TYPES.queue, name: "n-q", props, opts, resource: component }), {
      props,
      opts: { aliases: ["urn:pulumi:test::s3-events::aws:sqs/queue:Queue::older", { name: "n-n-q", parent: component }], protect: true },
    });
    assert.deepEqual(transform({ type: TYPES.queue, name: "n-q", props, opts: {}, resource: component }), { props, opts: { aliases: [{ name: "n-n-q", parent: component }] } });
    assert.equal(transform({ type: TYPES.queue, name: "n-q-dlq", props, opts, resource: component }), undefined);
  });

  it("are what a component's children take over a former flat stack's state by, the component its former type's", async () => {
    const engine = await mockEngine();
    // The dev stack's renamed children: the notification (`uploads` + `uploads`) and an EventBridge rule's (`index` + `index-docs`).
    new BucketNotifications("uploads", {
      buckets: { uploads: { bucketName: "acme-uploads" } },
      destinations: { index: eventBridge({ functionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:indexer`, functionRoleArn: `arn:aws:iam::${ACCOUNT}:role/indexer-role` }), ingest: sqs({ queueArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:jobs`, queueUrl: "https://sqs/jobs" }) },
      rules: [
        { id: "index-docs", bucket: "uploads", destination: "index", events: ["s3:ObjectCreated:*"], filter: { prefix: "docs/" } },
        { id: "csv", bucket: "uploads", destination: "ingest", events: ["s3:ObjectCreated:*"], filter: { suffix: ".csv" } },
      ],
    });
    await engine.settle();
    const flat = (type: string, name: string) => `urn:pulumi:test::s3-events::${FORMER_TYPE}$${type}::${name}`;
    const olds = [
      `urn:pulumi:test::s3-events::${FORMER_TYPE}::uploads`,
      flat(TYPES.notification, "uploads-uploads"),
      flat(TYPES.eventRule, "uploads-index-index-docs"),
      flat(TYPES.eventTarget, "uploads-index-index-docs"),
      flat(TYPES.permission, "uploads-index-index-docs-allow-events"),
      flat(TYPES.queue, "uploads-index-dlq"),
      flat(TYPES.queuePolicy, "uploads-index-dlq-policy"),
      flat(TYPES.alarm, "uploads-index-dlq-visible"),
      flat(TYPES.alarm, "uploads-index-errors"),
      flat(TYPES.alarm, "uploads-index-dropped"),
      flat(TYPES.queue, "uploads-ingest-dlq"),
      flat(TYPES.alarm, "uploads-ingest-dlq-visible"),
      flat(TYPES.redrivePolicy, "uploads-ingest-redrive"),
      flat(TYPES.queuePolicy, "uploads-ingest-policy"),
      flat(TYPES.alarm, "uploads-ingest-oldest"),
    ];
    const { matches, errors } = resolveAliases(engine.resources, new Set(olds), "s3-events", "test");
    assert.deepEqual(errors, []);
    const taken = new Map(engine.resources.map((r, i) => [`${r.type} ${r.name}`, matches[i].old]));
    assert.equal(taken.get("s3-events:index:BucketNotifications uploads"), olds[0]);
    assert.equal(taken.get(`${TYPES.notification} uploads`), flat(TYPES.notification, "uploads-uploads"));
    assert.equal(taken.get(`${TYPES.eventRule} uploads-index-docs`), flat(TYPES.eventRule, "uploads-index-index-docs"));
    // Every former resource is taken over, each once; only the destinations' components are new,
    // and what keeps the function target's own failures, which the former tree did not have.
    assert.deepEqual([...taken.values()].filter((o) => o !== undefined).sort(), [...olds].sort());
    assert.deepEqual(
      [...taken].filter(([, o]) => o === undefined).map(([r]) => r),
      [
        "s3-events:index:EventBridgeDestination uploads-index",
        "s3-events:index:SqsDestination uploads-ingest",
        "aws:sqs/queue:Queue uploads-index-function-dlq",
        "aws:iam/rolePolicy:RolePolicy uploads-index-function-send-to-dlq",
        "aws:cloudwatch/metricAlarm:MetricAlarm uploads-index-function-dlq-visible",
        "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig uploads-index-function-async",
      ],
    );
  });
});

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
        // What is new is the destinations' components, the tree's new level, and what keeps the
        // indexer's own failures (EventBridge invokes it asynchronously), added after the tree.
        const created = run.resources.filter((_, i) => matches[i].old === undefined).map((r) => `${r.type} ${r.name}`);
        assert.deepEqual(created.sort(), [
          "aws:cloudwatch/metricAlarm:MetricAlarm uploads-index-function-dlq-visible",
          "aws:iam/rolePolicy:RolePolicy uploads-index-function-send-to-dlq",
          "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig uploads-index-function-async",
          "aws:sqs/queue:Queue uploads-index-function-dlq",
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
