// The resource types the stand-in AWS provider knows, one row each: what the real provider
// (pulumi-aws 7.48, terraform-provider-aws underneath) auto-names, computes and replaces on change.
// Table-driven on purpose: fidelity is reviewed row by row against the registry docs.

/** Where a resource lives, as the provider sees it after Configure. */
export interface ProviderContext {
  readonly region: string;
  readonly account: string;
}

/** One resource type the stand-in serves. */
export interface ResourceType {
  /** Input properties the schema declares (every other input fails `pulumi preview` of YAML). */
  readonly inputs: readonly string[];
  /** The input the provider fills from the resource name when the program leaves it out. */
  readonly autoName?: { readonly property: string; readonly fifoFlag?: string; readonly fifoSuffix?: string };
  /** Inputs whose change makes the provider replace the resource (ForceNew upstream). */
  readonly replaceOnChanges: readonly string[];
  /** Outputs the provider computes at create; unknown during a preview. */
  computed(inputs: Record<string, unknown>, ctx: ProviderContext): Record<string, unknown>;
  /** The resource's id, from its inputs and computed outputs. */
  id(state: Record<string, unknown>): string;
}

const str = (v: unknown): string => (typeof v === "string" ? v : "");
const arn = (ctx: ProviderContext, service: string, resource: string, global = false): string =>
  `arn:aws:${service}:${global ? "" : ctx.region}:${global && service === "s3" ? "" : ctx.account}:${resource}`;

const tags = ["tags"];

export const resourceTypes: Readonly<Record<string, ResourceType>> = {
  "aws:s3/bucket:Bucket": {
    inputs: ["bucket", "bucketPrefix", "forceDestroy", "objectLockEnabled", ...tags],
    autoName: { property: "bucket" },
    replaceOnChanges: ["bucket", "bucketPrefix", "objectLockEnabled"],
    computed: (i, ctx) => ({
      arn: `arn:aws:s3:::${str(i.bucket)}`,
      bucketDomainName: `${str(i.bucket)}.s3.amazonaws.com`,
      bucketRegionalDomainName: `${str(i.bucket)}.s3.${ctx.region}.amazonaws.com`,
      hostedZoneId: "Z3AQBSTGFYJSTF",
      region: ctx.region,
    }),
    id: (s) => str(s.bucket),
  },
  "aws:s3/bucketNotification:BucketNotification": {
    inputs: ["bucket", "queues", "topics", "lambdaFunctions", "eventbridge", "region"],
    replaceOnChanges: ["bucket"],
    computed: () => ({}),
    id: (s) => str(s.bucket),
  },
  "aws:s3/bucketPolicy:BucketPolicy": {
    inputs: ["bucket", "policy"],
    replaceOnChanges: ["bucket"],
    computed: () => ({}),
    id: (s) => str(s.bucket),
  },
  // The bucket's settings resources the TypeScript program sets beside it (stack/pipeline.ts).
  // Upstream, `bucket` (and `expected_bucket_owner` where it exists) are ForceNew; the rest update.
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": {
    inputs: ["bucket", "blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets", "skipDestroy", "region"],
    replaceOnChanges: ["bucket"],
    computed: () => ({}),
    id: (s) => str(s.bucket),
  },
  "aws:s3/bucketVersioning:BucketVersioning": {
    inputs: ["bucket", "expectedBucketOwner", "mfa", "versioningConfiguration", "region"],
    replaceOnChanges: ["bucket", "expectedBucketOwner"],
    computed: () => ({}),
    id: (s) => str(s.bucket),
  },
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": {
    inputs: ["bucket", "expectedBucketOwner", "rules", "region"],
    replaceOnChanges: ["bucket", "expectedBucketOwner"],
    computed: () => ({}),
    id: (s) => str(s.bucket),
  },
  "aws:sqs/queue:Queue": {
    inputs: [
      "name", "namePrefix", "fifoQueue", "contentBasedDeduplication", "delaySeconds", "maxMessageSize",
      "messageRetentionSeconds", "receiveWaitTimeSeconds", "visibilityTimeoutSeconds", "policy",
      "redrivePolicy", "redriveAllowPolicy", "sqsManagedSseEnabled", "kmsMasterKeyId",
      "kmsDataKeyReusePeriodSeconds", ...tags,
    ],
    autoName: { property: "name", fifoFlag: "fifoQueue", fifoSuffix: ".fifo" },
    replaceOnChanges: ["name", "namePrefix", "fifoQueue"],
    computed: (i, ctx) => ({
      arn: arn(ctx, "sqs", str(i.name)),
      url: `https://sqs.${ctx.region}.amazonaws.com/${ctx.account}/${str(i.name)}`,
    }),
    id: (s) => str(s.url),
  },
  "aws:sqs/queuePolicy:QueuePolicy": {
    inputs: ["queueUrl", "policy"],
    replaceOnChanges: ["queueUrl"],
    computed: () => ({}),
    id: (s) => str(s.queueUrl),
  },
  "aws:sqs/redrivePolicy:RedrivePolicy": {
    inputs: ["queueUrl", "redrivePolicy"],
    replaceOnChanges: ["queueUrl"],
    computed: () => ({}),
    id: (s) => str(s.queueUrl),
  },
  "aws:sns/topic:Topic": {
    inputs: ["name", "namePrefix", "fifoTopic", "contentBasedDeduplication", "policy", "kmsMasterKeyId", ...tags],
    autoName: { property: "name", fifoFlag: "fifoTopic", fifoSuffix: ".fifo" },
    replaceOnChanges: ["name", "namePrefix", "fifoTopic"],
    computed: (i, ctx) => ({ arn: arn(ctx, "sns", str(i.name)), owner: ctx.account }),
    id: (s) => str(s.arn),
  },
  "aws:sns/topicPolicy:TopicPolicy": {
    inputs: ["arn", "policy"],
    replaceOnChanges: ["arn"],
    computed: (_i, ctx) => ({ owner: ctx.account }),
    id: (s) => str(s.arn),
  },
  "aws:sns/topicSubscription:TopicSubscription": {
    inputs: ["topic", "protocol", "endpoint", "rawMessageDelivery", "redrivePolicy", "filterPolicy"],
    replaceOnChanges: ["topic", "protocol", "endpoint"],
    computed: (i) => ({ arn: `${str(i.topic)}:${randomHex(8)}-0000-4000-8000-${randomHex(12)}` }),
    id: (s) => str(s.arn),
  },
  "aws:iam/role:Role": {
    inputs: ["name", "namePrefix", "assumeRolePolicy", "managedPolicyArns", "path", ...tags],
    autoName: { property: "name" },
    replaceOnChanges: ["name", "namePrefix", "path"],
    computed: (i, ctx) => ({ arn: arn(ctx, "iam", `role/${str(i.name)}`, true), uniqueId: `AROA${randomHex(16).toUpperCase()}` }),
    id: (s) => str(s.name),
  },
  "aws:iam/rolePolicy:RolePolicy": {
    inputs: ["name", "role", "policy"],
    autoName: { property: "name" },
    replaceOnChanges: ["name", "role"],
    computed: () => ({}),
    id: (s) => `${str(s.role)}:${str(s.name)}`,
  },
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": {
    inputs: ["role", "policyArn"],
    replaceOnChanges: ["role", "policyArn"],
    computed: () => ({}),
    id: (s) => `${str(s.role)}-${randomHex(8)}`,
  },
  "aws:lambda/function:Function": {
    inputs: [
      "name", "role", "runtime", "handler", "code", "timeout", "memorySize", "environment",
      "deadLetterConfig", "reservedConcurrentExecutions", "kmsKeyArn", "architectures", ...tags,
    ],
    autoName: { property: "name" },
    replaceOnChanges: ["name"],
    computed: (i, ctx) => {
      const fn = arn(ctx, "lambda", `function:${str(i.name)}`);
      return {
        arn: fn,
        qualifiedArn: `${fn}:$LATEST`,
        invokeArn: `arn:aws:apigateway:${ctx.region}:lambda:path/2015-03-31/functions/${fn}/invocations`,
        version: "$LATEST",
      };
    },
    id: (s) => str(s.name),
  },
  "aws:lambda/permission:Permission": {
    inputs: ["action", "function", "principal", "sourceArn", "sourceAccount", "statementId", "qualifier"],
    autoName: { property: "statementId" },
    // Every argument of aws_lambda_permission is ForceNew upstream.
    replaceOnChanges: ["action", "function", "principal", "sourceArn", "sourceAccount", "statementId", "qualifier"],
    computed: () => ({}),
    id: (s) => str(s.statementId),
  },
  "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig": {
    inputs: ["functionName", "qualifier", "maximumRetryAttempts", "maximumEventAgeInSeconds", "destinationConfig"],
    replaceOnChanges: ["functionName", "qualifier"],
    computed: () => ({}),
    id: (s) => str(s.functionName),
  },
  // The SQS destination's consumer. Upstream, event_source_arn and starting_position are ForceNew;
  // the function, batch size and response types update in place.
  "aws:lambda/eventSourceMapping:EventSourceMapping": {
    inputs: [
      "eventSourceArn", "functionName", "batchSize", "functionResponseTypes", "enabled",
      "maximumBatchingWindowInSeconds", "scalingConfig", "startingPosition", "filterCriteria", ...tags,
    ],
    replaceOnChanges: ["eventSourceArn", "startingPosition"],
    computed: (i, ctx) => {
      const uuid = `${randomHex(8)}-${randomHex(4)}-4${randomHex(3)}-8${randomHex(3)}-${randomHex(12)}`;
      const fn = str(i.functionName);
      return {
        uuid,
        arn: arn(ctx, "lambda", `event-source-mapping:${uuid}`),
        functionArn: fn.startsWith("arn:") ? fn : arn(ctx, "lambda", `function:${fn}`),
        state: "Enabled",
      };
    },
    id: (s) => str(s.uuid),
  },
  "aws:cloudwatch/metricAlarm:MetricAlarm": {
    inputs: [
      "name", "comparisonOperator", "evaluationPeriods", "metricName", "namespace", "period", "statistic",
      "threshold", "dimensions", "alarmActions", "okActions", "alarmDescription", "treatMissingData", ...tags,
    ],
    autoName: { property: "name" },
    replaceOnChanges: ["name"],
    computed: (i, ctx) => ({ arn: arn(ctx, "cloudwatch", `alarm:${str(i.name)}`) }),
    id: (s) => str(s.name),
  },
  "aws:cloudwatch/eventRule:EventRule": {
    inputs: ["name", "eventPattern", "eventBusName", "description", "state", ...tags],
    autoName: { property: "name" },
    replaceOnChanges: ["name", "eventBusName"],
    computed: (i, ctx) => ({ arn: arn(ctx, "events", `rule/${str(i.name)}`) }),
    id: (s) => str(s.name),
  },
  "aws:cloudwatch/eventTarget:EventTarget": {
    inputs: ["rule", "arn", "targetId", "deadLetterConfig", "retryPolicy", "eventBusName", "input"],
    autoName: { property: "targetId" },
    replaceOnChanges: ["rule", "targetId", "eventBusName"],
    computed: () => ({}),
    id: (s) => `${str(s.rule)}-${str(s.targetId)}`,
  },
};

/** Lowercase hex, as the real provider's random suffixes are. */
export function randomHex(length: number): string {
  let out = "";
  while (out.length < length) out += Math.floor(Math.random() * 16).toString(16);
  return out;
}
