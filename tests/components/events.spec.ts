import { strict as assert } from "assert";
import { S3Event } from "../../components";
import { CONFIGURABLE_EVENTS } from "../../policies/s3";

describe("S3Event", () => {
  it("is exactly the pack's list of configurable events, so the schema's enum and the rules agree", () => {
    assert.deepEqual(Object.values(S3Event).sort(), [...CONFIGURABLE_EVENTS].sort());
  });
});
