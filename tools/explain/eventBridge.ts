/**
 * Which EventBridge rules of the stack take an S3 event: its detail type (and `reason`/
 * `deletion-type` where a rule names them), the bucket, and the key against `prefix`, `suffix`,
 * `wildcard` or literal matchers, as EventBridge evaluates event patterns.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html
 * The key is matched in the form S3 notifications use (URL-encoded), as the components write
 * the patterns from the same filters.
 */
import { eventBridgeMatches } from "../../policies/s3";
import type { CapturedResource } from "../offline/mockEngine";
import { Graph, json, props, type Props } from "./graph";

export interface EventBridgeRoute {
  readonly rule: string;
  /** Undefined when the rule takes the event; else why not. */
  readonly why: string | undefined;
  readonly targets: readonly CapturedResource[];
}

type Matcher = string | { prefix?: string; suffix?: string; wildcard?: string };

function keyMatches(key: string, m: Matcher): boolean {
  if (typeof m === "string") return key === m;
  if (m.prefix !== undefined) return key.startsWith(m.prefix);
  if (m.suffix !== undefined) return key.endsWith(m.suffix);
  if (m.wildcard !== undefined) {
    const parts = m.wildcard.split(/(?<!\\)\*/).map((p) => p.replace(/\\([\\*])/g, "$1").replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    return new RegExp(`^${parts.join(".*")}$`, "s").test(key);
  }
  return false;
}

const describe = (m: Matcher) => (typeof m === "string" ? `\`${m}\`` : Object.entries(m).map(([k, v]) => `${k} \`${String(v)}\``).join(", "));

/** Why one alternative of a pattern does not take the event, or undefined when it does. */
function mismatch(alt: Props, bucket: string, key: string, event: string): string | undefined {
  const [want] = eventBridgeMatches([event]);
  if (!want) return `S3 does not send \`${event}\` to EventBridge`;
  const types = alt["detail-type"];
  if (Array.isArray(types) && !types.some((t) => want["detail-type"].includes(String(t)))) return `its detail type ${types.join(", ")} is not ${want["detail-type"].join(", ")}`;
  const detail = (alt.detail ?? {}) as Props;
  const names = (detail.bucket as { name?: unknown[] } | undefined)?.name;
  if (Array.isArray(names) && !names.includes(bucket)) return `it is for bucket ${names.join(", ")}`;
  for (const field of ["reason", "deletion-type"]) {
    const allowed = detail[field];
    const actual = want.detail?.[field];
    if (Array.isArray(allowed) && actual && !actual.some((a) => allowed.includes(a))) return `its ${field} ${allowed.join(", ")} is not ${actual.join(", ")}`;
  }
  const keys = (detail.object as { key?: Matcher[] } | undefined)?.key;
  if (Array.isArray(keys) && !keys.some((m) => keyMatches(key, m))) return `key \`${key}\` does not match ${keys.map(describe).join(" or ")}`;
  return undefined;
}

export function eventBridgeRoutes(graph: Graph, bucket: string, key: string, event: string): EventBridgeRoute[] {
  return graph.ofType("aws:cloudwatch/eventRule:EventRule").flatMap((rule) => {
    const pattern = json(props(rule).eventPattern);
    if (!pattern || !(Array.isArray(pattern.source) && pattern.source.includes("aws.s3"))) return [];
    const alternatives = (Array.isArray(pattern.$or) ? pattern.$or : [pattern]) as Props[];
    const forBucket = alternatives.some((a) => {
      const names = ((a.detail ?? {}) as { bucket?: { name?: unknown[] } }).bucket?.name;
      return !Array.isArray(names) || names.includes(bucket);
    });
    if (!forBucket) return [];
    const whys = alternatives.map((a) => mismatch(a, bucket, key, event));
    const why = whys.includes(undefined) ? undefined : whys[0];
    const targets = graph.ofType("aws:cloudwatch/eventTarget:EventTarget").filter((t) => props(t).rule === props(rule).name);
    return [{ rule: rule.name, why, targets }];
  });
}
