import type { PolicyResource } from "@pulumi/policy";
import { strict as assert } from "assert";
import { s3DestinationGrantScoped, s3DestinationOnePolicy, s3DestinationTlsOnly, s3NotificationOnePerBucket } from "../../../policies/rules/grantPolicies";
import {
  s3DestinationCompatible,
  s3NotificationFilterLiteral,
  s3NotificationFilterRequired,
  s3NotificationNoOverlap,
  s3NotificationNotOverlyBroad,
  s3NotificationValidEventsAndFilters,
} from "../../../policies/rules/notificationPolicies";
import {
  iamPatternMatches,
  isSet,
  s3DestinationEncryptionUsable,
  s3DestinationGrantExternal,
  s3DestinationGrantPresent,
  s3DestinationHasDlq,
  s3NotificationRecursion,
} from "../../../policies/rules/stackPolicies";
import { checkResource, checkStack, paths, stackResource as r, stackResource as stackResourceOf, UNKNOWN, withUnknownAt } from "../support";

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

const notificationPolicies = [
  s3NotificationFilterRequired,
  s3NotificationNotOverlyBroad,
  s3NotificationNoOverlap,
  s3NotificationValidEventsAndFilters,
  s3NotificationFilterLiteral,
  s3DestinationCompatible,
];

describe("stack policies", () => {
  it("find nothing wrong with the wiring the components produce", async () => {
    for (const policy of policies) assert.deepEqual(await checkStack(policy, chain().resources), [], policy.name);
  });

  describe("s3-destination-grant-present", () => {
    it("rejects a destination with no grant for S3", async () => {
      const [v] = await checkStack(s3DestinationGrantPresent, chain({ omit: ["allow"] }).resources);
      assert.match(v.message, /sends to aws:lambda\/function:Function `fn`, which has no grant for S3 in this stack/);
      assert.equal(v.urn, "urn:pulumi:test::app::aws:s3/bucketNotification:BucketNotification::n");
    });

    it("rejects a notification that does not wait for its grants", async () => {
      const messages = (await checkStack(s3DestinationGrantPresent, chain({ omit: ["depends"] }).resources)).map((v) => v.message);
      assert.equal(messages.length, 3);
      assert.match(messages[1], /must depend on aws:sqs\/queuePolicy:QueuePolicy `q-policy`/);
    });

    it("accepts a queue's own policy when it grants S3, and rejects one that does not", async () => {
      const grant = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sqs:SendMessage", Resource: "*" }] });
      assert.deepEqual(await checkStack(s3DestinationGrantPresent, chain({ omit: ["q-policy"], queueProps: { policy: grant } }).resources), []);
      assert.equal((await checkStack(s3DestinationGrantPresent, chain({ omit: ["q-policy"], queueProps: { policy: "" } }).resources)).length, 1);
    });
  });

  it("s3-destination-grant-external flags destinations outside the stack (advisory), and not two rules to one queue", async () => {
    const outside = r(T.notification, "theirs", { queues: [{ id: "external", queueArn: "arn:aws:sqs:us-east-1:444455556666:theirs" }] });
    const [v] = await checkStack(s3DestinationGrantExternal, [...chain().resources, outside]);
    assert.match(v.message, /`theirs` sends to queue `arn:aws:sqs:us-east-1:444455556666:theirs` outside this stack/);
    const twoRules = chain({ notificationProps: { queues: [{ id: "csv" }, { id: "tsv" }] } });
    assert.deepEqual(await checkStack(s3DestinationGrantExternal, twoRules.resources), []);
  });

  describe("s3-destination-has-dlq", () => {
    it("rejects a queue without a redrive policy", async () => {
      const [v] = await checkStack(s3DestinationHasDlq, chain({ omit: ["redrive"] }).resources);
      assert.match(v.message, /aws:sqs\/queue:Queue `q`, a destination of .* has no redrive policy/);
    });

    it("accepts a queue whose redrive policy is a literal value, or that is itself a DLQ", async () => {
      assert.deepEqual(await checkStack(s3DestinationHasDlq, chain({ omit: ["redrive"], queueProps: { redrivePolicy: '{"maxReceiveCount":5}' } }).resources), []);
      const { resources, queue } = chain({ omit: ["redrive"] });
      const other = r(T.queue, "other", {}, { redrivePolicy: [queue] });
      assert.deepEqual(await checkStack(s3DestinationHasDlq, [...resources, other]), []);
    });

    it("names the same notification whatever order the resources arrive in (an update registers them in another order than a first preview)", async () => {
      const { resources, notification, fn, bucket } = chain({ omit: ["invoke-config"] });
      const second = r(T.notification, "m", { bucket: "acme-uploads", lambdaFunctions: [{ id: "png", events: ["s3:ObjectCreated:*"], filterSuffix: ".png" }] }, { bucket: [bucket], lambdaFunctions: [fn] });
      for (const order of [[...resources, second], [second, ...resources.filter((x) => x !== notification), notification]]) {
        const messages = (await checkStack(s3DestinationHasDlq, order)).map((v) => v.message);
        assert.equal(messages.length, 1, messages.join("\n"));
        assert.match(messages[0], /aws:lambda\/function:Function `fn`, a destination of aws:s3\/bucketNotification:BucketNotification `m`/);
      }
    });

    it("rejects a function without an on-failure destination", async () => {
      assert.match((await checkStack(s3DestinationHasDlq, chain({ omit: ["invoke-config"] }).resources))[0].message, /aws:lambda\/function:Function `fn`.* has no on-failure destination/);
    });

    it("rejects a function subscribed to a destination topic without an on-failure destination: SNS invokes it asynchronously", async () => {
      const c = chain();
      const auditor = r(T.fn, "auditor", {});
      const subscription = r(T.subscription, "to-auditor", { protocol: "lambda" }, { topic: [c.topic], endpoint: [auditor], redrivePolicy: [r(T.queue, "to-auditor-dlq", {})] });
      const [v, ...more] = await checkStack(s3DestinationHasDlq, [...c.resources, auditor, subscription]);
      assert.deepEqual(more, []);
      assert.equal(v.urn, "urn:pulumi:test::app::aws:lambda/function:Function::auditor");
      assert.match(
        v.message,
        /^aws:lambda\/function:Function `auditor`, subscribed by aws:sns\/topicSubscription:TopicSubscription `to-auditor` to aws:sns\/topic:Topic `t`, a destination of aws:s3\/bucketNotification:BucketNotification `n`, has no on-failure destination/,
      );
      const dlq = r(T.queue, "auditor-dlq", {});
      const config = r(T.invokeConfig, "auditor-async", {}, { functionName: [auditor], destinationConfig: [dlq] });
      assert.deepEqual(await checkStack(s3DestinationHasDlq, [...c.resources, auditor, subscription, dlq, config]), []);
    });

    it("rejects a destination topic with a subscription lacking a redrive policy", async () => {
      assert.match((await checkStack(s3DestinationHasDlq, chain({ omit: ["sub-redrive"] }).resources))[0].message, /subscriptions without a redrive policy \(`sub`\)/);
    });

    it("rejects an EventBridge target of S3 events without a dead-letter config", async () => {
      const rule = r(T.eventRule, "rule", { eventPattern: JSON.stringify({ source: ["aws.s3"] }) });
      const target = r(T.eventTarget, "target", {}, { rule: [rule] });
      const { resources } = chain({ notificationProps: { eventbridge: true }, extra: [rule, target] });
      assert.match((await checkStack(s3DestinationHasDlq, resources))[0].message, /receives S3 events from EventBridge but has no `deadLetterConfig`/);
    });

    describe("past an EventBridge target that is a queue, topic or function", () => {
      /** A rule for S3 events whose target (dead-lettered itself) delivers to `delivered`. */
      const eventBridgeTo = (delivered: PolicyResource, extra: PolicyResource[] = []) => {
        const rule = r(T.eventRule, "rule", { eventPattern: JSON.stringify({ source: ["aws.s3"] }) });
        const targetDlq = r(T.queue, "target-dlq", {});
        const target = r(T.eventTarget, "target", {}, { rule: [rule], arn: [delivered], deadLetterConfig: [targetDlq] });
        return chain({ notificationProps: { eventbridge: true }, extra: [rule, targetDlq, target, delivered, ...extra] }).resources;
      };

      it("rejects a target queue without a redrive policy, and accepts one with it", async () => {
        const [v, ...more] = await checkStack(s3DestinationHasDlq, eventBridgeTo(r(T.queue, "jobs", {})));
        assert.deepEqual(more, []);
        assert.match(v.message, /^aws:sqs\/queue:Queue `jobs`, the target of EventBridge aws:cloudwatch\/eventTarget:EventTarget `target` for S3 events, has no redrive policy/);
        assert.equal(v.urn, "urn:pulumi:test::app::aws:sqs/queue:Queue::jobs");
        const jobsDlq = r(T.queue, "jobs-dlq", {});
        assert.deepEqual(await checkStack(s3DestinationHasDlq, eventBridgeTo(r(T.queue, "jobs", {}, { redrivePolicy: [jobsDlq] }), [jobsDlq])), []);
      });

      it("rejects a function subscribed to a target topic without an on-failure destination", async () => {
        const feed = r(T.topic, "feed", {});
        const reader = r(T.fn, "reader", {});
        const subscription = r(T.subscription, "to-reader", { protocol: "lambda" }, { topic: [feed], endpoint: [reader], redrivePolicy: [r(T.queue, "to-reader-dlq", {})] });
        const [v, ...more] = await checkStack(s3DestinationHasDlq, eventBridgeTo(feed, [reader, subscription]));
        assert.deepEqual(more, []);
        assert.match(v.message, /^aws:lambda\/function:Function `reader`, subscribed by .* to aws:sns\/topic:Topic `feed`, the target of EventBridge aws:cloudwatch\/eventTarget:EventTarget `target` for S3 events, has no on-failure destination/);
      });

      it("rejects a target topic with a subscription lacking a redrive policy", async () => {
        const feed = r(T.topic, "feed", {});
        const bare = r(T.subscription, "reader", {}, { topic: [feed] });
        const [v, ...more] = await checkStack(s3DestinationHasDlq, eventBridgeTo(feed, [bare]));
        assert.deepEqual(more, []);
        assert.match(v.message, /^aws:sns\/topic:Topic `feed`, the target of EventBridge .* has subscriptions without a redrive policy \(`reader`\)/);
      });

      it("rejects a target function without an on-failure destination, which EventBridge invokes asynchronously, and accepts one with it", async () => {
        const indexer = r(T.fn, "indexer", {});
        const [v, ...more] = await checkStack(s3DestinationHasDlq, eventBridgeTo(indexer));
        assert.deepEqual(more, []);
        assert.match(
          v.message,
          /^aws:lambda\/function:Function `indexer`, the target of EventBridge aws:cloudwatch\/eventTarget:EventTarget `target` for S3 events, has no on-failure destination or dead-letter config, so events still failing after Lambda's retries are dropped/,
        );
        assert.equal(v.urn, "urn:pulumi:test::app::aws:lambda/function:Function::indexer");
        const indexerDlq = r(T.queue, "indexer-dlq", {});
        const config = r(T.invokeConfig, "indexer-async", {}, { functionName: [indexer], destinationConfig: [indexerDlq] });
        assert.deepEqual(await checkStack(s3DestinationHasDlq, eventBridgeTo(indexer, [indexerDlq, config])), []);
      });

      it("reports a queue S3 also sends to directly once, as a destination of the notification", async () => {
        const { resources, queue } = chain({ omit: ["redrive"] });
        const rule = r(T.eventRule, "rule", { eventPattern: JSON.stringify({ source: ["aws.s3"] }) });
        const target = r(T.eventTarget, "target", {}, { rule: [rule], arn: [queue], deadLetterConfig: [r(T.queue, "target-dlq", {})] });
        const notification = resources.find((x) => x.type === T.notification)!;
        (notification.props as Record<string, unknown>).eventbridge = true;
        const messages = (await checkStack(s3DestinationHasDlq, [...resources, rule, target])).map((v) => v.message);
        assert.equal(messages.length, 1);
        assert.match(messages[0], /`q`, a destination of /);
      });
    });
  });

  describe("s3-destination-encryption-usable", () => {
    it("rejects the AWS-managed SQS key and a FIFO queue", async () => {
      const messages = (await checkStack(s3DestinationEncryptionUsable, chain({ queueProps: { kmsMasterKeyId: "alias/aws/sqs", fifoQueue: true } }).resources)).map((v) => v.message);
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

    it("flags a function whose role may write keys that trigger it", async () => {
      const [v] = await checkStack(s3NotificationRecursion, withRolePolicy(writes("arn:aws:s3:::acme-uploads/*")));
      assert.match(v.message, /is invoked by rule `jpg` .* may write `images\/example\.jpg` to the same bucket/);
    });

    it("accepts writes to another bucket or another prefix", async () => {
      assert.deepEqual(await checkStack(s3NotificationRecursion, withRolePolicy(writes("arn:aws:s3:::acme-thumbnails/*"))), []);
      assert.deepEqual(await checkStack(s3NotificationRecursion, withRolePolicy(writes("arn:aws:s3:::acme-uploads/thumbnails/*"))), []);
    });

    it("flags a broad managed policy", async () => {
      const c = chain();
      const attachment = r(T.attachment, "s3-full", { policyArn: "arn:aws:iam::aws:policy/AmazonS3FullAccess" }, { role: [c.role] });
      assert.equal((await checkStack(s3NotificationRecursion, [...c.resources, attachment])).length, 1);
    });

    it("matches IAM wildcards", async () => {
      assert.equal(iamPatternMatches("arn:aws:s3:::acme-*/images/*", "arn:aws:s3:::acme-uploads/images/a.jpg"), true);
      assert.equal(iamPatternMatches("s3:put*", "s3:putobject"), true);
      assert.equal(iamPatternMatches("arn:aws:s3:::acme?", "arn:aws:s3:::acme12"), false);
    });
  });

  describe("one target, one resource", () => {
    it("s3-destination-one-policy rejects two policies on one queue", async () => {
      const c = chain();
      const second = r(T.queuePolicy, "q-policy-2", {}, { queueUrl: [c.queue] });
      const [v] = await checkStack(s3DestinationOnePolicy, [...c.resources, second]);
      assert.match(v.message, /`q-policy-2` and aws:sqs\/queuePolicy:QueuePolicy `q-policy` both set the policy of the same queue/);
    });

    it("s3-notification-one-per-bucket rejects two notifications on one bucket, and accepts two buckets", async () => {
      const c = chain();
      const second = r(T.notification, "n2", { bucket: "acme-uploads" }, { bucket: [c.bucket] });
      assert.equal((await checkStack(s3NotificationOnePerBucket, [...c.resources, second])).length, 1);
      const other = r(T.bucket, "other", {});
      const third = r(T.notification, "n3", { bucket: "acme-other" }, { bucket: [other] });
      assert.deepEqual(await checkStack(s3NotificationOnePerBucket, [...c.resources, other, third]), []);
    });
  });
});

/**
 * The same wiring with every value known, as at update (or in the offline preview): names, ARNs,
 * URLs and grant documents, so grants are judged by evaluating S3's request against them.
 */
const OWNER = "111122223333";
const ARN = {
  bucket: "arn:aws:s3:::acme-uploads",
  fn: `arn:aws:lambda:us-east-1:${OWNER}:function:thumbs`,
  queue: `arn:aws:sqs:us-east-1:${OWNER}:ingest`,
  topic: `arn:aws:sns:us-east-1:${OWNER}:audit`,
};
const QUEUE_URL = `https://sqs.us-east-1.amazonaws.com/${OWNER}/ingest`;
const grantFor = (action: string, resource: string, sourceArn = ARN.bucket, extra: object[] = []) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      { Sid: "AllowS3", Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: action, Resource: resource, Condition: { ArnLike: { "aws:SourceArn": sourceArn }, StringEquals: { "aws:SourceAccount": OWNER } } },
      ...extra,
    ],
  });

interface Known {
  /** Grants named by literal values instead of dependencies. */
  literal?: boolean;
  omit?: string[];
  permission?: Record<string, unknown>;
  queuePolicy?: string;
  topicPolicy?: string;
  queueProps?: Record<string, unknown>;
  notificationProps?: Record<string, unknown>;
  extra?: PolicyResource[];
  /** Changes the props of each resource as it is built, so dependencies see the change too. */
  transform?: (name: string, props: Record<string, unknown>) => Record<string, unknown>;
}

function known(o: Known = {}) {
  const omit = new Set(o.omit ?? []);
  const r: typeof stackResourceOf = (type, name, props = {}, ...rest) => stackResourceOf(type, name, o.transform ? o.transform(name, props) : props, ...rest);
  const bucket = r(T.bucket, "uploads", { bucket: "acme-uploads" });
  const role = r(T.role, "fn-role", {});
  const fn = r(T.fn, "fn", { name: "thumbs", arn: ARN.fn, region: "us-east-1" }, { role: [role] });
  const fnDlq = r(T.queue, "fn-dlq", {});
  const permission = r(
    T.permission,
    "allow",
    { principal: "s3.amazonaws.com", action: "lambda:InvokeFunction", function: o.literal ? "thumbs" : ARN.fn, sourceArn: ARN.bucket, sourceAccount: OWNER, ...o.permission },
    o.literal ? {} : { function: [fn] },
  );
  const invokeConfig = r(T.invokeConfig, "async", {}, { functionName: [fn], destinationConfig: [fnDlq] });
  const queueDlq = r(T.queue, "q-dlq", {});
  const queue = r(T.queue, "q", { name: "ingest", arn: ARN.queue, url: QUEUE_URL, region: "us-east-1", ...o.queueProps }, { redrivePolicy: [queueDlq] });
  const queuePolicy = r(T.queuePolicy, "q-policy", { queueUrl: QUEUE_URL, policy: o.queuePolicy ?? grantFor("sqs:SendMessage", ARN.queue) }, o.literal ? {} : { queueUrl: [queue] });
  const topic = r(T.topic, "t", { name: "audit", arn: ARN.topic, region: "us-east-1" });
  const topicPolicy = r(T.topicPolicy, "t-policy", { arn: ARN.topic, policy: o.topicPolicy ?? grantFor("sns:Publish", ARN.topic) }, o.literal ? {} : { arn: [topic] });
  const grants = [permission, queuePolicy, topicPolicy].filter((g) => !omit.has(g.name));
  const notification = r(
    T.notification,
    "n",
    {
      bucket: "acme-uploads",
      lambdaFunctions: [{ id: "jpg", events: ["s3:ObjectCreated:*"], filterPrefix: "images/", filterSuffix: ".jpg", lambdaFunctionArn: ARN.fn }],
      queues: [{ id: "csv", events: ["s3:ObjectCreated:*"], filterPrefix: "incoming/", queueArn: ARN.queue }],
      topics: [{ id: "del", events: ["s3:ObjectRemoved:*"], filterPrefix: "records/", topicArn: ARN.topic }],
      ...o.notificationProps,
    },
    o.literal ? {} : { bucket: [bucket], lambdaFunctions: [fn], queues: [queue], topics: [topic] },
    [...grants, invokeConfig],
  );
  const resources = [bucket, role, fn, fnDlq, invokeConfig, queueDlq, queue, topic, notification, ...grants, ...(o.extra ?? [])];
  return { resources, notification, fn, role, queue, topic, bucket, permission, queuePolicy };
}

describe("stack policies on known values", () => {
  it("find nothing wrong with the wiring, found through dependencies or through literal names, ARNs and URLs", async () => {
    for (const literal of [false, true]) {
      for (const policy of policies) assert.deepEqual(await checkStack(policy, known({ literal }).resources), [], `${policy.name} literal=${literal}`);
    }
  });

  it("find nothing wrong with the same wiring in China and GovCloud, whose ARNs and grants name their own partition", async () => {
    for (const [region, partition, domain] of [["cn-north-1", "aws-cn", "amazonaws.com.cn"], ["us-gov-west-1", "aws-us-gov", "amazonaws.com"]]) {
      const elsewhere = (props: Record<string, unknown>) =>
        JSON.parse(JSON.stringify(props).replaceAll("arn:aws:", `arn:${partition}:`).replaceAll("us-east-1", region).replaceAll(".amazonaws.com/", `.${domain}/`)) as Record<string, unknown>;
      for (const literal of [false, true]) {
        const c = known({ literal, transform: (_, props) => elsewhere(props) });
        assert.equal(c.queue.props.arn, `arn:${partition}:sqs:${region}:${OWNER}:ingest`);
        for (const policy of policies) assert.deepEqual(await checkStack(policy, c.resources), [], `${policy.name} ${region} literal=${literal}`);
      }
    }
  });

  describe("s3-destination-grant-present: S3's request from this bucket, evaluated against every grant of the destination", () => {
    it("rejects a queue policy for another bucket, naming the request S3 will make", async () => {
      const other = grantFor("sqs:SendMessage", ARN.queue, "arn:aws:s3:::acme-other");
      for (const literal of [false, true]) {
        const violations = await checkStack(s3DestinationGrantPresent, known({ literal, queuePolicy: other }).resources);
        assert.equal(violations.length, 1, `literal=${literal}`);
        assert.match(violations[0].message, /sends to aws:sqs\/queue:Queue `q`, but no grant of it lets in S3 sending from `arn:aws:s3:::acme-uploads` in account `111122223333` to `arn:aws:sqs:us-east-1:111122223333:ingest` \(aws:sqs\/queuePolicy:QueuePolicy `q-policy`: no statement allows it\)/);
        assert.match(violations[0].message, /sqs-basic-examples-of-sqs-policies\.html$/);
      }
    });

    it("rejects a Lambda permission for another bucket, by dependency or by literal name", async () => {
      const [bucket] = await checkStack(s3DestinationGrantPresent, known({ permission: { sourceArn: "arn:aws:s3:::acme-other" } }).resources);
      assert.match(bucket.message, /sends to aws:lambda\/function:Function `fn`, but no grant of it lets in S3 sending from `arn:aws:s3:::acme-uploads`/);
      assert.match(bucket.message, /with-s3\.html$/);
      assert.equal((await checkStack(s3DestinationGrantPresent, known({ literal: true, permission: { sourceArn: "arn:aws:s3:::acme-other" } }).resources)).length, 1);
      // The bucket's owner is not in the notification: a permission naming another account is
      // taken as the bucket's (cross-account buckets are legitimate); grant-scoped checks its scope.
      assert.deepEqual(await checkStack(s3DestinationGrantPresent, known({ literal: true, permission: { sourceAccount: "444455556666" } }).resources), []);
    });

    it("never takes a policy of another account's queue of the same name for this queue's", async () => {
      const theirs = `https://sqs.us-east-1.amazonaws.com/444455556666/ingest`;
      const c = known({ literal: true, omit: ["q-policy"] });
      const policy = r(T.queuePolicy, "their-policy", { queueUrl: theirs, policy: grantFor("sqs:SendMessage", "*") });
      const [v] = await checkStack(s3DestinationGrantPresent, [...c.resources, policy]);
      assert.match(v.message, /sends to aws:sqs\/queue:Queue `q`, which has no grant for S3 in this stack/);
    });

    it("accepts a bucket in another account than its destination, when the grant names that account", async () => {
      const otherOwner = JSON.stringify({
        Statement: [{ Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sqs:SendMessage", Resource: ARN.queue, Condition: { ArnLike: { "aws:SourceArn": ARN.bucket }, StringEquals: { "aws:SourceAccount": "444455556666" } } }],
      });
      assert.deepEqual(await checkStack(s3DestinationGrantPresent, known({ queuePolicy: otherOwner }).resources), []);
    });

    it("counts an explicit Deny as S3 will meet it", async () => {
      const deny = { Sid: "NoUploads", Effect: "Deny", Principal: "*", Action: "sns:Publish", Resource: ARN.topic, Condition: { ArnLike: { "aws:SourceArn": ARN.bucket } } };
      const [v] = await checkStack(s3DestinationGrantPresent, known({ topicPolicy: grantFor("sns:Publish", ARN.topic, ARN.bucket, [deny]) }).resources);
      assert.match(v.message, /aws:sns\/topic:Topic `t`, but no grant .*denied by statement `NoUploads`/);
    });

    it("matches a Lambda permission's qualifier to the ARN the rule invokes", async () => {
      const qualified = { lambdaFunctions: [{ id: "jpg", events: ["s3:ObjectCreated:*"], filterPrefix: "images/", lambdaFunctionArn: `${ARN.fn}:live` }] };
      assert.match((await checkStack(s3DestinationGrantPresent, known({ permission: { qualifier: "live" } }).resources))[0].message, /`fn`, which has no grant for S3/);
      assert.deepEqual(await checkStack(s3DestinationGrantPresent, known({ permission: { qualifier: "live" }, notificationProps: qualified }).resources), []);
      assert.equal((await checkStack(s3DestinationGrantPresent, known({ notificationProps: qualified }).resources)).length, 1);
    });

    it("accepts a queue's own `policy` as its grant, and judges it like any other", async () => {
      const inline = (policy: string) => known({ omit: ["q-policy"], queueProps: { policy } }).resources;
      assert.deepEqual(await checkStack(s3DestinationGrantPresent, inline(grantFor("sqs:SendMessage", ARN.queue))), []);
      assert.match((await checkStack(s3DestinationGrantPresent, inline(grantFor("sqs:SendMessage", ARN.queue, "arn:aws:s3:::acme-other"))))[0].message, /no grant of it lets in/);
      assert.match((await checkStack(s3DestinationGrantPresent, inline("")))[0].message, /`q`, which has no grant for S3/);
    });

    it("reads aws-native grants: queue and topic inline policies, topic policies, permissions", async () => {
      const c = known({ omit: ["q-policy", "t-policy", "allow"] });
      const doc = (action: string, arn: string, sourceArn = ARN.bucket) => JSON.parse(grantFor(action, arn, sourceArn));
      const nativeGrants = (sourceArn?: string) => [
        r("aws-native:sqs:QueueInlinePolicy", "nq", { queue: QUEUE_URL, policyDocument: doc("sqs:SendMessage", ARN.queue, sourceArn) }),
        r("aws-native:sns:TopicInlinePolicy", "nt", { topicArn: ARN.topic, policyDocument: doc("sns:Publish", ARN.topic, sourceArn) }),
        r("aws-native:lambda:Permission", "np", { functionName: ARN.fn, principal: "s3.amazonaws.com", sourceArn: sourceArn ?? ARN.bucket, sourceAccount: OWNER }),
      ];
      const depends = (grants: PolicyResource[]) => ({ ...c.notification, dependencies: [...c.notification.dependencies, ...grants] }) as PolicyResource;
      const ok = nativeGrants();
      assert.deepEqual(await checkStack(s3DestinationGrantPresent, [...c.resources.filter((x) => x !== c.notification), depends(ok), ...ok]), []);
      const wrong = nativeGrants("arn:aws:s3:::acme-other");
      assert.equal((await checkStack(s3DestinationGrantPresent, [...c.resources.filter((x) => x !== c.notification), depends(wrong), ...wrong])).length, 3);
      const topicPolicy = r("aws-native:sns:TopicPolicy", "ntp", { topics: [ARN.topic], policyDocument: doc("sns:Publish", ARN.topic) });
      const rest = [ok[0], ok[2], topicPolicy];
      assert.deepEqual(await checkStack(s3DestinationGrantPresent, [...c.resources.filter((x) => x !== c.notification), depends(rest), ...rest]), []);
    });

    it("judges an aws-native bucket's own notification configuration", async () => {
      const c = known();
      const bucket = r(
        "aws-native:s3:Bucket",
        "native",
        { bucketName: "acme-uploads", notificationConfiguration: { queueConfigurations: [{ event: "s3:ObjectCreated:Put", queue: ARN.queue, filter: { s3Key: { rules: [{ name: "prefix", value: "in/" }] } } }] } },
        {},
        [c.queuePolicy],
      );
      const resources = [...c.resources.filter((x) => x !== c.notification), bucket];
      assert.deepEqual(await checkStack(s3DestinationGrantPresent, resources), []);
      const other = known({ queuePolicy: grantFor("sqs:SendMessage", ARN.queue, "arn:aws:s3:::acme-other") });
      const [v] = await checkStack(s3DestinationGrantPresent, [...other.resources.filter((x) => x !== other.notification), { ...bucket, dependencies: [other.queuePolicy] } as PolicyResource]);
      assert.match(v.message, /^aws-native:s3:Bucket `native` sends to aws:sqs\/queue:Queue `q`, but no grant of it lets in/);
    });

    it("judges at update what waits on unknown values, and still rejects a missing grant as mandatory", async () => {
      // The bucket resource names the bucket when the notification's `bucket` is unknown; here neither does.
      assert.deepEqual(await checkStack(s3DestinationGrantPresent, known({ notificationProps: { bucket: UNKNOWN } }).resources), []);
      const c = known({ literal: true, notificationProps: { bucket: UNKNOWN } });
      const violations = await checkStack(s3DestinationGrantPresent, c.resources);
      assert.deepEqual(violations.map((v) => v.advisory), [true]);
      assert.match(violations[0].message, /judged at update: whether a grant lets aws:s3\/bucketNotification:BucketNotification `n`'s bucket send to/);
      const noGrant = await checkStack(s3DestinationGrantPresent, known({ literal: true, omit: ["q-policy"], notificationProps: { bucket: UNKNOWN } }).resources);
      assert.deepEqual(noGrant.map((v) => v.advisory ?? "mandatory"), ["mandatory", true]);
      const unknownDocument = await checkStack(s3DestinationGrantPresent, known({ queuePolicy: UNKNOWN }).resources);
      assert.deepEqual(unknownDocument.map((v) => v.advisory), [true]);
      assert.match(unknownDocument[0].message, /\.policy can't be known during preview/);
    });
  });

  describe("s3-destination-one-policy", () => {
    it("rejects a queue's own `policy` beside a queue policy resource", async () => {
      const [v] = await checkStack(s3DestinationOnePolicy, known({ queueProps: { policy: grantFor("sqs:SendMessage", ARN.queue) } }).resources);
      assert.match(v.message, /`q-policy` and aws:sqs\/queue:Queue `q` both set the policy of the same queue/);
      assert.deepEqual(await checkStack(s3DestinationOnePolicy, known({ queueProps: { policy: "" } }).resources), []);
      assert.equal((await checkStack(s3DestinationOnePolicy, known({ queueProps: { policy: UNKNOWN } }).resources)).length, 1);
    });

    it("matches policies by literal URL or ARN as well as by dependency, in both libraries", async () => {
      const c = known();
      const literal = r(T.queuePolicy, "q-policy-2", { queueUrl: QUEUE_URL, policy: "{}" });
      assert.equal((await checkStack(s3DestinationOnePolicy, [...c.resources, literal])).length, 1);
      const native = r("aws-native:sqs:QueueInlinePolicy", "nq", { queue: QUEUE_URL, policyDocument: {} });
      assert.equal((await checkStack(s3DestinationOnePolicy, [...c.resources, native])).length, 1);
      const nativeTopic = r("aws-native:sns:TopicPolicy", "ntp", { topics: [ARN.topic], policyDocument: {} });
      assert.match((await checkStack(s3DestinationOnePolicy, [...c.resources, nativeTopic]))[0].message, /same topic/);
      const elsewhere = r(T.queuePolicy, "other", { queueUrl: `https://sqs.us-east-1.amazonaws.com/${OWNER}/other`, policy: "{}" });
      assert.deepEqual(await checkStack(s3DestinationOnePolicy, [...c.resources, elsewhere]), []);
    });
  });

  it("judges the known topics of an aws-native topic policy whose other topic is unknown during preview", async () => {
    const c = known();
    const nativeTopic = r("aws-native:sns:TopicPolicy", "ntp", { topics: [ARN.topic, UNKNOWN], policyDocument: {} });
    const [v] = await checkStack(s3DestinationOnePolicy, [...c.resources, nativeTopic]);
    assert.equal(v.advisory, undefined);
    assert.match(v.message, /`ntp` and aws:sns\/topicPolicy:TopicPolicy `t-policy` both set the policy of the same topic/);
    assert.deepEqual(await checkStack(s3DestinationGrantPresent, [...c.resources, nativeTopic]), []);
  });

  describe("s3-notification-one-per-bucket", () => {
    it("rejects one notification on the bucket's id and one on its literal name", async () => {
      const c = known();
      const literal = r(T.notification, "n2", { bucket: "acme-uploads" });
      assert.match((await checkStack(s3NotificationOnePerBucket, [...c.resources, literal]))[0].message, /`n2` and aws:s3\/bucketNotification:BucketNotification `n` configure the same bucket/);
      assert.deepEqual(await checkStack(s3NotificationOnePerBucket, [...c.resources, r(T.notification, "n3", { bucket: "acme-other" })]), []);
    });

    it("rejects an aws-native bucket with its own configuration targeted by a notification resource too", async () => {
      const native = r("aws-native:s3:Bucket", "native", { bucketName: "acme-native", notificationConfiguration: { queueConfigurations: [] } });
      const onIt = r(T.notification, "on-native", { bucket: UNKNOWN }, { bucket: [native] });
      assert.match((await checkStack(s3NotificationOnePerBucket, [native, onIt]))[0].message, /`on-native` and aws-native:s3:Bucket `native` configure the same bucket/);
      const bare = r("aws-native:s3:Bucket", "native", { bucketName: "acme-native" });
      assert.deepEqual(await checkStack(s3NotificationOnePerBucket, [bare, r(T.notification, "on-native", { bucket: "acme-native" })]), []);
    });
  });

  describe("s3-notification-recursion", () => {
    it("flags AWS managed policies that allow s3:PutObject on every bucket", async () => {
      for (const managed of ["AWSLambdaExecute", "AmazonS3FullAccess", "service-role/AWSLambdaExecute"]) {
        const c = known();
        const attachment = r(T.attachment, "managed", { policyArn: `arn:aws:iam::aws:policy/${managed}` }, { role: [c.role] });
        const [v] = await checkStack(s3NotificationRecursion, [...c.resources, attachment]);
        assert.match(v.message, new RegExp(`may write \`images/example\\.jpg\` to the same bucket \\(through \`arn:aws:iam::aws:policy/${managed.replace("/", "\\/")}\`\\)`), managed);
      }
      const c = known();
      const readOnly = r(T.attachment, "managed", { policyArn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" }, { role: [c.role] });
      assert.deepEqual(await checkStack(s3NotificationRecursion, [...c.resources, readOnly]), []);
    });

    it("matches a role's writes in the function's own partition", async () => {
      const china = (props: Record<string, unknown>) =>
        JSON.parse(JSON.stringify(props).replaceAll("arn:aws:", "arn:aws-cn:").replaceAll("us-east-1", "cn-north-1").replaceAll(".amazonaws.com/", ".amazonaws.com.cn/")) as Record<string, unknown>;
      const c = known({ transform: (_, props) => china(props) });
      const writes = (resource: string) => r(T.rolePolicy, "write", { policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "s3:PutObject", Resource: resource }] }) }, { role: [c.role] });
      const [v] = await checkStack(s3NotificationRecursion, [...c.resources, writes("arn:aws-cn:s3:::acme-uploads/*")]);
      assert.match(v.message, /may write `images\/example\.jpg` to the same bucket/);
      assert.deepEqual(await checkStack(s3NotificationRecursion, [...c.resources, writes("arn:aws:s3:::acme-uploads/*")]), [], "a commercial ARN names no bucket in China");
    });

    it("judges each function against the rules that invoke it, not every Lambda rule of the notification", async () => {
      const c = known();
      const otherRole = r(T.role, "other-role", {});
      const other = r(T.fn, "other", { name: "indexer", arn: `arn:aws:lambda:us-east-1:${OWNER}:function:indexer` }, { role: [otherRole] });
      // `thumbs` is invoked under images/ and writes under thumbs/; `indexer` is invoked under thumbs/ and writes nothing.
      const writes = r(T.rolePolicy, "write", { policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::acme-uploads/thumbs/*" }] }) }, { role: [c.role] });
      const lambdaFunctions = [
        { id: "jpg", events: ["s3:ObjectCreated:*"], filterPrefix: "images/", lambdaFunctionArn: ARN.fn },
        { id: "thumbs", events: ["s3:ObjectCreated:*"], filterPrefix: "thumbs/", lambdaFunctionArn: other.props.arn },
      ];
      const notification = { ...c.notification, props: { ...c.notification.props, lambdaFunctions } } as PolicyResource;
      const resources = [...c.resources.filter((x) => x !== c.notification), notification, otherRole, other, writes];
      assert.deepEqual(await checkStack(s3NotificationRecursion, resources), []);
    });
  });

  describe("one fault, one report; each message links its destination type's page", () => {
    it("a FIFO queue named by a known ARN is s3-destination-compatible's alone", async () => {
      const fifoQueue = { fifoQueue: true, name: "ingest.fifo", arn: `${ARN.queue}.fifo`, url: `${QUEUE_URL}.fifo` };
      const fifo = known({ queueProps: fifoQueue, notificationProps: { queues: [{ id: "csv", events: ["s3:ObjectCreated:*"], filterPrefix: "incoming/", queueArn: `${ARN.queue}.fifo` }] } });
      assert.deepEqual(await checkStack(s3DestinationEncryptionUsable, fifo.resources), []);
      const unknownArn = chain({ queueProps: { fifoQueue: true } });
      assert.equal((await checkStack(s3DestinationEncryptionUsable, unknownArn.resources)).length, 1);
    });

    it("dead-letter messages link the SQS, SNS and Lambda pages", async () => {
      assert.match((await checkStack(s3DestinationHasDlq, chain({ omit: ["redrive"] }).resources))[0].message, /SQSDeveloperGuide\/sqs-dead-letter-queues\.html$/);
      assert.match((await checkStack(s3DestinationHasDlq, chain({ omit: ["sub-redrive"] }).resources))[0].message, /sns\/latest\/dg\/sns-dead-letter-queues\.html$/);
      assert.match((await checkStack(s3DestinationHasDlq, chain({ omit: ["invoke-config"] }).resources))[0].message, /lambda\/latest\/dg\/invocation-async-retain-records\.html$/);
    });
  });
});


describe("every policy with the engine's unknown sentinel in each field in turn", () => {
  // The mandatory ones: an advisory policy's verdicts are advisory whatever is known.
  const everyPolicy = [...policies, s3DestinationGrantScoped, s3DestinationTlsOnly, ...notificationPolicies].filter((p) => p.enforcementLevel === "mandatory");
  const literalProps = (p: PolicyResource) => JSON.parse(JSON.stringify(p.props)) as Record<string, unknown>;

  it("never turns a compliant stack into a mandatory violation: what waits on an unknown is an advisory note", async function () {
    this.timeout(120_000);
    for (const literal of [false, true]) {
      for (const subject of known({ literal }).resources) {
        for (const path of paths(literalProps(subject))) {
          const transform = (name: string, props: Record<string, unknown>) => (name === subject.name ? withUnknownAt(props, path) : props);
          const stack = known({ literal, transform }).resources;
          const changed = stack.find((x) => x.name === subject.name)!;
          for (const policy of everyPolicy) {
            const violations =
              "validateStack" in policy
                ? await checkStack(policy, stack)
                : await checkResource(policy, subject.type, withUnknownAt(literalProps(subject), path), { minPrefixLength: 3, maxEventTypes: 2 }, changed.name);
            const mandatory = violations.filter((v) => !v.advisory);
            assert.deepEqual(mandatory, [], `${policy.name}: ${subject.name}.${path.join(".")} unknown (literal=${literal})`);
          }
        }
      }
    }
  });

  it("judges a missing grant at update when another grant's target is unknown: it may be this one", async () => {
    for (const [omit, grant] of [
      ["q-policy", r(T.queuePolicy, "unresolved", { queueUrl: UNKNOWN, policy: grantFor("sqs:SendMessage", "*") })],
      ["allow", r(T.permission, "unresolved", { function: UNKNOWN, principal: "s3.amazonaws.com" })],
    ] as const) {
      const { resources } = known({ omit: [omit], extra: [grant] });
      const violations = await checkStack(s3DestinationGrantPresent, resources);
      assert.deepEqual(violations.map((v) => v.advisory), [true], omit);
      assert.match(violations[0].message, /judged at update: whether .* `unresolved` grants/);
    }
  });

  it("still reports a fault that does not depend on the unknown value as mandatory", async () => {
    // The compliant stack with its queue policy scoped to another bucket, and the topic's ARN unknown.
    const topics = [{ id: "del", events: ["s3:ObjectRemoved:*"], filterPrefix: "records/", topicArn: UNKNOWN }];
    const transform = (name: string, props: Record<string, unknown>) => (name === "t" ? { ...props, arn: UNKNOWN } : props);
    const stack = known({ queuePolicy: grantFor("sqs:SendMessage", ARN.queue, "arn:aws:s3:::acme-other"), notificationProps: { topics }, transform }).resources;
    const violations = await checkStack(s3DestinationGrantPresent, stack);
    assert.deepEqual(violations.map((v) => v.advisory ?? "mandatory"), ["mandatory", true], JSON.stringify(violations));
    assert.match(violations[0].message, /`q`, but no grant of it lets in/);
  });
});

describe("stack policies, verdict by verdict", () => {
  const N = "aws:s3/bucketNotification:BucketNotification `n`";
  const messagesOf = async (policy: (typeof policies)[number], resources: PolicyResource[]) => (await checkStack(policy, resources)).map((v) => v.message);

  it("count a value as set only when it says something", () => {
    for (const unset of [undefined, null, "", [], {}]) assert.equal(isSet(unset), false, JSON.stringify(unset));
    for (const set of ["x", [0], { a: 1 }, 0, false]) assert.equal(isSet(set), true, JSON.stringify(set));
  });

  describe("s3-destination-grant-present", () => {
    it("says which grant each kind of destination lacks", async () => {
      const messages = await messagesOf(s3DestinationGrantPresent, chain({ omit: ["allow", "q-policy", "t-policy"] }).resources);
      const why = `, which has no grant for S3 in this stack, so S3 rejects the configuration ("Unable to validate the following destination configurations").`;
      assert.deepEqual(messages, [
        `${N} sends to aws:lambda/function:Function \`fn\`${why} Add an aws.lambda.Permission for s3.amazonaws.com scoped to the bucket. https://docs.aws.amazon.com/lambda/latest/dg/with-s3.html`,
        `${N} sends to aws:sqs/queue:Queue \`q\`${why} Add a queue policy scoped to the bucket. https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-basic-examples-of-sqs-policies.html`,
        `${N} sends to aws:sns/topic:Topic \`t\`${why} Add a topic policy scoped to the bucket. https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html`,
      ]);
    });

    it("says the notification must wait for its grant", async () => {
      const [message] = await messagesOf(s3DestinationGrantPresent, chain({ omit: ["depends"] }).resources);
      assert.equal(
        message,
        `${N} must depend on aws:lambda/permission:Permission \`allow\`, because S3 tests every destination when the configuration is written and fails if the grant does not exist yet. ` +
          "Add it to the notification's `dependsOn`. https://docs.aws.amazon.com/lambda/latest/dg/with-s3.html",
      );
    });

    it("is content when the notification waits for one of several grants", async () => {
      const c = known();
      const second = r(T.queuePolicy, "q-policy-2", { queueUrl: QUEUE_URL, policy: grantFor("sqs:SendMessage", ARN.queue) }, { queueUrl: [c.queue] });
      assert.deepEqual(await checkStack(s3DestinationGrantPresent, [...c.resources, second]), []);
    });

    it("names the denying statements and the grant S3 needs", async () => {
      const deny = { Sid: "NoUploads", Effect: "Deny", Principal: "*", Action: "sqs:SendMessage", Resource: ARN.queue, Condition: { ArnLike: { "aws:SourceArn": ARN.bucket } } };
      const [message] = await messagesOf(s3DestinationGrantPresent, known({ queuePolicy: grantFor("sqs:SendMessage", ARN.queue, ARN.bucket, [deny]) }).resources);
      assert.equal(
        message,
        `${N} sends to aws:sqs/queue:Queue \`q\`, but no grant of it lets in S3 sending from \`${ARN.bucket}\` in account \`${OWNER}\` to \`${ARN.queue}\` ` +
          "(aws:sqs/queuePolicy:QueuePolicy `q-policy`: denied by statement `NoUploads`), so S3 rejects the configuration. " +
          `Grant s3.amazonaws.com with \`aws:SourceArn\` = \`${ARN.bucket}\` and \`aws:SourceAccount\` = \`${OWNER}\`. https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-basic-examples-of-sqs-policies.html`,
      );
    });

    it("judges nothing it cannot read: a grant without a document, a notification without a bucket", async () => {
      assert.deepEqual(await checkStack(s3DestinationGrantPresent, known({ queuePolicy: "not json" }).resources), []);
      const c = known({ literal: true, notificationProps: { bucket: undefined } });
      assert.deepEqual(await checkStack(s3DestinationGrantPresent, c.resources), []);
      // One unreadable grant beside one that admits the bucket.
      const d = known();
      const unreadable = r(T.queuePolicy, "unreadable", { queueUrl: QUEUE_URL, policy: "{" }, { queueUrl: [d.queue] });
      assert.deepEqual(await checkStack(s3DestinationGrantPresent, [...d.resources, unreadable]), []);
    });

    it("names what waits on an unknown value: the grant's target, the bucket's name, the destination's ARN", async () => {
      const unresolved = r(T.queuePolicy, "unresolved", { queueUrl: UNKNOWN, policy: grantFor("sqs:SendMessage", "*") });
      const [target] = await checkStack(s3DestinationGrantPresent, known({ omit: ["q-policy"], extra: [unresolved] }).resources);
      assert.equal(
        target.message,
        "can't run policy during preview: string value at .unresolved.queueUrl can't be known during preview; judged at update: whether aws:sqs/queuePolicy:QueuePolicy `unresolved` grants aws:sqs/queue:Queue `q`",
      );
      const c = known();
      const bucket = r("aws-native:s3:Bucket", "native", { bucketName: UNKNOWN, notificationConfiguration: { queueConfigurations: [{ event: "s3:ObjectCreated:*", queue: ARN.queue }] } }, {}, [c.queuePolicy]);
      const [name] = await checkStack(s3DestinationGrantPresent, [...c.resources.filter((x) => x !== c.notification), bucket]);
      assert.match(name.message, /^can't run policy during preview: string value at \.bucketName can't be known during preview; judged at update: whether a grant lets aws-native:s3:Bucket `native`'s bucket send to aws:sqs\/queue:Queue `q`$/);
      const transform = (n: string, props: Record<string, unknown>) => (n === "q" ? { ...props, arn: UNKNOWN, url: UNKNOWN } : props);
      const queues = [{ id: "csv", events: ["s3:ObjectCreated:*"], filterPrefix: "incoming/", queueArn: UNKNOWN }];
      const [arn] = await checkStack(s3DestinationGrantPresent, known({ transform, notificationProps: { queues } }).resources);
      assert.match(arn.message, /^can't run policy during preview: string value at \.q\.arn can't be known during preview; judged at update: whether a grant lets .* send to aws:sqs\/queue:Queue `q`$/);
    });
  });

  describe("s3-destination-grant-external", () => {
    it("names a destination outside the stack by its ARN, and says nothing when the stack grants it", async () => {
      const theirs = "arn:aws:sqs:us-east-1:444455556666:theirs";
      const outside = r(T.notification, "theirs", { queues: [{ id: "external", queueArn: theirs }] });
      assert.deepEqual(await messagesOf(s3DestinationGrantExternal, [outside]), [
        "aws:s3/bucketNotification:BucketNotification `theirs` sends to queue `arn:aws:sqs:us-east-1:444455556666:theirs` outside this stack, whose grant cannot be checked here; " +
          "make sure it allows s3.amazonaws.com only with aws:SourceArn = the bucket and aws:SourceAccount = its owner. https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-basic-examples-of-sqs-policies.html",
      ]);
      const grant = r(T.queuePolicy, "their-policy", { queueUrl: "https://sqs.us-east-1.amazonaws.com/444455556666/theirs" });
      assert.deepEqual(await checkStack(s3DestinationGrantExternal, [outside, grant]), []);
    });

    it("flags rules whose ARNs are unknown when the notification depends on no destination of their kind", async () => {
      const unknownArn = r(T.notification, "n", { topics: [{ id: "del", topicArn: UNKNOWN }], queues: [{ id: "csv", queueArn: UNKNOWN }] }, { queues: [r(T.queue, "q", {})] });
      assert.deepEqual(await messagesOf(s3DestinationGrantExternal, [unknownArn]), [
        `${N} sends to a topic outside this stack, whose grant cannot be checked here; make sure it allows s3.amazonaws.com only with aws:SourceArn = the bucket and aws:SourceAccount = its owner. https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html`,
      ]);
    });
  });

  describe("s3-destination-has-dlq", () => {
    it("accepts a function's failures kept by a literal on-failure destination or its own dead-letter config", async () => {
      const c = chain({ omit: ["invoke-config"] });
      const literal = r(T.invokeConfig, "async", { destinationConfig: { onFailure: { destination: "arn:aws:sqs:us-east-1:111122223333:dlq" } } }, { functionName: [c.fn] });
      assert.deepEqual(await checkStack(s3DestinationHasDlq, [...c.resources, literal]), []);
      const empty = r(T.invokeConfig, "async", { destinationConfig: { onFailure: {} } }, { functionName: [c.fn] });
      assert.equal((await checkStack(s3DestinationHasDlq, [...c.resources, empty])).length, 1);
      const other = r(T.invokeConfig, "async", {}, { functionName: [r(T.fn, "other", {})], destinationConfig: [r(T.queue, "dlq", {})] });
      assert.equal((await checkStack(s3DestinationHasDlq, [...c.resources, other])).length, 1);
      const withDlq = (props: Record<string, unknown>, deps: Record<string, PolicyResource[]> = {}) => {
        const x = chain({ omit: ["invoke-config"] });
        const fn = r(T.fn, "fn", props, { role: [x.role], ...deps });
        const n = { ...x.notification, propertyDependencies: { ...x.notification.propertyDependencies, lambdaFunctions: [fn] } } as PolicyResource;
        return checkStack(s3DestinationHasDlq, [...x.resources.filter((y) => y !== x.fn && y !== x.notification), fn, n]);
      };
      assert.deepEqual(await withDlq({ deadLetterConfig: { targetArn: "arn:aws:sqs:us-east-1:111122223333:dlq" } }), []);
      assert.deepEqual(await withDlq({}, { deadLetterConfig: [r(T.topic, "dlq-topic", {})] }), []);
      assert.equal((await withDlq({ deadLetterConfig: { targetArn: "" } })).length, 1);
      assert.equal((await withDlq({}, { deadLetterConfig: [r(T.role, "not-a-dlq", {})] })).length, 1);
    });

    it("accepts a queue whose dead-letter queue is named by its own redrive dependency or a RedrivePolicy resource", async () => {
      const c = chain({ omit: ["redrive"] });
      const redrive = r("aws:sqs/redrivePolicy:RedrivePolicy", "q-redrive", {}, { queueUrl: [c.queue] });
      assert.deepEqual(await checkStack(s3DestinationHasDlq, [...c.resources, redrive]), []);
      const elsewhere = r("aws:sqs/redrivePolicy:RedrivePolicy", "other-redrive", {}, { queueUrl: [r(T.queue, "other", {})] });
      assert.equal((await checkStack(s3DestinationHasDlq, [...c.resources, elsewhere])).length, 1);
      assert.deepEqual(await checkStack(s3DestinationHasDlq, chain({ omit: ["redrive"], queueProps: { redrivePolicy: UNKNOWN } }).resources), []);
    });

    it("accepts a subscription with a literal redrive policy", async () => {
      const c = chain({ omit: ["sub-redrive"] });
      const sub = r(T.subscription, "sub", { redrivePolicy: '{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:111122223333:dlq"}' }, { topic: [c.topic] });
      assert.deepEqual(await checkStack(s3DestinationHasDlq, [...c.resources.filter((x) => x.name !== "sub"), sub]), []);
    });

    it("names each destination once, with its notification and the fix", async () => {
      const c = chain({ omit: ["redrive"] });
      const second = r(T.notification, "n2", { bucket: "acme-other", queues: [{ id: "tsv", events: ["s3:ObjectCreated:*"], filterSuffix: ".tsv" }] }, { queues: [c.queue] });
      assert.deepEqual(await messagesOf(s3DestinationHasDlq, [...c.resources, second]), [
        `aws:sqs/queue:Queue \`q\`, a destination of ${N}, has no redrive policy, so messages its consumer keeps failing on are retried until they expire. ` +
          "Add a `redrivePolicy` to a dead-letter queue. https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html",
      ]);
    });

    describe("EventBridge targets of S3 events", () => {
      const rule = r(T.eventRule, "rule", { eventPattern: JSON.stringify({ source: ["aws.s3"] }) });
      const dlqFree = (props: Record<string, unknown> = {}, deps: Record<string, PolicyResource[]> = { rule: [rule] }) => r(T.eventTarget, "target", props, deps);
      const stack = (notificationProps: Record<string, unknown>, ...extra: PolicyResource[]) => chain({ notificationProps, extra: [rule, ...extra] }).resources;

      it("must have a dead-letter config when a notification turns EventBridge on", async () => {
        assert.deepEqual(await messagesOf(s3DestinationHasDlq, stack({ eventbridge: true }, dlqFree())), [
          "aws:cloudwatch/eventTarget:EventTarget `target` receives S3 events from EventBridge but has no `deadLetterConfig`, so events it cannot deliver after retries are dropped. " +
            "Add a dead-letter queue. https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html",
        ]);
        assert.deepEqual(await checkStack(s3DestinationHasDlq, stack({ eventbridge: false }, dlqFree())), []);
        assert.deepEqual(await checkStack(s3DestinationHasDlq, stack({ eventbridge: "true" }, dlqFree())), []);
      });

      it("reads EventBridge turned on in an aws-native bucket's configuration", async () => {
        const native = (enabled: unknown) => r("aws-native:s3:Bucket", "native", { bucketName: "acme-native", notificationConfiguration: { eventBridgeConfiguration: { eventBridgeEnabled: enabled } } });
        assert.equal((await checkStack(s3DestinationHasDlq, [rule, dlqFree(), native(true)])).length, 1);
        assert.deepEqual(await checkStack(s3DestinationHasDlq, [rule, dlqFree(), native(false)]), []);
        assert.deepEqual(await checkStack(s3DestinationHasDlq, [rule, dlqFree(), native(UNKNOWN)]), []);
      });

      describe("an aws-native rule's inline targets (CloudFormation's AWS::Events::Rule)", () => {
        const NATIVE_RULE = "aws-native:events:Rule";
        const PATTERN = { source: ["aws.s3"], detail: { bucket: { name: ["acme-uploads"] } } };
        const nativeRule = (targets: unknown, deps: Record<string, PolicyResource[]> = {}, eventPattern: unknown = PATTERN) => r(NATIVE_RULE, "docs", { eventPattern, targets }, deps);
        const DLQ = { arn: "arn:aws:sqs:us-east-1:111122223333:docs-dlq" };

        it("must give each target a dead-letter config, named by the rule and the target's id", async () => {
          const v = await checkStack(s3DestinationHasDlq, stack({ eventbridge: true }, nativeRule([{ id: "index", arn: "arn:aws:sqs:us-east-1:111122223333:jobs" }])));
          assert.deepEqual(
            v.map((x) => [x.message, x.urn]),
            [
              [
                "aws-native:events:Rule `docs`, target `index` receives S3 events from EventBridge but has no `deadLetterConfig`, so events it cannot deliver after retries are dropped. " +
                  "Add a dead-letter queue. https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html",
                "urn:pulumi:test::app::aws-native:events:Rule::docs",
              ],
            ],
          );
          const withDlq = nativeRule([{ id: "index", arn: "arn:aws:sqs:us-east-1:111122223333:jobs", deadLetterConfig: DLQ }]);
          assert.deepEqual(await checkStack(s3DestinationHasDlq, stack({ eventbridge: true }, withDlq)), []);
          const unknownDlq = nativeRule([{ id: "index", arn: "arn:aws:sqs:us-east-1:111122223333:jobs", deadLetterConfig: { arn: UNKNOWN } }]);
          assert.deepEqual(await checkStack(s3DestinationHasDlq, stack({ eventbridge: true }, unknownDlq)), [], "an Output that will name a queue");
        });

        it("reads the pattern as an object or a string, and ignores rules for other sources", async () => {
          const bare = [{ id: "index", arn: "arn:aws:sqs:us-east-1:111122223333:jobs" }];
          assert.equal((await checkStack(s3DestinationHasDlq, stack({ eventbridge: true }, nativeRule(bare, {}, JSON.stringify(PATTERN))))).length, 1);
          assert.deepEqual(await checkStack(s3DestinationHasDlq, stack({ eventbridge: true }, nativeRule(bare, {}, { source: ["aws.ec2"] }))), []);
          assert.deepEqual(await checkStack(s3DestinationHasDlq, stack({ eventbridge: false }, nativeRule(bare))), []);
          assert.deepEqual(await checkStack(s3DestinationHasDlq, stack({ eventbridge: true }, nativeRule(UNKNOWN))), [], "targets unknown during preview");
        });

        it("never takes the target's dead-letter queue, listed in the same dependencies, for the queue it delivers to", async () => {
          const indexer = r(T.fn, "indexer", { arn: UNKNOWN });
          const dlq = r(T.queue, "docs-dlq", { arn: UNKNOWN });
          const preview = nativeRule([{ id: "index", arn: UNKNOWN, deadLetterConfig: { arn: UNKNOWN } }], { targets: [indexer, dlq] });
          assert.deepEqual(await checkStack(s3DestinationHasDlq, stack({ eventbridge: true }, preview, indexer, dlq)), [], "a first preview cannot tell them apart");
          const knownIndexer = r(T.fn, "indexer", { arn: "arn:aws:lambda:us-east-1:111122223333:function:indexer" });
          const knownDlq = r(T.queue, "docs-dlq", { arn: DLQ.arn });
          const update = nativeRule([{ id: "index", arn: "arn:aws:lambda:us-east-1:111122223333:function:indexer", deadLetterConfig: DLQ }], { targets: [knownDlq, knownIndexer] });
          const v = await checkStack(s3DestinationHasDlq, stack({ eventbridge: true }, update, knownIndexer, knownDlq));
          assert.deepEqual(v.map((x) => x.urn), ["urn:pulumi:test::app::aws:lambda/function:Function::indexer"], "the function, not its target's DLQ");
        });

        it("follows a target to the function it invokes, by dependency with one target and by ARN among several", async () => {
          const indexer = r(T.fn, "indexer", { arn: "arn:aws:lambda:us-east-1:111122223333:function:indexer" });
          const other = r(T.fn, "other", { arn: "arn:aws:lambda:us-east-1:111122223333:function:other" });
          const otherConfig = r(T.invokeConfig, "other-async", {}, { functionName: [other], destinationConfig: [r(T.queue, "other-dlq", {})] });
          const one = nativeRule([{ id: "index", arn: UNKNOWN, deadLetterConfig: DLQ }], { targets: [indexer] });
          const messages = (await checkStack(s3DestinationHasDlq, stack({ eventbridge: true }, one, indexer))).map((v) => v.message);
          assert.equal(messages.length, 1);
          assert.match(messages[0], /^aws:lambda\/function:Function `indexer`, the target of EventBridge aws-native:events:Rule `docs`, target `index` for S3 events, has no on-failure destination/);
          // The engine lists the rule's `targets` dependencies in no order of the entries.
          const two = nativeRule(
            [
              { id: "other", arn: "arn:aws:lambda:us-east-1:111122223333:function:other", deadLetterConfig: DLQ },
              { id: "index", arn: "arn:aws:lambda:us-east-1:111122223333:function:indexer", deadLetterConfig: DLQ },
            ],
            { targets: [indexer, other] },
          );
          const both = await checkStack(s3DestinationHasDlq, stack({ eventbridge: true }, two, indexer, other, otherConfig));
          assert.deepEqual(both.map((v) => v.urn), ["urn:pulumi:test::app::aws:lambda/function:Function::indexer"], "only the function with no on-failure destination");
          assert.match(both[0].message, /aws-native:events:Rule `docs`, target `index` for S3 events/);
        });
      });

      it("accepts a dead-letter queue by dependency or literal ARN, and ignores targets of other rules", async () => {
        assert.deepEqual(await checkStack(s3DestinationHasDlq, stack({ eventbridge: true }, dlqFree({}, { rule: [rule], deadLetterConfig: [r(T.queue, "dlq", {})] }))), []);
        assert.deepEqual(await checkStack(s3DestinationHasDlq, stack({ eventbridge: true }, dlqFree({ deadLetterConfig: { arn: "arn:aws:sqs:us-east-1:111122223333:dlq" } }))), []);
        assert.equal((await checkStack(s3DestinationHasDlq, stack({ eventbridge: true }, dlqFree({ deadLetterConfig: { arn: "" } })))).length, 1);
        const ec2 = r(T.eventRule, "ec2", { eventPattern: JSON.stringify({ source: ["aws.ec2"] }) });
        assert.deepEqual(await checkStack(s3DestinationHasDlq, stack({ eventbridge: true }, ec2, dlqFree({}, { rule: [ec2] }))), []);
        assert.deepEqual(await checkStack(s3DestinationHasDlq, stack({ eventbridge: true }, dlqFree({}, { rule: [r(T.queue, "not-a-rule", { eventPattern: "aws.s3" })] }))), []);
        const unknownPattern = r(T.eventRule, "unknown", { eventPattern: UNKNOWN });
        assert.deepEqual(await checkStack(s3DestinationHasDlq, stack({ eventbridge: true }, unknownPattern, dlqFree({}, { rule: [unknownPattern] }))), []);
      });
    });
  });

  describe("s3-destination-encryption-usable", () => {
    it("names the AWS-managed key of a queue, and of a topic, once each", async () => {
      const c = chain({ queueProps: { kmsMasterKeyId: "arn:aws:kms:us-east-1:111122223333:alias/aws/sqs" } });
      const topic = r(T.topic, "t", { kmsMasterKeyId: "alias/aws/sns" });
      const first = { ...c.notification, propertyDependencies: { ...c.notification.propertyDependencies, topics: [topic] } } as PolicyResource;
      const second = r(T.notification, "n2", { topics: [{ id: "x", events: ["s3:ObjectCreated:*"], filterPrefix: "x/" }] }, { queues: [c.queue], topics: [topic] });
      const resources = [...c.resources.filter((x) => x !== c.topic && x !== c.notification), topic, first, second];
      assert.deepEqual(await messagesOf(s3DestinationEncryptionUsable, resources), [
        "aws:sqs/queue:Queue `q` receives S3 events but is encrypted with the AWS-managed key `arn:aws:kms:us-east-1:111122223333:alias/aws/sqs`, whose policy cannot grant S3, so every delivery fails. " +
          "Use SSE-SQS or a customer-managed key that grants s3.amazonaws.com. https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-key-management.html",
        "aws:sns/topic:Topic `t` receives S3 events but is encrypted with the AWS-managed key `alias/aws/sns`, whose policy cannot grant S3, so every delivery fails. " +
          "Use a customer-managed key that grants s3.amazonaws.com. https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html",
      ]);
    });

    it("accepts customer-managed keys and keys that only look alike", async () => {
      for (const key of ["alias/acme/sqs", "alias/aws/sqs-custom", "myalias/aws/sqs", 7]) {
        assert.deepEqual(await checkStack(s3DestinationEncryptionUsable, chain({ queueProps: { kmsMasterKeyId: key } }).resources), [], String(key));
      }
    });

    it("rejects a FIFO topic, and never judges a function", async () => {
      const c = chain();
      const topic = r(T.topic, "t", { fifoTopic: true });
      const fn = r(T.fn, "fn", { kmsMasterKeyId: "alias/aws/sqs", fifoQueue: true }, { role: [c.role] });
      const n = { ...c.notification, propertyDependencies: { ...c.notification.propertyDependencies, topics: [topic], lambdaFunctions: [fn] } } as PolicyResource;
      assert.deepEqual(await messagesOf(s3DestinationEncryptionUsable, [...c.resources.filter((x) => x !== c.topic && x !== c.notification && x !== c.fn), topic, fn, n]), [
        `${N} sends to FIFO aws:sns/topic:Topic \`t\`, but S3 sends only to standard queues and topics. https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html`,
      ]);
    });
  });

  describe("s3-notification-recursion", () => {
    const withRole = (extra: (role: PolicyResource) => PolicyResource[], roleProps: Record<string, unknown> = {}) => {
      const c = known({ transform: (name, props) => (name === "fn-role" ? { ...props, ...roleProps } : props) });
      return [...c.resources, ...extra(c.role)];
    };
    const writes = (statement: Record<string, unknown>) => JSON.stringify({ Statement: [{ Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::acme-uploads/*", ...statement }] });

    it("names the function, the rule, the key it may write and the fix", async () => {
      const [message] = await messagesOf(s3NotificationRecursion, withRole((role) => [r(T.rolePolicy, "write", { policy: writes({}) }, { role: [role] })]));
      assert.equal(
        message,
        "aws:lambda/function:Function `fn` is invoked by rule `jpg` of aws:s3/bucketNotification:BucketNotification `n` and its role may write `images/example.jpg` to the same bucket, " +
          "which would invoke it again, without end. Write to another bucket or a prefix the rule does not match. https://docs.aws.amazon.com/lambda/latest/dg/with-s3.html",
      );
    });

    it("reads every write action, in any case, in lists, and only what a statement allows", async () => {
      const flagged = async (statement: Record<string, unknown>) => (await checkStack(s3NotificationRecursion, withRole((role) => [r(T.rolePolicy, "write", { policy: writes(statement) }, { role: [role] })]))).length;
      assert.equal(await flagged({ Action: ["s3:GetObject", "S3:CopyObject"] }), 1);
      assert.equal(await flagged({ Action: "s3:CompleteMultipartUpload", Resource: ["arn:aws:s3:::other/*", "arn:aws:s3:::acme-uploads/images/*"] }), 1);
      assert.equal(await flagged({ Action: "s3:*" }), 1);
      assert.equal(await flagged({ Action: ["s3:GetObject", 7] }), 0);
      assert.equal(await flagged({ Resource: [7, "arn:aws:s3:::other/*"] }), 0);
      assert.equal(await flagged({ Effect: "Deny" }), 0);
    });

    it("reads the role's managed policy ARNs, inline policies and attached customer policies", async () => {
      assert.equal((await checkStack(s3NotificationRecursion, withRole(() => [], { managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3FullAccess"] }))).length, 1);
      assert.equal((await checkStack(s3NotificationRecursion, withRole(() => [], { inlinePolicies: [{ name: "w", policy: writes({}) }] }))).length, 1);
      const policy = (doc: string) => r("aws:iam/policy:Policy", "custom", { policy: doc });
      const attached = (p: PolicyResource, role: PolicyResource) => r(T.attachment, "attach", { policyArn: "arn:aws:iam::111122223333:policy/custom" }, { role: [role], policyArn: [p] });
      assert.equal((await checkStack(s3NotificationRecursion, withRole((role) => [policy(writes({})), attached(policy(writes({})), role)]))).length, 1);
      assert.deepEqual(await checkStack(s3NotificationRecursion, withRole((role) => [attached(r(T.rolePolicy, "not-a-policy", { policy: writes({}) }), role)])), []);
      assert.deepEqual(await checkStack(s3NotificationRecursion, withRole(() => [r(T.rolePolicy, "elsewhere", { policy: writes({}) }, { role: [r(T.role, "other-role", {})] })])), []);
    });

    it("judges only functions with a role of the stack that rules invoke", async () => {
      const c = known();
      const broad = r(T.attachment, "managed", { policyArn: "arn:aws:iam::aws:policy/AmazonS3FullAccess" }, { role: [c.role] });
      const noRole = r(T.fn, "fn", { name: "thumbs", arn: ARN.fn }, { role: [r(T.queue, "not-a-role", {})] });
      assert.deepEqual(await checkStack(s3NotificationRecursion, [...c.resources.filter((x) => x !== c.fn), noRole, broad]), []);
      // A queue route with a role dependency is no function's.
      const queueWithRole = r(T.queue, "q", { name: "ingest", arn: ARN.queue }, { role: [c.role] });
      const queueOnly = known({ notificationProps: { lambdaFunctions: [] } });
      assert.deepEqual(await checkStack(s3NotificationRecursion, [...queueOnly.resources.filter((x) => x.name !== "q"), queueWithRole, broad]), []);
    });

    it("waits for the bucket's name, or for which rule invokes which of several functions, and judges nothing without a bucket", async () => {
      const c = known({ literal: true, notificationProps: { bucket: UNKNOWN } });
      const broad = r(T.attachment, "managed", { policyArn: "arn:aws:iam::aws:policy/AmazonS3FullAccess" }, { role: [c.role] });
      const [unknownBucket] = await checkStack(s3NotificationRecursion, [...c.resources, broad]);
      assert.equal(unknownBucket.message, "can't run policy during preview: string value at .bucket can't be known during preview; judged at update: whether aws:lambda/function:Function `fn` writes keys that invoke it again");
      const noBucket = known({ literal: true, notificationProps: { bucket: undefined } });
      assert.deepEqual(await checkStack(s3NotificationRecursion, [...noBucket.resources, r(T.attachment, "managed", { policyArn: "arn:aws:iam::aws:policy/AmazonS3FullAccess" }, { role: [noBucket.role] })]), []);
      const d = known();
      const other = r(T.fn, "other", {}, { role: [d.role] });
      const lambdaFunctions = [{ id: "jpg", events: ["s3:ObjectCreated:*"], filterPrefix: "images/", lambdaFunctionArn: UNKNOWN }];
      const n = r(T.notification, "n", { bucket: "acme-uploads", lambdaFunctions }, { bucket: [d.bucket], lambdaFunctions: [d.fn, other] }, d.notification.dependencies);
      const [unpaired] = await checkStack(s3NotificationRecursion, [...d.resources.filter((x) => x !== d.notification), n, other, r(T.attachment, "managed", { policyArn: "arn:aws:iam::aws:policy/AmazonS3FullAccess" }, { role: [d.role] })]);
      assert.equal(
        unpaired.message,
        "can't run policy during preview: string value at .lambdaFunctionArn can't be known during preview; judged at update: which rule of aws:s3/bucketNotification:BucketNotification `n` invokes aws:lambda/function:Function `fn`; which rule of aws:s3/bucketNotification:BucketNotification `n` invokes aws:lambda/function:Function `other`",
      );
    });
  });

  describe("s3-destination-one-policy and s3-notification-one-per-bucket", () => {
    it("never counts two permissions of one function as two policies", async () => {
      const c = known();
      const second = r(T.permission, "allow-2", { principal: "s3.amazonaws.com", function: ARN.fn }, { function: [c.fn] });
      assert.deepEqual(await checkStack(s3DestinationOnePolicy, [...c.resources, second]), []);
    });

    it("names both policies of a topic, and the fix", async () => {
      const c = known({ extra: [] });
      const second = r(T.topicPolicy, "t-policy-2", { arn: ARN.topic, policy: "{}" });
      assert.deepEqual(await messagesOf(s3DestinationOnePolicy, [...c.resources, second]), [
        "aws:sns/topicPolicy:TopicPolicy `t-policy-2` and aws:sns/topicPolicy:TopicPolicy `t-policy` both set the policy of the same topic, so one silently replaces the other's grants. " +
          "Keep one policy naming every source (drop the topic's own `policy` or the separate resource). https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html",
      ]);
      assert.deepEqual(await checkStack(s3DestinationOnePolicy, known({ queueProps: { policy: null } }).resources), []);
      assert.equal((await checkStack(s3DestinationOnePolicy, known({ queueProps: { policy: { Statement: [] } } }).resources)).length, 1);
    });

    it("names both notifications of a bucket, and the fix; a notification without a bucket is judged by nothing", async () => {
      const c = known();
      const second = r(T.notification, "n2", { bucket: "acme-uploads" });
      assert.deepEqual(await messagesOf(s3NotificationOnePerBucket, [...c.resources, second]), [
        "aws:s3/bucketNotification:BucketNotification `n2` and aws:s3/bucketNotification:BucketNotification `n` configure the same bucket, so each deployment overwrites the other's rules. " +
          "Put every rule of the bucket into one notification configuration. https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketNotificationConfiguration.html",
      ]);
      assert.deepEqual(await checkStack(s3NotificationOnePerBucket, [r(T.notification, "a", {}), r(T.notification, "b", {})]), []);
      assert.deepEqual(await checkStack(s3NotificationOnePerBucket, [r(T.notification, "a", { bucket: UNKNOWN }), r(T.notification, "b", { bucket: UNKNOWN })]), []);
    });
  });
});

describe("stack policies: the edges of each verdict", () => {
  it("grant-present: waiting for another resource is not waiting for the grant", async () => {
    const c = chain();
    const waitsForOther = { ...c.notification, dependencies: [r(T.queue, "unrelated", {})] } as PolicyResource;
    assert.equal((await checkStack(s3DestinationGrantPresent, [...c.resources.filter((x) => x !== c.notification), waitsForOther])).length, 3);
  });

  it("grant-present: leaves a destination outside the stack to grant-external", async () => {
    const outside = r(T.notification, "n", { bucket: "acme-uploads", queues: [{ id: "x", queueArn: "arn:aws:sqs:us-east-1:444455556666:theirs" }] });
    assert.deepEqual(await checkStack(s3DestinationGrantPresent, [outside]), []);
  });

  it("grant-present: names every grant that refuses, and every denying statement", async () => {
    const deny = (sid: string) => ({ Sid: sid, Effect: "Deny", Principal: "*", Action: "sqs:SendMessage", Resource: ARN.queue, Condition: { ArnLike: { "aws:SourceArn": ARN.bucket } } });
    const c = known({ queuePolicy: grantFor("sqs:SendMessage", ARN.queue, ARN.bucket, [deny("A"), deny("B")]) });
    const second = r(T.queuePolicy, "q-policy-2", { queueUrl: QUEUE_URL, policy: grantFor("sqs:SendMessage", ARN.queue, "arn:aws:s3:::acme-other") }, { queueUrl: [c.queue] });
    const [v] = await checkStack(s3DestinationGrantPresent, [...c.resources, second]);
    assert.match(v.message, /\(aws:sqs\/queuePolicy:QueuePolicy `q-policy`, aws:sqs\/queuePolicy:QueuePolicy `q-policy-2`: denied by statement `A`, statement `B`\)/);
  });

  it("grant-present: names the notification's `bucket` when it is unknown during preview", async () => {
    const [v] = await checkStack(s3DestinationGrantPresent, known({ literal: true, notificationProps: { bucket: UNKNOWN } }).resources);
    assert.match(v.message, /string value at \.bucket can't be known during preview/);
  });

  it("grant-external: any dependency on a destination of the kind may be the rule's", async () => {
    const topic = r(T.topic, "t", {});
    const n = r(T.notification, "n", { topics: [{ id: "del", topicArn: UNKNOWN }] }, { topics: [topic, r(T.role, "role", {})] });
    assert.deepEqual(await checkStack(s3DestinationGrantExternal, [topic, n]), []);
  });

  it("has-dlq: reads an invoke config without a destination config, and names every bare subscription", async () => {
    for (const props of [{}, { destinationConfig: {} }, { destinationConfig: { onFailure: null } }]) {
      const c = chain({ omit: ["invoke-config"] });
      const config = r(T.invokeConfig, "async", props, { functionName: [c.fn] });
      assert.equal((await checkStack(s3DestinationHasDlq, [...c.resources, config])).length, 1, JSON.stringify(props));
    }
    const c = chain({ omit: ["sub-redrive"] });
    const second = r(T.subscription, "sub2", {}, { topic: [c.topic] });
    assert.match((await checkStack(s3DestinationHasDlq, [...c.resources, second]))[0].message, /subscriptions without a redrive policy \(`sub`, `sub2`\)/);
  });

  it("has-dlq: checks EventBridge targets when any notification turns EventBridge on, and reads any aws-native configuration", async () => {
    const rule = r(T.eventRule, "rule", { eventPattern: JSON.stringify({ source: ["aws.s3"] }) });
    const target = r(T.eventTarget, "target", {}, { rule: [rule] });
    const c = chain({ extra: [rule, target] });
    const on = r(T.notification, "n2", { bucket: "acme-other", eventbridge: true });
    assert.equal((await checkStack(s3DestinationHasDlq, [...c.resources, on])).length, 1);
    for (const notificationConfiguration of [{ queueConfigurations: [] }, null]) {
      const native = r("aws-native:s3:Bucket", "native", { bucketName: "acme-native", notificationConfiguration });
      assert.deepEqual(await checkStack(s3DestinationHasDlq, [rule, target, native]), [], JSON.stringify(notificationConfiguration));
    }
  });

  it("encryption-usable: reads only a key that is text", async () => {
    assert.deepEqual(await checkStack(s3DestinationEncryptionUsable, chain({ queueProps: { kmsMasterKeyId: ["alias/aws/sqs"] } }).resources), []);
  });

  it("recursion: follows only a role, and no rule that invokes nothing", async () => {
    const c = known();
    const notARole = r(T.queue, "not-a-role", {});
    const fn = r(T.fn, "fn", { name: "thumbs", arn: ARN.fn }, { role: [notARole] });
    const broad = r(T.attachment, "managed", { policyArn: "arn:aws:iam::aws:policy/AmazonS3FullAccess" }, { role: [notARole] });
    assert.deepEqual(await checkStack(s3NotificationRecursion, [...c.resources.filter((x) => x !== c.fn), fn, broad]), []);
    // A list of rules unknown during preview: the dependency routes have no rule, and wait for nothing.
    const d = known();
    const other = r(T.fn, "other", {}, { role: [d.role] });
    const managed = r(T.attachment, "managed", { policyArn: "arn:aws:iam::aws:policy/AmazonS3FullAccess" }, { role: [d.role] });
    for (const deps of [[d.fn], [d.fn, other]]) {
      const n = r(T.notification, "n", { bucket: UNKNOWN, lambdaFunctions: UNKNOWN }, { lambdaFunctions: deps });
      assert.deepEqual(await checkStack(s3NotificationRecursion, [...d.resources.filter((x) => x !== d.notification), n, other, managed]), [], `${deps.length} functions`);
    }
  });

  it("matches IAM wildcards, every other character literally", () => {
    assert.equal(iamPatternMatches("arn:aws:s3:::a.b/*", "arn:aws:s3:::axb/key"), false);
    assert.equal(iamPatternMatches("arn:aws:s3:::a+b/(x)", "arn:aws:s3:::a+b/(x)"), true);
    assert.equal(iamPatternMatches("arn:aws:s3:::acme?", "arn:aws:s3:::acme1"), true);
  });

  it("one-per-bucket: matches notifications by the literal bucket name when no resource names it", async () => {
    const a = r(T.notification, "a", { bucket: "acme-x" });
    assert.equal((await checkStack(s3NotificationOnePerBucket, [a, r(T.notification, "b", { bucket: "acme-x" })])).length, 1);
    assert.deepEqual(await checkStack(s3NotificationOnePerBucket, [a, r(T.notification, "b", { bucket: "acme-y" })]), []);
  });
});
