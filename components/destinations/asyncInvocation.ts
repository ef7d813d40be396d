import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { LAMBDA_ASYNC_DEFAULTS, type FailurePath } from "../../policies/timeline";
import { TYPES, type PlannedChild } from "../childNames";
import { createDeadLetterQueue, deadLetterQueueChildren, deadLetterSettings, type DeadLetterQueue, type FailureHandling } from "../failureHandling";
import { arnName, type ResolvedFunction } from "../references";
import type { DestinationProblem } from "./destination";

/**
 * A function invoked asynchronously (by S3 directly, by EventBridge as a rule's target, or by SNS as
 * a topic's subscriber) drops an event that still fails after Lambda's own retries, unless its event
 * invoke config names an on-failure destination. These are the resources that keep it: a
 * dead-letter queue, the right of the function's execution role to send to it, and the invoke config.
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html
 */
export interface AsyncInvocationNames {
  readonly deadLetterQueue: string;
  readonly sendToDeadLetterQueue: string;
  readonly invokeConfig: string;
}

/** Lambda's retry settings for one asynchronous invocation. */
export interface AsyncRetries {
  readonly maximumRetryAttempts: number;
  readonly maximumEventAgeInSeconds: number;
}

/**
 * Lambda's own retries of an event another service handed over asynchronously (EventBridge, SNS),
 * which these destinations leave at Lambda's defaults. https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html
 */
export const LAMBDA_DEFAULT_RETRIES: AsyncRetries = {
  maximumRetryAttempts: LAMBDA_ASYNC_DEFAULTS.retries,
  maximumEventAgeInSeconds: LAMBDA_ASYNC_DEFAULTS.maxEventAgeSeconds,
};

/** A function a destination writes the event invoke config of, and the args field that names it (e.g. `subscribers.audit.functionArn`). */
export interface AsyncFunction {
  readonly fn: ResolvedFunction;
  readonly field: string;
}

/** What `retainFailedInvocations(names, …)` registers. */
export function asyncInvocationChildren(n: AsyncInvocationNames): PlannedChild[] {
  return [...deadLetterQueueChildren(n.deadLetterQueue), { type: TYPES.rolePolicy, name: n.sendToDeadLetterQueue }, { type: TYPES.invokeConfig, name: n.invokeConfig }];
}

/** Lambda checks the execution role may send to the on-failure destination, so it must be known. */
export function functionRoleProblems(fn: ResolvedFunction): DestinationProblem[] {
  if (fn.roleArn !== undefined) return [];
  return [
    {
      field: "functionRoleArn",
      message: "is required with `functionArn`: the function's execution role must be allowed to send failed events to its dead-letter queue.",
    },
  ];
}

/** The failure path `retainFailedInvocations` creates, for the timeline rules. */
export function asyncInvocationPath(name: string, n: AsyncInvocationNames, retries: AsyncRetries, failure: FailureHandling): FailurePath {
  return {
    // The function's timeout is an output: the retry rule assumes the shortest run until deploy.
    stage: { kind: "lambda", name, retries: retries.maximumRetryAttempts, maxEventAgeSeconds: retries.maximumEventAgeInSeconds, timeoutSeconds: undefined },
    deadLetter: deadLetterSettings(n.deadLetterQueue, failure),
  };
}

/** Registers the dead-letter queue, the role's grant to send to it and the invoke config under `parent`. */
export function retainFailedInvocations(
  n: AsyncInvocationNames,
  fn: ResolvedFunction,
  retries: AsyncRetries,
  purpose: string,
  failure: FailureHandling,
  parent: pulumi.Resource,
): { deadLetterQueue: DeadLetterQueue; invokeConfig: aws.lambda.FunctionEventInvokeConfig } {
  const deadLetterQueue = createDeadLetterQueue(n.deadLetterQueue, purpose, failure, parent);
  const roleArn = fn.roleArn as pulumi.Output<string>; // functionRoleProblems() ensured it
  const sendToDlq = new aws.iam.RolePolicy(
    n.sendToDeadLetterQueue,
    {
      role: roleArn.apply(arnName),
      policy: deadLetterQueue.queue.arn.apply((arn) =>
        JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Sid: "SendFailedEventsToDeadLetterQueue", Effect: "Allow", Action: "sqs:SendMessage", Resource: arn }],
        }),
      ),
    },
    { parent },
  );
  const invokeConfig = new aws.lambda.FunctionEventInvokeConfig(
    n.invokeConfig,
    {
      functionName: fn.functionName,
      qualifier: fn.qualifier,
      maximumRetryAttempts: retries.maximumRetryAttempts,
      maximumEventAgeInSeconds: retries.maximumEventAgeInSeconds,
      destinationConfig: { onFailure: { destination: deadLetterQueue.queue.arn } },
    },
    // Lambda checks the role may send to the destination when the config is written.
    { parent, dependsOn: [sendToDlq] },
  );
  return { deadLetterQueue, invokeConfig };
}
