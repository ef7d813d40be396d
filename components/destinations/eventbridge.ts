import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { eventBridgeMatches, overlappingKeys, type KeyFilter } from "../../policies/s3";
import type { FailurePath } from "../../policies/timeline";
import { TYPES, type PlannedChild } from "../childNames";
import { createDeadLetterQueue, deadLetterQueueChildren, deadLetterSettings, type FailureHandling } from "../failureHandling";
import { sid } from "../policyDocuments";
import type { FunctionRef } from "../references";
import type { BindContext, ChildPlan, DestinationBinding, DestinationProblem, NotificationDestination } from "./destination";
import { FunctionTarget } from "./functionTarget";
import { functionAlarmChildren, functionAlarms } from "./lambda";

export interface EventBridgeDestinationArgs {
  /** The function each matching event rule targets. */
  readonly target: FunctionRef;
  /** Retries of a failed delivery to the target (0-185). Defaults to 185, EventBridge's maximum. */
  readonly maximumRetryAttempts?: number;
  /** How long EventBridge keeps retrying (60-86,400 s). Defaults to 86,400 s (24 h). */
  readonly maximumEventAgeInSeconds?: number;
}

/**
 * The bucket's `eventbridge` switch sends every event of the bucket to the default bus, unfiltered;
 * each rule routed here becomes an EventBridge rule matching its events, bucket and key filter,
 * whose target retries and then dead-letters into SQS.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/EventBridge.html
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html
 */
export class EventBridgeDestination extends FunctionTarget implements NotificationDestination {
  readonly kind = "eventbridge" as const;
  readonly rules: aws.cloudwatch.EventRule[] = [];

  constructor(args: EventBridgeDestinationArgs) {
    super(args.target, args.maximumRetryAttempts, args.maximumEventAgeInSeconds, {
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
      this.rules.push(rule);
      ctx.grants.grant({ key: dlq.queue, kind: "queue", name: n.deadLetterQueuePolicy, arn: dlq.queue.arn, url: dlq.queue.url }, {
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
    rule: (ruleId: string) => `${scope}-${ruleId}`,
    allowEvents: (ruleId: string) => `${scope}-${ruleId}-allow-events`,
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
