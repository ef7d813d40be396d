import { strict as assert } from "assert";
import { sqsConsumerRules } from "../../../policies/timeline";
import { lambdaStage, queuePath, queueStage } from "./fixtures";

const LAMBDA_SQS_DOC = "https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html";
const consumer = (over: { timeoutSeconds?: number; reportBatchItemFailures?: boolean } = {}) => ({
  name: "q-consumer",
  timeoutSeconds: 60,
  reportBatchItemFailures: true,
  ...over,
});

// Lambda's SQS event source guidance (services-sqs-configure): a visibility timeout of at least 6x
// the function timeout, maxReceiveCount of at least 5, partial batch responses.
describe("sqsConsumerRules", () => {
  it("break none as the components build them", () => {
    assert.deepEqual(sqsConsumerRules(queuePath()), []);
  });

  it("need a visibility timeout of at least 6x the function timeout", () => {
    assert.deepEqual(sqsConsumerRules(queuePath({ visibilityTimeoutSeconds: 360 })), []);
    assert.deepEqual(sqsConsumerRules(queuePath({ visibilityTimeoutSeconds: 359 })), [
      {
        rule: "sqs-consumer",
        setting: "stage.visibilityTimeoutSeconds",
        message:
          "the queue's visibility timeout (359 s = 6 min) is less than 6x the consumer's timeout (60 s = 1 min), so messages " +
          "reappear while still being processed; set it to at least 360.",
        doc: LAMBDA_SQS_DOC,
      },
    ]);
    assert.match(sqsConsumerRules(queuePath({ visibilityTimeoutSeconds: 30, consumer: consumer({ timeoutSeconds: 10 }) }))[0].message, /set it to at least 60\.$/);
  });

  it("say nothing of the visibility timeout when it or the function timeout is unknown", () => {
    assert.deepEqual(sqsConsumerRules(queuePath({ visibilityTimeoutSeconds: undefined })), []);
    assert.deepEqual(sqsConsumerRules(queuePath({ visibilityTimeoutSeconds: 1, consumer: consumer({ timeoutSeconds: undefined }) })), []);
  });

  it("need maxReceiveCount of at least 5: a throttled poll counts as a receive", () => {
    assert.deepEqual(sqsConsumerRules(queuePath({ maxReceiveCount: 5 })), []);
    assert.deepEqual(sqsConsumerRules(queuePath({ maxReceiveCount: undefined })), []);
    assert.deepEqual(sqsConsumerRules(queuePath({ maxReceiveCount: 4 })), [
      {
        rule: "sqs-consumer",
        setting: "stage.maxReceiveCount",
        message:
          "`maxReceiveCount` (4) must be at least 5 for a queue Lambda consumes, because a throttled poll also counts as a " +
          "receive and would move healthy messages to the DLQ; set it to 5 or more.",
        doc: LAMBDA_SQS_DOC,
      },
    ]);
  });

  it("need the consumer to report batch item failures, when that is known", () => {
    assert.deepEqual(sqsConsumerRules(queuePath({ consumer: { ...consumer(), reportBatchItemFailures: undefined } })), []);
    assert.deepEqual(sqsConsumerRules(queuePath({ consumer: consumer({ reportBatchItemFailures: false }) })), [
      {
        rule: "sqs-consumer",
        setting: "stage.consumer.reportBatchItemFailures",
        message:
          'the consumer q-consumer must report batch item failures (`functionResponseTypes: ["ReportBatchItemFailures"]`), because ' +
          "otherwise one failing message returns its whole batch to the queue, and every message in it toward the DLQ.",
        doc: LAMBDA_SQS_DOC,
      },
    ]);
  });

  it("report every broken setting, in the order of the settings", () => {
    const path = queuePath({ visibilityTimeoutSeconds: 30, maxReceiveCount: 1, consumer: consumer({ reportBatchItemFailures: false }) });
    assert.deepEqual(
      sqsConsumerRules(path).map((f) => f.setting),
      ["stage.visibilityTimeoutSeconds", "stage.maxReceiveCount", "stage.consumer.reportBatchItemFailures"],
    );
  });

  it("apply only to a queue a function consumes", () => {
    assert.deepEqual(sqsConsumerRules({ stage: queueStage({ consumer: undefined, maxReceiveCount: 1, visibilityTimeoutSeconds: 1 }), deadLetter: undefined }), []);
    assert.deepEqual(sqsConsumerRules({ stage: lambdaStage(), deadLetter: undefined }), []);
  });
});
