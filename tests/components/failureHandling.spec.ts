import * as pulumi from "@pulumi/pulumi";
import { strict as assert } from "assert";
import { createDeadLetterQueue, deadLetterQueueChildren, deadLetterSettings } from "../../components/failureHandling";
import { mockEngine } from "../support/harness";

const FAILURE = { deadLetterRetentionSeconds: 1_209_600, protectDeadLetterQueues: false, maxMessageAgeSeconds: 3_600, responseWindowSeconds: 259_200 };
const TOPIC = "arn:aws:sns:us-east-1:111122223333:oncall";

class Owner extends pulumi.ComponentResource {
  constructor() {
    super("test:index:Owner", "owner", {});
  }
}

describe("a dead-letter queue", () => {
  it("keeps messages for the configured retention, encrypted with SSE-SQS, tagged with what it catches, alarmed on one visible message", async () => {
    const engine = await mockEngine();
    const owner = new Owner();
    const dlq = createDeadLetterQueue("n-q-dlq", "sqs n-q: messages received 5 times", { ...FAILURE, deadLetterRetentionSeconds: 600, alarmTopicArn: TOPIC }, owner);
    await engine.settle();
    const queue = engine.byName("n-q-dlq");
    assert.equal(queue.type, "aws:sqs/queue:Queue");
    assert.equal(queue.parent, engine.byName("owner").urn);
    assert.equal(queue.inputs.messageRetentionSeconds, 600);
    assert.equal(queue.inputs.sqsManagedSseEnabled, true);
    assert.deepEqual(queue.inputs.tags, { "s3-events:role": "dead-letter-queue", "s3-events:purpose": "sqs n-q: messages received 5 times" });
    assert.equal(queue.protect, false);
    assert.equal(queue.retainOnDelete, false);
    const alarm = engine.byName("n-q-dlq-visible");
    assert.equal(alarm.parent, engine.byName("owner").urn);
    assert.equal(alarm.inputs.namespace, "AWS/SQS");
    assert.equal(alarm.inputs.metricName, "ApproximateNumberOfMessagesVisible");
    assert.deepEqual(alarm.inputs.dimensions, { QueueName: "n-q-dlq-0a1b2c3" });
    assert.equal(alarm.inputs.statistic, "Maximum");
    assert.equal(alarm.inputs.threshold, 0);
    assert.deepEqual(alarm.inputs.alarmActions, [TOPIC]);
    assert.equal(alarm.inputs.alarmDescription, "Undelivered S3 events are waiting in the dead-letter queue (sqs n-q: messages received 5 times).");
    assert.equal(dlq.name, "n-q-dlq");
    assert.equal(dlq.purpose, "sqs n-q: messages received 5 times");
  });

  it("is protected and kept on destroy when asked", async () => {
    const engine = await mockEngine();
    createDeadLetterQueue("n-q-dlq", "p", { ...FAILURE, protectDeadLetterQueues: true }, new Owner());
    await engine.settle();
    assert.equal(engine.byName("n-q-dlq").protect, true);
    assert.equal(engine.byName("n-q-dlq").retainOnDelete, true);
    assert.equal(engine.byName("n-q-dlq-visible").protect, false);
  });

  it("is planned as the queue and its alarm", () => {
    assert.deepEqual(deadLetterQueueChildren("n-q-dlq", "consumer"), [
      { type: "aws:sqs/queue:Queue", name: "n-q-dlq", via: "consumer" },
      { type: "aws:cloudwatch/metricAlarm:MetricAlarm", name: "n-q-dlq-visible", via: "consumer" },
    ]);
  });

  it("tells the timeline rules its retention and alarm", () => {
    assert.deepEqual(deadLetterSettings("n-q-dlq", { ...FAILURE, deadLetterRetentionSeconds: 600 }), {
      name: "n-q-dlq",
      retentionSeconds: 600,
      fifo: false,
      alarm: {
        name: "n-q-dlq-visible",
        metricName: "ApproximateNumberOfMessagesVisible",
        periodSeconds: 60,
        evaluationPeriods: 1,
        threshold: 0,
        comparison: "GreaterThanThreshold",
        notifies: false,
      },
    });
  });
});
