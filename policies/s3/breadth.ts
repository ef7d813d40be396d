/**
 * When a notification rule is broader than a platform team allows. S3 accepts all of these; they
 * are our judgement: a rule that fires on every key of a bucket invites recursion, cost and
 * overlap with every later rule.
 *
 * API: `breadthFindings(rule, limits)` lists every reason the rule is too broad; each helper
 * below answers one question and is usable alone. Limits left undefined are not checked.
 */
import { expandEvent, parseEvent } from "./events";
import type { KeyFilter } from "./filters";

export interface BreadthLimits {
  /** A prefix shorter than this (when present) is too broad. */
  readonly minPrefixLength?: number;
  /** More distinct event names than this is too broad. */
  readonly maxEventTypes?: number;
  /** Names (wildcards cover their members) the rule may use; undefined allows all. */
  readonly allowedEvents?: readonly string[];
}

export type BreadthReason =
  | "matches-every-key"
  | "whole-bucket-family"
  | "prefix-too-short"
  | "too-many-event-types"
  | "event-not-allowed";

export interface BreadthFinding {
  readonly reason: BreadthReason;
  readonly message: string;
}

/** No prefix and no suffix: every key of the bucket matches. */
export function matchesEveryKey(filter: KeyFilter): boolean {
  return filter.prefix === "" && filter.suffix === "";
}

/** The wildcard families a rule subscribes to across the whole bucket (no prefix). */
export function wholeBucketFamilies(events: readonly string[], filter: KeyFilter): string[] {
  if (filter.prefix !== "") return [];
  return events.filter((e) => {
    const parsed = parseEvent(e);
    return parsed.ok && parsed.event.isWildcard;
  });
}

/** Names outside the allowed list; an allowed wildcard covers its members, not the reverse. */
export function eventsNotAllowed(events: readonly string[], allowed: readonly string[]): string[] {
  const covered = new Set(allowed.flatMap((a) => [a, ...expandEvent(a)]));
  return events.filter((e) => !covered.has(e) && !isCoveredWildcard(e, covered));
}

function isCoveredWildcard(event: string, covered: ReadonlySet<string>): boolean {
  const parsed = parseEvent(event);
  if (!parsed.ok || !parsed.event.isWildcard) return false;
  return expandEvent(event).every((m) => covered.has(m));
}

export function breadthFindings(
  events: readonly string[],
  filter: KeyFilter,
  limits: BreadthLimits,
): BreadthFinding[] {
  const findings: BreadthFinding[] = [];
  if (matchesEveryKey(filter)) {
    findings.push({
      reason: "matches-every-key",
      message: "it has neither prefix nor suffix, so every key of the bucket matches it",
    });
  } else {
    for (const wildcard of wholeBucketFamilies(events, filter)) {
      findings.push({
        reason: "whole-bucket-family",
        message:
          `it subscribes to the whole \`${wildcard}\` family with no prefix, so it fires across ` +
          `the whole bucket; add a prefix or list only the event types you handle`,
      });
    }
  }
  const min = limits.minPrefixLength;
  if (min !== undefined && filter.prefix !== "" && filter.prefix.length < min) {
    findings.push({
      reason: "prefix-too-short",
      message: `its prefix \`${filter.prefix}\` is shorter than the ${min} characters required`,
    });
  }
  const distinct = [...new Set(events)];
  if (limits.maxEventTypes !== undefined && distinct.length > limits.maxEventTypes) {
    findings.push({
      reason: "too-many-event-types",
      message: `it lists ${distinct.length} event types, more than the ${limits.maxEventTypes} allowed`,
    });
  }
  if (limits.allowedEvents !== undefined) {
    const denied = eventsNotAllowed(distinct, limits.allowedEvents);
    if (denied.length > 0) {
      findings.push({
        reason: "event-not-allowed",
        message:
          `it uses ${denied.map((e) => `\`${e}\``).join(", ")}, not among the allowed events ` +
          `(${limits.allowedEvents.map((e) => `\`${e}\``).join(", ")})`,
      });
    }
  }
  return findings;
}
