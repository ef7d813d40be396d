import { strict as assert } from "assert";
import { lambdaRetryRules } from "../../../policies/timeline";
import { dlq, eventBridgeStage, lambdaStage } from "./fixtures";

const LAMBDA_ASYNC_DOC = "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html";
const rules = (over: Parameters<typeof lambdaStage>[0]) => lambdaRetryRules({ stage: lambdaStage(over), deadLetter: dlq() });

// Lambda retries a failed asynchronous invocation after 1 minute, then 2, and sends an event older
// than the maximum event age to its on-failure destination without its remaining retries.
describe("lambdaRetryRules", () => {
  it("accept a maximum event age that reaches the last retry's start", () => {
    // Attempts of up to 30 s at 0, 30 + 60 = 90 and 90 + 30 + 120 = 240 s.
    assert.deepEqual(rules({ maxEventAgeSeconds: 240 }), []);
    assert.deepEqual(rules({ retries: 0, maxEventAgeSeconds: 60 }), []);
  });

  it("refuse one that cuts the last retry, naming the age it needs", () => {
    assert.deepEqual(rules({ maxEventAgeSeconds: 239 }), [
      {
        rule: "lambda-retries",
        setting: "stage.maxEventAgeSeconds",
        message:
          "the maximum event age (239 s = 4 min) must leave room for the 2 configured retries, whose last starts 240 s = 4 min " +
          "after the first attempt (1 min, then 2 min apart, after attempts of up to 30 s); raise it to at least 240 s or lower the retries.",
        doc: LAMBDA_ASYNC_DOC,
      },
    ]);
    assert.equal(
      rules({ retries: 1, maxEventAgeSeconds: 89 })[0].message,
      "the maximum event age (89 s = 1.5 min) must leave room for the 1 configured retry, whose last starts 90 s = 1.5 min " +
        "after the first attempt (1 min, then 2 min apart, after attempts of up to 30 s); raise it to at least 90 s or lower the retries.",
    );
  });

  it("count an unknown function timeout as the shortest, so the finding holds whatever it is", () => {
    assert.deepEqual(rules({ timeoutSeconds: undefined, maxEventAgeSeconds: 180 }), []);
    assert.equal(
      rules({ timeoutSeconds: undefined, maxEventAgeSeconds: 179 })[0].message,
      "the maximum event age (179 s = 3 min) must leave room for the 2 configured retries, whose last starts 180 s = 3 min " +
        "after the first attempt (1 min, then 2 min apart, plus the function's run time); raise it to at least 180 s or lower the retries.",
    );
  });

  it("say nothing when the retries or the maximum age are unknown", () => {
    assert.deepEqual(rules({ retries: undefined, maxEventAgeSeconds: 60 }), []);
    assert.deepEqual(rules({ maxEventAgeSeconds: undefined }), []);
  });

  it("apply only to an asynchronous Lambda invocation, not to an EventBridge target's retries", () => {
    // EventBridge retries with its own backoff over up to 24 hours (eb-rule-dlq).
    assert.deepEqual(lambdaRetryRules({ stage: eventBridgeStage({ retries: 185, maxEventAgeSeconds: 60 }), deadLetter: dlq() }), []);
  });
});
