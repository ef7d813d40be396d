import {
  findOverlaps,
  matchesEveryKey,
  parseEvent,
  reachesEventBridge,
  validateFilterValue,
  type KeyFilter,
} from "../policies/s3";
import { destinationField } from "./destinations/choice";
import type { DestinationKind, DestinationProblem } from "./destinations/destination";
import type { S3Event } from "./events";
import type { ResolvedFunction } from "./references";

/** A rule's key filter, as keys appear in events (URL-encoded). */
export interface RuleFilter {
  /** Keys start with this, e.g. `images/`. Defaults to none. */
  readonly prefix?: string;
  /** Keys end with this, e.g. `.jpg`. Defaults to none. */
  readonly suffix?: string;
}

/** One routing rule: which events of which bucket go to which destination. */
export interface NotificationRule {
  /** Unique across the component: the configuration's `Id`, and part of child resource names. */
  readonly id: string;
  /** The source bucket's key in `buckets`. */
  readonly bucket: string;
  /** The destination's key in `destinations`. */
  readonly destination: string;
  /** S3 event types, e.g. `s3:ObjectCreated:*` or `s3:ObjectRemoved:Delete`. */
  readonly events: S3Event[];
  /** The key filter. Defaults to none, which needs `unfilteredReason`. */
  readonly filter?: RuleFilter;
  /** Why this rule may match every key of its bucket. Defaults to none: an unfiltered rule is rejected. */
  readonly unfilteredReason?: string;
}

export interface RoutingProblem {
  readonly bucket?: string;
  readonly rule?: string;
  readonly destination?: string;
  /** The path of the offending field in the component's args, e.g. `rules[2].filter.prefix`. */
  readonly field: string;
  readonly message: string;
}

export interface RoutingInput {
  readonly bucketKeys: readonly string[];
  /** Each destination's kind (unknown when its args name none or several) and its own checks. */
  readonly destinations: Readonly<
    Record<
      string,
      {
        readonly kind: DestinationKind | undefined;
        validate(): DestinationProblem[];
        readonly asyncFunctions?: readonly { readonly fn: Pick<ResolvedFunction, "identity">; readonly field: string }[];
      }
    >
  >;
  readonly rules: readonly NotificationRule[];
  /** Each bucket's region when known now. */
  readonly bucketRegions: Readonly<Record<string, string | undefined>>;
  /** Each destination's region when known now. */
  readonly destinationRegions: Readonly<Record<string, string | undefined>>;
}

const RULE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function ruleFilter(rule: NotificationRule): KeyFilter {
  return { prefix: rule.filter?.prefix ?? "", suffix: rule.filter?.suffix ?? "" };
}

/** Every problem with a routing graph, in the order of the args. Pure: registers nothing. */
export function validateRouting(input: RoutingInput): RoutingProblem[] {
  const problems: RoutingProblem[] = [];
  const seenIds = new Map<string, number>();
  const destinationUsed = new Set<string>();
  const known = (keys: readonly string[]) => (keys.length ? keys.map((k) => `\`${k}\``).join(", ") : "none");

  input.rules.forEach((rule, i) => {
    const at = (field: string, message: string) =>
      problems.push({ bucket: rule.bucket, rule: rule.id, destination: rule.destination, field: `rules[${i}].${field}`, message });
    if (typeof rule.id !== "string" || !RULE_ID.test(rule.id)) {
      at("id", `\`${rule.id}\` is not a valid rule id: use 1-64 letters, digits, \`.\`, \`_\` or \`-\`, starting with a letter or digit.`);
    } else if (seenIds.has(rule.id)) {
      at("id", `duplicate rule id \`${rule.id}\` (also rules[${seenIds.get(rule.id)}]); give each rule its own id.`);
    } else {
      seenIds.set(rule.id, i);
    }
    if (!input.bucketKeys.includes(rule.bucket)) {
      at("bucket", `names bucket \`${rule.bucket}\`, which is not in \`buckets\` (known: ${known(input.bucketKeys)}); add it or fix the name.`);
    }
    const destination = input.destinations[rule.destination];
    if (!destination) {
      at("destination", `names destination \`${rule.destination}\`, which is not in \`destinations\` (known: ${known(Object.keys(input.destinations))}); add it or fix the name.`);
    } else {
      destinationUsed.add(rule.destination);
    }
    if (!Array.isArray(rule.events) || rule.events.length === 0) {
      at("events", "lists no event; name at least one, e.g. `s3:ObjectCreated:*`.");
    } else {
      rule.events.forEach((event, j) => {
        const parsed = parseEvent(event);
        if (!parsed.ok) at(`events[${j}]`, parsed.message);
        else if (destination?.kind === "eventbridge" && !reachesEventBridge(event)) {
          at(`events[${j}]`, `\`${event}\` is never sent to EventBridge; route it to Lambda, SNS or SQS instead.`);
        }
      });
      const duplicates = rule.events.filter((e, j) => rule.events.indexOf(e) !== j);
      if (duplicates.length) at("events", `lists ${duplicates.map((e) => `\`${e}\``).join(", ")} more than once; list each event once.`);
    }
    for (const field of ["prefix", "suffix"] as const) {
      const value = rule.filter?.[field];
      if (value === undefined) continue;
      if (value === "") at(`filter.${field}`, `is empty; leave it out instead.`);
      // Warnings too: a `*` or an unencoded character means the rule silently never fires.
      for (const finding of validateFilterValue(field, value)) at(`filter.${field}`, finding.message);
    }
    if (matchesEveryKey(ruleFilter(rule)) && !rule.unfilteredReason?.trim()) {
      at(
        "filter",
        "has no prefix or suffix, so it fires on every key of the bucket; add a `filter`, or set " +
          "`unfilteredReason` to say why this rule must see every object.",
      );
    }
    problems.push(...regionProblems(rule, i, input.bucketRegions[rule.bucket], input.destinationRegions[rule.destination]));
  });

  // Lambda keeps one event invoke config per function and qualifier (its retries and on-failure
  // destination), and writing one overwrites the last: of two destinations writing it for the same
  // function, the second would silently replace the first, and deleting either removes both.
  // https://docs.aws.amazon.com/lambda/latest/api/API_PutFunctionEventInvokeConfig.html
  const configuredBy = new Map<object | string, string>();
  for (const [key, destination] of Object.entries(input.destinations)) {
    for (const { fn, field } of destination.asyncFunctions ?? []) {
      const path = `destinations.${key}.${destinationField(destination.kind!)}.${field}`;
      const first = configuredBy.get(fn.identity);
      if (first === undefined) {
        configuredBy.set(fn.identity, path);
        continue;
      }
      problems.push({
        destination: key,
        field: path,
        message:
          `names the function \`${first}\` names, and both invoke it asynchronously. Lambda keeps one event invoke config (retries, ` +
          `on-failure destination) per function: this one would silently replace the other. Send the function's events through one destination.`,
      });
    }
  }

  for (const [key, destination] of Object.entries(input.destinations)) {
    if (!destinationUsed.has(key)) {
      problems.push({ destination: key, field: `destinations.${key}`, message: "is not used by any rule; remove it or route a rule to it." });
    }
    for (const p of destination.validate()) {
      problems.push({ destination: key, field: `destinations.${key}.${destinationField(destination.kind!)}.${p.field}`, message: p.message });
    }
  }

  // S3's ambiguity rule covers Lambda, SNS and SQS configurations; EventBridge takes no filter.
  for (const bucket of input.bucketKeys) {
    // Stryker disable ArrayDeclaration: equivalent, a rule without events is refused above, and no S3 event overlaps a name that is none.
    const rules = input.rules
      .map((rule, index) => ({ id: rule.id, index, events: rule.events ?? [], filter: ruleFilter(rule), rule }))
      .filter((r) => r.rule.bucket === bucket && input.destinations[r.rule.destination]?.kind !== "eventbridge");
    // Stryker restore ArrayDeclaration
    for (const o of findOverlaps(rules)) {
      problems.push({
        bucket,
        rule: o.second.id,
        field: `rules[${o.second.index}].filter`,
        message:
          `overlaps rule \`${o.first.id}\` (rules[${o.first.index}]) for \`${o.event}\`: key \`${o.witnessKey}\` matches ` +
          "both, and S3 rejects the bucket's whole configuration as ambiguous. Make their prefixes or suffixes disjoint, " +
          "or their events distinct.",
      });
    }
  }
  return problems;
}

/**
 * The problem of rule `index` when its destination is in another region than its bucket, once both
 * regions are known: now (`validateRouting`) or at deploy (the component's deploy checks).
 */
export function regionProblems(
  rule: NotificationRule,
  index: number,
  bucketRegion: string | undefined,
  destinationRegion: string | undefined,
): RoutingProblem[] {
  if (!bucketRegion || !destinationRegion || bucketRegion === destinationRegion) return [];
  return [
    {
      bucket: rule.bucket,
      rule: rule.id,
      destination: rule.destination,
      field: `rules[${index}].destination`,
      message: regionMessage(rule.destination, destinationRegion, bucketRegion),
    },
  ];
}

export function regionMessage(destination: string, destinationRegion: string, bucketRegion: string): string {
  return (
    `destination \`${destination}\` is in ${destinationRegion} but the bucket is in ${bucketRegion}; ` +
    "S3 delivers only to destinations in the bucket's region. Create the destination in the bucket's region."
  );
}

/** One line per problem: where it is, then what is wrong and how to fix it. */
export function formatProblems(component: string, problems: readonly RoutingProblem[]): string {
  const lines = problems.map((p) => {
    const where = [
      p.bucket === undefined ? undefined : `bucket \`${p.bucket}\``,
      p.rule === undefined ? undefined : `rule \`${p.rule}\``,
      p.bucket === undefined && p.destination !== undefined ? `destination \`${p.destination}\`` : undefined,
    ].filter((w) => w !== undefined);
    return `  - ${where.length ? `${where.join(", ")}, ` : ""}\`${p.field}\`: ${p.message}`;
  });
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  return `BucketNotifications \`${component}\` has ${count}:\n${lines.join("\n")}`;
}
