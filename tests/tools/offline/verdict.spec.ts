import { strict as assert } from "assert";
import type { Judgement } from "../../../tools/offline/judge";
import type { Diagnostic } from "../../../tools/offline/packClient";
import { UNKNOWN } from "../../../tools/offline/unknowns";
import { combine, verdictExitCode, violationKey } from "../../../tools/offline/verdict";

const urn = (name: string, type = "aws:sqs/queuePolicy:QueuePolicy") => `urn:pulumi:dev::p::${type}::${name}`;
const mandatory = (policy: string, name: string, message = "m"): Diagnostic => ({ policy, level: "mandatory", message, urn: urn(name) });
const advisory = (policy: string, name: string, message = "m"): Diagnostic => ({ policy, level: "advisory", message, urn: urn(name) });
const judgement = (...diagnostics: Diagnostic[]): Judgement => ({
  pack: { name: "s3-notifications", version: "0.1.0" },
  policies: [{ name: "p", description: "Checks p.", level: "mandatory", configSchema: undefined }],
  diagnostics,
});

describe("the offline verdict", () => {
  describe("violationKey: one violation in both views", () => {
    it("is its policy and the names it quotes with its resource's, in any order", () => {
      const a = mandatory("overlap", "a", "rules `one` and `two` of bucket `b` overlap");
      const b = mandatory("overlap", "a", "rules `two` and `one` of bucket `b` overlap");
      assert.equal(violationKey(a), violationKey(b));
      assert.equal(violationKey(a), "overlap\u0000a\u0000b\u0000one\u0000two");
    });

    it("is the same whichever resource of a pair it is reported on", () => {
      // Registration order may differ between the runs: `a` and `b` share a bucket.
      assert.equal(violationKey(mandatory("p", "a", "shares with `b`")), violationKey(mandatory("p", "b", "shares with `a`")));
    });

    it("names the resource by its whole name, the URN's last part", () => {
      assert.equal(violationKey(mandatory("p", "uploads-queue-policy")), "p\u0000uploads-queue-policy");
      assert.equal(violationKey({ policy: "p", level: "mandatory", message: "m", urn: "" }), "p\u0000", "a stack-level violation");
    });

    it("tells apart other policies, other resources and other quoted names", () => {
      const key = violationKey(mandatory("p", "a", "`x`"));
      assert.notEqual(violationKey(mandatory("q", "a", "`x`")), key);
      assert.notEqual(violationKey(mandatory("p", "c", "`x`")), key);
      assert.notEqual(violationKey(mandatory("p", "a", "`y`")), key);
      assert.notEqual(violationKey(mandatory("p", "a", "`x` and `y`")), key);
    });

    it("leaves out quoted values a first preview cannot know: ARNs, paths, account ids, unknowns", () => {
      const bare = violationKey(mandatory("p", "a", "grant on `q`"));
      for (const value of ["arn:aws:sqs:us-east-1:123456789012:q", "/a/b", "123456789012", UNKNOWN.string, "a b", ""]) {
        assert.equal(violationKey(mandatory("p", "a", `grant on \`q\` from \`${value}\``)), bare, value);
      }
    });

    it("keeps every name a policy quotes: dots, brackets, dashes, digits", () => {
      for (const name of ["rules[0].filter", "uploads-dlq.fifo", "1234567890123", "12345678901"]) {
        assert.notEqual(violationKey(mandatory("p", "a", `\`${name}\``)), violationKey(mandatory("p", "a")), name);
      }
    });
  });

  describe("combine: when each mandatory violation blocks", () => {
    it("blocks at preview what a first preview finds, and only at update what the update alone finds", () => {
      const both = mandatory("p", "a", "`x` in both");
      const updateOnly = mandatory("p", "b", "`y` only once known");
      const v = combine("preview", judgement(both, advisory("adv", "a")), judgement(both, updateOnly, advisory("adv", "c")));
      assert.deepEqual(v.mandatory, [
        { ...both, blocksAt: "preview" },
        { ...updateOnly, blocksAt: "update" },
      ]);
      assert.deepEqual(v.counts, { atPreview: 1, atUpdate: 2, advisory: 1 });
      assert.equal(v.mode, "preview");
      assert.deepEqual(v.pack, { name: "s3-notifications", version: "0.1.0" });
      assert.equal(v.policies.length, 1);
    });

    it("matches a violation across views by its key, not its exact message", () => {
      const atPreview = mandatory("p", "a", `\`x\` from \`${UNKNOWN.string}\``);
      const atUpdate = mandatory("p", "a", "`x` from `arn:aws:s3:::bucket`");
      const v = combine("update", judgement(atPreview), judgement(atUpdate));
      assert.deepEqual(v.mandatory, [{ ...atPreview, blocksAt: "preview" }]);
    });

    it("shows the advisories of the chosen mode's view, and never counts them as blocking", () => {
      const preview = judgement(advisory("reads-unknown", "a"));
      const update = judgement(advisory("adv", "b"), advisory("adv", "c"));
      assert.deepEqual(combine("preview", preview, update).advisory, preview.diagnostics);
      assert.deepEqual(combine("update", preview, update).advisory, update.diagnostics);
      assert.deepEqual(combine("update", preview, update).mandatory, []);
      assert.equal(combine("update", preview, update).counts.advisory, 2);
    });

    it("takes the pack and its policies from the update's view", () => {
      const preview = { ...judgement(), pack: { name: "old", version: "0" }, policies: [] };
      const v = combine("preview", preview, judgement());
      assert.equal(v.pack.name, "s3-notifications");
      assert.equal(v.policies.length, 1);
    });
  });

  describe("verdictExitCode", () => {
    const onlyAtUpdate = combine("preview", judgement(), judgement(mandatory("p", "a")));
    const atPreview = combine("preview", judgement(mandatory("p", "a")), judgement(mandatory("p", "a")));

    it("fails a first preview only on what blocks at preview", () => {
      assert.equal(verdictExitCode(onlyAtUpdate), 0);
      assert.equal(verdictExitCode(atPreview), 1);
    });

    it("fails an update on anything mandatory", () => {
      assert.equal(verdictExitCode({ ...onlyAtUpdate, mode: "update" }), 1);
      assert.equal(verdictExitCode(combine("update", judgement(), judgement(advisory("adv", "a")))), 0);
    });
  });
});
