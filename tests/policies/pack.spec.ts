import { strict as assert } from "assert";
import type { PackClient, PolicySummary, StackResource } from "../../tools/offline/packClient";
import { usePack } from "./support";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const QUEUE = "arn:aws:sqs:us-east-1:111122223333:ingest";

const notification = (name: string, queues: object[], extra: Record<string, unknown> = {}): StackResource => ({
  urn: `urn:pulumi:dev::app::aws:s3/bucketNotification:BucketNotification::${name}`,
  type: "aws:s3/bucketNotification:BucketNotification",
  name,
  properties: { bucket: "acme-uploads", region: "us-east-1", queues, ...extra },
});
const csv = { id: "csv", events: ["s3:ObjectCreated:*"], filterPrefix: "incoming/", filterSuffix: ".csv", queueArn: QUEUE };

describe("the policy pack over its gRPC protocol", function () {
  this.timeout(60_000);
  const started = usePack();
  let pack: PackClient;
  let policies: PolicySummary[];
  before(() => {
    pack = started.pack();
    policies = started.policies();
  });

  it("starts like the engine starts it and describes itself", async () => {
    const info = await pack.info();
    assert.equal(info.name, "s3-notification-policies");
    assert.equal(info.version, "0.1.0");
    assert.deepEqual(
      info.policies.map((p) => `${p.name}:${p.level}`),
      [
        "s3-notification-filter-required:mandatory",
        "s3-notification-not-overly-broad:mandatory",
        "s3-notification-no-overlap:mandatory",
        "s3-notification-valid-events-and-filters:mandatory",
        "s3-notification-filter-literal:advisory",
        "s3-notification-one-per-bucket:mandatory",
        "s3-destination-grant-scoped:mandatory",
        "s3-destination-tls-only:advisory",
        "s3-destination-one-policy:mandatory",
        "s3-destination-grant-present:mandatory",
        "s3-destination-grant-external:advisory",
        "s3-destination-has-dlq:mandatory",
        "s3-destination-compatible:mandatory",
        "s3-destination-encryption-usable:mandatory",
        "s3-notification-recursion:advisory",
        "s3-destination-dlq-outlives-source:mandatory",
        "s3-destination-dlq-retention:mandatory",
        "s3-destination-failure-alarmed:advisory",
        "s3-destination-sqs-consumer:advisory",
        "s3-destination-lambda-retries:advisory",
      ],
    );
    assert.deepEqual(info.policies.find((p) => p.name === "s3-notification-not-overly-broad")?.configSchema?.minPrefixLength, {
      type: "integer",
      minimum: 0,
      maximum: 1024,
      default: 1,
      description: "A prefix shorter than this is too broad.",
    });
  });

  it("passes a filtered, unambiguous notification", async () => {
    assert.deepEqual(await pack.analyze(notification("ok", [csv])), []);
  });

  it("rejects an unfiltered rule as mandatory, naming the resource and rule", async () => {
    const diagnostics = await pack.analyze(notification("open", [{ ...csv, filterPrefix: undefined, filterSuffix: undefined }]));
    const required = diagnostics.find((d) => d.policy === "s3-notification-filter-required");
    assert.equal(required?.level, "mandatory");
    assert.match(required?.message ?? "", /BucketNotification `open`, rule `csv` \(queues\[0\]\) must have a prefix or suffix filter/);
    // One fault, one report: not also s3-notification-not-overly-broad.
    assert.deepEqual(diagnostics.map((d) => d.policy), ["s3-notification-filter-required"]);
  });

  it("rejects overlapping rules with the shared event and a key matching both", async () => {
    const diagnostics = await pack.analyze(
      notification("ambiguous", [csv, { ...csv, id: "all-incoming", filterSuffix: undefined, events: ["s3:ObjectCreated:Put"] }]),
    );
    const overlap = diagnostics.find((d) => d.policy === "s3-notification-no-overlap");
    assert.match(overlap?.message ?? "", /rules `csv` \(queues\[0\]\) and `all-incoming` \(queues\[1\]\).*`s3:ObjectCreated:Put`.*key `incoming\/example\.csv`/);
  });

  it("rejects a misspelled event with a suggestion, and a FIFO destination", async () => {
    const diagnostics = await pack.analyze(notification("typo", [{ ...csv, events: ["s3:ObjectCreated:Putt"], queueArn: `${QUEUE}.fifo` }]));
    assert.ok(diagnostics.some((d) => d.policy === "s3-notification-valid-events-and-filters" && /did you mean `s3:ObjectCreated:Put`/.test(d.message)));
    assert.ok(diagnostics.some((d) => d.policy === "s3-destination-compatible" && /FIFO queue/.test(d.message)));
  });

  it("judges literal fields as mandatory even when the destination ARN is unknown in a preview", async () => {
    const diagnostics = await pack.analyze(notification("preview", [{ ...csv, filterPrefix: undefined, filterSuffix: undefined, queueArn: UNKNOWN }]));
    assert.equal(diagnostics.find((d) => d.policy === "s3-notification-filter-required")?.level, "mandatory");
    const compatible = diagnostics.find((d) => d.policy === "s3-destination-compatible");
    assert.equal(compatible?.level, "advisory", "a check that needs the unknown ARN is downgraded, not failed");
  });

  it("takes the region from the provider the engine sends when the notification sets none", async () => {
    const { region: _region, ...withoutRegion } = notification("elsewhere", [csv]).properties;
    const provider = (region: string) => ({ urn: "urn:pulumi:dev::app::pulumi:providers:aws::default", type: "pulumi:providers:aws", name: "default", properties: { region } });
    const resource = { ...notification("elsewhere", [csv]), properties: withoutRegion };
    assert.deepEqual(await pack.analyze({ ...resource, provider: provider("us-east-1") }), []);
    const [wrong] = await pack.analyze({ ...resource, provider: provider("eu-west-1") });
    assert.equal(`${wrong.policy}:${wrong.level}`, "s3-destination-compatible:mandatory");
    assert.match(wrong.message, /must target a queue in eu-west-1, the bucket's region, not us-east-1/);
  });

  it("applies --policy-pack-config tuning: a level and a property", async () => {
    await pack.configure(policies, { "s3-notification-filter-required": "advisory", "s3-notification-not-overly-broad": { minPrefixLength: 12 } });
    const diagnostics = await pack.analyze(notification("short", [{ ...csv, filterSuffix: undefined }]));
    assert.ok(diagnostics.some((d) => d.policy === "s3-notification-not-overly-broad" && /shorter than the 12 characters/.test(d.message)));
    const open = await pack.analyze(notification("open", [{ ...csv, filterPrefix: undefined, filterSuffix: undefined }]));
    assert.equal(open.find((d) => d.policy === "s3-notification-filter-required")?.level, "advisory");
    await pack.configure(policies);
  });

  it("rejects two notifications on one bucket, matched through property dependencies", async () => {
    const bucket = "urn:pulumi:dev::app::aws:s3/bucket:Bucket::uploads";
    // An Output may carry other resources along; only the bucket identifies the target.
    const fn = "urn:pulumi:dev::app::aws:lambda/function:Function::checker";
    const one = { ...notification("one", [csv]), propertyDependencies: { bucket: [bucket, fn] }, properties: { ...notification("one", [csv]).properties, bucket: UNKNOWN } };
    const two = { ...notification("two", [csv]), propertyDependencies: { bucket: [fn, bucket] }, properties: { ...notification("two", [csv]).properties, bucket: UNKNOWN } };
    const diagnostics = await pack.analyzeStack([
      { urn: bucket, type: "aws:s3/bucket:Bucket", name: "uploads", properties: {} },
      { urn: fn, type: "aws:lambda/function:Function", name: "checker", properties: {} },
      one,
      two,
    ]);
    const duplicate = diagnostics.find((d) => d.policy === "s3-notification-one-per-bucket");
    assert.equal(duplicate?.level, "mandatory");
    assert.match(duplicate?.message ?? "", /`two` and aws:s3\/bucketNotification:BucketNotification `one` configure the same bucket/);
    assert.equal(duplicate?.urn, two.urn);
  });

  it("rejects an S3 grant without source conditions, and warns when TLS is not enforced", async () => {
    const policy = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sqs:SendMessage", Resource: QUEUE }],
    });
    const diagnostics = await pack.analyze({
      urn: "urn:pulumi:dev::app::aws:sqs/queuePolicy:QueuePolicy::p",
      type: "aws:sqs/queuePolicy:QueuePolicy",
      name: "p",
      properties: { queueUrl: "https://q", policy },
    });
    assert.deepEqual(
      diagnostics.map((d) => `${d.policy}:${d.level}`).sort(),
      ["s3-destination-grant-scoped:mandatory", "s3-destination-tls-only:advisory"],
    );
  });
});
