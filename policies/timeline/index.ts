// The timing of every failure path after an S3 notification, shared by the components (at
// construction), the pack (at preview) and the failure-path report. Pure TypeScript.
export * from "./docs";
export * from "./duration";
export * from "./model";
export * from "./timing";
export * from "./queueRetention";
export * from "./sqsConsumer";
export * from "./lambdaRetries";
export * from "./deadLetterRetention";
export * from "./alarms";
export * from "./timeline";
