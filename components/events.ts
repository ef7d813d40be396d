/**
 * The S3 event types a Lambda, SNS or SQS rule may list, as an enum other languages see in the
 * schema (an `as const` object and a type of the same name: TypeScript callers may still write the
 * string). Its values are the pack's `CONFIGURABLE_EVENTS` (tests/components/events.spec.ts checks
 * it), which stay the one list every rule is judged by.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html
 */
export const S3Event = {
  ObjectCreatedAll: "s3:ObjectCreated:*",
  ObjectRemovedAll: "s3:ObjectRemoved:*",
  ObjectRestoreAll: "s3:ObjectRestore:*",
  ReplicationAll: "s3:Replication:*",
  LifecycleExpirationAll: "s3:LifecycleExpiration:*",
  ObjectTaggingAll: "s3:ObjectTagging:*",
  ObjectCreatedPut: "s3:ObjectCreated:Put",
  ObjectCreatedPost: "s3:ObjectCreated:Post",
  ObjectCreatedCopy: "s3:ObjectCreated:Copy",
  ObjectCreatedCompleteMultipartUpload: "s3:ObjectCreated:CompleteMultipartUpload",
  ObjectRemovedDelete: "s3:ObjectRemoved:Delete",
  ObjectRemovedDeleteMarkerCreated: "s3:ObjectRemoved:DeleteMarkerCreated",
  ObjectRestorePost: "s3:ObjectRestore:Post",
  ObjectRestoreCompleted: "s3:ObjectRestore:Completed",
  ObjectRestoreDelete: "s3:ObjectRestore:Delete",
  ReplicationOperationFailedReplication: "s3:Replication:OperationFailedReplication",
  ReplicationOperationMissedThreshold: "s3:Replication:OperationMissedThreshold",
  ReplicationOperationReplicatedAfterThreshold: "s3:Replication:OperationReplicatedAfterThreshold",
  ReplicationOperationNotTracked: "s3:Replication:OperationNotTracked",
  LifecycleExpirationDelete: "s3:LifecycleExpiration:Delete",
  LifecycleExpirationDeleteMarkerCreated: "s3:LifecycleExpiration:DeleteMarkerCreated",
  ObjectTaggingPut: "s3:ObjectTagging:Put",
  ObjectTaggingDelete: "s3:ObjectTagging:Delete",
  ReducedRedundancyLostObject: "s3:ReducedRedundancyLostObject",
  LifecycleTransition: "s3:LifecycleTransition",
  IntelligentTiering: "s3:IntelligentTiering",
  ObjectAclPut: "s3:ObjectAcl:Put",
} as const;

/** One S3 event type, e.g. `s3:ObjectCreated:*`. */
export type S3Event = (typeof S3Event)[keyof typeof S3Event];
