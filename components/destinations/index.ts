// The public shape of destinations: plain data and helpers. The classes behind them are internal.
export type { Destination } from "./choice";
export type { EventBridgeDestination } from "./eventbridge";
export { eventPattern } from "./eventbridge";
export type { LambdaDestination } from "./lambda";
export type { SnsDestination, SnsSubscriber } from "./sns";
export type { SqsConsumer, SqsDestination } from "./sqs";
export { eventBridge, lambda, sns, sqs } from "./helpers";
