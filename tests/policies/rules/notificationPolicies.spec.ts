import { strict as assert } from "assert";
import {
  s3DestinationCompatible,
  s3NotificationFilterLiteral,
  s3NotificationFilterRequired,
  s3NotificationNoOverlap,
  s3NotificationNotOverlyBroad,
  s3NotificationValidEventsAndFilters,
} from "../../../policies/rules/notificationPolicies";
import { checkResource, UNKNOWN } from "../support";

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
  it("find nothing wrong with a filtered, valid, unambiguous notification, in either library", async () => {
    for (const policy of all) {
      assert.deepEqual(await checkResource(policy, NOTIFICATION, ok, { minPrefixLength: 3, maxEventTypes: 2 }), [], policy.name);
      assert.deepEqual(await checkResource(policy, NATIVE, native(nativeFilter({ name: "Prefix", value: "incoming/" }))), [], policy.name);
    }
  });

  it("ignore other resource types", async () => {
    for (const policy of all) assert.deepEqual(await checkResource(policy, "aws:sqs/queue:Queue", { queues: [{}] }), []);
  });

  describe("s3-notification-filter-required", () => {
    it("rejects a rule without prefix or suffix, and an empty one, in both libraries", async () => {
      assert.equal((await checkResource(s3NotificationFilterRequired, NOTIFICATION, with_({ filterPrefix: undefined, filterSuffix: undefined }))).length, 1);
      assert.equal((await checkResource(s3NotificationFilterRequired, NOTIFICATION, with_({ filterPrefix: "", filterSuffix: "" }))).length, 1);
      const [v] = await checkResource(s3NotificationFilterRequired, NATIVE, native({}));
      assert.match(v.message, /aws-native:s3:Bucket `subject`, rule `notificationConfiguration\.queueConfigurations\[0\]`.* must have a prefix or suffix filter/);
    });
  });

  describe("s3-notification-not-overly-broad", () => {
    it("rejects a whole family with no prefix, even with a suffix", async () => {
      const [v] = await checkResource(s3NotificationNotOverlyBroad, NOTIFICATION, with_({ filterPrefix: undefined, events: ["s3:ObjectCreated:*"] }));
      assert.match(v.message, /subscribes to the whole `s3:ObjectCreated:\*` family with no prefix/);
    });

    it("checks limits only when configured: the engine, not the SDK, fills schema defaults", async () => {
      const short = with_({ filterPrefix: "i" });
      assert.deepEqual(await checkResource(s3NotificationNotOverlyBroad, NOTIFICATION, short, undefined), []);
      assert.match((await checkResource(s3NotificationNotOverlyBroad, NOTIFICATION, short, { minPrefixLength: 2 }))[0].message, /shorter than the 2 characters required/);
      const many = with_({ events: ["s3:ObjectCreated:Put", "s3:ObjectCreated:Post", "s3:ObjectCreated:Copy"] });
      assert.match((await checkResource(s3NotificationNotOverlyBroad, NOTIFICATION, many, { maxEventTypes: 2 }))[0].message, /lists 3 event types, more than the 2 allowed/);
      assert.match(
        (await checkResource(s3NotificationNotOverlyBroad, NOTIFICATION, with_({ events: ["s3:ObjectRemoved:*"] }), { allowedEvents: ["s3:ObjectCreated:*"] }))[0].message,
        /uses `s3:ObjectRemoved:\*`, not among the allowed events/,
      );
    });

    it("exempts buckets by bucket name or resource name", async () => {
      const open = with_({ filterPrefix: undefined, events: ["s3:ObjectCreated:*"] });
      assert.deepEqual(await checkResource(s3NotificationNotOverlyBroad, NOTIFICATION, open, { exemptBuckets: ["acme"] }), []);
      assert.deepEqual(await checkResource(s3NotificationNotOverlyBroad, NOTIFICATION, open, { exemptBuckets: ["subject"] }), []);
      assert.equal((await checkResource(s3NotificationNotOverlyBroad, NOTIFICATION, open, { exemptBuckets: ["other"] })).length, 1);
    });
  });

  describe("s3-notification-no-overlap", () => {
    it("rejects overlapping rules across destination types, naming both and a key", async () => {
      const props = { ...ok, topics: [{ id: "all-incoming", events: ["s3:ObjectCreated:*"], filterPrefix: "incoming/", topicArn: "arn:aws:sns:us-east-1:1:t" }] };
      const [v] = await checkResource(s3NotificationNoOverlap, NOTIFICATION, props);
      assert.match(v.message, /rules `csv` \(queues\[0\]\) and `all-incoming` \(topics\[0\]\) must not overlap.*`s3:ObjectCreated:Put` and key `incoming\/example\.csv`/);
    });

    it("accepts disjoint suffixes", async () => {
      const props = { ...ok, topics: [{ id: "tsv", events: ["s3:ObjectCreated:*"], filterPrefix: "incoming/", filterSuffix: ".tsv", topicArn: "arn:aws:sns:us-east-1:1:t" }] };
      assert.deepEqual(await checkResource(s3NotificationNoOverlap, NOTIFICATION, props), []);
    });
  });

  describe("s3-notification-valid-events-and-filters", () => {
    it("rejects unknown and unconfigurable events, and an empty list", async () => {
      const messages = (await checkResource(s3NotificationValidEventsAndFilters, NOTIFICATION, with_({ events: ["s3:ObjectCreated:Putt", "s3:TestEvent"] }))).map((v) => v.message);
      assert.equal(messages.length, 2);
      assert.match(messages[0], /did you mean `s3:ObjectCreated:Put`\?/);
      assert.match(messages[1], /`s3:TestEvent` cannot be configured/);
      assert.match((await checkResource(s3NotificationValidEventsAndFilters, NOTIFICATION, with_({ events: [] })))[0].message, /must list at least one event/);
    });

    it("rejects two prefixes and an over-long value (aws-native lists filter rules)", async () => {
      const two = native(nativeFilter({ name: "prefix", value: "a/" }, { name: "Prefix", value: "b/" }));
      assert.match((await checkResource(s3NotificationValidEventsAndFilters, NATIVE, two))[0].message, /only one prefix rule/);
      assert.match((await checkResource(s3NotificationValidEventsAndFilters, NOTIFICATION, with_({ filterSuffix: "x".repeat(1025) })))[0].message, /1025 characters long/);
    });
  });

  describe("s3-notification-filter-literal (advisory)", () => {
    it("flags a glob and an unencoded space, and nothing S3 would match as written", async () => {
      assert.match((await checkResource(s3NotificationFilterLiteral, NOTIFICATION, with_({ filterPrefix: "incoming/*" })))[0].message, /no wildcards/);
      assert.match((await checkResource(s3NotificationFilterLiteral, NOTIFICATION, with_({ filterPrefix: "in coming/" })))[0].message, /use `in\+coming\/`/);
      assert.deepEqual(await checkResource(s3NotificationFilterLiteral, NOTIFICATION, with_({ filterPrefix: "in+coming/" })), []);
    });
  });

  describe("s3-destination-compatible", () => {
    it("rejects a FIFO queue and a destination in another region", async () => {
      assert.match((await checkResource(s3DestinationCompatible, NOTIFICATION, with_({ queueArn: `${queueArn}.fifo` })))[0].message, /must not target FIFO queue/);
      assert.match(
        (await checkResource(s3DestinationCompatible, NOTIFICATION, with_({ queueArn: "arn:aws:sqs:eu-west-1:111122223333:ingest" })))[0].message,
        /must target a queue in us-east-1, the bucket's region, not eu-west-1/,
      );
      assert.match((await checkResource(s3DestinationCompatible, NATIVE, native({ ...nativeFilter({ name: "suffix", value: ".csv" }), queue: `${queueArn}.fifo` })))[0].message, /FIFO queue/);
    });
  });

  describe("s3-destination-compatible: regions", () => {
    const fn = { id: "jpg", events: ["s3:ObjectCreated:*"], filterPrefix: "images/", lambdaFunctionArn: "arn:aws:lambda:us-east-1:111122223333:function:thumbs" };
    const provider = (region: string) => ({ type: "pulumi:providers:aws", props: { region } }) as never;

    it("checks a Lambda destination's region too", async () => {
      assert.deepEqual(await checkResource(s3DestinationCompatible, NOTIFICATION, { ...ok, lambdaFunctions: [fn] }), []);
      const [v] = await checkResource(s3DestinationCompatible, NOTIFICATION, { ...ok, lambdaFunctions: [{ ...fn, lambdaFunctionArn: "arn:aws:lambda:eu-west-1:111122223333:function:thumbs:live" }] });
      assert.match(v.message, /rule `jpg` \(lambdaFunctions\[0\]\) must target a function in us-east-1, the bucket's region, not eu-west-1/);
    });

    it("takes the provider's region when the notification does not set one", async () => {
      const { region: _r, ...noRegion } = ok;
      assert.deepEqual(await checkResource(s3DestinationCompatible, NOTIFICATION, noRegion, undefined, "subject", provider("us-east-1")), []);
      const [v] = await checkResource(s3DestinationCompatible, NOTIFICATION, noRegion, undefined, "subject", provider("eu-west-1"));
      assert.match(v.message, /must target a queue in eu-west-1, the bucket's region, not us-east-1/);
      assert.deepEqual(await checkResource(s3DestinationCompatible, NATIVE, native(nativeFilter({ name: "prefix", value: "a/" })), undefined, "subject", provider("us-east-1")), []);
      assert.equal((await checkResource(s3DestinationCompatible, NATIVE, native(nativeFilter({ name: "prefix", value: "a/" })), undefined, "subject", provider("eu-west-1"))).length, 1);
    });
  });

  describe("one fault, one report", () => {
    it("an unfiltered rule is filter-required's alone, not also not-overly-broad's", async () => {
      const open = with_({ filterPrefix: undefined, filterSuffix: undefined });
      assert.equal((await checkResource(s3NotificationFilterRequired, NOTIFICATION, open)).length, 1);
      assert.deepEqual(await checkResource(s3NotificationNotOverlyBroad, NOTIFICATION, open, { minPrefixLength: 3, maxEventTypes: 2 }), []);
    });
  });

  describe("values unknown during preview, rule by rule", () => {
    const second = { id: "tsv", events: ["s3:ObjectCreated:Put"], filterPrefix: "exports/", filterSuffix: ".tsv", queueArn };
    const unfiltered = { ...csv, id: "open", filterPrefix: undefined, filterSuffix: undefined };

    // Each field of a rule, and each list, holding the engine's sentinel in turn.
    const fields: [string, Record<string, unknown>][] = [
      ["events", { queues: [{ ...second, events: UNKNOWN }, unfiltered] }],
      ["an event", { queues: [{ ...second, events: [UNKNOWN] }, unfiltered] }],
      ["filterPrefix", { queues: [{ ...second, filterPrefix: UNKNOWN }, unfiltered] }],
      ["filterSuffix", { queues: [{ ...second, filterSuffix: UNKNOWN }, unfiltered] }],
      ["the whole entry", { queues: [UNKNOWN, unfiltered] }],
      ["another list", { topics: UNKNOWN, queues: [unfiltered] }],
    ];
    for (const [field, props] of fields) {
      it(`skips a rule whose ${field} is unknown with an advisory note, and still rejects another rule as mandatory`, async () => {
        const violations = await checkResource(s3NotificationFilterRequired, NOTIFICATION, { ...ok, ...props });
        assert.equal(violations.length, 2, JSON.stringify(violations));
        assert.match(violations[0].message, /rule `open` \(queues\[\d\]\) must have a prefix or suffix filter/);
        assert.equal(violations[0].advisory, undefined);
        assert.equal(violations[1].advisory, true);
        assert.match(violations[1].message, /judged at update: rule (queues\[0\]|topics), whose events or filter are unknown/);
      });
    }

    it("reads the id, bucket, region and ARN only when a verdict needs them", async () => {
      const props = { bucket: UNKNOWN, region: "us-east-1", queues: [{ ...csv, id: UNKNOWN, queueArn: UNKNOWN }] };
      for (const policy of all) {
        const violations = await checkResource(policy, NOTIFICATION, props, { minPrefixLength: 3, maxEventTypes: 2, exemptBuckets: ["x"] });
        assert.deepEqual(violations.filter((v) => !v.advisory), [], policy.name);
      }
      // The destination check waits for the ARN, and says so.
      const [note] = await checkResource(s3DestinationCompatible, NOTIFICATION, props);
      assert.match(note.message, /queueArn can't be known during preview; judged at update: the destination of rule `queues\[0\]`/);
    });

    it("judges an aws-native bucket the same way", async () => {
      const props = { bucketName: "acme", notificationConfiguration: { queueConfigurations: [{ event: UNKNOWN, queue: queueArn }, { event: "s3:ObjectCreated:Put", queue: queueArn }] } };
      const violations = await checkResource(s3NotificationFilterRequired, NATIVE, props);
      assert.deepEqual(violations.map((v) => v.advisory ?? false), [false, true]);
      const whole = await checkResource(s3NotificationFilterRequired, NATIVE, { bucketName: "acme", notificationConfiguration: UNKNOWN });
      assert.deepEqual(whole.map((v) => v.advisory), [true]);
    });
  });

  describe("configuration schema", () => {
    it("declares a range for every limit and the event catalogue for allowed events", () => {
      const schema = s3NotificationNotOverlyBroad.configSchema!.properties as Record<string, Record<string, unknown>>;
      assert.deepEqual([schema.minPrefixLength.minimum, schema.minPrefixLength.maximum], [0, 1024]);
      assert.equal(schema.maxEventTypes.minimum, 1);
      const events = (schema.allowedEvents.items as { enum: string[] }).enum;
      assert.ok(events.includes("s3:ObjectCreated:*") && events.includes("s3:ObjectAcl:Put"));
      assert.ok(!events.includes("s3:TestEvent") && !events.includes("s3:*"));
    });
  });

  it("never throws on wrong types", async () => {
    const weird = [null, 42, "x", [], [null], [{ events: "s3:ObjectCreated:Put", filterPrefix: 7 }], { queues: {} }];
    for (const policy of all) {
      for (const value of weird) {
        await checkResource(policy, NOTIFICATION, { queues: value, topics: value, lambdaFunctions: value });
        await checkResource(policy, NATIVE, { notificationConfiguration: { queueConfigurations: value } });
      }
    }
  });
});

describe("notification policies: exact messages and edges", () => {
  const FILTERING = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-filtering.html";
  const EVENT_TYPES = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html";

  it("s3-notification-filter-required names the rule, by its id or its path, and the fix", async () => {
    const messages = (await checkResource(s3NotificationFilterRequired, NOTIFICATION, { ...ok, queues: [{ ...csv, filterPrefix: "", filterSuffix: "" }, { events: ["s3:ObjectRemoved:*"] }] })).map((v) => v.message);
    const why = "must have a prefix or suffix filter, because without one it fires on every object of the bucket (and overlaps every later rule). Add `filterPrefix` or `filterSuffix`.";
    assert.deepEqual(messages, [
      `aws:s3/bucketNotification:BucketNotification \`subject\`, rule \`csv\` (queues[0]) ${why} ${FILTERING}`,
      `aws:s3/bucketNotification:BucketNotification \`subject\`, rule \`queues[1]\` ${why} ${FILTERING}`,
    ]);
    assert.deepEqual(await checkResource(s3NotificationFilterRequired, NOTIFICATION, with_({ filterPrefix: "", filterSuffix: ".csv" })), []);
    assert.deepEqual(await checkResource(s3NotificationFilterRequired, NOTIFICATION, with_({ filterPrefix: "in/", filterSuffix: "" })), []);
  });

  it("s3-notification-not-overly-broad names the rule, the finding and the fix", async () => {
    const [v] = await checkResource(s3NotificationNotOverlyBroad, NOTIFICATION, with_({ filterPrefix: "i" }), { minPrefixLength: 2 });
    assert.match(v.message, /^aws:s3\/bucketNotification:BucketNotification `subject`, rule `csv` \(queues\[0\]\) is overly broad: .*\. Narrow it with a longer prefix or fewer events\. https:\/\/docs\.aws\.amazon\.com\/AmazonS3\/latest\/userguide\/notification-how-to-filtering\.html$/);
  });

  it("s3-notification-not-overly-broad exempts by the aws-native bucket's name, and by nothing when no list is set", async () => {
    const open = native(nativeFilter({ name: "suffix", value: ".csv" }));
    assert.deepEqual(await checkResource(s3NotificationNotOverlyBroad, NATIVE, { ...open, notificationConfiguration: { queueConfigurations: [{ event: "s3:ObjectCreated:*", queue: queueArn, ...nativeFilter({ name: "suffix", value: ".csv" }) }] } }, { exemptBuckets: ["acme"] }), []);
    const broad = with_({ filterPrefix: undefined, events: ["s3:ObjectCreated:*"] });
    assert.equal((await checkResource(s3NotificationNotOverlyBroad, NOTIFICATION, broad, {})).length, 1);
    assert.equal((await checkResource(s3NotificationNotOverlyBroad, NOTIFICATION, { ...broad, bucket: "undefined" }, { exemptBuckets: [] })).length, 1);
    // The bucket's name is read only when an exemption could apply: unknown, it waits for nothing else.
    assert.equal((await checkResource(s3NotificationNotOverlyBroad, NOTIFICATION, { ...broad, bucket: UNKNOWN }, {}))[0].advisory, undefined);
    assert.deepEqual(await checkResource(s3NotificationNotOverlyBroad, NOTIFICATION, { ...ok, bucket: UNKNOWN }, { exemptBuckets: ["acme"] }), []);
  });

  it("s3-notification-valid-events-and-filters names the rule, the event or filter, and the page", async () => {
    const messages = (await checkResource(s3NotificationValidEventsAndFilters, NOTIFICATION, with_({ events: [], filterPrefix: "a".repeat(1_025) }))).map((v) => v.message);
    assert.equal(messages.length, 2);
    assert.equal(messages[0], `aws:s3/bucketNotification:BucketNotification \`subject\`, rule \`csv\` (queues[0]) must list at least one event. ${EVENT_TYPES}`);
    assert.match(messages[1], new RegExp(`^aws:s3/bucketNotification:BucketNotification \`subject\`, rule \`csv\` \\(queues\\[0\\]\\): .* ${FILTERING.replace(/[.]/g, "\\.")}$`));
    const [event] = await checkResource(s3NotificationValidEventsAndFilters, NOTIFICATION, with_({ events: ["s3:ObjectCreated:Upload"] }));
    assert.match(event.message, new RegExp(`^aws:s3/bucketNotification:BucketNotification \`subject\`, rule \`csv\` \\(queues\\[0\\]\\): .*s3:ObjectCreated:Upload.* ${EVENT_TYPES.replace(/[.]/g, "\\.")}$`));
    // A filter S3 accepts but may not match as written is filter-literal's to flag, as advisory.
    assert.deepEqual(await checkResource(s3NotificationValidEventsAndFilters, NOTIFICATION, with_({ filterPrefix: "in/*" })), []);
    const [literal] = await checkResource(s3NotificationFilterLiteral, NOTIFICATION, with_({ filterPrefix: "in/*" }));
    assert.match(literal.message, new RegExp(`^aws:s3/bucketNotification:BucketNotification \`subject\`, rule \`csv\` \\(queues\\[0\\]\\): .* ${FILTERING.replace(/[.]/g, "\\.")}$`));
    assert.deepEqual(await checkResource(s3NotificationFilterLiteral, NOTIFICATION, with_({ filterPrefix: "a".repeat(1_025) })), []);
  });

  it("s3-destination-compatible names the FIFO destination and the regions, for each kind", async () => {
    const topicArn = "arn:aws:sns:us-east-1:111122223333:audit.fifo";
    const [fifo] = await checkResource(s3DestinationCompatible, NOTIFICATION, { ...ok, queues: [], topics: [{ id: "del", events: ["s3:ObjectRemoved:*"], filterPrefix: "r/", topicArn }] });
    assert.equal(fifo.message, `aws:s3/bucketNotification:BucketNotification \`subject\`, rule \`del\` (topics[0]) must not target FIFO topic \`${topicArn}\`, because S3 sends only to standard ones. ${EVENT_TYPES}`);
    // A function may be named `x.fifo`: only queues and topics are FIFO.
    const fn = { id: "jpg", events: ["s3:ObjectCreated:*"], filterPrefix: "i/", lambdaFunctionArn: "arn:aws:lambda:us-east-1:111122223333:function:x.fifo" };
    assert.deepEqual(await checkResource(s3DestinationCompatible, NOTIFICATION, { ...ok, lambdaFunctions: [fn] }), []);
    const [region] = await checkResource(s3DestinationCompatible, NOTIFICATION, { ...ok, queues: [], topics: [{ id: "del", events: ["s3:ObjectRemoved:*"], filterPrefix: "r/", topicArn: "arn:aws:sns:eu-west-1:111122223333:audit" }] });
    assert.equal(region.message, `aws:s3/bucketNotification:BucketNotification \`subject\`, rule \`del\` (topics[0]) must target a topic in us-east-1, the bucket's region, not eu-west-1, because S3 delivers only within its region. ${EVENT_TYPES}`);
  });

  it("s3-destination-compatible judges no region it cannot compare", async () => {
    for (const props of [{ ...ok, region: "" }, { ...ok, region: 7 }, with_({ queueArn: "ingest" }), with_({ queueArn: 7 }), with_({ queueArn: "arn:aws:sqs::111122223333:ingest" })]) {
      assert.deepEqual(await checkResource(s3DestinationCompatible, NOTIFICATION, props), [], JSON.stringify(props));
    }
    assert.deepEqual(await checkResource(s3DestinationCompatible, NOTIFICATION, with_({ queueArn: "https://example.com/ingest" })), []);
    // An unknown region waits only when the destination names one.
    assert.deepEqual(await checkResource(s3DestinationCompatible, NOTIFICATION, { ...with_({ queueArn: "ingest" }), region: UNKNOWN }), []);
    assert.deepEqual(await checkResource(s3DestinationCompatible, NOTIFICATION, { ...with_({ queueArn: "https://example.com/ingest" }), region: UNKNOWN }), []);
    const [waits] = await checkResource(s3DestinationCompatible, NOTIFICATION, { ...ok, region: UNKNOWN });
    assert.equal(waits.advisory, true);
    assert.match(waits.message, /string value at \.region can't be known during preview; judged at update: the destination of rule `csv`$/);
  });
});
