import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { BindContext, DestinationBinding, NotificationDestination, Route, SourceBucket } from "./destinations/destination";
import { nameCollisions, TYPES, type PlannedOwner } from "./childNames";
import { FAILURE_HANDLING_DEFAULTS, type DeadLetterQueue, type FailureHandling, type FailureHandlingArgs } from "./failureHandling";
import { GrantBook } from "./grants";
import { timelineFindings, type TimelineSetting } from "../policies/timeline";
import { wholeNumberProblems } from "./limits";
import { parseArn, type BucketRef } from "./references";
import { formatProblems, regionMessage, ruleFilter, validateRouting, type NotificationRuleArgs, type RoutingProblem } from "./routing";

export interface BucketNotificationsArgs extends FailureHandlingArgs {
  /** The source buckets, keyed by the name rules use: bucket resources, or existing buckets. */
  readonly buckets: Readonly<Record<string, BucketRef>>;
  /** The destinations, keyed by the name rules use. */
  readonly destinations: Readonly<Record<string, NotificationDestination>>;
  /**
   * The routing rules. Plain values, not Inputs: they are validated (events, filters, overlaps)
   * before any resource is registered.
   */
  readonly rules: readonly NotificationRuleArgs[];
}

/**
 * Owns the notifications of a set of buckets: exactly one `aws.s3.BucketNotification` per bucket
 * (each PUT replaces the bucket's whole configuration) and exactly one policy per queue or topic
 * (each replaces the whole policy), because it sees the whole routing graph at once.
 */
export class BucketNotifications extends pulumi.ComponentResource {
  /** One notification per source bucket, keyed like `buckets`. */
  public readonly notifications: Readonly<Record<string, aws.s3.BucketNotification>>;
  /** Every dead-letter queue, keyed by its resource name. */
  public readonly deadLetterQueues: Readonly<Record<string, aws.sqs.Queue>>;
  /** The queue and topic policies, one per queue or topic. */
  public readonly policies: readonly pulumi.CustomResource[];
  public readonly alarms: readonly aws.cloudwatch.MetricAlarm[];

  constructor(name: string, args: BucketNotificationsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("s3-events:notifications:BucketNotifications", name, {}, opts);
    const failure: FailureHandling = { ...FAILURE_HANDLING_DEFAULTS, ...withoutUndefined(args) };

    const bucketKeys = Object.keys(args.buckets);
    const problems = validateRouting({
      bucketKeys,
      destinations: args.destinations,
      rules: args.rules,
      bucketRegions: Object.fromEntries(bucketKeys.map((k) => [k, literalBucketRegion(args.buckets[k])])),
      destinationRegions: Object.fromEntries(
        Object.entries(args.destinations).map(([k, d]) => [k, d.literalArn ? parseArn(d.literalArn)?.region : undefined]),
      ),
    });
    const failureProblems = validateFailureHandling(failure);
    problems.push(...failureProblems);
    if (failureProblems.length === 0) problems.push(...timelineProblems(name, args.destinations, failure));
    problems.push(...nameCollisions(plannedChildren(name, args)));
    if (problems.length > 0) throw new pulumi.ResourceError(formatProblems(name, problems), this);

    const identity = aws.getCallerIdentityOutput({}, { parent: this });
    const partition = aws.getPartitionOutput({}, { parent: this }).partition;
    const sources = Object.fromEntries(
      bucketKeys.map((key) => [key, resolveBucket(key, args.buckets[key], identity.accountId, partition)]),
    );

    const grants = new GrantBook();
    const bindings: Record<string, DestinationBinding> = {};
    for (const [key, destination] of Object.entries(args.destinations)) {
      const routes: Route[] = args.rules
        .filter((r) => r.destination === key)
        .map((r) => ({ ruleId: r.id, bucket: sources[r.bucket], events: r.events, filter: ruleFilter(r) }));
      const ctx: BindContext = {
        name: destinationScope(name, key),
        parent: this,
        routes,
        sources: [...new Set(routes.map((r) => r.bucket))],
        accountId: identity.accountId,
        partition,
        failure,
        grants,
      };
      bindings[key] = destination.bind(ctx);
    }
    const policies = grants.createPolicies(this);

    const { checksFor, checks } = this.deployChecks(name, args, sources, failure);
    const notifications: Record<string, aws.s3.BucketNotification> = {};
    for (const key of bucketKeys) {
      const rules = args.rules.filter((r) => r.bucket === key);
      if (rules.length === 0) continue;
      const used = [...new Set(rules.map((r) => r.destination))];
      const entries = (kind: string) =>
        rules
          .filter((r) => args.destinations[r.destination].kind === kind)
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
      const eventbridge = rules.some((r) => args.destinations[r.destination].kind === "eventbridge");
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
    this.notifications = notifications;
    this.deadLetterQueues = Object.fromEntries(dlqs.map((d) => [d.name, d.queue]));
    this.policies = [...policies.values()];
    this.alarms = [...Object.values(bindings).flatMap((b) => b.alarms), ...dlqs.map((d) => d.alarm)];
    this.registerOutputs({
      notifications: this.notifications,
      deadLetterQueueUrls: Object.fromEntries(dlqs.map((d) => [d.name, d.queue.url])),
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
    args: BucketNotificationsArgs,
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
    for (const [key, destination] of Object.entries(args.destinations)) {
      byDestination[key] = destination
        .validateAtDeploy(failure)
        .map((c) => check(c.apply((ps) => ps.map((p) => ({ destination: key, field: `destinations.${key}.${p.field}`, message: p.message })))));
      const region = destination.region;
      if (!region) continue;
      args.rules.forEach((rule, i) => {
        if (rule.destination !== key) return;
        (byBucket[rule.bucket] ??= []).push(
          check(
            pulumi.all([region, sources[rule.bucket].region]).apply(([destinationRegion, bucketRegion]) =>
              destinationRegion && bucketRegion && destinationRegion !== bucketRegion
                ? [{ bucket: rule.bucket, rule: rule.id, field: `rules[${i}].destination`, message: regionMessage(key, destinationRegion, bucketRegion) }]
                : [],
            ),
          ),
        );
      });
    }
    return {
      checksFor: (bucket, destinations) => [...destinations.flatMap((d) => byDestination[d] ?? []), ...(byBucket[bucket] ?? [])],
      checks: [...Object.values(byDestination), ...Object.values(byBucket)].flat(),
    };
  }
}

const destinationScope = (component: string, destination: string) => `${component}-${destination}`;
const notificationName = (component: string, bucket: string) => `${component}-${bucket}`;

/** Every child the args will make the component register, by owner, before anything registers. */
function plannedChildren(name: string, args: BucketNotificationsArgs): PlannedOwner[] {
  const buckets: PlannedOwner[] = [...new Set(args.rules.map((r) => r.bucket))].map((bucket) => ({
    label: `bucket \`${bucket}\``,
    children: [{ type: TYPES.notification, name: notificationName(name, bucket) }],
  }));
  const destinations = Object.entries(args.destinations).map(([key, destination]): PlannedOwner => {
    const rules = args.rules.filter((r) => r.destination === key);
    return {
      label: `destination \`${key}\``,
      children: destination.childNames(destinationScope(name, key), {
        sourceKeys: [...new Set(rules.map((r) => r.bucket))],
        ruleIds: rules.map((r) => r.id),
      }),
    };
  });
  return [...buckets, ...destinations];
}

function literalBucketRegion(ref: BucketRef): string | undefined {
  if (aws.s3.Bucket.isInstance(ref)) return undefined;
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
    destination.failurePaths(`${component}-${key}`, failure).flatMap((path) =>
      timelineFindings(path, failure.responseWindowSeconds).map((f) => ({
        destination: key,
        field: TIMELINE_FIELDS[f.setting].replace("<key>", key),
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
