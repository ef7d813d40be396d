import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { childName, nameCollisions, TYPES, type NameJoin, type PlannedOwner } from "./childNames";
import { deliveryFor, destinationField, destinationType, type Destination } from "./destinations/choice";
import type { BindContext, DestinationBinding, DestinationKind, NotificationDestination, Route, SourceBucket } from "./destinations/destination";
import { DestinationOwner } from "./destinations/owner";
import { FAILURE_HANDLING_DEFAULTS, type DeadLetterQueue, type FailureHandling, type FailureHandlingArgs } from "./failureHandling";
import { aliasFormerChildren, FORMER_TYPE, formerAlias, formerJoin, formerNames } from "./formerTree";
import { GrantBook } from "./grants";
import { timelineFindings, type TimelineSetting } from "../policies/timeline";
import { wholeNumberProblems } from "./limits";
import { bucketFrom, parseArn, type BucketRef, type BucketSource } from "./references";
import { formatProblems, regionProblems, ruleFilter, validateRouting, type NotificationRule, type RoutingProblem } from "./routing";

export interface BucketNotificationsArgs extends FailureHandlingArgs {
  /** The source buckets, keyed by the name rules use: each a bucket of this program (`bucket`) or an existing one (`bucketName`). */
  readonly buckets: Record<string, BucketSource>;
  /** The destinations, keyed by the name rules use: each exactly one of `lambda`, `sqs`, `sns` or `eventBridge`. */
  readonly destinations: Record<string, Destination>;
  /**
   * The routing rules. Plain values, not Inputs: they are validated (events, filters, overlaps)
   * before any resource is registered.
   */
  readonly rules: NotificationRule[];
}

/**
 * Owns the notifications of a set of buckets: exactly one `aws.s3.BucketNotification` per bucket
 * (each PUT replaces the bucket's whole configuration) and exactly one policy per queue or topic
 * (each replaces the whole policy), because it sees the whole routing graph at once. Each
 * destination is a component of its own under it, holding what it creates.
 */
export class BucketNotifications extends pulumi.ComponentResource {
  /** One notification per source bucket with rules, keyed like `buckets`. */
  public readonly notifications: Record<string, aws.s3.BucketNotification>;
  /** Every dead-letter queue, keyed by its resource name. */
  public readonly deadLetterQueues: Record<string, aws.sqs.Queue>;
  /** The queues the component created for SQS destinations, keyed by destination. */
  public readonly queues: Record<string, aws.sqs.Queue>;
  /** The topics the component created for SNS destinations, keyed by destination. */
  public readonly topics: Record<string, aws.sns.Topic>;

  constructor(name: string, args: BucketNotificationsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("s3-events:index:BucketNotifications", name, {}, { ...opts, aliases: [...(opts?.aliases ?? []), { type: FORMER_TYPE }] });
    const failure: FailureHandling = { ...FAILURE_HANDLING_DEFAULTS, ...withoutUndefined(args) };

    // Plain data first: which bucket and which destination each key names, or why it names none.
    const problems: RoutingProblem[] = [];
    const buckets: Record<string, BucketRef> = {};
    for (const [key, source] of Object.entries(args.buckets ?? {})) {
      const b = bucketFrom(`buckets.${key}`, source ?? {});
      problems.push(...b.problems);
      if (b.ref) buckets[key] = b.ref;
    }
    const destinations: Record<string, NotificationDestination> = {};
    const kinds: Record<string, { kind: DestinationKind | undefined; validate: NotificationDestination["validate"] }> = {};
    for (const [key, destination] of Object.entries(args.destinations ?? {})) {
      const d = deliveryFor(key, destination);
      problems.push(...d.problems.map((p) => ({ destination: key, ...p })));
      if (d.delivery) destinations[key] = d.delivery;
      kinds[key] = d.delivery ?? { kind: d.kind, validate: () => [] };
    }
    const rules = args.rules ?? [];

    const bucketKeys = Object.keys(args.buckets ?? {});
    problems.push(
      ...validateRouting({
        bucketKeys,
        destinations: kinds,
        rules,
        bucketRegions: Object.fromEntries(Object.entries(buckets).map(([k, ref]) => [k, literalBucketRegion(ref)])),
        destinationRegions: Object.fromEntries(
          Object.entries(destinations).map(([k, d]) => [k, d.literalArn ? parseArn(d.literalArn)?.region : undefined]),
        ),
      }),
    );
    const failureProblems = validateFailureHandling(failure);
    problems.push(...failureProblems);
    if (failureProblems.length === 0) problems.push(...timelineProblems(name, destinations, failure));
    const planned = plannedChildren(name, rules, destinations);
    problems.push(...nameCollisions(planned));
    if (problems.length > 0) throw new pulumi.ResourceError(formatProblems(name, problems), this);
    // Stacks deployed with the former flat tree update in place: each child aliases its former URN.
    const former = formerNames(planned, plannedChildren(name, rules, destinations, formerJoin));

    const identity = aws.getCallerIdentityOutput({}, { parent: this });
    const partition = aws.getPartitionOutput({}, { parent: this }).partition;
    const sources = Object.fromEntries(
      bucketKeys.map((key) => [key, resolveBucket(key, buckets[key], identity.accountId, partition)]),
    );

    const grants = new GrantBook();
    const bindings: Record<string, DestinationBinding> = {};
    const owners: Record<string, DestinationOwner> = {};
    for (const [key, destination] of Object.entries(destinations)) {
      const routes: Route[] = rules
        .filter((r) => r.destination === key)
        .map((r) => ({ ruleId: r.id, bucket: sources[r.bucket], events: r.events, filter: ruleFilter(r) }));
      const scope = destinationScope(name, key);
      owners[key] = new DestinationOwner(destinationType(destination.kind), scope, { parent: this, transformations: [aliasFormerChildren(former, this)] });
      const ctx: BindContext = {
        name: scope,
        parent: owners[key],
        routes,
        sources: [...new Set(routes.map((r) => r.bucket))],
        accountId: identity.accountId,
        partition,
        failure,
        grants,
      };
      bindings[key] = destination.bind(ctx);
    }
    grants.createPolicies();
    for (const [key, owner] of Object.entries(owners)) {
      const b = bindings[key];
      owner.complete({ arn: b.arn, deadLetterQueueUrls: Object.fromEntries(b.deadLetterQueues.map((d) => [d.name, d.queue.url])) });
    }

    const { checksFor, checks } = this.deployChecks(name, destinations, rules, sources, failure);
    const notifications: Record<string, aws.s3.BucketNotification> = {};
    for (const key of bucketKeys) {
      const bucketRules = rules.filter((r) => r.bucket === key);
      if (bucketRules.length === 0) continue;
      const used = [...new Set(bucketRules.map((r) => r.destination))];
      const entries = (kind: string) =>
        bucketRules
          .filter((r) => destinations[r.destination].kind === kind)
          .map((r) => ({
            id: r.id,
            events: [...r.events],
            filterPrefix: r.filter?.prefix,
            filterSuffix: r.filter?.suffix,
            arn: bindings[r.destination].arn as pulumi.Output<string>,
          }));
      const lambdaFunctions = entries("lambda").map(({ arn, ...e }) => ({ ...e, lambdaFunctionArn: arn }));
      const queues = entries("sqs").map(({ arn, ...e }) => ({ ...e, queueArn: arn }));
      const topics = entries("sns").map(({ arn, ...e }) => ({ ...e, topicArn: arn }));
      const eventbridge = bucketRules.some((r) => destinations[r.destination].kind === "eventbridge");
      const notificationAlias = formerAlias(former, this, TYPES.notification, notificationName(name, key));
      notifications[key] = new aws.s3.BucketNotification(
        notificationName(name, key),
        {
          // Waits for the checks of this bucket's rules that need deploy-time values: a failing one stops it.
          bucket: pulumi.all<unknown>([sources[key].name, ...checksFor(key, used)]).apply(([bucket]) => bucket as string),
          lambdaFunctions: lambdaFunctions.length ? lambdaFunctions : undefined,
          queues: queues.length ? queues : undefined,
          topics: topics.length ? topics : undefined,
          eventbridge: eventbridge || undefined,
        },
        {
          parent: this,
          aliases: notificationAlias && [notificationAlias],
          // S3 sends a test event to every destination on each PUT: every grant must exist first.
          dependsOn: used.flatMap((d) => [
            ...bindings[d].dependencies,
            ...(bindings[d].sourceDependencies?.[key] ?? []),
            ...bindings[d].grantKeys.map((g) => grants.policyFor(g)),
          ]),
        },
      );
    }

    const dlqs: DeadLetterQueue[] = Object.values(bindings).flatMap((b) => b.deadLetterQueues);
    const created = <T>(pick: (b: DestinationBinding) => T | undefined) =>
      Object.fromEntries(Object.entries(bindings).flatMap(([k, b]) => (pick(b) === undefined ? [] : [[k, pick(b)!]])));
    this.notifications = notifications;
    this.deadLetterQueues = Object.fromEntries(dlqs.map((d) => [d.name, d.queue]));
    this.queues = created((b) => b.queue);
    this.topics = created((b) => b.topic);
    this.registerOutputs({
      notifications: this.notifications,
      deadLetterQueues: this.deadLetterQueues,
      queues: this.queues,
      topics: this.topics,
      deployChecks: checks,
    });
  }

  /**
   * Checks of values known only at deploy. Each check throws its own error when it fails and is
   * surfaced through `registerOutputs`, so a preview fails on every check whose values are known
   * even when others are not. `checksFor` lists the checks one bucket's notification waits for:
   * only its own rules' and destinations' (all of them would tie every notification to every bucket).
   */
  private deployChecks(
    name: string,
    destinations: Readonly<Record<string, NotificationDestination>>,
    rules: readonly NotificationRule[],
    sources: Readonly<Record<string, SourceBucket & { region: pulumi.Output<string | undefined> }>>,
    failure: FailureHandling,
  ): { checksFor: (bucket: string, destinations: readonly string[]) => pulumi.Output<true>[]; checks: pulumi.Output<true>[] } {
    const check = (problems: pulumi.Output<RoutingProblem[]>) =>
      problems.apply((ps) => {
        if (ps.length > 0) throw new pulumi.ResourceError(formatProblems(name, ps), this);
        return true as const;
      });
    const byDestination: Record<string, pulumi.Output<true>[]> = {};
    const byBucket: Record<string, pulumi.Output<true>[]> = {};
    for (const [key, destination] of Object.entries(destinations)) {
      const at = `destinations.${key}.${destinationField(destination.kind)}`;
      byDestination[key] = destination
        .validateAtDeploy(failure)
        .map((c) => check(c.apply((ps) => ps.map((p) => ({ destination: key, field: `${at}.${p.field}`, message: p.message })))));
      const region = destination.region;
      // Stryker disable next-line ConditionalExpression: equivalent, with no destination region `regionProblems` finds nothing; this only spares the checks.
      if (!region) continue;
      rules.forEach((rule, i) => {
        if (rule.destination !== key) return;
        // Stryker disable next-line ArrayDeclaration: equivalent, a plain value among the checks a notification waits for changes nothing it waits for.
        (byBucket[rule.bucket] ??= []).push(
          check(
            pulumi.all([region, sources[rule.bucket].region]).apply(([destinationRegion, bucketRegion]) =>
              regionProblems(rule, i, bucketRegion, destinationRegion),
            ),
          ),
        );
      });
    }
    return {
      // Stryker disable next-line ArrayDeclaration: equivalent, a plain value among the checks a notification waits for changes nothing it waits for.
      checksFor: (bucket, destinations) => [...destinations.flatMap((d) => byDestination[d]), ...(byBucket[bucket] ?? [])],
      checks: [...Object.values(byDestination), ...Object.values(byBucket)].flat(),
    };
  }
}

/** The name of a destination's component, and the base of its children's names. */
export const destinationScope = (component: string, destination: string, join: NameJoin = childName) => join(component, destination);
/** The name of a bucket's notification. */
export const notificationName = (component: string, bucket: string, join: NameJoin = childName) => join(component, bucket);

/**
 * Every child the args will make the component register, by owner, before anything registers;
 * with `formerJoin`, the names the same children had in the former flat tree.
 */
export function plannedChildren(
  name: string,
  rules: readonly NotificationRule[],
  destinations: Readonly<Record<string, NotificationDestination>>,
  join: NameJoin = childName,
): PlannedOwner[] {
  const buckets: PlannedOwner[] = [...new Set(rules.map((r) => r.bucket))].map((bucket) => ({
    label: `bucket \`${bucket}\``,
    children: [{ type: TYPES.notification, name: notificationName(name, bucket, join) }],
  }));
  const owners = Object.entries(destinations).map(([key, destination]): PlannedOwner => {
    const routed = rules.filter((r) => r.destination === key);
    const scope = destinationScope(name, key, join);
    return {
      label: `destination \`${key}\``,
      children: [
        { type: destinationType(destination.kind), name: scope },
        ...destination.childNames(scope, {
          sourceKeys: [...new Set(routed.map((r) => r.bucket))],
          ruleIds: routed.map((r) => r.id),
          join,
        }),
      ],
    };
  });
  return [...buckets, ...owners];
}

function literalBucketRegion(ref: BucketRef): string | undefined {
  // A bucket resource's region is an Output, known only at deploy, like any region given as one.
  return typeof ref.region === "string" ? ref.region : ref.region === undefined ? aws.config.region : undefined;
}

function resolveBucket(
  key: string,
  ref: BucketRef,
  deployingAccount: pulumi.Output<string>,
  partition: pulumi.Output<string>,
): SourceBucket & { region: pulumi.Output<string | undefined> } {
  const defaultRegion = aws.config.region ?? "";
  if (aws.s3.Bucket.isInstance(ref)) {
    return { key, name: ref.bucket, arn: ref.arn, accountId: deployingAccount, region: ref.region };
  }
  const name = pulumi.output(ref.name);
  return {
    key,
    name,
    arn: ref.arn === undefined ? pulumi.interpolate`arn:${partition}:s3:::${name}` : pulumi.output(ref.arn),
    accountId: ref.accountId === undefined ? deployingAccount : pulumi.output(ref.accountId),
    region: pulumi.output(ref.region ?? (defaultRegion || undefined)),
  };
}

function validateFailureHandling(failure: FailureHandling): RoutingProblem[] {
  return [
    ...wholeNumberProblems("deadLetterRetentionSeconds", failure.deadLetterRetentionSeconds, 60, 1_209_600, "a whole number from 60 to 1209600 (14 days)"),
    ...wholeNumberProblems("maxMessageAgeSeconds", failure.maxMessageAgeSeconds, 1, Number.MAX_SAFE_INTEGER, "a positive whole number"),
    ...wholeNumberProblems("responseWindowSeconds", failure.responseWindowSeconds, 0, Number.MAX_SAFE_INTEGER, "a whole number of seconds"),
  ];
}

/**
 * Every timeline rule each destination's failure paths break, with the component's field to
 * change: a DLQ that expires before its source, before the operator can act, and the like.
 */
function timelineProblems(
  component: string,
  destinations: Readonly<Record<string, NotificationDestination>>,
  failure: FailureHandling,
): RoutingProblem[] {
  // A destination whose own settings are out of range is reported for those alone.
  const valid = Object.entries(destinations).filter(([, d]) => d.validate().length === 0);
  return valid.flatMap(([key, destination]) =>
    destination.failurePaths(destinationScope(component, key), failure).flatMap((path) =>
      timelineFindings(path, failure.responseWindowSeconds).map((f) => ({
        destination: key,
        field: TIMELINE_FIELDS[f.setting].replace("<key>", `${key}.${destinationField(destination.kind)}`),
        // Stryker disable next-line OptionalChaining,StringLiteral: equivalent, every destination's failure path ends in a dead-letter queue of its own.
        message: `${path.stage.name} → ${path.deadLetter?.name ?? "nowhere"}: ${f.message} ${f.doc}`,
      })),
    ),
  );
}

/** The component field behind each timeline setting. */
const TIMELINE_FIELDS: Readonly<Record<TimelineSetting, string>> = {
  "deadLetter.retentionSeconds": "deadLetterRetentionSeconds",
  "deadLetter.alarm": "alarmTopicArn",
  "stage.retentionSeconds": "destinations.<key>.messageRetentionSeconds",
  "stage.visibilityTimeoutSeconds": "destinations.<key>.visibilityTimeoutSeconds",
  "stage.maxReceiveCount": "destinations.<key>.maxReceiveCount",
  "stage.consumer.reportBatchItemFailures": "destinations.<key>.consumer",
  "stage.maxEventAgeSeconds": "destinations.<key>.maximumEventAgeInSeconds",
  "stage.oldestMessageAlarm": "maxMessageAgeSeconds",
};

function withoutUndefined<T extends object>(args: T): Partial<T> {
  return Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined)) as Partial<T>;
}
