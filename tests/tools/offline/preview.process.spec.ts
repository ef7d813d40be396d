import { strict as assert } from "assert";
import * as path from "path";
import { fixtures, spawnTool } from "./cli";

describe("npm run preview:offline, in its own process", function () {
  this.timeout(120_000);

  it("exits 2 when the program fails, never reporting a pass", () => {
    // In its own process: the error escapes the program, and the process must end with 2.
    const { code, stdout, stderr } = spawnTool("offline/preview.ts", "--program", path.join(fixtures, "programs/throws"));
    assert.equal(code, 2);
    assert.doesNotMatch(stdout, /passed/);
    assert.match(stderr, /^error: .*the queue name could not be computed/);
  });
});
