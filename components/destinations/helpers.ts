// Short forms for TypeScript programs: `sqs({ maxReceiveCount: 3 })` is `{ sqs: { maxReceiveCount: 3 } }`.
import type { Destination } from "./choice";
import type { EventBridgeDestination } from "./eventbridge";
import type { LambdaDestination } from "./lambda";
import type { SnsDestination } from "./sns";
import type { SqsDestination } from "./sqs";

/** A destination where S3 invokes a Lambda function. */
export const lambda = (args: LambdaDestination): Destination => ({ lambda: args });
/** A destination where S3 sends to an SQS queue (one the component creates, by default). */
export const sqs = (args: SqsDestination = {}): Destination => ({ sqs: args });
/** A destination where S3 publishes to an SNS topic (one the component creates, by default). */
export const sns = (args: SnsDestination = {}): Destination => ({ sns: args });
/** A destination where S3 sends to EventBridge, whose rules deliver to a target. */
export const eventBridge = (args: EventBridgeDestination): Destination => ({ eventBridge: args });
