/**
 * Values unknown during a preview. The SDK hands policies props that throw its `UnknownValueError`
 * when an unknown value is read, and reports a policy that throws one as an advisory "can't run
 * during preview" note, even a mandatory one. So a verdict reads only the values it needs; what
 * hangs on an unknown is set aside, every other verdict is reported, and the unknown is thrown
 * last, naming what is judged at update.
 */
import { UnknownValueError } from "@pulumi/policy";

export const isUnknown = (e: unknown): e is UnknownValueError => e instanceof UnknownValueError;

/** The value `read` returns, or undefined when it reads a value unknown during preview. */
export function known<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (e) {
    if (isUnknown(e)) return undefined;
    throw e;
  }
}

/** Collects the verdicts that wait for unknown values; `settle()` last. */
export class JudgedAtUpdate {
  private first: UnknownValueError | undefined;
  private readonly what: string[] = [];

  /** Runs `judge`; when it reads an unknown value, notes `what` and returns undefined. */
  attempt<T>(what: string, judge: () => T): T | undefined {
    try {
      return judge();
    } catch (e) {
      return this.defer(what, e);
    }
  }

  /** The same for an async verdict. */
  async attemptAsync<T>(what: string, judge: () => Promise<T>): Promise<T | undefined> {
    try {
      return await judge();
    } catch (e) {
      return this.defer(what, e);
    }
  }

  /** Notes `what` as waiting on an unknown value. */
  note(what: string, error: UnknownValueError): void {
    this.first ??= error;
    if (!this.what.includes(what)) this.what.push(what);
  }

  private defer(what: string, e: unknown): undefined {
    if (!isUnknown(e)) throw e;
    this.note(what, e);
    return undefined;
  }

  /** Throws the first unknown, its message naming everything judged at update; call after reporting. */
  settle(): void {
    if (this.first === undefined) return;
    this.first.message = `${this.first.message}; judged at update: ${this.what.join("; ")}`;
    throw this.first;
  }
}

/** What a property holds: its value, or `UNKNOWN` when it is unknown during preview. */
export const UNKNOWN: unique symbol = Symbol("unknown during preview");

export function peek(props: Record<string, unknown>, key: string): unknown {
  try {
    return props[key];
  } catch (e) {
    if (isUnknown(e)) return UNKNOWN;
    throw e;
  }
}

// The engine's sentinel for an unknown string (sdk/go/common/resource/plugin/rpc.go).
const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** The SDK's error for an unknown value at `path` (e.g. `["bucket"]`), for verdicts that found one through `peek`. */
export const unknownAt = (...path: string[]) => new UnknownValueError(UNKNOWN_STRING, path);
