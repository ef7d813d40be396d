/**
 * The S3 event catalogue: every event type a Lambda, SNS or SQS notification configuration may
 * name, grouped by family, and how each maps onto the EventBridge events S3 emits.
 *
 * Source: https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html
 * and the `Event` enum of the S3 API. EventBridge mapping:
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/EventBridge.html
 *
 * API:
 * - `parseEvent(name)` returns the parsed event or an error message that suggests the closest name.
 * - `eventsShare(a, b)` returns the event type two names have in common, or undefined.
 * - `expandEvent(name)` lists the concrete event types a name covers.
 * - `eventBridgeDetailTypes(names)` lists the EventBridge `detail-type`s matching S3 event names.
 */

/** The destinations that take an event name in their configuration. */
export type NotificationDestinationType = "lambda" | "sns" | "sqs";

export interface EventFamily {
  /** The family wildcard, e.g. `s3:ObjectCreated:*`. */
  readonly wildcard: string;
  /** The concrete members, e.g. `s3:ObjectCreated:Put`. */
  readonly members: readonly string[];
}

function family(name: string, members: readonly string[]): EventFamily {
  return { wildcard: `s3:${name}:*`, members: members.map((m) => `s3:${name}:${m}`) };
}

export const EVENT_FAMILIES: readonly EventFamily[] = [
  family("ObjectCreated", ["Put", "Post", "Copy", "CompleteMultipartUpload"]),
  // Lifecycle deletions are not ObjectRemoved events; they are LifecycleExpiration ones.
  family("ObjectRemoved", ["Delete", "DeleteMarkerCreated"]),
  family("ObjectRestore", ["Post", "Completed", "Delete"]),
  family("Replication", [
    "OperationFailedReplication",
    "OperationMissedThreshold",
    "OperationReplicatedAfterThreshold",
    "OperationNotTracked",
  ]),
  family("LifecycleExpiration", ["Delete", "DeleteMarkerCreated"]),
  family("ObjectTagging", ["Put", "Delete"]),
];

/** Event types that belong to no configurable family (there is no `s3:ObjectAcl:*`). */
export const SINGLE_EVENTS: readonly string[] = [
  "s3:ReducedRedundancyLostObject",
  "s3:LifecycleTransition",
  "s3:IntelligentTiering",
  "s3:ObjectAcl:Put",
];

/** Names that look like events but cannot be configured, with the reason. */
const NOT_CONFIGURABLE: Readonly<Record<string, string>> = {
  "s3:TestEvent": "S3 sends it by itself to validate a destination; it cannot be subscribed to",
  "s3:*": "S3 has no catch-all event; list the event families you need, e.g. `s3:ObjectCreated:*`",
  "s3:ObjectAcl:*": "S3 has no `s3:ObjectAcl:*` wildcard; use `s3:ObjectAcl:Put`",
};

/** Every concrete event type, in catalogue order. */
export const CONCRETE_EVENTS: readonly string[] = [
  ...EVENT_FAMILIES.flatMap((f) => f.members),
  ...SINGLE_EVENTS,
];

/** Every name a configuration may list: wildcards and concrete types. */
export const CONFIGURABLE_EVENTS: readonly string[] = [
  ...EVENT_FAMILIES.map((f) => f.wildcard),
  ...CONCRETE_EVENTS,
];

const CONFIGURABLE = new Set(CONFIGURABLE_EVENTS);
const FAMILY_BY_WILDCARD = new Map(EVENT_FAMILIES.map((f) => [f.wildcard, f]));
const FAMILY_BY_MEMBER = new Map(EVENT_FAMILIES.flatMap((f) => f.members.map((m) => [m, f])));

export interface ParsedEvent {
  readonly name: string;
  /** True for a family wildcard such as `s3:ObjectCreated:*`. */
  readonly isWildcard: boolean;
  /** The family wildcard the event belongs to, or undefined for a single event. */
  readonly family: string | undefined;
  /** Lambda, SNS and SQS configurations all accept every configurable event type. */
  readonly destinations: readonly NotificationDestinationType[];
}

export type EventParseResult =
  | { readonly ok: true; readonly event: ParsedEvent }
  | { readonly ok: false; readonly message: string };

const ALL_DESTINATIONS: readonly NotificationDestinationType[] = ["lambda", "sns", "sqs"];

/** Parses an event name, or explains why it is not one and suggests the closest valid name. */
export function parseEvent(name: string): EventParseResult {
  if (CONFIGURABLE.has(name)) {
    const wildcardFamily = FAMILY_BY_WILDCARD.get(name);
    return {
      ok: true,
      event: {
        name,
        isWildcard: wildcardFamily !== undefined,
        family: (wildcardFamily ?? FAMILY_BY_MEMBER.get(name))?.wildcard,
        destinations: ALL_DESTINATIONS,
      },
    };
  }
  const reason = NOT_CONFIGURABLE[name];
  if (reason !== undefined) {
    return { ok: false, message: `\`${name}\` cannot be configured: ${reason}.` };
  }
  return {
    ok: false,
    message: `\`${name}\` is not an S3 event; did you mean \`${closestEvent(name)}\`?`,
  };
}

export function isConfigurableEvent(name: string): boolean {
  return CONFIGURABLE.has(name);
}

/** The concrete event types a configurable name covers (a wildcard covers its members). */
export function expandEvent(name: string): readonly string[] {
  const f = FAMILY_BY_WILDCARD.get(name);
  if (f) return f.members;
  return CONFIGURABLE.has(name) ? [name] : [];
}

/**
 * The event type two configurable names have in common, as the narrower of the two, or undefined
 * when they share none. `s3:ObjectCreated:*` shares `s3:ObjectCreated:Put` with `...:Put`.
 */
export function eventsShare(a: string, b: string): string | undefined {
  if (a === b) return CONFIGURABLE.has(a) ? a : undefined;
  if (FAMILY_BY_WILDCARD.has(a) && FAMILY_BY_MEMBER.get(b)?.wildcard === a) return b;
  if (FAMILY_BY_WILDCARD.has(b) && FAMILY_BY_MEMBER.get(a)?.wildcard === b) return a;
  return undefined;
}

/**
 * The closest configurable event name by edit distance, ignoring case (so a name in the wrong case
 * is at distance 0 from the right one); ties go to the first name in catalogue order.
 */
export function closestEvent(name: string): string {
  let best = CONFIGURABLE_EVENTS[0];
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of CONFIGURABLE_EVENTS) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}

/** How EventBridge tells one S3 event from another: its detail type and, where needed, detail fields. */
export interface EventBridgeMatch {
  readonly "detail-type": string[];
  readonly detail?: Record<string, string[]>;
}

const created = (reason: string) => ({ type: "Object Created", detail: { reason } });
const deleted = (reason: string, deletionType: string) => ({ type: "Object Deleted", detail: { reason, "deletion-type": deletionType } });

/**
 * The EventBridge event each concrete S3 event becomes: a detail type, and the `reason` and
 * `deletion-type` values that single it out within that type. Replication and reduced-redundancy
 * events are not sent to EventBridge. Source: https://docs.aws.amazon.com/AmazonS3/latest/userguide/EventBridge.html
 */
const EVENTBRIDGE_EVENT: Readonly<Record<string, { type: string; detail?: Record<string, string> }>> = {
  "s3:ObjectCreated:Put": created("PutObject"),
  "s3:ObjectCreated:Post": created("POST Object"),
  "s3:ObjectCreated:Copy": created("CopyObject"),
  "s3:ObjectCreated:CompleteMultipartUpload": created("CompleteMultipartUpload"),
  "s3:ObjectRemoved:Delete": deleted("DeleteObject", "Permanently Deleted"),
  "s3:ObjectRemoved:DeleteMarkerCreated": deleted("DeleteObject", "Delete Marker Created"),
  "s3:LifecycleExpiration:Delete": deleted("Lifecycle Expiration", "Permanently Deleted"),
  "s3:LifecycleExpiration:DeleteMarkerCreated": deleted("Lifecycle Expiration", "Delete Marker Created"),
  "s3:ObjectRestore:Post": { type: "Object Restore Initiated" },
  "s3:ObjectRestore:Completed": { type: "Object Restore Completed" },
  "s3:ObjectRestore:Delete": { type: "Object Restore Expired" },
  "s3:ObjectTagging:Put": { type: "Object Tags Added" },
  "s3:ObjectTagging:Delete": { type: "Object Tags Deleted" },
  "s3:ObjectAcl:Put": { type: "Object ACL Updated" },
  "s3:LifecycleTransition": { type: "Object Storage Class Changed" },
  "s3:IntelligentTiering": { type: "Object Access Tier Changed" },
};

/** True when S3 sends this configurable event (or some member of this family) to EventBridge. */
export function reachesEventBridge(name: string): boolean {
  return expandEvent(name).some((e) => EVENTBRIDGE_EVENT[e] !== undefined);
}

/** The distinct EventBridge detail types for a list of S3 event names, in catalogue order. */
export function eventBridgeDetailTypes(names: readonly string[]): string[] {
  return [...new Set(eventBridgeEvents(names).map((e) => e.type))];
}

function eventBridgeEvents(names: readonly string[]) {
  const wanted = new Set(names.flatMap((n) => expandEvent(n)));
  return CONCRETE_EVENTS.filter((e) => wanted.has(e) && EVENTBRIDGE_EVENT[e]).map((e) => EVENTBRIDGE_EVENT[e]);
}

/**
 * The EventBridge matches that select exactly these S3 events, as few as possible: a detail type
 * whose every event is wanted needs no detail fields; alternatives differing in one field merge
 * into one with both values. More than one match is an `$or` in the event pattern.
 */
export function eventBridgeMatches(names: readonly string[]): EventBridgeMatch[] {
  const events = eventBridgeEvents(names);
  const wantedPerType = new Map<string, number>();
  for (const e of events) wantedPerType.set(e.type, (wantedPerType.get(e.type) ?? 0) + 1);
  const totalPerType = new Map<string, number>();
  for (const e of Object.values(EVENTBRIDGE_EVENT)) totalPerType.set(e.type, (totalPerType.get(e.type) ?? 0) + 1);

  type Alternative = { types: string[]; detail: Record<string, string[]> };
  let alternatives: Alternative[] = [];
  const whole = [...wantedPerType].filter(([t, n]) => n === totalPerType.get(t)).map(([t]) => t);
  if (whole.length > 0) alternatives.push({ types: whole, detail: {} });
  for (const e of events) {
    if (whole.includes(e.type)) continue;
    alternatives.push({ types: [e.type], detail: Object.fromEntries(Object.entries(e.detail ?? {}).map(([k, v]) => [k, [v]])) });
  }
  // Merge alternatives of one type that differ in a single field, until none do.
  for (let merged = true; merged; ) {
    merged = false;
    // Stryker disable next-line EqualityOperator: equivalent, the inner loop is empty at i = length.
    outer: for (let i = 0; i < alternatives.length; i++) {
      for (let j = i + 1; j < alternatives.length; j++) {
        const [a, b] = [alternatives[i], alternatives[j]];
        // Equivalent under AWS's mapping (only Object Created and Object Deleted carry detail
        // fields, and different ones), so no spec can tell; kept so a new entry cannot merge types.
        // Stryker disable next-line ConditionalExpression: equivalent, see above.
        if (a.types.join() !== b.types.join()) continue;
        const keys = Object.keys(a.detail);
        // Stryker disable next-line ConditionalExpression: equivalent, see above.
        if (keys.join() !== Object.keys(b.detail).join()) continue;
        const differing = keys.filter((k) => a.detail[k].join() !== b.detail[k].join());
        if (differing.length !== 1) continue;
        const k = differing[0];
        a.detail[k] = [...new Set([...a.detail[k], ...b.detail[k]])];
        alternatives = alternatives.filter((_, x) => x !== j);
        merged = true;
        break outer;
      }
    }
  }
  return alternatives.map((a) => (Object.keys(a.detail).length ? { "detail-type": a.types, detail: a.detail } : { "detail-type": a.types }));
}
