import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { eventBridgeMatches, overlappingKeys, type KeyFilter } from "../../policies/s3";
import type { FailurePath } from "../../policies/timeline";
import { childName, TYPES, type NameJoin, type PlannedChild } from "../childNames";
import { createDeadLetterQueue, deadLetterQueueChildren, deadLetterSettings, type FailureHandling } from "../failureHandling";
import { sid } from "../policyDocuments";
import type { FieldProblem } from "../onlyOne";
import { onlyOne } from "../onlyOne";
import { wholeNumberProblems } from "../limits";
import {
  functionFrom,
  queueFrom,
  resolveFunction,
  resolveQueue,
  resolveTopic,
  topicFrom,
  type QueueRef,
  type ResolvedFunction,
  type ResolvedQueue,
  type ResolvedTarget,
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
import type { TargetKind } from "./deliveryTarget";
import type { BindContext, ChildPlan, DestinationBinding, DestinationProblem, NotificationDestination } from "./destination";
import { functionAlarmChildren, functionAlarms } from "./lambda";

/**
 * S3 sends every event of the bucket to EventBridge; each rule routed here becomes an EventBridge
 * rule matching its events, bucket and key filter, whose target (exactly one of a function, a
 * queue or a topic) is granted to it and retries, then dead-letters into SQS. A function target
 * also keeps what it fails on: EventBridge hands it the event asynchronously, and Lambda's own
 * retries end in a second dead-letter queue.
 */
export interface EventBridgeDestination {
  /** The function each matching event rule targets, a resource of this program. */
  readonly function?: aws.lambda.Function;
  /** The ARN of an existing function each matching event rule targets. */
  readonly functionArn?: pulumi.Input<string>;
  /** The execution role's ARN of the function `functionArn` names, so it may send failed events to its dead-letter queue. Required with `functionArn`. */
  readonly functionRoleArn?: pulumi.Input<string>;
  /** The standard queue each matching event rule targets, a resource of this program; its policy lets only those rules send. */
  readonly queue?: aws.sqs.Queue;
  /** The ARN of an existing standard queue each matching event rule targets. */
  readonly queueArn?: pulumi.Input<string>;
  /** The URL of the queue `queueArn` names, for its queue policy. Required with `queueArn`. */
  readonly queueUrl?: pulumi.Input<string>;
  /** The standard topic each matching event rule targets, a resource of this program; its policy lets only those rules publish. */
  readonly topic?: aws.sns.Topic;
  /** The ARN of an existing standard topic each matching event rule targets. */
  readonly topicArn?: pulumi.Input<string>;
  /** Retries of a failed delivery to the target (0-185). Defaults to 185, EventBridge's maximum. */
  readonly maximumRetryAttempts?: number;
  /**
   * How long EventBridge keeps retrying (60-86,400 s). Defaults to 86,400 s (24 h). A function
   * target's own failures are retried by Lambda with its defaults (2 retries, 6 h).
   */
  readonly maximumEventAgeInSeconds?: number;
}

/** The internal destination for plain-data `args`, or the problems that keep it from being built. */
export function eventBridgeDelivery(args: EventBridgeDestination): { delivery: EventBridgeDelivery | undefined; problems: FieldProblem[] } {
  const { chosen, problems } = onlyOne("", args, TARGET_FIELDS, true);
  // One target is required: none chosen is exactly when there is a problem.
  if (chosen === undefined) return { delivery: undefined, problems };
  let target: Target | undefined;
  if (chosen === "function" || chosen === "functionArn") {
    const fn = functionFrom("", args);
    problems.push(...fn.problems);
    if (fn.ref) target = { kind: "function", fn: resolveFunction(fn.ref) };
  } else if (chosen === "queue" || chosen === "queueArn") {
    // Stryker disable next-line BooleanLiteral: equivalent, a queue field is set here, so whether one is required never matters.
    const queue = queueFrom("", args, true);
    problems.push(...queue.problems);
    if (queue.ref) target = { kind: "queue", ref: queue.ref, queue: resolveQueue(queue.ref) };
  } else {
    // Stryker disable next-line BooleanLiteral: equivalent, a topic field is set here, so whether one is required never matters.
    const topic = topicFrom("", args, true);
    problems.push(...topic.problems);
    if (topic.ref) target = { kind: "topic", ref: topic.ref, topic: resolveTopic(topic.ref) };
  }
  return { delivery: target && new EventBridgeDelivery(target, args), problems };
}

/**
 * A FIFO queue or topic needs a message group id on each EventBridge target, which these targets
 * do not set. https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_SqsParameters.html
 */
function fifoTargetProblem(kind: TargetKind, target: string): DestinationProblem {
  return {
    field: kind,
    message: `${target} is a FIFO ${kind}; an EventBridge target needs a message group id for it, which these targets do not set. Use a standard ${kind}.`,
  };
}

const TARGET_FIELDS = ["function", "functionArn", "queue", "queueArn", "topic", "topicArn"] as const;


/** What each rule targets, resolved. */
type Target =
  | { readonly kind: "function"; readonly fn: ResolvedFunction }
  | { readonly kind: "queue"; readonly ref: QueueRef; readonly queue: ResolvedQueue }
  | { readonly kind: "topic"; readonly ref: TopicRef; readonly topic: ResolvedTopic };

/** EventBridge's limits on retrying delivery to a target. https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-retry-policy.html */
const RETRY_LIMITS = { maxRetries: 185, minAge: 60, maxAge: 86_400 } as const;

/**
 * The bucket's `eventbridge` switch sends every event of the bucket to the default bus, unfiltered;
 * each rule routed here becomes an EventBridge rule matching its events, bucket and key filter,
 * whose target retries and then dead-letters into SQS.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/EventBridge.html
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html
 */
export class EventBridgeDelivery implements NotificationDestination {
  readonly kind = "eventbridge" as const;
  private readonly maximumRetryAttempts: number;
  private readonly maximumEventAgeInSeconds: number;

  constructor(
    private readonly target: Target,
    args: EventBridgeDestination,
  ) {
    this.maximumRetryAttempts = args.maximumRetryAttempts ?? RETRY_LIMITS.maxRetries;
    this.maximumEventAgeInSeconds = args.maximumEventAgeInSeconds ?? RETRY_LIMITS.maxAge;
  }

  private get resolved(): ResolvedFunction | ResolvedTarget {
    const t = this.target;
    return t.kind === "function" ? t.fn : t.kind === "queue" ? t.queue : t.topic;
  }

  get asyncFunctions(): AsyncFunction[] {
    return this.target.kind === "function" ? [{ fn: this.target.fn, field: this.target.fn.field }] : [];
  }

  get literalArn(): string | undefined {
    return this.resolved.literalArn;
  }

  get region(): pulumi.Output<string | undefined> {
    return this.resolved.region;
  }

  validate(): DestinationProblem[] {
    const { kind } = this.target;
    const literal = this.resolved.literalArn;
    return [
      ...wholeNumberProblems("maximumRetryAttempts", this.maximumRetryAttempts, 0, RETRY_LIMITS.maxRetries),
      ...wholeNumberProblems("maximumEventAgeInSeconds", this.maximumEventAgeInSeconds, RETRY_LIMITS.minAge, RETRY_LIMITS.maxAge),
      // A function's name may end in `.fifo` too.
      ...(kind !== "function" && literal?.endsWith(".fifo") ? [fifoTargetProblem(kind, `\`${literal}\``)] : []),
      ...(this.target.kind === "function" ? functionRoleProblems(this.target.fn) : []),
    ];
  }

  validateAtDeploy(): pulumi.Output<DestinationProblem[]>[] {
    const t = this.target;
    if (t.kind === "function") return [];
    const fifo = t.kind === "queue" ? t.queue.fifo : t.topic.fifo;
    return [fifo.apply((f) => (f ? [fifoTargetProblem(t.kind, `the given ${t.kind}`)] : []))];
  }

  childNames(scope: string, plan: ChildPlan): PlannedChild[] {
    const n = eventBridgeNames(scope, plan.join);
    return [
      ...deadLetterQueueChildren(n.deadLetterQueue),
      { type: TYPES.queuePolicy, name: n.deadLetterQueuePolicy },
      ...plan.ruleIds.flatMap((id) => {
        const via = `rule \`${id}\``;
        return [
          { type: TYPES.eventRule, name: n.rule(id), via },
          { type: TYPES.eventTarget, name: n.rule(id), via },
          ...(this.target.kind === "function" ? [{ type: TYPES.permission, name: n.allowEvents(id), via }] : []),
        ];
      }),
      ...(this.target.kind === "queue" ? [{ type: TYPES.queuePolicy, name: n.targetPolicy }] : []),
      ...(this.target.kind === "topic" ? [{ type: TYPES.topicPolicy, name: n.targetPolicy }] : []),
      ...(this.target.kind === "function" ? [...asyncInvocationChildren(n.functionFailures), ...functionAlarmChildren(scope, "async")] : []),
    ];
  }

  failurePaths(name: string, failure: FailureHandling): FailurePath[] {
    const n = eventBridgeNames(name);
    return [
      {
        stage: { kind: "eventbridge", name, retries: this.maximumRetryAttempts, maxEventAgeSeconds: this.maximumEventAgeInSeconds },
        deadLetter: deadLetterSettings(n.deadLetterQueue, failure),
      },
      ...(this.target.kind === "function" ? [asyncInvocationPath(name, n.functionFailures, LAMBDA_DEFAULT_RETRIES, failure)] : []),
    ];
  }

  bind(ctx: BindContext): DestinationBinding {
    const { parent } = ctx;
    const n = eventBridgeNames(ctx.name);
    const dlq = createDeadLetterQueue(n.deadLetterQueue, `eventbridge ${ctx.name}: undeliverable events`, ctx.failure, parent);
    const sourceDependencies: Record<string, pulumi.Resource[]> = {};
    const t = this.target;
    // EventBridge invokes a function target asynchronously: once Lambda accepts the event, its
    // failures are Lambda's to retry (its defaults), then to send to the on-failure destination, set
    // up before any rule targets the function. https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html
    const functionFailures =
      t.kind === "function"
        ? retainFailedInvocations(n.functionFailures, t.fn, LAMBDA_DEFAULT_RETRIES, `eventbridge ${ctx.name}: failed async invocations of the function`, ctx.failure, parent)
        : undefined;
    // One policy per queue or topic: the same ARN given twice is the same target.
    const targetKey = t.kind === "queue" ? (t.queue.literalArn ?? t.ref) : t.kind === "topic" ? (t.topic.literalArn ?? t.ref) : undefined;
    for (const route of ctx.routes) {
      const name = n.rule(route.ruleId);
      const rule = new aws.cloudwatch.EventRule(
        name,
        {
          description: `S3 ${route.events.join(", ")} on bucket ${route.bucket.key}, rule ${route.ruleId}`,
          eventPattern: route.bucket.name.apply((bucket) => JSON.stringify(eventPattern(bucket, route.events, route.filter))),
        },
        { parent },
      );
      ctx.grants.grant({ key: dlq.queue, kind: "queue", name: n.deadLetterQueuePolicy, arn: dlq.queue.arn, url: dlq.queue.url, parent }, {
        sid: sid("AllowEventsFrom", route.ruleId),
        service: "events.amazonaws.com",
        actions: ["sqs:SendMessage"],
        sourceArn: rule.arn,
        sourceAccount: ctx.accountId,
      });
      // The target's grant: only this rule, in this account, may deliver to it.
      const fromRule = { sid: sid("AllowEventsFrom", route.ruleId), service: "events.amazonaws.com", sourceArn: rule.arn, sourceAccount: ctx.accountId };
      const dependsOn: pulumi.Resource[] = functionFailures ? [functionFailures.invokeConfig] : [];
      if (t.kind === "function") {
        dependsOn.push(
          new aws.lambda.Permission(
            n.allowEvents(route.ruleId),
            { action: "lambda:InvokeFunction", function: t.fn.functionName, qualifier: t.fn.qualifier, principal: "events.amazonaws.com", sourceArn: rule.arn },
            { parent },
          ),
        );
      } else if (t.kind === "queue") {
        ctx.grants.grant({ key: targetKey!, kind: "queue", name: n.targetPolicy, arn: t.queue.arn, url: t.queue.url, parent }, { ...fromRule, actions: ["sqs:SendMessage"] });
      } else {
        // Stryker disable next-line StringLiteral: equivalent, the grant book writes a topic policy for every kind but `queue`.
        ctx.grants.grant({ key: targetKey!, kind: "topic", name: n.targetPolicy, arn: t.topic.arn, parent }, { ...fromRule, actions: ["sns:Publish"] });
      }
      (sourceDependencies[route.bucket.key] ??= []).push(
        new aws.cloudwatch.EventTarget(
          name,
          {
            rule: rule.name,
            arn: this.resolved.arn,
            retryPolicy: { maximumRetryAttempts: this.maximumRetryAttempts, maximumEventAgeInSeconds: this.maximumEventAgeInSeconds },
            deadLetterConfig: { arn: dlq.queue.arn },
          },
          { parent, dependsOn },
        ),
      );
    }
    // A function's own failures are alarmed here; a queue's or topic's by whoever consumes them.
    // Stryker disable next-line StringLiteral: equivalent, only a `sync` invocation stops before the dropped-events alarm.
    const alarms = t.kind === "function" ? functionAlarms(ctx.name, t.fn.functionName, ctx, "async") : [];
    const grantKeys = [dlq.queue, ...(targetKey === undefined || ctx.routes.length === 0 ? [] : [targetKey])];
    const deadLetterQueues = [dlq, ...(functionFailures ? [functionFailures.deadLetterQueue] : [])];
    return { arn: undefined, dependencies: [], sourceDependencies, grantKeys, deadLetterQueues, alarms };
  }
}

function eventBridgeNames(scope: string, join: NameJoin = childName) {
  const functionFailures: AsyncInvocationNames = {
    deadLetterQueue: `${scope}-function-dlq`,
    sendToDeadLetterQueue: `${scope}-function-send-to-dlq`,
    invokeConfig: `${scope}-function-async`,
  };
  return {
    functionFailures,
    deadLetterQueue: `${scope}-dlq`,
    deadLetterQueuePolicy: `${scope}-dlq-policy`,
    rule: (ruleId: string) => join(scope, ruleId),
    allowEvents: (ruleId: string) => `${join(scope, ruleId)}-allow-events`,
    targetPolicy: `${scope}-target-policy`,
  };
}

/**
 * The EventBridge pattern for one rule: exactly its events (by detail type, and by `reason` and
 * `deletion-type` where a type holds events the rule did not ask for; several alternatives become
 * an `$or`), its bucket, and its key filter. A prefix and a suffix together need a wildcard
 * pattern, whose literal `*` and `\` are escaped, plus the keys where prefix and suffix overlap.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html
 */
export function eventPattern(bucketName: string, events: readonly string[], filter: KeyFilter): object {
  const key = keyMatchers(filter);
  const alternatives = eventBridgeMatches(events).map((m) => ({
    "detail-type": m["detail-type"],
    detail: { bucket: { name: [bucketName] }, ...(key ? { object: { key } } : {}), ...m.detail },
  }));
  return alternatives.length === 1 ? { source: ["aws.s3"], ...alternatives[0] } : { source: ["aws.s3"], $or: alternatives };
}
function keyMatchers(filter: KeyFilter): (object | string)[] | undefined {
  const { prefix, suffix } = filter;
  if (prefix !== "" && suffix !== "") {
    const escape = (s: string) => s.replace(/[\\*]/g, (c) => `\\${c}`);
    // `prefix*suffix` needs both in full; keys where they overlap match S3's filter too.
    return [{ wildcard: `${escape(prefix)}*${escape(suffix)}` }, ...overlappingKeys(filter)];
  }
  if (prefix !== "") return [{ prefix }];
  if (suffix !== "") return [{ suffix }];
  return undefined;
}
