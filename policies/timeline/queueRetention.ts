import { TIMELINE_DOCS } from "./docs";
import { formatDuration as d } from "./duration";
import type { FailurePath, TimelineFinding } from "./model";

/**
 * A queue's dead-letter queue must outlive it. A standard queue's message keeps its original
 * enqueue timestamp when it moves, so the DLQ must keep messages strictly longer than the source;
 * a FIFO queue resets the timestamp, so at least as long is enough.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/setting-up-dead-letter-queue-retention.html
 */
export function dlqOutlivesSource(path: FailurePath): TimelineFinding[] {
  const { stage, deadLetter } = path;
  // Stryker disable next-line ConditionalExpression: equivalent, only a queue stage has the retention and the kind of queue read below
  if (stage.kind !== "sqs") return [];
  if (!deadLetter) return [];
  const source = stage.retentionSeconds;
  const dlq = deadLetter.retentionSeconds;
  if (source === undefined || dlq === undefined || stage.fifo === undefined) return [];
  if (stage.fifo ? dlq >= source : dlq > source) return [];
  const why = stage.fifo
    ? `at least the FIFO source queue's (${d(source)})`
    : `longer than the source queue's (${d(source)}), because a standard queue's message keeps its original enqueue ` +
      "timestamp when it moves, so it would expire from the DLQ when it would have expired from the source";
  return [
    {
      rule: "dlq-outlives-source",
      setting: "deadLetter.retentionSeconds",
      message:
        `the dead-letter queue's retention (${d(dlq)}) must be ${why}. ` +
        `Raise the DLQ's retention to ${stage.fifo ? "at least" : "more than"} ${source} s, or lower the source queue's.`,
      doc: TIMELINE_DOCS.dlqRetention,
    },
  ];
}
