import * as pulumi from "@pulumi/pulumi";
import { strict as assert } from "assert";
import { alarmSettings, metricAlarm } from "../../components/alarms";
import { mockEngine } from "../support/harness";

const TOPIC = "arn:aws:sns:us-east-1:111122223333:oncall";

class Owner extends pulumi.ComponentResource {
  constructor() {
    super("test:index:Owner", "owner", {});
  }
}

describe("metricAlarm", () => {
  const spec = {
    namespace: "AWS/SQS",
    metricName: "ApproximateAgeOfOldestMessage",
    dimensions: { QueueName: "jobs" },
    statistic: "Maximum",
    threshold: 600,
    description: "too old",
  } as const;

  it("alarms over one minute when the metric exceeds the threshold, idle being no breach, notifying the topic of both states", async () => {
    const engine = await mockEngine();
    metricAlarm("jobs-oldest", spec, TOPIC, { parent: new Owner() });
    await engine.settle();
    const alarm = engine.byName("jobs-oldest");
    assert.equal(alarm.type, "aws:cloudwatch/metricAlarm:MetricAlarm");
    assert.equal(alarm.parent, engine.byName("owner").urn);
    assert.deepEqual(
      { ...alarm.inputs, __defaults: undefined },
      {
        __defaults: undefined,
        namespace: "AWS/SQS",
        metricName: "ApproximateAgeOfOldestMessage",
        dimensions: { QueueName: "jobs" },
        statistic: "Maximum",
        period: 60,
        evaluationPeriods: 1,
        threshold: 600,
        comparisonOperator: "GreaterThanThreshold",
        treatMissingData: "notBreaching",
        alarmDescription: "too old",
        alarmActions: [TOPIC],
        okActions: [TOPIC],
      },
    );
  });

  it("notifies nobody without a topic", async () => {
    const engine = await mockEngine();
    metricAlarm("jobs-oldest", spec, undefined, {});
    await engine.settle();
    assert.deepEqual(engine.byName("jobs-oldest").inputs.alarmActions, []);
    assert.deepEqual(engine.byName("jobs-oldest").inputs.okActions, []);
  });

  it("tells the timeline rules what it will create, and whether it notifies", () => {
    assert.deepEqual(alarmSettings("jobs-oldest", { metricName: "ApproximateAgeOfOldestMessage", threshold: 600 }, TOPIC), {
      name: "jobs-oldest",
      metricName: "ApproximateAgeOfOldestMessage",
      periodSeconds: 60,
      evaluationPeriods: 1,
      threshold: 600,
      comparison: "GreaterThanThreshold",
      notifies: true,
    });
    assert.equal(alarmSettings("a", { metricName: "m", threshold: 0 }, undefined).notifies, false);
  });
});
