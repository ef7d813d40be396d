import { strict as assert } from "assert";
import { UnknownValueError } from "@pulumi/policy";
import { isUnknown, JudgedAtUpdate, known, peek, UNKNOWN, unknownAt } from "../../../policies/resources/unknowns";
import { stackResource, UNKNOWN as SENTINEL } from "../support";

/** Props as the SDK hands them to a policy: reading the engine's unknown sentinel throws. */
const props = (values: Record<string, unknown>) => stackResource("aws:sqs/queue:Queue", "q", values).props as Record<string, unknown>;
const broken = new Error("not an unknown");
const throwing = () => {
  throw broken;
};

describe("values unknown during preview", () => {
  it("unknownAt is the SDK's error for the path, as a policy reading it would meet it", () => {
    const e = unknownAt("q", "policy");
    assert.ok(e instanceof UnknownValueError);
    assert.equal(e.message, "string value at .q.policy can't be known during preview");
    assert.equal(isUnknown(e), true);
    assert.equal(isUnknown(broken), false);
  });

  it("known returns what is read, undefined for an unknown, and lets every other error through", () => {
    const p = props({ name: "ingest", policy: SENTINEL });
    assert.equal(known(() => p.name), "ingest");
    assert.equal(known(() => p.policy), undefined);
    assert.throws(() => known(throwing), broken);
  });

  it("peek tells an unknown value apart from an absent one", () => {
    const p = props({ name: "ingest", policy: SENTINEL });
    assert.equal(peek(p, "name"), "ingest");
    assert.equal(peek(p, "policy"), UNKNOWN);
    assert.equal(peek(p, "missing"), undefined);
    assert.throws(() => peek(Object.defineProperty({}, "x", { get: throwing }), "x"), broken);
  });

  describe("JudgedAtUpdate", () => {
    it("returns a verdict that reads no unknown, and settles without a word", async () => {
      const pending = new JudgedAtUpdate();
      assert.equal(pending.attempt("a", () => 1), 1);
      assert.equal(await pending.attemptAsync("b", async () => 2), 2);
      pending.settle();
    });

    it("sets aside verdicts that read an unknown, then throws the first unknown naming each of them once", async () => {
      const pending = new JudgedAtUpdate();
      const first = unknownAt("n", "bucket");
      assert.equal(
        pending.attempt("the bucket", () => {
          throw first;
        }),
        undefined,
      );
      assert.equal(
        await pending.attemptAsync("the queue", async () => {
          throw unknownAt("q", "arn");
        }),
        undefined,
      );
      pending.note("the bucket", unknownAt("n", "bucket"));
      assert.throws(
        () => pending.settle(),
        (e: unknown) => e === first && first.message === "string value at .n.bucket can't be known during preview; judged at update: the bucket; the queue",
      );
    });

    it("lets every other error through, sync or async", async () => {
      const pending = new JudgedAtUpdate();
      assert.throws(() => pending.attempt("x", throwing), broken);
      await assert.rejects(pending.attemptAsync("y", async () => throwing()), broken);
      pending.settle();
    });
  });
});
