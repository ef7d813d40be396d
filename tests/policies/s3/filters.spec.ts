import { strict as assert } from "assert";
import { encodeKeyForFilter, keyMatches, overlappingKeys, validateFilterRules, validateFilterValue } from "../../../policies/s3";

describe("S3 key filters", () => {
  it("reads prefix and suffix with case-insensitive rule names, missing meaning empty", () => {
    assert.deepEqual(validateFilterRules([{ name: "Prefix", value: "images/" }]), {
      filter: { prefix: "images/", suffix: "" },
      findings: [],
    });
    assert.deepEqual(validateFilterRules([]).filter, { prefix: "", suffix: "" });
  });

  it("rejects a second prefix, naming both values", () => {
    const { findings } = validateFilterRules([
      { name: "prefix", value: "a/" },
      { name: "PREFIX", value: "b/" },
    ]);
    assert.deepEqual(findings, [
      {
        severity: "error",
        field: "prefix",
        message:
          "a filter may have only one prefix rule, but has `a/` and `b/`; S3 rejects the " +
          "configuration. Split it into one rule per prefix.",
      },
    ]);
  });

  it("reads a suffix rule as the suffix", () => {
    assert.deepEqual(validateFilterRules([{ name: "Suffix", value: ".jpg" }]), { filter: { prefix: "", suffix: ".jpg" }, findings: [] });
  });

  it("rejects an unknown rule name, naming it and the two valid ones", () => {
    assert.deepEqual(validateFilterRules([{ name: "contains", value: "x" }]), {
      filter: { prefix: "", suffix: "" },
      findings: [{ severity: "error", field: "name", message: "filter rule name `contains` is not valid; use `prefix` or `suffix`." }],
    });
  });

  it("accepts 1,024 characters and rejects 1,025", () => {
    assert.deepEqual(validateFilterValue("suffix", "a".repeat(1024)), []);
    assert.deepEqual(validateFilterValue("suffix", "a".repeat(1025)), [
      { severity: "error", field: "suffix", message: "suffix is 1025 characters long; S3 allows at most 1024." },
    ]);
  });

  it("warns that `*` is not a wildcard and suggests the literal part", () => {
    assert.deepEqual(validateFilterValue("prefix", "images/*"), [
      {
        severity: "warning",
        field: "prefix",
        message:
          "prefix `images/*` contains `*`, but S3 filters have no wildcards: it only matches keys holding a " +
          "literal `*`. Use the plain prefix instead, e.g. `images/`.",
      },
    ]);
    assert.match(validateFilterValue("suffix", "*.jpg")[0].message, /e\.g\. `\.jpg`\.$/);
    // The literal part is what comes before the first `*` of a prefix, after the last of a suffix.
    assert.match(validateFilterValue("prefix", "img/*/x*")[0].message, /e\.g\. `img\/`\.$/);
    assert.match(validateFilterValue("suffix", "*/x*.jpg")[0].message, /e\.g\. `\.jpg`\.$/);
  });

  it("warns about characters S3 encodes, giving the encoded form", () => {
    assert.deepEqual(validateFilterValue("prefix", "my photos/"), [
      {
        severity: "warning",
        field: "prefix",
        message:
          "prefix `my photos/` holds characters that S3 URL-encodes in event keys, so it never " +
          "matches as written; use `my+photos/`.",
      },
    ]);
    assert.match(validateFilterValue("prefix", "a=b/")[0].message, /use `a%3Db\/`/);
  });

  it("accepts values already in encoded form", () => {
    assert.deepEqual(validateFilterValue("prefix", "my+photos/caf%C3%A9/"), []);
  });

  it("flags lowercase percent-escapes: S3 writes uppercase ones", () => {
    assert.deepEqual(validateFilterValue("prefix", "a%3db/"), [
      {
        severity: "warning",
        field: "prefix",
        message:
          "prefix `a%3db/` writes percent-escapes in lowercase, but S3 encodes event keys with uppercase ones, " +
          "so it never matches as written; use `a%3Db/`.",
      },
    ]);
    assert.equal(encodeKeyForFilter("caf%c3%a9"), "caf%C3%A9");
  });

  it("encodes like event keys: space as +, UTF-8 percent-encoding, safe characters kept", () => {
    assert.equal(encodeKeyForFilter("a b/ü(1)!*.txt"), "a+b/%C3%BC(1)!*.txt");
    assert.equal(encodeKeyForFilter("x%2Fy"), "x%2Fy");
    assert.equal(encodeKeyForFilter("100%"), "100%25");
    // An escape takes two hex digits: `%2` followed by anything else is a literal `%`.
    assert.equal(encodeKeyForFilter("50%2x"), "50%252x");
    // Bytes below 0x10 keep their leading zero.
    assert.equal(encodeKeyForFilter("a\tb"), "a%09b");
  });

  it("lists exactly the keys shorter than prefix + suffix that match both (brute-force oracle)", () => {
    const alphabet = ["a", "b", "/"];
    const words = (n: number): string[] => (n === 0 ? [""] : words(n - 1).flatMap((w) => alphabet.map((c) => w + c)));
    const upTo = (n: number) => Array.from({ length: n + 1 }, (_, i) => words(i)).flat();
    for (const prefix of upTo(3).filter((w) => w !== "")) {
      for (const suffix of upTo(3).filter((w) => w !== "")) {
        const short = upTo(prefix.length + suffix.length - 1).filter((k) => keyMatches(k, { prefix, suffix }));
        assert.deepEqual(overlappingKeys({ prefix, suffix }).sort(), short.sort(), `${prefix} ${suffix}`);
      }
    }
  });

  it("matches keys case-sensitively", () => {
    assert.equal(keyMatches("images/a.jpg", { prefix: "images/", suffix: ".jpg" }), true);
    assert.equal(keyMatches("Images/a.jpg", { prefix: "images/", suffix: ".jpg" }), false);
    assert.equal(keyMatches("images/a.JPG", { prefix: "images/", suffix: ".jpg" }), false);
  });
});
