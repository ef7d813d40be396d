import { strict as assert } from "assert";
import type { PolicyDocument } from "../../../policies/grants/documents";
import { admitsDelivery, confusedDeputyBreaches, insecureDeliveries } from "../../../policies/grants/judgements";
import "../support";

const OWNER = "111122223333";
const QUEUE = `arn:aws:sqs:us-east-1:${OWNER}:ingest`;
const BUCKET = "arn:aws:s3:::acme-uploads";
const PROBE_BUCKET = "arn:aws:s3:::s3-notification-policies-probe-another-bucket";
const SCOPE = { ArnLike: { "aws:SourceArn": BUCKET }, StringEquals: { "aws:SourceAccount": OWNER } };
const allow = (Condition?: Record<string, unknown>, Sid = "AllowS3") => ({ Sid, Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sqs:SendMessage", Resource: QUEUE, ...(Condition ? { Condition } : {}) });
const denyClearText = { Sid: "TlsOnly", Effect: "Deny", Principal: "*", Action: "sqs:*", Resource: QUEUE, Condition: { Bool: { "aws:SecureTransport": "false" } } };
const doc = (...Statement: Record<string, unknown>[]): PolicyDocument => ({ Version: "2012-10-17", Statement });

describe("the questions the pack asks of a grant", () => {
  describe("confusedDeputyBreaches", () => {
    it("finds none in a grant scoped to the bucket and its owner", async () => {
      assert.deepEqual(await confusedDeputyBreaches(doc(allow(SCOPE)), "sqs"), []);
    });

    it("names the statement that lets another account's bucket in, with the first request it let in", async () => {
      assert.deepEqual(await confusedDeputyBreaches(doc(allow({ ArnLike: { "aws:SourceArn": BUCKET } })), "sqs"), [
        { statement: "statement `AllowS3`", request: `S3 sending from \`${BUCKET}\` in account \`999999999999\` (another account)` },
      ]);
    });

    it("reports each open statement once, at the first request it let in", async () => {
      const breaches = await confusedDeputyBreaches(doc(allow(), allow({ StringEquals: { "aws:SourceAccount": OWNER } }, "OwnerOnly")), "sqs");
      assert.deepEqual(breaches, [
        { statement: "statement `AllowS3`", request: `S3 sending from \`${PROBE_BUCKET}\` in account \`${OWNER}\` (another bucket)` },
        { statement: "statement `OwnerOnly`", request: `S3 sending from \`${PROBE_BUCKET}\` in account \`${OWNER}\` (another bucket)` },
      ]);
    });

    it("sends to the destinations the document names, in any partition", async () => {
      const china = `arn:aws-cn:sqs:cn-north-1:${OWNER}:ingest`;
      assert.equal((await confusedDeputyBreaches(doc({ ...allow(), Resource: china }), "sqs")).length, 1);
      assert.deepEqual(await confusedDeputyBreaches(doc({ ...allow(SCOPE), Resource: china }), "sqs"), []);
    });
  });

  describe("admitsDelivery", () => {
    it("lets S3 deliver from the bucket the grant names, and says what was asked", async () => {
      const delivery = await admitsDelivery(doc(allow(SCOPE)), "sqs", QUEUE, { bucketArn: BUCKET, account: OWNER });
      assert.equal(delivery.allowed, true);
      assert.equal(delivery.request, `S3 sending from \`${BUCKET}\` in account \`${OWNER}\` to \`${QUEUE}\``);
      assert.deepEqual(delivery.verdict, { outcome: "Allowed", statements: ["statement `AllowS3`"] });
    });

    it("refuses another bucket", async () => {
      const delivery = await admitsDelivery(doc(allow(SCOPE)), "sqs", QUEUE, { bucketArn: "arn:aws:s3:::acme-other", account: OWNER });
      assert.equal(delivery.allowed, false);
      assert.equal(delivery.verdict.outcome, "ImplicitlyDenied");
    });
  });

  describe("insecureDeliveries", () => {
    it("finds none when the grant denies every request without TLS", async () => {
      assert.deepEqual(await insecureDeliveries(doc(allow(SCOPE), denyClearText), "sqs"), { granted: true, insecure: [] });
    });

    it("names each delivery the grant allows without TLS: from the buckets and accounts it names", async () => {
      assert.deepEqual(await insecureDeliveries(doc(allow(SCOPE)), "sqs"), { granted: true, insecure: [`S3 sending from \`${BUCKET}\` in account \`${OWNER}\``] });
    });

    it("names every request of any source when the grant names none", async () => {
      const { granted, insecure } = await insecureDeliveries(doc(allow()), "sqs");
      assert.equal(granted, true);
      assert.deepEqual(insecure.map((d) => /\(([^)]+)\)$/.exec(d)?.[1]), ["another bucket", "another account", "no `aws:SourceAccount`"]);
    });

    it("tries each bucket with each account, skipping patterns, at most four", async () => {
      const buckets = ["a", "b", "c"].map((b) => `arn:aws:s3:::${b}`);
      const accounts = ["100000000001", "100000000002"];
      const document = doc(allow({ ArnEquals: { "AWS:SourceArn": [...buckets, "arn:aws:s3:::d-*", "arn:aws:s3:::e?"] }, StringEquals: { "aws:sourceaccount": [...accounts, "1*", 100000000003] } }));
      const { insecure } = await insecureDeliveries(document, "sqs");
      assert.deepEqual(insecure, [
        "S3 sending from `arn:aws:s3:::a` in account `100000000001`",
        "S3 sending from `arn:aws:s3:::a` in account `100000000002`",
        "S3 sending from `arn:aws:s3:::b` in account `100000000001`",
        "S3 sending from `arn:aws:s3:::b` in account `100000000002`",
      ]);
    });

    it("reads no grant, and does not fail, in a document with a condition block IAM would reject", async () => {
      assert.deepEqual(await insecureDeliveries(doc(allow({ ...SCOPE, Bool: null })), "sqs"), { granted: false, insecure: [] });
      assert.deepEqual(await confusedDeputyBreaches(doc(allow({ ...SCOPE, StringLike: null })), "sqs"), []);
    });

    it("reads no grant in a document that lets S3 in over no request", async () => {
      assert.deepEqual(await insecureDeliveries(doc({ ...allow(SCOPE), Principal: { AWS: `arn:aws:iam::${OWNER}:root` } }), "sqs"), { granted: false, insecure: [] });
      assert.deepEqual(await insecureDeliveries(doc({ ...allow(SCOPE), Condition: { ...SCOPE, Null: { "aws:SourceArn": "true" } } }), "sqs"), { granted: false, insecure: [] });
    });
  });
});
