import { strict as assert } from "assert";
import { formatDuration } from "../../../policies/timeline";

describe("formatDuration", () => {
  it("gives exact seconds, then the largest unit the duration reaches, to one decimal", () => {
    assert.equal(formatDuration(45), "45 s");
    assert.equal(formatDuration(0), "0 s");
    assert.equal(formatDuration(59), "59 s");
    assert.equal(formatDuration(60), "60 s = 1 min");
    assert.equal(formatDuration(90), "90 s = 1.5 min");
    assert.equal(formatDuration(3_599), "3599 s = 60 min");
    assert.equal(formatDuration(3_600), "3600 s = 1 h");
    assert.equal(formatDuration(86_399), "86399 s = 24 h");
    assert.equal(formatDuration(86_400), "86400 s = 1 d");
    assert.equal(formatDuration(345_600), "345600 s = 4 d");
    assert.equal(formatDuration(1_209_600), "1209600 s = 14 d");
  });

  it("reads a negative duration (time already past) by its size", () => {
    assert.equal(formatDuration(-120), "-120 s = -2 min");
    assert.equal(formatDuration(-30), "-30 s");
  });

  it("prints a duration that is not a number as it is, never as a unit", () => {
    assert.equal(formatDuration(Number.POSITIVE_INFINITY), "Infinity");
    assert.equal(formatDuration(Number.NaN), "NaN");
  });
});
