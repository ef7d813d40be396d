import { strict as assert } from "assert";
import {
  s3DestinationCompatible,
  s3NotificationFilterLiteral,
  s3NotificationFilterRequired,
  s3NotificationNoOverlap,
  s3NotificationNotOverlyBroad,
  s3NotificationValidEventsAndFilters,
} from "../../../policies/rules/notificationPolicies";
import { checkResource } from "../support";

const NOTIFICATION = "aws:s3/bucketNotification:BucketNotification";
const NATIVE = "aws-native:s3:Bucket";
const queueArn = "arn:aws:sqs:us-east-1:111122223333:ingest";
const csv = { id: "csv", events: ["s3:ObjectCreated:Put"], filterPrefix: "incoming/", filterSuffix: ".csv", queueArn };
const ok = { bucket: "acme", region: "us-east-1", queues: [csv] };
const with_ = (entry: Record<string, unknown>) => ({ ...ok, queues: [{ ...csv, ...entry }] });
const native = (config: Record<string, unknown>) => ({ bucketName: "acme", notificationConfiguration: { queueConfigurations: [{ event: "s3:ObjectCreated:Put", queue: queueArn, ...config }] } });
const nativeFilter = (...rules: { name: string; value: string }[]) => ({ filter: { s3Key: { rules } } });

const all = [
  s3NotificationFilterRequired,
  s3NotificationNotOverlyBroad,
  s3NotificationNoOverlap,
  s3NotificationValidEventsAndFilters,
  s3NotificationFilterLiteral,
  s3DestinationCompatible,
];

describe("notification policies", () => {
  it("find nothing wrong with a filtered, valid, unambiguous notification, in either library", () => {
    for (const policy of all) {
      assert.deepEqual(checkResource(policy, NOTIFICATION, ok, { minPrefixLength: 3, maxEventTypes: 2 }), [], policy.name);
      assert.deepEqual(checkResource(policy, NATIVE, native(nativeFilter({ name: "Prefix", value: "incoming/" }))), [], policy.name);
    }
  });

  it("ignore other resource types", () => {
    for (const policy of all) assert.deepEqual(checkResource(policy, "aws:sqs/queue:Queue", { queues: [{}] }), []);
  });

  describe("s3-notification-filter-required", () => {
    it("rejects a rule without prefix or suffix, and an empty one, in both libraries", () => {
      assert.equal(checkResource(s3NotificationFilterRequired, NOTIFICATION, with_({ filterPrefix: undefined, filterSuffix: undefined })).length, 1);
      assert.equal(checkResource(s3NotificationFilterRequired, NOTIFICATION, with_({ filterPrefix: "", filterSuffix: "" })).length, 1);
      const [v] = checkResource(s3NotificationFilterRequired, NATIVE, native({}));
      assert.match(v.message, /aws-native:s3:Bucket `subject`, rule `notificationConfiguration\.queueConfigurations\[0\]`.* must have a prefix or suffix filter/);
    });
  });

  describe("s3-notification-not-overly-broad", () => {
    it("rejects a whole family with no prefix, even with a suffix", () => {
      const [v] = checkResource(s3NotificationNotOverlyBroad, NOTIFICATION, with_({ filterPrefix: undefined, events: ["s3:ObjectCreated:*"] }));
      assert.match(v.message, /subscribes to the whole `s3:ObjectCreated:\*` family with no prefix/);
    });

    it("checks limits only when configured: the engine, not the SDK, fills schema defaults", () => {
      const short = with_({ filterPrefix: "i" });
      assert.deepEqual(checkResource(s3NotificationNotOverlyBroad, NOTIFICATION, short, undefined), []);
      assert.match(checkResource(s3NotificationNotOverlyBroad, NOTIFICATION, short, { minPrefixLength: 2 })[0].message, /shorter than the 2 characters required/);
      const many = with_({ events: ["s3:ObjectCreated:Put", "s3:ObjectCreated:Post", "s3:ObjectCreated:Copy"] });
      assert.match(checkResource(s3NotificationNotOverlyBroad, NOTIFICATION, many, { maxEventTypes: 2 })[0].message, /lists 3 event types, more than the 2 allowed/);
      assert.match(
        checkResource(s3NotificationNotOverlyBroad, NOTIFICATION, with_({ events: ["s3:ObjectRemoved:*"] }), { allowedEvents: ["s3:ObjectCreated:*"] })[0].message,
        /uses `s3:ObjectRemoved:\*`, not among the allowed events/,
      );
    });

    it("exempts buckets by bucket name or resource name", () => {
      const open = with_({ filterPrefix: undefined, filterSuffix: undefined });
      assert.deepEqual(checkResource(s3NotificationNotOverlyBroad, NOTIFICATION, open, { exemptBuckets: ["acme"] }), []);
      assert.deepEqual(checkResource(s3NotificationNotOverlyBroad, NOTIFICATION, open, { exemptBuckets: ["subject"] }), []);
      assert.equal(checkResource(s3NotificationNotOverlyBroad, NOTIFICATION, open, { exemptBuckets: ["other"] }).length, 1);
    });
  });

  describe("s3-notification-no-overlap", () => {
    it("rejects overlapping rules across destination types, naming both and a key", () => {
      const props = { ...ok, topics: [{ id: "all-incoming", events: ["s3:ObjectCreated:*"], filterPrefix: "incoming/", topicArn: "arn:aws:sns:us-east-1:1:t" }] };
      const [v] = checkResource(s3NotificationNoOverlap, NOTIFICATION, props);
      assert.match(v.message, /rules `csv` \(queues\[0\]\) and `all-incoming` \(topics\[0\]\) must not overlap.*`s3:ObjectCreated:Put` and key `incoming\/example\.csv`/);
    });

    it("accepts disjoint suffixes", () => {
      const props = { ...ok, topics: [{ id: "tsv", events: ["s3:ObjectCreated:*"], filterPrefix: "incoming/", filterSuffix: ".tsv", topicArn: "arn:aws:sns:us-east-1:1:t" }] };
      assert.deepEqual(checkResource(s3NotificationNoOverlap, NOTIFICATION, props), []);
    });
  });

  describe("s3-notification-valid-events-and-filters", () => {
    it("rejects unknown and unconfigurable events, and an empty list", () => {
      const messages = checkResource(s3NotificationValidEventsAndFilters, NOTIFICATION, with_({ events: ["s3:ObjectCreated:Putt", "s3:TestEvent"] })).map((v) => v.message);
      assert.equal(messages.length, 2);
      assert.match(messages[0], /did you mean `s3:ObjectCreated:Put`\?/);
      assert.match(messages[1], /`s3:TestEvent` cannot be configured/);
      assert.match(checkResource(s3NotificationValidEventsAndFilters, NOTIFICATION, with_({ events: [] }))[0].message, /must list at least one event/);
    });

    it("rejects two prefixes and an over-long value (aws-native lists filter rules)", () => {
      const two = native(nativeFilter({ name: "prefix", value: "a/" }, { name: "Prefix", value: "b/" }));
      assert.match(checkResource(s3NotificationValidEventsAndFilters, NATIVE, two)[0].message, /only one prefix rule/);
      assert.match(checkResource(s3NotificationValidEventsAndFilters, NOTIFICATION, with_({ filterSuffix: "x".repeat(1025) }))[0].message, /1025 characters long/);
    });
  });

  describe("s3-notification-filter-literal (advisory)", () => {
    it("flags a glob and an unencoded space, and nothing S3 would match as written", () => {
      assert.match(checkResource(s3NotificationFilterLiteral, NOTIFICATION, with_({ filterPrefix: "incoming/*" }))[0].message, /no wildcards/);
      assert.match(checkResource(s3NotificationFilterLiteral, NOTIFICATION, with_({ filterPrefix: "in coming/" }))[0].message, /use `in\+coming\/`/);
      assert.deepEqual(checkResource(s3NotificationFilterLiteral, NOTIFICATION, with_({ filterPrefix: "in+coming/" })), []);
    });
  });

  describe("s3-destination-compatible", () => {
    it("rejects a FIFO queue and a destination in another region", () => {
      assert.match(checkResource(s3DestinationCompatible, NOTIFICATION, with_({ queueArn: `${queueArn}.fifo` }))[0].message, /must not target FIFO queue/);
      assert.match(
        checkResource(s3DestinationCompatible, NOTIFICATION, with_({ queueArn: "arn:aws:sqs:eu-west-1:111122223333:ingest" }))[0].message,
        /must target a destination in us-east-1, the bucket's region, not eu-west-1/,
      );
      assert.match(checkResource(s3DestinationCompatible, NATIVE, native({ ...nativeFilter({ name: "suffix", value: ".csv" }), queue: `${queueArn}.fifo` }))[0].message, /FIFO queue/);
    });
  });

  it("never throws on wrong types", () => {
    const weird = [null, 42, "x", [], [null], [{ events: "s3:ObjectCreated:Put", filterPrefix: 7 }], { queues: {} }];
    for (const policy of all) {
      for (const value of weird) {
        checkResource(policy, NOTIFICATION, { queues: value, topics: value, lambdaFunctions: value });
        checkResource(policy, NATIVE, { notificationConfiguration: { queueConfigurations: value } });
      }
    }
  });
});
