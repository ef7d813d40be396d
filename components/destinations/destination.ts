import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { KeyFilter } from "../../policies/s3";
import type { FailurePath } from "../../policies/timeline";
import type { NameJoin, PlannedChild } from "../childNames";
import type { DeadLetterQueue, FailureHandling } from "../failureHandling";
import type { GrantBook } from "../grants";
import type { AsyncFunction } from "./asyncInvocation";

export type DestinationKind = "lambda" | "sqs" | "sns" | "eventbridge";

/** A bucket that sends to a destination, resolved. */
export interface SourceBucket {
  /** The bucket's key in the component's `buckets`. */
  readonly key: string;
  readonly name: pulumi.Output<string>;
  readonly arn: pulumi.Output<string>;
  /** The account that owns the bucket: the `aws:SourceAccount` of every grant. */
  readonly accountId: pulumi.Output<string>;
}

/** One rule routed to a destination. */
export interface Route {
  readonly ruleId: string;
  readonly bucket: SourceBucket;
  readonly events: readonly string[];
  readonly filter: KeyFilter;
}

export interface BindContext {
  /** The base name for every child, e.g. `uploads-thumbnails`. */
  readonly name: string;
  /** The destination's own component, which owns every child it creates. */
  readonly parent: pulumi.Resource;
  readonly routes: readonly Route[];
  /** The distinct buckets among the routes. */
  readonly sources: readonly SourceBucket[];
  /** The deploying account, which administers any key the destination creates. */
  readonly accountId: pulumi.Output<string>;
  readonly partition: pulumi.Output<string>;
  readonly failure: FailureHandling;
  /** Where queue and topic grants go: one policy per queue or topic for the whole graph. */
  readonly grants: GrantBook;
}

export interface DestinationBinding {
  /** The ARN the bucket's notification configuration names; undefined for EventBridge. */
  readonly arn: pulumi.Output<string> | undefined;
  /** Resources every source's notification must wait for (S3 validates every destination on each PUT). */
  readonly dependencies: readonly pulumi.Resource[];
  /**
   * Resources only one source's notification waits for, keyed by bucket key: its own grant, not
   * every bucket's (which would tie N notifications to N grants each).
   */
  readonly sourceDependencies?: Readonly<Record<string, readonly pulumi.Resource[]>>;
  /** Keys of the queues and topics whose policy in the grant book the notification waits for. */
  readonly grantKeys: readonly (object | string)[];
  readonly deadLetterQueues: readonly DeadLetterQueue[];
  readonly alarms: readonly aws.cloudwatch.MetricAlarm[];
  /** The queue the destination created, if it did. */
  readonly queue?: aws.sqs.Queue;
  /** The topic the destination created, if it did. */
  readonly topic?: aws.sns.Topic;
}

/** What a destination's children are named after, known from the args alone. */
export interface ChildPlan {
  /** The buckets whose rules route to the destination. */
  readonly sourceKeys: readonly string[];
  /** The ids of the rules routed to it. */
  readonly ruleIds: readonly string[];
  /** How a name is built from parts: `childName`, or the former plain join when planning aliases. */
  readonly join: NameJoin;
}

/** A problem with a destination's own settings: the field and what to do. */
export interface DestinationProblem {
  readonly field: string;
  readonly message: string;
}

/**
 * One kind of destination, built from its plain-data args and never changed after: what it checks, what grant it needs, what the notification must wait
 * for, what failure handling it adds. Adding a destination type is one more class, nothing else.
 */
export interface NotificationDestination {
  readonly kind: DestinationKind;
  /** Checks on values known now; run before any resource is registered. */
  validate(): DestinationProblem[];
  /**
   * Checks on values known only at deploy, each its own Output so that an unknown value in a
   * preview does not hide a known failure; the component fails the preview or update on any.
   */
  validateAtDeploy(failure: FailureHandling): pulumi.Output<DestinationProblem[]>[];
  /**
   * The failure paths `bind` will create under the base name `name`, from values known now, for
   * the timeline rules checked before any resource is registered.
   */
  failurePaths(name: string, failure: FailureHandling): FailurePath[];
  /** The functions whose event invoke config `bind` writes, if any: Lambda keeps one per function. */
  readonly asyncFunctions?: readonly AsyncFunction[];
  /** The ARN whose region must be the buckets' region, when it is a plain string now. */
  readonly literalArn: string | undefined;
  /** The region of a destination given by the caller, checked at deploy; undefined when the destination creates it. */
  readonly region: pulumi.Output<string | undefined> | undefined;
  /**
   * Every resource `bind` will register for `scope` (its `ctx.name`), from the same name functions
   * `bind` uses: checked for collisions across the whole graph before anything registers.
   */
  childNames(scope: string, plan: ChildPlan): PlannedChild[];
  /** Registers the destination's resources under `ctx.parent` and returns them; changes nothing of its own. */
  bind(ctx: BindContext): DestinationBinding;
}
