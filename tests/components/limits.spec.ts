import { strict as assert } from "assert";
import { wholeNumberProblems } from "../../components/limits";

describe("wholeNumberProblems", () => {
  it("accepts whole numbers from the minimum to the maximum, both included", () => {
    for (const value of [1, 5, 10]) assert.deepEqual(wholeNumberProblems("maxReceiveCount", value, 1, 10), []);
  });

  it("refuses a value below, above or between whole numbers, naming the field and the range", () => {
    assert.deepEqual(wholeNumberProblems("maxReceiveCount", 0, 1, 10), [{ field: "maxReceiveCount", message: "must be a whole number from 1 to 10, not 0." }]);
    assert.deepEqual(wholeNumberProblems("maxReceiveCount", 11, 1, 10), [{ field: "maxReceiveCount", message: "must be a whole number from 1 to 10, not 11." }]);
    assert.deepEqual(wholeNumberProblems("maxReceiveCount", 2.5, 1, 10), [{ field: "maxReceiveCount", message: "must be a whole number from 1 to 10, not 2.5." }]);
  });

  it("says the range in the caller's words when given", () => {
    assert.deepEqual(wholeNumberProblems("retries", 3, 0, 2, "0, 1 or 2"), [{ field: "retries", message: "must be 0, 1 or 2, not 3." }]);
  });
});
