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

  it("calls an unfiltered rule broad because every key matches", () => {
    assert.equal(matchesEveryKey({ prefix: "", suffix: "" }), true);
    assert.deepEqual(
      breadthFindings(["s3:ObjectCreated:Put"], { prefix: "", suffix: "" }, {}).map((f) => f.reason),
      ["matches-every-key"],
    );
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

  it("flags more event types than allowed", () => {
    const events = ["s3:ObjectCreated:Put", "s3:ObjectCreated:Post", "s3:ObjectRemoved:Delete"];
    const [finding] = breadthFindings(events, narrow, { maxEventTypes: 2 });
    assert.equal(finding.reason, "too-many-event-types");
  });

  it("allows members of an allowed wildcard, and a wildcard only when all members are allowed", () => {
    assert.deepEqual(eventsNotAllowed(["s3:ObjectCreated:Put"], ["s3:ObjectCreated:*"]), []);
    assert.deepEqual(eventsNotAllowed(["s3:ObjectCreated:*"], ["s3:ObjectCreated:Put"]), ["s3:ObjectCreated:*"]);
    assert.deepEqual(eventsNotAllowed(["s3:ObjectRemoved:Delete"], ["s3:ObjectCreated:*"]), ["s3:ObjectRemoved:Delete"]);
  });
});
