/** Lookups over a captured graph (an update's: every output known), by ARN, name or URL. */
import type { CapturedResource } from "../offline/mockEngine";

export type Props = Record<string, unknown>;

export const props = (r: CapturedResource): Props => r.outputs ?? r.inputs;
export const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** A JSON document given as a string (a redrive policy, an event pattern) or as an object. */
export function json(v: unknown): Props | undefined {
  if (typeof v === "object" && v !== null) return v as Props;
  if (typeof v !== "string") return undefined;
  try {
    return JSON.parse(v) as Props;
  } catch {
    return undefined;
  }
}

export class Graph {
  constructor(readonly resources: readonly CapturedResource[]) {}

  ofType(type: string): CapturedResource[] {
    return this.resources.filter((r) => r.type === type);
  }

  /** The resource whose own ARN (or, for a function, a qualified ARN of it) is `arn`. */
  byArn(arn: unknown): CapturedResource | undefined {
    const a = str(arn);
    if (!a) return undefined;
    // Only a resource's own ARN: an EventTarget's `arn` input names its target.
    const own = this.resources.filter((r) => r.custom && !("arn" in r.inputs));
    return own.find((r) => props(r).arn === a) ?? own.find((r) => r.type === "aws:lambda/function:Function" && a.startsWith(`${str(props(r).arn)}:`));
  }

  /** The resource of `type` whose `field` (a name, URL or id) is `value`. */
  byField(type: string, field: string, value: unknown): CapturedResource | undefined {
    return value === undefined ? undefined : this.ofType(type).find((r) => props(r)[field] === value);
  }
}
