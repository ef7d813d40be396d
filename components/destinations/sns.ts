import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { metricAlarm } from "../alarms";
import { createSourceScopedKey, encryptionFrom, TopicEncryption, type TopicEncryptionChoice } from "../encryption";
import type { FailurePath } from "../../policies/timeline";
import { childName, TYPES, type NameJoin, type PlannedChild } from "../childNames";
import { createDeadLetterQueue, deadLetterQueueChildren, deadLetterSettings, type DeadLetterQueue, type FailureHandling } from "../failureHandling";
import { sid } from "../policyDocuments";
import { onlyOne, under, type FieldProblem } from "../onlyOne";
import {
  functionFrom,
  parseArn,
  queueFrom,
  resolveFunction,
  resolveQueue,
  resolveTopic,
  topicFrom,
  type ResolvedFunction,
  type QueueRef,
  type ResolvedTopic,
  type TopicRef,
} from "../references";
import {
  asyncInvocationChildren,
  asyncInvocationPath,
  functionRoleProblems,
  LAMBDA_DEFAULT_RETRIES,
  retainFailedInvocations,
  type AsyncFunction,
  type AsyncInvocationNames,
} from "./asyncInvocation";
import { givenTargetChecks, targetOptionProblems } from "./deliveryTarget";
import type { BindContext, ChildPlan, DestinationBinding, DestinationProblem, NotificationDestination } from "./destination";

/**
 * A subscriber of the topic: exactly one of a queue (`queue`, or `queueArn` with `queueUrl`), a
 * function (`function`, or `functionArn` with `functionRoleArn`), an `https` endpoint or an `email`
 * address. Its subscription's failed deliveries go to a dead-letter queue of its own; a function,
 * which SNS invokes asynchronously, also sends what it still fails on after Lambda's retries to one.
 */
export interface SnsSubscriber {
  /** A standard queue of this program. */
  readonly queue?: aws.sqs.Queue;
  /** The ARN of an existing standard queue. */
  readonly queueArn?: pulumi.Input<string>;
  /** The URL of the queue `queueArn` names, for its queue policy. Required with `queueArn`. */
  readonly queueUrl?: pulumi.Input<string>;
  /** For a queue: deliver the S3 event itself, not wrapped in an SNS envelope. Defaults to true. */
  readonly rawMessageDelivery?: boolean;
  /** A function of this program. */
  readonly function?: aws.lambda.Function;
  /** The ARN of an existing function. */
  readonly functionArn?: pulumi.Input<string>;
  /** The execution role's ARN of the function `functionArn` names, so it may send failed events to its dead-letter queue. Required with `functionArn`. */
  readonly functionRoleArn?: pulumi.Input<string>;
  /** An https:// endpoint. */
  readonly https?: string;
  /** An email address. */
  readonly email?: string;
}

/** A subscriber, resolved from its plain-data fields. */
type Subscriber =
  | { readonly queue: QueueRef; readonly rawMessageDelivery?: boolean }
  | { readonly function: ResolvedFunction }
  | { readonly https: string }
  | { readonly email: string };

/**
 * S3 publishes to an SNS topic: one the component creates, or yours (`topic` or `topicArn`).
 * Every subscriber gets a subscription whose failed deliveries go to its own dead-letter queue.
 */
export interface SnsDestination {
  /** A standard topic of this program S3 publishes to. Defaults to a topic the component creates. Only one of `topic` or `topicArn`. */
  readonly topic?: aws.sns.Topic;
  /** The ARN of an existing standard topic S3 publishes to. Only one of `topic` or `topicArn`. */
  readonly topicArn?: pulumi.Input<string>;
  /** The KMS key (`kmsMasterKeyId`) of the topic `topicArn` names, if it uses one. Defaults to none. */
  readonly topicKmsKeyId?: pulumi.Input<string>;
  /** Encryption of a topic the component creates. Defaults to `none`. Only one of `encryption` or `kmsKeyArn`. */
  readonly encryption?: TopicEncryption;
  /** An existing customer-managed KMS key for a topic the component creates. Defaults to none. Only one of `encryption` or `kmsKeyArn`. */
  readonly kmsKeyArn?: pulumi.Input<string>;
  /** States that the KMS key (`kmsKeyArn`, or the given topic's) has a policy letting S3 use it. Defaults to false. */
  readonly kmsKeyGrantsS3?: boolean;
  /** Subscribers, keyed by a name used in their children's names. Defaults to none. */
  readonly subscribers?: Record<string, SnsSubscriber>;
}

/** The destination, resolved from its plain-data fields. */
interface SnsSettings {
  readonly topic?: TopicRef;
  readonly encryption?: TopicEncryptionChoice;
  readonly kmsKeyGrantsS3?: boolean;
  readonly subscribers: Readonly<Record<string, Subscriber>>;
}

const SUBSCRIBER_FIELDS = ["queue", "queueArn", "function", "functionArn", "https", "email"] as const;

function subscriberFrom(at: string, fields: SnsSubscriber): { subscriber: Subscriber | undefined; problems: FieldProblem[] } {
  const { chosen, problems } = onlyOne(at, fields, SUBSCRIBER_FIELDS, true);
  // One endpoint is required: none chosen is exactly when there is a problem.
  if (chosen === undefined) return { subscriber: undefined, problems };
  if (fields.functionRoleArn !== undefined && chosen !== "function" && chosen !== "functionArn") {
    problems.push({ field: under(at, "functionRoleArn"), message: "applies only to a function subscriber named by `functionArn`; remove it." });
  }
  if (chosen === "queue" || chosen === "queueArn") {
    // Stryker disable next-line BooleanLiteral: equivalent, a queue field is set here, so whether one is required never matters.
    const queue = queueFrom(at, fields, true);
    return { subscriber: queue.ref && { queue: queue.ref, rawMessageDelivery: fields.rawMessageDelivery }, problems: [...problems, ...queue.problems] };
  }
  if (fields.rawMessageDelivery !== undefined) {
    problems.push({ field: under(at, "rawMessageDelivery"), message: "applies only to a queue subscriber; remove it." });
  }
  if (chosen === "function" || chosen === "functionArn") {
    const fn = functionFrom(at, fields);
    return { subscriber: fn.ref && { function: resolveFunction(fn.ref) }, problems: [...problems, ...fn.problems] };
  }
  return { subscriber: chosen === "https" ? { https: fields.https! } : { email: fields.email! }, problems };
}

/** The internal destination for plain-data `args`, or the problems that keep it from being built. */
export function snsDelivery(args: SnsDestination): { delivery: SnsDelivery | undefined; problems: FieldProblem[] } {
  const topic = topicFrom("", args, false);
  const encryption = encryptionFrom("", args, TopicEncryption);
  const problems = [...topic.problems, ...encryption.problems];
  const subscribers: Record<string, Subscriber> = {};
  for (const [key, fields] of Object.entries(args.subscribers ?? {})) {
    const s = subscriberFrom(`subscribers.${key}`, fields);
    problems.push(...s.problems);
    // Stryker disable next-line ConditionalExpression: equivalent, a subscriber missing here left a problem, so no delivery is built.
    if (s.subscriber) subscribers[key] = s.subscriber;
  }
  if (problems.length > 0) return { delivery: undefined, problems };
  return { delivery: new SnsDelivery({ topic: topic.ref, encryption: encryption.choice, kmsKeyGrantsS3: args.kmsKeyGrantsS3, subscribers }), problems };
}

/**
 * S3 publishes to a standard topic; the topic policy (one per topic) allows `sns:Publish` from each
 * source bucket and its owner only. Every subscription declared here gets a redrive policy to its
 * own DLQ, which allows `sns.amazonaws.com` to send from this topic only.
 * https://docs.aws.amazon.com/sns/latest/dg/sns-dead-letter-queues.html
 */
export class SnsDelivery implements NotificationDestination {
  readonly kind = "sns" as const;
  private readonly given: ResolvedTopic | undefined;

  constructor(private readonly args: SnsSettings) {
    this.given = args.topic === undefined ? undefined : resolveTopic(args.topic);
  }

  get literalArn(): string | undefined {
    return this.given?.literalArn;
  }

  get region(): pulumi.Output<string | undefined> | undefined {
    return this.given?.region;
  }

  validate(): DestinationProblem[] {
    const problems = targetOptionProblems("topic", this.given, this.args.encryption);
    for (const [key, subscriber] of Object.entries(this.args.subscribers ?? {})) {
      // Stryker disable next-line Regex: equivalent, one character after `https://` matches wherever more do (the pattern is not anchored at its end).
      if ("https" in subscriber && !/^https:\/\/[^\s/]+/.test(subscriber.https)) {
        problems.push({ field: `subscribers.${key}.https`, message: `\`${subscriber.https}\` is not an https:// URL; SNS would send events in clear text or fail.` });
      }
      if ("email" in subscriber && !/^[^@\s]+@[^@\s]+$/.test(subscriber.email)) {
        problems.push({ field: `subscribers.${key}.email`, message: `\`${subscriber.email}\` is not an email address.` });
      }
      if ("function" in subscriber) {
        problems.push(...functionRoleProblems(subscriber.function).map((p) => ({ ...p, field: `subscribers.${key}.${p.field}` })));
      }
      if ("queue" in subscriber) {
        const arn = resolveQueue(subscriber.queue).literalArn;
        if (arn?.endsWith(".fifo")) {
          problems.push({ field: `subscribers.${key}.queue`, message: `\`${arn}\` is a FIFO queue; a standard topic can only deliver to standard queues.` });
        }
      }
    }
    return problems;
  }

  validateAtDeploy(): pulumi.Output<DestinationProblem[]>[] {
    return givenTargetChecks("topic", this.given, this.args.kmsKeyGrantsS3);
  }

  get asyncFunctions(): AsyncFunction[] {
    return Object.entries(this.args.subscribers ?? {}).flatMap(([key, subscriber]) => {
      if (!("function" in subscriber)) return [];
      return [{ fn: subscriber.function, field: `subscribers.${key}.${subscriber.function.field}` }];
    });
  }

  childNames(scope: string, plan: ChildPlan): PlannedChild[] {
    const n = snsNames(scope, plan.join);
    // Stryker disable next-line LogicalOperator: equivalent, `given` is resolved from `args.topic`: both are set, or neither.
    const creates = !(this.given && this.args.topic);
    const subscribers = Object.entries(this.args.subscribers ?? {}).flatMap(([key, subscriber]) => {
      const s = n.subscriber(key);
      const via = `subscriber \`${key}\``;
      return [
        { type: TYPES.subscription, name: s.subscription, via },
        ...deadLetterQueueChildren(s.deadLetterQueue, via),
        { type: TYPES.queuePolicy, name: s.deadLetterQueuePolicy, via },
        ...("queue" in subscriber ? [{ type: TYPES.queuePolicy, name: s.queuePolicy, via }] : []),
        ...("function" in subscriber ? [{ type: TYPES.permission, name: s.allowSns, via }, ...asyncInvocationChildren(s.functionFailures).map((c) => ({ ...c, via }))] : []),
      ];
    });
    return [
      ...(creates ? [{ type: TYPES.topic, name: n.topic }] : []),
      ...(creates && this.args.encryption === "create-key" ? [{ type: TYPES.key, name: n.key }] : []),
      { type: TYPES.topicPolicy, name: n.policy },
      { type: TYPES.alarm, name: n.failedAlarm },
      ...subscribers,
    ];
  }

  failurePaths(name: string, failure: FailureHandling): FailurePath[] {
    return Object.entries(this.args.subscribers ?? {}).flatMap(([key, subscriber]): FailurePath[] => {
      const s = snsNames(name).subscriber(key);
      return [
        { stage: { kind: "sns", name: s.subscription, protocol: protocolOf(subscriber) }, deadLetter: deadLetterSettings(s.deadLetterQueue, failure) },
        // SNS hands a function the message asynchronously: Lambda's retries follow, into the function's DLQ.
        ...("function" in subscriber ? [asyncInvocationPath(s.subscription, s.functionFailures, LAMBDA_DEFAULT_RETRIES, failure)] : []),
      ];
    });
  }

  bind(ctx: BindContext): DestinationBinding {
    const n = snsNames(ctx.name);
    const { parent } = ctx;
    let topic: ResolvedTopic;
    let grantKey: object | string;
    let created: aws.sns.Topic | undefined;
    // Stryker disable next-line LogicalOperator: equivalent, `given` is resolved from `args.topic`: both are set, or neither.
    if (this.given && this.args.topic) {
      topic = this.given;
      // One policy per topic: the same ARN given twice is the same topic.
      grantKey = topic.literalArn ?? this.args.topic;
    } else {
      // No key by default (`"none"`): SNS stores messages unencrypted unless given one.
      const encryption = this.args.encryption;
      const kmsMasterKeyId =
        encryption === "create-key"
          ? createSourceScopedKey(n.key, ctx.sources, ctx.accountId, ctx.partition, parent).arn
          : typeof encryption === "object"
            ? encryption.kmsKeyArn
            : undefined;
      created = new aws.sns.Topic(n.topic, { kmsMasterKeyId }, { parent });
      topic = resolveTopic(created);
      grantKey = created;
    }
    ctx.grants.allowS3From({ key: grantKey, kind: "topic", name: n.policy, arn: topic.arn, parent }, ctx.sources);
    const deadLetterQueues = Object.entries(this.args.subscribers ?? {}).flatMap(([key, subscriber]) =>
      this.subscribe(ctx, topic, n.subscriber(key), subscriber),
    );
    const alarms = [
      metricAlarm(
        n.failedAlarm,
        {
          namespace: "AWS/SNS",
          metricName: "NumberOfNotificationsFailed",
          dimensions: { TopicName: topic.name },
          statistic: "Sum",
          threshold: 0,
          description: `Topic ${ctx.name} failed to deliver S3 events to a subscriber.`,
        },
        ctx.failure.alarmTopicArn,
        { parent },
      ),
    ];
    return { arn: topic.arn, dependencies: [], grantKeys: [grantKey], deadLetterQueues, alarms, topic: created };
  }

  /** The subscription and what keeps its failures: its DLQ, and a function subscriber's own. */
  private subscribe(ctx: BindContext, topic: ResolvedTopic, names: SubscriberNames, subscriber: Subscriber): DeadLetterQueue[] {
    const { parent } = ctx;
    const name = names.subscription;
    const dlq = createDeadLetterQueue(names.deadLetterQueue, `sns ${name}: undeliverable messages`, ctx.failure, parent);
    const topicAccount = topic.arn.apply((arn) => parseArn(arn)?.account ?? "");
    const fromTopic = {
      sid: sid("AllowSnsFrom", ctx.name),
      service: "sns.amazonaws.com",
      actions: ["sqs:SendMessage"],
      sourceArn: topic.arn,
      sourceAccount: topicAccount,
    };
    ctx.grants.grant({ key: dlq.queue, kind: "queue", name: names.deadLetterQueuePolicy, arn: dlq.queue.arn, url: dlq.queue.url, parent }, fromTopic);
    const dependsOn: pulumi.Resource[] = [];
    const deadLetterQueues = [dlq];
    let protocol: string;
    let endpoint: pulumi.Input<string>;
    let rawMessageDelivery: boolean | undefined;
    if ("queue" in subscriber) {
      const queue = resolveQueue(subscriber.queue);
      const key = queue.literalArn ?? subscriber.queue;
      ctx.grants.grant({ key, kind: "queue", name: names.queuePolicy, arn: queue.arn, url: queue.url, parent }, fromTopic);
      protocol = "sqs";
      endpoint = queue.arn;
      rawMessageDelivery = subscriber.rawMessageDelivery ?? true;
    } else if ("function" in subscriber) {
      const fn = subscriber.function;
      // https://docs.aws.amazon.com/sns/latest/dg/sns-lambda-as-subscriber.html: SNS invokes it asynchronously.
      const purpose = `sns ${name}: failed async invocations of the function`;
      const failures = retainFailedInvocations(names.functionFailures, fn, LAMBDA_DEFAULT_RETRIES, purpose, ctx.failure, parent);
      deadLetterQueues.push(failures.deadLetterQueue);
      dependsOn.push(failures.invokeConfig);
      dependsOn.push(
        new aws.lambda.Permission(
          names.allowSns,
          { action: "lambda:InvokeFunction", function: fn.functionName, qualifier: fn.qualifier, principal: "sns.amazonaws.com", sourceArn: topic.arn },
          { parent },
        ),
      );
      protocol = "lambda";
      endpoint = fn.arn;
    } else if ("https" in subscriber) {
      protocol = "https";
      endpoint = subscriber.https;
    } else {
      protocol = "email";
      endpoint = subscriber.email;
    }
    new aws.sns.TopicSubscription(
        name,
        {
          topic: topic.arn,
          protocol,
          endpoint,
          rawMessageDelivery,
          redrivePolicy: dlq.queue.arn.apply((deadLetterTargetArn) => JSON.stringify({ deadLetterTargetArn })),
        },
        { parent, dependsOn },
      );
    return deadLetterQueues;
  }
}

function snsNames(scope: string, join: NameJoin = childName) {
  return {
    topic: scope,
    key: `${scope}-key`,
    policy: `${scope}-policy`,
    failedAlarm: `${scope}-failed`,
    subscriber: (key: string) => subscriberNames(join(scope, key)),
  };
}

type SubscriberNames = ReturnType<typeof subscriberNames>;
function subscriberNames(subscription: string) {
  return {
    subscription,
    deadLetterQueue: `${subscription}-dlq`,
    deadLetterQueuePolicy: `${subscription}-dlq-policy`,
    queuePolicy: `${subscription}-policy`,
    allowSns: `${subscription}-allow-sns`,
    functionFailures: {
      deadLetterQueue: `${subscription}-function-dlq`,
      sendToDeadLetterQueue: `${subscription}-function-send-to-dlq`,
      invokeConfig: `${subscription}-function-async`,
    } satisfies AsyncInvocationNames,
  };
}

function protocolOf(subscriber: Subscriber): string {
  return "queue" in subscriber ? "sqs" : "function" in subscriber ? "lambda" : "https" in subscriber ? "https" : "email";
}
