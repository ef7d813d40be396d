import { unknown } from "@pulumi/pulumi/output";
import { strict as assert } from "assert";
import { containsUnknown, engineValue, isUnknownSentinel, UNKNOWN, wireProperties } from "../../../tools/offline/unknowns";

const SIG = "4dabf18193072939515e22adb298388d";
const ref = (urn: string, id?: string) => ({ [SIG]: "5cf8f73096256a8f31e491e813e4eb8e", urn, ...(id === undefined ? {} : { id }), packageVersion: "7.48.0" });
const secret = { [SIG]: "1b47061264138c4ac30d75fd1eb44270", value: "123456789012" };

describe("values as the engine sends them to a pack", () => {
  it("knows every sentinel of the engine, by type", () => {
    for (const sentinel of Object.values(UNKNOWN)) assert.ok(isUnknownSentinel(sentinel));
    assert.equal(isUnknownSentinel("04da6b54"), false);
    assert.ok(containsUnknown({ queues: [{ queueArn: UNKNOWN.string }] }));
    assert.equal(containsUnknown({ queues: [{ queueArn: "arn:aws:sqs:us-east-1:1:q" }] }), false);
  });

  it("finds an unknown at any depth, and only a sentinel string counts", () => {
    assert.equal(isUnknownSentinel(UNKNOWN.string.toUpperCase()), false);
    assert.equal(isUnknownSentinel({ value: UNKNOWN.string }), false);
    assert.equal(containsUnknown(UNKNOWN.number), true);
    assert.equal(containsUnknown([1, [2, [UNKNOWN.array]]]), true);
    assert.equal(containsUnknown({ a: { b: { c: UNKNOWN.object } } }), true);
    for (const known of [null, undefined, 0, "", true, [], {}, [null], { a: null }, { a: [1, "x"] }]) {
      assert.equal(containsUnknown(known), false, JSON.stringify(known));
    }
  });

  it("marshals a program's outputs as the engine does: every SDK unknown as the string sentinel", () => {
    assert.equal(engineValue(unknown), UNKNOWN.string);
    assert.deepEqual(engineValue({ a: [unknown, 1], b: { c: unknown, d: "x" }, e: null }), { a: [UNKNOWN.string, 1], b: { c: UNKNOWN.string, d: "x" }, e: null });
    // Anything but a plain object or array is left as it is.
    const date = new Date(0);
    assert.equal(engineValue(date), date);
    class Box {
      constructor(readonly inner: unknown) {}
    }
    const box = new Box(unknown);
    assert.equal(engineValue(box), box);
    assert.equal(engineValue("s"), "s");
  });

  it("downgrades resource references as the engine does for analyzers, and keeps secrets and unknowns", () => {
    const fn = "urn:pulumi:dev::p::aws:lambda/function:Function::f";
    const component = "urn:pulumi:dev::p::my:index:Thing::t";
    assert.deepEqual(
      wireProperties({ function: ref(fn, "f-0a1b2c3"), pending: [ref(fn, "")], owner: ref(component), sourceAccount: secret, arn: UNKNOWN.string }),
      { function: "f-0a1b2c3", pending: [UNKNOWN.string], owner: component, sourceAccount: secret, arn: UNKNOWN.string },
    );
  });

  it("leaves plain values, nested lists and objects as they are, downgrading references at any depth", () => {
    const fn = "urn:pulumi:dev::p::aws:lambda/function:Function::f";
    assert.deepEqual(wireProperties({ a: 1, b: null, c: "s", d: [true, [ref(fn, "f-1")]], e: { f: { g: ref(fn, "f-2") } } }), {
      a: 1,
      b: null,
      c: "s",
      d: [true, ["f-1"]],
      e: { f: { g: "f-2" } },
    });
    // An object carrying another signature (a secret, an asset) is not a reference.
    assert.deepEqual(wireProperties({ s: { ...secret, urn: fn, id: "x" } }), { s: { ...secret, urn: fn, id: "x" } });
  });
});
