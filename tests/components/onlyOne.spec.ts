import { strict as assert } from "assert";
import { onlyOne, under } from "../../components/onlyOne";

describe("onlyOne", () => {
  it("chooses the one field set, ignoring fields set to undefined or null", () => {
    assert.deepEqual(onlyOne("destinations.a", { sqs: {}, lambda: undefined, sns: null }, ["lambda", "sqs", "sns"], true), { chosen: "sqs", problems: [] });
    // A falsy value is still a value.
    assert.deepEqual(onlyOne("x", { a: 0 }, ["a", "b"], true), { chosen: "a", problems: [] });
    assert.deepEqual(onlyOne("x", { b: "" }, ["a", "b"], true), { chosen: "b", problems: [] });
  });

  it("refuses two fields set, listing every choice and the ones found", () => {
    assert.deepEqual(onlyOne("lambda", { function: {}, functionArn: "arn" }, ["function", "functionArn"], false), {
      chosen: undefined,
      problems: [{ field: "lambda", message: "Only one of `function` or `functionArn` can be provided (found `function` and `functionArn`); remove the others." }],
    });
  });

  it("lists three or more choices with commas and a final `or`, and the ones found with `and`", () => {
    assert.deepEqual(onlyOne("d", { a: 1, c: 1, d: 1 }, ["a", "b", "c", "d"], true).problems, [
      { field: "d", message: "Only one of `a`, `b`, `c` or `d` can be provided (found `a`, `c` and `d`); remove the others." },
    ]);
  });

  it("refuses none set only when one is required", () => {
    assert.deepEqual(onlyOne("d", {}, ["a", "b", "c"], true), { chosen: undefined, problems: [{ field: "d", message: "One of `a`, `b` or `c` is required." }] });
    assert.deepEqual(onlyOne("d", {}, ["a"], true).problems, [{ field: "d", message: "One of `a` is required." }]);
    assert.deepEqual(onlyOne("d", {}, ["a", "b"], false), { chosen: undefined, problems: [] });
  });
});

describe("under", () => {
  it("joins a field to its base with a dot, leaving out an empty side", () => {
    assert.equal(under("consumer", "timeoutSeconds"), "consumer.timeoutSeconds");
    assert.equal(under("", "timeoutSeconds"), "timeoutSeconds");
    assert.equal(under("consumer", ""), "consumer");
    assert.equal(under("", ""), "");
  });
});
