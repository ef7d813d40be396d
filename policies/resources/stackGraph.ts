/**
 * Finds related resources in a stack through the engine's dependency graph, never through
 * values: dependencies are known in every preview, while ARNs and URLs of new resources are not.
 */
import type { PolicyResource } from "@pulumi/policy";

export const TYPES = {
  bucket: ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"],
  notification: "aws:s3/bucketNotification:BucketNotification",
  function: "aws:lambda/function:Function",
  permission: "aws:lambda/permission:Permission",
  invokeConfig: "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
  queue: "aws:sqs/queue:Queue",
  queuePolicy: "aws:sqs/queuePolicy:QueuePolicy",
  redrivePolicy: "aws:sqs/redrivePolicy:RedrivePolicy",
  topic: "aws:sns/topic:Topic",
  topicPolicy: "aws:sns/topicPolicy:TopicPolicy",
  subscription: "aws:sns/topicSubscription:TopicSubscription",
  eventRule: "aws:cloudwatch/eventRule:EventRule",
  eventTarget: "aws:cloudwatch/eventTarget:EventTarget",
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  rolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  iamPolicy: "aws:iam/policy:Policy",
} as const;

export type DestinationKind = "lambda" | "sqs" | "sns";

/** Where a notification names each kind of destination, and the destination's type. */
const DESTINATION_FIELDS: readonly [DestinationKind, string, string][] = [
  ["lambda", "lambdaFunctions", TYPES.function],
  ["sqs", "queues", TYPES.queue],
  ["sns", "topics", TYPES.topic],
];

export interface Destination {
  readonly kind: DestinationKind;
  readonly resource: PolicyResource;
}

export class StackGraph {
  constructor(readonly resources: readonly PolicyResource[]) {}

  ofType(type: string): PolicyResource[] {
    return this.resources.filter((r) => r.type === type);
  }

  /** Resources of `type` whose `property` depends on `target`. */
  referencing(target: PolicyResource, type: string, property: string): PolicyResource[] {
    return this.ofType(type).filter((r) => (r.propertyDependencies[property] ?? []).some((d) => d.urn === target.urn));
  }

  /** The stack's functions, queues and topics a notification sends to. */
  destinations(notification: PolicyResource): Destination[] {
    return DESTINATION_FIELDS.flatMap(([kind, field, type]) =>
      (notification.propertyDependencies[field] ?? []).filter((d) => d.type === type).map((resource) => ({ kind, resource })),
    );
  }

  /**
   * The kinds of destination a notification names only outside the stack: a list with entries
   * but no dependency on a resource of that type. Entries have no dependencies of their own (and
   * their ARNs may be unknown), so a list mixing both is not told apart: never a false alarm.
   */
  namesOutsideDestinations(notification: PolicyResource): DestinationKind[] {
    const kinds: DestinationKind[] = [];
    for (const [kind, field, type] of DESTINATION_FIELDS) {
      if (!(field in notification.props)) continue;
      if ((notification.propertyDependencies[field] ?? []).some((d) => d.type === type)) continue;
      const entries = notification.props[field]; // the list itself is known even when its ARNs are not
      if (Array.isArray(entries) && entries.length > 0) kinds.push(kind);
    }
    return kinds;
  }

  /** True when `dependent` waits for `dependency`, directly. */
  dependsOn(dependent: PolicyResource, dependency: PolicyResource): boolean {
    return dependent.dependencies.some((d) => d.urn === dependency.urn);
  }

  /**
   * Queues that catch another resource's failures: a redrive target, an on-failure destination,
   * a subscription's or event target's dead-letter queue. They need no dead-letter queue of their own.
   */
  deadLetterQueues(): Set<string> {
    const urns = new Set<string>();
    for (const r of this.resources) {
      for (const property of ["redrivePolicy", "destinationConfig", "deadLetterConfig"]) {
        for (const d of r.propertyDependencies[property] ?? []) if (d.type === TYPES.queue && d.urn !== r.urn) urns.add(d.urn);
      }
    }
    return urns;
  }
}
