import type { PolicyResource } from "@pulumi/policy";
import { strict as assert } from "assert";
import { NATIVE_RULE, s3EventTargets, type S3EventTarget } from "../../../policies/resources/eventTargets";
import { UNKNOWN as UNKNOWN_VALUE } from "../../../policies/resources/unknowns";
import { stackResource as r, UNKNOWN } from "../support";

const T = {
  notification: "aws:s3/bucketNotification:BucketNotification",
  eventRule: "aws:cloudwatch/eventRule:EventRule",
  eventTarget: "aws:cloudwatch/eventTarget:EventTarget",
  queue: "aws:sqs/queue:Queue",
  nativeQueue: "aws-native:sqs:Queue",
  nativeTopic: "aws-native:sns:Topic",
  fn: "aws:lambda/function:Function",
};
const S3_PATTERN = { source: ["aws.s3"], detail: { bucket: { name: ["acme"] } } };
const on = r(T.notification, "n", { bucket: "acme", eventbridge: true });
const off = r(T.notification, "n", { bucket: "acme", eventbridge: false });
const QUEUE_ARN = "arn:aws:sqs:us-east-1:111122223333:jobs";

/** What a verdict reads of each target, by name. */
const read = (targets: S3EventTarget[]) =>
  targets.map((t) => ({ reportedOn: t.target.name, rule: t.rule.name, label: t.label, arn: t.arn, arnDependencies: t.arnDependencies.map((d) => d.name), deadLettered: t.deadLettered }));

describe("the EventBridge targets of S3 events", () => {
  describe("an aws.cloudwatch.EventTarget", () => {
    const rule = r(T.eventRule, "rule", { eventPattern: JSON.stringify(S3_PATTERN) });
    const target = (props: Record<string, unknown> = {}, deps: Record<string, PolicyResource[]> = {}) => r(T.eventTarget, "t", { arn: QUEUE_ARN, ...props }, { rule: [rule], ...deps });

    it("is read with its rule, ARN, the resources the ARN was built from, and its dead-letter config", () => {
      const jobs = r(T.queue, "jobs", {});
      const dlq = r(T.queue, "dlq", {});
      assert.deepEqual(read(s3EventTargets([on, rule, target({}, { arn: [jobs], deadLetterConfig: [dlq] })], [on])), [
        { reportedOn: "t", rule: "rule", label: "aws:cloudwatch/eventTarget:EventTarget `t`", arn: QUEUE_ARN, arnDependencies: ["jobs"], deadLettered: true },
      ]);
      assert.deepEqual(read(s3EventTargets([on, rule, target({ arn: UNKNOWN })], [on])).map((t) => [t.arn, t.arnDependencies]), [[UNKNOWN_VALUE, []]]);
    });

    it("is dead-lettered by a queue dependency, a literal ARN or one unknown during preview; not by an empty or absent one", () => {
      const deadLettered = (props: Record<string, unknown>, deps: Record<string, PolicyResource[]> = {}) => s3EventTargets([on, rule, target(props, deps)], [on])[0].deadLettered;
      assert.equal(deadLettered({}, { deadLetterConfig: [r(T.nativeQueue, "q", {})] }), true);
      assert.equal(deadLettered({}, { deadLetterConfig: [r(T.fn, "not-a-queue", {})] }), false);
      assert.equal(deadLettered({ deadLetterConfig: { arn: QUEUE_ARN } }), true);
      assert.equal(deadLettered({ deadLetterConfig: { arn: UNKNOWN } }), true);
      assert.equal(deadLettered({ deadLetterConfig: UNKNOWN }), true);
      for (const config of [{ arn: "" }, { arn: null }, {}, null, undefined]) assert.equal(deadLettered({ deadLetterConfig: config }), false, JSON.stringify(config));
    });

    it("is S3's only when its rule matches source aws.s3 and a notification turns EventBridge on", () => {
      const ec2 = r(T.eventRule, "ec2", { eventPattern: JSON.stringify({ source: ["aws.ec2"] }) });
      const unread = r(T.eventRule, "unread", { eventPattern: UNKNOWN });
      assert.deepEqual(s3EventTargets([on, ec2, r(T.eventTarget, "t", {}, { rule: [ec2] })], [on]), []);
      assert.deepEqual(s3EventTargets([on, unread, r(T.eventTarget, "t", {}, { rule: [unread] })], [on]), []);
      assert.deepEqual(s3EventTargets([on, r(T.eventTarget, "orphan", {}, { rule: [r(T.queue, "not-a-rule", {})] })], [on]), []);
      assert.deepEqual(s3EventTargets([off, rule, target()], [off]), []);
    });
  });

  describe("an aws-native rule's inline targets", () => {
    const nativeRule = (targets: unknown, deps: PolicyResource[] = [], eventPattern: unknown = S3_PATTERN) => r(NATIVE_RULE, "docs", { eventPattern, targets }, { targets: deps });

    it("are each read, reported on the rule and named by their id; a pattern may be an object or a JSON string", () => {
      const jobs = r(T.queue, "jobs", { arn: QUEUE_ARN });
      for (const pattern of [S3_PATTERN, JSON.stringify(S3_PATTERN)]) {
        assert.deepEqual(read(s3EventTargets([on, nativeRule([{ id: "index", arn: QUEUE_ARN, deadLetterConfig: { arn: `${QUEUE_ARN}-dlq` } }], [jobs], pattern)], [on])), [
          { reportedOn: "docs", rule: "docs", label: "aws-native:events:Rule `docs`, target `index`", arn: QUEUE_ARN, arnDependencies: ["jobs"], deadLettered: true },
        ]);
      }
      const noDependencies = r(NATIVE_RULE, "docs", { eventPattern: S3_PATTERN, targets: [{ arn: QUEUE_ARN }] });
      assert.deepEqual(read(s3EventTargets([on, noDependencies], [on])).map((t) => [t.label, t.arnDependencies, t.deadLettered]), [["aws-native:events:Rule `docs`, target `?`", [], false]]);
      assert.deepEqual(read(s3EventTargets([on, nativeRule([{ id: "index", deadLetterConfig: UNKNOWN }])], [on])).map((t) => t.deadLettered), [true]);
    });

    it("take a dependency as an entry's target by its ARN, never the entry's dead-letter queue, whose dependency the engine lists beside it", () => {
      const indexer = r(T.fn, "indexer", { arn: "arn:aws:lambda:us-east-1:111122223333:function:indexer" });
      const dlq = r(T.queue, "docs-dlq", { arn: `${QUEUE_ARN}-dlq` });
      const entry = { id: "index", arn: "arn:aws:lambda:us-east-1:111122223333:function:indexer", deadLetterConfig: { arn: `${QUEUE_ARN}-dlq` } };
      assert.deepEqual(read(s3EventTargets([on, nativeRule([entry], [dlq, indexer])], [on])).map((t) => t.arnDependencies), [["indexer"]]);
      // A first preview: both ARNs unknown, so neither dependency can be told the target.
      const firstPreview = nativeRule([{ id: "index", arn: UNKNOWN, deadLetterConfig: { arn: UNKNOWN } }], [dlq, indexer]);
      assert.deepEqual(read(s3EventTargets([on, firstPreview], [on])).map((t) => t.arnDependencies), [[]]);
    });

    it("take a dependency as an entry's when its ARN is the entry's, or, with the ARN unknown, when it is the one target's one dependency", () => {
      const jobs = r(T.queue, "jobs", { arn: QUEUE_ARN });
      const feed = r(T.nativeTopic, "feed", { topicArn: "arn:aws:sns:us-east-1:111122223333:feed" });
      const pending = r(T.queue, "pending", {});
      const targets = [{ id: "q", arn: QUEUE_ARN }, { id: "t", arn: "arn:aws:sns:us-east-1:111122223333:feed" }, { id: "unknown", arn: UNKNOWN }, { id: "none" }];
      assert.deepEqual(
        read(s3EventTargets([on, nativeRule(targets, [pending, feed, jobs])], [on])).map((t) => [t.label.split("target ")[1], t.arnDependencies]),
        [["`q`", ["jobs"]], ["`t`", ["feed"]], ["`unknown`", []], ["`none`", []]],
      );
      assert.deepEqual(read(s3EventTargets([on, nativeRule([{ id: "only", arn: UNKNOWN }], [pending])], [on])).map((t) => t.arnDependencies), [["pending"]]);
      // Two targets with unknown ARNs and one dependency: it may be either's.
      const two = nativeRule([{ id: "a", arn: UNKNOWN }, { id: "b", arn: UNKNOWN }], [pending]);
      assert.deepEqual(read(s3EventTargets([on, two], [on])).map((t) => t.arnDependencies), [[], []]);
    });

    it("are none when the targets are unknown during preview, skip entries that are not objects, and are S3's only for an S3 pattern", () => {
      assert.deepEqual(s3EventTargets([on, nativeRule(UNKNOWN)], [on]), []);
      assert.deepEqual(s3EventTargets([on, nativeRule([null, "x", { id: "index" }])], [on]).map((t) => t.label), ["aws-native:events:Rule `docs`, target `index`"]);
      assert.deepEqual(s3EventTargets([on, nativeRule([{ id: "index" }], [], { source: ["aws.ec2"] })], [on]), []);
      assert.deepEqual(s3EventTargets([off, nativeRule([{ id: "index" }])], [off]), []);
      assert.deepEqual(s3EventTargets([on, r("aws-native:events:Archive", "a", { eventPattern: S3_PATTERN, targets: [{ id: "x" }] })], [on]), []);
    });
  });
});
