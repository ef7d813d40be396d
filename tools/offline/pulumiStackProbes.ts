/**
 * Cheap stack traces for the Pulumi SDK's own probes, source-mapped ones for everything else.
 *
 * The SDK takes a stack trace it never shows for every resource (`Resource.callsites` in
 * @pulumi/pulumi's resource.js, with no depth limit, for the source position sent to the engine)
 * and for every debuggable promise (`debuggablePromise` in runtime/debuggable.js, read only with
 * PULUMI_DEBUG_PROMISE_LEAKS). Under ts-node each frame of each one went through source-map-support:
 * measured with `node --cpu-prof` over `npm test`, a third of the suite's CPU. Those two probes get
 * V8's own frames instead (positions in the transpiled code, which the mock engine ignores): the
 * first {@link PROBE_FRAMES} of a resource's, none of a promise's. An error anyone reads (a failed
 * program, a failed spec) keeps its TypeScript positions.
 */

type PrepareStackTrace = (error: Error, frames: NodeJS.CallSite[]) => unknown;

/** Enough for `Resource.stackTrace(4)`'s source position (the fifth frame) and a few callers. */
export const PROBE_FRAMES = 12;

const PULUMI_SDK = /[\\/]@pulumi[\\/]pulumi[\\/]/;

/** Which SDK function the trace was taken in, when it is one of the two probes. */
function probe(frames: readonly NodeJS.CallSite[]): "callsites" | "debuggablePromise" | undefined {
  const top = frames[0];
  if (top === undefined || !PULUMI_SDK.test(top.getFileName() ?? "")) return undefined;
  const name = top.getFunctionName();
  return name === "callsites" || name === "debuggablePromise" ? name : undefined;
}

function header(error: Error): string {
  return `${error.name}${error.message ? `: ${error.message}` : ""}`;
}

/** `Error: message` and `    at …` lines, as V8 prints them, without source maps. */
function plain(error: Error, frames: readonly NodeJS.CallSite[]): string {
  return [header(error), ...frames.map((frame) => `    at ${frame.toString()}`)].join("\n");
}

/**
 * Only what `Resource.callsites` parses (`at name (file:line:column)`): a frame's file and position
 * are cheap to read, its full description (receiver type, method name) is not.
 */
function positions(error: Error, frames: readonly NodeJS.CallSite[]): string {
  const lines = frames.map((f) => `    at ${f.getFunctionName() ?? "<anonymous>"} (${f.getFileName() ?? "<unknown>"}:${f.getLineNumber() ?? 0}:${f.getColumnNumber() ?? 0})`);
  return [header(error), ...lines].join("\n");
}

const installed = Symbol.for("s3-events.pulumiStackProbes");

/**
 * Wraps the current `Error.prepareStackTrace` (ts-node's source-map-support, or none) once per
 * process. With PULUMI_DEBUG_PROMISE_LEAKS set, promise traces stay whole: someone reads them.
 */
export function installCheapPulumiStackProbes(): void {
  const errors = Error as { prepareStackTrace?: PrepareStackTrace & { [installed]?: true } };
  if (errors.prepareStackTrace?.[installed]) return;
  const mapped = errors.prepareStackTrace;
  const prepare: PrepareStackTrace & { [installed]?: true } = (error, frames) => {
    const kind = probe(frames);
    if (kind === "callsites") return positions(error, frames.slice(0, PROBE_FRAMES));
    // Kept only for PULUMI_DEBUG_PROMISE_LEAKS's report; without it nothing reads the frames.
    if (kind === "debuggablePromise" && !process.env.PULUMI_DEBUG_PROMISE_LEAKS) return header(error);
    return mapped ? mapped(error, frames) : plain(error, frames);
  };
  prepare[installed] = true;
  errors.prepareStackTrace = prepare;
}
