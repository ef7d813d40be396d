import { strict as assert } from "assert";
import { notificationRules, type RuleSet } from "../../../policies/resources/notificationRules";
import { stackResource, UNKNOWN } from "../support";

const AWS = "aws:s3/bucketNotification:BucketNotification";
const NATIVE = "aws-native:s3:Bucket";
const QUEUE = "arn:aws:sqs:us-east-1:111122223333:ingest";

/** Props as the SDK hands them to a policy: reading the engine's unknown sentinel throws. */
const rulesOf = (type: string, props: Record<string, unknown>) => notificationRules(type, stackResource(type, "n", props).props as Record<string, unknown>);
/** The rules with their destination read, and the paths set aside. */
const readable = (set: RuleSet | undefined) =>
  set && {
    rules: set.rules.map(({ destinationArn, ...rule }) => {
      let arn: unknown;
      try {
        arn = destinationArn();
      } catch (e) {
        arn = `unknown: ${(e as Error).message}`;
      }
      return { ...rule, arn };
    }),
    unknown: set.unknown.map((u) => [u.path, u.error.message]),
  };

describe("notification rules of either library", () => {
  it("reads @pulumi/aws rules: ids, events, prefix and suffix filters, each list's destination field", () => {
    const props = {
      lambdaFunctions: [{ id: "jpg", events: ["s3:ObjectCreated:*", 7], filterPrefix: "images/", filterSuffix: ".jpg", lambdaFunctionArn: "arn:fn" }],
      queues: [{ events: "s3:ObjectCreated:*", filterPrefix: "", filterSuffix: 5, queueArn: QUEUE }],
      topics: [{ id: "", events: ["s3:ObjectRemoved:*"], filterSuffix: ".csv", topicArn: "arn:topic" }],
    };
    assert.deepEqual(readable(rulesOf(AWS, props)), {
      rules: [
        { kind: "lambda", id: "jpg", path: "lambdaFunctions[0]", events: ["s3:ObjectCreated:*"], filter: { prefix: "images/", suffix: ".jpg" }, filterFindings: [], arn: "arn:fn" },
        { kind: "sqs", id: "queues[0]", path: "queues[0]", events: [], filter: { prefix: "", suffix: "" }, filterFindings: [], arn: QUEUE },
        { kind: "sns", id: "topics[0]", path: "topics[0]", events: ["s3:ObjectRemoved:*"], filter: { prefix: "", suffix: ".csv" }, filterFindings: [], arn: "arn:topic" },
      ],
      unknown: [],
    });
  });

  it("reads an aws-native bucket's configurations: one event each, key filter rules, paths under the configuration", () => {
    const props = {
      bucketName: "acme",
      notificationConfiguration: {
        lambdaConfigurations: [{ event: "s3:ObjectCreated:Put", function: "arn:fn", filter: { s3Key: { rules: [{ name: "prefix", value: "in/" }, { name: "suffix", value: 3 }, "x", null, { name: 1, value: "y" }] } } }],
        queueConfigurations: [{ event: ["s3:ObjectCreated:*"], queue: QUEUE, filter: { s3Key: { rules: "prefix" } } }],
        topicConfigurations: [{ event: "s3:ObjectRemoved:*", topic: "arn:topic", filter: { s3Key: "rules" } }, { event: "s3:ObjectRemoved:*", topic: "arn:topic2", filter: "s3Key" }],
      },
    };
    const path = (p: string) => `notificationConfiguration.${p}`;
    assert.deepEqual(readable(rulesOf(NATIVE, props)), {
      rules: [
        { kind: "lambda", id: path("lambdaConfigurations[0]"), path: path("lambdaConfigurations[0]"), events: ["s3:ObjectCreated:Put"], filter: { prefix: "in/", suffix: "" }, filterFindings: [], arn: "arn:fn" },
        { kind: "sqs", id: path("queueConfigurations[0]"), path: path("queueConfigurations[0]"), events: [], filter: { prefix: "", suffix: "" }, filterFindings: [], arn: QUEUE },
        { kind: "sns", id: path("topicConfigurations[0]"), path: path("topicConfigurations[0]"), events: ["s3:ObjectRemoved:*"], filter: { prefix: "", suffix: "" }, filterFindings: [], arn: "arn:topic" },
        { kind: "sns", id: path("topicConfigurations[1]"), path: path("topicConfigurations[1]"), events: ["s3:ObjectRemoved:*"], filter: { prefix: "", suffix: "" }, filterFindings: [], arn: "arn:topic2" },
      ],
      unknown: [],
    });
  });

  it("carries the filter's findings", () => {
    const [rule] = rulesOf(NATIVE, { notificationConfiguration: { queueConfigurations: [{ event: "s3:ObjectCreated:*", filter: { s3Key: { rules: [{ name: "contains", value: "x" }] } } }] } })!.rules;
    assert.deepEqual(rule.filterFindings.map((f) => f.field), ["name"]);
  });

  it("skips entries and lists that are not objects or arrays, never throwing on them", () => {
    assert.deepEqual(readable(rulesOf(AWS, { queues: [null, "q", [{ id: "x" }]], topics: { id: "t" }, lambdaFunctions: "fn" })), { rules: [], unknown: [] });
    assert.deepEqual(readable(rulesOf(NATIVE, { notificationConfiguration: "config" })), { rules: [], unknown: [] });
    assert.deepEqual(readable(rulesOf(NATIVE, {})), { rules: [], unknown: [] });
  });

  it("sets aside a rule, a list or a configuration unknown during preview, alone", () => {
    const set = rulesOf(AWS, {
      queues: [{ id: "known", events: ["s3:ObjectCreated:*"], queueArn: UNKNOWN }, { id: "unknown-events", events: UNKNOWN }, { id: UNKNOWN }],
      topics: UNKNOWN,
    });
    assert.deepEqual(readable(set), {
      rules: [
        { kind: "sqs", id: "known", path: "queues[0]", events: ["s3:ObjectCreated:*"], filter: { prefix: "", suffix: "" }, filterFindings: [], arn: "unknown: string value at .queues.0.queueArn can't be known during preview" },
        // An id unknown during preview names the rule by its path.
        { kind: "sqs", id: "queues[2]", path: "queues[2]", events: [], filter: { prefix: "", suffix: "" }, filterFindings: [], arn: undefined },
      ],
      unknown: [
        ["queues[1]", "string value at .queues.1.events can't be known during preview"],
        ["topics", "string value at .topics can't be known during preview"],
      ],
    });
    assert.deepEqual(readable(rulesOf(NATIVE, { notificationConfiguration: UNKNOWN })), {
      rules: [],
      unknown: [["notificationConfiguration", "string value at .notificationConfiguration can't be known during preview"]],
    });
    assert.deepEqual(readable(rulesOf(NATIVE, { notificationConfiguration: { queueConfigurations: [UNKNOWN] } }))?.unknown.map(([p]) => p), ["notificationConfiguration.queueConfigurations[0]"]);
  });

  it("lets an error that is not an unknown value through", () => {
    const broken = Object.defineProperty({}, "queues", {
      get: () => {
        throw new Error("broken props");
      },
    });
    assert.throws(() => notificationRules(AWS, broken), /broken props/);
  });

  it("reads no rules of a resource that declares none", () => {
    assert.equal(notificationRules("aws:s3/bucket:Bucket", { queues: [{ id: "x" }] }), undefined);
  });
});
