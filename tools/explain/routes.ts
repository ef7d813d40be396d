/**
 * Where one object event goes, per bucket of a stack: the notification rule that fires (read
 * with the pack's rule reader and matched with S3's semantics from policies/s3), its destination
 * and that destination's dead-letter queue, and for every other rule why it does not fire.
 */
import { encodeKeyForFilter, expandEvent, keyMatches, parseEvent } from "../../policies/s3";
import { notificationRules, type NotificationRule } from "../../policies/resources/notificationRules";
import type { CapturedResource } from "../offline/mockEngine";
import { deadLettersOf, type DeadLetter } from "./deadLetters";
import { eventBridgeRoutes } from "./eventBridge";
import { Graph, props, str } from "./graph";

export class ExplainError extends Error {}

export interface RuleOutcome {
  readonly id: string;
  readonly path: string;
  readonly kind: NotificationRule["kind"];
  readonly events: readonly string[];
  readonly prefix: string;
  readonly suffix: string;
  /** Empty when the rule fires; else one reason per failed condition (event, prefix, suffix). */
  readonly whyNot: readonly string[];
  readonly destination: { readonly type: string; readonly name: string } | { readonly arn: string };
  readonly deadLetters: readonly DeadLetter[];
}

export interface EventBridgeOutcome {
  readonly rule: string;
  readonly whyNot: string | undefined;
  /** Each target: its type and resource name, or its ARN when outside the stack. */
  readonly targets: readonly { readonly target: string; readonly deadLetters: readonly DeadLetter[] }[];
}

export interface BucketOutcome {
  /** The bucket's resource name, when the stack creates it. */
  readonly bucket: string;
  /** The bucket's physical name. */
  readonly bucketName: string;
  readonly notification: string;
  readonly fires: readonly RuleOutcome[];
  readonly others: readonly RuleOutcome[];
  /** Set when the bucket sends its events to EventBridge. */
  readonly eventBridge: readonly EventBridgeOutcome[] | undefined;
}

export interface Explanation {
  readonly key: string;
  /** The key as it appears in the event, which filters are matched against. */
  readonly encodedKey: string;
  readonly event: string;
  readonly buckets: readonly BucketOutcome[];
}

/**
 * The key as S3 writes it in an event: URL-encoded, a space as `+`. A `%` or `+` in the key is
 * itself encoded first, since `encodeKeyForFilter` reads those as already-encoded filter text.
 */
export function eventKey(key: string): string {
  return encodeKeyForFilter(key.replace(/%/g, "%25").replace(/\+/g, "%2B"));
}

/** Checks the event is one S3 sends: a concrete event type (a wildcard names a family). */
export function checkEvent(event: string): void {
  const parsed = parseEvent(event);
  if (!parsed.ok) throw new ExplainError(`--event: ${parsed.message}`);
  if (parsed.event.isWildcard) {
    throw new ExplainError(`--event: \`${event}\` is a family; S3 sends one event type, e.g. \`${expandEvent(event)[0]}\``);
  }
}

function whyNot(rule: NotificationRule, key: string, event: string): string[] {
  const reasons: string[] = [];
  if (!rule.events.some((e) => expandEvent(e).includes(event))) reasons.push(`event \`${event}\` is not among ${rule.events.map((e) => `\`${e}\``).join(", ")}`);
  if (!keyMatches(key, { prefix: rule.filter.prefix, suffix: "" })) reasons.push(`key \`${key}\` does not start with prefix \`${rule.filter.prefix}\``);
  if (!keyMatches(key, { prefix: "", suffix: rule.filter.suffix })) reasons.push(`key \`${key}\` does not end with suffix \`${rule.filter.suffix}\``);
  return reasons;
}

function outcome(graph: Graph, rule: NotificationRule, key: string, event: string): RuleOutcome {
  const arn = str(rule.destinationArn()) ?? "";
  const target = graph.byArn(arn);
  return {
    id: rule.id,
    path: rule.path,
    kind: rule.kind,
    events: rule.events,
    prefix: rule.filter.prefix,
    suffix: rule.filter.suffix,
    whyNot: whyNot(rule, key, event),
    destination: target ? { type: target.type, name: target.name } : { arn },
    deadLetters: target ? deadLettersOf(graph, target) : [],
  };
}

/** The bucket a notification configures, by name or id; `aws-native` buckets configure themselves. */
function bucketOf(graph: Graph, notification: CapturedResource): { name: string; resource: CapturedResource | undefined } {
  if (notification.type === "aws-native:s3:Bucket") return { name: str(props(notification).bucketName) ?? notification.name, resource: notification };
  const name = str(props(notification).bucket) ?? "";
  const resource = graph.resources.find((r) => ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"].includes(r.type) && props(r).bucket === name);
  return { name, resource };
}

export function explain(resources: readonly CapturedResource[], key: string, event: string): Explanation {
  checkEvent(event);
  const graph = new Graph(resources);
  const encodedKey = eventKey(key);
  const buckets = resources.flatMap((notification): BucketOutcome[] => {
    const rules = notificationRules(notification.type, props(notification));
    if (rules === undefined) return [];
    const bucket = bucketOf(graph, notification);
    const outcomes = rules.rules.map((r) => outcome(graph, r, encodedKey, event));
    const eventBridgeOn = notification.type === "aws:s3/bucketNotification:BucketNotification" && props(notification).eventbridge === true;
    return [
      {
        bucket: bucket.resource?.name ?? bucket.name,
        bucketName: bucket.name,
        notification: notification.name,
        fires: outcomes.filter((o) => o.whyNot.length === 0),
        others: outcomes.filter((o) => o.whyNot.length > 0),
        eventBridge: eventBridgeOn
          ? eventBridgeRoutes(graph, bucket.name, encodedKey, event).map((r) => ({
              rule: r.rule,
              whyNot: r.why,
              targets: r.targets.map((t) => {
                const target = graph.byArn(props(t).arn);
                // Past the target, the event follows the target's own failure path: a queue's redrive, a topic's subscriptions'.
                const beyond = (target ? deadLettersOf(graph, target) : []).map((d) => ({ queue: d.queue, when: `in ${target!.name}, ${d.when}` }));
                return { target: target ? `${target.type} ${target.name}` : (str(props(t).arn) ?? t.name), deadLetters: [...deadLettersOf(graph, t), ...beyond] };
              }),
            }))
          : undefined,
      },
    ];
  });
  return { key, encodedKey, event, buckets };
}
