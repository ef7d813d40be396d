import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { metricAlarm } from "../alarms";
import { createSourceScopedKey, type TopicEncryption } from "../encryption";
import type { FailurePath } from "../../policies/timeline";
import { TYPES, type PlannedChild } from "../childNames";
import { createDeadLetterQueue, deadLetterQueueChildren, deadLetterSettings, type DeadLetterQueue, type FailureHandling } from "../failureHandling";
import { sid } from "../policyDocuments";
import { parseArn, resolveFunction, resolveQueue, resolveTopic, type FunctionRef, type QueueRef, type ResolvedTopic, type TopicRef } from "../references";
import { givenTargetChecks, targetOptionProblems } from "./deliveryTarget";
import type { BindContext, DestinationBinding, DestinationProblem, NotificationDestination } from "./destination";

/** A subscriber of the topic; each gets a subscription whose failed deliveries go to a DLQ. */
export type SnsSubscriber =
  | { readonly queue: QueueRef; /** Defaults to true: consumers get the S3 event itself. */ readonly rawMessageDelivery?: boolean }
  | { readonly function: FunctionRef }
  | { readonly https: string }
  | { readonly email: string };

export interface SnsDestinationArgs {
  /** The topic S3 publishes to. Defaults to a standard topic the component creates. */
  readonly topic?: TopicRef;
  /** Encryption of a topic the component creates. Defaults to `"none"`. */
  readonly encryption?: TopicEncryption;
  /** A given topic uses a customer-managed KMS key whose policy grants S3. Defaults to false. */
  readonly kmsKeyGrantsS3?: boolean;
  /** Subscribers, keyed by a name used in their children's names. Defaults to none. */
  readonly subscribers?: Readonly<Record<string, SnsSubscriber>>;
}

/**
 * S3 publishes to a standard topic; the topic policy (one per topic) allows `sns:Publish` from each
 * source bucket and its owner only. Every subscription declared here gets a redrive policy to its
 * own DLQ, which allows `sns.amazonaws.com` to send from this topic only.
 * https://docs.aws.amazon.com/sns/latest/dg/sns-dead-letter-queues.html
 */
export class SnsDestination implements NotificationDestination {
  readonly kind = "sns" as const;
  private readonly given: ResolvedTopic | undefined;
  topic: aws.sns.Topic | undefined;
  readonly subscriptions: aws.sns.TopicSubscription[] = [];

  constructor(private readonly args: SnsDestinationArgs) {
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
      if ("https" in subscriber && !/^https:\/\/[^\s/]+/.test(subscriber.https)) {
        problems.push({ field: `subscribers.${key}.https`, message: `\`${subscriber.https}\` is not an https:// URL; SNS would send events in clear text or fail.` });
      }
      if ("email" in subscriber && !/^[^@\s]+@[^@\s]+$/.test(subscriber.email)) {
        problems.push({ field: `subscribers.${key}.email`, message: `\`${subscriber.email}\` is not an email address.` });
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

  childNames(scope: string): PlannedChild[] {
    const n = snsNames(scope);
    const creates = !(this.given && this.args.topic);
    const subscribers = Object.entries(this.args.subscribers ?? {}).flatMap(([key, subscriber]) => {
      const s = n.subscriber(key);
      const via = `subscriber \`${key}\``;
      return [
        { type: TYPES.subscription, name: s.subscription, via },
        ...deadLetterQueueChildren(s.deadLetterQueue, via),
        { type: TYPES.queuePolicy, name: s.deadLetterQueuePolicy, via },
        ...("queue" in subscriber ? [{ type: TYPES.queuePolicy, name: s.queuePolicy, via }] : []),
        ...("function" in subscriber ? [{ type: TYPES.permission, name: s.allowSns, via }] : []),
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
    return Object.entries(this.args.subscribers ?? {}).map(([key, subscriber]) => ({
      stage: { kind: "sns", name: snsNames(name).subscriber(key).subscription, protocol: protocolOf(subscriber) },
      deadLetter: deadLetterSettings(snsNames(name).subscriber(key).deadLetterQueue, failure),
    }));
  }

  bind(ctx: BindContext): DestinationBinding {
    const n = snsNames(ctx.name);
    const { parent } = ctx;
    let topic: ResolvedTopic;
    let grantKey: object;
    if (this.given && this.args.topic) {
      topic = this.given;
      grantKey = this.args.topic;
    } else {
      const encryption = this.args.encryption ?? "none";
      const kmsMasterKeyId =
        encryption === "none"
          ? undefined
          : encryption === "create-key"
            ? createSourceScopedKey(n.key, ctx.sources, ctx.accountId, ctx.partition, parent).arn
            : encryption.kmsKeyArn;
      this.topic = new aws.sns.Topic(n.topic, { kmsMasterKeyId }, { parent });
      topic = resolveTopic(this.topic);
      grantKey = this.topic;
    }
    ctx.grants.allowS3From({ key: grantKey, kind: "topic", name: n.policy, arn: topic.arn }, ctx.sources);
    const deadLetterQueues = Object.entries(this.args.subscribers ?? {}).map(([key, subscriber]) =>
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
    return { arn: topic.arn, dependencies: [], grantKeys: [grantKey], deadLetterQueues, alarms };
  }

  private subscribe(ctx: BindContext, topic: ResolvedTopic, names: SubscriberNames, subscriber: SnsSubscriber): DeadLetterQueue {
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
    ctx.grants.grant({ key: dlq.queue, kind: "queue", name: names.deadLetterQueuePolicy, arn: dlq.queue.arn, url: dlq.queue.url }, fromTopic);
    const dependsOn: pulumi.Resource[] = [];
    let protocol: string;
    let endpoint: pulumi.Input<string>;
    let rawMessageDelivery: boolean | undefined;
    if ("queue" in subscriber) {
      const queue = resolveQueue(subscriber.queue);
      ctx.grants.grant({ key: subscriber.queue, kind: "queue", name: names.queuePolicy, arn: queue.arn, url: queue.url }, fromTopic);
      protocol = "sqs";
      endpoint = queue.arn;
      rawMessageDelivery = subscriber.rawMessageDelivery ?? true;
    } else if ("function" in subscriber) {
      const fn = resolveFunction(subscriber.function);
      dependsOn.push(
        new aws.lambda.Permission(
          names.allowSns,
          { action: "lambda:InvokeFunction", function: fn.functionName, principal: "sns.amazonaws.com", sourceArn: topic.arn },
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
    this.subscriptions.push(
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
      ),
    );
    return dlq;
  }
}

function snsNames(scope: string) {
  return {
    topic: scope,
    key: `${scope}-key`,
    policy: `${scope}-policy`,
    failedAlarm: `${scope}-failed`,
    subscriber: (key: string) => subscriberNames(`${scope}-${key}`),
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
  };
}

function protocolOf(subscriber: SnsSubscriber): string {
  return "queue" in subscriber ? "sqs" : "function" in subscriber ? "lambda" : "https" in subscriber ? "https" : "email";
}
