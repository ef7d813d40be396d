import { strict as assert } from "assert";
import { spawn } from "child_process";
import { once } from "events";
import * as http2 from "http2";
import * as net from "net";
import * as path from "path";
import * as readline from "readline";

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
    // The script starts the pack, prints its port, and calls process.exit(2) when told to.
    const script = path.join(__dirname, "../../fixtures/scripts/exitWithPackRunning.ts");
    const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", script], { stdio: ["pipe", "pipe", "inherit"] });
    const exited = once(child, "exit");
    const [line] = (await once(readline.createInterface({ input: child.stdout }), "line")) as [string];
    const port = Number(line);
    assert.ok(port > 0, line);
    // A live HTTP/2 session with the pack's gRPC server ends when, and only when, the server's process does.
    const session = http2.connect(`http://127.0.0.1:${port}`);
    session.on("error", () => undefined);
    await once(session, "connect");
    // The session ends with an error (a reset) or without; either way it emits close.
    const closed = new Promise<void>((resolve) => session.once("close", resolve));
    child.stdin.end("exit\n");
    const [code] = (await exited) as [number | null];
    assert.equal(code, 2);
    const stillServing = new Promise<string>((resolve) => setTimeout(() => resolve("still serving"), 20_000).unref());
    assert.equal(await Promise.race([closed.then(() => "closed"), stillServing]), "closed", `the pack still serves on ${port} after its parent exited`);
    // The session closes as the pack's server shuts down (a GOAWAY), a moment before its process
    // is gone and its port refused: poll for that, within a deadline.
    const deadline = Date.now() + 20_000;
    while (!(await refused(port)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.equal(await refused(port), true, `the pack still accepts connections on ${port}`);
  });
});
