/**
 * S3's ambiguity rule for the notification configurations of one bucket.
 *
 * S3 rejects a bucket's whole configuration (`InvalidArgument`, "Configuration is ambiguously
 * defined") when two of its Lambda, SNS or SQS configurations, whatever their destinations:
 *   1. share an event type (a family wildcard shares with each of its members),
 *   2. have overlapping prefixes (one starts with the other; a missing prefix is `""`), and
 *   3. have overlapping suffixes (one ends with the other; a missing suffix is `""`).
 * Equivalently: some key matches both. Given overlapping prefixes and suffixes, the longer prefix
 * followed by the longer suffix is such a key, which is the witness we report.
 * Source: https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-filtering.html
 *
 * API: `findOverlaps(rules)` returns each ambiguous pair once, in input order.
 */
import { eventsShare } from "./events";
import type { KeyFilter } from "./filters";

export interface RuleShape {
  readonly id: string;
  readonly events: readonly string[];
  readonly filter: KeyFilter;
}

export interface Overlap<R extends RuleShape = RuleShape> {
  readonly first: R;
  readonly second: R;
  /** The first event type both rules receive (the narrower name). */
  readonly event: string;
  /** Every event type both rules receive. */
  readonly sharedEvents: readonly string[];
  /** A key that matches both rules' filters. */
  readonly witnessKey: string;
}

/** True when one string starts with the other. */
export function prefixesOverlap(a: string, b: string): boolean {
  return a.startsWith(b) || b.startsWith(a);
}

/** True when one string ends with the other. */
export function suffixesOverlap(a: string, b: string): boolean {
  return a.endsWith(b) || b.endsWith(a);
}

/** The event types two event lists share, deduplicated, in the first list's order. */
export function sharedEvents(a: readonly string[], b: readonly string[]): string[] {
  const shared: string[] = [];
  for (const x of a) {
    for (const y of b) {
      const common = eventsShare(x, y);
      if (common !== undefined && !shared.includes(common)) shared.push(common);
    }
  }
  return shared;
}

/**
 * A key matching both filters, or undefined when none exists. Readable on purpose:
 * `images/` + `.jpg` gives `images/example.jpg`.
 */
export function witnessKey(a: KeyFilter, b: KeyFilter): string | undefined {
  if (!prefixesOverlap(a.prefix, b.prefix) || !suffixesOverlap(a.suffix, b.suffix)) return undefined;
  // Of two overlapping prefixes, the one that starts with the other is the longer; same for suffixes.
  const prefix = a.prefix.startsWith(b.prefix) ? a.prefix : b.prefix;
  const suffix = a.suffix.endsWith(b.suffix) ? a.suffix : b.suffix;
  // Starts with the longer prefix and ends with the longer suffix, so it matches both filters.
  return `${prefix}example${suffix}`;
}

/** Every ambiguous pair among one bucket's rules, each reported once. */
export function findOverlaps<R extends RuleShape>(rules: readonly R[]): Overlap<R>[] {
  const overlaps: Overlap<R>[] = [];
  for (const [i, first] of rules.entries()) {
    for (const second of rules.slice(i + 1)) {
      const key = witnessKey(first.filter, second.filter);
      if (key === undefined) continue;
      const events = sharedEvents(first.events, second.events);
      if (events.length === 0) continue;
      overlaps.push({ first, second, event: events[0], sharedEvents: events, witnessKey: key });
    }
  }
  return overlaps;
}
