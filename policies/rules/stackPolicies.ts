import type { PolicyResource, ReportViolation, StackValidationPolicy } from "@pulumi/policy";
import { notificationRules } from "../resources/notificationRules";
import { StackGraph, TYPES, type Destination } from "../resources/stackGraph";
import { DOCS } from "./docs";
import { statementsOf } from "./grantPolicies";

const S3 = "s3.amazonaws.com";
const label = (r: PolicyResource) => `${r.type} \`${r.name}\``;

/** Outputs hold computed fields even when unset (`""`, `[]`); a value counts only when it says something. */
export function isSet(value: unknown): boolean {
  if (value === undefined || value === null || value === "") return false;
  if (Array.isArray(value)) return value.length > 0;
  return typeof value !== "object" || Object.keys(value).length > 0;
}

/** True when `property` of `resource` depends on a resource of one of `types`: proof it is set, known in every preview. */
function dependsThrough(resource: PolicyResource, property: string, types: readonly string[]): boolean {
  return (resource.propertyDependencies[property] ?? []).some((d) => types.includes(d.type));
}

const grantsS3 = (policy: unknown) => (statementsOf(policy) ?? []).some((s) => s.Effect === "Allow" && JSON.stringify(s.Principal ?? "").includes(S3));

/**
 * The resources granting S3 access to a destination. Separate policy resources are found through
 * the graph; a queue's or topic's own `policy` is read only when there is none (it may be unknown).
 */
function grantsOf(graph: StackGraph, { kind, resource }: Destination): PolicyResource[] {
  if (kind === "lambda") return graph.referencing(resource, TYPES.permission, "function").filter((p) => p.props.principal === S3);
  const policies = kind === "sqs" ? graph.referencing(resource, TYPES.queuePolicy, "queueUrl") : graph.referencing(resource, TYPES.topicPolicy, "arn");
  if (policies.length > 0) return policies;
  return grantsS3(resource.props.policy) ? [resource] : [];
}

export const s3DestinationGrantPresent: StackValidationPolicy = {
  name: "s3-destination-grant-present",
  description: "Checks whether every destination of a notification in the stack grants S3, and the notification waits for that grant.",
  enforcementLevel: "mandatory",
  validateStack: (args, report) => {
    const graph = new StackGraph(args.resources);
    for (const notification of graph.ofType(TYPES.notification)) {
      for (const destination of graph.destinations(notification)) {
        const grants = grantsOf(graph, destination);
        const what = destination.kind === "lambda" ? "an aws.lambda.Permission for s3.amazonaws.com" : `a ${destination.kind === "sqs" ? "queue" : "topic"} policy`;
        if (grants.length === 0) {
          report(
            `${label(notification)} sends to ${label(destination.resource)}, which has no grant for S3 in this stack, so S3 rejects the ` +
              `configuration ("Unable to validate the following destination configurations"). Add ${what} scoped to the bucket. ${DOCS.grants}`,
            notification.urn,
          );
        } else if (!grants.some((g) => g === destination.resource || graph.dependsOn(notification, g))) {
          report(
            `${label(notification)} must depend on ${label(grants[0])}, because S3 tests every destination when the configuration is ` +
              `written and fails if the grant does not exist yet. Add it to the notification's \`dependsOn\`. ${DOCS.grants}`,
            notification.urn,
          );
        }
      }
    }
  },
};

export const s3DestinationGrantExternal: StackValidationPolicy = {
  name: "s3-destination-grant-external",
  description: "Flags notification destinations outside the stack, whose grants cannot be checked.",
  enforcementLevel: "advisory",
  validateStack: (args, report) => {
    const graph = new StackGraph(args.resources);
    for (const notification of graph.ofType(TYPES.notification)) {
      for (const kind of graph.namesOutsideDestinations(notification)) {
        report(
          `${label(notification)} sends to a ${kind} outside this stack, whose grant cannot be checked here; make sure it allows ` +
            `${S3} only with aws:SourceArn = the bucket and aws:SourceAccount = its owner. ${DOCS.grants}`,
          notification.urn,
        );
      }
    }
  },
};

/** Why a destination may lose events: undefined when every failure path ends in a DLQ. */
function missingDeadLetter(graph: StackGraph, { kind, resource }: Destination, deadLetterQueues: Set<string>): string | undefined {
  switch (kind) {
    case "sqs": {
      if (deadLetterQueues.has(resource.urn) || dependsThrough(resource, "redrivePolicy", [TYPES.queue])) return undefined;
      if (graph.referencing(resource, TYPES.redrivePolicy, "queueUrl").length > 0 || isSet(resource.props.redrivePolicy)) return undefined;
      return "has no redrive policy, so messages its consumer keeps failing on are retried until they expire. Add a `redrivePolicy` to a dead-letter queue";
    }
    case "lambda": {
      const configs = graph.referencing(resource, TYPES.invokeConfig, "functionName");
      const onFailure = configs.some((c) => {
        const config = c.props.destinationConfig as { onFailure?: { destination?: unknown } } | undefined;
        return dependsThrough(c, "destinationConfig", [TYPES.queue, TYPES.topic, TYPES.function]) || isSet(config?.onFailure?.destination);
      });
      if (onFailure || dependsThrough(resource, "deadLetterConfig", [TYPES.queue, TYPES.topic])) return undefined;
      if (isSet((resource.props.deadLetterConfig as { targetArn?: unknown } | undefined)?.targetArn)) return undefined;
      return "has no on-failure destination or dead-letter config, so events still failing after Lambda's retries are dropped. Add an `aws.lambda.FunctionEventInvokeConfig` with `destinationConfig.onFailure`";
    }
    case "sns": {
      const bare = graph
        .referencing(resource, TYPES.subscription, "topic")
        .filter((s) => !dependsThrough(s, "redrivePolicy", [TYPES.queue]) && !isSet(s.props.redrivePolicy));
      return bare.length === 0
        ? undefined
        : `has subscriptions without a redrive policy (${bare.map((s) => `\`${s.name}\``).join(", ")}), so messages SNS cannot deliver are lost. Give each a \`redrivePolicy\` to an SQS dead-letter queue`;
    }
  }
}

export const s3DestinationHasDlq: StackValidationPolicy = {
  name: "s3-destination-has-dlq",
  description: "Checks whether every failure path after a notification ends in a dead-letter queue.",
  enforcementLevel: "mandatory",
  validateStack: (args, report) => {
    const graph = new StackGraph(args.resources);
    const deadLetterQueues = graph.deadLetterQueues();
    const seen = new Set<string>();
    const notifications = graph.ofType(TYPES.notification);
    for (const notification of notifications) {
      for (const destination of graph.destinations(notification)) {
        if (seen.has(destination.resource.urn)) continue;
        seen.add(destination.resource.urn);
        const why = missingDeadLetter(graph, destination, deadLetterQueues);
        if (why) report(`${label(destination.resource)}, a destination of ${label(notification)}, ${why}. ${DOCS.dlq}`, destination.resource.urn);
      }
    }
    if (!notifications.some((n) => n.props.eventbridge === true)) return;
    for (const target of graph.ofType(TYPES.eventTarget)) {
      if (dependsThrough(target, "deadLetterConfig", [TYPES.queue])) continue;
      const rule = (target.propertyDependencies.rule ?? []).find((d) => d.type === TYPES.eventRule);
      if (!rule || !String(rule.props.eventPattern ?? "").includes("aws.s3")) continue;
      if (isSet((target.props.deadLetterConfig as { arn?: unknown } | undefined)?.arn)) continue;
      report(
        `${label(target)} receives S3 events from EventBridge but has no \`deadLetterConfig\`, so events it cannot deliver after ` +
          `retries are dropped. Add a dead-letter queue. https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html`,
        target.urn,
      );
    }
  },
};

const AWS_MANAGED_KEY = /(^|[:/])alias\/aws\/(sqs|sns)$/;

export const s3DestinationEncryptionUsable: StackValidationPolicy = {
  name: "s3-destination-encryption-usable",
  description: "Checks whether queues and topics S3 sends to avoid the AWS-managed keys, whose policies cannot grant S3.",
  enforcementLevel: "mandatory",
  validateStack: (args, report) => {
    const graph = new StackGraph(args.resources);
    for (const notification of graph.ofType(TYPES.notification)) {
      for (const { kind, resource } of graph.destinations(notification)) {
        if (kind === "lambda") continue;
        const fifo = kind === "sqs" ? resource.props.fifoQueue : resource.props.fifoTopic;
        if (fifo === true) {
          report(`${label(notification)} sends to FIFO ${label(resource)}, but S3 sends only to standard queues and topics. ${DOCS.eventTypes}`, notification.urn);
        }
        const key = resource.props.kmsMasterKeyId;
        if (typeof key === "string" && AWS_MANAGED_KEY.test(key)) {
          report(
            `${label(resource)} receives S3 events but is encrypted with the AWS-managed key \`${key}\`, whose policy cannot grant S3, ` +
              `so every delivery fails. Use SSE-SQS or a customer-managed key that grants ${S3}. ${DOCS.grants}`,
            resource.urn,
          );
        }
      }
    }
  },
};

/** IAM wildcard matching: `*` any run of characters, `?` one. */
export function iamPatternMatches(pattern: string, value: string): boolean {
  const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`);
  return regex.test(value);
}

const WRITES = ["s3:PutObject", "s3:CopyObject", "s3:CompleteMultipartUpload"];
const BROAD_MANAGED = /:policy\/(AmazonS3FullAccess|AdministratorAccess|PowerUserAccess)$/;

/** True when a policy document allows writing the object ARN. */
function allowsWrite(policy: unknown, objectArn: string): boolean {
  return (statementsOf(policy) ?? []).some((s) => {
    if (s.Effect !== "Allow") return false;
    const actions = [s.Action].flat().filter((a): a is string => typeof a === "string");
    const resources = [s.Resource].flat().filter((r): r is string => typeof r === "string");
    return actions.some((a) => WRITES.some((w) => iamPatternMatches(a.toLowerCase(), w.toLowerCase()))) && resources.some((r) => iamPatternMatches(r, objectArn));
  });
}

function reportRecursion(graph: StackGraph, notification: PolicyResource, report: ReportViolation): void {
  const rules = (notificationRules(notification.type, notification.props as Record<string, unknown>) ?? []).filter((r) => r.kind === "lambda");
  if (rules.length === 0) return;
  for (const { kind, resource: fn } of graph.destinations(notification)) {
    if (kind !== "lambda") continue;
    const role = (fn.propertyDependencies.role ?? []).find((d) => d.type === TYPES.role);
    if (!role) continue;
    const attachments = graph.referencing(role, TYPES.rolePolicyAttachment, "role");
    const inline = graph.referencing(role, TYPES.rolePolicy, "role");
    const broad = attachments.find((a) => typeof a.props.policyArn === "string" && BROAD_MANAGED.test(a.props.policyArn));
    // Read last: the bucket name and policy documents may be unknown during a preview.
    const bucket = String(notification.props.bucket);
    for (const rule of rules) {
      const key = `${rule.filter.prefix}example${rule.filter.suffix}`;
      const objectArn = `arn:aws:s3:::${bucket}/${key}`;
      const documents = [
        ...inline.map((p) => p.props.policy),
        ...attachments.flatMap((a) => (a.propertyDependencies.policyArn ?? []).filter((d) => d.type === TYPES.iamPolicy).map((p) => p.props.policy)),
      ];
      if (broad || documents.some((d) => allowsWrite(d, objectArn))) {
        report(
          `${label(fn)} is invoked by rule \`${rule.id}\` of ${label(notification)} and its role may write \`${key}\` to the same ` +
            `bucket, which would invoke it again, without end. Write to another bucket or a prefix the rule does not match. ` +
            `https://docs.aws.amazon.com/lambda/latest/dg/with-s3.html`,
          fn.urn,
        );
      }
    }
  }
}

export const s3NotificationRecursion: StackValidationPolicy = {
  name: "s3-notification-recursion",
  description: "Flags a Lambda destination whose role may write objects that trigger it again.",
  enforcementLevel: "advisory",
  validateStack: (args, report) => {
    const graph = new StackGraph(args.resources);
    for (const notification of graph.ofType(TYPES.notification)) reportRecursion(graph, notification, report);
  },
};
