import { parseS3Event, type S3ObjectEvent } from "./s3Event";

/** What each function does with an event; kept small, the point is the wiring around it. */
export type EventHandler = (event: S3ObjectEvent) => Promise<void> | void;

/** S3 → Lambda (async): throw to make Lambda retry, then dead-letter the event. */
export function s3Handler(handle: EventHandler) {
  return async (message: unknown): Promise<{ processed: number }> => {
    const events = parseS3Event(message);
    for (const event of events) await handle(event);
    return { processed: events.length };
  };
}

interface SqsBatch {
  Records: { messageId: string; body: string }[];
}

/**
 * SQS → Lambda with `ReportBatchItemFailures`: only the messages that failed are returned, so only
 * they are retried and, after `maxReceiveCount`, dead-lettered.
 */
export function sqsHandler(handle: EventHandler) {
  return async (batch: SqsBatch): Promise<{ batchItemFailures: { itemIdentifier: string }[] }> => {
    const batchItemFailures: { itemIdentifier: string }[] = [];
    for (const record of batch.Records) {
      try {
        for (const event of parseS3Event(JSON.parse(record.body))) await handle(event);
      } catch (err) {
        console.error(`message ${record.messageId} failed:`, err);
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
  };
}

/** The handler each function exports, by name. */
export const handler = s3Handler((event) => console.log(JSON.stringify({ action: "process", ...event })));
export const consume = sqsHandler((event) => console.log(JSON.stringify({ action: "ingest", ...event })));
