// The AWS pages each violation links to.
import type { DestinationKind } from "../resources/references";

export const DOCS = {
  filtering: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-filtering.html",
  eventTypes: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html",
  grants: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/grant-destinations-permissions-to-s3.html",
  confusedDeputy: "https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html",
  // "This action replaces the existing notification configuration with the configuration you include in the request body."
  notificationReplaced: "https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketNotificationConfiguration.html",
  recursion: "https://docs.aws.amazon.com/lambda/latest/dg/with-s3.html",
  eventBridgeGrants: "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html",
  eventBridgeDlq: "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html",
} as const;

/** Each destination type's own page: how to grant S3 access to it. */
export const GRANT_DOCS: Readonly<Record<DestinationKind, string>> = {
  lambda: "https://docs.aws.amazon.com/lambda/latest/dg/with-s3.html",
  sqs: "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-basic-examples-of-sqs-policies.html",
  sns: "https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html",
};

/** Each destination type's page on keeping the events it fails to process. */
export const DLQ_DOCS: Readonly<Record<DestinationKind, string>> = {
  lambda: "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html",
  sqs: "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html",
  sns: "https://docs.aws.amazon.com/sns/latest/dg/sns-dead-letter-queues.html",
};

/** Each destination type's page on the encryption S3 can deliver to. */
export const ENCRYPTION_DOCS: Readonly<Record<"sqs" | "sns", string>> = {
  sqs: "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-key-management.html",
  sns: "https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html",
};
