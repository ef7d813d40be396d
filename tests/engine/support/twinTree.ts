/**
 * What sits directly under `BucketNotifications` in the twin fixtures, the same program in YAML
 * (tests/fixtures/yaml/components) and Python (tests/fixtures/python/components): one component per
 * destination and one notification per bucket, as `type name`, sorted.
 */
export const TWIN_FIXTURE_TREE: readonly string[] = [
  "aws:s3/bucketNotification:BucketNotification notifications-archive",
  "aws:s3/bucketNotification:BucketNotification notifications-uploads",
  "s3-events:index:EventBridgeDestination notifications-index",
  "s3-events:index:LambdaDestination notifications-thumbnails",
  "s3-events:index:SnsDestination notifications-audit",
  "s3-events:index:SqsDestination notifications-ingest",
];
