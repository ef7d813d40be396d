import * as aws from "@pulumi/aws";
import { strict as assert } from "assert";
import { eventBridgeDelivery, type EventBridgeDestination } from "../../../components/destinations/eventbridge";
import { bindAlone } from "../../support/bindAlone";
import { ACCOUNT, awsResources, jsonInput, mockEngine, REGION, valueOf } from "../../support/harness";
import { settled } from "../../support/settled";
import { childName } from "../../../components/childNames";

// EventBridgeDelivery on its own: from its args, and bound alone under fresh mocks, with no component
// around it. What it adds to a whole BucketNotifications is in eventbridge.spec.ts.
describe("EventBridgeDelivery, from its args alone", () => {
  const FAILURE = { deadLetterRetentionSeconds: 1_209_600, protectDeadLetterQueues: false, maxMessageAgeSeconds: 3_600, responseWindowSeconds: 259_200 };
  const FN_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:f`;
  const FN = { functionArn: FN_ARN, functionRoleArn: `arn:aws:iam::${ACCOUNT}:role/f-role` };
  const QUEUE = { queueArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:indexing`, queueUrl: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/indexing` };
  const TOPIC_ARN = `arn:aws:sns:${REGION}:${ACCOUNT}:indexing`;
  const delivery = (args: EventBridgeDestination) => {
    const built = eventBridgeDelivery(args);
    assert.deepEqual(built.problems, []);
    return built.delivery!;
  };
  const FIFO_MESSAGE = (what: string, kind: string) =>
    `${what} is a FIFO ${kind}; an EventBridge target needs a message group id for it, which these targets do not set. Use a standard ${kind}.`;

  it("refuses no target, and a target's own missing fields", () => {
    assert.deepEqual(eventBridgeDelivery({}), {
      delivery: undefined,
      problems: [{ field: "", message: "One of `function`, `functionArn`, `queue`, `queueArn`, `topic` or `topicArn` is required." }],
    });
    assert.deepEqual(eventBridgeDelivery({ queueArn: QUEUE.queueArn }).problems, [{ field: "queueUrl", message: "is required with `queueArn`: the queue policy is set by URL." }]);
  });

  it("takes a function, queue or topic resource as its target, refusing what only an existing one needs at the destination's own field", async () => {
    await mockEngine();
    const fn = new aws.lambda.Function("f", { role: `arn:aws:iam::${ACCOUNT}:role/r`, runtime: "nodejs20.x", handler: "index.handler" });
    const queue = new aws.sqs.Queue("q", {});
    const topic = new aws.sns.Topic("t", {});
    for (const args of [{ function: fn }, { queue }, { topic }]) assert.deepEqual(eventBridgeDelivery(args).problems, [], Object.keys(args)[0]);
    const extra = (resource: string, field: string) => ({
      field,
      message: `applies only to an existing resource named by ARN or name; \`${resource}\` is read from the resource itself. Remove \`${field}\`.`,
    });
    // Fields of the other destinations' targets, as a program in another language may send them.
    const sent = (args: object) => eventBridgeDelivery(args as EventBridgeDestination);
    assert.deepEqual(sent({ function: fn, functionRoleArn: "r" }), { delivery: undefined, problems: [extra("function", "functionRoleArn")] });
    assert.deepEqual(sent({ queue, queueUrl: "https://q" }), { delivery: undefined, problems: [extra("queue", "queueUrl")] });
    assert.deepEqual(sent({ topic, topicKmsKeyId: "k" }), { delivery: undefined, problems: [extra("topic", "topicKmsKeyId")] });
  });

  it("accepts retries and event age within EventBridge's limits, both ends included", () => {
    assert.deepEqual(delivery(FN).validate(), []);
    assert.deepEqual(delivery({ ...FN, maximumRetryAttempts: 0, maximumEventAgeInSeconds: 60 }).validate(), []);
    assert.deepEqual(delivery({ ...FN, maximumRetryAttempts: 185, maximumEventAgeInSeconds: 86_400 }).validate(), []);
  });

  it("needs the execution role of a function named by ARN, which must be let send to its dead-letter queue", () => {
    assert.deepEqual(delivery({ functionArn: FN_ARN }).validate(), [
      {
        field: "functionRoleArn",
        message: "is required with `functionArn`: the function's execution role must be allowed to send failed events to its dead-letter queue.",
      },
    ]);
  });

  it("refuses retries and event age outside them", () => {
    assert.deepEqual(delivery({ ...FN, maximumRetryAttempts: 186, maximumEventAgeInSeconds: 59 }).validate(), [
      { field: "maximumRetryAttempts", message: "must be a whole number from 0 to 185, not 186." },
      { field: "maximumEventAgeInSeconds", message: "must be a whole number from 60 to 86400, not 59." },
    ]);
    assert.deepEqual(delivery({ ...FN, maximumRetryAttempts: -1, maximumEventAgeInSeconds: 86_401 }).validate().map((p) => p.field), [
      "maximumRetryAttempts",
      "maximumEventAgeInSeconds",
    ]);
  });

  it("refuses a FIFO queue or topic by ARN, but not a function whose name ends alike", () => {
    assert.deepEqual(delivery({ ...QUEUE, queueArn: `${QUEUE.queueArn}.fifo` }).validate(), [
      { field: "queue", message: FIFO_MESSAGE(`\`${QUEUE.queueArn}.fifo\``, "queue") },
    ]);
    assert.deepEqual(delivery({ topicArn: `${TOPIC_ARN}.fifo` }).validate(), [{ field: "topic", message: FIFO_MESSAGE(`\`${TOPIC_ARN}.fifo\``, "topic") }]);
    assert.deepEqual(delivery({ ...FN, functionArn: `${FN_ARN}.fifo` }).validate(), []);
  });

  it("checks at deploy whether a given queue or topic is FIFO; a function needs no check", async () => {
    const problems = async (args: EventBridgeDestination) => (await Promise.all(delivery(args).validateAtDeploy().map(settled))).flat();
    assert.deepEqual(await problems({ ...QUEUE, queueArn: `${QUEUE.queueArn}.fifo` }), [{ field: "queue", message: FIFO_MESSAGE("the given queue", "queue") }]);
    assert.deepEqual(await problems({ topicArn: `${TOPIC_ARN}.fifo` }), [{ field: "topic", message: FIFO_MESSAGE("the given topic", "topic") }]);
    assert.deepEqual(await problems(QUEUE), []);
    assert.deepEqual(delivery({ functionArn: FN_ARN }).validateAtDeploy(), []);
  });

  it("knows its target's literal ARN and region", async () => {
    assert.equal(delivery({ functionArn: FN_ARN }).literalArn, FN_ARN);
    assert.equal(delivery(QUEUE).literalArn, QUEUE.queueArn);
    assert.equal(delivery({ topicArn: TOPIC_ARN }).literalArn, TOPIC_ARN);
    assert.equal(await valueOf(delivery({ topicArn: `arn:aws:sns:eu-west-1:${ACCOUNT}:t` }).region), "eu-west-1");
  });

  it("plans a DLQ and its policy, a rule and target per routed rule, and what its target needs", () => {
    const names = (args: EventBridgeDestination) =>
      delivery(args).childNames("n-eb", { sourceKeys: ["uploads"], ruleIds: ["docs", "pdf"], join: childName }).map((c) => `${c.type} ${c.name}${c.via ? ` (${c.via})` : ""}`);
    const common = [
      "aws:sqs/queue:Queue n-eb-dlq",
      "aws:cloudwatch/metricAlarm:MetricAlarm n-eb-dlq-visible",
      "aws:sqs/queuePolicy:QueuePolicy n-eb-dlq-policy",
    ];
    const rules = (extra: (id: string) => string[]) =>
      ["docs", "pdf"].flatMap((id) => [
        `aws:cloudwatch/eventRule:EventRule n-eb-${id} (rule \`${id}\`)`,
        `aws:cloudwatch/eventTarget:EventTarget n-eb-${id} (rule \`${id}\`)`,
        ...extra(id),
      ]);
    assert.deepEqual(names(FN), [
      ...common,
      ...rules((id) => [`aws:lambda/permission:Permission n-eb-${id}-allow-events (rule \`${id}\`)`]),
      // What the function fails on once Lambda has the event: its own DLQ, the role's grant to it, the invoke config.
      "aws:sqs/queue:Queue n-eb-function-dlq",
      "aws:cloudwatch/metricAlarm:MetricAlarm n-eb-function-dlq-visible",
      "aws:iam/rolePolicy:RolePolicy n-eb-function-send-to-dlq",
      "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig n-eb-function-async",
      "aws:cloudwatch/metricAlarm:MetricAlarm n-eb-errors",
      "aws:cloudwatch/metricAlarm:MetricAlarm n-eb-dropped",
    ]);
    assert.deepEqual(names(QUEUE), [...common, ...rules(() => []), "aws:sqs/queuePolicy:QueuePolicy n-eb-target-policy"]);
    assert.deepEqual(names({ topicArn: TOPIC_ARN }), [...common, ...rules(() => []), "aws:sns/topicPolicy:TopicPolicy n-eb-target-policy"]);
  });

  it("describes its failure path with the retries and age it will configure: EventBridge's maximums by default", () => {
    const [path] = delivery(QUEUE).failurePaths("n-eb", FAILURE);
    assert.deepEqual(path.stage, { kind: "eventbridge", name: "n-eb", retries: 185, maxEventAgeSeconds: 86_400 });
    assert.equal(path.deadLetter?.name, "n-eb-dlq");
    const [set] = delivery({ ...QUEUE, maximumRetryAttempts: 3, maximumEventAgeInSeconds: 600 }).failurePaths("n-eb", FAILURE);
    assert.deepEqual(set.stage, { kind: "eventbridge", name: "n-eb", retries: 3, maxEventAgeSeconds: 600 });
    assert.equal(delivery(QUEUE).failurePaths("n-eb", FAILURE).length, 1, "a queue's own redrive is its owner's");
  });

  it("describes a function target's second path: Lambda's asynchronous retries, with its defaults, into the function's DLQ", () => {
    const paths = delivery({ ...FN, maximumRetryAttempts: 3 }).failurePaths("n-eb", FAILURE);
    assert.deepEqual(
      paths.map((p) => [p.stage, p.deadLetter?.name]),
      [
        [{ kind: "eventbridge", name: "n-eb", retries: 3, maxEventAgeSeconds: 86_400 }, "n-eb-dlq"],
        [{ kind: "lambda", name: "n-eb", retries: 2, maxEventAgeSeconds: 21_600, timeoutSeconds: undefined }, "n-eb-function-dlq"],
      ],
    );
    assert.equal(paths[1].deadLetter?.alarm?.name, "n-eb-function-dlq-visible");
  });
});

describe("EventBridgeDelivery, bound alone", () => {
  const delivery = (args: EventBridgeDestination) => eventBridgeDelivery(args).delivery!;
  const QUEUE_ARN = `arn:aws:sqs:${REGION}:${ACCOUNT}:indexing`;
  const TOPIC_ARN = `arn:aws:sns:${REGION}:${ACCOUNT}:indexing`;

  it("adds a rule and a target per routed rule, described by its events, with a DLQ only the rules may send to", async () => {
    const { engine, binding } = await bindAlone(delivery({ queueArn: QUEUE_ARN, queueUrl: "https://sqs/indexing" }), {
      rules: [["docs", "uploads", "docs/"]],
      events: ["s3:ObjectCreated:Put", "s3:ObjectRemoved:Delete"],
    });
    const rule = engine.byName("n-d-docs");
    assert.equal(rule.type, "aws:cloudwatch/eventRule:EventRule");
    assert.equal(rule.inputs.description, "S3 s3:ObjectCreated:Put, s3:ObjectRemoved:Delete on bucket uploads, rule docs");
    const dlqPolicy = jsonInput(engine.byName("n-d-dlq-policy"), "policy") as { Statement: { Sid: string }[] };
    assert.deepEqual(dlqPolicy.Statement.map((s) => s.Sid), ["AllowEventsFromDocs", "DenyInsecureTransport"]);
    assert.deepEqual(binding.deadLetterQueues.map((d) => d.name), ["n-d-dlq"]);
    assert.equal(binding.arn, undefined);
  });

  it("grants a queue or a topic to its rules by the target's ARN, and alarms on nothing it does not run", async () => {
    const queue = await bindAlone(delivery({ queueArn: QUEUE_ARN, queueUrl: "https://sqs/indexing" }));
    assert.equal(queue.engine.byName("n-d-target-policy").type, "aws:sqs/queuePolicy:QueuePolicy");
    const statements = (jsonInput(queue.engine.byName("n-d-target-policy"), "policy") as { Statement: { Sid: string; Action: string }[] }).Statement;
    assert.deepEqual(statements.map((st) => [st.Sid, st.Action]), [["AllowEventsFromR", "sqs:SendMessage"], ["DenyInsecureTransport", "sqs:*"]]);
    assert.deepEqual(queue.binding.grantKeys.slice(1), [QUEUE_ARN]);
    assert.deepEqual(queue.binding.alarms, []);
    const topic = await bindAlone(delivery({ topicArn: TOPIC_ARN }));
    assert.deepEqual(awsResources(topic.engine).filter((r) => r.includes("target-policy")), ["aws:sns/topicPolicy:TopicPolicy n-d-target-policy"]);
    assert.deepEqual(topic.binding.grantKeys.slice(1), [TOPIC_ARN]);
    assert.deepEqual(topic.binding.alarms, []);
  });

  it("alarms on a function target's errors and dropped events", async () => {
    const { binding } = await bindAlone(delivery({ functionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:indexer`, functionRoleArn: `arn:aws:iam::${ACCOUNT}:role/indexer` }));
    assert.equal(binding.alarms.length, 2);
    assert.equal(binding.grantKeys.length, 1, "only its DLQ's policy");
  });

  it("sends what a function target still fails on after Lambda's retries to a DLQ of its own, set up before any rule targets it", async () => {
    const { engine, binding } = await bindAlone(
      delivery({ functionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:indexer`, functionRoleArn: `arn:aws:iam::${ACCOUNT}:role/service/indexer-role` }),
    );
    const dlq = engine.byName("n-d-function-dlq");
    assert.equal((dlq.inputs.tags as Record<string, string>)["s3-events:purpose"], "eventbridge n-d: failed async invocations of the function");
    const config = engine.byName("n-d-function-async");
    assert.equal(config.type, "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig");
    assert.deepEqual(
      { ...config.inputs, destinationConfig: undefined },
      { functionName: "indexer", maximumRetryAttempts: 2, maximumEventAgeInSeconds: 21_600, destinationConfig: undefined },
    );
    assert.deepEqual(config.inputs.destinationConfig, { onFailure: { destination: dlq.outputs!.arn } });
    const sendToDlq = engine.byName("n-d-function-send-to-dlq");
    assert.equal(sendToDlq.inputs.role, "indexer-role");
    assert.deepEqual(jsonInput(sendToDlq, "policy"), {
      Version: "2012-10-17",
      Statement: [{ Sid: "SendFailedEventsToDeadLetterQueue", Effect: "Allow", Action: "sqs:SendMessage", Resource: dlq.outputs!.arn }],
    });
    assert.ok(config.dependencies.includes(sendToDlq.urn), "Lambda checks the role when the config is written");
    const target = engine.ofType("aws:cloudwatch/eventTarget:EventTarget").find((r) => r.name === "n-d-r")!;
    assert.ok(target.dependencies.includes(config.urn), "the rule's target waits for the invoke config");
    assert.deepEqual(binding.deadLetterQueues.map((d) => d.name), ["n-d-dlq", "n-d-function-dlq"]);
  });

  it("waits for no target policy when no rule routes to it, as none was written", async () => {
    const { binding } = await bindAlone(delivery({ queueArn: QUEUE_ARN, queueUrl: "https://sqs/indexing" }), { rules: [] });
    assert.equal(binding.grantKeys.length, 1, "only its DLQ's policy");
  });
});
