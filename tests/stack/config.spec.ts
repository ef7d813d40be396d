import { strict as assert } from "assert";
import { parseStackConfig } from "../../stack/config";

const rule = { id: "jpg", destination: "thumbnails", events: ["s3:ObjectCreated:*"], prefix: "images/" };

describe("stack config", () => {
  it("fills in defaults", () => {
    assert.deepEqual(parseStackConfig("s3-events", { rules: [rule] }), {
      rules: [rule],
      lambdaRetries: 2,
      maxEventAgeSeconds: 21600,
      deadLetterRetentionDays: 14,
      protectDeadLetterQueues: false,
    });
  });

  it("names the path and what is allowed for a wrong type and an unknown destination", () => {
    assert.throws(
      () =>
        parseStackConfig("s3-events", {
          rules: [rule, rule, { ...rule, prefix: 7, destination: "thumbs" }],
          lambdaRetries: "two",
        }),
      {
        message: [
          "Invalid stack configuration:",
          "  - s3-events:rules[2].destination must be one of `thumbnails`, `ingest`, `audit`, `index`",
          "  - s3-events:rules[2].prefix must be string",
          "  - s3-events:lambdaRetries must be integer",
        ].join("\n"),
      },
    );
  });

  it("rejects unknown keys and missing rules", () => {
    assert.throws(() => parseStackConfig("s3-events", { rulez: [] }), /s3-events:rules is required[\s\S]*has unknown key `rulez`/);
  });
});
