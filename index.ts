import { loadStackConfig } from "./stack/config";
import { buildPipeline } from "./stack/pipeline";

// Config is validated before any resource is registered: a bad stack file fails fast, by path.
const outputs = buildPipeline(loadStackConfig());

export const bucketName = outputs.bucketName;
export const ingestQueueUrl = outputs.ingestQueueUrl;
export const auditLogQueueUrl = outputs.auditLogQueueUrl;
export const auditTopicArn = outputs.auditTopicArn;
export const deadLetterQueueUrls = outputs.deadLetterQueueUrls;
export const functionNames = outputs.functionNames;
