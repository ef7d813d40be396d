import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as path from "path";

// A problem found only in a resource's outputs fails the deployment of a real program, in its own
// Node.js process under the SDK's runtime (the in-process checks are in bucketNotifications.spec.ts).
describe("BucketNotifications in a program's own process", () => {
  for (const mode of ["preview", "up"]) {
    it(`fails the ${mode} on a problem only known from resource outputs (a FIFO queue resource)`, function () {
      this.timeout(60_000);
      const fixture = path.join(__dirname, "../fixtures/programs/deployTimeProblems.ts");
      const run = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", fixture, mode], { encoding: "utf8" });
      assert.match(
        run.stdout,
        /BucketNotifications `pipeline` has 1 problem:\n  - destination `jobs`, `destinations\.jobs\.sqs\.queue`: the given queue is a FIFO queue; S3 can send event notifications only to standard queues\. Use a standard queue\.\n/,
      );
    });
  }
});
