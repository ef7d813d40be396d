/** The parts of an S3 event notification record a handler needs. */
export interface S3ObjectEvent {
  readonly eventName: string;
  readonly bucket: string;
  /** The object key, decoded: S3 sends keys URL-encoded with spaces as `+`. */
  readonly key: string;
  readonly size: number | undefined;
  readonly sequencer: string | undefined;
}

interface RawRecord {
  eventName?: unknown;
  s3?: { bucket?: { name?: unknown }; object?: { key?: unknown; size?: unknown; sequencer?: unknown } };
}

/**
 * The object events in an S3 notification message. The `s3:TestEvent` S3 sends when a
 * configuration is saved carries no records, so it yields none. Records that are not S3 events are
 * rejected rather than skipped: a malformed message should fail loudly and reach the DLQ.
 */
export function parseS3Event(message: unknown): S3ObjectEvent[] {
  if (typeof message !== "object" || message === null) throw new Error("S3 event message is not an object");
  const body = message as { Event?: unknown; Records?: unknown };
  if (body.Event === "s3:TestEvent") return [];
  if (!Array.isArray(body.Records)) throw new Error("S3 event message has no Records");
  return body.Records.map((record: RawRecord, i: number) => {
    const bucket = record.s3?.bucket?.name;
    const key = record.s3?.object?.key;
    if (typeof record.eventName !== "string" || typeof bucket !== "string" || typeof key !== "string") {
      throw new Error(`Records[${i}] is not an S3 object event`);
    }
    const size = record.s3?.object?.size;
    const sequencer = record.s3?.object?.sequencer;
    return {
      eventName: record.eventName,
      bucket,
      key: decodeS3Key(key),
      size: typeof size === "number" ? size : undefined,
      sequencer: typeof sequencer === "string" ? sequencer : undefined,
    };
  });
}

/** S3 event keys are form-encoded: `+` is a space, the rest percent-encoded. */
export function decodeS3Key(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, " "));
}
