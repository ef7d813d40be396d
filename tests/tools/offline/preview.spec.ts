import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { fixtures, preview, root, type JsonResult } from "./cli";


describe("npm run preview:offline", function () {
  this.timeout(120_000);

  // The dev stack's JSON report, shared by the tests that read it.
  const devJson = () => preview("--stack", "dev", "--json");

  for (const stack of ["dev", "prod"]) {
    it(`previews the shipped ${stack} stack with no mandatory violation`, async () => {
      const { code, stdout, stderr } = await (stack === "dev" ? devJson() : preview("--stack", stack, "--json"));
      assert.equal(code, 0, stderr);
      const result = JSON.parse(stdout) as JsonResult;
      assert.equal(result.summary.mandatoryAtPreview, 0, JSON.stringify(result.diagnostics, null, 2));
      assert.equal(result.summary.mandatoryAtUpdate, 0, JSON.stringify(result.diagnostics, null, 2));
      assert.equal(result.summary.exitCode, 0);
      assert.equal(result.resources.filter((r) => r.type === "aws:s3/bucketNotification:BucketNotification").length, 1);
      const dlqs = result.resources.filter((r) => r.type === "aws:sqs/queue:Queue" && r.name.endsWith("-dlq"));
      assert.equal(dlqs.length, 5);
      assert.ok(dlqs.every((d) => d.protect === (stack === "prod")), "prod protects its DLQs, dev does not");
    });
  }

  it("prints a report a person reads at a glance, and writes the diagram", async () => {
    const diagram = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "preview-")), "pipeline.mmd");
    const { code, stdout } = await preview("--diagram", diagram);
    assert.equal(code, 0);
    assert.match(stdout, /^Offline preview of s3-events\/dev \(Pulumi mocks; us-east-1; no cloud credentials used\)\n/);
    assert.match(stdout, /\n  pulumi:pulumi:Stack s3-events-dev \(\d+\)\n  ├─ s3-events:index:BucketNotifications uploads \(\d+\)\n/);
    // The tree reads by destination: each destination's component, then what it created.
    for (const destination of ["LambdaDestination uploads-thumbnails", "SqsDestination uploads-ingest", "SnsDestination uploads-audit", "EventBridgeDestination uploads-index"]) {
      assert.match(stdout, new RegExp(`\\n  │  [├└]─ s3-events:index:${destination} \\(\\d+\\)\\n  │  │  ├─ aws:`));
    }
    assert.match(stdout, /\n  │  └─ aws:s3\/bucketNotification:BucketNotification uploads\n/);
    assert.match(stdout, /\n  Mandatory violations: 0 \(0 block a first preview, 0 only an update\)\n  Advisory: \d+\n/);
    assert.match(stdout, /\n\nSummary: \d+ resources, 0 mandatory violations at preview and 0 at update, \d+ advisory; passed\.\n$/);
    const mermaid = fs.readFileSync(diagram, "utf8");
    assert.match(mermaid, /^flowchart LR\n/);
    for (const line of [
      /-->\|"thumbnails-jpg: s3:ObjectCreated:\* images\/\*\.jpg"\| n\d+/,
      /-\.->\|"failed after 1 retries"\|/,
      /-\.->\|"after 5 receives"\|/,
      /-\.->\|"undeliverable to uploads-audit-log"\|/,
      /-->\|"EventBridge: Object Created"\|/,
      /n\d+\["λ indexer"\]/,
    ]) {
      assert.match(mermaid, line);
    }
  });

  it("captures the parents, dependencies and property dependencies the policies rely on", async () => {
    const result = JSON.parse((await devJson()).stdout) as JsonResult;
    const byName = (type: string, name: string) => result.resources.find((r) => r.type === type && r.name === name)!;
    const component = byName("s3-events:index:BucketNotifications", "uploads");
    const notification = byName("aws:s3/bucketNotification:BucketNotification", "uploads");
    const bucket = byName("aws:s3/bucket:Bucket", "uploads");
    assert.equal(notification.parent, component.urn);
    assert.equal(component.parent, "urn:pulumi:dev::s3-events::pulumi:pulumi:Stack::s3-events-dev");
    assert.ok(notification.propertyDependencies.bucket.includes(bucket.urn));
    for (const [grant, owner] of [["uploads-ingest-policy", "SqsDestination uploads-ingest"], ["uploads-audit-policy", "SnsDestination uploads-audit"]]) {
      const policy = result.resources.find((r) => r.name === grant)!;
      assert.ok(notification.dependencies.includes(policy.urn), `the notification waits for ${grant}`);
      const [type, name] = owner.split(" ");
      assert.equal(policy.parent, byName(`s3-events:index:${type}`, name).urn, `${grant} belongs to its destination`);
      assert.equal(byName(`s3-events:index:${type}`, name).parent, component.urn);
    }
    assert.deepEqual(Object.keys(result.exports).sort(), ["auditLogQueueUrl", "auditTopicArn", "bucketName", "deadLetterQueueUrls", "functionNames", "ingestQueueUrl"]);
  });

  it("names resources and places stack violations as the real engine does (its event log, tests/engine/languageHosts.engine.ts)", async () => {
    const result = JSON.parse((await devJson()).stdout) as JsonResult;
    // A grandchild's URN carries every ancestor's type, not only its parent's (the SDK mocks' way).
    assert.ok(
      result.resources.some((r) => r.urn === "urn:pulumi:dev::s3-events::s3-events:index:BucketNotifications$s3-events:index:SqsDestination$aws:sqs/queue:Queue::uploads-ingest"),
      result.resources.map((r) => r.urn).join("\n"),
    );
    // A stack policy's verdict names no resource of the stack: the engine reports it on the root stack.
    const grantPresent = result.diagnostics.filter((d) => d.policy === "s3-destination-grant-present");
    assert.deepEqual(grantPresent.map((d) => d.urn), ["urn:pulumi:dev::s3-events::pulumi:pulumi:Stack::s3-events-dev"]);
  });

  it("exits 2 naming the rules when the stack config has overlapping or unfiltered rules", async () => {
    const { code, stdout, stderr } = await preview("--config-file", path.join(fixtures, "stacks/overlapping.yaml"));
    assert.equal(code, 2);
    assert.equal(stdout, "");
    assert.match(stderr, /^error: BucketNotifications `uploads` has 2 problems:\n/);
    assert.match(stderr, /rule `everything`, `rules\[2\]\.filter`: has no prefix or suffix/);
    assert.match(stderr, /rule `thumbs`, `rules\[1\]\.filter`: overlaps rule `all-images` \(rules\[0\]\) for `s3:ObjectCreated:Put`: key `images\/thumbs\/example` matches both/);
  });

  it("exits 2 naming the config path for a wrong type or an unknown destination", async () => {
    const { code, stderr } = await preview("--config-file", path.join(fixtures, "stacks/wrong-types.yaml"));
    assert.equal(code, 2);
    assert.equal(
      stderr,
      [
        "error: Invalid stack configuration:",
        "  - s3-events:rules[0].prefix must be string",
        "  - s3-events:rules[1].destination must be one of `thumbnails`, `ingest`, `audit`, `index`",
        "",
      ].join("\n"),
    );
  });

  it("exits 2 with the CLI's words on a value Pulumi.yaml's declared type refuses, before the program runs", async () => {
    const { code, stdout, stderr } = await preview("--config-file", path.join(fixtures, "stacks/not-an-integer.yaml"));
    assert.equal(code, 2);
    assert.equal(stdout, "");
    assert.equal(stderr, "error: validating stack config: Stack 'dev' with configuration key 'lambdaRetries' must be of type 'integer'\n");
  });

  it("judges another program's raw resources with the same pack (--program), exiting 1 on mandatory violations", async () => {
    const { code, stdout } = await preview("--program", path.join(fixtures, "programs/raw"), "--json");
    assert.equal(code, 1);
    const result = JSON.parse(stdout) as JsonResult;
    const blocking = (at: string) => [...new Set(result.diagnostics.filter((d) => d.blocksAt === at).map((d) => d.policy))].sort();
    assert.deepEqual(blocking("preview"), [
      "s3-destination-grant-present",
      "s3-destination-has-dlq",
      "s3-notification-filter-required",
      "s3-notification-one-per-bucket",
    ]);
    // Its queue policy is built from the queue's ARN, unknown in a first preview: the grant is
    // judged (and rejected) once the queue exists, as the engine would.
    assert.deepEqual(blocking("update"), ["s3-destination-grant-scoped"]);
    assert.equal(result.summary.mandatoryAtPreview, 4);
    assert.equal(result.summary.mandatoryAtUpdate, 5);
    const unknownPolicy = result.diagnostics.find((d) => d.level === "advisory" && d.policy === "s3-destination-grant-scoped");
    assert.match(unknownPolicy?.message ?? "", /can't run policy 's3-destination-grant-scoped' .* during preview: string value at \.policy can't be known during preview/);
  });

  it("sends unknowns as the engine's sentinel strings in a first preview, and known values with --as-update", async () => {
    const first = JSON.parse((await preview("--program", path.join(fixtures, "programs/raw"), "--json")).stdout) as JsonResult;
    const queue = first.resources.find((r) => r.name === "raw-jobs")!;
    const notification = first.resources.find((r) => r.name === "raw-csv")!;
    assert.equal(first.mode, "preview");
    assert.equal(queue.outputs.arn, "04da6b54-80e4-46f7-96ec-b56ff0331ba9");
    assert.equal(queue.outputs.url, "04da6b54-80e4-46f7-96ec-b56ff0331ba9");
    assert.equal(queue.outputs.name, "raw-jobs-0a1b2c3", "autonamed in Check: known in a preview");
    assert.deepEqual((notification.inputs.queues as Record<string, unknown>[])[0].queueArn, "04da6b54-80e4-46f7-96ec-b56ff0331ba9");
    assert.doesNotMatch(JSON.stringify(first), /__pulumiUnknown/);

    const update = await preview("--program", path.join(fixtures, "programs/raw"), "--json", "--as-update");
    assert.equal(update.code, 1);
    const after = JSON.parse(update.stdout) as JsonResult;
    assert.equal(after.mode, "update");
    assert.equal(after.resources.find((r) => r.name === "raw-jobs")!.outputs.arn, "arn:aws:sqs:us-east-1:123456789012:raw-jobs-0a1b2c3");
    assert.ok(!after.diagnostics.some((d) => /during preview/.test(d.message)), "nothing is unknown in an update");
  });

  it("exits 2 on a policy config that names an unknown policy or breaks a schema", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-config-"));
    fs.writeFileSync(path.join(dir, "unknown.json"), JSON.stringify({ "s3-no-such-policy": "mandatory" }));
    fs.writeFileSync(path.join(dir, "schema.json"), JSON.stringify({ "s3-notification-not-overly-broad": { minPrefixLength: "three" } }));
    fs.writeFileSync(path.join(dir, "events.json"), JSON.stringify({ "s3-notification-not-overly-broad": { allowedEvents: ["s3:ObjectCreated:Putt"] } }));
    const unknown = await preview("--policy-pack-config", path.join(dir, "unknown.json"));
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /`s3-no-such-policy` is not a policy of this pack/);
    const schema = await preview("--policy-pack-config", path.join(dir, "schema.json"));
    assert.equal(schema.code, 2);
    assert.match(schema.stderr, /s3-notification-not-overly-broad: \/minPrefixLength must be integer/);
    const events = await preview("--policy-pack-config", path.join(dir, "events.json"));
    assert.equal(events.code, 2);
    assert.match(events.stderr, /s3-notification-not-overly-broad: \/allowedEvents\/0 must be equal to one of the allowed values/);
  });

  it("applies the shipped org tuning (policy-config.json) to the dev stack", async () => {
    const tuning = path.join(root, "policy-config.json");
    const tuned = await preview("--policy-pack-config", tuning, "--json");
    assert.equal(tuned.code, 0, tuned.stdout + tuned.stderr);
    // The dev stack with one more rule, on tagging events: the pack's defaults accept it, the org's
    // `allowedEvents` does not. Only a preview that applies the tuning rejects it.
    const tagging = ["--config-file", path.join(fixtures, "stacks/tagging-rule.yaml"), "--json"];
    const byDefault = await preview(...tagging);
    assert.equal(byDefault.code, 0, byDefault.stdout + byDefault.stderr);
    const withTuning = await preview(...tagging, "--policy-pack-config", tuning);
    assert.equal(withTuning.code, 1, withTuning.stderr);
    const blocking = (JSON.parse(withTuning.stdout) as JsonResult).diagnostics.filter((d) => d.blocksAt === "preview");
    assert.deepEqual(blocking.map((d) => d.policy), ["s3-notification-not-overly-broad"]);
    assert.match(blocking[0].message, /rule `tag-changes`.*s3:ObjectTagging:\*/);
  });
});
