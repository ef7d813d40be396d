import type { ResourceValidationArgs, ResourceValidationPolicy, ReportViolation } from "@pulumi/policy";
import { breadthFindings, CONFIGURABLE_EVENTS, findOverlaps, MAX_FILTER_VALUE_LENGTH, matchesEveryKey, parseEvent, type BreadthLimits } from "../s3";
import { notificationRules, type NotificationRule } from "../resources/notificationRules";
import { parseRef } from "../resources/references";
import { JudgedAtUpdate, peek, UNKNOWN, unknownAt } from "../resources/unknowns";
import { DOCS } from "./docs";

/**
 * Calls `check` with the known rules of any notification resource; other resources are ignored.
 * A rule whose events or filter are unknown during preview is left out and named in an advisory
 * note once the verdicts on the others are reported; `check` sets aside what else waits on one.
 */
function forRules(check: (rules: NotificationRule[], args: ResourceValidationArgs, report: ReportViolation, pending: JudgedAtUpdate) => void) {
  return (args: ResourceValidationArgs, report: ReportViolation) => {
    const set = notificationRules(args.type, args.props as Record<string, unknown>);
    if (!set) return;
    const pending = new JudgedAtUpdate();
    for (const { path, error } of set.unknown) pending.note(`rule ${path}, whose events or filter are unknown`, error);
    check(set.rules, args, report, pending);
    pending.settle();
  };
}

/** A rule by its id and where it sits; a rule with no id is named once, by its path. */
const ruleName = (rule: NotificationRule) => (rule.id === rule.path ? `\`${rule.path}\`` : `\`${rule.id}\` (${rule.path})`);

const where = (args: ResourceValidationArgs, rule: NotificationRule) => `${args.type} \`${args.name}\`, rule ${ruleName(rule)}`;

export const s3NotificationFilterRequired: ResourceValidationPolicy = {
  name: "s3-notification-filter-required",
  description: "Checks whether every Lambda, SNS and SQS notification rule has a prefix or suffix filter.",
  enforcementLevel: "mandatory",
  validateResource: forRules((rules, args, report) => {
    for (const rule of rules) {
      if (rule.filter.prefix !== "" || rule.filter.suffix !== "") continue;
      report(
        `${where(args, rule)} must have a prefix or suffix filter, because without one it fires on every ` +
          `object of the bucket (and overlaps every later rule). Add \`filterPrefix\` or \`filterSuffix\`. ${DOCS.filtering}`,
      );
    }
  }),
};

export interface BreadthConfig {
  minPrefixLength?: number;
  maxEventTypes?: number;
  allowedEvents?: string[];
  exemptBuckets?: string[];
}

export const s3NotificationNotOverlyBroad: ResourceValidationPolicy = {
  name: "s3-notification-not-overly-broad",
  description: "Checks whether a notification rule matches every key, a whole event family across the bucket, or more events than allowed.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      minPrefixLength: {
        type: "integer",
        minimum: 0,
        maximum: MAX_FILTER_VALUE_LENGTH,
        default: 1,
        description: "A prefix shorter than this is too broad.",
      },
      maxEventTypes: {
        type: "integer",
        minimum: 1,
        maximum: CONFIGURABLE_EVENTS.length,
        default: 4,
        description: "At most this many event names per rule.",
      },
      allowedEvents: {
        type: "array",
        items: { type: "string", enum: [...CONFIGURABLE_EVENTS] },
        uniqueItems: true,
        description: "Only these events (wildcards cover members); unset allows all.",
      },
      exemptBuckets: {
        type: "array",
        items: { type: "string", minLength: 1 },
        uniqueItems: true,
        default: [],
        description: "Bucket names or resource names not checked.",
      },
    },
  },
  validateResource: forRules((rules, args, report) => {
    // Schema defaults are filled in by the engine; called directly, a missing limit is not checked.
    const config = args.getConfig<BreadthConfig>() ?? {};
    const limits: BreadthLimits = {
      minPrefixLength: config.minPrefixLength,
      maxEventTypes: config.maxEventTypes,
      allowedEvents: config.allowedEvents,
    };
    const violations: string[] = [];
    for (const rule of rules) {
      // A rule with no filter is s3-notification-filter-required's to report: one fault, one report.
      if (matchesEveryKey(rule.filter)) continue;
      for (const finding of breadthFindings(rule.events, rule.filter, limits)) {
        violations.push(`${where(args, rule)} is overly broad: ${finding.message}. Narrow it with a longer prefix or fewer events. ${DOCS.filtering}`);
      }
    }
    if (violations.length === 0) return;
    const exempt = config.exemptBuckets ?? [];
    if (exempt.includes(args.name)) return;
    // Read last: the bucket name may be unknown during preview.
    if (exempt.length > 0 && exempt.includes(String(args.props.bucket ?? args.props.bucketName))) return;
    violations.forEach((v) => report(v));
  }),
};

export const s3NotificationNoOverlap: ResourceValidationPolicy = {
  name: "s3-notification-no-overlap",
  description: "Checks whether two notification rules of a bucket overlap, which S3 rejects as ambiguous.",
  enforcementLevel: "mandatory",
  validateResource: forRules((rules, args, report) => {
    for (const o of findOverlaps(rules)) {
      report(
        `${args.type} \`${args.name}\`: rules ${ruleName(o.first)} and ${ruleName(o.second)} ` +
          `must not overlap, because S3 rejects the whole configuration as ambiguous: both receive \`${o.event}\` and key ` +
          `\`${o.witnessKey}\` matches both. Make their prefixes or suffixes disjoint, or their events distinct. ${DOCS.filtering}`,
      );
    }
  }),
};

export const s3NotificationValidEventsAndFilters: ResourceValidationPolicy = {
  name: "s3-notification-valid-events-and-filters",
  description: "Checks whether notification rules name real S3 events and filters S3 accepts.",
  enforcementLevel: "mandatory",
  validateResource: forRules((rules, args, report) => {
    for (const rule of rules) {
      if (rule.events.length === 0) report(`${where(args, rule)} must list at least one event. ${DOCS.eventTypes}`);
      for (const event of rule.events) {
        const parsed = parseEvent(event);
        if (!parsed.ok) report(`${where(args, rule)}: ${parsed.message} ${DOCS.eventTypes}`);
      }
      for (const f of rule.filterFindings) {
        if (f.severity === "error") report(`${where(args, rule)}: ${f.message} ${DOCS.filtering}`);
      }
    }
  }),
};

export const s3NotificationFilterLiteral: ResourceValidationPolicy = {
  name: "s3-notification-filter-literal",
  description: "Checks whether notification filters hold a `*` (S3 has no wildcards) or characters S3 URL-encodes in keys.",
  enforcementLevel: "advisory",
  validateResource: forRules((rules, args, report) => {
    for (const rule of rules) {
      for (const f of rule.filterFindings) {
        if (f.severity === "warning") report(`${where(args, rule)}: ${f.message} ${DOCS.filtering}`);
      }
    }
  }),
};

/** The region notifications are in when they do not say: the provider's, when the engine sends it. */
function regionOf(args: ResourceValidationArgs): unknown {
  const own = peek(args.props, "region");
  if (own !== undefined) return own;
  return args.provider ? peek(args.provider.props, "region") : undefined;
}

export const s3DestinationCompatible: ResourceValidationPolicy = {
  name: "s3-destination-compatible",
  description:
    "Checks whether notification destinations are ones S3 can deliver to: standard (not FIFO) queues and topics, and functions, queues and topics in the bucket's region.",
  enforcementLevel: "mandatory",
  validateResource: forRules((rules, args, report, pending) => {
    for (const rule of rules) {
      pending.attempt(`the destination of rule \`${rule.id}\``, () => {
        const arn = rule.destinationArn(); // may be unknown in preview
        if (typeof arn !== "string") return;
        const ref = parseRef(rule.kind, arn);
        if (rule.kind !== "lambda" && arn.endsWith(".fifo")) {
          report(`${where(args, rule)} must not target FIFO ${rule.kind === "sqs" ? "queue" : "topic"} \`${arn}\`, because S3 sends only to standard ones. ${DOCS.eventTypes}`);
        }
        const region = regionOf(args); // may be unknown in preview, and is then judged at update
        if (region === UNKNOWN && ref?.region) throw unknownAt("region");
        if (typeof region === "string" && region !== "" && ref?.region && ref.region !== region) {
          report(
            `${where(args, rule)} must target a ${rule.kind === "lambda" ? "function" : rule.kind === "sqs" ? "queue" : "topic"} in ${region}, the bucket's region, ` +
              `not ${ref.region}, because S3 delivers only within its region. ${DOCS.eventTypes}`,
          );
        }
      });
    }
  }),
};
