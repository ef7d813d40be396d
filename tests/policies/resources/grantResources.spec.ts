import { strict as assert } from "assert";
import { DestinationIndex } from "../../../policies/resources/destinations";
import { GRANT_TYPES, grantDocument, grantTargets, isInlineGrant, literalTargetArn, targetKey } from "../../../policies/resources/grantResources";
import { stackResource as r, UNKNOWN } from "../support";

const OWNER = "111122223333";
const ARN = {
  fn: `arn:aws:lambda:us-east-1:${OWNER}:function:thumbs`,
  queue: `arn:aws:sqs:us-east-1:${OWNER}:ingest`,
  topic: `arn:aws:sns:us-east-1:${OWNER}:audit`,
};
const QUEUE_URL = `https://sqs.us-east-1.amazonaws.com/${OWNER}/ingest`;

describe("grant resources", () => {
  const fn = r("aws:lambda/function:Function", "fn", { arn: ARN.fn, name: "thumbs" });
  const queue = r("aws:sqs/queue:Queue", "q", { arn: ARN.queue, url: QUEUE_URL, name: "ingest" });
  const topic = r("aws:sns/topic:Topic", "t", { arn: ARN.topic, name: "audit" });
  const destinations = new DestinationIndex([fn, queue, topic]);

  it("tells a queue's or topic's own `policy` from a separate grant resource", () => {
    assert.deepEqual(Object.keys(GRANT_TYPES).filter(isInlineGrant), ["aws:sqs/queue:Queue", "aws:sns/topic:Topic"]);
    assert.equal(isInlineGrant("aws:sqs/queuePolicy:QueuePolicy"), false);
    assert.equal(isInlineGrant("aws:s3/bucket:Bucket"), false);
  });

  describe("grantTargets: what a grant targets", () => {
    it("is the destination its target property depends on, of the grant's kind", () => {
      const policy = r("aws:sqs/queuePolicy:QueuePolicy", "p", { queueUrl: UNKNOWN }, { queueUrl: [topic, queue] });
      assert.deepEqual(grantTargets(policy, destinations), { targets: [{ resource: queue, qualifier: undefined }], unresolved: false });
      const permission = (qualifier: unknown) => grantTargets(r("aws:lambda/permission:Permission", "allow", { function: UNKNOWN, qualifier }, { function: [fn] }), destinations).targets;
      assert.deepEqual(permission("live"), [{ resource: fn, qualifier: "live" }]);
      for (const none of ["", "$LATEST", 7, UNKNOWN]) assert.deepEqual(permission(none), [{ resource: fn, qualifier: undefined }], String(none));
    });

    it("is the queue or topic a `policy` sits on", () => {
      assert.deepEqual(grantTargets(queue, destinations), { targets: [{ resource: queue }], unresolved: false });
    });

    it("is the stack's destination its literal URL, ARN or name names, or the reference itself outside the stack", () => {
      const literal = (type: string, props: Record<string, unknown>) => grantTargets(r(type, "grant", props), destinations);
      assert.deepEqual(literal("aws:sqs/queuePolicy:QueuePolicy", { queueUrl: QUEUE_URL }), { targets: [{ resource: queue, qualifier: undefined }], unresolved: false });
      assert.deepEqual(literal("aws-native:sqs:QueueInlinePolicy", { queue: QUEUE_URL }).targets, [{ resource: queue, qualifier: undefined }]);
      assert.deepEqual(literal("aws:sns/topicPolicy:TopicPolicy", { arn: ARN.topic }).targets, [{ resource: topic, qualifier: undefined }]);
      assert.deepEqual(literal("aws-native:sns:TopicInlinePolicy", { topicArn: ARN.topic }).targets, [{ resource: topic, qualifier: undefined }]);
      assert.deepEqual(literal("aws:lambda/permission:Permission", { function: "thumbs" }).targets, [{ resource: fn, qualifier: undefined }]);
      assert.deepEqual(literal("aws-native:lambda:Permission", { functionName: `${ARN.fn}:live` }).targets, [{ resource: fn, qualifier: "live" }]);
      const theirs = `arn:aws:sns:us-east-1:444455556666:audit`;
      assert.deepEqual(literal("aws:sns/topicPolicy:TopicPolicy", { arn: theirs }).targets, [{ ref: { kind: "sns", name: "audit", region: "us-east-1", account: "444455556666" } }]);
    });

    it("reads every topic of an aws-native topic policy", () => {
      const other = `arn:aws:sns:us-east-1:${OWNER}:other`;
      const { targets, unresolved } = grantTargets(r("aws-native:sns:TopicPolicy", "p", { topics: [ARN.topic, other] }), destinations);
      assert.deepEqual(targets, [{ resource: topic, qualifier: undefined }, { ref: { kind: "sns", name: "other", region: "us-east-1", account: OWNER } }]);
      assert.equal(unresolved, false);
      assert.deepEqual(grantTargets(r("aws-native:sns:TopicPolicy", "p", { topics: [] }), destinations), { targets: [], unresolved: false });
    });

    it("reads the known topics of a list with one unknown during preview, and is unresolved for the other", () => {
      const policy = r("aws-native:sns:TopicPolicy", "p", { topics: [ARN.topic, UNKNOWN] });
      assert.deepEqual(grantTargets(policy, destinations), { targets: [{ resource: topic, qualifier: undefined }], unresolved: true });
    });

    it("gives a permission's qualifier to its target; `$LATEST` or empty is the function", () => {
      const permission = (qualifier: unknown) => grantTargets(r("aws:lambda/permission:Permission", "allow", { function: ARN.fn, qualifier }), destinations).targets;
      assert.deepEqual(permission("live"), [{ resource: fn, qualifier: "live" }]);
      assert.deepEqual(permission("$LATEST"), [{ resource: fn, qualifier: undefined }]);
      assert.deepEqual(permission(""), [{ resource: fn, qualifier: undefined }]);
      assert.deepEqual(permission(UNKNOWN), [{ resource: fn, qualifier: undefined }]);
      // Only a permission has a qualifier.
      const policy = r("aws:sqs/queuePolicy:QueuePolicy", "p", { queueUrl: "ingest", qualifier: "live" });
      assert.deepEqual(grantTargets(policy, destinations).targets, [{ resource: queue, qualifier: undefined }]);
    });

    it("is unresolved while the target is unknown during preview and no dependency names it", () => {
      assert.deepEqual(grantTargets(r("aws:sqs/queuePolicy:QueuePolicy", "p", { queueUrl: UNKNOWN }), destinations), { targets: [], unresolved: true });
      assert.deepEqual(grantTargets(r("aws:lambda/permission:Permission", "p", { function: UNKNOWN }, { function: [queue] }), destinations), { targets: [], unresolved: true });
    });

    it("is nothing for a target it cannot read, or a resource that grants nothing", () => {
      assert.deepEqual(grantTargets(r("aws:sqs/queuePolicy:QueuePolicy", "p", { queueUrl: "https://example.com/ingest" }), destinations), { targets: [], unresolved: false });
      assert.deepEqual(grantTargets(r("aws:sqs/queuePolicy:QueuePolicy", "p", { queueUrl: 7 }), destinations), { targets: [], unresolved: false });
      assert.deepEqual(grantTargets(r("aws:sqs/queuePolicy:QueuePolicy", "p", {}), destinations), { targets: [], unresolved: false });
      assert.deepEqual(grantTargets(r("aws:s3/bucketPolicy:BucketPolicy", "p", { bucket: "acme" }, { bucket: [queue] }), destinations), { targets: [], unresolved: false });
    });
  });

  describe("targetKey: the key two grants of one destination share", () => {
    it("is the resource's URN and the qualifier", () => {
      assert.equal(targetKey({ resource: queue }), `${queue.urn}#`);
      assert.equal(targetKey({ resource: fn, qualifier: "live" }), `${fn.urn}#live`);
      assert.notEqual(targetKey({ resource: fn, qualifier: "live" }), targetKey({ resource: fn }));
    });

    it("is the reference's kind, account, region and name outside the stack", () => {
      assert.equal(targetKey({ ref: { kind: "sns", name: "audit", region: "us-east-1", account: OWNER } }), `sns:${OWNER}:us-east-1:audit#`);
      assert.equal(targetKey({ ref: { kind: "lambda", name: "thumbs", qualifier: "live" } }), "lambda:?:?:thumbs#live");
      assert.equal(targetKey({ ref: { kind: "lambda", name: "thumbs" }, qualifier: "1" }), "lambda:?:?:thumbs#1");
    });
  });

  describe("grantDocument: the document a grant holds", () => {
    const document = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sqs:SendMessage", Resource: "*" }] };

    it("reads each type's document property", () => {
      assert.deepEqual(grantDocument("aws:sqs/queuePolicy:QueuePolicy", { policy: JSON.stringify(document) }, ARN.fn, "wait"), document);
      assert.deepEqual(grantDocument("aws-native:sns:TopicPolicy", { policyDocument: document, policy: "{}" }, ARN.fn, "wait"), document);
      assert.equal(grantDocument("aws:sqs/queuePolicy:QueuePolicy", { policyDocument: document }, ARN.fn, "wait"), undefined);
      assert.equal(grantDocument("aws:s3/bucketPolicy:BucketPolicy", { policy: JSON.stringify(document) }, ARN.fn, "wait"), undefined);
    });

    it("writes a permission as the statement Lambda adds to the function's policy", () => {
      const props = { principal: "s3.amazonaws.com", action: "lambda:InvokeFunction", sourceArn: "arn:aws:s3:::acme", sourceAccount: OWNER, principalOrgId: "o-abc" };
      assert.deepEqual(grantDocument("aws:lambda/permission:Permission", props, ARN.fn, "wait")?.Statement, [
        {
          Effect: "Allow",
          Principal: { Service: "s3.amazonaws.com" },
          Action: "lambda:InvokeFunction",
          Resource: ARN.fn,
          Condition: { ArnLike: { "AWS:SourceArn": "arn:aws:s3:::acme" }, StringEquals: { "AWS:SourceAccount": OWNER, "aws:PrincipalOrgID": "o-abc" } },
        },
      ]);
    });

    it("stands in a value no request carries for a source unknown during preview, when asked to", () => {
      const props = r("aws:lambda/permission:Permission", "allow", { principal: "s3.amazonaws.com", sourceArn: UNKNOWN, sourceAccount: UNKNOWN, principalOrgId: UNKNOWN }).props as Record<string, unknown>;
      assert.deepEqual(grantDocument("aws:lambda/permission:Permission", props, ARN.fn, "stand-in")?.Statement[0].Condition, {
        ArnLike: { "AWS:SourceArn": "arn:aws:s3:::bucket-named-at-update" },
        StringEquals: { "AWS:SourceAccount": "000000000000", "aws:PrincipalOrgID": "o-namedatupdate" },
      });
      assert.throws(() => grantDocument("aws:lambda/permission:Permission", props, ARN.fn, "wait"), /can't be known during preview/);
      const known = { principal: "s3.amazonaws.com", sourceArn: "arn:aws:s3:::acme", sourceAccount: OWNER };
      assert.deepEqual(grantDocument("aws:lambda/permission:Permission", known, ARN.fn, "stand-in")?.Statement[0].Condition, {
        ArnLike: { "AWS:SourceArn": "arn:aws:s3:::acme" },
        StringEquals: { "AWS:SourceAccount": OWNER },
      });
    });
  });

  describe("literalTargetArn: the ARN a grant names for its target", () => {
    it("is the ARN its literal URL, ARN or first topic names, with a permission's qualifier", () => {
      assert.equal(literalTargetArn("aws:sqs/queuePolicy:QueuePolicy", { queueUrl: QUEUE_URL }), ARN.queue);
      assert.equal(literalTargetArn("aws-native:sns:TopicPolicy", { topics: [ARN.topic, "arn:aws:sns:us-east-1:111122223333:other"] }), ARN.topic);
      assert.equal(literalTargetArn("aws:lambda/permission:Permission", { function: ARN.fn, qualifier: "live" }), `${ARN.fn}:live`);
      assert.equal(literalTargetArn("aws:lambda/permission:Permission", { function: ARN.fn, qualifier: "" }), ARN.fn);
      assert.equal(literalTargetArn("aws:lambda/permission:Permission", { function: `${ARN.fn}:7` }), `${ARN.fn}:7`);
      assert.equal(literalTargetArn("aws:sqs/queuePolicy:QueuePolicy", { queueUrl: QUEUE_URL, qualifier: "live" }), ARN.queue);
    });

    it("is none when the target is unknown, not text, not a reference, or says no region and account", () => {
      const props = (values: Record<string, unknown>) => r("aws:sqs/queuePolicy:QueuePolicy", "p", values).props as Record<string, unknown>;
      assert.equal(literalTargetArn("aws:sqs/queuePolicy:QueuePolicy", props({ queueUrl: UNKNOWN })), undefined);
      assert.equal(literalTargetArn("aws-native:sns:TopicPolicy", props({ topics: [UNKNOWN] })), undefined);
      assert.equal(literalTargetArn("aws:sqs/queuePolicy:QueuePolicy", { queueUrl: 7 }), undefined);
      assert.equal(literalTargetArn("aws:sqs/queuePolicy:QueuePolicy", { queueUrl: "https://example.com/q" }), undefined);
      assert.equal(literalTargetArn("aws:lambda/permission:Permission", { function: "thumbs" }), undefined);
      assert.equal(literalTargetArn("aws:sqs/queue:Queue", { arn: ARN.queue }), undefined);
      assert.equal(literalTargetArn("aws:s3/bucketPolicy:BucketPolicy", { bucket: "acme" }), undefined);
    });
  });
});
