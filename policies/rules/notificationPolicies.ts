import type { ResourceValidationArgs, ResourceValidationPolicy, ReportViolation } from "@pulumi/policy";
import { breadthFindings, findOverlaps, parseEvent, type BreadthLimits } from "../s3";
import { notificationRules, type NotificationRule } from "../resources/notificationRules";
import { DOCS } from "./docs";

/** Calls `check` with the rules of any notification resource; other resources are ignored. */
function forRules(check: (rules: NotificationRule[], args: ResourceValidationArgs, report: ReportViolation) => void) {
  return (args: ResourceValidationArgs, report: ReportViolation) => {
    const rules = notificationRules(args.type, args.props as Record<string, unknown>);
    if (rules && rules.length > 0) check(rules, args, report);
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
      minPrefixLength: { type: "integer", minimum: 0, default: 1, description: "A prefix shorter than this is too broad." },
      maxEventTypes: { type: "integer", minimum: 1, default: 4, description: "At most this many event names per rule." },
      allowedEvents: { type: "array", items: { type: "string" }, description: "Only these events (wildcards cover members); unset allows all." },
      exemptBuckets: { type: "array", items: { type: "string" }, default: [], description: "Bucket names or resource names not checked." },
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
      for (const finding of breadthFindings(rule.events, rule.filter, limits)) {
        violations.push(`${where(args, rule)} is overly broad: ${finding.message}. Narrow it with a longer prefix or fewer events. ${DOCS.filtering}`);
      }
    }
    if (violations.length === 0) return;
    const exempt = config.exemptBuckets ?? [];
    // Read last: the bucket name may be unknown during preview.
    if (exempt.length > 0 && (exempt.includes(args.name) || exempt.includes(String(args.props.bucket ?? args.props.bucketName)))) return;
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

export const s3DestinationCompatible: ResourceValidationPolicy = {
  name: "s3-destination-compatible",
  description: "Checks whether notification destinations are ones S3 can deliver to: standard (not FIFO) queues and topics, in the bucket's region.",
  enforcementLevel: "mandatory",
  validateResource: forRules((rules, args, report) => {
    const region = typeof args.props.region === "string" ? args.props.region : undefined;
    for (const rule of rules) {
      if (rule.kind === "lambda") continue;
      const arn = rule.destinationArn(); // may be unknown in preview: read after the literal checks
      if (typeof arn !== "string") continue;
      if (arn.endsWith(".fifo")) {
        report(`${where(args, rule)} must not target FIFO ${rule.kind === "sqs" ? "queue" : "topic"} \`${arn}\`, because S3 sends only to standard ones. ${DOCS.eventTypes}`);
      }
      const destinationRegion = arn.split(":")[3];
      if (region && destinationRegion && destinationRegion !== region) {
        report(`${where(args, rule)} must target a destination in ${region}, the bucket's region, not ${destinationRegion}. ${DOCS.eventTypes}`);
      }
    }
  }),
};
