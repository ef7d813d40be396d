import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { FailurePath } from "../../policies/timeline";
import { metricAlarm } from "../alarms";
import { TYPES, type PlannedChild } from "../childNames";
import type { FailureHandling } from "../failureHandling";
import type { FieldProblem } from "../onlyOne";
import { arnName, functionFrom, type FunctionRef } from "../references";
import { asyncInvocationChildren, asyncInvocationPath, functionRoleProblems, retainFailedInvocations } from "./asyncInvocation";
import type { BindContext, ChildPlan, DestinationBinding, DestinationProblem, NotificationDestination } from "./destination";
import { FunctionTarget } from "./functionTarget";

/** S3 invokes a Lambda function asynchronously; events still failing after retries go to a dead-letter queue. */
export interface LambdaDestination {
  /** The function S3 invokes, a resource of this program. Only one of `function` or `functionArn`. */
  readonly function?: aws.lambda.Function;
  /** The ARN of an existing function S3 invokes. Only one of `function` or `functionArn`. */
  readonly functionArn?: pulumi.Input<string>;
  /** The execution role's ARN of the function `functionArn` names, so it may send failed events to its dead-letter queue. Required with `functionArn`. */
  readonly functionRoleArn?: pulumi.Input<string>;
  /** How often Lambda retries a failed asynchronous invocation (0-2). Defaults to 2. */
  readonly maximumRetryAttempts?: number;
  /** How long Lambda keeps an event it could not yet process (60-21,600 s). Defaults to 21,600 s (6 h). */
  readonly maximumEventAgeInSeconds?: number;
}

/** The internal destination for plain-data `args`, or the problems that keep it from being built. */
export function lambdaDelivery(args: LambdaDestination): { delivery: LambdaDelivery | undefined; problems: FieldProblem[] } {
  const { ref, problems } = functionFrom("", args);
  return { delivery: ref && new LambdaDelivery(ref, args), problems };
}

/**
 * S3 invokes Lambda asynchronously: a permission scoped to each source bucket and its owner, and
 * an event invoke config that sends events still failing after retries to an SQS dead-letter queue
 * instead of dropping them. https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html
 */
export class LambdaDelivery extends FunctionTarget implements NotificationDestination {
  readonly kind = "lambda" as const;

  constructor(fn: FunctionRef, args: LambdaDestination) {
    super(fn, args.maximumRetryAttempts, args.maximumEventAgeInSeconds, {
      maxRetries: 2,
      defaultRetries: 2,
      minAge: 60,
      maxAge: 21_600,
      defaultAge: 21_600,
      retriesAllowed: "0, 1 or 2 (Lambda's limit)",
      ageAllowed: "a whole number from 60 to 21600 (Lambda's limits)",
    });
  }

  validate(): DestinationProblem[] {
    return [...this.retryProblems(), ...functionRoleProblems(this.fn)];
  }

  childNames(scope: string, plan: ChildPlan): PlannedChild[] {
    const n = lambdaNames(scope);
    return [
      ...plan.sourceKeys.map((bucket) => ({ type: TYPES.permission, name: n.permission(bucket), via: `bucket \`${bucket}\`` })),
      ...asyncInvocationChildren(n),
      ...functionAlarmChildren(scope, "async"),
    ];
  }

  failurePaths(name: string, failure: FailureHandling): FailurePath[] {
    return [asyncInvocationPath(name, lambdaNames(name), this.retries, failure)];
  }

  bind(ctx: BindContext): DestinationBinding {
    const { parent } = ctx;
    const n = lambdaNames(ctx.name);
    const permissions = ctx.sources.map(
      (source): [string, aws.lambda.Permission] => [
        source.key,
        new aws.lambda.Permission(
          n.permission(source.key),
          {
            action: "lambda:InvokeFunction",
            function: this.fn.functionName,
            qualifier: this.fn.qualifier,
            principal: "s3.amazonaws.com",
            sourceArn: source.arn,
            sourceAccount: source.accountId,
          },
          { parent },
        ),
      ],
    );
    const { deadLetterQueue: dlq, invokeConfig } = retainFailedInvocations(n, this.fn, this.retries, `lambda ${ctx.name}: failed async invocations`, ctx.failure, parent);
    // Stryker disable next-line StringLiteral: equivalent, only a `sync` invocation stops before the dropped-events alarm.
    const alarms = functionAlarms(ctx.name, this.fn.functionName, ctx, "async");
    return {
      arn: this.fn.arn,
      dependencies: [invokeConfig],
      sourceDependencies: Object.fromEntries(permissions.map(([key, permission]) => [key, [permission]])),
      grantKeys: [],
      deadLetterQueues: [dlq],
      alarms,
    };
  }
}

function lambdaNames(scope: string) {
  return {
    permission: (bucket: string) => `${scope}-allow-${bucket}`,
    deadLetterQueue: `${scope}-dlq`,
    sendToDeadLetterQueue: `${scope}-send-to-dlq`,
    invokeConfig: `${scope}-async`,
  };
}

const functionAlarmNames = (name: string) => ({ errors: `${name}-errors`, dropped: `${name}-dropped` });

/** What `functionAlarms(name, …, invocation)` registers. */
export function functionAlarmChildren(name: string, invocation: "async" | "sync", via?: string): PlannedChild[] {
  const n = functionAlarmNames(name);
  return [n.errors, ...(invocation === "async" ? [n.dropped] : [])].map((alarm) => ({ type: TYPES.alarm, name: alarm, via }));
}

/**
 * Alarms on a function's errors and, when it is invoked asynchronously, on events it dropped
 * without a destination (a synchronous invoker, such as an SQS event source mapping, never drops).
 */
export function functionAlarms(
  name: string,
  functionName: pulumi.Output<string>,
  ctx: Pick<BindContext, "failure" | "parent">,
  invocation: "async" | "sync",
): aws.cloudwatch.MetricAlarm[] {
  const dimensions = { FunctionName: functionName.apply(arnName) };
  const opts = { parent: ctx.parent };
  const n = functionAlarmNames(name);
  const errors = metricAlarm(
    n.errors,
    { namespace: "AWS/Lambda", metricName: "Errors", dimensions, statistic: "Sum", threshold: 0, description: `Function ${name} failed on S3 events.` },
    ctx.failure.alarmTopicArn,
    opts,
  );
  if (invocation === "sync") return [errors];
  const dropped = metricAlarm(
    n.dropped,
    {
      namespace: "AWS/Lambda",
      metricName: "AsyncEventsDropped",
      dimensions,
      statistic: "Sum",
      threshold: 0,
      description: `Function ${name} dropped S3 events it could not deliver anywhere.`,
    },
    ctx.failure.alarmTopicArn,
    opts,
  );
  return [errors, dropped];
}
