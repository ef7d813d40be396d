import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as path from "path";
import { fixtures, root, spawnTool, type JsonResult } from "./cli";

describe("npm run preview:offline, in its own process", function () {
  this.timeout(120_000);

  it("exits 2 when the program fails, never reporting a pass", () => {
    // In its own process: the error escapes the program, and the process must end with 2.
    const { code, stdout, stderr } = spawnTool("offline/preview.ts", "--program", path.join(fixtures, "programs/throws"));
    assert.equal(code, 2);
    assert.doesNotMatch(stdout, /passed/);
    assert.match(stderr, /^error: .*the queue name could not be computed/);
  });

  it("writes the whole report into a pipe its reader drains late (`--json | jq`) before it exits", () => {
    // The prod stack's JSON is about 125 KB, more than a pipe holds (64 KiB); the reader starts after a second.
    const preview = `"${process.execPath}" -r ts-node/register/transpile-only tools/offline/preview.ts --stack prod --json`;
    const run = spawnSync("sh", ["-c", `${preview} | (sleep 1; cat)`], { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    assert.ok(run.stdout.length > 65_536, `${run.stdout.length} characters`);
    const report = JSON.parse(run.stdout) as JsonResult;
    assert.equal(report.summary.exitCode, 0);
    assert.equal(report.resources.length, report.summary.resources);
  });
});
