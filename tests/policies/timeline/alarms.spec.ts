import { strict as assert } from "assert";
import { deadLetterAlarmRules, oldestMessageAlarmRules } from "../../../policies/timeline";
import { alarm, DAY, dlq, HOUR, lambdaStage, oldestAlarm, QUICKEST_ALARM, queuePath, WINDOW } from "./fixtures";

const DLQ_ALARM_DOC = "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/dead-letter-queues-alarms-cloudwatch.html";
const SQS_METRICS_DOC = "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/monitoring-using-cloudwatch.html";
const dlqAlarmFinding = (message: string) => [{ rule: "dlq-alarm", setting: "deadLetter.alarm", message, doc: DLQ_ALARM_DOC }];
const withDlqAlarm = (over: Parameters<typeof alarm>[1]) => deadLetterAlarmRules(queuePath({}, { alarm: alarm("a", over) }));

describe("deadLetterAlarmRules", () => {
  it("accept an alarm on visible messages > 0 over one 1-minute period", () => {
    assert.deepEqual(deadLetterAlarmRules(queuePath()), []);
  });

  it("need an alarm on every DLQ", () => {
    assert.deepEqual(
      deadLetterAlarmRules(queuePath({}, { alarm: undefined })),
      dlqAlarmFinding(
        "the dead-letter queue q-dlq must have an alarm on `ApproximateNumberOfMessagesVisible` > 0, because otherwise a failed " +
          "event sits there unseen until it expires; add one.",
      ),
    );
    assert.deepEqual(deadLetterAlarmRules({ stage: lambdaStage(), deadLetter: undefined }), [], "no DLQ: the timeline's verdict says so");
  });

  it("need it on ApproximateNumberOfMessagesVisible: NumberOfMessagesSent misses messages a redrive moves", () => {
    assert.deepEqual(
      withDlqAlarm({ metricName: "NumberOfMessagesSent" }),
      dlqAlarmFinding("alarm a watches `NumberOfMessagesSent`, which misses messages moved to q-dlq; watch `ApproximateNumberOfMessagesVisible`."),
    );
    assert.deepEqual(withDlqAlarm({ metricName: undefined }), [], "an unknown metric is not judged");
  });

  it("need it to breach on one message and not on none (actions run only on a change of state)", () => {
    assert.deepEqual(
      withDlqAlarm({ threshold: 1 }),
      dlqAlarmFinding(
        "alarm a (GreaterThanThreshold 1) must fire on one message in q-dlq, and not on none (an alarm already in ALARM notifies " +
          "no one); use `GreaterThanThreshold` 0.",
      ),
    );
    assert.equal(withDlqAlarm({ threshold: -1 }).length, 1);
    assert.deepEqual(withDlqAlarm({ comparison: "GreaterThanOrEqualToThreshold", threshold: 1 }), []);
    assert.deepEqual(withDlqAlarm({ threshold: undefined }), [], "an unknown threshold is not judged");
  });

  it("need it to evaluate over at most 5 minutes, on top of the metric's 15", () => {
    assert.deepEqual(withDlqAlarm({ periodSeconds: 60, evaluationPeriods: 5 }), []);
    assert.deepEqual(withDlqAlarm({ periodSeconds: 300, evaluationPeriods: 1 }), []);
    assert.deepEqual(withDlqAlarm({ periodSeconds: 300, evaluationPeriods: 3, datapointsToAlarm: 1 }), [], "1 of 3 datapoints");
    assert.deepEqual(
      withDlqAlarm({ periodSeconds: 60, evaluationPeriods: 6 }),
      dlqAlarmFinding(
        "alarm a needs 360 s = 6 min of breaching data (period x datapoints) to fire, more than 300 s = 5 min; evaluate over " +
          "1-minute periods and 1 datapoint.",
      ),
    );
    assert.deepEqual(withDlqAlarm({ periodSeconds: undefined, evaluationPeriods: 60 }), [], "an unknown period is not judged");
  });
});

describe("oldestMessageAlarmRules", () => {
  const oldestFinding = (message: string) => [{ rule: "oldest-message-alarm", setting: "stage.oldestMessageAlarm", message, doc: SQS_METRICS_DOC }];
  const withOldest = (over: Parameters<typeof oldestAlarm>[0], retentionSeconds = 4 * DAY, window = WINDOW) =>
    oldestMessageAlarmRules(queuePath({ retentionSeconds, oldestMessageAlarm: oldestAlarm(over) }), window);

  it("need an ApproximateAgeOfOldestMessage alarm on a queue whose retention is known", () => {
    assert.deepEqual(
      oldestMessageAlarmRules(queuePath({ oldestMessageAlarm: undefined }), WINDOW),
      oldestFinding(
        "the queue q must have an `ApproximateAgeOfOldestMessage` alarm, because a stalled consumer leaves its messages to expire " +
          "after 345600 s = 4 d unseen; add one.",
      ),
    );
    assert.deepEqual(oldestMessageAlarmRules(queuePath({ oldestMessageAlarm: undefined, retentionSeconds: undefined }), WINDOW), []);
    assert.deepEqual(oldestMessageAlarmRules({ stage: lambdaStage(), deadLetter: dlq() }, WINDOW), []);
  });

  it("need it to breach as the oldest message ages", () => {
    assert.deepEqual(
      withOldest({ comparison: "LessThanThreshold" }),
      oldestFinding("alarm q-oldest (LessThanThreshold 3600) never fires as the oldest message in q ages; use `GreaterThanThreshold`."),
    );
    assert.deepEqual(withOldest({ comparison: "GreaterThanOrEqualToThreshold" }), []);
  });

  it("need it to fire early enough to leave the response window before the oldest message expires", () => {
    // Fires at threshold + 16 min; a 4-day queue leaves 3 days after it up to a threshold of 1 d - 16 min.
    assert.deepEqual(withOldest({ threshold: DAY - QUICKEST_ALARM }), []);
    assert.deepEqual(
      withOldest({ threshold: DAY - QUICKEST_ALARM + 1 }),
      oldestFinding(
        "alarm q-oldest fires when the oldest message is 86401 s = 1 d old (threshold 85441 s = 23.7 h plus up to 960 s = 16 min " +
          "for the metric), leaving 259199 s = 3 d before it expires at 345600 s = 4 d, less than the 259200 s = 3 d an operator " +
          "needs; lower the threshold to at most 85440 s.",
      ),
    );
    // A 5-minute, 2-datapoint alarm takes 15 + 10 min.
    assert.match(withOldest({ threshold: DAY, periodSeconds: 300, evaluationPeriods: 2 })[0].message, /plus up to 1500 s = 25 min .* at most 84900 s\.$/);
    assert.deepEqual(withOldest({ threshold: HOUR }, 4 * DAY, 4 * DAY - HOUR - QUICKEST_ALARM), []);
    assert.equal(withOldest({ threshold: HOUR }, 4 * DAY, 4 * DAY - HOUR - QUICKEST_ALARM + 1).length, 1);
  });

  it("ask for a longer retention when no threshold above 0 s would do", () => {
    // A threshold of 0 s alarms on every message received, not on a stall.
    const retention = WINDOW + QUICKEST_ALARM;
    assert.match(withOldest({ threshold: 2 }, retention + 1)[0].message, /; lower the threshold to at most 1 s\.$/);
    assert.match(withOldest({ threshold: 1 }, retention)[0].message, /; raise the queue's retention\.$/);
    assert.match(withOldest({ threshold: 1 }, retention - 1)[0].message, /; raise the queue's retention\.$/);
  });

  it("say nothing when the threshold or the alarm's delay is unknown", () => {
    assert.deepEqual(withOldest({ threshold: undefined }, HOUR), []);
    assert.deepEqual(withOldest({ periodSeconds: undefined }, HOUR), []);
  });
});
