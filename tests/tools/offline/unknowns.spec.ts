import { strict as assert } from "assert";
import { containsUnknown, isUnknownSentinel, UNKNOWN, wireProperties } from "../../../tools/offline/unknowns";

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

  it("downgrades resource references as the engine does for analyzers, and keeps secrets and unknowns", () => {
    const fn = "urn:pulumi:dev::p::aws:lambda/function:Function::f";
    const component = "urn:pulumi:dev::p::my:index:Thing::t";
    assert.deepEqual(
      wireProperties({ function: ref(fn, "f-0a1b2c3"), pending: [ref(fn, "")], owner: ref(component), sourceAccount: secret, arn: UNKNOWN.string }),
      { function: "f-0a1b2c3", pending: [UNKNOWN.string], owner: component, sourceAccount: secret, arn: UNKNOWN.string },
    );
  });
});
