import { strict as assert } from "assert";
import { dlqOutlivesSource } from "../../../policies/timeline";
import { DAY, dlq, lambdaStage, queuePath } from "./fixtures";

const DLQ_RETENTION_DOC = "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/setting-up-dead-letter-queue-retention.html";

// A standard queue's message keeps its original enqueue timestamp when it moves to the DLQ; a FIFO
// queue's gets a new one (DLQ retention page).
describe("dlqOutlivesSource", () => {
  it("a standard queue's DLQ must keep messages strictly longer than the source", () => {
    assert.deepEqual(dlqOutlivesSource(queuePath({ retentionSeconds: 7 * DAY }, { retentionSeconds: 7 * DAY + 1 })), []);
    assert.deepEqual(dlqOutlivesSource(queuePath({ retentionSeconds: 7 * DAY }, { retentionSeconds: 7 * DAY })), [
      {
        rule: "dlq-outlives-source",
        setting: "deadLetter.retentionSeconds",
        message:
          "the dead-letter queue's retention (604800 s = 7 d) must be longer than the source queue's (604800 s = 7 d), because a " +
          "standard queue's message keeps its original enqueue timestamp when it moves, so it would expire from the DLQ when it " +
          "would have expired from the source. Raise the DLQ's retention to more than 604800 s, or lower the source queue's.",
        doc: DLQ_RETENTION_DOC,
      },
    ]);
  });

  it("a FIFO queue's DLQ must keep them at least as long", () => {
    assert.deepEqual(dlqOutlivesSource(queuePath({ fifo: true, retentionSeconds: 7 * DAY }, { retentionSeconds: 7 * DAY })), []);
    assert.deepEqual(dlqOutlivesSource(queuePath({ fifo: true, retentionSeconds: 7 * DAY }, { retentionSeconds: 7 * DAY - 1 })), [
      {
        rule: "dlq-outlives-source",
        setting: "deadLetter.retentionSeconds",
        message:
          "the dead-letter queue's retention (604799 s = 7 d) must be at least the FIFO source queue's (604800 s = 7 d). " +
          "Raise the DLQ's retention to at least 604800 s, or lower the source queue's.",
        doc: DLQ_RETENTION_DOC,
      },
    ]);
  });

  it("says nothing when a retention or the kind of queue is unknown", () => {
    const shorter = { retentionSeconds: DAY };
    assert.deepEqual(dlqOutlivesSource(queuePath({ retentionSeconds: undefined }, shorter)), []);
    assert.deepEqual(dlqOutlivesSource(queuePath({}, { retentionSeconds: undefined })), []);
    assert.deepEqual(dlqOutlivesSource(queuePath({ fifo: undefined }, shorter)), []);
  });

  it("applies only to a queue with a DLQ", () => {
    assert.deepEqual(dlqOutlivesSource({ ...queuePath(), deadLetter: undefined }), []);
    assert.deepEqual(dlqOutlivesSource({ stage: lambdaStage(), deadLetter: dlq({ retentionSeconds: 60 }) }), []);
  });
});
