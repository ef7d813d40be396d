import { strict as assert } from "assert";
import type { LambdaDestination } from "../../../components";
import { lambdaDelivery } from "../../../components/destinations/lambda";
import { bindAlone } from "../../support/bindAlone";
import { ACCOUNT, jsonInput, REGION, valueOf } from "../../support/harness";
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

describe("LambdaDelivery, bound alone", () => {
  const FN_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:thumbs`;
  const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/service-role/thumbs-role`;
  const delivery = (args: Partial<LambdaDestination> = {}) => lambdaDelivery({ functionArn: FN_ARN, functionRoleArn: ROLE_ARN, ...args }).delivery!;

  it("lets S3 invoke the function from each bucket and its owner only, each bucket's notification waiting for its own permission", async () => {
    const { engine, binding } = await bindAlone(delivery(), { rules: [["a", "uploads", "a/"], ["b", "archive", "b/"]] });
    assert.deepEqual(engine.byName("n-d-allow-uploads").inputs, {
      action: "lambda:InvokeFunction",
      function: "thumbs",
      principal: "s3.amazonaws.com",
      sourceArn: "arn:aws:s3:::acme-uploads",
      sourceAccount: ACCOUNT,
    });
    assert.deepEqual(
      Object.fromEntries(Object.entries(binding.sourceDependencies!).map(([key, deps]) => [key, deps.length])),
      { uploads: 1, archive: 1 },
    );
    assert.equal(await valueOf(binding.arn!), FN_ARN);
    assert.deepEqual(binding.grantKeys, []);
  });

  it("grants and configures an alias or version named by a qualified ARN, not a function of the qualifier's name", async () => {
    const alias = `${FN_ARN}:live`;
    const { engine, binding } = await bindAlone(delivery({ functionArn: alias }));
    const permission = engine.byName("n-d-allow-uploads").inputs;
    assert.deepEqual([permission.function, permission.qualifier], ["thumbs", "live"]);
    const config = engine.byName("n-d-async").inputs;
    assert.deepEqual([config.functionName, config.qualifier], ["thumbs", "live"]);
    assert.deepEqual(engine.byName("n-d-errors").inputs.dimensions, { FunctionName: "thumbs" });
    assert.equal(await valueOf(binding.arn!), alias, "S3 invokes the alias");
  });

  it("sends failed async invocations to its DLQ after the configured retries, once the role may, and alarms on errors and dropped events", async () => {
    const { engine, binding } = await bindAlone(delivery({ maximumRetryAttempts: 1, maximumEventAgeInSeconds: 600 }));
    const dlqArn = `arn:aws:sqs:${REGION}:${ACCOUNT}:n-d-dlq-0a1b2c3`;
    const invokeConfig = engine.byName("n-d-async");
    assert.deepEqual(invokeConfig.inputs, {
      functionName: "thumbs",
      maximumRetryAttempts: 1,
      maximumEventAgeInSeconds: 600,
      destinationConfig: { onFailure: { destination: dlqArn } },
    });
    const sendToDlq = engine.byName("n-d-send-to-dlq");
    assert.ok(invokeConfig.dependencies.includes(sendToDlq.urn), "Lambda checks the role may send when the config is written");
    assert.equal(sendToDlq.inputs.role, "thumbs-role");
    assert.deepEqual(jsonInput(sendToDlq, "policy"), {
      Version: "2012-10-17",
      Statement: [{ Sid: "SendFailedEventsToDeadLetterQueue", Effect: "Allow", Action: "sqs:SendMessage", Resource: dlqArn }],
    });
    // Every notification waits for the failure path.
    assert.deepEqual(await Promise.all(binding.dependencies.map((d) => valueOf(d.urn))), [invokeConfig.urn]);
    assert.deepEqual(binding.deadLetterQueues.map((d) => d.name), ["n-d-dlq"]);
    assert.deepEqual(engine.byName("n-d-dlq").inputs.tags, { "s3-events:role": "dead-letter-queue", "s3-events:purpose": "lambda n-d: failed async invocations" });
    const alarms = engine.ofType("aws:cloudwatch/metricAlarm:MetricAlarm");
    assert.deepEqual(alarms.map((a) => a.name).sort(), ["n-d-dlq-visible", "n-d-dropped", "n-d-errors"]);
    assert.equal(engine.byName("n-d-dropped").inputs.metricName, "AsyncEventsDropped");
    assert.equal(engine.byName("n-d-errors").inputs.alarmDescription, "Function n-d failed on S3 events.");
    assert.equal(binding.alarms.length, 2);
  });
});
