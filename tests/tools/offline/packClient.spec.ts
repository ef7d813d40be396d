import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as net from "net";
import * as path from "path";

const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
  });

describe("PackClient", function () {
  this.timeout(60_000);

  it("never leaves the pack running after its process exits, even by process.exit", async () => {
    const script = path.join(__dirname, "../../fixtures/scripts/exitWithPackRunning.ts");
    const run = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", script], { encoding: "utf8" });
    assert.equal(run.status, 2);
    const port = Number(run.stdout.trim());
    assert.ok(port > 0, run.stdout + run.stderr);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(await refused(port), true, `the pack still serves on ${port}`);
  });
});
