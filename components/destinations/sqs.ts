import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  SQS_DEFAULT_RETENTION_SECONDS,
  SQS_DEFAULT_VISIBILITY_SECONDS,
  VISIBILITY_TO_TIMEOUT_RATIO,
  dlqOutlivesSource,
  deadLetterRetentionRules,
  sqsConsumerRules,
  type FailurePath,
} from "../../policies/timeline";
import { alarmSettings, metricAlarm } from "../alarms";
import { createSourceScopedKey, encryptionFrom, QueueEncryption, type QueueEncryptionChoice } from "../encryption";
import { TYPES, type PlannedChild } from "../childNames";
import { createDeadLetterQueue, deadLetterQueueChildren, deadLetterSettings, type FailureHandling } from "../failureHandling";
import { wholeNumberProblems } from "../limits";
import type { FieldProblem } from "../onlyOne";
import {
  arnName,
  functionFrom,
  queueFrom,
  resolveFunction,
  resolveQueue,
  type FunctionRef,
  type QueueFields,
  type QueueRef,
  type ResolvedQueue,
} from "../references";
import { givenTargetChecks, targetOptionProblems } from "./deliveryTarget";
import type { BindContext, DestinationBinding, DestinationProblem, NotificationDestination } from "./destination";
import { functionAlarmChildren, functionAlarms } from "./lambda";

/** A Lambda function consuming the queue through an event source mapping, with partial batch failures. */
export interface SqsConsumer {
  /** The consuming function, a resource of this program. Only one of `function` or `functionArn`. */
  readonly function?: aws.lambda.Function;
  /** The ARN of an existing consuming function. Only one of `function` or `functionArn`. */
  readonly functionArn?: pulumi.Input<string>;
  /** The execution role's ARN of the function `functionArn` names, so it may receive from the queue. Required with `functionArn`. */
  readonly functionRoleArn?: pulumi.Input<string>;
  /** The function's timeout. Defaults to the function resource's `timeout` (3 s when unset); required with `functionArn`. */
  readonly timeoutSeconds?: pulumi.Input<number>;
  /** Messages per invocation (1-10,000). Defaults to 10. */
  readonly batchSize?: number;
}

/**
 * S3 sends to an SQS queue: yours (`queue`, or `queueArn` with `queueUrl`), or, with neither, one
 * the component creates. Failed messages move to a dead-letter queue after `maxReceiveCount` receives.
 */
export interface SqsDestination extends QueueFields {
  /** Encryption of a queue the component creates. Defaults to `sqs-managed` (SSE-SQS). Only one of `encryption` or `kmsKeyArn`. */
  readonly encryption?: QueueEncryption;
  /** An existing customer-managed KMS key for a queue the component creates. Defaults to none. Only one of `encryption` or `kmsKeyArn`. */
  readonly kmsKeyArn?: pulumi.Input<string>;
  /** States that the KMS key (`kmsKeyArn`, or the given queue's) has a policy letting S3 use it. Defaults to false. */
  readonly kmsKeyGrantsS3?: boolean;
  /**
   * How long a queue the component creates keeps a message (60-1,209,600 s). Defaults to 345,600 s
   * (4 days, SQS's default, set explicitly); the dead-letter queue must keep messages longer.
   */
  readonly messageRetentionSeconds?: number;
  /** Receives before a message moves to the dead-letter queue (1-1,000). Defaults to 5 (at least 5 with a consumer). */
  readonly maxReceiveCount?: number;
  /** Visibility timeout of a queue the component creates. Defaults to 6x the consumer's timeout, or 30 s without one. */
  readonly visibilityTimeoutSeconds?: number;
  /** A function consuming the queue. Defaults to none. */
  readonly consumer?: SqsConsumer;
}

/** The consumer, resolved from its plain-data fields. */
interface ConsumerSettings {
  readonly function: FunctionRef;
  readonly timeoutSeconds?: pulumi.Input<number>;
  readonly batchSize?: number;
}

/** The destination, resolved from its plain-data fields. */
interface SqsSettings {
  readonly queue?: QueueRef;
  readonly encryption?: QueueEncryptionChoice;
  readonly kmsKeyGrantsS3?: boolean;
  readonly messageRetentionSeconds?: number;
  readonly maxReceiveCount?: number;
  readonly visibilityTimeoutSeconds?: number;
  readonly consumer?: ConsumerSettings;
}

/** The internal destination for plain-data `args`, or the problems that keep it from being built. */
export function sqsDelivery(args: SqsDestination): { delivery: SqsDelivery | undefined; problems: FieldProblem[] } {
  const queue = queueFrom("", args, false);
  const encryption = encryptionFrom("", args, QueueEncryption);
  const consumer = args.consumer === undefined ? undefined : functionFrom("consumer", args.consumer);
  const problems = [...queue.problems, ...encryption.problems, ...(consumer?.problems ?? [])];
  if (problems.length > 0) return { delivery: undefined, problems };
  const settings: SqsSettings = {
    queue: queue.ref,
    encryption: encryption.choice,
    kmsKeyGrantsS3: args.kmsKeyGrantsS3,
    messageRetentionSeconds: args.messageRetentionSeconds,
    maxReceiveCount: args.maxReceiveCount,
    visibilityTimeoutSeconds: args.visibilityTimeoutSeconds,
    consumer: args.consumer && { function: consumer!.ref!, timeoutSeconds: args.consumer.timeoutSeconds, batchSize: args.consumer.batchSize },
  };
  return { delivery: new SqsDelivery(settings), problems };
}

export { VISIBILITY_TO_TIMEOUT_RATIO };

/**
 * S3 sends to a standard queue; the queue policy (one per queue, via the grant book) allows
 * `sqs:SendMessage` from each source bucket and its owner only; a redrive policy moves messages
 * that keep failing to a dead-letter queue.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/grant-destinations-permissions-to-s3.html
 */
export class SqsDelivery implements NotificationDestination {
  readonly kind = "sqs" as const;
  private readonly given: ResolvedQueue | undefined;
  private readonly maxReceiveCount: number;
  private readonly retentionSeconds: number;

  constructor(private readonly args: SqsSettings) {
    this.given = args.queue === undefined ? undefined : resolveQueue(args.queue);
    this.maxReceiveCount = args.maxReceiveCount ?? 5;
    this.retentionSeconds = args.messageRetentionSeconds ?? SQS_DEFAULT_RETENTION_SECONDS;
  }

  get literalArn(): string | undefined {
    return this.given?.literalArn;
  }

  get region(): pulumi.Output<string | undefined> | undefined {
    return this.given?.region;
  }

  validate(): DestinationProblem[] {
    const { args } = this;
    const problems = targetOptionProblems("queue", this.given, args.encryption);
    problems.push(...wholeNumberProblems("maxReceiveCount", this.maxReceiveCount, 1, 1000));
    problems.push(...wholeNumberProblems("messageRetentionSeconds", this.retentionSeconds, 60, 1_209_600, "a whole number from 60 to 1209600 (14 days)"));
    if (this.given !== undefined && args.messageRetentionSeconds !== undefined) {
      problems.push({
        field: "messageRetentionSeconds",
        message: "applies only to a queue the component creates; a given queue keeps its own retention. Remove `messageRetentionSeconds`, or `queue`/`queueArn`.",
      });
    }
    const consumer = args.consumer;
    if (consumer && !aws.lambda.Function.isInstance(consumer.function)) {
      if (consumer.timeoutSeconds === undefined) {
        problems.push({ field: "consumer.timeoutSeconds", message: "is required with `functionArn`, to size the queue's visibility timeout." });
      }
      if (consumer.function.roleArn === undefined) {
        problems.push({ field: "consumer.functionRoleArn", message: "is required with `functionArn`, so the function can be allowed to receive from the queue." });
      }
    }
    return problems;
  }

  validateAtDeploy(failure: FailureHandling): pulumi.Output<DestinationProblem[]>[] {
    const timeout = this.consumerTimeout();
    const given = this.given;
    const checks = givenTargetChecks("queue", given, this.args.kmsKeyGrantsS3);
    if (given) {
      // A given queue's retention is known only from its outputs: its DLQ must still outlive it.
      checks.push(
        pulumi.all([given.messageRetentionSeconds, given.fifo]).apply(([retention, fifo]) => {
          // Stryker disable next-line StringLiteral: equivalent, the stage's name is in no message these rules give.
          const [path] = this.failurePaths("queue", failure);
          const known: FailurePath = { ...path, stage: { ...path.stage, retentionSeconds: retention, fifo } as FailurePath["stage"] };
          return [...dlqOutlivesSource(known), ...deadLetterRetentionRules(known, failure.responseWindowSeconds)].map((f) => ({
            field: "queue",
            message: `${f.message} ${f.doc}`,
          }));
        }),
      );
    }
    const visibility = given ? given.visibilityTimeoutSeconds : this.args.visibilityTimeoutSeconds;
    if (timeout !== undefined && visibility !== undefined) {
      checks.push(pulumi.all([visibility, timeout]).apply(([v, t]) => visibilityProblems(v, t)));
    }
    return checks;
  }

  childNames(scope: string): PlannedChild[] {
    const n = sqsNames(scope);
    // Stryker disable next-line LogicalOperator: equivalent, `given` is resolved from `args.queue`: both are set, or neither.
    const creates = !(this.given && this.args.queue);
    return [
      ...deadLetterQueueChildren(n.deadLetterQueue),
      ...(creates ? [{ type: TYPES.queue, name: n.queue }] : [{ type: TYPES.redrivePolicy, name: n.redrivePolicy }]),
      ...(creates && this.args.encryption === "create-key" ? [{ type: TYPES.key, name: n.key }] : []),
      { type: TYPES.queuePolicy, name: n.policy },
      { type: TYPES.alarm, name: n.oldestAlarm },
      ...(this.args.consumer
        ? [
            { type: TYPES.rolePolicy, name: n.consume, via: "consumer" },
            { type: TYPES.eventSourceMapping, name: n.consumer, via: "consumer" },
            // Stryker disable next-line StringLiteral: equivalent, only an `async` invocation adds a dropped-events alarm.
            ...functionAlarmChildren(n.consumer, "sync", "consumer"),
          ]
        : []),
    ];
  }

  bind(ctx: BindContext): DestinationBinding {
    const { parent } = ctx;
    const n = sqsNames(ctx.name);
    const dlq = createDeadLetterQueue(n.deadLetterQueue, `sqs ${ctx.name}: messages received ${this.maxReceiveCount} times`, ctx.failure, parent);
    const redrivePolicy = dlq.queue.arn.apply((deadLetterTargetArn) =>
      JSON.stringify({ deadLetterTargetArn, maxReceiveCount: this.maxReceiveCount }),
    );
    const dependencies: pulumi.Resource[] = [];
    let key: aws.kms.Key | undefined;
    let queue: ResolvedQueue;
    let grantKey: object | string;
    let created: aws.sqs.Queue | undefined;
    // Stryker disable next-line LogicalOperator: equivalent, `given` is resolved from `args.queue`: both are set, or neither.
    if (this.given && this.args.queue) {
      queue = this.given;
      // One policy per queue: the same ARN given twice is the same queue.
      grantKey = queue.literalArn ?? this.args.queue;
      dependencies.push(new aws.sqs.RedrivePolicy(n.redrivePolicy, { queueUrl: queue.url, redrivePolicy }, { parent }));
    } else {
      const encryption = this.args.encryption ?? "sqs-managed";
      if (encryption === "create-key") key = createSourceScopedKey(n.key, ctx.sources, ctx.accountId, ctx.partition, parent);
      const timeout = this.consumerTimeout();
      created = new aws.sqs.Queue(
        n.queue,
        {
          // Explicit, so the dead-letter queue's longer retention is a checked fact, not SQS's default.
          messageRetentionSeconds: this.retentionSeconds,
          visibilityTimeoutSeconds:
            this.args.visibilityTimeoutSeconds ?? (timeout ? timeout.apply((t) => t * VISIBILITY_TO_TIMEOUT_RATIO) : 30),
          ...(encryption === "sqs-managed"
            ? { sqsManagedSseEnabled: true }
            : { kmsMasterKeyId: encryption === "create-key" ? key!.arn : encryption.kmsKeyArn }),
          redrivePolicy,
        },
        { parent },
      );
      queue = resolveQueue(created);
      grantKey = created;
    }
    ctx.grants.allowS3From({ key: grantKey, kind: "queue", name: n.policy, arn: queue.arn, url: queue.url, parent }, ctx.sources);
    const alarms = [
      metricAlarm(
        n.oldestAlarm,
        {
          namespace: "AWS/SQS",
          metricName: "ApproximateAgeOfOldestMessage",
          dimensions: { QueueName: queue.name },
          statistic: "Maximum",
          threshold: ctx.failure.maxMessageAgeSeconds,
          description: `S3 events in ${ctx.name} wait longer than ${ctx.failure.maxMessageAgeSeconds} s: the consumer is behind or failing.`,
        },
        ctx.failure.alarmTopicArn,
        { parent },
      ),
    ];
    if (this.args.consumer) alarms.push(...this.bindConsumer(ctx, this.args.consumer, queue, key));
    return { arn: queue.arn, dependencies, grantKeys: [grantKey], deadLetterQueues: [dlq], alarms, queue: created };
  }

  failurePaths(name: string, failure: FailureHandling): FailurePath[] {
    const consumer = this.args.consumer;
    const literalTimeout = typeof consumer?.timeoutSeconds === "number" ? consumer.timeoutSeconds : undefined;
    // A created queue with a consumer gets 6x its timeout, known only once the function is.
    const visibility = this.given ? undefined : (this.args.visibilityTimeoutSeconds ?? (consumer ? undefined : SQS_DEFAULT_VISIBILITY_SECONDS));
    return [
      {
        stage: {
          kind: "sqs",
          name,
          retentionSeconds: this.given ? undefined : this.retentionSeconds,
          fifo: false,
          visibilityTimeoutSeconds: visibility,
          maxReceiveCount: this.maxReceiveCount,
          consumer: consumer && { name: sqsNames(name).consumer, timeoutSeconds: literalTimeout, reportBatchItemFailures: true },
          oldestMessageAlarm: alarmSettings(sqsNames(name).oldestAlarm, { metricName: "ApproximateAgeOfOldestMessage", threshold: failure.maxMessageAgeSeconds }, failure.alarmTopicArn),
        },
        deadLetter: deadLetterSettings(sqsNames(name).deadLetterQueue, failure),
      },
    ];
  }

  private consumerTimeout(): pulumi.Output<number> | undefined {
    const consumer = this.args.consumer;
    if (!consumer) return undefined;
    if (consumer.timeoutSeconds !== undefined) return pulumi.output(consumer.timeoutSeconds);
    if (aws.lambda.Function.isInstance(consumer.function)) return consumer.function.timeout.apply((t) => t ?? 3);
    return undefined;
  }

  private bindConsumer(ctx: BindContext, consumer: ConsumerSettings, queue: ResolvedQueue, key: aws.kms.Key | undefined) {
    const fn = resolveFunction(consumer.function);
    const roleArn = fn.roleArn as pulumi.Output<string>; // validate() ensured it
    const n = sqsNames(ctx.name);
    const receive = new aws.iam.RolePolicy(
      n.consume,
      {
        role: roleArn.apply(arnName),
        policy: pulumi.all([queue.arn, key?.arn]).apply(([queueArn, keyArn]) =>
          JSON.stringify({
            Version: "2012-10-17",
            Statement: [
              {
                Sid: "ConsumeS3Events",
                Effect: "Allow",
                Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility"],
                Resource: queueArn,
              },
              ...(keyArn ? [{ Sid: "DecryptS3Events", Effect: "Allow", Action: "kms:Decrypt", Resource: keyArn }] : []),
            ],
          }),
        ),
      },
      { parent: ctx.parent },
    );
    new aws.lambda.EventSourceMapping(
      n.consumer,
      {
        eventSourceArn: queue.arn,
        // A version or alias is named by its ARN: the mapping takes no separate qualifier.
        // https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html
        functionName: pulumi.all([fn.functionName, fn.qualifier, fn.arn]).apply(([name, qualifier, arn]) => (qualifier === undefined ? name : arn)),
        batchSize: consumer.batchSize ?? 10,
        // Only the failed messages of a batch are retried, and so reach the DLQ.
        functionResponseTypes: ["ReportBatchItemFailures"],
      },
      { parent: ctx.parent, dependsOn: [receive] },
    );
    return functionAlarms(n.consumer, fn.functionName, ctx, "sync");
  }
}

function sqsNames(scope: string) {
  return {
    queue: scope,
    deadLetterQueue: `${scope}-dlq`,
    redrivePolicy: `${scope}-redrive`,
    key: `${scope}-key`,
    policy: `${scope}-policy`,
    oldestAlarm: `${scope}-oldest`,
    consume: `${scope}-consume`,
    consumer: `${scope}-consumer`,
  };
}

/** The visibility rule of `sqsConsumerRules`, on values known at deploy. */
function visibilityProblems(visibility: number, timeout: number): DestinationProblem[] {
  const stage = {
    kind: "sqs",
    name: "queue",
    retentionSeconds: undefined,
    fifo: undefined,
    visibilityTimeoutSeconds: visibility,
    maxReceiveCount: undefined,
    consumer: { name: "consumer", timeoutSeconds: timeout, reportBatchItemFailures: undefined },
    oldestMessageAlarm: undefined,
  } as const;
  return sqsConsumerRules({ stage, deadLetter: undefined }).map((f) => ({ field: "visibilityTimeoutSeconds", message: f.message }));
}
