import { strict as assert } from "assert";
import { pathTimeline, timelineFindings, type FailurePath } from "../../../policies/timeline";
import { alarm, DAY, dlq, queuePath, WINDOW } from "./fixtures";

const rules = (path: FailurePath) => timelineFindings(path, WINDOW).map((f) => f.rule);

describe("timeline rules", () => {
  for (const fifo of [false, true]) {
    const kind = fifo ? "FIFO" : "standard";
    describe(`a ${kind} queue and its DLQ`, () => {
      it("break no rule as the components build them, and keep every event", () => {
        assert.deepEqual(rules(queuePath({ fifo })), []);
        assert.equal(pathTimeline(queuePath({ fifo }), WINDOW).verdict, "kept");
      });

      it(`need a DLQ keeping messages ${fifo ? "at least as long as" : "longer than"} the source`, () => {
        const equal = queuePath({ fifo, retentionSeconds: 7 * DAY }, { retentionSeconds: 7 * DAY });
        assert.deepEqual(rules(equal).includes("dlq-outlives-source"), !fifo);
        const shorter = queuePath({ fifo, retentionSeconds: 7 * DAY }, { retentionSeconds: 7 * DAY - 1 });
        const [finding] = timelineFindings(shorter, WINDOW).filter((f) => f.rule === "dlq-outlives-source");
        assert.ok(finding, "a shorter DLQ is refused");
        assert.match(finding.message, fifo ? /at least the FIFO source queue's \(604800 s = 7 d\)/ : /longer than the source queue's \(604800 s = 7 d\), because a standard queue's message keeps its original enqueue timestamp/);
        assert.match(finding.message, /the dead-letter queue's retention \(604799 s = 7 d\)/);
        assert.equal(finding.doc, "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/setting-up-dead-letter-queue-retention.html");
      });

      it("need a visibility timeout of 6x the consumer's timeout", () => {
        assert.deepEqual(rules(queuePath({ fifo, visibilityTimeoutSeconds: 359 })), ["sqs-consumer"]);
      });

      it("need maxReceiveCount of at least 5 when Lambda consumes the queue, and only then", () => {
        assert.deepEqual(rules(queuePath({ fifo, maxReceiveCount: 4 })), ["sqs-consumer"]);
        assert.deepEqual(rules(queuePath({ fifo, maxReceiveCount: 4, consumer: undefined })), []);
      });

      it("need the consumer to report batch item failures", () => {
        const path = queuePath({ fifo, consumer: { name: "q-consumer", timeoutSeconds: 60, reportBatchItemFailures: false } });
        assert.deepEqual(rules(path), ["sqs-consumer"]);
        assert.match(timelineFindings(path)[0].message, /must report batch item failures/);
      });

      it("need an alarm on the DLQ that fires on one message within minutes", () => {
        assert.deepEqual(rules(queuePath({ fifo }, { alarm: undefined })), ["dlq-alarm"]);
        assert.deepEqual(rules(queuePath({ fifo }, { alarm: alarm("a", { threshold: 1 }) })), ["dlq-alarm"]);
        assert.deepEqual(rules(queuePath({ fifo }, { alarm: alarm("a", { metricName: "NumberOfMessagesSent" }) })), ["dlq-alarm"]);
        assert.deepEqual(rules(queuePath({ fifo }, { alarm: alarm("a", { periodSeconds: 300, evaluationPeriods: 2 }) })), ["dlq-alarm"]);
        assert.deepEqual(rules(queuePath({ fifo }, { alarm: alarm("a", { periodSeconds: 300 }) })), []);
      });

      it("need an oldest-message alarm that leaves the response window before messages expire", () => {
        assert.deepEqual(rules(queuePath({ fifo, oldestMessageAlarm: undefined })), ["oldest-message-alarm"]);
        const late = queuePath({ fifo, oldestMessageAlarm: alarm("q-oldest", { metricName: "ApproximateAgeOfOldestMessage", threshold: DAY }) });
        assert.deepEqual(rules(late), ["oldest-message-alarm"]);
        assert.match(timelineFindings(late, WINDOW)[0].message, /lower the threshold to at most 85440 s/);
      });

      it("need the DLQ to keep a failed message the response window after its alarm", () => {
        // No oldest-message alarm: a message may wait 2 days before failing into a DLQ that keeps it 1 s more.
        const path = queuePath({ fifo, retentionSeconds: 2 * DAY, oldestMessageAlarm: undefined }, { retentionSeconds: 2 * DAY + 1 });
        assert.ok(rules(path).includes("dlq-retention"));
        assert.equal(pathTimeline(path, WINDOW).verdict, "can expire unseen");
      });
    });
  }

  it("count a standard DLQ's retention from the original enqueue time, a FIFO DLQ's from arrival", () => {
    const standard = pathTimeline(queuePath({ retentionSeconds: 4 * DAY }, { retentionSeconds: 4 * DAY + 1 }), WINDOW);
    const fifo = pathTimeline(queuePath({ fifo: true, retentionSeconds: 4 * DAY }, { retentionSeconds: 4 * DAY }), WINDOW);
    // Up to 1 h unreceived plus 16 min before the oldest-message alarm fires, then 5 receives 6 min apart.
    assert.equal(standard.reachesDeadLetterWithinSeconds, 3_600 + 960 + 1_800);
    assert.equal(standard.keptInDeadLetterSeconds, 4 * DAY + 1 - 6_360);
    assert.equal(fifo.keptInDeadLetterSeconds, 4 * DAY);
  });

  it("lose a message that expires in the source before its receives run out", () => {
    const path = queuePath({ retentionSeconds: 1_000, visibilityTimeoutSeconds: 360, oldestMessageAlarm: undefined }, { retentionSeconds: 14 * DAY });
    const t = pathTimeline(path, 0);
    assert.equal(t.verdict, "can expire unseen");
    assert.match(t.reasons[0], /needs 1800 s = 30 min \(5 receives x 360 s = 6 min\) to reach the DLQ but expires from q after 1000 s/);
  });

  describe("Lambda asynchronous invocation", () => {
    const lambdaPath = (retries: number, maxEventAgeSeconds: number, retention = 14 * DAY): FailurePath => ({
      stage: { kind: "lambda", name: "fn", retries, maxEventAgeSeconds, timeoutSeconds: 30 },
      deadLetter: dlq({ retentionSeconds: retention }),
    });

    it("keeps the configured retries within the maximum event age", () => {
      assert.deepEqual(rules(lambdaPath(2, 3_600)), []);
      // Attempts at 0, 30 + 60 = 90 and 90 + 30 + 120 = 240 s.
      assert.deepEqual(rules(lambdaPath(2, 240)), []);
      assert.deepEqual(rules(lambdaPath(2, 239)), ["lambda-retries"]);
      assert.match(timelineFindings(lambdaPath(2, 239))[0].message, /raise it to at least 240 s or lower the retries/);
      assert.deepEqual(rules(lambdaPath(1, 89)), ["lambda-retries"]);
      assert.deepEqual(rules(lambdaPath(0, 60)), []);
    });

    it("needs its on-failure DLQ to keep the record the response window after the alarm", () => {
      // A new record: retention counts from arrival; the alarm fires within 15 min + 1 min.
      assert.deepEqual(rules(lambdaPath(2, 3_600, WINDOW + 960)), []);
      assert.deepEqual(rules(lambdaPath(2, 3_600, WINDOW + 959)), ["dlq-retention"]);
      const t = pathTimeline(lambdaPath(2, 3_600), WINDOW);
      assert.equal(t.reachesDeadLetterWithinSeconds, 3_630);
      assert.equal(t.alarm?.firesWithinSeconds, 960);
      assert.equal(t.verdict, "kept");
    });
  });

  it("SNS subscriptions and EventBridge targets need a DLQ alarm and retention past the response window", () => {
    for (const stage of [
      { kind: "sns", name: "sub", protocol: "sqs" },
      { kind: "eventbridge", name: "target", retries: 185, maxEventAgeSeconds: DAY },
    ] as const) {
      assert.deepEqual(rules({ stage, deadLetter: dlq() }), [], stage.kind);
      assert.deepEqual(rules({ stage, deadLetter: dlq({ retentionSeconds: DAY }) }), ["dlq-retention"], stage.kind);
      assert.deepEqual(rules({ stage, deadLetter: dlq({ alarm: undefined }) }), ["dlq-alarm"], stage.kind);
      assert.equal(pathTimeline({ stage, deadLetter: undefined }, WINDOW).verdict, "can expire unseen");
    }
    assert.equal(pathTimeline({ stage: { kind: "sns", name: "sub", protocol: "sqs" }, deadLetter: dlq() }).reachesDeadLetterWithinSeconds, 23 * DAY);
  });

  it("say unknown, never kept, when a value is not known before deploy", () => {
    const t = pathTimeline(queuePath({ maxReceiveCount: undefined, visibilityTimeoutSeconds: undefined }), WINDOW);
    assert.equal(t.verdict, "unknown");
  });
});
