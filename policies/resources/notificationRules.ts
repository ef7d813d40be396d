/**
 * Reads the Lambda, SQS and SNS rules of any notification resource into one shape, whatever
 * library declared them. Only literal fields are read here (ids, events, filters), so a verdict
 * on them never waits on a value unknown during preview; a rule whose events or filter are
 * unknown is set aside on its own, never taking the others with it. Wrong types are skipped,
 * never thrown on.
 */
import type { UnknownValueError } from "@pulumi/policy";
import { validateFilterRules, type FilterFinding, type KeyFilter, type RawFilterRule } from "../s3";
import { isUnknown, known } from "./unknowns";
import { isRecord } from "./records";

export type RuleKind = "lambda" | "sqs" | "sns";

export interface NotificationRule {
  readonly kind: RuleKind;
  /** The rule's id, or its path when it has none. */
  readonly id: string;
  /** Where it sits in the resource, e.g. `queues[1]`. */
  readonly path: string;
  readonly events: readonly string[];
  /** The prefix and suffix S3 reads from the filter rules (`""` when absent). */
  readonly filter: KeyFilter;
  readonly filterFindings: readonly FilterFinding[];
  /** Reads the destination ARN; may throw during preview when unknown, so call it last. */
  readonly destinationArn: () => unknown;
}

type Props = Record<string, unknown>;

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((e): e is string => typeof e === "string") : []);

export const AWS_NOTIFICATION = "aws:s3/bucketNotification:BucketNotification";
export const NATIVE_BUCKET = "aws-native:s3:Bucket";

/** How one library spells a configuration list: where it is, and how to read an entry. */
interface Layout {
  readonly field: string;
  readonly kind: RuleKind;
  readonly arnField: string;
  readonly read: (entry: Props, path: string) => { id: string; events: string[]; filterRules: RawFilterRule[] };
}

const idOf = (id: unknown, path: string) => (typeof id === "string" && id !== "" ? id : path);

/** @pulumi/aws: `events` lists, `filterPrefix`/`filterSuffix`, an optional `id`. */
const readAws = (entry: Props, path: string) => ({
  id: idOf(known(() => entry.id), path),
  events: strings(entry.events),
  filterRules: (["prefix", "suffix"] as const).flatMap((name) => {
    const value = entry[name === "prefix" ? "filterPrefix" : "filterSuffix"];
    // An empty value filters nothing, as S3 reads it.
    return typeof value === "string" ? [{ name, value }] : [];
  }),
});

/** @pulumi/aws-native (CloudFormation): one `event` each, `filter.s3Key.rules`, no id. */
const readNative = (entry: Props, path: string) => {
  const rules = isRecord(entry.filter) && isRecord(entry.filter.s3Key) ? entry.filter.s3Key.rules : undefined;
  return {
    id: path,
    events: typeof entry.event === "string" ? [entry.event] : [],
    // Stryker disable next-line ArrayDeclaration: equivalent, a dummy entry is no object, so it is filtered out, as no entry is.
    filterRules: (Array.isArray(rules) ? rules : [])
      .filter(isRecord)
      .flatMap((r) => (typeof r.name === "string" && typeof r.value === "string" ? [{ name: r.name, value: r.value }] : [])),
  };
};

const AWS_LAYOUT: readonly Layout[] = [
  { field: "lambdaFunctions", kind: "lambda", arnField: "lambdaFunctionArn", read: readAws },
  { field: "queues", kind: "sqs", arnField: "queueArn", read: readAws },
  { field: "topics", kind: "sns", arnField: "topicArn", read: readAws },
];

const NATIVE_LAYOUT: readonly Layout[] = [
  { field: "lambdaConfigurations", kind: "lambda", arnField: "function", read: readNative },
  { field: "queueConfigurations", kind: "sqs", arnField: "queue", read: readNative },
  { field: "topicConfigurations", kind: "sns", arnField: "topic", read: readNative },
];

/** Rules, or lists of them, whose events or filter are unknown during preview: judged at update. */
export interface UnknownRule {
  /** The rule's path, e.g. `queues[1]`, or the list's. */
  readonly path: string;
  readonly error: UnknownValueError;
}

export interface RuleSet {
  readonly rules: NotificationRule[];
  readonly unknown: UnknownRule[];
}

/** The rules of a notification resource, or undefined when the type declares none. */
export function notificationRules(type: string, props: Props): RuleSet | undefined {
  const unknown: UnknownRule[] = [];
  const attempt = <T>(path: string, read: () => T): T | undefined => {
    try {
      return read();
    } catch (e) {
      if (!isUnknown(e)) throw e;
      unknown.push({ path, error: e });
      return undefined;
    }
  };
  if (type === AWS_NOTIFICATION) return { rules: readRules(props, AWS_LAYOUT, "", attempt), unknown };
  if (type === NATIVE_BUCKET) {
    const config = attempt("notificationConfiguration", () => props.notificationConfiguration);
    return { rules: isRecord(config) ? readRules(config, NATIVE_LAYOUT, "notificationConfiguration.", attempt) : [], unknown };
  }
  return undefined;
}

type Attempt = <T>(path: string, read: () => T) => T | undefined;

function readRules(container: Props, layouts: readonly Layout[], pathPrefix: string, attempt: Attempt): NotificationRule[] {
  return layouts.flatMap(({ field, kind, arnField, read }) => {
    const entries = attempt(`${pathPrefix}${field}`, () => container[field]);
    if (!Array.isArray(entries)) return [];
    // By index: iterating the SDK's wrapped array would read an unknown entry outside `attempt`.
    return Array.from({ length: entries.length }, (_, i) => i).flatMap((i): NotificationRule[] => {
      const path = `${pathPrefix}${field}[${i}]`;
      // Everything a rule's verdicts read is read here, so an unknown sets aside this rule alone.
      const rule = attempt(path, () => {
        const entry: unknown = entries[i];
        if (!isRecord(entry)) return undefined;
        const { id, events, filterRules } = read(entry, path);
        const { filter, findings } = validateFilterRules(filterRules);
        return { kind, id, path, events, filter, filterFindings: findings, destinationArn: () => entry[arnField] };
      });
      return rule ? [rule] : [];
    });
  });
}
