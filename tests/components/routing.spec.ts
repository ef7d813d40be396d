// The routing graph's checks on plain data, before any resource exists: each rule against the
// buckets and destinations it names, S3's limits on ids, events and filters, and the overlap S3
// rejects. Pure: no Pulumi runtime.
import { strict as assert } from "assert";
import type { DestinationKind, DestinationProblem } from "../../components/destinations/destination";
import type { S3Event } from "../../components/events";
import { formatProblems, regionMessage, regionProblems, ruleFilter, validateRouting, type NotificationRule, type RoutingInput } from "../../components/routing";

const destination = (kind: DestinationKind | undefined, problems: DestinationProblem[] = []) => ({ kind, validate: () => problems });

const rule = (over: Partial<NotificationRule> = {}): NotificationRule => ({
  id: "csv",
  bucket: "uploads",
  destination: "ingest",
  events: ["s3:ObjectCreated:*"],
  filter: { suffix: ".csv" },
  ...over,
});

/** A valid graph (one bucket, one queue, one rule), with `over` replacing parts of it. */
const routing = (over: Partial<RoutingInput> = {}) =>
  validateRouting({
    bucketKeys: ["uploads"],
    destinations: { ingest: destination("sqs") },
    rules: [rule()],
    bucketRegions: {},
    destinationRegions: {},
    ...over,
  });

/** The `field: message` of each problem, in order. */
const lines = (problems: readonly { field: string; message: string }[]) => problems.map((p) => `${p.field}: ${p.message}`);

describe("validateRouting", () => {
  it("finds nothing wrong with a valid graph", () => {
    assert.deepEqual(routing(), []);
  });

  describe("rule ids", () => {
    it("accepts 1 to 64 letters, digits, `.`, `_` and `-`, starting with a letter or digit", () => {
      for (const id of ["a", "7", "csv.in_2-b", "A".repeat(64)]) assert.deepEqual(routing({ rules: [rule({ id })] }), [], id);
    });

    it("refuses an empty id, one too long, one starting with a separator, and one with other characters", () => {
      for (const id of ["", "A".repeat(65), "-csv", ".csv", "csv in", "csv/in"]) {
        assert.deepEqual(lines(routing({ rules: [rule({ id })] })), [
          `rules[0].id: \`${id}\` is not a valid rule id: use 1-64 letters, digits, \`.\`, \`_\` or \`-\`, starting with a letter or digit.`,
        ]);
      }
    });

    it("refuses an id that is not a string, as a program in another language may send", () => {
      assert.deepEqual(lines(routing({ rules: [rule({ id: 7 as unknown as string })] })), [
        "rules[0].id: `7` is not a valid rule id: use 1-64 letters, digits, `.`, `_` or `-`, starting with a letter or digit.",
      ]);
    });

    it("refuses a duplicate id, naming the rule that has it first, once per duplicate", () => {
      const problems = routing({
        rules: [
          rule({ id: "a", filter: { prefix: "a/" } }),
          rule({ id: "b", filter: { prefix: "b/" } }),
          rule({ id: "a", filter: { prefix: "c/" } }),
          rule({ id: "a", filter: { prefix: "d/" } }),
        ],
      });
      assert.deepEqual(problems, [
        { bucket: "uploads", rule: "a", destination: "ingest", field: "rules[2].id", message: "duplicate rule id `a` (also rules[0]); give each rule its own id." },
        { bucket: "uploads", rule: "a", destination: "ingest", field: "rules[3].id", message: "duplicate rule id `a` (also rules[0]); give each rule its own id." },
      ]);
    });
  });

  describe("the bucket and destination a rule names", () => {
    it("refuses a bucket not in `buckets`, listing the known ones", () => {
      assert.deepEqual(routing({ bucketKeys: ["uploads", "archive"], rules: [rule({ bucket: "upload" })] }), [
        {
          bucket: "upload",
          rule: "csv",
          destination: "ingest",
          field: "rules[0].bucket",
          message: "names bucket `upload`, which is not in `buckets` (known: `uploads`, `archive`); add it or fix the name.",
        },
      ]);
    });

    it("says `none` when there are no buckets or destinations at all", () => {
      assert.deepEqual(lines(routing({ bucketKeys: [], destinations: {} })), [
        "rules[0].bucket: names bucket `uploads`, which is not in `buckets` (known: none); add it or fix the name.",
        "rules[0].destination: names destination `ingest`, which is not in `destinations` (known: none); add it or fix the name.",
      ]);
    });

    it("refuses a destination not in `destinations`, and reports the one no rule uses", () => {
      assert.deepEqual(routing({ destinations: { ingest: destination("sqs"), audit: destination("sns") }, rules: [rule({ destination: "ingset" })] }), [
        {
          bucket: "uploads",
          rule: "csv",
          destination: "ingset",
          field: "rules[0].destination",
          message: "names destination `ingset`, which is not in `destinations` (known: `ingest`, `audit`); add it or fix the name.",
        },
        { destination: "ingest", field: "destinations.ingest", message: "is not used by any rule; remove it or route a rule to it." },
        { destination: "audit", field: "destinations.audit", message: "is not used by any rule; remove it or route a rule to it." },
      ]);
    });

    it("reports each destination's own problems under its kind's field", () => {
      const problems = routing({
        destinations: { ingest: destination("sqs", [{ field: "maxReceiveCount", message: "must be a whole number from 1 to 1000, not 0." }]) },
      });
      assert.deepEqual(problems, [
        { destination: "ingest", field: "destinations.ingest.sqs.maxReceiveCount", message: "must be a whole number from 1 to 1000, not 0." },
      ]);
      const eventBridge = routing({ destinations: { ingest: destination("eventbridge", [{ field: "functionArn", message: "m" }]) } });
      assert.deepEqual(lines(eventBridge), ["destinations.ingest.eventBridge.functionArn: m"]);
    });
  });

  describe("events", () => {
    it("refuses a rule with no event, or events that are not a list", () => {
      const expected = ["rules[0].events: lists no event; name at least one, e.g. `s3:ObjectCreated:*`."];
      assert.deepEqual(lines(routing({ rules: [rule({ events: [] })] })), expected);
      assert.deepEqual(lines(routing({ rules: [rule({ events: "s3:ObjectCreated:*" as unknown as S3Event[] })] })), expected);
    });

    it("finds no overlap between rules that list no event, as another language may send them", () => {
      const noEvents = (id: string) => ({ ...rule({ id }), events: undefined as unknown as S3Event[] });
      assert.deepEqual(lines(routing({ rules: [noEvents("a"), noEvents("b")] })), [
        "rules[0].events: lists no event; name at least one, e.g. `s3:ObjectCreated:*`.",
        "rules[1].events: lists no event; name at least one, e.g. `s3:ObjectCreated:*`.",
      ]);
    });

    it("refuses an unknown event at its index, suggesting the closest", () => {
      assert.deepEqual(lines(routing({ rules: [rule({ events: ["s3:ObjectCreated:Put", "s3:ObjectCreated:Putt" as S3Event] })] })), [
        "rules[0].events[1]: `s3:ObjectCreated:Putt` is not an S3 event; did you mean `s3:ObjectCreated:Put`?",
      ]);
    });

    it("refuses, for an EventBridge destination only, an event S3 never sends to EventBridge", () => {
      const events: S3Event[] = ["s3:ObjectCreated:*", "s3:ReducedRedundancyLostObject"];
      assert.deepEqual(lines(routing({ destinations: { ingest: destination("eventbridge") }, rules: [rule({ events })] })), [
        "rules[0].events[1]: `s3:ReducedRedundancyLostObject` is never sent to EventBridge; route it to Lambda, SNS or SQS instead.",
      ]);
      assert.deepEqual(routing({ rules: [rule({ events })] }), []);
    });

    it("refuses an event listed twice, naming each repeat once per extra listing", () => {
      const events: S3Event[] = ["s3:ObjectCreated:Put", "s3:ObjectRemoved:*", "s3:ObjectCreated:Put", "s3:ObjectRemoved:*"];
      assert.deepEqual(lines(routing({ rules: [rule({ events })] })), [
        "rules[0].events: lists `s3:ObjectCreated:Put`, `s3:ObjectRemoved:*` more than once; list each event once.",
      ]);
    });
  });

  describe("filters", () => {
    it("refuses an empty prefix or suffix, besides the missing filter it amounts to", () => {
      assert.deepEqual(lines(routing({ rules: [rule({ filter: { prefix: "", suffix: ".csv" } })] })), ["rules[0].filter.prefix: is empty; leave it out instead."]);
      assert.deepEqual(lines(routing({ rules: [rule({ filter: { prefix: "in/", suffix: "" } })] })), ["rules[0].filter.suffix: is empty; leave it out instead."]);
    });

    it("passes on the S3 rules' findings for a filter value, at its field", () => {
      assert.deepEqual(lines(routing({ rules: [rule({ filter: { suffix: "*.csv" } })] })), [
        "rules[0].filter.suffix: suffix `*.csv` contains `*`, but S3 filters have no wildcards: it only matches keys holding a literal `*`. Use the plain suffix instead, e.g. `.csv`.",
      ]);
    });

    it("refuses a rule matching every key unless it says why, in more than blanks", () => {
      const unfiltered = [
        "rules[0].filter: has no prefix or suffix, so it fires on every key of the bucket; add a `filter`, or set `unfilteredReason` to say why this rule must see every object.",
      ];
      assert.deepEqual(lines(routing({ rules: [rule({ filter: undefined })] })), unfiltered);
      assert.deepEqual(lines(routing({ rules: [rule({ filter: {} })] })), unfiltered);
      assert.deepEqual(lines(routing({ rules: [rule({ filter: undefined, unfilteredReason: "  " })] })), unfiltered);
      assert.deepEqual(routing({ rules: [rule({ filter: undefined, unfilteredReason: "the archive copies every object" })] }), []);
      // A prefix alone or a suffix alone is a filter.
      assert.deepEqual(routing({ rules: [rule({ filter: { prefix: "in/" } })] }), []);
      assert.deepEqual(routing({ rules: [rule({ filter: { suffix: ".csv" } })] }), []);
    });

    it("reads a missing prefix or suffix as empty", () => {
      assert.deepEqual(ruleFilter(rule({ filter: undefined })), { prefix: "", suffix: "" });
      assert.deepEqual(ruleFilter(rule({ filter: { prefix: "in/" } })), { prefix: "in/", suffix: "" });
      assert.deepEqual(ruleFilter(rule({ filter: { suffix: ".csv" } })), { prefix: "", suffix: ".csv" });
    });
  });

  describe("regions known now", () => {
    const regions = (bucket: string | undefined, destination: string | undefined) =>
      routing({ bucketRegions: { uploads: bucket }, destinationRegions: { ingest: destination } });

    it("refuses a destination in another region than its rule's bucket", () => {
      assert.deepEqual(regions("eu-west-1", "us-east-1"), [
        {
          bucket: "uploads",
          rule: "csv",
          destination: "ingest",
          field: "rules[0].destination",
          message:
            "destination `ingest` is in us-east-1 but the bucket is in eu-west-1; S3 delivers only to destinations in the bucket's region. Create the destination in the bucket's region.",
        },
      ]);
    });

    it("accepts the same region, and leaves a region not known now to the deploy-time check", () => {
      assert.deepEqual(regions("eu-west-1", "eu-west-1"), []);
      assert.deepEqual(regions(undefined, "eu-west-1"), []);
      assert.deepEqual(regions("eu-west-1", undefined), []);
    });

    it("is the same check at deploy, for the regions only known then", () => {
      assert.deepEqual(regionProblems(rule({ destination: "audit" }), 3, "ap-south-1", "us-west-2"), [
        {
          bucket: "uploads",
          rule: "csv",
          destination: "audit",
          field: "rules[3].destination",
          message: regionMessage("audit", "us-west-2", "ap-south-1"),
        },
      ]);
      assert.deepEqual(regionProblems(rule(), 0, "us-west-2", "us-west-2"), []);
      assert.deepEqual(regionProblems(rule(), 0, undefined, "us-west-2"), []);
      assert.deepEqual(regionProblems(rule(), 0, "us-west-2", undefined), []);
    });

    it("says which region each side is in", () => {
      assert.equal(
        regionMessage("audit", "us-west-2", "ap-south-1"),
        "destination `audit` is in us-west-2 but the bucket is in ap-south-1; S3 delivers only to destinations in the bucket's region. Create the destination in the bucket's region.",
      );
    });
  });

  describe("overlapping rules", () => {
    const overlapping = [rule({ id: "all", filter: { prefix: "in/" } }), rule({ id: "csv", filter: { prefix: "in/", suffix: ".csv" } })];

    it("refuses two rules of one bucket whose filters share a key for a shared event, at the second", () => {
      assert.deepEqual(routing({ rules: overlapping }), [
        {
          bucket: "uploads",
          rule: "csv",
          field: "rules[1].filter",
          message:
            "overlaps rule `all` (rules[0]) for `s3:ObjectCreated:*`: key `in/example.csv` matches both, and S3 rejects the bucket's whole configuration as ambiguous. Make their prefixes or suffixes disjoint, or their events distinct.",
        },
      ]);
    });

    it("compares only rules of the same bucket", () => {
      const twoBuckets = [overlapping[0], { ...overlapping[1], bucket: "archive" }];
      assert.deepEqual(routing({ bucketKeys: ["uploads", "archive"], rules: twoBuckets }), []);
    });

    it("leaves out rules routed to EventBridge, which takes no filter", () => {
      const destinations = { ingest: destination("sqs"), index: destination("eventbridge") };
      assert.deepEqual(routing({ destinations, rules: [overlapping[0], { ...overlapping[1], destination: "index" }] }), []);
      assert.deepEqual(routing({ destinations, rules: [{ ...overlapping[0], destination: "index" }, overlapping[1]] }), []);
    });

    it("still compares rules whose destination is unknown, and rules with no events", () => {
      const problems = routing({ rules: [overlapping[0], { ...overlapping[1], destination: "nowhere" }] });
      assert.deepEqual(problems.map((p) => p.field), ["rules[1].destination", "rules[1].filter"]);
      assert.deepEqual(lines(routing({ rules: [overlapping[0], { ...overlapping[1], events: undefined as unknown as S3Event[] }] })), [
        "rules[1].events: lists no event; name at least one, e.g. `s3:ObjectCreated:*`.",
      ]);
    });
  });
});

describe("formatProblems", () => {
  it("counts one problem, and says where it is: bucket, rule and field", () => {
    assert.equal(
      formatProblems("pipeline", [{ bucket: "uploads", rule: "csv", destination: "ingest", field: "rules[0].filter", message: "m." }]),
      "BucketNotifications `pipeline` has 1 problem:\n  - bucket `uploads`, rule `csv`, `rules[0].filter`: m.",
    );
  });

  it("names the destination only when the problem is not a bucket's, and nothing when it is the component's own", () => {
    assert.equal(
      formatProblems("pipeline", [
        { destination: "ingest", field: "destinations.ingest", message: "a." },
        { field: "deadLetterRetentionSeconds", message: "b." },
        { bucket: "uploads", field: "buckets.uploads", message: "c." },
      ]),
      [
        "BucketNotifications `pipeline` has 3 problems:",
        "  - destination `ingest`, `destinations.ingest`: a.",
        "  - `deadLetterRetentionSeconds`: b.",
        "  - bucket `uploads`, `buckets.uploads`: c.",
      ].join("\n"),
    );
  });
});
