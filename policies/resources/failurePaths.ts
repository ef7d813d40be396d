/**
 * Reads every failure path after a bucket notification from a resource graph, for the timeline
 * rules: bucket → rule → destination → the stage that retries → the dead-letter queue that catches
 * what is left, with the alarms on both. An EventBridge target that is a queue, topic or function
 * starts further paths of its own (the queue's redrive, each subscription's, the function's
 * asynchronous invocation). Related resources are found through the engine's
 * dependencies (known in every preview); settings are read from literals, AWS's default standing
 * in for an absent one, and a value that is not a literal (unknown during preview) stays unknown.
 * Used by the pack (over `PolicyResource`s) and the failure-path report (over the offline graph).
 */
import {
  EVENTBRIDGE_RETRY_DEFAULTS,
  LAMBDA_ASYNC_DEFAULTS,
  LAMBDA_DEFAULT_TIMEOUT_SECONDS,
  SQS_DEFAULT_RETENTION_SECONDS,
  SQS_DEFAULT_VISIBILITY_SECONDS,
  type AlarmSettings,
  type DeadLetterSettings,
  type FailurePath,
  type FailureStage,
} from "../timeline";
import { notificationRules } from "./notificationRules";
import { isRecord } from "./records";

/** What the extraction needs of a resource: `PolicyResource` and the offline graph both fit. */
export interface GraphResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly props: Record<string, unknown>;
  readonly propertyDependencies: Readonly<Record<string, readonly GraphResource[]>>;
}

export const PATH_TYPES = {
  notification: "aws:s3/bucketNotification:BucketNotification",
  function: "aws:lambda/function:Function",
  invokeConfig: "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
  eventSourceMapping: "aws:lambda/eventSourceMapping:EventSourceMapping",
  queue: "aws:sqs/queue:Queue",
  redrivePolicy: "aws:sqs/redrivePolicy:RedrivePolicy",
  topic: "aws:sns/topic:Topic",
  subscription: "aws:sns/topicSubscription:TopicSubscription",
  eventRule: "aws:cloudwatch/eventRule:EventRule",
  eventTarget: "aws:cloudwatch/eventTarget:EventTarget",
  alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
} as const;

/** One path, with the resources it was read from. */
export interface GraphFailurePath {
  readonly notification: GraphResource;
  /** The ids of the notification's rules that send here (EventBridge: the event rule's name). */
  readonly rules: readonly string[];
  /** The resource S3 sends to: a function, queue or topic, or the EventBridge target. */
  readonly destination: GraphResource;
  /** The resource whose retries make the stage: the queue, function, subscription or event target. */
  readonly stageResource: GraphResource;
  readonly deadLetterQueue: GraphResource | undefined;
  readonly path: FailurePath;
  /** The EventBridge target that delivers to `destination`, a queue, topic or function, when the path continues past it. */
  readonly via?: GraphResource;
  /** The topic and subscription that invoke `destination`, a function, when the path continues past a topic. */
  readonly subscribed?: { readonly topic: GraphResource; readonly subscription: GraphResource };
}

type Props = Record<string, unknown>;

/** A property, or undefined when reading it throws (the policy SDK throws on unknown values during preview). */
function read(r: GraphResource, key: string): unknown {
  try {
    return r.props[key];
  } catch {
    return UNKNOWN;
  }
}
const UNKNOWN = Symbol("unknown");

/** A number setting: AWS's default when absent, undefined when not a literal. */
function num(value: unknown, absent: number | undefined): number | undefined {
  if (value === undefined || value === null) return absent;
  return Number.isFinite(value) ? (value as number) : undefined;
}
function bool(value: unknown, absent: boolean): boolean | undefined {
  if (value === undefined || value === null) return absent;
  return typeof value === "boolean" ? value : undefined;
}
function json(value: unknown): Props | undefined {
  if (isRecord(value)) return value;
  if (typeof value !== "string") return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    // Not JSON: no settings.
  }
  return isRecord(parsed) ? parsed : undefined;
}

export class FailurePathGraph {
  constructor(readonly resources: readonly GraphResource[]) {}

  private ofType(type: string): GraphResource[] {
    return this.resources.filter((r) => r.type === type);
  }

  private referencing(target: GraphResource, type: string, property: string): GraphResource[] {
    // Stryker disable next-line ArrayDeclaration: equivalent, a dummy entry has no urn, so it matches nothing, as no entry does.
    return this.ofType(type).filter((r) => (r.propertyDependencies[property] ?? []).some((d) => d.urn === target.urn));
  }

  private dependency(r: GraphResource, property: string, type: string): GraphResource | undefined {
    // Stryker disable next-line ArrayDeclaration: equivalent, a dummy entry has no type, so it matches nothing, as no entry does.
    return (r.propertyDependencies[property] ?? []).find((d) => d.type === type);
  }

  /** Every path of every notification in the graph. */
  paths(): GraphFailurePath[] {
    return this.ofType(PATH_TYPES.notification).flatMap((n) => this.pathsOf(n));
  }

  private pathsOf(notification: GraphResource): GraphFailurePath[] {
    // A notification resource always has a rule set, if an empty one.
    const { rules } = notificationRules(notification.type, notification.props)!;
    const paths: GraphFailurePath[] = [];
    const kinds = [
      ["sqs", "queues", PATH_TYPES.queue],
      ["lambda", "lambdaFunctions", PATH_TYPES.function],
      ["sns", "topics", PATH_TYPES.topic],
    ] as const;
    for (const [kind, field, type] of kinds) {
      // Stryker disable next-line ArrayDeclaration: equivalent, a dummy entry has no type, so it matches nothing, as no entry does.
      const destinations = (notification.propertyDependencies[field] ?? []).filter((d) => d.type === type);
      for (const destination of destinations) {
        const routed = rules.filter((r) => r.kind === kind && (destinations.length === 1 || arnOf(destination) === safe(r.destinationArn)));
        const base = { notification, rules: routed.map((r) => r.id), destination };
        const stages = kind === "sqs" ? [this.queuePath(destination)] : kind === "lambda" ? [this.lambdaPath(destination)] : this.topicPaths(destination);
        for (const p of stages) paths.push({ ...base, ...p });
      }
    }
    if (read(notification, "eventbridge") === true) paths.push(...this.eventBridgePaths(notification));
    return paths;
  }

  private deadLetter(queue: GraphResource | undefined): DeadLetterSettings | undefined {
    if (!queue) return undefined;
    const alarms = this.alarmsOn(queue);
    const alarm = alarms.find((a) => a.metricName === "ApproximateNumberOfMessagesVisible") ?? alarms[0];
    return {
      name: queue.name,
      retentionSeconds: num(read(queue, "messageRetentionSeconds"), SQS_DEFAULT_RETENTION_SECONDS),
      fifo: bool(read(queue, "fifoQueue"), false),
      alarm,
    };
  }

  /** Alarms whose dimensions name the resource (its `name` output feeds them). */
  private alarmsOn(r: GraphResource): AlarmSettings[] {
    return this.referencing(r, PATH_TYPES.alarm, "dimensions").map((a) => {
      const actions = read(a, "alarmActions");
      const metric = read(a, "metricName");
      return {
        name: a.name,
        metricName: typeof metric === "string" ? metric : undefined,
        periodSeconds: num(read(a, "period"), undefined),
        evaluationPeriods: num(read(a, "evaluationPeriods"), undefined),
        datapointsToAlarm: num(read(a, "datapointsToAlarm"), undefined),
        threshold: num(read(a, "threshold"), undefined),
        comparison: typeof read(a, "comparisonOperator") === "string" ? (read(a, "comparisonOperator") as string) : undefined,
        notifies: Array.isArray(actions) ? actions.length > 0 : actions === undefined ? false : undefined,
      };
    });
  }

  private queuePath(queue: GraphResource): Omit<GraphFailurePath, "notification" | "rules" | "destination"> {
    // A redrive policy on the queue itself, or an aws.sqs.RedrivePolicy resource for it.
    const redriveResource = this.referencing(queue, PATH_TYPES.redrivePolicy, "queueUrl")[0];
    const holder = this.dependency(queue, "redrivePolicy", PATH_TYPES.queue) ? queue : (redriveResource ?? queue);
    const dlq = this.dependency(holder, "redrivePolicy", PATH_TYPES.queue);
    const redrive = json(read(holder, "redrivePolicy"));
    const count = redrive?.maxReceiveCount;
    const maxReceiveCount = typeof count === "number" ? count : typeof count === "string" && /^\d+$/.test(count) ? Number(count) : undefined;
    const mapping = this.referencing(queue, PATH_TYPES.eventSourceMapping, "eventSourceArn")[0];
    const fn = mapping && this.dependency(mapping, "functionName", PATH_TYPES.function);
    const responseTypes = mapping ? read(mapping, "functionResponseTypes") : undefined;
    const stage: FailureStage = {
      kind: "sqs",
      name: queue.name,
      retentionSeconds: num(read(queue, "messageRetentionSeconds"), SQS_DEFAULT_RETENTION_SECONDS),
      fifo: bool(read(queue, "fifoQueue"), false),
      visibilityTimeoutSeconds: num(read(queue, "visibilityTimeoutSeconds"), SQS_DEFAULT_VISIBILITY_SECONDS),
      maxReceiveCount: dlq ? maxReceiveCount : undefined,
      consumer: mapping && {
        name: fn?.name ?? mapping.name,
        timeoutSeconds: fn ? num(read(fn, "timeout"), LAMBDA_DEFAULT_TIMEOUT_SECONDS) : undefined,
        reportBatchItemFailures:
          responseTypes === undefined || responseTypes === null ? false : Array.isArray(responseTypes) ? responseTypes.includes("ReportBatchItemFailures") : undefined,
      },
      oldestMessageAlarm: this.alarmsOn(queue).find((a) => a.metricName === "ApproximateAgeOfOldestMessage"),
    };
    return { stageResource: queue, deadLetterQueue: dlq, path: { stage, deadLetter: this.deadLetter(dlq) } };
  }

  private lambdaPath(fn: GraphResource): Omit<GraphFailurePath, "notification" | "rules" | "destination"> {
    const config = this.referencing(fn, PATH_TYPES.invokeConfig, "functionName")[0];
    const dlq = (config && this.dependency(config, "destinationConfig", PATH_TYPES.queue)) ?? this.dependency(fn, "deadLetterConfig", PATH_TYPES.queue);
    const stage: FailureStage = {
      kind: "lambda",
      name: fn.name,
      retries: config ? num(read(config, "maximumRetryAttempts"), LAMBDA_ASYNC_DEFAULTS.retries) : LAMBDA_ASYNC_DEFAULTS.retries,
      maxEventAgeSeconds: config ? num(read(config, "maximumEventAgeInSeconds"), LAMBDA_ASYNC_DEFAULTS.maxEventAgeSeconds) : LAMBDA_ASYNC_DEFAULTS.maxEventAgeSeconds,
      timeoutSeconds: num(read(fn, "timeout"), LAMBDA_DEFAULT_TIMEOUT_SECONDS),
    };
    return { stageResource: fn, deadLetterQueue: dlq, path: { stage, deadLetter: this.deadLetter(dlq) } };
  }

  /**
   * Each subscription's path, and past a function subscriber, which SNS invokes asynchronously, the
   * function's own. https://docs.aws.amazon.com/sns/latest/dg/sns-lambda-as-subscriber.html
   */
  private topicPaths(topic: GraphResource): (Omit<GraphFailurePath, "notification" | "rules" | "destination"> & { destination?: GraphResource })[] {
    return this.referencing(topic, PATH_TYPES.subscription, "topic").flatMap((subscription) => {
      const dlq = this.dependency(subscription, "redrivePolicy", PATH_TYPES.queue);
      const protocol = read(subscription, "protocol");
      const stage: FailureStage = { kind: "sns", name: subscription.name, protocol: typeof protocol === "string" ? protocol : undefined };
      const fn = this.dependency(subscription, "endpoint", PATH_TYPES.function);
      return [
        { stageResource: subscription, deadLetterQueue: dlq, path: { stage, deadLetter: this.deadLetter(dlq) } },
        ...(fn ? [{ destination: fn, subscribed: { topic, subscription }, ...this.lambdaPath(fn) }] : []),
      ];
    });
  }

  private eventBridgePaths(notification: GraphResource): GraphFailurePath[] {
    const bucket = read(notification, "bucket");
    return this.ofType(PATH_TYPES.eventTarget).flatMap((target) => {
      const rule = this.dependency(target, "rule", PATH_TYPES.eventRule);
      const pattern = rule ? read(rule, "eventPattern") : undefined;
      if (!rule || typeof pattern !== "string" || !pattern.includes('"aws.s3"')) return [];
      // With the bucket's name known, only rules matching it; unknown, every S3 rule.
      if (typeof bucket === "string" && !pattern.includes(JSON.stringify(bucket))) return [];
      const retry = read(target, "retryPolicy");
      const policy = isRecord(retry) ? retry : undefined;
      const dlq = this.dependency(target, "deadLetterConfig", PATH_TYPES.queue);
      const stage: FailureStage = {
        kind: "eventbridge",
        name: target.name,
        retries: policy ? num(policy.maximumRetryAttempts, EVENTBRIDGE_RETRY_DEFAULTS.retries) : retry === undefined ? EVENTBRIDGE_RETRY_DEFAULTS.retries : undefined,
        maxEventAgeSeconds: policy
          ? num(policy.maximumEventAgeInSeconds, EVENTBRIDGE_RETRY_DEFAULTS.maxEventAgeSeconds)
          : retry === undefined
            ? EVENTBRIDGE_RETRY_DEFAULTS.maxEventAgeSeconds
            : undefined,
      };
      const targetPath = { notification, rules: [rule.name], destination: target, stageResource: target, deadLetterQueue: dlq, path: { stage, deadLetter: this.deadLetter(dlq) } };
      // Delivered to a queue, topic or function, the event's path goes on there: the queue's
      // redrive, each subscription's, or the function's asynchronous invocation (EventBridge invokes
      // functions asynchronously). https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-targets.html
      const beyond = { notification, rules: [rule.name], via: target };
      const queue = this.dependency(target, "arn", PATH_TYPES.queue);
      const topic = this.dependency(target, "arn", PATH_TYPES.topic);
      const fn = this.dependency(target, "arn", PATH_TYPES.function);
      return [
        targetPath,
        ...(queue ? [{ ...beyond, destination: queue, ...this.queuePath(queue) }] : []),
        ...(topic ? this.topicPaths(topic).map((p) => ({ ...beyond, destination: topic, ...p })) : []),
        ...(fn ? [{ ...beyond, destination: fn, ...this.lambdaPath(fn) }] : []),
      ];
    });
  }
}

function safe(f: () => unknown): unknown {
  try {
    return f();
  } catch {
    return UNKNOWN;
  }
}

function arnOf(r: GraphResource): unknown {
  const arn = read(r, "arn");
  return typeof arn === "string" ? arn : UNKNOWN;
}
