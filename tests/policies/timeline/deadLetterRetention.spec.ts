import { strict as assert } from "assert";
import { deadLetterRetentionRules, type FailurePath } from "../../../policies/timeline";
import { alarm, DAY, dlq, eventBridgeStage, lambdaStage, QUICKEST_ALARM, queuePath, snsStage, WINDOW } from "./fixtures";

const DOCS = {
  sqs: "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/setting-up-dead-letter-queue-retention.html",
  lambda: "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html",
  sns: "https://docs.aws.amazon.com/sns/latest/dg/sns-dead-letter-queues.html",
  eventbridge: "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html",
};
const SQS_MAX_RETENTION = 1_209_600;

// A DLQ must keep a failed event the response window after its alarm can fire. A standard queue's
// message keeps its original enqueue timestamp when it moves (DLQ retention page); Lambda, SNS and
// EventBridge send a new message, and a FIFO queue resets the timestamp, so there the retention
// counts from arrival.
describe("deadLetterRetentionRules", () => {
  it("accept a new record kept exactly the response window after the quickest alarm", () => {
    assert.deepEqual(deadLetterRetentionRules({ stage: lambdaStage(), deadLetter: dlq({ retentionSeconds: WINDOW + QUICKEST_ALARM }) }, WINDOW), []);
  });

  it("refuse one second less, naming the retention it needs", () => {
    const path: FailurePath = { stage: lambdaStage(), deadLetter: dlq({ retentionSeconds: WINDOW + QUICKEST_ALARM - 1 }) };
    assert.deepEqual(deadLetterRetentionRules(path, WINDOW), [
      {
        rule: "dlq-retention",
        setting: "deadLetter.retentionSeconds",
        message:
          "the dead-letter queue keeps a failed event only 259199 s = 3 d after its alarm can fire (retention 260159 s = 3 d from " +
          "its arrival; arrival up to 21630 s = 6 h after S3 sent it; alarm within 960 s = 16 min), less than the 259200 s = 3 d an " +
          "operator needs to act. Raise its retention to at least 260160 s.",
        doc: DOCS.lambda,
      },
    ]);
    assert.deepEqual(deadLetterRetentionRules(path, WINDOW - 1), [], "a shorter window");
  });

  it("count a standard queue's DLQ from the original enqueue time, a FIFO queue's from arrival", () => {
    // No oldest-message alarm: a message may wait its whole 2 days, then reach a DLQ keeping it 2 d + 1 s from enqueue.
    const standard = queuePath({ retentionSeconds: 2 * DAY, oldestMessageAlarm: undefined }, { retentionSeconds: 2 * DAY + 1 });
    assert.deepEqual(deadLetterRetentionRules(standard, WINDOW), [
      {
        rule: "dlq-retention",
        setting: "deadLetter.retentionSeconds",
        message:
          "the dead-letter queue can drop a failed event before its alarm fires (retention 172801 s = 2 d from the event's original " +
          "enqueue time; arrival up to 172800 s = 2 d after S3 sent it; alarm within 960 s = 16 min), less than the 259200 s = 3 d " +
          "an operator needs to act. Raise its retention to at least 432960 s.",
        doc: DOCS.sqs,
      },
    ]);
    const fifo = queuePath({ fifo: true, retentionSeconds: 2 * DAY, oldestMessageAlarm: undefined }, { retentionSeconds: 2 * DAY + 1 });
    assert.equal(
      deadLetterRetentionRules(fifo, WINDOW)[0].message,
      "the dead-letter queue keeps a failed event only 171841 s = 2 d after its alarm can fire (retention 172801 s = 2 d from its " +
        "arrival; arrival up to 172800 s = 2 d after S3 sent it; alarm within 960 s = 16 min), less than the 259200 s = 3 d an " +
        "operator needs to act. Raise its retention to at least 260160 s.",
    );
  });

  it("say the event can be dropped when it expires the moment the alarm fires", () => {
    // Standard queue: up to 6,360 s to arrive, 960 s to alarm.
    const path = queuePath({}, { retentionSeconds: 6_360 + QUICKEST_ALARM });
    assert.match(deadLetterRetentionRules(path, WINDOW)[0].message, /^the dead-letter queue can drop a failed event before its alarm fires \(/);
    const second = queuePath({}, { retentionSeconds: 6_360 + QUICKEST_ALARM + 1 });
    assert.match(deadLetterRetentionRules(second, WINDOW)[0].message, /^the dead-letter queue keeps a failed event only 1 s after its alarm can fire \(/);
  });

  it("count the DLQ alarm's own delay, or the quickest any alarm can fire when it has none or it is unknown", () => {
    const slow = { stage: lambdaStage(), deadLetter: dlq({ retentionSeconds: WINDOW, alarm: alarm("a", { periodSeconds: 300 }) }) };
    assert.match(deadLetterRetentionRules(slow, WINDOW)[0].message, /alarm within 1200 s = 20 min\), .* at least 260400 s\.$/);
    for (const unknown of [undefined, alarm("a", { periodSeconds: undefined })]) {
      const path = { stage: lambdaStage(), deadLetter: dlq({ retentionSeconds: WINDOW, alarm: unknown }) };
      assert.match(deadLetterRetentionRules(path, WINDOW)[0].message, /alarm within 960 s = 16 min\), .* at least 260160 s\.$/);
    }
  });

  it("say when even the SQS maximum of 14 days cannot keep it", () => {
    // Standard queue without an oldest-message alarm: arrival up to its whole retention, counted against the DLQ's.
    const needing = (needed: number) => queuePath({ retentionSeconds: needed - WINDOW - QUICKEST_ALARM, oldestMessageAlarm: undefined }, { retentionSeconds: DAY });
    assert.match(deadLetterRetentionRules(needing(SQS_MAX_RETENTION), WINDOW)[0].message, / Raise its retention to at least 1209600 s\.$/);
    assert.match(
      deadLetterRetentionRules(needing(SQS_MAX_RETENTION + 1), WINDOW)[0].message,
      / Raise its retention to at least 1209601 s \(over the SQS maximum: shorten the time to reach the DLQ instead\)\.$/,
    );
  });

  it("cite the page of the service that sends the failed event", () => {
    const short = dlq({ retentionSeconds: DAY });
    assert.equal(deadLetterRetentionRules({ stage: snsStage(), deadLetter: short }, WINDOW)[0].doc, DOCS.sns);
    assert.equal(deadLetterRetentionRules({ stage: eventBridgeStage(), deadLetter: short }, WINDOW)[0].doc, DOCS.eventbridge);
  });

  it("leave out the arrival when it is unknown", () => {
    const path = { stage: snsStage({ protocol: "application" }), deadLetter: dlq({ retentionSeconds: DAY }) };
    assert.equal(
      deadLetterRetentionRules(path, WINDOW)[0].message,
      "the dead-letter queue keeps a failed event only 85440 s = 23.7 h after its alarm can fire (retention 86400 s = 1 d from its " +
        "arrival; alarm within 960 s = 16 min), less than the 259200 s = 3 d an operator needs to act. Raise its retention to at " +
        "least 260160 s.",
    );
  });

  it("say nothing when the DLQ, its retention or how long it keeps the event is unknown", () => {
    assert.deepEqual(deadLetterRetentionRules({ stage: lambdaStage(), deadLetter: undefined }, WINDOW), []);
    assert.deepEqual(deadLetterRetentionRules({ stage: lambdaStage(), deadLetter: dlq({ retentionSeconds: undefined }) }, WINDOW), []);
    assert.deepEqual(deadLetterRetentionRules(queuePath({ fifo: undefined }, { retentionSeconds: 60 }), WINDOW), []);
  });
});
