/**
 * Finds related resources in a stack through the engine's dependency graph, known in every preview
 * (literal names, ARNs and URLs are matched in `routes.ts` and `grantResources.ts`).
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

export const QUEUE_TYPES: readonly string[] = [TYPES.queue, "aws-native:sqs:Queue"];

export class StackGraph {
  constructor(readonly resources: readonly PolicyResource[]) {}

  ofType(type: string): PolicyResource[] {
    return this.resources.filter((r) => r.type === type);
  }

  /** Resources of `type` whose `property` depends on `target`. */
  referencing(target: PolicyResource, type: string, property: string): PolicyResource[] {
    // Stryker disable next-line ArrayDeclaration: equivalent, a dummy entry has no urn, so it matches nothing, as no entry does.
    return this.ofType(type).filter((r) => (r.propertyDependencies[property] ?? []).some((d) => d.urn === target.urn));
  }

  /**
   * Queues that catch another resource's failures: a redrive target, an on-failure destination,
   * a subscription's or event target's dead-letter queue. They need no dead-letter queue of their own.
   */
  deadLetterQueues(): Set<string> {
    const urns = new Set<string>();
    for (const r of this.resources) {
      for (const property of ["redrivePolicy", "destinationConfig", "deadLetterConfig"]) {
        // Stryker disable next-line ArrayDeclaration: equivalent, a dummy entry has no type, so it matches nothing, as no entry does.
        for (const d of r.propertyDependencies[property] ?? []) if (QUEUE_TYPES.includes(d.type) && d.urn !== r.urn) urns.add(d.urn);
      }
    }
    return urns;
  }
}
