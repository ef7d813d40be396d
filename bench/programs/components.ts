/** N buckets, each with a Lambda, an SQS and an SNS rule, built with our component. */
import * as aws from "@pulumi/aws";
import { BucketNotifications, LambdaDestination, SnsDestination, SqsDestination, type NotificationRuleArgs } from "../../components";
import { callerFunction, RULES } from "./shared";

export function build(buckets: number): void {
  const { fn } = callerFunction();
  const bucketArgs: Record<string, aws.s3.Bucket> = {};
  const rules: NotificationRuleArgs[] = [];
  for (let i = 0; i < buckets; i++) {
    bucketArgs[`b${i}`] = new aws.s3.Bucket(`b${i}`);
    const r = RULES(i);
    rules.push(
      { id: r.lambda.id, bucket: `b${i}`, destination: "fn", events: r.lambda.events, filter: { prefix: r.lambda.prefix, suffix: r.lambda.suffix } },
      { id: r.sqs.id, bucket: `b${i}`, destination: "queue", events: r.sqs.events, filter: { prefix: r.sqs.prefix, suffix: r.sqs.suffix } },
      { id: r.sns.id, bucket: `b${i}`, destination: "topic", events: r.sns.events, filter: { prefix: r.sns.prefix } },
    );
  }
  new BucketNotifications("bench", {
    buckets: bucketArgs,
    destinations: { fn: new LambdaDestination({ function: fn }), queue: new SqsDestination({}), topic: new SnsDestination({}) },
    rules,
  });
}
