import * as assert from "assert";
import { Resource } from "@pulumi/pulumi/resource";
import * as debuggable from "@pulumi/pulumi/runtime/debuggable";
import { installCheapPulumiStackProbes, probeAwarePrepareStackTrace, PROBE_FRAMES } from "../../../tools/offline/pulumiStackProbes";

// Both probes are internal to the SDK (private or left out of its declarations). The SDK's modules
// call `debuggablePromise` through the module's exports, as this spec does.
const sdk = debuggable as unknown as { debuggablePromise(p: Promise<unknown>, ctx: string): Promise<unknown> };
/** What `Resource.callsites` parses out of its probe. */
const callsites = () => (Resource as unknown as { callsites(): { file?: string; line?: number }[] }).callsites();

describe("installCheapPulumiStackProbes", () => {
  before(installCheapPulumiStackProbes);

  it("gives a resource's source-position probe at most its first frames, still parseable by the SDK", () => {
    const nested = (depth: number): ReturnType<typeof callsites> => (depth === 0 ? callsites() : nested(depth - 1));
    const frames = nested(3 * PROBE_FRAMES);
    assert.equal(frames.length, PROBE_FRAMES);
    assert.ok(frames.some((f) => f.file?.endsWith("pulumiStackProbes.spec.ts")), "the caller's frame has a file and position");
  });

  it("gives a debuggable promise no frames, unless PULUMI_DEBUG_PROMISE_LEAKS asks for them", () => {
    // The SDK marks the promise it is given, and returns another.
    const stackOf = (ctx: string) => {
      const promise = Promise.resolve();
      void sdk.debuggablePromise(promise, ctx);
      return (promise as Promise<void> & { _debugStackTrace?: string })._debugStackTrace;
    };
    const limit = Error.stackTraceLimit;
    assert.equal(stackOf("a"), "Error");
    assert.equal(Error.stackTraceLimit, limit, "the stack limit is restored after the call");

    process.env.PULUMI_DEBUG_PROMISE_LEAKS = "true";
    try {
      assert.match(stackOf("b") ?? "", /\n {4}at .*pulumiStackProbes\.spec\.ts:\d+/);
    } finally {
      delete process.env.PULUMI_DEBUG_PROMISE_LEAKS;
    }
  });

  it("hands every other trace to the formatter it wraps (ts-node's source maps), and formats a resource's probe itself", () => {
    const frame = (name: string, file: string, line = 7) =>
      ({ getFunctionName: () => name, getFileName: () => file, getLineNumber: () => line, getColumnNumber: () => 3, toString: () => `${name} (${file}:${line}:3)` }) as NodeJS.CallSite;
    const prepare = probeAwarePrepareStackTrace(() => "source-mapped");
    const sdk = "/app/node_modules/@pulumi/pulumi/resource.js";
    assert.equal(prepare(new Error("read by a person"), [frame("thrownHere", "/app/index.ts")]), "source-mapped");
    assert.equal(prepare(new Error("x"), [frame("callsites", "/app/lib/resource.js")]), "source-mapped", "only the SDK's callsites is the probe");
    assert.equal(prepare(new Error("x"), [frame("stackTrace", sdk)]), "source-mapped", "only the SDK's callsites is the probe");
    const frames = Array.from({ length: PROBE_FRAMES + 5 }, (_, i) => frame(i === 0 ? "callsites" : `f${i}`, i === 0 ? sdk : "/app/index.ts", i));
    const probe = String(prepare(new Error(), frames)).split("\n");
    assert.equal(probe[0], "Error");
    assert.equal(probe.length, 1 + PROBE_FRAMES);
    assert.equal(probe[2], "    at f1 (/app/index.ts:1:3)", "what Resource.callsites parses: name (file:line:column)");
    assert.equal(probeAwarePrepareStackTrace(undefined)(new Error("alone"), [frame("main", "/app/index.ts")]), "Error: alone\n    at main (/app/index.ts:7:3)");
  });

  it("wraps once, however often it is installed", () => {
    const [prepare, promises] = [Error.prepareStackTrace, sdk.debuggablePromise];
    installCheapPulumiStackProbes();
    assert.equal(Error.prepareStackTrace, prepare);
    assert.equal(sdk.debuggablePromise, promises);
  });
});
