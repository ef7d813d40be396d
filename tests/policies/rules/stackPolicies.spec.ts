import type { PolicyResource } from "@pulumi/policy";
import { strict as assert } from "assert";
import { s3DestinationOnePolicy, s3NotificationOnePerBucket } from "../../../policies/rules/grantPolicies";
import {
  iamPatternMatches,
  s3DestinationEncryptionUsable,
  s3DestinationGrantExternal,
  s3DestinationGrantPresent,
  s3DestinationHasDlq,
  s3NotificationRecursion,
} from "../../../policies/rules/stackPolicies";
import { checkStack, stackResource as r } from "../support";

const T = {
  bucket: "aws:s3/bucket:Bucket",
  notification: "aws:s3/bucketNotification:BucketNotification",
  fn: "aws:lambda/function:Function",
  permission: "aws:lambda/permission:Permission",
  invokeConfig: "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
  queue: "aws:sqs/queue:Queue",
  queuePolicy: "aws:sqs/queuePolicy:QueuePolicy",
  topic: "aws:sns/topic:Topic",
  topicPolicy: "aws:sns/topicPolicy:TopicPolicy",
  subscription: "aws:sns/topicSubscription:TopicSubscription",
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  eventRule: "aws:cloudwatch/eventRule:EventRule",
  eventTarget: "aws:cloudwatch/eventTarget:EventTarget",
};

/** The wiring the components produce: every destination granted, dead-lettered, waited for. */
function chain(overrides: { omit?: string[]; notificationProps?: Record<string, unknown>; extra?: PolicyResource[]; queueProps?: Record<string, unknown>; rolePolicy?: string } = {}) {
  const omit = new Set(overrides.omit ?? []);
  const bucket = r(T.bucket, "uploads", { bucket: "acme-uploads" });
  const role = r(T.role, "fn-role", {});
  const fn = r(T.fn, "fn", {}, { role: [role] });
  const fnDlq = r(T.queue, "fn-dlq", {});
  const permission = r(T.permission, "allow", { principal: "s3.amazonaws.com" }, { function: [fn] });
  const invokeConfig = r(T.invokeConfig, "async", { destinationConfig: { onFailure: { destination: "unknown" } } }, { functionName: [fn], destinationConfig: [fnDlq] });
  const queueDlq = r(T.queue, "q-dlq", {});
  const queue = r(T.queue, "q", { ...overrides.queueProps }, omit.has("redrive") ? {} : { redrivePolicy: [queueDlq] });
  const queuePolicy = r(T.queuePolicy, "q-policy", {}, { queueUrl: [queue] });
  const topic = r(T.topic, "t", {});
  const topicPolicy = r(T.topicPolicy, "t-policy", {}, { arn: [topic] });
  const subDlq = r(T.queue, "sub-dlq", {});
  const subscription = r(T.subscription, "sub", {}, omit.has("sub-redrive") ? { topic: [topic] } : { topic: [topic], redrivePolicy: [subDlq] });
  const grants = [permission, queuePolicy, topicPolicy].filter((g) => !omit.has(g.name));
  const notification = r(
    T.notification,
    "n",
    {
      bucket: "acme-uploads",
      lambdaFunctions: [{ id: "jpg", events: ["s3:ObjectCreated:*"], filterPrefix: "images/", filterSuffix: ".jpg" }],
      queues: [{ id: "csv", events: ["s3:ObjectCreated:*"], filterSuffix: ".csv" }],
      topics: [{ id: "del", events: ["s3:ObjectRemoved:*"], filterPrefix: "records/" }],
      ...overrides.notificationProps,
    },
    { bucket: [bucket], lambdaFunctions: [fn], queues: [queue], topics: [topic] },
    omit.has("depends") ? [] : [...grants, invokeConfig],
  );
  const resources = [bucket, role, fn, fnDlq, invokeConfig, queueDlq, queue, topic, subDlq, subscription, notification, ...grants, ...(overrides.extra ?? [])];
  return { resources: omit.has("invoke-config") ? resources.filter((x) => x !== invokeConfig) : resources, notification, fn, role, queue, topic, bucket };
}

const policies = [
  s3DestinationGrantPresent,
  s3DestinationGrantExternal,
  s3DestinationHasDlq,
  s3DestinationEncryptionUsable,
  s3NotificationRecursion,
  s3DestinationOnePolicy,
  s3NotificationOnePerBucket,
];

describe("stack policies", () => {
  it("find nothing wrong with the wiring the components produce", () => {
    for (const policy of policies) assert.deepEqual(checkStack(policy, chain().resources), [], policy.name);
  });

  describe("s3-destination-grant-present", () => {
    it("rejects a destination with no grant for S3", () => {
      const [v] = checkStack(s3DestinationGrantPresent, chain({ omit: ["allow"] }).resources);
      assert.match(v.message, /sends to aws:lambda\/function:Function `fn`, which has no grant for S3 in this stack/);
      assert.equal(v.urn, "urn:pulumi:test::app::aws:s3/bucketNotification:BucketNotification::n");
    });

    it("rejects a notification that does not wait for its grants", () => {
      const messages = checkStack(s3DestinationGrantPresent, chain({ omit: ["depends"] }).resources).map((v) => v.message);
      assert.equal(messages.length, 3);
      assert.match(messages[1], /must depend on aws:sqs\/queuePolicy:QueuePolicy `q-policy`/);
    });

    it("accepts a queue's own policy when it grants S3, and rejects one that does not", () => {
      const grant = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sqs:SendMessage", Resource: "*" }] });
      assert.deepEqual(checkStack(s3DestinationGrantPresent, chain({ omit: ["q-policy"], queueProps: { policy: grant } }).resources), []);
      assert.equal(checkStack(s3DestinationGrantPresent, chain({ omit: ["q-policy"], queueProps: { policy: "" } }).resources).length, 1);
    });
  });

  it("s3-destination-grant-external flags destinations outside the stack (advisory), and not two rules to one queue", () => {
    const outside = r(T.notification, "theirs", { queues: [{ id: "external", queueArn: "arn:aws:sqs:us-east-1:444455556666:theirs" }] });
    const [v] = checkStack(s3DestinationGrantExternal, [...chain().resources, outside]);
    assert.match(v.message, /`theirs` sends to a sqs outside this stack/);
    const twoRules = chain({ notificationProps: { queues: [{ id: "csv" }, { id: "tsv" }] } });
    assert.deepEqual(checkStack(s3DestinationGrantExternal, twoRules.resources), []);
  });

  describe("s3-destination-has-dlq", () => {
    it("rejects a queue without a redrive policy", () => {
      const [v] = checkStack(s3DestinationHasDlq, chain({ omit: ["redrive"] }).resources);
      assert.match(v.message, /aws:sqs\/queue:Queue `q`, a destination of .* has no redrive policy/);
    });

    it("accepts a queue whose redrive policy is a literal value, or that is itself a DLQ", () => {
      assert.deepEqual(checkStack(s3DestinationHasDlq, chain({ omit: ["redrive"], queueProps: { redrivePolicy: '{"maxReceiveCount":5}' } }).resources), []);
      const { resources, queue } = chain({ omit: ["redrive"] });
      const other = r(T.queue, "other", {}, { redrivePolicy: [queue] });
      assert.deepEqual(checkStack(s3DestinationHasDlq, [...resources, other]), []);
    });

    it("rejects a function without an on-failure destination", () => {
      assert.match(checkStack(s3DestinationHasDlq, chain({ omit: ["invoke-config"] }).resources)[0].message, /aws:lambda\/function:Function `fn`.* has no on-failure destination/);
    });

    it("rejects a destination topic with a subscription lacking a redrive policy", () => {
      assert.match(checkStack(s3DestinationHasDlq, chain({ omit: ["sub-redrive"] }).resources)[0].message, /subscriptions without a redrive policy \(`sub`\)/);
    });

    it("rejects an EventBridge target of S3 events without a dead-letter config", () => {
      const rule = r(T.eventRule, "rule", { eventPattern: JSON.stringify({ source: ["aws.s3"] }) });
      const target = r(T.eventTarget, "target", {}, { rule: [rule] });
      const { resources } = chain({ notificationProps: { eventbridge: true }, extra: [rule, target] });
      assert.match(checkStack(s3DestinationHasDlq, resources)[0].message, /receives S3 events from EventBridge but has no `deadLetterConfig`/);
    });
  });

  describe("s3-destination-encryption-usable", () => {
    it("rejects the AWS-managed SQS key and a FIFO queue", () => {
      const messages = checkStack(s3DestinationEncryptionUsable, chain({ queueProps: { kmsMasterKeyId: "alias/aws/sqs", fifoQueue: true } }).resources).map((v) => v.message);
      assert.equal(messages.length, 2);
      assert.match(messages[0], /sends to FIFO aws:sqs\/queue:Queue `q`/);
      assert.match(messages[1], /encrypted with the AWS-managed key `alias\/aws\/sqs`/);
    });
  });

  describe("s3-notification-recursion (advisory)", () => {
    const writes = (resource: string) => JSON.stringify({ Statement: [{ Effect: "Allow", Action: ["s3:PutObject"], Resource: resource }] });
    const withRolePolicy = (policy: string) => {
      const c = chain();
      return [...c.resources, r(T.rolePolicy, "write", { policy }, { role: [c.role] })];
    };

    it("flags a function whose role may write keys that trigger it", () => {
      const [v] = checkStack(s3NotificationRecursion, withRolePolicy(writes("arn:aws:s3:::acme-uploads/*")));
      assert.match(v.message, /is invoked by rule `jpg` .* may write `images\/example\.jpg` to the same bucket/);
    });

    it("accepts writes to another bucket or another prefix", () => {
      assert.deepEqual(checkStack(s3NotificationRecursion, withRolePolicy(writes("arn:aws:s3:::acme-thumbnails/*"))), []);
      assert.deepEqual(checkStack(s3NotificationRecursion, withRolePolicy(writes("arn:aws:s3:::acme-uploads/thumbnails/*"))), []);
    });

    it("flags a broad managed policy", () => {
      const c = chain();
      const attachment = r(T.attachment, "s3-full", { policyArn: "arn:aws:iam::aws:policy/AmazonS3FullAccess" }, { role: [c.role] });
      assert.equal(checkStack(s3NotificationRecursion, [...c.resources, attachment]).length, 1);
    });

    it("matches IAM wildcards", () => {
      assert.equal(iamPatternMatches("arn:aws:s3:::acme-*/images/*", "arn:aws:s3:::acme-uploads/images/a.jpg"), true);
      assert.equal(iamPatternMatches("s3:put*", "s3:putobject"), true);
      assert.equal(iamPatternMatches("arn:aws:s3:::acme?", "arn:aws:s3:::acme12"), false);
    });
  });

  describe("one target, one resource", () => {
    it("s3-destination-one-policy rejects two policies on one queue", () => {
      const c = chain();
      const second = r(T.queuePolicy, "q-policy-2", {}, { queueUrl: [c.queue] });
      const [v] = checkStack(s3DestinationOnePolicy, [...c.resources, second]);
      assert.match(v.message, /`q-policy-2` and `q-policy` target the same queue/);
    });

    it("s3-notification-one-per-bucket rejects two notifications on one bucket, and accepts two buckets", () => {
      const c = chain();
      const second = r(T.notification, "n2", { bucket: "acme-uploads" }, { bucket: [c.bucket] });
      assert.equal(checkStack(s3NotificationOnePerBucket, [...c.resources, second]).length, 1);
      const other = r(T.bucket, "other", {});
      const third = r(T.notification, "n3", { bucket: "acme-other" }, { bucket: [other] });
      assert.deepEqual(checkStack(s3NotificationOnePerBucket, [...c.resources, other, third]), []);
    });
  });
});
