import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { SQS_DEFAULT_RETENTION_SECONDS } from "../policies/timeline";
import { onlyOne, under, type FieldProblem } from "./onlyOne";

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

/**
 * A function's name and qualifier (a version or alias) in each form Lambda accepts: an ARN, a
 * partial ARN (`123456789012:function:name`) or a name, each with an optional `:qualifier`.
 * https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html#lambda-AddPermission-request-FunctionName
 */
export function functionNameOf(value: string): { name: string; qualifier: string | undefined } {
  const parts = value.split(":");
  const start = parts[0] === "arn" ? 6 : /^\d{12}$/.test(parts[0]) && parts[1] === "function" ? 2 : 0;
  return { name: parts[start] ?? value, qualifier: parts[start + 1] || undefined };
}

export interface ResolvedFunction {
  /** Its ARN, with the qualifier when one is given: what S3, SNS and EventBridge invoke. */
  readonly arn: pulumi.Output<string>;
  /** Its unqualified name, as the provider's `function` and `functionName` inputs take it. */
  readonly functionName: pulumi.Output<string>;
  /** The version or alias a qualified ARN names: permissions and the invoke config apply to it. */
  readonly qualifier: pulumi.Output<string | undefined>;
  readonly roleArn: pulumi.Output<string> | undefined;
  /** The literal ARN when known now, for checks before deploy. */
  readonly literalArn: string | undefined;
  readonly region: pulumi.Output<string | undefined>;
  /** The same object or string for the same function given twice: its resource, or the ARN as given. */
  readonly identity: object | string;
  /** The args field that names it. */
  readonly field: "function" | "functionArn";
}

const regionOfArn = (arn: pulumi.Input<string>) => pulumi.output(arn).apply((a) => parseArn(a)?.region || undefined);

export function resolveFunction(ref: FunctionRef): ResolvedFunction {
  if (aws.lambda.Function.isInstance(ref)) {
    // `arn` is the identity: `functionArn: fn.arn` names the same function.
    const qualifier = pulumi.output<string | undefined>(undefined);
    return { arn: ref.arn, functionName: ref.name, qualifier, roleArn: ref.role, literalArn: undefined, region: ref.region, identity: ref.arn, field: "function" };
  }
  const arn = pulumi.output(ref.arn);
  return {
    arn,
    functionName: arn.apply((a) => functionNameOf(a).name),
    qualifier: arn.apply((a) => functionNameOf(a).qualifier),
    roleArn: ref.roleArn === undefined ? undefined : pulumi.output(ref.roleArn),
    literalArn: typeof ref.arn === "string" ? ref.arn : undefined,
    region: regionOfArn(ref.arn),
    identity: ref.arn,
    field: "functionArn",
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

// --- From the plain-data args: a resource of this program, or an existing one by ARN or name. ---

/** Fields that apply only to an existing resource given by ARN or name, set beside the resource itself. */
function extrasProblems(at: string, resourceField: string, fields: object, extras: readonly string[]): FieldProblem[] {
  const record = fields as Record<string, unknown>;
  return extras
    .filter((e) => record[e] !== undefined)
    .map((e) => ({
      field: under(at, e),
      message: `applies only to an existing resource named by ARN or name; \`${resourceField}\` is read from the resource itself. Remove \`${e}\`.`,
    }));
}

/**
 * Fields that describe an existing queue or topic, given without its ARN: there is nothing for them
 * to describe (the destination creates its own, or needs one named).
 */
function withoutArnProblems(at: string, noun: "queue" | "topic", arnField: string, fields: object, extras: readonly string[]): FieldProblem[] {
  const record = fields as Record<string, unknown>;
  return extras
    .filter((e) => record[e] !== undefined)
    .map((e) => ({
      field: under(at, e),
      message: `describes an existing ${noun} named by \`${arnField}\`, and none is named. Name it by \`${arnField}\`, or remove \`${e}\`.`,
    }));
}

/**
 * A literal ARN that is not one of `service`'s: S3 and the queue or topic policy would refuse it at
 * deploy. An Output is checked by the service itself. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
 */
function arnProblems(at: string, field: string, value: unknown, service: "sqs" | "sns", shape: string): FieldProblem[] {
  if (typeof value !== "string") return [];
  const arn = parseArn(value);
  if (arn?.service === service && arn.region !== "" && /^\d{12}$/.test(arn.account) && arn.resource !== "") return [];
  return [{ field: under(at, field), message: `\`${value}\` is not ${shape} (\`arn:<partition>:${service}:<region>:<account id>:<name>\`). Give the ARN, not a name or URL.` }];
}

/** A field meant for a resource that holds something else (a bucket's `bucket` output, a plain object). */
function notAResource(at: string, field: string, value: unknown, isInstance: (v: unknown) => boolean, type: string, arnField: string): FieldProblem[] {
  if (value === undefined || isInstance(value)) return [];
  return [{ field: under(at, field), message: `must be an ${type} resource of this program; name an existing one by \`${arnField}\` instead.` }];
}

/** A function named by `function` (a resource) or `functionArn` (with `functionRoleArn`). */
export interface FunctionFields {
  readonly function?: aws.lambda.Function;
  readonly functionArn?: pulumi.Input<string>;
  readonly functionRoleArn?: pulumi.Input<string>;
}

export function functionFrom(at: string, fields: FunctionFields): { ref: FunctionRef | undefined; problems: FieldProblem[] } {
  const { chosen, problems } = onlyOne(at, fields, ["function", "functionArn"], true);
  if (chosen === "function") problems.push(...extrasProblems(at, "function", fields, ["functionRoleArn"]));
  problems.push(...notAResource(at, "function", fields.function, (v) => aws.lambda.Function.isInstance(v), "aws.lambda.Function", "functionArn"));
  // A function is required: none chosen always comes with a problem.
  if (problems.length > 0) return { ref: undefined, problems };
  return { ref: chosen === "function" ? fields.function! : { arn: fields.functionArn!, roleArn: fields.functionRoleArn }, problems };
}

/** A queue named by `queue` (a resource) or `queueArn` with `queueUrl`. */
export interface QueueFields {
  /** A standard queue of this program S3 sends to. Only one of `queue` or `queueArn`. */
  readonly queue?: aws.sqs.Queue;
  /** The ARN of an existing standard queue S3 sends to. Only one of `queue` or `queueArn`. */
  readonly queueArn?: pulumi.Input<string>;
  /** The URL of the queue `queueArn` names. Required with `queueArn`. */
  readonly queueUrl?: pulumi.Input<string>;
  /** The KMS key (`kmsMasterKeyId`) of the queue `queueArn` names, if it uses one. Defaults to none. */
  readonly queueKmsKeyId?: pulumi.Input<string>;
  /** How long the queue `queueArn` names keeps a message, checked against its DLQ's. Defaults to 345,600 s (SQS's default). */
  readonly queueMessageRetentionSeconds?: pulumi.Input<number>;
  /** The visibility timeout of the queue `queueArn` names, checked against a consumer's timeout. Defaults to 30 s. */
  readonly queueVisibilityTimeoutSeconds?: pulumi.Input<number>;
}

const QUEUE_EXTRAS = ["queueUrl", "queueKmsKeyId", "queueMessageRetentionSeconds", "queueVisibilityTimeoutSeconds"] as const;

/** The queue `fields` name, if any (`required`: one must be named). */
export function queueFrom(at: string, fields: QueueFields, required: boolean): { ref: QueueRef | undefined; problems: FieldProblem[] } {
  const { chosen, problems } = onlyOne(at, fields, ["queue", "queueArn"], required);
  if (chosen === "queue") problems.push(...extrasProblems(at, "queue", fields, QUEUE_EXTRAS));
  problems.push(...notAResource(at, "queue", fields.queue, (v) => aws.sqs.Queue.isInstance(v), "aws.sqs.Queue", "queueArn"));
  if (chosen === undefined) problems.push(...withoutArnProblems(at, "queue", "queueArn", fields, QUEUE_EXTRAS));
  problems.push(...arnProblems(at, "queueArn", fields.queueArn, "sqs", "an SQS queue ARN"));
  if (chosen === "queueArn" && fields.queueUrl === undefined) {
    problems.push({ field: under(at, "queueUrl"), message: "is required with `queueArn`: the queue policy is set by URL." });
  }
  if (problems.length > 0 || chosen === undefined) return { ref: undefined, problems };
  if (chosen === "queue") return { ref: fields.queue!, problems };
  return {
    ref: {
      arn: fields.queueArn!,
      url: fields.queueUrl!,
      kmsKeyId: fields.queueKmsKeyId,
      messageRetentionSeconds: fields.queueMessageRetentionSeconds,
      visibilityTimeoutSeconds: fields.queueVisibilityTimeoutSeconds,
    },
    problems,
  };
}

/** A topic named by `topic` (a resource) or `topicArn`. */
export interface TopicFields {
  readonly topic?: aws.sns.Topic;
  readonly topicArn?: pulumi.Input<string>;
  readonly topicKmsKeyId?: pulumi.Input<string>;
}

export function topicFrom(at: string, fields: TopicFields, required: boolean): { ref: TopicRef | undefined; problems: FieldProblem[] } {
  const { chosen, problems } = onlyOne(at, fields, ["topic", "topicArn"], required);
  if (chosen === "topic") problems.push(...extrasProblems(at, "topic", fields, ["topicKmsKeyId"]));
  problems.push(...notAResource(at, "topic", fields.topic, (v) => aws.sns.Topic.isInstance(v), "aws.sns.Topic", "topicArn"));
  if (chosen === undefined) problems.push(...withoutArnProblems(at, "topic", "topicArn", fields, ["topicKmsKeyId"]));
  problems.push(...arnProblems(at, "topicArn", fields.topicArn, "sns", "an SNS topic ARN"));
  if (problems.length > 0 || chosen === undefined) return { ref: undefined, problems };
  return { ref: chosen === "topic" ? fields.topic! : { arn: fields.topicArn!, kmsKeyId: fields.topicKmsKeyId }, problems };
}

/** A source bucket: a bucket resource of this program, or an existing bucket by name. */
export interface BucketSource {
  /** A bucket of this program. Only one of `bucket` or `bucketName`. */
  readonly bucket?: aws.s3.Bucket;
  /** The name of an existing bucket. Only one of `bucket` or `bucketName`. */
  readonly bucketName?: pulumi.Input<string>;
  /** An existing bucket's ARN. Defaults to `arn:<partition>:s3:::<bucketName>`. */
  readonly bucketArn?: pulumi.Input<string>;
  /** The account that owns an existing bucket. Defaults to the deploying account. */
  readonly accountId?: pulumi.Input<string>;
  /** An existing bucket's region. Defaults to the provider's region. */
  readonly region?: pulumi.Input<string>;
}

export function bucketFrom(at: string, source: BucketSource): { ref: BucketRef | undefined; problems: FieldProblem[] } {
  // A bucket resource given as the entry itself has a `bucket` output: say so, not what follows from it.
  const wrong = notAResource(at, "bucket", source.bucket, (v) => aws.s3.Bucket.isInstance(v), "aws.s3.Bucket", "bucketName");
  if (wrong.length > 0) return { ref: undefined, problems: wrong };
  const { chosen, problems } = onlyOne(at, source, ["bucket", "bucketName"], true);
  if (chosen === "bucket") problems.push(...extrasProblems(at, "bucket", source, ["bucketArn", "accountId", "region"]));
  // A bucket is required: none chosen always comes with a problem.
  if (problems.length > 0) return { ref: undefined, problems };
  if (chosen === "bucket") return { ref: source.bucket!, problems };
  return { ref: { name: source.bucketName!, arn: source.bucketArn, accountId: source.accountId, region: source.region }, problems };
}
