import { strict as assert } from "assert";
import fc from "fast-check";
import { CONFIGURABLE_EVENTS } from "../../policies/s3";
import type { PackClient, StackResource } from "../../tools/offline/packClient";
import { usePack } from "./support";

// How the engine sends values the policies must survive: unknowns during preview, and secrets.
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const secret = (value: unknown) => ({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value });

const COVERED = [
  "aws:s3/bucketNotification:BucketNotification",
  "aws-native:s3:Bucket",
  "aws:lambda/permission:Permission",
  "aws-native:lambda:Permission",
  "aws:sqs/queuePolicy:QueuePolicy",
  "aws:sns/topicPolicy:TopicPolicy",
  "aws-native:sqs:QueueInlinePolicy",
  "aws-native:sns:TopicInlinePolicy",
  "aws-native:sns:TopicPolicy",
  "aws:lambda/function:Function",
  "aws:iam/role:Role",
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  "aws:sqs/queue:Queue",
  "aws:sns/topic:Topic",
  "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
  "aws:sns/topicSubscription:TopicSubscription",
  "aws:cloudwatch/eventTarget:EventTarget",
  "aws:iam/rolePolicy:RolePolicy",
];

/** Anything JSON can carry, biased towards the shapes the policies read. */
const scalar = fc.oneof(
  fc.constant(UNKNOWN),
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    ...CONFIGURABLE_EVENTS,
    "s3:Bogus",
    "*",
    "s3.amazonaws.com",
    "arn:aws:sqs:us-east-1:1:q.fifo",
    "arn:aws:sqs:us-east-1:111122223333:q",
    "https://sqs.us-east-1.amazonaws.com/111122223333/q",
    "arn:aws:sns:us-east-1:111122223333:t",
    "arn:aws:lambda:us-east-1:111122223333:function:f:live",
    "f",
    "q",
    "arn:aws:s3:::acme",
    "arn:aws:s3:::*",
    "arn:aws:iam::aws:policy/AWSLambdaExecute",
    "111122223333",
    "alias/aws/sqs",
    "",
  ),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  any: fc.oneof({ maxDepth: 3 }, scalar, tie("array"), tie("object"), tie("secret")),
  array: fc.array(tie("any"), { maxLength: 3 }),
  object: fc.dictionary(
    fc.constantFrom(
      ...["id", "events", "event", "filterPrefix", "filterSuffix", "queueArn", "topicArn", "lambdaFunctionArn", "filter", "s3Key", "rules", "name", "value"],
      ...["Statement", "Effect", "Principal", "Condition", "Service", "AWS", "Action", "Resource", "ArnLike", "StringEquals", "aws:SourceArn", "aws:SourceAccount"],
      ...["onFailure", "arn", "queue", "function", "topic", "queueConfigurations", "lambdaConfigurations", "eventBridgeConfiguration"],
    ),
    tie("any"),
    { maxKeys: 4 },
  ),
  secret: tie("any").map(secret),
})).any;
const props = fc.dictionary(
  fc.constantFrom(
    ...["bucket", "bucketName", "region", "queues", "topics", "lambdaFunctions", "eventbridge", "notificationConfiguration"],
    ...["principal", "sourceArn", "sourceAccount", "principalOrgId", "qualifier", "function", "functionName", "action", "policy", "policyDocument"],
    ...["queueUrl", "queue", "topicArn", "arn", "url", "name", "fifoQueue", "kmsMasterKeyId", "redrivePolicy", "destinationConfig", "deadLetterConfig", "topic"],
    ...["policyArn", "managedPolicyArns", "role"],
  ),
  value,
  { maxKeys: 6 },
);
const resource = fc.record({ type: fc.constantFrom(...COVERED), name: fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/), properties: props });

describe("the policy pack under fuzzing", function () {
  this.timeout(120_000);
  // Every policy on, every limit set, so every code path runs.
  const started = usePack({
    "s3-notification-not-overly-broad": { minPrefixLength: 3, maxEventTypes: 2, allowedEvents: ["s3:ObjectCreated:*"], exemptBuckets: ["x"] },
  });
  let pack: PackClient;
  before(() => {
    pack = started.pack();
  });

  it("never throws on thousands of random resources with unknowns, secrets and wrong types", async () => {
    await fc.assert(
      fc.asyncProperty(resource, async (r) => {
        const urn = `urn:pulumi:fuzz::app::${r.type}::${r.name}`;
        // A policy that throws makes the whole call fail; rejections fail the property.
        await pack.analyze({ urn, type: r.type, name: r.name, properties: r.properties });
      }),
      { numRuns: 2_000 },
    );
  });

  it("never throws on random stacks wired with random dependencies", async () => {
    const stack = fc.array(resource, { minLength: 1, maxLength: 12 }).chain((rs) =>
      fc.tuple(
        fc.constant(rs),
        fc.array(fc.tuple(fc.nat(rs.length - 1), fc.constantFrom("bucket", "queues", "topics", "lambdaFunctions", "notificationConfiguration", "queueUrl", "queue", "topicArn", "topics", "arn", "function", "functionName", "redrivePolicy", "topic", "rule", "role", "policyArn"), fc.nat(rs.length - 1)), { maxLength: 20 }),
      ),
    );
    await fc.assert(
      fc.asyncProperty(stack, async ([rs, edges]) => {
        const resources: StackResource[] = rs.map((r, i) => ({ urn: `urn:pulumi:fuzz::app::${r.type}::r${i}`, type: r.type, name: `r${i}`, properties: r.properties }));
        const deps = resources.map(() => ({} as Record<string, string[]>));
        for (const [from, property, to] of edges) (deps[from][property] ??= []).push(resources[to].urn);
        await pack.analyzeStack(resources.map((r, i) => ({ ...r, propertyDependencies: deps[i], dependencies: Object.values(deps[i]).flat() })));
      }),
      { numRuns: 300 },
    );
  });

  it("keeps a compliant chain clean, whatever its prefixes, suffixes and events", async () => {
    await pack.configure(started.policies()); // the defaults an org starts from
    const family = fc.constantFrom("s3:ObjectCreated", "s3:ObjectRemoved", "s3:ObjectRestore", "s3:ObjectTagging");
    const rules = fc.uniqueArray(fc.stringMatching(/^[a-z]{3,8}$/), { minLength: 1, maxLength: 5 }).chain((prefixes) =>
      fc.tuple(fc.constant(prefixes), fc.array(family, { minLength: prefixes.length, maxLength: prefixes.length }), fc.array(fc.constantFrom("", ".csv", ".jpg"), { minLength: prefixes.length, maxLength: prefixes.length })),
    );
    await fc.assert(
      fc.asyncProperty(rules, fc.boolean(), async ([prefixes, families, suffixes], preview) => {
        const q = (name: string) => `urn:pulumi:fuzz::app::aws:sqs/queue:Queue::${name}`;
        const queueArn = preview ? UNKNOWN : "arn:aws:sqs:us-east-1:111122223333:jobs";
        const notification: StackResource = {
          urn: "urn:pulumi:fuzz::app::aws:s3/bucketNotification:BucketNotification::n",
          type: "aws:s3/bucketNotification:BucketNotification",
          name: "n",
          properties: {
            bucket: preview ? UNKNOWN : "acme",
            region: "us-east-1",
            // Disjoint prefixes (none starts with another: same length or distinct letters) keep rules apart.
            queues: prefixes.map((p, i) => ({ id: `r${i}`, events: [`${families[i]}:*`], filterPrefix: `${p}/`, filterSuffix: suffixes[i] || undefined, queueArn })),
          },
          propertyDependencies: { bucket: ["urn:pulumi:fuzz::app::aws:s3/bucket:Bucket::b"], queues: [q("jobs")] },
          dependencies: [q("jobs"), "urn:pulumi:fuzz::app::aws:sqs/queuePolicy:QueuePolicy::p"],
        };
        const grant = {
          Version: "2012-10-17",
          Statement: [
            { Sid: "S3", Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sqs:SendMessage", Resource: queueArn, Condition: { ArnLike: { "aws:SourceArn": "arn:aws:s3:::acme" }, StringEquals: { "aws:SourceAccount": "111122223333" } } },
            { Sid: "TLS", Effect: "Deny", Principal: "*", Action: "sqs:*", Resource: queueArn, Condition: { Bool: { "aws:SecureTransport": "false" } } },
          ],
        };
        const stack: StackResource[] = [
          { urn: "urn:pulumi:fuzz::app::aws:s3/bucket:Bucket::b", type: "aws:s3/bucket:Bucket", name: "b", properties: { bucket: "acme" } },
          { urn: q("dlq"), type: "aws:sqs/queue:Queue", name: "dlq", properties: { messageRetentionSeconds: 1_209_600 } },
          {
            urn: q("jobs"),
            type: "aws:sqs/queue:Queue",
            name: "jobs",
            properties: preview
              ? { messageRetentionSeconds: 345_600, redrivePolicy: UNKNOWN, arn: UNKNOWN, url: UNKNOWN }
              : { messageRetentionSeconds: 345_600, redrivePolicy: UNKNOWN, name: "jobs", arn: queueArn, url: "https://sqs.us-east-1.amazonaws.com/111122223333/jobs", region: "us-east-1" },
            propertyDependencies: { redrivePolicy: [q("dlq")] },
          },
          ...(["dlq", "jobs"] as const).map((queue) => ({
            urn: `urn:pulumi:fuzz::app::aws:cloudwatch/metricAlarm:MetricAlarm::${queue}-alarm`,
            type: "aws:cloudwatch/metricAlarm:MetricAlarm",
            name: `${queue}-alarm`,
            properties: {
              metricName: queue === "dlq" ? "ApproximateNumberOfMessagesVisible" : "ApproximateAgeOfOldestMessage",
              period: 60,
              evaluationPeriods: 1,
              threshold: queue === "dlq" ? 0 : 3_600,
              comparisonOperator: "GreaterThanThreshold",
            },
            propertyDependencies: { dimensions: [q(queue)] },
          })),
          // At update the grant is found and evaluated; in a preview it is unknown and judged at update.
          { urn: "urn:pulumi:fuzz::app::aws:sqs/queuePolicy:QueuePolicy::p", type: "aws:sqs/queuePolicy:QueuePolicy", name: "p", properties: { queueUrl: preview ? UNKNOWN : "https://sqs.us-east-1.amazonaws.com/111122223333/jobs", policy: preview ? UNKNOWN : JSON.stringify(grant) }, propertyDependencies: { queueUrl: [q("jobs")] } },
          notification,
        ];
        const diagnostics = [...(await Promise.all(stack.map((r) => pack.analyze(r)))).flat(), ...(await pack.analyzeStack(stack))];
        const mandatory = diagnostics.filter((d) => d.level === "mandatory");
        assert.deepEqual(mandatory, []);
        if (!preview) assert.deepEqual(diagnostics, []);
      }),
      { numRuns: 200 },
    );
  });
});
