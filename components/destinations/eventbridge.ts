import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { eventBridgeMatches, type KeyFilter } from "../../policies/s3";
import type { FailurePath } from "../../policies/timeline";
import { childName, TYPES, type PlannedChild } from "../childNames";
import { createDeadLetterQueue, deadLetterQueueChildren, deadLetterSettings, type FailureHandling } from "../failureHandling";
import { sid } from "../policyDocuments";
import type { FieldProblem } from "../onlyOne";
import { functionFrom, type FunctionRef } from "../references";
import type { BindContext, ChildPlan, DestinationBinding, DestinationProblem, NotificationDestination } from "./destination";
import { FunctionTarget } from "./functionTarget";
import { functionAlarmChildren, functionAlarms } from "./lambda";

/**
 * S3 sends every event of the bucket to EventBridge; each rule routed here becomes an EventBridge
 * rule matching its events, bucket and key filter, targeting a function with retries and a DLQ.
 */
export interface EventBridgeDestination {
  /** The function each matching event rule targets, a resource of this program. Only one of `function` or `functionArn`. */
  readonly function?: aws.lambda.Function;
  /** The ARN of an existing function each matching event rule targets. Only one of `function` or `functionArn`. */
  readonly functionArn?: pulumi.Input<string>;
  /** Retries of a failed delivery to the target (0-185). Defaults to 185, EventBridge's maximum. */
  readonly maximumRetryAttempts?: number;
  /** How long EventBridge keeps retrying (60-86,400 s). Defaults to 86,400 s (24 h). */
  readonly maximumEventAgeInSeconds?: number;
}

/** The internal destination for plain-data `args`, or the problems that keep it from being built. */
export function eventBridgeDelivery(args: EventBridgeDestination): { delivery: EventBridgeDelivery | undefined; problems: FieldProblem[] } {
  const { ref, problems } = functionFrom("", args);
  return { delivery: ref && new EventBridgeDelivery(ref, args), problems };
}

/**
 * The bucket's `eventbridge` switch sends every event of the bucket to the default bus, unfiltered;
 * each rule routed here becomes an EventBridge rule matching its events, bucket and key filter,
 * whose target retries and then dead-letters into SQS.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/EventBridge.html
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html
 */
export class EventBridgeDelivery extends FunctionTarget implements NotificationDestination {
  readonly kind = "eventbridge" as const;

  constructor(fn: FunctionRef, args: EventBridgeDestination) {
    super(fn, args.maximumRetryAttempts, args.maximumEventAgeInSeconds, {
      maxRetries: 185,
      defaultRetries: 185,
      minAge: 60,
      maxAge: 86_400,
      defaultAge: 86_400,
    });
  }

  validate(): DestinationProblem[] {
    return this.retryProblems();
  }

  childNames(scope: string, plan: ChildPlan): PlannedChild[] {
    const n = eventBridgeNames(scope);
    return [
      ...deadLetterQueueChildren(n.deadLetterQueue),
      { type: TYPES.queuePolicy, name: n.deadLetterQueuePolicy },
      ...plan.ruleIds.flatMap((id) => {
        const via = `rule \`${id}\``;
        return [
          { type: TYPES.eventRule, name: n.rule(id), via },
          { type: TYPES.eventTarget, name: n.rule(id), via },
          { type: TYPES.permission, name: n.allowEvents(id), via },
        ];
      }),
      ...functionAlarmChildren(scope, "async"),
    ];
  }

  failurePaths(name: string, failure: FailureHandling): FailurePath[] {
    return [
      {
        stage: { kind: "eventbridge", name, retries: this.maximumRetryAttempts, maxEventAgeSeconds: this.maximumEventAgeInSeconds },
        deadLetter: deadLetterSettings(eventBridgeNames(name).deadLetterQueue, failure),
      },
    ];
  }

  bind(ctx: BindContext): DestinationBinding {
    const { parent } = ctx;
    const n = eventBridgeNames(ctx.name);
    const dlq = createDeadLetterQueue(n.deadLetterQueue, `eventbridge ${ctx.name}: undeliverable events`, ctx.failure, parent);
    const sourceDependencies: Record<string, pulumi.Resource[]> = {};
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
      const permission = new aws.lambda.Permission(
        n.allowEvents(route.ruleId),
        { action: "lambda:InvokeFunction", function: this.fn.functionName, principal: "events.amazonaws.com", sourceArn: rule.arn },
        { parent },
      );
      (sourceDependencies[route.bucket.key] ??= []).push(
        new aws.cloudwatch.EventTarget(
          name,
          {
            rule: rule.name,
            arn: this.fn.arn,
            retryPolicy: { maximumRetryAttempts: this.maximumRetryAttempts, maximumEventAgeInSeconds: this.maximumEventAgeInSeconds },
            deadLetterConfig: { arn: dlq.queue.arn },
          },
          { parent, dependsOn: [permission] },
        ),
      );
    }
    const alarms = functionAlarms(ctx.name, this.fn.functionName, ctx, "async");
    return { arn: undefined, dependencies: [], sourceDependencies, grantKeys: [dlq.queue], deadLetterQueues: [dlq], alarms };
  }
}

function eventBridgeNames(scope: string) {
  return {
    deadLetterQueue: `${scope}-dlq`,
    deadLetterQueuePolicy: `${scope}-dlq-policy`,
    rule: (ruleId: string) => childName(scope, ruleId),
    allowEvents: (ruleId: string) => `${childName(scope, ruleId)}-allow-events`,
  };
}

/**
 * The EventBridge pattern for one rule: exactly its events (by detail type, and by `reason` and
 * `deletion-type` where a type holds events the rule did not ask for; several alternatives become
 * an `$or`), its bucket, and its key filter. A prefix and a suffix together need a wildcard
 * pattern, whose literal `*` and `\` are escaped.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html
 */
export function eventPattern(bucketName: string, events: readonly string[], filter: KeyFilter): object {
  const key = keyMatcher(filter);
  const alternatives = eventBridgeMatches(events).map((m) => ({
    "detail-type": m["detail-type"],
    detail: { bucket: { name: [bucketName] }, ...(key ? { object: { key: [key] } } : {}), ...m.detail },
  }));
  return alternatives.length === 1 ? { source: ["aws.s3"], ...alternatives[0] } : { source: ["aws.s3"], $or: alternatives };
}
function keyMatcher({ prefix, suffix }: KeyFilter): object | undefined {
  if (prefix !== "" && suffix !== "") {
    const escape = (s: string) => s.replace(/[\\*]/g, (c) => `\\${c}`);
    return { wildcard: `${escape(prefix)}*${escape(suffix)}` };
  }
  if (prefix !== "") return { prefix };
  if (suffix !== "") return { suffix };
  return undefined;
}
