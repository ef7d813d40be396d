/**
 * The EventBridge targets that receive S3 events: the pack takes a target as S3's when a
 * notification of the stack turns EventBridge on and the target's rule matches source `aws.s3`.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/EventBridge.html
 */
import type { PolicyResource } from "@pulumi/policy";
import { TYPES } from "./stackGraph";
import { known, peek } from "./unknowns";

/** True when a notification turns on EventBridge (either library). */
export function sendsToEventBridge(notification: PolicyResource): boolean {
  if (notification.type === TYPES.notification) return peek(notification.props, "eventbridge") === true;
  const config = known(() => notification.props.notificationConfiguration as { eventBridgeConfiguration?: { eventBridgeEnabled?: unknown } } | undefined);
  return known(() => config?.eventBridgeConfiguration?.eventBridgeEnabled) === true;
}

/** A target of an EventBridge rule for S3 events. */
export interface S3EventTarget {
  readonly target: PolicyResource;
  readonly rule: PolicyResource;
}

/** The targets of rules for S3 events, when one of `notifications` turns EventBridge on. */
export function s3EventTargets(resources: readonly PolicyResource[], notifications: readonly PolicyResource[]): S3EventTarget[] {
  if (!notifications.some(sendsToEventBridge)) return [];
  return resources.flatMap((target) => {
    if (target.type !== TYPES.eventTarget) return [];
    // Stryker disable next-line ArrayDeclaration: equivalent, a dummy entry has no type, so it matches nothing, as no entry does.
    const rule = (target.propertyDependencies.rule ?? []).find((d) => d.type === TYPES.eventRule);
    return rule && String(known(() => rule.props.eventPattern)).includes("aws.s3") ? [{ target, rule }] : [];
  });
}
