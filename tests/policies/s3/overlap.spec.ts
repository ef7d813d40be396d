import { strict as assert } from "assert";
import fc from "fast-check";
import { findOverlaps, keyMatches, type KeyFilter, type RuleShape } from "../../../policies/s3";

const rule = (id: string, events: string[], prefix = "", suffix = ""): RuleShape => ({
  id,
  events,
  filter: { prefix, suffix },
});

describe("S3 overlap rule", () => {
  describe("from AWS's documented examples", () => {
    it("accepts same events with non-overlapping prefixes", () => {
      assert.deepEqual(
        findOverlaps([
          rule("images", ["s3:ObjectCreated:Put"], "images/"),
          rule("logs", ["s3:ObjectCreated:Put"], "logs/"),
        ]),
        [],
      );
    });

    it("accepts same events, no prefix, non-overlapping suffixes", () => {
      assert.deepEqual(
        findOverlaps([rule("jpg", ["s3:ObjectCreated:*"], "", ".jpg"), rule("png", ["s3:ObjectCreated:*"], "", ".png")]),
        [],
      );
    });

    it("accepts overlapping filters when the event types differ", () => {
      assert.deepEqual(
        findOverlaps([rule("put", ["s3:ObjectCreated:Put"], "a/"), rule("delete", ["s3:ObjectRemoved:*"], "a/")]),
        [],
      );
    });

    it("rejects a prefix that starts with another prefix for overlapping suffixes", () => {
      const [overlap, ...rest] = findOverlaps([
        rule("images", ["s3:ObjectCreated:*"], "images/", ".jpg"),
        rule("thumbs", ["s3:ObjectCreated:Put"], "images/thumbs/", ""),
      ]);
      assert.equal(rest.length, 0);
      assert.equal(overlap.first.id, "images");
      assert.equal(overlap.second.id, "thumbs");
      assert.equal(overlap.event, "s3:ObjectCreated:Put");
      assert.equal(overlap.witnessKey, "images/thumbs/example.jpg");
    });

    it("rejects two unfiltered rules sharing an event", () => {
      const [overlap] = findOverlaps([rule("a", ["s3:ObjectCreated:*"]), rule("b", ["s3:ObjectCreated:*"])]);
      assert.equal(overlap.event, "s3:ObjectCreated:*");
      assert.equal(overlap.witnessKey, "example");
    });

    it("rejects suffixes where one ends with the other", () => {
      const [overlap] = findOverlaps([
        rule("gz", ["s3:ObjectCreated:Put"], "", ".gz"),
        rule("tar", ["s3:ObjectCreated:Put"], "", ".tar.gz"),
      ]);
      assert.equal(overlap.witnessKey, "example.tar.gz");
    });
  });

  it("builds the witness from the longer prefix and the longer suffix, whichever rule has them", () => {
    const [overlap] = findOverlaps([
      rule("thumbs", ["s3:ObjectCreated:Put"], "images/thumbs/", ".tar.gz"),
      rule("images", ["s3:ObjectCreated:*"], "images/", ".gz"),
    ]);
    assert.equal(overlap.witnessKey, "images/thumbs/example.tar.gz");
  });

  it("treats keys as case-sensitive", () => {
    assert.deepEqual(
      findOverlaps([rule("a", ["s3:ObjectCreated:Put"], "images/"), rule("b", ["s3:ObjectCreated:Put"], "Images/")]),
      [],
    );
  });

  it("reports each pair once, listing every shared event", () => {
    const overlaps = findOverlaps([
      rule("a", ["s3:ObjectCreated:Put", "s3:ObjectRemoved:*"], "x/"),
      rule("b", ["s3:ObjectRemoved:Delete", "s3:ObjectCreated:*"], "x/y"),
    ]);
    assert.equal(overlaps.length, 1);
    assert.deepEqual(overlaps[0].sharedEvents, ["s3:ObjectCreated:Put", "s3:ObjectRemoved:Delete"]);
  });

  it("reports every ambiguous pair among three rules", () => {
    const overlaps = findOverlaps([
      rule("a", ["s3:ObjectCreated:*"]),
      rule("b", ["s3:ObjectCreated:Put"], "b/"),
      rule("c", ["s3:ObjectCreated:Put"], "c/"),
    ]);
    assert.deepEqual(
      overlaps.map((o) => `${o.first.id}~${o.second.id}`),
      ["a~b", "a~c"],
    );
  });

  describe("properties", () => {
    // Small alphabet, short values: the oracle can search every key that could tell them apart.
    const alphabet = ["a", "b", "/"];
    const value = fc.array(fc.constantFrom(...alphabet), { maxLength: 3 }).map((cs) => cs.join(""));
    const filter = fc.record({ prefix: value, suffix: value });
    const keys = allKeys(alphabet, 7); // longest witness: prefix 3 + suffix 3, plus one spare

    function someKeyMatchesBoth(a: KeyFilter, b: KeyFilter): boolean {
      return keys.some((k) => keyMatches(k, a) && keyMatches(k, b));
    }

    it("finds an overlap exactly when some key matches both rules", () => {
      fc.assert(
        fc.property(filter, filter, (a, b) => {
          const found = findOverlaps([
            { id: "a", events: ["s3:ObjectCreated:*"], filter: a },
            { id: "b", events: ["s3:ObjectCreated:Put"], filter: b },
          ]);
          assert.equal(found.length === 1, someKeyMatchesBoth(a, b));
        }),
        { numRuns: 500 },
      );
    });

    it("gives a witness key that matches both rules", () => {
      fc.assert(
        fc.property(filter, filter, (a, b) => {
          for (const o of findOverlaps([
            { id: "a", events: ["s3:ObjectRemoved:*"], filter: a },
            { id: "b", events: ["s3:ObjectRemoved:*"], filter: b },
          ])) {
            assert.ok(keyMatches(o.witnessKey, a) && keyMatches(o.witnessKey, b), o.witnessKey);
            assert.ok(o.witnessKey.length > 0);
          }
        }),
        { numRuns: 500 },
      );
    });

    it("never reports rules that share no event type", () => {
      fc.assert(
        fc.property(filter, filter, (a, b) => {
          assert.deepEqual(
            findOverlaps([
              { id: "a", events: ["s3:ObjectCreated:*"], filter: a },
              { id: "b", events: ["s3:ObjectRemoved:*", "s3:ObjectTagging:Put"], filter: b },
            ]),
            [],
          );
        }),
      );
    });
  });
});

function allKeys(alphabet: string[], maxLength: number): string[] {
  const keys: string[] = [];
  let layer = [""];
  for (let length = 1; length <= maxLength; length++) {
    layer = layer.flatMap((k) => alphabet.map((c) => k + c));
    keys.push(...layer);
  }
  return keys;
}
