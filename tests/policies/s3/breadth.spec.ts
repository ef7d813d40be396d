import { strict as assert } from "assert";
import { breadthFindings, eventsNotAllowed, matchesEveryKey, wholeBucketFamilies } from "../../../policies/s3";

describe("S3 rule breadth", () => {
  const narrow = { prefix: "uploads/images/", suffix: ".jpg" };

  it("finds nothing wrong with a narrow rule", () => {
    assert.deepEqual(
      breadthFindings(["s3:ObjectCreated:Put"], narrow, {
        minPrefixLength: 3,
        maxEventTypes: 2,
        allowedEvents: ["s3:ObjectCreated:*"],
      }),
      [],
    );
  });

  it("calls an unfiltered rule broad because every key matches, and only that rule", () => {
    assert.equal(matchesEveryKey({ prefix: "", suffix: "" }), true);
    assert.equal(matchesEveryKey({ prefix: "a/", suffix: "" }), false);
    assert.equal(matchesEveryKey({ prefix: "", suffix: ".jpg" }), false);
    assert.deepEqual(breadthFindings(["s3:ObjectCreated:*"], { prefix: "", suffix: "" }, {}), [
      { reason: "matches-every-key", message: "it has neither prefix nor suffix, so every key of the bucket matches it" },
    ]);
  });

  it("calls a suffix-only rule on a whole family broad, naming the family and the fix", () => {
    assert.deepEqual(breadthFindings(["s3:ObjectCreated:*", "s3:ObjectRemoved:Delete"], { prefix: "", suffix: ".jpg" }, {}), [
      {
        reason: "whole-bucket-family",
        message:
          "it subscribes to the whole `s3:ObjectCreated:*` family with no prefix, so it fires across the whole " +
          "bucket; add a prefix or list only the event types you handle",
      },
    ]);
    assert.deepEqual(breadthFindings(["s3:ObjectCreated:Put"], { prefix: "", suffix: ".jpg" }, {}), []);
  });

  it("calls a whole family with no prefix broad, even with a suffix", () => {
    assert.deepEqual(wholeBucketFamilies(["s3:ObjectCreated:*", "s3:ObjectRemoved:Delete"], { prefix: "", suffix: ".jpg" }), [
      "s3:ObjectCreated:*",
    ]);
    assert.deepEqual(wholeBucketFamilies(["s3:ObjectCreated:*"], { prefix: "a/", suffix: "" }), []);
  });

  it("flags a prefix shorter than the minimum", () => {
    const [finding] = breadthFindings(["s3:ObjectCreated:Put"], { prefix: "a", suffix: "" }, { minPrefixLength: 3 });
    assert.equal(finding.reason, "prefix-too-short");
    assert.equal(finding.message, "its prefix `a` is shorter than the 3 characters required");
  });

  it("accepts a prefix exactly as long as the minimum", () => {
    assert.deepEqual(breadthFindings(["s3:ObjectCreated:Put"], { prefix: "abc", suffix: "" }, { minPrefixLength: 3 }), []);
  });

  it("leaves a missing prefix to the broadness checks, not the length check", () => {
    assert.deepEqual(breadthFindings(["s3:ObjectCreated:Put"], { prefix: "", suffix: ".jpg" }, { minPrefixLength: 3 }), []);
  });

  it("flags more event types than allowed, counting each name once", () => {
    const events = ["s3:ObjectCreated:Put", "s3:ObjectCreated:Post", "s3:ObjectRemoved:Delete"];
    assert.deepEqual(breadthFindings(events, narrow, { maxEventTypes: 2 }), [
      { reason: "too-many-event-types", message: "it lists 3 event types, more than the 2 allowed" },
    ]);
    assert.deepEqual(breadthFindings([...events, "s3:ObjectCreated:Put"], narrow, { maxEventTypes: 3 }), []);
  });

  it("flags events outside the allowed list, naming them and the list", () => {
    const events = ["s3:ObjectCreated:Put", "s3:ObjectRemoved:Delete", "s3:ObjectTagging:*"];
    assert.deepEqual(breadthFindings(events, narrow, { allowedEvents: ["s3:ObjectCreated:*", "s3:ObjectTagging:Put"] }), [
      {
        reason: "event-not-allowed",
        message:
          "it uses `s3:ObjectRemoved:Delete`, `s3:ObjectTagging:*`, not among the allowed events " +
          "(`s3:ObjectCreated:*`, `s3:ObjectTagging:Put`)",
      },
    ]);
  });

  it("allows members of an allowed wildcard, and a wildcard only when all members are allowed", () => {
    assert.deepEqual(eventsNotAllowed(["s3:ObjectCreated:Put"], ["s3:ObjectCreated:*"]), []);
    assert.deepEqual(eventsNotAllowed(["s3:ObjectCreated:*"], ["s3:ObjectCreated:Put"]), ["s3:ObjectCreated:*"]);
    assert.deepEqual(eventsNotAllowed(["s3:ObjectRemoved:Delete"], ["s3:ObjectCreated:*"]), ["s3:ObjectRemoved:Delete"]);
    assert.deepEqual(eventsNotAllowed(["s3:ObjectRemoved:*"], ["s3:ObjectRemoved:Delete", "s3:ObjectRemoved:DeleteMarkerCreated"]), []);
  });

  it("never allows a name that is not an event", () => {
    assert.deepEqual(eventsNotAllowed(["s3:Bogus"], ["s3:ObjectCreated:*"]), ["s3:Bogus"]);
  });
});
