/**
 * Cheap stack traces for the Pulumi SDK's own probes, source-mapped ones for everything else.
 *
 * The SDK takes a stack trace it never shows for every resource (`Resource.callsites` in
 * @pulumi/pulumi's resource.js, with no depth limit, for the source position sent to the engine)
 * and for every debuggable promise (`debuggablePromise` in runtime/debuggable.js, half a million in
 * `npm test`, read only with PULUMI_DEBUG_PROMISE_LEAKS). Under ts-node each frame of each one went
 * through source-map-support: measured with `node --cpu-prof` over `npm test`, a third of the
 * suite's CPU. A resource's probe now gets V8's own frames (positions in the transpiled code, which
 * the mock engine ignores), its first {@link PROBE_FRAMES} only; a promise's captures no frame. An
 * error anyone reads (a failed program, a failed spec) keeps its TypeScript positions.
 */
import * as debuggable from "@pulumi/pulumi/runtime/debuggable";

export type PrepareStackTrace = (error: Error, frames: NodeJS.CallSite[]) => unknown;
type DebuggablePromise = <T>(promise: Promise<T>, ctx: unknown) => Promise<T>;

/** Enough for `Resource.stackTrace(4)`'s source position (the fifth frame) and a few callers. */
export const PROBE_FRAMES = 12;

const PULUMI_SDK = /[\\/]@pulumi[\\/]pulumi[\\/]/;

/** Whether the trace was taken by `Resource.callsites`. */
function isResourceProbe(frames: readonly NodeJS.CallSite[]): boolean {
  const top = frames[0];
  return top !== undefined && top.getFunctionName() === "callsites" && PULUMI_SDK.test(top.getFileName() ?? "");
}

function header(error: Error): string {
  return `${error.name}${error.message ? `: ${error.message}` : ""}`;
}

/**
 * Only what `Resource.callsites` parses (`at name (file:line:column)`): a frame's file and position
 * are cheap to read, its full description (receiver type, method name) is not.
 */
function positions(error: Error, frames: readonly NodeJS.CallSite[]): string {
  const lines = frames.map((f) => `    at ${f.getFunctionName() ?? "<anonymous>"} (${f.getFileName() ?? "<unknown>"}:${f.getLineNumber() ?? 0}:${f.getColumnNumber() ?? 0})`);
  return [header(error), ...lines].join("\n");
}

/** `Error: message` and `    at …` lines, as V8 prints them, without source maps. */
function plain(error: Error, frames: readonly NodeJS.CallSite[]): string {
  return [header(error), ...frames.map((frame) => `    at ${frame.toString()}`)].join("\n");
}

const installed = Symbol.for("s3-events.pulumiStackProbes");
type Marked<F> = F & { [installed]?: true };

/**
 * A formatter that gives a resource's probe its first frames, V8's own, and every other trace to
 * `mapped` (ts-node's source-map-support, when it is installed).
 */
export function probeAwarePrepareStackTrace(mapped: PrepareStackTrace | undefined): PrepareStackTrace {
  return (error, frames) => {
    if (isResourceProbe(frames)) return positions(error, frames.slice(0, PROBE_FRAMES));
    return mapped ? mapped(error, frames) : plain(error, frames);
  };
}

/** Wraps the current `Error.prepareStackTrace`. */
function cheapResourceProbes(): void {
  const errors = Error as { prepareStackTrace?: Marked<PrepareStackTrace> };
  if (errors.prepareStackTrace?.[installed]) return;
  const prepare: Marked<PrepareStackTrace> = probeAwarePrepareStackTrace(errors.prepareStackTrace);
  prepare[installed] = true;
  errors.prepareStackTrace = prepare;
}

/**
 * The SDK's modules call `debuggablePromise` through the module's exports, so the wrapper reaches
 * every call. The stack limit is 0 for the call only: the trace is still taken, with no frame.
 */
function cheapPromiseProbes(): void {
  const sdk = debuggable as unknown as { debuggablePromise: Marked<DebuggablePromise> };
  if (sdk.debuggablePromise[installed]) return;
  const original = sdk.debuggablePromise;
  const wrapped: Marked<DebuggablePromise> = (promise, ctx) => {
    // With PULUMI_DEBUG_PROMISE_LEAKS someone reads the traces: they stay whole.
    if (process.env.PULUMI_DEBUG_PROMISE_LEAKS) return original(promise, ctx);
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      return original(promise, ctx);
    } finally {
      Error.stackTraceLimit = limit;
    }
  };
  wrapped[installed] = true;
  sdk.debuggablePromise = wrapped;
}

/** Installs both, once per process, whatever the number of calls. */
export function installCheapPulumiStackProbes(): void {
  cheapResourceProbes();
  cheapPromiseProbes();
}
