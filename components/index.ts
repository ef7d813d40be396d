export * from "./bucketNotifications";
export * from "./destinations";
export * from "./encryption";
export * from "./failureHandling";
export * from "./policyDocuments";
export * from "./references";
export * from "./routing";
