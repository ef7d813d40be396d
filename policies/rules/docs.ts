// The AWS pages each violation links to.
export const DOCS = {
  filtering: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-filtering.html",
  eventTypes: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html",
  grants: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/grant-destinations-permissions-to-s3.html",
  confusedDeputy: "https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html",
  notificationResource: "https://www.pulumi.com/registry/packages/aws/api-docs/s3/bucketnotification/",
  dlq: "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html",
} as const;
