// The public surface: the component, its plain-data args and the TypeScript helpers. Importing it
// registers nothing.
export { BucketNotifications, type BucketNotificationsArgs } from "./bucketNotifications";
export * from "./destinations";
export { QueueEncryption, TopicEncryption } from "./encryption";
export { S3Event } from "./events";
export type { FailureHandlingArgs } from "./failureHandling";
export type { BucketSource } from "./references";
export type { NotificationRule, RuleFilter } from "./routing";
