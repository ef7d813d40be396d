export * from "./destination";
export * from "./eventbridge";
export * from "./lambda";
export * from "./sns";
export * from "./sqs";
