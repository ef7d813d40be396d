import type { PolicyResource, ReportViolation, StackValidationPolicy } from "@pulumi/policy";
import { readDocument } from "../grants/documents";
import { admitsDelivery } from "../grants/judgements";
import { bucketArn, namedAccounts } from "../grants/s3Requests";
import { bucketOf } from "../resources/buckets";
import { partitionOfArn } from "../resources/partitions";
import { destinationTypes } from "../resources/destinations";
import { s3EventTargets } from "../resources/eventTargets";
import { judgeEventBridgeTargets } from "./eventBridgeTargetGrants";
import { GRANT_TYPES, grantDocument } from "../resources/grantResources";
import { Routes, type Route } from "../resources/routes";
import { StackGraph, TYPES } from "../resources/stackGraph";
import { isUnknown, JudgedAtUpdate, known, peek, UNKNOWN, unknownAt } from "../resources/unknowns";
import { DLQ_DOCS, DOCS, ENCRYPTION_DOCS, GRANT_DOCS } from "./docs";

const S3 = "s3.amazonaws.com";
const label = (r: PolicyResource) => `${r.type} \`${r.name}\``;
// A route outside the stack has the rules whose literal ARN names it.
const destinationLabel = (route: Route) => (route.resource ? label(route.resource) : `\`${known(() => route.rules[0].destinationArn()) ?? route.kind}\``);
const NOUN = { lambda: "function", sqs: "queue", sns: "topic" } as const;

/** Outputs hold computed fields even when unset (`""`, `[]`); a value counts only when it says something. */
export function isSet(value: unknown): boolean {
  if (value === undefined || value === null || value === "") return false;
  // An array's keys are its indexes.
  return typeof value !== "object" || Object.keys(value).length > 0;
}

/** True when `property` of `resource` depends on a resource of one of `types`: proof it is set, known in every preview. */
function dependsThrough(resource: PolicyResource, property: string, types: readonly string[]): boolean {
  // Stryker disable next-line ArrayDeclaration: equivalent, a dummy entry has no type, so it matches nothing, as no entry does.
  return (resource.propertyDependencies[property] ?? []).some((d) => types.includes(d.type));
}

/** True when the value `read` returns says something, or is unknown during preview (an Output that will). */
function setOrUnknown(read: () => unknown): boolean {
  try {
    return isSet(read());
  } catch (e) {
    // Stryker disable next-line ConditionalExpression: equivalent here, props throw only the SDK's unknown-value error.
    if (isUnknown(e)) return true;
    throw e;
  }
}

const dependsOn = (dependent: PolicyResource, dependency: PolicyResource) => dependent.dependencies.some((d) => d.urn === dependency.urn);

/**
 * Judges one route: is there a grant, does the notification wait for it, and does one of the
 * grants let S3 send from this notification's bucket to this destination?
 */
async function judgeGrant(routes: Routes, route: Route, report: ReportViolation, pending: JudgedAtUpdate): Promise<void> {
  const { notification, kind } = route;
  const where = `${label(notification)} sends to ${destinationLabel(route)}`;
  const grants = routes.grantsOf(route);
  if (grants.length === 0) {
    if (!route.resource) return; // outside the stack: s3-destination-grant-external
    // A grant whose target is unknown during preview may be this destination's: judged at update.
    const maybe = routes.unresolvedGrants(kind)[0];
    if (maybe) {
      pending.note(`whether ${label(maybe)} grants ${destinationLabel(route)}`, unknownAt(maybe.name, GRANT_TYPES[maybe.type].target!));
      return;
    }
    const what = kind === "lambda" ? `an aws.lambda.Permission for ${S3}` : `a ${NOUN[kind]} policy`;
    report(
      `${where}, which has no grant for S3 in this stack, so S3 rejects the configuration ("Unable to validate the following ` +
        `destination configurations"). Add ${what} scoped to the bucket. ${GRANT_DOCS[kind]}`,
      notification.urn,
    );
    return;
  }
  // Every grant but the destination's own `policy`, which exists with it.
  const separate = grants.filter((g) => g !== route.resource);
  if (separate.length === grants.length && !separate.some((g) => dependsOn(notification, g))) {
    report(
      `${label(notification)} must depend on ${label(separate[0])}, because S3 tests every destination when the configuration is ` +
        `written and fails if the grant does not exist yet. Add it to the notification's \`dependsOn\`. ${GRANT_DOCS[kind]}`,
      notification.urn,
    );
  }
  // The values below may be unknown during preview: the request S3 will make, and the documents.
  const what = `whether a grant lets ${label(notification)}'s bucket send to ${destinationLabel(route)}`;
  await pending.attemptAsync(what, async () => {
    const bucket = bucketOf(notification, routes.resources).name;
    const resourceArn = routes.arnOf(route);
    if (bucket === UNKNOWN) throw unknownAt(notification.type === "aws-native:s3:Bucket" ? "bucketName" : "bucket");
    // Only a destination of the stack has an ARN unknown during preview.
    if (resourceArn === UNKNOWN) throw unknownAt(route.resource!.name, "arn");
    if (bucket === undefined || resourceArn === undefined) return;
    // The bucket's owner is not in the notification: take the destination's account, or any account
    // a grant names (a bucket in another account than its destination). The bucket itself is exact.
    // A bucket notifies destinations of its own partition only: the destination's ARN gives it.
    const source = { bucketArn: bucketArn(bucket, partitionOfArn(resourceArn)), account: resourceArn.split(":")[4] };
    let delivery;
    for (const grant of grants) {
      const document = grantDocument(grant.type, grant.props as Record<string, unknown>, resourceArn, "wait");
      if (!document) continue;
      for (const account of new Set([source.account, ...namedAccounts(document)])) {
        const attempt = await admitsDelivery(document, kind, resourceArn, { ...source, account });
        if (attempt.allowed) return;
        delivery ??= attempt;
      }
    }
    if (!delivery) return;
    report(
      `${where}, but no grant of it lets in ${delivery.request} (${grants.map(label).join(", ")}: ` +
        `${delivery.verdict.outcome === "ExplicitlyDenied" ? `denied by ${delivery.verdict.statements.join(", ")}` : "no statement allows it"}), ` +
        `so S3 rejects the configuration. Grant ${S3} with \`aws:SourceArn\` = \`${source.bucketArn}\` and \`aws:SourceAccount\` = \`${source.account}\`. ${GRANT_DOCS[kind]}`,
      notification.urn,
    );
  });
}

export const s3DestinationGrantPresent: StackValidationPolicy = {
  name: "s3-destination-grant-present",
  description:
    "Checks whether a grant lets S3 send from each notification's bucket to each of its destinations, and the notification waits for that grant, " +
    "and whether a grant lets each EventBridge rule for S3 events deliver to its function, queue or topic.",
  enforcementLevel: "mandatory",
  validateStack: async (args, report) => {
    const routes = new Routes(args.resources);
    const pending = new JudgedAtUpdate();
    for (const notification of routes.notifications()) {
      for (const route of routes.routesOf(notification)) await judgeGrant(routes, route, report, pending);
    }
    await judgeEventBridgeTargets(routes, report, pending);
    pending.settle();
  },
};

/** True when a notification depends on a function, queue or topic (as `kind` says) of the stack. */
const dependsOnKind = (notification: PolicyResource, kind: "lambda" | "sqs" | "sns") =>
  Object.values(notification.propertyDependencies).some((deps) => deps.some((d) => destinationTypes(kind).includes(d.type)));

export const s3DestinationGrantExternal: StackValidationPolicy = {
  name: "s3-destination-grant-external",
  description: "Flags notification destinations outside the stack with no grant in it, whose grants cannot be checked.",
  enforcementLevel: "advisory",
  validateStack: (args, report) => {
    const routes = new Routes(args.resources);
    for (const notification of routes.notifications()) {
      const outside = routes.routesOf(notification).filter((r) => !r.resource && routes.grantsOf(r).length === 0);
      for (const route of outside) {
        report(
          `${label(notification)} sends to ${NOUN[route.kind]} ${destinationLabel(route)} outside this stack, whose grant cannot be checked here; make sure it allows ` +
            `${S3} only with aws:SourceArn = the bucket and aws:SourceAccount = its owner. ${GRANT_DOCS[route.kind]}`,
          notification.urn,
        );
      }
      // Rules whose ARNs are unknown, with no dependency on a destination of their kind in the stack.
      const unknownKinds = new Set(routes.rulesOf(notification)!.rules.filter((rule) => typeof known(rule.destinationArn) !== "string").map((rule) => rule.kind));
      for (const kind of unknownKinds) {
        if (dependsOnKind(notification, kind)) continue;
        report(
          `${label(notification)} sends to a ${NOUN[kind]} outside this stack, whose grant cannot be checked here; make sure it allows ` +
            `${S3} only with aws:SourceArn = the bucket and aws:SourceAccount = its owner. ${GRANT_DOCS[kind]}`,
          notification.urn,
        );
      }
    }
  },
};

const FUNCTION_TYPES = ["aws:lambda/function:Function", "aws-native:lambda:Function"];
const QUEUE_TYPES = ["aws:sqs/queue:Queue", "aws-native:sqs:Queue"];
const TOPIC_TYPES = ["aws:sns/topic:Topic", "aws-native:sns:Topic"];
const INVOKE_CONFIG_TYPES = [TYPES.invokeConfig, "aws-native:lambda:EventInvokeConfig"];

/** Why a destination may lose events: undefined when every failure path ends in a DLQ. */
function missingDeadLetter(graph: StackGraph, { kind, resource }: Pick<Route, "kind"> & { resource: PolicyResource }, deadLetterQueues: Set<string>): string | undefined {
  const props = resource.props as Record<string, unknown>;
  switch (kind) {
    case "sqs": {
      if (deadLetterQueues.has(resource.urn) || dependsThrough(resource, "redrivePolicy", QUEUE_TYPES)) return undefined;
      if (graph.referencing(resource, TYPES.redrivePolicy, "queueUrl").length > 0 || setOrUnknown(() => props.redrivePolicy)) return undefined;
      return "has no redrive policy, so messages its consumer keeps failing on are retried until they expire. Add a `redrivePolicy` to a dead-letter queue";
    }
    case "lambda": {
      const configs = INVOKE_CONFIG_TYPES.flatMap((t) => graph.referencing(resource, t, "functionName"));
      const onFailure = configs.some((c) => {
        if (dependsThrough(c, "destinationConfig", [...QUEUE_TYPES, ...TOPIC_TYPES, ...FUNCTION_TYPES])) return true;
        return setOrUnknown(() => (c.props.destinationConfig as { onFailure?: { destination?: unknown } } | undefined)?.onFailure?.destination);
      });
      if (onFailure || dependsThrough(resource, "deadLetterConfig", [...QUEUE_TYPES, ...TOPIC_TYPES])) return undefined;
      if (setOrUnknown(() => (props.deadLetterConfig as { targetArn?: unknown } | undefined)?.targetArn)) return undefined;
      return "has no on-failure destination or dead-letter config, so events still failing after Lambda's retries are dropped. Add an `aws.lambda.FunctionEventInvokeConfig` with `destinationConfig.onFailure`";
    }
    case "sns": {
      const bare = graph
        .referencing(resource, TYPES.subscription, "topic")
        .filter((s) => !dependsThrough(s, "redrivePolicy", QUEUE_TYPES) && !setOrUnknown(() => s.props.redrivePolicy));
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
    const routes = new Routes(args.resources);
    const graph = new StackGraph(args.resources);
    const deadLetterQueues = graph.deadLetterQueues();
    const seen = new Set<string>();
    const notifications = routes.notifications();
    // What S3 events reach, and how it reads in a message, for the function subscribers of the
    // topics among it below (only a topic has subscriptions).
    // Stryker disable next-line ArrayDeclaration: equivalent, a dummy entry is no topic, so nothing subscribes to it.
    const reached: [PolicyResource, string][] = [];
    for (const notification of notifications) {
      for (const route of routes.routesOf(notification)) {
        const resource = route.resource;
        if (!resource || seen.has(resource.urn)) continue;
        seen.add(resource.urn);
        reached.push([resource, `${label(resource)}, a destination of ${label(notification)}`]);
        const why = missingDeadLetter(graph, { ...route, resource }, deadLetterQueues);
        if (why) report(`${label(resource)}, a destination of ${label(notification)}, ${why}. ${DLQ_DOCS[route.kind]}`, resource.urn);
      }
    }
    for (const s3Target of s3EventTargets(args.resources, notifications)) {
      // A queue, topic or function the rule delivers to keeps failing events only with a DLQ of its
      // own, as when S3 sends to it: EventBridge invokes a function asynchronously, and Lambda drops
      // what still fails after its retries. https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html
      for (const [kind, types] of [["sqs", QUEUE_TYPES], ["sns", TOPIC_TYPES], ["lambda", FUNCTION_TYPES]] as const) {
        const delivered = s3Target.arnDependencies.find((d) => types.includes(d.type));
        if (!delivered || seen.has(delivered.urn)) continue;
        seen.add(delivered.urn);
        reached.push([delivered, `${label(delivered)}, the target of EventBridge ${s3Target.label} for S3 events`]);
        const why = missingDeadLetter(graph, { kind, resource: delivered }, deadLetterQueues);
        if (why) report(`${label(delivered)}, the target of EventBridge ${s3Target.label} for S3 events, ${why}. ${DLQ_DOCS[kind]}`, delivered.urn);
      }
      if (s3Target.deadLettered) continue;
      report(
        `${s3Target.label} receives S3 events from EventBridge but has no \`deadLetterConfig\`, so events it cannot deliver after ` +
          `retries are dropped. Add a dead-letter queue. ${DOCS.eventBridgeDlq}`,
        s3Target.target.urn,
      );
    }
    // SNS invokes a function subscriber asynchronously: the subscription's redrive policy keeps what
    // SNS cannot deliver, and only the function's on-failure destination what it fails on after
    // Lambda's retries. https://docs.aws.amazon.com/sns/latest/dg/sns-lambda-as-subscriber.html
    for (const [topic, where] of reached) {
      for (const subscription of graph.referencing(topic, TYPES.subscription, "topic")) {
        // Stryker disable next-line ArrayDeclaration: equivalent, a dummy entry has no type, so it is no function, as no entry is.
        const fn = (subscription.propertyDependencies.endpoint ?? []).find((d) => FUNCTION_TYPES.includes(d.type));
        if (!fn || seen.has(fn.urn)) continue;
        seen.add(fn.urn);
        const why = missingDeadLetter(graph, { kind: "lambda", resource: fn }, deadLetterQueues);
        if (why) report(`${label(fn)}, subscribed by ${label(subscription)} to ${where}, ${why}. ${DLQ_DOCS.lambda}`, fn.urn);
      }
    }
  },
};

const AWS_MANAGED_KEY = /(^|[:/])alias\/aws\/(sqs|sns)$/;

export const s3DestinationEncryptionUsable: StackValidationPolicy = {
  name: "s3-destination-encryption-usable",
  description:
    "Checks whether queues and topics S3 sends to avoid the AWS-managed keys, whose policies cannot grant S3, and are standard when their ARNs cannot show it.",
  enforcementLevel: "mandatory",
  validateStack: (args, report) => {
    const routes = new Routes(args.resources);
    const seen = new Set<string>();
    for (const notification of routes.notifications()) {
      for (const route of routes.routesOf(notification)) {
        const { kind, resource } = route;
        if (kind === "lambda" || !resource) continue;
        // A known ARN ending in `.fifo` is s3-destination-compatible's to report: one fault, one report.
        if (!route.ref && peek(resource.props, kind === "sqs" ? "fifoQueue" : "fifoTopic") === true) {
          report(`${label(notification)} sends to FIFO ${label(resource)}, but S3 sends only to standard queues and topics. ${DOCS.eventTypes}`, notification.urn);
        }
        if (seen.has(resource.urn)) continue;
        seen.add(resource.urn);
        const key = peek(resource.props, "kmsMasterKeyId");
        if (typeof key === "string" && AWS_MANAGED_KEY.test(key)) {
          report(
            `${label(resource)} receives S3 events but is encrypted with the AWS-managed key \`${key}\`, whose policy cannot grant S3, ` +
              `so every delivery fails. Use ${kind === "sqs" ? "SSE-SQS or " : ""}a customer-managed key that grants ${S3}. ${ENCRYPTION_DOCS[kind]}`,
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
/**
 * AWS managed policies that allow `s3:PutObject` on every bucket: `AWSLambdaExecute` (s3:PutObject
 * on arn:aws:s3:::*), `AmazonS3FullAccess` (s3:*), `AWSLambda_FullAccess`'s predecessor
 * `AWSLambdaFullAccess` (s3:*), `AdministratorAccess`, `PowerUserAccess`.
 * https://docs.aws.amazon.com/aws-managed-policy/latest/reference/policy-list.html
 */
export const BROAD_MANAGED = /^arn:aws[a-z-]*:iam::aws:policy\/(?:[\w+=,.@-]+\/)*(AmazonS3FullAccess|AWSLambdaExecute|AWSLambdaFullAccess|AdministratorAccess|PowerUserAccess)$/;

/** True when a policy document allows writing the object ARN. */
function allowsWrite(policy: unknown, objectArn: string): boolean {
  // Stryker disable next-line ArrayDeclaration: equivalent, a dummy statement allows nothing, as no statement does.
  return (readDocument(policy)?.Statement ?? []).some((s) => {
    if (s.Effect !== "Allow") return false;
    const actions = [s.Action].flat().filter((a): a is string => typeof a === "string");
    const resources = [s.Resource].flat().filter((r): r is string => typeof r === "string");
    return actions.some((a) => WRITES.some((w) => iamPatternMatches(a.toLowerCase(), w.toLowerCase()))) && resources.some((r) => iamPatternMatches(r, objectArn));
  });
}

/** The managed policy ARNs and policy documents a role carries, through attachments and its own fields. */
function rolePolicies(graph: StackGraph, role: PolicyResource): { managed: string[]; documents: unknown[] } {
  const attachments = graph.referencing(role, TYPES.rolePolicyAttachment, "role");
  const arns = [...attachments.map((a) => peek(a.props, "policyArn")), ...[known(() => role.props.managedPolicyArns)].flat()];
  // Stryker disable next-line MethodExpression,ConditionalExpression: equivalent, what is not text never matches BROAD_MANAGED.
  const managed = arns.filter((a): a is string => typeof a === "string");
  const documents = [
    ...graph.referencing(role, TYPES.rolePolicy, "role").map((p) => p.props.policy),
    // Stryker disable next-line ArrayDeclaration: equivalent, a dummy entry has no type, so it matches nothing, as no entry does.
    ...attachments.flatMap((a) => (a.propertyDependencies.policyArn ?? []).filter((d) => d.type === TYPES.iamPolicy).map((p) => p.props.policy)),
    ...[known(() => role.props.inlinePolicies)].flat().map((p) => (p as { policy?: unknown } | undefined)?.policy),
  ];
  return { managed, documents };
}

function judgeRecursion(graph: StackGraph, routes: Routes, route: Route, report: ReportViolation, pending: JudgedAtUpdate): void {
  const { notification, resource: fn } = route;
  if (route.kind !== "lambda" || !fn) return;
  // Stryker disable next-line ArrayDeclaration: equivalent, a dummy entry has no type, so it matches nothing, as no entry does.
  const role = (fn.propertyDependencies.role ?? []).find((d) => d.type === TYPES.role);
  if (!role) return;
  if (route.unpaired && route.unpaired.length > 0) {
    // Several functions and rules with unknown ARNs: which rule invokes this one is known at update.
    pending.note(`which rule of ${label(notification)} invokes ${label(fn)}`, unknownAt("lambdaFunctionArn"));
    return;
  }
  if (route.rules.length === 0) return;
  pending.attempt(`whether ${label(fn)} writes keys that invoke it again`, () => {
    const { managed, documents } = rolePolicies(graph, role);
    const broad = managed.find((a) => BROAD_MANAGED.test(a));
    const bucket = bucketOf(notification, routes.resources).name;
    if (bucket === UNKNOWN) throw unknownAt("bucket");
    if (bucket === undefined) return;
    // The function's partition is its bucket's; the commercial one until its ARN is known.
    const fnArn = routes.arnOf(route);
    const partition = typeof fnArn === "string" ? partitionOfArn(fnArn) : "aws";
    for (const rule of route.rules) {
      const key = `${rule.filter.prefix}example${rule.filter.suffix}`;
      const objectArn = `${bucketArn(bucket, partition)}/${key}`;
      if (broad || documents.some((d) => allowsWrite(d, objectArn))) {
        report(
          `${label(fn)} is invoked by rule \`${rule.id}\` of ${label(notification)} and its role may write \`${key}\` to the same ` +
            `bucket${broad ? ` (through \`${broad}\`)` : ""}, which would invoke it again, without end. Write to another bucket or a prefix the rule does not match. ` +
            `${DOCS.recursion}`,
          fn.urn,
        );
      }
    }
  });
}

export const s3NotificationRecursion: StackValidationPolicy = {
  name: "s3-notification-recursion",
  description: "Flags a Lambda destination whose role may write objects that trigger it again.",
  enforcementLevel: "advisory",
  validateStack: (args, report) => {
    const graph = new StackGraph(args.resources);
    const routes = new Routes(args.resources);
    const pending = new JudgedAtUpdate();
    for (const notification of routes.notifications()) {
      for (const route of routes.routesOf(notification)) judgeRecursion(graph, routes, route, report, pending);
    }
    pending.settle();
  },
};
