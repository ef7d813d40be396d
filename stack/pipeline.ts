import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { BucketNotifications, eventBridge, lambda, sns, sqs, type Destination, type S3Event } from "s3-events";
import { functionArchive } from "../functions/package";
import type { DestinationName, StackConfig } from "./config";

/** The uploads pipeline: a locked-down bucket whose rules fan out to every destination type. */
export function buildPipeline(config: StackConfig) {
  const uploads = new aws.s3.Bucket("uploads", { forceDestroy: false });
  new aws.s3.BucketVersioning("uploads", { bucket: uploads.bucket, versioningConfiguration: { status: "Enabled" } });
  new aws.s3.BucketServerSideEncryptionConfiguration("uploads", {
    bucket: uploads.bucket,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
  });
  const publicAccess = new aws.s3.BucketPublicAccessBlock("uploads", {
    bucket: uploads.bucket,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  });
  new aws.s3.BucketPolicy(
    "uploads-tls-only",
    {
      bucket: uploads.bucket,
      policy: uploads.arn.apply((arn) =>
        JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "DenyInsecureTransport",
              Effect: "Deny",
              Principal: "*",
              Action: "s3:*",
              Resource: [arn, `${arn}/*`],
              Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
          ],
        }),
      ),
    },
    { dependsOn: [publicAccess] },
  );

  const code = functionArchive();
  const fn = (name: string, handler: string, timeout: number) => {
    const role = new aws.iam.Role(`${name}-role`, {
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
      }),
    });
    new aws.iam.RolePolicyAttachment(`${name}-logs`, {
      role: role.name,
      policyArn: aws.iam.ManagedPolicy.AWSLambdaBasicExecutionRole,
    });
    return new aws.lambda.Function(name, { role: role.arn, runtime: "nodejs20.x", handler: `handlers.${handler}`, code, timeout });
  };
  const thumbnailer = fn("thumbnailer", "handler", 30);
  const ingester = fn("ingester", "consume", 60);
  const indexer = fn("indexer", "handler", 30);
  const auditLog = new aws.sqs.Queue("audit-log", { sqsManagedSseEnabled: true, messageRetentionSeconds: 1_209_600 });

  let alarmTopicArn: pulumi.Output<string> | undefined;
  if (config.alarmEmail) {
    const alarms = new aws.sns.Topic("alarms", {});
    new aws.sns.TopicSubscription("alarms-email", { topic: alarms.arn, protocol: "email", endpoint: config.alarmEmail });
    alarmTopicArn = alarms.arn;
  }

  const destinations: Record<DestinationName, Destination> = {
    thumbnails: lambda({
      function: thumbnailer,
      maximumRetryAttempts: config.lambdaRetries,
      maximumEventAgeInSeconds: config.maxEventAgeSeconds,
    }),
    ingest: sqs({ consumer: { function: ingester } }),
    audit: sns({ subscribers: { log: { queue: auditLog } } }),
    index: eventBridge({ function: indexer }),
  };
  const used = new Set(config.rules.map((r) => r.destination));
  const notifications = new BucketNotifications("uploads", {
    buckets: { uploads: { bucket: uploads } },
    destinations: Object.fromEntries(Object.entries(destinations).filter(([k]) => used.has(k as DestinationName))),
    rules: config.rules.map((r) => ({
      id: r.id,
      bucket: "uploads",
      destination: r.destination,
      // Checked against S3's event list before anything registers.
      events: r.events as S3Event[],
      filter: r.prefix === undefined && r.suffix === undefined ? undefined : { prefix: r.prefix, suffix: r.suffix },
      unfilteredReason: r.unfilteredReason,
    })),
    deadLetterRetentionSeconds: config.deadLetterRetentionDays * 86_400,
    protectDeadLetterQueues: config.protectDeadLetterQueues,
    alarmTopicArn,
  });

  return {
    bucketName: uploads.bucket,
    ingestQueueUrl: notifications.queues.ingest?.url,
    auditLogQueueUrl: auditLog.url,
    auditTopicArn: notifications.topics.audit?.arn,
    deadLetterQueueUrls: Object.fromEntries(Object.entries(notifications.deadLetterQueues).map(([k, q]) => [k, q.url])),
    functionNames: { thumbnailer: thumbnailer.name, ingester: ingester.name, indexer: indexer.name },
  };
}
