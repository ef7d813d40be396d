import { strict as assert } from "assert";
import {
  alarmDelaySeconds,
  firesAsMessagesAge,
  firesOnOneMessage,
  keptAfterAlarmSeconds,
  lambdaAttemptStarts,
  queueWorstReachSeconds,
  reachSeconds,
  unalarmedWaitSeconds,
} from "../../../policies/timeline";
import { alarm, DAY, dlq, eventBridgeStage, HOUR, lambdaStage, oldestAlarm, queuePath, queueStage, QUICKEST_ALARM, snsStage } from "./fixtures";

describe("timing", () => {
  describe("alarmDelaySeconds", () => {
    // An idle queue's metrics take up to 15 minutes to resume (SQS monitoring page), then the
    // alarm needs period x datapoints of breaching data (CloudWatch alarm evaluation).
    it("is the metric's 15 minutes plus period x datapoints", () => {
      assert.equal(alarmDelaySeconds(alarm("a")), QUICKEST_ALARM);
      assert.equal(alarmDelaySeconds(alarm("a", { periodSeconds: 300, evaluationPeriods: 2 })), 900 + 600);
    });

    it("counts the datapoints to alarm of an M-of-N alarm, not its N periods", () => {
      assert.equal(alarmDelaySeconds(alarm("a", { evaluationPeriods: 5, datapointsToAlarm: 2 })), 900 + 120);
    });

    it("is unknown when the period or the datapoints are", () => {
      assert.equal(alarmDelaySeconds(alarm("a", { periodSeconds: undefined })), undefined);
      assert.equal(alarmDelaySeconds(alarm("a", { evaluationPeriods: undefined })), undefined);
      assert.equal(alarmDelaySeconds(alarm("a", { periodSeconds: Number.NaN })), undefined);
      assert.equal(alarmDelaySeconds(alarm("a", { evaluationPeriods: Number.POSITIVE_INFINITY })), undefined);
    });
  });

  describe("firesOnOneMessage", () => {
    // CloudWatch compares the statistic (first operand) with the threshold; alarm actions run only
    // on a change of state (alarm-actions page), so zero messages must not breach.
    const fires = (comparison: string | undefined, threshold: number | undefined) =>
      firesOnOneMessage(alarm("a", { comparison, threshold }));

    it("GreaterThanThreshold: from 0 up to, not including, 1", () => {
      assert.equal(fires("GreaterThanThreshold", 0), true);
      assert.equal(fires("GreaterThanThreshold", 0.5), true);
      assert.equal(fires("GreaterThanThreshold", 1), false, "1 > 1 is false: it needs two messages");
      assert.equal(fires("GreaterThanThreshold", -1), false, "0 > -1: in ALARM with no message, so a new one notifies no one");
    });

    it("GreaterThanOrEqualToThreshold: above 0 up to 1", () => {
      assert.equal(fires("GreaterThanOrEqualToThreshold", 1), true);
      assert.equal(fires("GreaterThanOrEqualToThreshold", 0.5), true);
      assert.equal(fires("GreaterThanOrEqualToThreshold", 1.5), false);
      assert.equal(fires("GreaterThanOrEqualToThreshold", 2), false);
      assert.equal(fires("GreaterThanOrEqualToThreshold", 0), false, "0 >= 0: in ALARM with no message");
    });

    it("never for a comparison that a growing count does not breach", () => {
      for (const comparison of ["LessThanThreshold", "LessThanOrEqualToThreshold", "LessThanLowerOrGreaterThanUpperThreshold"]) {
        assert.equal(fires(comparison, 0), false, comparison);
        assert.equal(fires(comparison, 1), false, comparison);
      }
    });

    it("is unknown when the threshold or the comparison is", () => {
      assert.equal(fires("GreaterThanThreshold", undefined), undefined);
      assert.equal(fires(undefined, 0), undefined);
    });
  });

  describe("firesAsMessagesAge", () => {
    // ApproximateAgeOfOldestMessage grows while a consumer stalls: only a Greater… comparison breaches then.
    it("is true for GreaterThan and GreaterThanOrEqualTo, false for any other comparison, unknown without one", () => {
      assert.equal(firesAsMessagesAge(oldestAlarm({ comparison: "GreaterThanThreshold" })), true);
      assert.equal(firesAsMessagesAge(oldestAlarm({ comparison: "GreaterThanOrEqualToThreshold" })), true);
      assert.equal(firesAsMessagesAge(oldestAlarm({ comparison: "LessThanThreshold" })), false);
      assert.equal(firesAsMessagesAge(oldestAlarm({ comparison: "LessThanOrEqualToThreshold" })), false);
      assert.equal(firesAsMessagesAge(oldestAlarm({ comparison: undefined })), undefined);
    });
  });

  describe("lambdaAttemptStarts", () => {
    // Lambda retries a failed asynchronous invocation after 1 minute, then after 2 (async error handling page).
    it("starts the first retry a timeout and 1 minute after the first attempt, the next a timeout and 2 minutes later", () => {
      assert.deepEqual(lambdaAttemptStarts(0, 30), [0]);
      assert.deepEqual(lambdaAttemptStarts(1, 30), [0, 90]);
      assert.deepEqual(lambdaAttemptStarts(2, 30), [0, 90, 240]);
      assert.deepEqual(lambdaAttemptStarts(2, 0), [0, 60, 180]);
      assert.deepEqual(lambdaAttemptStarts(3, 10), [0, 70, 200, 330], "beyond the second retry, 2 minutes apart");
    });
  });

  describe("unalarmedWaitSeconds", () => {
    it("is the oldest-message alarm's threshold plus its delay", () => {
      assert.equal(unalarmedWaitSeconds(queueStage()), HOUR + QUICKEST_ALARM);
    });

    it("is the whole retention without an oldest-message alarm", () => {
      assert.equal(unalarmedWaitSeconds(queueStage({ oldestMessageAlarm: undefined })), 4 * DAY);
      assert.equal(unalarmedWaitSeconds(queueStage({ oldestMessageAlarm: undefined, retentionSeconds: undefined })), undefined);
    });

    it("is the whole retention when the alarm never fires on an ageing message", () => {
      assert.equal(unalarmedWaitSeconds(queueStage({ oldestMessageAlarm: oldestAlarm({ comparison: "LessThanThreshold" }) })), 4 * DAY);
      assert.equal(unalarmedWaitSeconds(queueStage({ oldestMessageAlarm: oldestAlarm({ comparison: "GreaterThanOrEqualToThreshold" }) })), HOUR + QUICKEST_ALARM);
    });

    it("is unknown when the alarm's threshold, comparison or delay is", () => {
      assert.equal(unalarmedWaitSeconds(queueStage({ oldestMessageAlarm: oldestAlarm({ threshold: undefined }) })), undefined);
      assert.equal(unalarmedWaitSeconds(queueStage({ oldestMessageAlarm: oldestAlarm({ comparison: undefined }) })), undefined);
      assert.equal(unalarmedWaitSeconds(queueStage({ oldestMessageAlarm: oldestAlarm({ periodSeconds: undefined }) })), undefined);
    });
  });

  describe("queueWorstReachSeconds", () => {
    it("is the unalarmed wait, then maxReceiveCount receives a visibility timeout apart", () => {
      assert.equal(queueWorstReachSeconds(queueStage()), HOUR + QUICKEST_ALARM + 5 * 360);
    });

    it("is at most the retention: a message cannot reach the DLQ after it expired", () => {
      assert.equal(queueWorstReachSeconds(queueStage({ retentionSeconds: 6_000 })), 6_000);
      assert.equal(queueWorstReachSeconds(queueStage({ retentionSeconds: 6_360 })), 6_360);
    });

    it("is unknown when any of its terms is", () => {
      assert.equal(queueWorstReachSeconds(queueStage({ maxReceiveCount: undefined })), undefined);
      assert.equal(queueWorstReachSeconds(queueStage({ visibilityTimeoutSeconds: undefined })), undefined);
      assert.equal(queueWorstReachSeconds(queueStage({ retentionSeconds: undefined })), undefined);
      assert.equal(queueWorstReachSeconds(queueStage({ oldestMessageAlarm: alarm("o", { threshold: undefined }) })), undefined);
    });
  });

  describe("reachSeconds", () => {
    it("a queue: its worst reach", () => {
      assert.equal(reachSeconds(queueStage()), 6_360);
    });

    it("Lambda: the maximum event age, plus one attempt still running then", () => {
      // Throttles and system errors are retried up to the maximum event age (async error handling page).
      assert.equal(reachSeconds(lambdaStage()), 6 * HOUR + 30);
      assert.equal(reachSeconds(lambdaStage({ timeoutSeconds: undefined })), undefined);
      assert.equal(reachSeconds(lambdaStage({ maxEventAgeSeconds: undefined })), undefined);
    });

    it("SNS: the protocol's delivery policy", () => {
      // AWS-managed endpoints: 100,015 attempts over 23 days; HTTP/S: 3 retries 20 s apart; email and SMS: 50 over 6 hours.
      assert.equal(reachSeconds(snsStage({ protocol: "sqs" })), 23 * DAY);
      assert.equal(reachSeconds(snsStage({ protocol: "lambda" })), 23 * DAY);
      assert.equal(reachSeconds(snsStage({ protocol: "https" })), 60);
      assert.equal(reachSeconds(snsStage({ protocol: "email" })), 6 * HOUR);
      assert.equal(reachSeconds(snsStage({ protocol: "application" })), undefined, "no policy we know");
      assert.equal(reachSeconds(snsStage({ protocol: undefined })), undefined);
    });

    it("EventBridge: the target's maximum event age", () => {
      assert.equal(reachSeconds(eventBridgeStage()), DAY);
      assert.equal(reachSeconds(eventBridgeStage({ maxEventAgeSeconds: 3_600 })), 3_600);
      assert.equal(reachSeconds(eventBridgeStage({ maxEventAgeSeconds: undefined })), undefined);
    });
  });

  describe("keptAfterAlarmSeconds", () => {
    // A standard queue keeps a message's original enqueue timestamp when it moves to the DLQ; a FIFO
    // queue resets it (DLQ retention page). Lambda, SNS and EventBridge send a new message.
    it("a standard queue's DLQ: retention less the time to arrive and the alarm's delay", () => {
      assert.equal(keptAfterAlarmSeconds(queuePath(), QUICKEST_ALARM), 14 * DAY - 6_360 - QUICKEST_ALARM);
      assert.equal(keptAfterAlarmSeconds(queuePath(), 0), 14 * DAY - 6_360);
    });

    it("a FIFO queue's DLQ, and every other stage's: retention less the alarm's delay", () => {
      assert.equal(keptAfterAlarmSeconds(queuePath({ fifo: true }), QUICKEST_ALARM), 14 * DAY - QUICKEST_ALARM);
      for (const stage of [lambdaStage(), snsStage(), eventBridgeStage()]) {
        assert.equal(keptAfterAlarmSeconds({ stage, deadLetter: dlq() }, QUICKEST_ALARM), 14 * DAY - QUICKEST_ALARM, stage.kind);
      }
    });

    it("is unknown without a DLQ, its retention, the queue's kind, or the time to arrive", () => {
      assert.equal(keptAfterAlarmSeconds({ stage: lambdaStage(), deadLetter: undefined }, 0), undefined);
      assert.equal(keptAfterAlarmSeconds({ stage: lambdaStage(), deadLetter: dlq({ retentionSeconds: undefined }) }, 0), undefined);
      assert.equal(keptAfterAlarmSeconds(queuePath({ fifo: undefined }), 0), undefined);
      assert.equal(keptAfterAlarmSeconds(queuePath({ maxReceiveCount: undefined }), 0), undefined);
      assert.equal(keptAfterAlarmSeconds(queuePath({ fifo: true, maxReceiveCount: undefined }), 0), 14 * DAY, "FIFO: arrival does not count");
    });
  });
});
