import { strict as assert } from "assert";
import type { LambdaDestination } from "../../../components";
import { lambdaDelivery } from "../../../components/destinations/lambda";
import { ACCOUNT, REGION, valueOf } from "../../support/harness";
import { childName } from "../../../components/childNames";

// LambdaDelivery on its own: from its args, and bound alone under fresh mocks, with no component
// around it. What it adds to a whole BucketNotifications is in lambda.spec.ts.
describe("LambdaDelivery, from its args alone", () => {
  const FAILURE = { deadLetterRetentionSeconds: 1_209_600, protectDeadLetterQueues: false, maxMessageAgeSeconds: 3_600, responseWindowSeconds: 259_200 };
  const FN_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:f`;
  const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/r`;
  const delivery = (args: Partial<LambdaDestination> = {}) => {
    const built = lambdaDelivery({ functionArn: FN_ARN, functionRoleArn: ROLE_ARN, ...args });
    assert.deepEqual(built.problems, []);
    return built.delivery!;
  };

  it("accepts retries and event age within Lambda's limits, both ends included", () => {
    assert.deepEqual(delivery().validate(), []);
    assert.deepEqual(delivery({ maximumRetryAttempts: 0, maximumEventAgeInSeconds: 60 }).validate(), []);
    assert.deepEqual(delivery({ maximumRetryAttempts: 2, maximumEventAgeInSeconds: 21_600 }).validate(), []);
  });

  it("refuses retries and event age outside them, in Lambda's terms", () => {
    assert.deepEqual(delivery({ maximumRetryAttempts: -1, maximumEventAgeInSeconds: 59 }).validate(), [
      { field: "maximumRetryAttempts", message: "must be 0, 1 or 2 (Lambda's limit), not -1." },
      { field: "maximumEventAgeInSeconds", message: "must be a whole number from 60 to 21600 (Lambda's limits), not 59." },
    ]);
    assert.deepEqual(delivery({ maximumEventAgeInSeconds: 21_601 }).validate().map((p) => p.field), ["maximumEventAgeInSeconds"]);
  });

  it("knows an existing function's ARN now, and its region from it", async () => {
    assert.equal(delivery().literalArn, FN_ARN);
    assert.equal(await valueOf(delivery({ functionArn: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:f` }).region), "eu-west-1");
  });

  it("plans a permission per source bucket, a DLQ, the role's grant to it, the async config and two alarms", () => {
    const planned = delivery().childNames("n-fn", { sourceKeys: ["uploads", "archive"], ruleIds: ["jpg"], join: childName });
    assert.deepEqual(planned.map((c) => `${c.type} ${c.name}${c.via ? ` (${c.via})` : ""}`), [
      "aws:lambda/permission:Permission n-fn-allow-uploads (bucket `uploads`)",
      "aws:lambda/permission:Permission n-fn-allow-archive (bucket `archive`)",
      "aws:sqs/queue:Queue n-fn-dlq",
      "aws:cloudwatch/metricAlarm:MetricAlarm n-fn-dlq-visible",
      "aws:iam/rolePolicy:RolePolicy n-fn-send-to-dlq",
      "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig n-fn-async",
      "aws:cloudwatch/metricAlarm:MetricAlarm n-fn-errors",
      "aws:cloudwatch/metricAlarm:MetricAlarm n-fn-dropped",
    ]);
  });

  it("describes its failure path with the retries and age it will configure, the timeout left to deploy", () => {
    const [path] = delivery({ maximumRetryAttempts: 1, maximumEventAgeInSeconds: 600 }).failurePaths("n-fn", FAILURE);
    assert.deepEqual(path.stage, { kind: "lambda", name: "n-fn", retries: 1, maxEventAgeSeconds: 600, timeoutSeconds: undefined });
    assert.equal(path.deadLetter?.name, "n-fn-dlq");
    const [defaults] = delivery().failurePaths("n-fn", FAILURE);
    assert.deepEqual(defaults.stage, { kind: "lambda", name: "n-fn", retries: 2, maxEventAgeSeconds: 21_600, timeoutSeconds: undefined });
  });

  it("has nothing to check at deploy", () => {
    assert.deepEqual(delivery().validateAtDeploy(), []);
  });
});
