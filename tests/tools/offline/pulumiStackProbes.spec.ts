import * as assert from "assert";
import { Resource } from "@pulumi/pulumi/resource";
import * as debuggable from "@pulumi/pulumi/runtime/debuggable";
import { installCheapPulumiStackProbes, PROBE_FRAMES } from "../../../tools/offline/pulumiStackProbes";

// Erased by the compiler: the JavaScript this file runs as has fewer lines above `thrownHere`, so
// a TypeScript line number in a stack trace proves it was source-mapped.
interface Erased {
  readonly a: string;
  readonly b: string;
  readonly c: string;
}
const THROWN_AT_LINE = 16;
function thrownHere(_: Erased | undefined): Error {
  try {
    throw new Error("read by a person");
  } catch (err) {
    return err as Error;
  }
}

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

  it("keeps TypeScript positions for every other error", () => {
    const stack = thrownHere(undefined).stack ?? "";
    assert.match(stack, /^Error: read by a person\n/);
    assert.match(stack, new RegExp(`pulumiStackProbes\\.spec\\.ts:${THROWN_AT_LINE}:\\d+`));
  });

  it("wraps once, however often it is installed", () => {
    const [prepare, promises] = [Error.prepareStackTrace, sdk.debuggablePromise];
    installCheapPulumiStackProbes();
    assert.equal(Error.prepareStackTrace, prepare);
    assert.equal(sdk.debuggablePromise, promises);
  });
});
