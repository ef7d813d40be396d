// Programs written the way public examples write them, judged offline with the verdict AWS's
// documented behaviour makes correct, as a first preview and as an update.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { previewProgram, type JsonResult } from "./cli";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const NOTIFICATION = "aws:s3/bucketNotification:BucketNotification";

const json = (stdout: string) => JSON.parse(stdout) as JsonResult;
const blocking = (result: JsonResult, at: "preview" | "update") =>
  result.diagnostics.filter((d) => d.blocksAt === at).map((d) => `${d.policy} ${d.urn.split("::").pop()}`).sort();

describe("the offline preview on programs from public examples", function () {
  this.timeout(120_000);

  describe("bucket mixins (onObjectCreated, onObjectRemoved)", () => {
    let result: JsonResult;
    let code: number | null;
    before(async () => {
      const run = await previewProgram("mixin", "--json");
      code = run.code;
      result = json(run.stdout);
    });

    it("registers the notification the mixins create when the program exits, with both handlers", () => {
      const notifications = result.resources.filter((r) => r.type === NOTIFICATION);
      assert.equal(notifications.length, 1);
      const rules = notifications[0].inputs.lambdaFunctions as { events: string[]; filterPrefix?: string; filterSuffix?: string; lambdaFunctionArn: string }[];
      assert.deepEqual(
        rules.map((r) => [r.events, r.filterPrefix, r.filterSuffix]),
        [
          [["s3:ObjectCreated:*"], "uploads/", ".jpg"],
          [["s3:ObjectRemoved:*"], undefined, undefined],
        ],
      );
      assert.equal(rules[0].lambdaFunctionArn, UNKNOWN, "the function's ARN is unknown in a first preview");
      assert.equal(notifications[0].inputs.bucket, UNKNOWN, "the mixin names the bucket by its id, unknown until created");
    });

    it("blocks the unfiltered deletion handler at preview, naming a rule with no id once", () => {
      assert.equal(code, 1);
      const filterRequired = result.diagnostics.find((d) => d.policy === "s3-notification-filter-required");
      assert.equal(filterRequired?.blocksAt, "preview");
      assert.match(filterRequired!.message, /BucketNotification `thumbnail`, rule `lambdaFunctions\[1\]` must have a prefix or suffix filter/);
      // One fault, one report: the unfiltered rule is filter-required's alone, not also not-overly-broad's.
      assert.ok(!blocking(result, "preview").some((v) => v.startsWith("s3-notification-not-overly-broad")));
    });

    it("blocks at preview the permissions the mixin leaves without sourceAccount (the confused deputy)", () => {
      // https://docs.aws.amazon.com/lambda/latest/dg/with-s3.html: the permission should name the source account.
      // Its absence is literal, so a first preview decides it although the source ARN is unknown.
      assert.deepEqual(
        blocking(result, "preview").filter((d) => d.startsWith("s3-destination-grant-scoped")),
        ["s3-destination-grant-scoped audit", "s3-destination-grant-scoped thumbnail"],
      );
      assert.deepEqual(blocking(result, "update"), [], "nothing waits for the update");
    });
  });

  describe("queue policies from aws.iam.getPolicyDocumentOutput", () => {
    it("renders the document as the provider does and passes a scoped grant in both modes", async () => {
      const first = await previewProgram("policyDocument", "--json");
      assert.equal(first.code, 0, first.stderr);
      const update = await previewProgram("policyDocument", "--json", "--as-update");
      assert.equal(update.code, 0, update.stderr);
      const result = json(update.stdout);
      assert.equal(result.summary.mandatoryAtUpdate, 0, JSON.stringify(result.diagnostics));
      assert.equal(result.summary.advisory, 0, JSON.stringify(result.diagnostics));
      const policy = result.resources.find((r) => r.type === "aws:sqs/queuePolicy:QueuePolicy")!;
      const queueArn = "arn:aws:sqs:us-east-1:123456789012:reports-0a1b2c3";
      assert.deepEqual(JSON.parse(policy.inputs.policy as string), {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "AllowS3FromReportsBucket",
            Effect: "Allow",
            Action: "sqs:SendMessage",
            Resource: queueArn,
            Principal: { Service: "s3.amazonaws.com" },
            Condition: { ArnLike: { "aws:SourceArn": "arn:aws:s3:::reports-0a1b2c3" }, StringEquals: { "aws:SourceAccount": "123456789012" } },
          },
          { Sid: "DenyInsecureTransport", Effect: "Deny", Action: "sqs:*", Resource: queueArn, Principal: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } },
        ],
      });
      assert.equal(result.exports.partitionName, "aws");
    });

    it("passes a first preview but fails the update when the grant has no conditions", async () => {
      // The document is built from the queue's ARN, unknown in a first preview: the engine cannot judge it yet.
      const first = await previewProgram("policyDocument", "--stack", "unscoped");
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /\[s3-destination-grant-scoped\] aws:sqs\/queuePolicy:QueuePolicy reports \(blocks only at update\)/);
      assert.match(first.stdout, /Summary: 7 resources, 0 mandatory violations at preview and 1 at update, \d+ advisory; passes a first preview, but `pulumi up` would fail/);
      const update = await previewProgram("policyDocument", "--stack", "unscoped", "--as-update");
      assert.equal(update.code, 1);
    });
  });

  describe("a filter prefix from another resource's output", () => {
    it("never calls an unknown prefix missing: advisory at preview, judged and passed at update", async () => {
      const first = await previewProgram("outputFilter", "--json");
      assert.equal(first.code, 0, first.stderr);
      const result = json(first.stdout);
      const notification = result.resources.find((r) => r.type === NOTIFICATION)!;
      assert.equal((notification.inputs.queues as { filterPrefix: unknown }[])[0].filterPrefix, UNKNOWN);
      assert.equal(result.summary.mandatoryAtPreview, 0);
      assert.equal(result.summary.mandatoryAtUpdate, 0, JSON.stringify(result.diagnostics));
      const filterRequired = result.diagnostics.find((d) => d.policy === "s3-notification-filter-required");
      assert.equal(filterRequired?.level, "advisory");
      assert.match(filterRequired!.message, /can't run policy .* during preview: string value at \.queues\.0\.filterPrefix can't be known during preview/);
      const update = json((await previewProgram("outputFilter", "--json", "--as-update")).stdout);
      assert.equal(update.summary.advisory, 0, JSON.stringify(update.diagnostics));
    });
  });

  describe("programs that cannot be judged", () => {
    it("exits 2 within seconds when the program never settles, naming what is pending", async () => {
      const run = await previewProgram("neverSettles", "--settle-timeout", "1");
      assert.equal(run.code, 2);
      assert.equal(run.stdout, "");
      assert.match(run.stderr, /^error: the program did not settle: nothing progressed for 1 s\.\n  Waiting for the inputs of 1 resource\(s\) .*: aws:sqs\/queue:Queue `stuck`\n$/);
    });

    it("exits 2 naming an invoke it cannot answer", async () => {
      const run = await previewProgram("unansweredInvoke");
      assert.equal(run.code, 2);
      assert.match(run.stderr, /^error: the offline preview cannot answer the data source `aws:ec2\/getVpc:getVpc`; it answers `getCallerIdentity`/);
    });

    it("exits 2 on two resources with one URN, in the real engine's words (tests/engine: it refuses them too)", async () => {
      const run = await previewProgram("duplicateNames");
      assert.equal(run.code, 2);
      assert.match(run.stderr, /Duplicate resource URN 'urn:pulumi:dev::duplicate-names::aws:sqs\/queue:Queue::n-a-x-dlq'; try giving it a unique name/);
    });

    it("rejects a bad --policy-pack-config before the program runs", async () => {
      const config = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "policy-config-")), "bad.json");
      fs.writeFileSync(config, JSON.stringify({ "s3-notification-filter-required": "blocking" }));
      // The program would fail with its own error if it ran.
      const run = await previewProgram("throws", "--policy-pack-config", config);
      assert.equal(run.code, 2);
      assert.equal(run.stderr, `error: ${config}: s3-notification-filter-required: \`blocking\` is not an enforcement level (advisory, mandatory, disabled, remediate)\n`);
    });
  });
});
