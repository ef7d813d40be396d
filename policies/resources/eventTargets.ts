/**
 * The EventBridge targets that receive S3 events: the pack takes a target as S3's when a
 * notification of the stack turns EventBridge on and the target's rule matches source `aws.s3`.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/EventBridge.html
 */
import type { PolicyResource } from "@pulumi/policy";
import { QUEUE_TYPES, TYPES } from "./stackGraph";
import { known, peek, UNKNOWN } from "./unknowns";
import { isRecord } from "./records";

/** True when a notification turns on EventBridge (either library). */
export function sendsToEventBridge(notification: PolicyResource): boolean {
  if (notification.type === TYPES.notification) return peek(notification.props, "eventbridge") === true;
  const config = known(() => notification.props.notificationConfiguration as { eventBridgeConfiguration?: { eventBridgeEnabled?: unknown } } | undefined);
  return known(() => config?.eventBridgeConfiguration?.eventBridgeEnabled) === true;
}

/** An EventBridge rule of `@pulumi/aws-native` (CloudFormation's `AWS::Events::Rule`): its targets are inline. */
export const NATIVE_RULE = "aws-native:events:Rule";

/**
 * A target of an EventBridge rule for S3 events: an `aws.cloudwatch.EventTarget`, or one entry of
 * an aws-native rule's `targets`. https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-events-rule-target.html
 */
export interface S3EventTarget {
  /** The resource a verdict on the target is reported on: the EventTarget, or the aws-native rule. */
  readonly target: PolicyResource;
  readonly rule: PolicyResource;
  /** How the target reads in a message. */
  readonly label: string;
  /** Its `arn`: the value read (`UNKNOWN` during preview), and the resources it was built from. */
  readonly arn: unknown;
  readonly arnDependencies: readonly PolicyResource[];
  /** True when it has a dead-letter config, or one unknown during preview (an Output that will name a queue). */
  readonly deadLettered: boolean;
}

const label = (r: PolicyResource) => `${r.type} \`${r.name}\``;

/** A dead-letter config that names a queue, or may (unknown during preview: an Output that will). */
function deadLetterSet(config: unknown): boolean {
  if (config === UNKNOWN) return true;
  const arn = isRecord(config) ? peek(config, "arn") : undefined;
  return arn !== undefined && arn !== null && arn !== "";
}

/** The targets of rules for S3 events, when one of `notifications` turns EventBridge on. */
export function s3EventTargets(resources: readonly PolicyResource[], notifications: readonly PolicyResource[]): S3EventTarget[] {
  if (!notifications.some(sendsToEventBridge)) return [];
  return resources.flatMap((r) => {
    if (r.type === TYPES.eventTarget) {
      // Stryker disable next-line ArrayDeclaration: equivalent, a dummy entry has no type, so it matches nothing, as no entry does.
      const rule = (r.propertyDependencies.rule ?? []).find((d) => d.type === TYPES.eventRule);
      return rule && matchesS3(rule) ? [classicTarget(r, rule)] : [];
    }
    return r.type === NATIVE_RULE && matchesS3(r) ? nativeTargets(r) : [];
  });
}

/** A rule whose pattern names source `aws.s3`: a JSON string (`@pulumi/aws`) or an object (aws-native), either way in its JSON. */
function matchesS3(rule: PolicyResource): boolean {
  return String(known(() => JSON.stringify(rule.props.eventPattern))).includes("aws.s3");
}

function classicTarget(target: PolicyResource, rule: PolicyResource): S3EventTarget {
  // Stryker disable next-line ArrayDeclaration: equivalent, a dummy entry has no type, so it is no queue, as no entry is.
  const dlqQueue = (target.propertyDependencies.deadLetterConfig ?? []).some((d) => QUEUE_TYPES.includes(d.type));
  return {
    target,
    rule,
    label: label(target),
    arn: peek(target.props, "arn"),
    arnDependencies: target.propertyDependencies.arn ?? [],
    deadLettered: dlqQueue || deadLetterSet(peek(target.props, "deadLetterConfig")),
  };
}

/**
 * The inline targets of an aws-native rule. The engine records one dependency list for the whole
 * `targets` property: every entry's target, dead-letter queue and role alike. So a dependency is an
 * entry's target when its ARN is the entry's; with that ARN unknown (a first preview), only when it
 * is the rule's one dependency of its one target. Anything else waits for the update, when every
 * ARN is known: a dead-letter queue taken for the target would raise a false alarm.
 */
function nativeTargets(rule: PolicyResource): S3EventTarget[] {
  const targets = peek(rule.props, "targets");
  if (!Array.isArray(targets)) return [];
  const dependencies = rule.propertyDependencies.targets ?? [];
  return targets.filter(isRecord).map((entry) => {
    const arn = peek(entry, "arn");
    const id = peek(entry, "id");
    const mine = (d: PolicyResource) => (typeof arn === "string" ? resourceArn(d) === arn : targets.length === 1 && dependencies.length === 1);
    return {
      target: rule,
      rule,
      label: `${label(rule)}, target \`${typeof id === "string" ? id : "?"}\``,
      arn,
      arnDependencies: dependencies.filter(mine),
      deadLettered: deadLetterSet(peek(entry, "deadLetterConfig")),
    };
  });
}

/** A resource's ARN output, when known: `arn`, or a topic's `topicArn` in aws-native. */
function resourceArn(r: PolicyResource): unknown {
  const arn = peek(r.props, "arn");
  return arn === undefined ? peek(r.props, "topicArn") : arn;
}
