/**
 * The same AWS resources as `components.ts`, written by hand without components: what a careful
 * engineer would write inline. The baseline for the components' overhead.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { callerFunction, RULES } from "./shared";

const alarm = (name: string, namespace: string, metricName: string, dimensions: Record<string, pulumi.Input<string>>, threshold = 0) =>
  new aws.cloudwatch.MetricAlarm(name, {
    namespace,
    metricName,
    dimensions,
    statistic: "Maximum",
    period: 60,
    evaluationPeriods: 1,
    threshold,
    comparisonOperator: "GreaterThanThreshold",
    treatMissingData: "notBreaching",
  });

const dlq = (name: string) => {
  const queue = new aws.sqs.Queue(name, { messageRetentionSeconds: 1_209_600, sqsManagedSseEnabled: true });
  alarm(`${name}-visible`, "AWS/SQS", "ApproximateNumberOfMessagesVisible", { QueueName: queue.name });
  return queue;
};

export function build(buckets: number): void {
  const { role, fn } = callerFunction();
  const account = aws.getCallerIdentityOutput().accountId;
  const bucketList = Array.from({ length: buckets }, (_, i) => new aws.s3.Bucket(`b${i}`));

  const permissions = bucketList.map(
    (b, i) => new aws.lambda.Permission(`fn-allow-b${i}`, { action: "lambda:InvokeFunction", function: fn.name, principal: "s3.amazonaws.com", sourceArn: b.arn, sourceAccount: account }),
  );
  const fnDlq = dlq("fn-dlq");
  const send = new aws.iam.RolePolicy("fn-send-to-dlq", {
    role: role.name,
    policy: fnDlq.arn.apply((arn) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sqs:SendMessage", Resource: arn }] })),
  });
  const invoke = new aws.lambda.FunctionEventInvokeConfig(
    "fn-async",
    { functionName: fn.name, maximumRetryAttempts: 2, maximumEventAgeInSeconds: 21600, destinationConfig: { onFailure: { destination: fnDlq.arn } } },
    { dependsOn: [send] },
  );
  alarm("fn-errors", "AWS/Lambda", "Errors", { FunctionName: fn.name });
  alarm("fn-dropped", "AWS/Lambda", "AsyncEventsDropped", { FunctionName: fn.name });

  const queueDlq = dlq("queue-dlq");
  const queue = new aws.sqs.Queue("queue", {
    visibilityTimeoutSeconds: 30,
    sqsManagedSseEnabled: true,
    redrivePolicy: queueDlq.arn.apply((deadLetterTargetArn) => JSON.stringify({ deadLetterTargetArn, maxReceiveCount: 5 })),
  });
  alarm("queue-oldest", "AWS/SQS", "ApproximateAgeOfOldestMessage", { QueueName: queue.name }, 3600);
  const topic = new aws.sns.Topic("topic", {});
  alarm("topic-failed", "AWS/SNS", "NumberOfNotificationsFailed", { TopicName: topic.name });

  const statements = (resource: pulumi.Output<string>, action: string, deny: string) =>
    pulumi.all([resource, account, pulumi.all(bucketList.map((b) => b.arn))]).apply(([arn, acct, bucketArns]) =>
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          ...bucketArns.map((sourceArn, i) => ({
            Sid: `AllowS3FromB${i}`,
            Effect: "Allow",
            Principal: { Service: "s3.amazonaws.com" },
            Action: action,
            Resource: arn,
            Condition: { ArnLike: { "aws:SourceArn": sourceArn }, StringEquals: { "aws:SourceAccount": acct } },
          })),
          { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: deny, Resource: arn, Condition: { Bool: { "aws:SecureTransport": "false" } } },
        ],
      }),
    );
  const queuePolicy = new aws.sqs.QueuePolicy("queue-policy", { queueUrl: queue.url, policy: statements(queue.arn, "sqs:SendMessage", "sqs:*") });
  const topicPolicy = new aws.sns.TopicPolicy("topic-policy", { arn: topic.arn, policy: statements(topic.arn, "sns:Publish", "sns:Publish") });

  bucketList.forEach((b, i) => {
    const r = RULES(i);
    new aws.s3.BucketNotification(
      `bench-b${i}`,
      {
        bucket: b.bucket,
        lambdaFunctions: [{ id: r.lambda.id, events: r.lambda.events, filterPrefix: r.lambda.prefix, filterSuffix: r.lambda.suffix, lambdaFunctionArn: fn.arn }],
        queues: [{ id: r.sqs.id, events: r.sqs.events, filterPrefix: r.sqs.prefix, filterSuffix: r.sqs.suffix, queueArn: queue.arn }],
        topics: [{ id: r.sns.id, events: r.sns.events, filterPrefix: r.sns.prefix, topicArn: topic.arn }],
      },
      { dependsOn: [permissions[i], invoke, queuePolicy, topicPolicy] },
    );
  });
}
