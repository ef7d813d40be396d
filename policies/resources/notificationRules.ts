/**
 * Reads the Lambda, SQS and SNS rules of any notification resource into one shape, whatever
 * library declared them. Only literal fields are read here (ids, events, filters), so a verdict
 * on them never waits on a value unknown during preview. Wrong types are skipped, never thrown on.
 */
import type { RawFilterRule } from "../s3";

export type RuleKind = "lambda" | "sqs" | "sns";

export interface NotificationRule {
  readonly kind: RuleKind;
  /** The rule's id, or its path when it has none. */
  readonly id: string;
  /** Where it sits in the resource, e.g. `queues[1]`. */
  readonly path: string;
  readonly events: readonly string[];
  readonly filterRules: readonly RawFilterRule[];
  /** Reads the destination ARN; may throw during preview when unknown, so call it last. */
  readonly destinationArn: () => unknown;
}

type Props = Record<string, unknown>;

const isObject = (v: unknown): v is Props => typeof v === "object" && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((e): e is string => typeof e === "string") : []);

export const AWS_NOTIFICATION = "aws:s3/bucketNotification:BucketNotification";
export const NATIVE_BUCKET = "aws-native:s3:Bucket";

const AWS_FIELDS: readonly [string, RuleKind, string][] = [
  ["lambdaFunctions", "lambda", "lambdaFunctionArn"],
  ["queues", "sqs", "queueArn"],
  ["topics", "sns", "topicArn"],
];

const NATIVE_FIELDS: readonly [string, RuleKind, string][] = [
  ["lambdaConfigurations", "lambda", "function"],
  ["queueConfigurations", "sqs", "queue"],
  ["topicConfigurations", "sns", "topic"],
];

/** The rules of a notification resource, or undefined when the type declares none. */
export function notificationRules(type: string, props: Props): NotificationRule[] | undefined {
  if (type === AWS_NOTIFICATION) return awsRules(props);
  if (type === NATIVE_BUCKET) return isObject(props.notificationConfiguration) ? nativeRules(props.notificationConfiguration) : [];
  return undefined;
}

function awsRules(props: Props): NotificationRule[] {
  const rules: NotificationRule[] = [];
  for (const [field, kind, arnField] of AWS_FIELDS) {
    const entries = props[field];
    if (!Array.isArray(entries)) continue;
    entries.forEach((entry: unknown, i) => {
      if (!isObject(entry)) return;
      const path = `${field}[${i}]`;
      const filterRules: RawFilterRule[] = [];
      if (typeof entry.filterPrefix === "string" && entry.filterPrefix !== "") filterRules.push({ name: "prefix", value: entry.filterPrefix });
      if (typeof entry.filterSuffix === "string" && entry.filterSuffix !== "") filterRules.push({ name: "suffix", value: entry.filterSuffix });
      rules.push({
        kind,
        id: typeof entry.id === "string" && entry.id !== "" ? entry.id : path,
        path,
        events: strings(entry.events),
        filterRules,
        destinationArn: () => entry[arnField],
      });
    });
  }
  return rules;
}

function nativeRules(config: Props): NotificationRule[] {
  const rules: NotificationRule[] = [];
  for (const [field, kind, arnField] of NATIVE_FIELDS) {
    const entries = config[field];
    if (!Array.isArray(entries)) continue;
    entries.forEach((entry: unknown, i) => {
      if (!isObject(entry)) return;
      const path = `notificationConfiguration.${field}[${i}]`;
      const key = isObject(entry.filter) && isObject(entry.filter.s3Key) ? entry.filter.s3Key.rules : undefined;
      const filterRules = (Array.isArray(key) ? key : [])
        .filter(isObject)
        .filter((r): r is { name: string; value: string } => typeof r.name === "string" && typeof r.value === "string");
      rules.push({
        kind,
        id: path,
        path,
        events: typeof entry.event === "string" ? [entry.event] : [],
        filterRules: filterRules.map((r) => ({ name: r.name, value: r.value })),
        destinationArn: () => entry[arnField],
      });
    });
  }
  return rules;
}
