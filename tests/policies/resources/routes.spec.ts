import { strict as assert } from "assert";
import type { PolicyResource } from "@pulumi/policy";
import { isNotification, Routes, type Route } from "../../../policies/resources/routes";
import { UNKNOWN } from "../../../policies/resources/unknowns";
import { stackResource as r, UNKNOWN as SENTINEL } from "../support";

const OWNER = "111122223333";
const ARN = {
  fn: `arn:aws:lambda:us-east-1:${OWNER}:function:thumbs`,
  queue: `arn:aws:sqs:us-east-1:${OWNER}:ingest`,
  topic: `arn:aws:sns:us-east-1:${OWNER}:audit`,
};
const T = {
  notification: "aws:s3/bucketNotification:BucketNotification",
  fn: "aws:lambda/function:Function",
  queue: "aws:sqs/queue:Queue",
  topic: "aws:sns/topic:Topic",
  queuePolicy: "aws:sqs/queuePolicy:QueuePolicy",
  permission: "aws:lambda/permission:Permission",
};

/** A route as names: what it sends to and which rules send there. */
const readable = (routes: Route[]) =>
  routes.map((route) => ({ kind: route.kind, resource: route.resource?.name, ref: route.ref, rules: route.rules.map((rule) => rule.id), unpaired: route.unpaired?.map((rule) => rule.id) }));

describe("routes: where a stack's notifications send", () => {
  const fn = r(T.fn, "fn", { arn: ARN.fn, name: "thumbs", region: "us-east-1" });
  const queue = r(T.queue, "q", { arn: ARN.queue, name: "ingest", region: "us-east-1" });
  const topic = r(T.topic, "t", { arn: ARN.topic, name: "audit", region: "us-east-1" });

  it("reads notification resources and aws-native buckets with a notification configuration", () => {
    assert.equal(isNotification(r(T.notification, "n", {})), true);
    assert.equal(isNotification(r("aws-native:s3:Bucket", "b", { notificationConfiguration: {} })), true);
    assert.equal(isNotification(r("aws-native:s3:Bucket", "b", { notificationConfiguration: SENTINEL })), true);
    assert.equal(isNotification(r("aws-native:s3:Bucket", "b", { notificationConfiguration: undefined })), false);
    assert.equal(isNotification(r("aws-native:s3:Bucket", "b", {})), false);
    assert.equal(isNotification(r("aws:s3/bucket:Bucket", "b", { notificationConfiguration: {} })), false);
    const routes = new Routes([fn, r(T.notification, "n", {}), r("aws-native:s3:Bucket", "b", {})]);
    assert.deepEqual(routes.notifications().map((n) => n.name), ["n"]);
  });

  describe("routesOf", () => {
    it("follows each rule's literal ARN to the stack's destination, one route per destination", () => {
      const n = r(T.notification, "n", {
        lambdaFunctions: [{ id: "jpg", lambdaFunctionArn: ARN.fn }],
        queues: [
          { id: "csv", queueArn: ARN.queue },
          { id: "tsv", queueArn: ARN.queue },
        ],
        topics: [{ id: "del", topicArn: ARN.topic }],
      });
      const routes = new Routes([fn, queue, topic, n]);
      assert.deepEqual(readable(routes.routesOf(n)), [
        { kind: "lambda", resource: "fn", ref: { kind: "lambda", name: "thumbs", region: "us-east-1", account: OWNER, qualifier: undefined }, rules: ["jpg"], unpaired: undefined },
        { kind: "sqs", resource: "q", ref: { kind: "sqs", name: "ingest", region: "us-east-1", account: OWNER }, rules: ["csv", "tsv"], unpaired: undefined },
        { kind: "sns", resource: "t", ref: { kind: "sns", name: "audit", region: "us-east-1", account: OWNER }, rules: ["del"], unpaired: undefined },
      ]);
      assert.equal(routes.routesOf(n), routes.routesOf(n));
    });

    it("routes a rule to a destination outside the stack by its reference, and an alias apart from its function", () => {
      const n = r(T.notification, "n", {
        lambdaFunctions: [
          { id: "live", lambdaFunctionArn: `${ARN.fn}:live` },
          { id: "latest", lambdaFunctionArn: ARN.fn },
        ],
        queues: [{ id: "theirs", queueArn: "arn:aws:sqs:us-east-1:444455556666:ingest" }],
      });
      const routes = readable(new Routes([fn, queue, n]).routesOf(n));
      assert.deepEqual(
        routes.map((route) => [route.resource, route.ref?.qualifier ?? route.ref?.account, route.rules]),
        [
          ["fn", "live", ["live"]],
          ["fn", OWNER, ["latest"]],
          [undefined, "444455556666", ["theirs"]],
        ],
      );
    });

    it("takes a literal ARN matching nothing for the one destination of its kind whose name and ARN are unknown", () => {
      const unnamed = r(T.queue, "q", { arn: SENTINEL, name: SENTINEL });
      const n = r(T.notification, "n", { queues: [{ id: "csv", queueArn: ARN.queue }] }, { queues: [unnamed] });
      assert.deepEqual(readable(new Routes([unnamed, n]).routesOf(n)).map((route) => route.resource), ["q"]);
      // Not when the notification depends on two, nor when the one is named otherwise.
      const two = r(T.notification, "n", { queues: [{ id: "csv", queueArn: ARN.queue }] }, { queues: [unnamed, r(T.queue, "q2", {})] });
      assert.deepEqual(readable(new Routes([unnamed, two]).routesOf(two)).map((route) => route.resource), [undefined]);
      const oneNamed = r(T.notification, "n", { queues: [{ id: "csv", queueArn: ARN.queue }] }, { queues: [unnamed, r(T.queue, "q2", { name: "q2" })] });
      assert.deepEqual(readable(new Routes([unnamed, oneNamed]).routesOf(oneNamed)).map((route) => route.resource), [undefined]);
      const named = r(T.queue, "other", { name: "other" });
      const one = r(T.notification, "n", { queues: [{ id: "csv", queueArn: ARN.queue }] }, { queues: [named] });
      assert.deepEqual(readable(new Routes([named, one]).routesOf(one)).map((route) => route.resource), [undefined]);
      // Only a destination of the rule's kind, through the field of its kind.
      // Only dependencies on destinations count: one queue among other resources is the sole one.
      const withRole = r(T.notification, "n", { queues: [{ id: "csv", queueArn: ARN.queue }] }, { queues: [unnamed, r("aws:iam/role:Role", "role", {})] });
      assert.deepEqual(readable(new Routes([unnamed, withRole]).routesOf(withRole)).map((route) => route.resource), ["q"]);
      const wrongField = r(T.notification, "n", { queues: [{ id: "csv", queueArn: ARN.queue }] }, { topics: [unnamed] });
      assert.deepEqual(readable(new Routes([unnamed, wrongField]).routesOf(wrongField)).map((route) => route.resource), [undefined]);
      const nativeBucket = r("aws-native:s3:Bucket", "b", { notificationConfiguration: { queueConfigurations: [{ event: "s3:ObjectCreated:*", queue: ARN.queue }] } }, { notificationConfiguration: [unnamed] });
      assert.deepEqual(readable(new Routes([unnamed, nativeBucket]).routesOf(nativeBucket)).map((route) => route.resource), ["q"]);
    });

    it("sends the rules whose ARNs are unknown to the one destination of their kind the notification depends on", () => {
      const n = r(T.notification, "n", { queues: [{ id: "csv", queueArn: SENTINEL }, { id: "tsv" }] }, { queues: [queue, fn] });
      assert.deepEqual(readable(new Routes([queue, fn, n]).routesOf(n)), [{ kind: "sqs", resource: "q", ref: undefined, rules: ["csv", "tsv"], unpaired: undefined }]);
    });

    it("leaves rules with unknown ARNs unpaired among several destinations of their kind", () => {
      const other = r(T.queue, "other", {});
      const n = r(T.notification, "n", { queues: [{ id: "csv", queueArn: SENTINEL }] }, { queues: [queue, other] });
      assert.deepEqual(readable(new Routes([queue, other, n]).routesOf(n)), [
        { kind: "sqs", resource: "q", ref: undefined, rules: [], unpaired: ["csv"] },
        { kind: "sqs", resource: "other", ref: undefined, rules: [], unpaired: ["csv"] },
      ]);
    });

    it("does not add a dependency route for a destination a literal ARN already routes to", () => {
      const other = r(T.queue, "other", {});
      const n = r(T.notification, "n", { queues: [{ id: "csv", queueArn: ARN.queue }, { id: "tsv", queueArn: SENTINEL }] }, { queues: [queue, other] });
      assert.deepEqual(
        readable(new Routes([queue, other, n]).routesOf(n)).map((route) => [route.resource, route.rules, route.unpaired]),
        [
          ["q", ["csv"], undefined],
          ["other", [], ["tsv"]],
        ],
      );
    });

    it("adds no dependency route for a function an alias's rule already routes to, nor trips on a route outside the stack", () => {
      const n = r(T.notification, "n", { lambdaFunctions: [{ id: "other", lambdaFunctionArn: "arn:aws:lambda:us-east-1:444455556666:function:x" }, { id: "live", lambdaFunctionArn: `${ARN.fn}:live` }, { id: "later", lambdaFunctionArn: SENTINEL }] }, { lambdaFunctions: [fn] });
      assert.deepEqual(
        readable(new Routes([fn, n]).routesOf(n)).map((route) => [route.resource, route.ref?.qualifier, route.rules]),
        [
          [undefined, undefined, ["other"]],
          ["fn", "live", ["live"]],
        ],
      );
    });

    it("follows the dependencies when a list of rules is itself unknown, and not when every ARN is known", () => {
      const unknownList = r(T.notification, "n", { queues: SENTINEL }, { queues: [queue] });
      assert.deepEqual(readable(new Routes([queue, unknownList]).routesOf(unknownList)), [{ kind: "sqs", resource: "q", ref: undefined, rules: [], unpaired: undefined }]);
      const other = r(T.queue, "other", {});
      const knownArns = r(T.notification, "n", { queues: [{ id: "csv", queueArn: ARN.queue }] }, { queues: [queue, other] });
      assert.deepEqual(readable(new Routes([queue, other, knownArns]).routesOf(knownArns)).map((route) => route.resource), ["q"]);
    });

    it("has none for a resource that is not a notification", () => {
      const bucket = r("aws:s3/bucket:Bucket", "b", { queues: [{ id: "csv", queueArn: ARN.queue }] }, { queues: [queue] });
      const routes = new Routes([queue, bucket]);
      assert.deepEqual(routes.routesOf(bucket), []);
      assert.equal(routes.rulesOf(bucket), undefined);
    });
  });

  describe("grantsOf: the grants of a route's destination", () => {
    const policy = r(T.queuePolicy, "q-policy", {}, { queueUrl: [queue] });
    const n = r(T.notification, "n", { queues: [{ id: "csv", queueArn: ARN.queue }] });

    it("are the separate grants that target it, by dependency or literal", () => {
      const literal = r(T.queuePolicy, "literal", { queueUrl: `https://sqs.us-east-1.amazonaws.com/${OWNER}/ingest` });
      const elsewhere = r(T.queuePolicy, "elsewhere", {}, { queueUrl: [r(T.queue, "other", {})] });
      const routes = new Routes([queue, policy, literal, elsewhere, n]);
      assert.deepEqual(routes.grantsOf(routes.routesOf(n)[0]).map((g) => g.name), ["q-policy", "literal"]);
    });

    it("include the queue's own `policy` when it is set or unknown during preview", () => {
      const withPolicy = (value: unknown) => {
        const own = r(T.queue, "q", { arn: ARN.queue, policy: value });
        const routes = new Routes([own, n]);
        return routes.grantsOf(routes.routesOf(n)[0]).map((g) => g.name);
      };
      assert.deepEqual(withPolicy("{}"), ["q"]);
      assert.deepEqual(withPolicy({ Statement: [] }), ["q"]);
      assert.deepEqual(withPolicy(SENTINEL), ["q"]);
      assert.deepEqual(withPolicy(""), []);
      assert.deepEqual(withPolicy(null), []);
      assert.deepEqual(withPolicy(undefined), []);
      assert.deepEqual(withPolicy(7), []);
      // A function has no `policy` of its own that grants it.
      const fnWithPolicy = r(T.fn, "fn", { arn: ARN.fn, policy: "{}" });
      const toFn = r(T.notification, "n", { lambdaFunctions: [{ id: "jpg", lambdaFunctionArn: ARN.fn }] });
      const routes = new Routes([fnWithPolicy, toFn]);
      assert.deepEqual(routes.grantsOf(routes.routesOf(toFn)[0]), []);
    });

    it("of a function are its permissions for the same qualifier", () => {
      const live = r(T.permission, "live", { qualifier: "live" }, { function: [fn] });
      const plain = r(T.permission, "plain", {}, { function: [fn] });
      const rules = r(T.notification, "n", { lambdaFunctions: [{ id: "live", lambdaFunctionArn: `${ARN.fn}:live` }, { id: "plain", lambdaFunctionArn: ARN.fn }] });
      const routes = new Routes([fn, live, plain, rules]);
      assert.deepEqual(routes.routesOf(rules).map((route) => routes.grantsOf(route).map((g) => g.name)), [["live"], ["plain"]]);
    });

    it("of a destination outside the stack are those naming it", () => {
      const theirs = "arn:aws:sqs:us-east-1:444455556666:theirs";
      const grant = r(T.queuePolicy, "theirs-policy", { queueUrl: "https://sqs.us-east-1.amazonaws.com/444455556666/theirs" });
      const outside = r(T.notification, "n", { queues: [{ id: "x", queueArn: theirs }] });
      const routes = new Routes([grant, outside]);
      assert.deepEqual(routes.grantsOf(routes.routesOf(outside)[0]).map((g) => g.name), ["theirs-policy"]);
    });
  });

  it("keeps grants whose target is unknown during preview apart, by kind", () => {
    const unresolved = r(T.queuePolicy, "unresolved", { queueUrl: SENTINEL });
    const unresolved2 = r(T.queuePolicy, "unresolved-2", { queueUrl: SENTINEL });
    const resolved = r(T.queuePolicy, "resolved", {}, { queueUrl: [queue] });
    const permission = r(T.permission, "p", { function: SENTINEL });
    const routes = new Routes([queue, unresolved, resolved, permission, unresolved2]);
    assert.deepEqual(routes.unresolvedGrants("sqs").map((g) => g.name), ["unresolved", "unresolved-2"]);
    assert.deepEqual(routes.unresolvedGrants("lambda").map((g) => g.name), ["p"]);
    assert.deepEqual(routes.unresolvedGrants("sns"), []);
  });

  describe("arnOf: the ARN of a route's destination", () => {
    const route = (resources: PolicyResource[], n: PolicyResource) => {
      const routes = new Routes([...resources, n]);
      return routes.arnOf(routes.routesOf(n)[0]);
    };

    it("is the rule's literal ARN, with its qualifier", () => {
      assert.equal(route([fn], r(T.notification, "n", { lambdaFunctions: [{ id: "live", lambdaFunctionArn: `${ARN.fn}:live` }] })), `${ARN.fn}:live`);
      assert.equal(route([], r(T.notification, "n", { queues: [{ id: "x", queueArn: ARN.queue }] })), ARN.queue);
    });

    it("is the destination's own ARN when the rule's ARN is unknown, or says no account", () => {
      const dependsOn = (dep: PolicyResource, arn: unknown = SENTINEL) => r(T.notification, "n", { queues: [{ id: "csv", queueArn: arn }] }, { queues: [dep] });
      assert.equal(route([queue], dependsOn(queue)), ARN.queue);
      const byUrl = r(T.queue, "q", { url: `https://sqs.eu-west-1.amazonaws.com/${OWNER}/ingest`, name: "ingest" });
      assert.equal(route([byUrl], dependsOn(byUrl)), `arn:aws:sqs:eu-west-1:${OWNER}:ingest`);
      assert.equal(route([byUrl], dependsOn(byUrl, "ingest")), `arn:aws:sqs:eu-west-1:${OWNER}:ingest`);
    });

    it("is unknown while the destination's ARN or region is, and none when nothing names it", () => {
      const dependsOn = (dep: PolicyResource) => r(T.notification, "n", { queues: [{ id: "csv", queueArn: SENTINEL }], topics: [{ id: "t", topicArn: SENTINEL }] }, { queues: [dep] });
      assert.equal(route([], dependsOn(r(T.queue, "q", { arn: SENTINEL, name: "ingest" }))), UNKNOWN);
      assert.equal(route([], dependsOn(r(T.queue, "q", { name: "ingest", region: SENTINEL }))), UNKNOWN);
      assert.equal(route([], dependsOn(r(T.queue, "q", { name: "ingest" }))), undefined);
      // An ARN without a region is not the whole ARN: the region, unknown, decides.
      assert.equal(route([], dependsOn(r(T.queue, "q", { arn: `arn:aws:sqs::${OWNER}:ingest`, region: SENTINEL }))), UNKNOWN);
      const nativeTopic = r("aws-native:sns:Topic", "t", { topicArn: SENTINEL });
      const toTopic = r(T.notification, "n", { topics: [{ id: "t", topicArn: SENTINEL }] }, { topics: [nativeTopic] });
      assert.equal(route([nativeTopic], toTopic), UNKNOWN);
      const outside = r(T.notification, "n", { queues: [{ id: "x", queueArn: "ingest" }] });
      assert.equal(route([], outside), undefined);
    });
  });
});
