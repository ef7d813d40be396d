/** The timeline policies as the engine runs them: over gRPC, with preview unknowns and a config file. */
import { strict as assert } from "assert";
import type { StackResource } from "../../tools/offline/packClient";
import { usePack } from "./support";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const DAY = 86_400;
const urn = (type: string, name: string) => `urn:pulumi:test::app::${type}::${name}`;
const Q = "aws:sqs/queue:Queue";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";

/** A queue S3 sends to, its DLQ and both alarms, as a preview sends them: ARNs and the redrive policy unknown. */
function stack(queueRetention: number, dlqRetention: number): StackResource[] {
  const alarm = (queue: string, metricName: string, threshold: number): StackResource => ({
    urn: urn(ALARM, `${queue}-alarm`),
    type: ALARM,
    name: `${queue}-alarm`,
    properties: { metricName, period: 60, evaluationPeriods: 1, threshold, comparisonOperator: "GreaterThanThreshold", alarmActions: [UNKNOWN] },
    propertyDependencies: { dimensions: [urn(Q, queue)] },
  });
  return [
    { urn: urn(Q, "dlq"), type: Q, name: "dlq", properties: { messageRetentionSeconds: dlqRetention, arn: UNKNOWN } },
    { urn: urn(Q, "jobs"), type: Q, name: "jobs", properties: { messageRetentionSeconds: queueRetention, redrivePolicy: UNKNOWN, arn: UNKNOWN }, propertyDependencies: { redrivePolicy: [urn(Q, "dlq")] } },
    alarm("dlq", "ApproximateNumberOfMessagesVisible", 0),
    alarm("jobs", "ApproximateAgeOfOldestMessage", 3_600),
    {
      urn: urn("aws:s3/bucketNotification:BucketNotification", "n"),
      type: "aws:s3/bucketNotification:BucketNotification",
      name: "n",
      properties: { bucket: UNKNOWN, queues: [{ id: "csv", events: ["s3:ObjectCreated:*"], filterPrefix: "in/", queueArn: UNKNOWN }] },
      propertyDependencies: { queues: [urn(Q, "jobs")] },
    },
  ];
}

describe("timeline policies over gRPC", function () {
  this.timeout(60_000);
  const started = usePack();

  it("reject, as mandatory, a DLQ that keeps messages no longer than its standard source, with every other value unknown", async () => {
    const pack = started.pack();
    await pack.configure(started.policies());
    const diagnostics = (await pack.analyzeStack(stack(4 * DAY, 4 * DAY))).filter((d) => d.policy.startsWith("s3-destination-dlq"));
    assert.deepEqual(
      diagnostics.map((d) => `${d.policy}:${d.level}`),
      ["s3-destination-dlq-outlives-source:mandatory"],
    );
    assert.match(diagnostics[0].message, /the dead-letter queue's retention \(345600 s = 4 d\) must be longer than the source queue's/);
    const timeline = new Set(["s3-destination-dlq-outlives-source", "s3-destination-dlq-retention", "s3-destination-failure-alarmed", "s3-destination-sqs-consumer", "s3-destination-lambda-retries"]);
    assert.deepEqual((await pack.analyzeStack(stack(4 * DAY, 14 * DAY))).filter((d) => timeline.has(d.policy)), []);
  });

  it("take the response window from the policy config file", async () => {
    const pack = started.pack();
    // A 4-day DLQ of a new message: fine for a 3-day window, not for a 5-day one.
    await pack.configure(started.policies(), { "s3-destination-dlq-retention": { responseWindowSeconds: 5 * DAY } });
    const fifo = stack(DAY, 4 * DAY).map((r) => (r.type === Q ? { ...r, properties: { ...r.properties, fifoQueue: true } } : r));
    const diagnostics = (await pack.analyzeStack(fifo)).filter((d) => d.policy === "s3-destination-dlq-retention");
    assert.equal(diagnostics.length, 1);
    assert.match(diagnostics[0].message, /less than the 432000 s = 5 d an operator needs to act/);
    await pack.configure(started.policies());
    assert.deepEqual((await pack.analyzeStack(fifo)).filter((d) => d.policy === "s3-destination-dlq-retention"), []);
  });
});
