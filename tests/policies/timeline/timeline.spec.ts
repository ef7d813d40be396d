import { strict as assert } from "assert";
import { describeRetries, pathTimeline, timelineFindings, type FailurePath } from "../../../policies/timeline";
import { alarm, DAY, dlq, eventBridgeStage, HOUR, lambdaStage, oldestAlarm, QUICKEST_ALARM, queuePath, queueStage, snsStage, WINDOW } from "./fixtures";

describe("describeRetries", () => {
  it("a queue: receives a visibility timeout apart, by its consumer", () => {
    assert.equal(describeRetries(queueStage()), "5 receives, 360 s = 6 min apart (visibility timeout) by q-consumer");
    assert.equal(
      describeRetries(queueStage({ maxReceiveCount: undefined, visibilityTimeoutSeconds: undefined, consumer: undefined })),
      "? receives, ? apart (visibility timeout)",
    );
  });

  it("Lambda: retries after errors at their start times, throttles up to the maximum event age", () => {
    assert.equal(
      describeRetries(lambdaStage()),
      "2 retries after errors (attempts at +0 s, +90 s, +240 s); throttled events retried up to the maximum event age 21600 s = 6 h",
    );
    assert.equal(
      describeRetries(lambdaStage({ retries: 1 })),
      "1 retry after errors (attempts at +0 s, +90 s); throttled events retried up to the maximum event age 21600 s = 6 h",
    );
    assert.equal(describeRetries(lambdaStage({ retries: 0 })), "0 retries after errors; throttled events retried up to the maximum event age 21600 s = 6 h");
    assert.equal(describeRetries(lambdaStage({ timeoutSeconds: undefined })), "2 retries after errors; throttled events retried up to the maximum event age 21600 s = 6 h");
    assert.equal(
      describeRetries(lambdaStage({ retries: undefined, maxEventAgeSeconds: undefined })),
      "? retries after errors; throttled events retried up to the maximum event age ?",
    );
  });

  it("SNS: the protocol's delivery policy", () => {
    assert.equal(
      describeRetries(snsStage()),
      "sqs subscription: 100,015 attempts over 23 days (AWS-managed endpoint); client-side errors go to the DLQ at once",
    );
    assert.equal(
      describeRetries(snsStage({ protocol: "https" })),
      "https subscription: 3 retries 20 s apart (default HTTP/S delivery policy); client-side errors go to the DLQ at once",
    );
    assert.equal(describeRetries(snsStage({ protocol: "application" })), "application subscription: unknown retry policy; client-side errors go to the DLQ at once");
    assert.equal(describeRetries(snsStage({ protocol: undefined })), "? subscription: unknown retry policy; client-side errors go to the DLQ at once");
  });

  it("EventBridge: retries with backoff over the maximum event age", () => {
    assert.equal(describeRetries(eventBridgeStage()), "up to 185 retries with backoff over at most 86400 s = 1 d");
    assert.equal(describeRetries(eventBridgeStage({ retries: undefined, maxEventAgeSeconds: undefined })), "up to ? retries with backoff over at most ?");
  });
});

describe("timelineFindings", () => {
  it("gathers every rule's findings, in the order of the path, judged by the given response window", () => {
    const path = queuePath(
      { retentionSeconds: 2 * DAY, oldestMessageAlarm: undefined, maxReceiveCount: 1 },
      { retentionSeconds: 2 * DAY, alarm: undefined },
    );
    assert.deepEqual(
      timelineFindings(path, WINDOW).map((f) => f.rule),
      ["dlq-outlives-source", "dlq-retention", "sqs-consumer", "dlq-alarm", "oldest-message-alarm"],
    );
    assert.deepEqual(timelineFindings({ stage: lambdaStage({ maxEventAgeSeconds: 60 }), deadLetter: dlq() }).map((f) => f.rule), ["lambda-retries"]);
  });

  it("judges by 3 days unless told otherwise", () => {
    const path = { stage: lambdaStage(), deadLetter: dlq({ retentionSeconds: WINDOW + QUICKEST_ALARM - 1 }) };
    assert.deepEqual(timelineFindings(path).map((f) => f.rule), ["dlq-retention"]);
    assert.deepEqual(timelineFindings(path, WINDOW - 1), []);
  });
});

describe("pathTimeline", () => {
  it("follows the components' queue path to its DLQ and alarm, and keeps the event", () => {
    assert.deepEqual(pathTimeline(queuePath(), WINDOW), {
      retries: "5 receives, 360 s = 6 min apart (visibility timeout) by q-consumer",
      // Up to 1 h unreceived and 16 min before the oldest-message alarm fires, then 5 receives 6 min apart.
      reachesDeadLetterWithinSeconds: 6_360,
      // A standard queue: the 14 days count from the original enqueue time.
      keptInDeadLetterSeconds: 14 * DAY - 6_360,
      alarm: { name: "q-dlq-visible", firesWithinSeconds: QUICKEST_ALARM, notifies: true },
      keptAfterAlarmSeconds: 14 * DAY - 6_360 - QUICKEST_ALARM,
      verdict: "kept",
      reasons: [],
      findings: [],
    });
    assert.equal(pathTimeline(queuePath()).verdict, "kept", "the default window");
  });

  it("loses what fails with no DLQ, and says why", () => {
    const none = { reachesDeadLetterWithinSeconds: undefined, keptInDeadLetterSeconds: undefined, alarm: undefined, keptAfterAlarmSeconds: undefined };
    const noRedrive: FailurePath = { stage: queueStage({ maxReceiveCount: undefined }), deadLetter: undefined };
    assert.deepEqual(pathTimeline(noRedrive, WINDOW), {
      retries: "? receives, 360 s = 6 min apart (visibility timeout) by q-consumer",
      ...none,
      verdict: "can expire unseen",
      reasons: ["no redrive policy to a dead-letter queue: failing messages are retried until they expire"],
      findings: [],
    });
    for (const stage of [queueStage(), lambdaStage(), snsStage(), eventBridgeStage()]) {
      assert.deepEqual(pathTimeline({ stage, deadLetter: undefined }, WINDOW).reasons, ["no dead-letter queue: events still failing after the retries are dropped"], stage.kind);
    }
  });

  it("loses a queue message that expires before its receives run out", () => {
    // With the oldest-message alarm: up to 4,560 s unreceived, then 5 receives x 6 min (window 0: only this counts).
    assert.equal(pathTimeline(queuePath({ retentionSeconds: 6_360 }), 0).verdict, "kept");
    const t = pathTimeline(queuePath({ retentionSeconds: 6_359 }), 0);
    assert.equal(t.verdict, "can expire unseen");
    assert.deepEqual(t.reasons, [
      "a failing message needs 1800 s = 30 min (5 receives x 360 s = 6 min) after waiting up to 4560 s = 1.3 h unreceived to " +
        "reach the DLQ but expires from q after 6359 s = 1.8 h",
    ]);
    // Without it, only the receives count here: the oldest-message rule says the rest.
    assert.equal(pathTimeline(queuePath({ retentionSeconds: 1_800, oldestMessageAlarm: undefined }, { retentionSeconds: 14 * DAY }), 0).reasons.length, 1);
    assert.match(
      pathTimeline(queuePath({ retentionSeconds: 1_799, oldestMessageAlarm: undefined }, { retentionSeconds: 14 * DAY }), 0).reasons[0],
      /^a failing message needs 1800 s = 30 min \(5 receives x 360 s = 6 min\) to reach the DLQ but expires from q after 1799 s = 30 min$/,
    );
  });

  it("loses the event without a DLQ alarm that fires on one message", () => {
    assert.deepEqual(pathTimeline(queuePath({}, { alarm: undefined }), WINDOW).reasons, ["no alarm on q-dlq: nobody is told an event arrived"]);
    for (const over of [{ metricName: "NumberOfMessagesSent" }, { threshold: 1 }]) {
      const t = pathTimeline(queuePath({}, { alarm: alarm("a", over) }), WINDOW);
      assert.equal(t.verdict, "can expire unseen");
      assert.deepEqual(t.reasons, ["alarm a does not fire on one message in q-dlq"]);
    }
    assert.equal(pathTimeline(queuePath({}, { alarm: alarm("a", { metricName: undefined }) }), WINDOW).verdict, "kept", "an unknown metric");
  });

  it("loses the event when the DLQ drops it less than the response window after its alarm", () => {
    const path = { stage: lambdaStage(), deadLetter: dlq({ retentionSeconds: WINDOW + QUICKEST_ALARM }) };
    assert.equal(pathTimeline(path, WINDOW).verdict, "kept");
    assert.deepEqual(pathTimeline(path, WINDOW + 1).reasons, [
      "q-dlq keeps the event only 259200 s = 3 d after q-dlq-visible fires; an operator needs 259201 s = 3 d",
    ]);
    const gone = pathTimeline({ stage: lambdaStage(), deadLetter: dlq({ retentionSeconds: 60 }) }, WINDOW);
    assert.equal(gone.keptAfterAlarmSeconds, 60 - QUICKEST_ALARM);
    assert.match(gone.reasons[0], /^q-dlq keeps the event only 0 s after q-dlq-visible fires;/);
  });

  it("loses the event when a stalled consumer's messages expire before the oldest-message alarm leaves the window", () => {
    const t = pathTimeline(queuePath({ oldestMessageAlarm: oldestAlarm({ threshold: DAY }) }), WINDOW);
    assert.equal(t.verdict, "can expire unseen");
    assert.equal(t.reasons.length, 1);
    assert.match(t.reasons[0], /^if the consumer stalls: alarm q-oldest fires when the oldest message is 87360 s = 1 d old/);
    assert.deepEqual(t.findings.map((f) => f.rule), ["oldest-message-alarm"]);
  });

  it("counts an oldest-message alarm that never fires as none: a message may wait its whole retention", () => {
    const t = pathTimeline(queuePath({ oldestMessageAlarm: oldestAlarm({ comparison: "LessThanThreshold" }) }), WINDOW);
    assert.equal(t.verdict, "can expire unseen");
    assert.match(t.reasons[0], /after waiting up to 345600 s = 4 d unreceived to reach the DLQ/);
    assert.match(t.reasons.at(-1)!, /^if the consumer stalls: alarm q-oldest \(LessThanThreshold 3600\) never fires/);
  });

  it("says unknown, never kept, when a value it needs is not known before deploy, and why", () => {
    const settings = pathTimeline(queuePath({}, { alarm: alarm("a", { threshold: undefined }) }), WINDOW);
    assert.equal(settings.verdict, "unknown");
    assert.deepEqual(settings.reasons, ["alarm a's settings are not known before deploy"]);
    const period = pathTimeline(queuePath({}, { alarm: alarm("a", { periodSeconds: undefined }) }), WINDOW);
    assert.deepEqual(period.reasons, ["alarm a's settings are not known before deploy"]);
    assert.deepEqual(period.alarm, { name: "a", firesWithinSeconds: undefined, notifies: true });
    assert.equal(period.keptAfterAlarmSeconds, undefined);
    assert.equal(pathTimeline(queuePath({}, { alarm: undefined }), WINDOW).keptAfterAlarmSeconds, undefined);
    const kept = pathTimeline(queuePath({ fifo: undefined }), WINDOW);
    assert.equal(kept.verdict, "unknown");
    assert.deepEqual(kept.reasons, ["how long q-dlq keeps the event is not known before deploy"]);
    assert.equal(kept.keptAfterAlarmSeconds, undefined);
  });

  it("gives the reasons it loses the event, not what is unknown besides", () => {
    const t = pathTimeline(queuePath({ fifo: undefined }, { alarm: undefined }), WINDOW);
    assert.equal(t.verdict, "can expire unseen");
    assert.deepEqual(t.reasons, ["no alarm on q-dlq: nobody is told an event arrived"]);
  });

  it("times an asynchronous path from S3's send: arrival by the maximum event age, a new record in the DLQ", () => {
    assert.deepEqual(pathTimeline({ stage: lambdaStage(), deadLetter: dlq() }, WINDOW), {
      retries: "2 retries after errors (attempts at +0 s, +90 s, +240 s); throttled events retried up to the maximum event age 21600 s = 6 h",
      reachesDeadLetterWithinSeconds: 6 * HOUR + 30,
      keptInDeadLetterSeconds: 14 * DAY,
      alarm: { name: "q-dlq-visible", firesWithinSeconds: QUICKEST_ALARM, notifies: true },
      keptAfterAlarmSeconds: 14 * DAY - QUICKEST_ALARM,
      verdict: "kept",
      reasons: [],
      findings: [],
    });
  });
});
