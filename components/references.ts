import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { SQS_DEFAULT_RETENTION_SECONDS } from "../policies/timeline";

/** A bucket that exists already, outside this program. */
export interface ExistingBucket {
  /** The bucket's name. */
  readonly name: pulumi.Input<string>;
  /** The bucket's ARN. Defaults to `arn:aws:s3:::<name>`. */
  readonly arn?: pulumi.Input<string>;
  /** The account that owns the bucket. Defaults to the deploying account. */
  readonly accountId?: pulumi.Input<string>;
  /** The bucket's region. Defaults to the provider's region. */
  readonly region?: pulumi.Input<string>;
}

/** A Lambda function that exists already. */
export interface ExistingFunction {
  readonly arn: pulumi.Input<string>;
  /** Its execution role's ARN, so the component can let it use its dead-letter queue. */
  readonly roleArn?: pulumi.Input<string>;
}

/** An SQS queue that exists already. */
export interface ExistingQueue {
  readonly arn: pulumi.Input<string>;
  readonly url: pulumi.Input<string>;
  /** The queue's KMS key (`kmsMasterKeyId`), if it uses one. Defaults to none (SSE-SQS or plain). */
  readonly kmsKeyId?: pulumi.Input<string>;
  /** How long the queue keeps a message, checked against its dead-letter queue's. Defaults to 345,600 (SQS's default). */
  readonly messageRetentionSeconds?: pulumi.Input<number>;
  /** The queue's visibility timeout, checked against a consumer's timeout. Defaults to 30. */
  readonly visibilityTimeoutSeconds?: pulumi.Input<number>;
}

/** An SNS topic that exists already. */
export interface ExistingTopic {
  readonly arn: pulumi.Input<string>;
  /** The topic's KMS key (`kmsMasterKeyId`), if it uses one. Defaults to none. */
  readonly kmsKeyId?: pulumi.Input<string>;
}

export type BucketRef = aws.s3.Bucket | ExistingBucket;
export type FunctionRef = aws.lambda.Function | ExistingFunction;
export type QueueRef = aws.sqs.Queue | ExistingQueue;
export type TopicRef = aws.sns.Topic | ExistingTopic;

/** The parts of an ARN: `arn:partition:service:region:account:resource`. */
export interface ArnParts {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

export function parseArn(arn: string): ArnParts | undefined {
  const parts = arn.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return undefined;
  const [, partition, service, region, account, ...resource] = parts;
  return { partition, service, region, account, resource: resource.join(":") };
}

/** The last segment of a resource ARN: a function's, queue's or topic's name; a role's name. */
export function arnName(arn: string): string {
  const resource = parseArn(arn)?.resource ?? arn;
  return resource.split(/[:/]/).filter((s) => s !== "").pop() ?? resource;
}

export interface ResolvedFunction {
  readonly arn: pulumi.Output<string>;
  /** Name or ARN, as Lambda APIs accept either. */
  readonly functionName: pulumi.Output<string>;
  readonly roleArn: pulumi.Output<string> | undefined;
  /** The literal ARN when known now, for checks before deploy. */
  readonly literalArn: string | undefined;
  readonly region: pulumi.Output<string | undefined>;
}

const regionOfArn = (arn: pulumi.Input<string>) => pulumi.output(arn).apply((a) => parseArn(a)?.region || undefined);

export function resolveFunction(ref: FunctionRef): ResolvedFunction {
  if (aws.lambda.Function.isInstance(ref)) {
    return { arn: ref.arn, functionName: ref.name, roleArn: ref.role, literalArn: undefined, region: ref.region };
  }
  const arn = pulumi.output(ref.arn);
  return {
    arn,
    functionName: arn.apply(arnName),
    roleArn: ref.roleArn === undefined ? undefined : pulumi.output(ref.roleArn),
    literalArn: typeof ref.arn === "string" ? ref.arn : undefined,
    region: regionOfArn(ref.arn),
  };
}

/** What a queue and a topic have in common as a delivery target. */
export interface ResolvedTarget {
  readonly arn: pulumi.Output<string>;
  readonly name: pulumi.Output<string>;
  readonly kmsKeyId: pulumi.Output<string | undefined>;
  readonly fifo: pulumi.Output<boolean>;
  readonly region: pulumi.Output<string | undefined>;
  /** The literal ARN when known now, for checks before deploy. */
  readonly literalArn: string | undefined;
}

export interface ResolvedQueue extends ResolvedTarget {
  readonly url: pulumi.Output<string>;
  readonly visibilityTimeoutSeconds: pulumi.Output<number>;
  readonly messageRetentionSeconds: pulumi.Output<number>;
}

export type ResolvedTopic = ResolvedTarget;

/** A queue or topic resource: its encryption and FIFO flag are its own outputs. */
function targetResource(
  ref: aws.sqs.Queue | aws.sns.Topic,
  kmsMasterKeyId: pulumi.Output<string | undefined>,
  fifo: pulumi.Output<boolean | undefined>,
): ResolvedTarget {
  return {
    arn: ref.arn,
    name: ref.name,
    kmsKeyId: kmsMasterKeyId.apply((k) => k || undefined),
    fifo: fifo.apply((f) => f === true),
    region: ref.region,
    literalArn: undefined,
  };
}

/** An existing queue or topic: what is known follows from its ARN (FIFO names end in `.fifo`). */
function existingTarget(arnInput: pulumi.Input<string>, kmsKeyId: pulumi.Input<string> | undefined): ResolvedTarget {
  const arn = pulumi.output(arnInput);
  return {
    arn,
    name: arn.apply(arnName),
    kmsKeyId: pulumi.output(kmsKeyId),
    fifo: arn.apply((a) => a.endsWith(".fifo")),
    region: regionOfArn(arnInput),
    literalArn: typeof arnInput === "string" ? arnInput : undefined,
  };
}

export function resolveQueue(ref: QueueRef): ResolvedQueue {
  if (aws.sqs.Queue.isInstance(ref)) {
    return {
      ...targetResource(ref, ref.kmsMasterKeyId, ref.fifoQueue),
      url: ref.url,
      visibilityTimeoutSeconds: ref.visibilityTimeoutSeconds.apply((v) => v ?? 30),
      messageRetentionSeconds: ref.messageRetentionSeconds.apply((v) => v ?? SQS_DEFAULT_RETENTION_SECONDS),
    };
  }
  return {
    ...existingTarget(ref.arn, ref.kmsKeyId),
    url: pulumi.output(ref.url),
    visibilityTimeoutSeconds: pulumi.output(ref.visibilityTimeoutSeconds ?? 30),
    messageRetentionSeconds: pulumi.output(ref.messageRetentionSeconds ?? SQS_DEFAULT_RETENTION_SECONDS),
  };
}

export function resolveTopic(ref: TopicRef): ResolvedTopic {
  return aws.sns.Topic.isInstance(ref) ? targetResource(ref, ref.kmsMasterKeyId, ref.fifoTopic) : existingTarget(ref.arn, ref.kmsKeyId);
}
