/** N buckets, each with a Lambda, an SQS and an SNS rule, built with our component. */
import * as aws from "@pulumi/aws";
import { BucketNotifications, lambda, sns, sqs, type BucketSource, type NotificationRule, type S3Event } from "../../components";
import { callerFunction, RULES } from "./shared";

export function build(buckets: number): void {
  const { fn } = callerFunction();
  const bucketArgs: Record<string, BucketSource> = {};
  const rules: NotificationRule[] = [];
  for (let i = 0; i < buckets; i++) {
    bucketArgs[`b${i}`] = { bucket: new aws.s3.Bucket(`b${i}`) };
    const r = RULES(i);
    rules.push(
      { id: r.lambda.id, bucket: `b${i}`, destination: "fn", events: r.lambda.events as S3Event[], filter: { prefix: r.lambda.prefix, suffix: r.lambda.suffix } },
      { id: r.sqs.id, bucket: `b${i}`, destination: "queue", events: r.sqs.events as S3Event[], filter: { prefix: r.sqs.prefix, suffix: r.sqs.suffix } },
      { id: r.sns.id, bucket: `b${i}`, destination: "topic", events: r.sns.events as S3Event[], filter: { prefix: r.sns.prefix } },
    );
  }
  new BucketNotifications("bench", {
    buckets: bucketArgs,
    destinations: { fn: lambda({ function: fn }), queue: sqs(), topic: sns() },
    rules,
  });
}
