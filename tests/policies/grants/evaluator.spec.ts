import { strict as assert } from "assert";
import type { PolicyDocument } from "../../../policies/grants/documents";
import { evaluate, forgetVerdicts, statementLabel } from "../../../policies/grants/evaluator";
import { s3Request } from "../../../policies/grants/s3Requests";
import "../support";

const OWNER = "111122223333";
const QUEUE = `arn:aws:sqs:us-east-1:${OWNER}:ingest`;
const BUCKET = "arn:aws:s3:::acme-uploads";
const allow = { Sid: "AllowS3", Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sqs:SendMessage", Resource: QUEUE };
const doc = (...Statement: Record<string, unknown>[]): PolicyDocument => ({ Version: "2012-10-17", Statement });
const fromBucket = s3Request("sqs", QUEUE, { bucketArn: BUCKET, account: OWNER });

describe("the IAM evaluator behind every grant verdict", () => {
  it("allows what a statement allows, naming the statements that allow it", async () => {
    assert.deepEqual(await evaluate(doc(allow, { ...allow, Sid: "Again" }), fromBucket), { outcome: "Allowed", statements: ["statement `AllowS3`", "statement `Again`"] });
  });

  it("denies implicitly what no statement allows, naming none", async () => {
    assert.deepEqual(await evaluate(doc({ ...allow, Action: "sqs:ReceiveMessage" }), fromBucket), { outcome: "ImplicitlyDenied", statements: [] });
    assert.deepEqual(await evaluate(doc({ ...allow, Condition: { ArnLike: { "aws:SourceArn": "arn:aws:s3:::acme-other" } } }), fromBucket), { outcome: "ImplicitlyDenied", statements: [] });
  });

  it("denies explicitly what a Deny matches, naming the denying statements only", async () => {
    const deny = { Effect: "Deny", Principal: "*", Action: "sqs:*", Resource: QUEUE, Condition: { Bool: { "aws:SecureTransport": "false" } } };
    const clear = s3Request("sqs", QUEUE, { bucketArn: BUCKET, account: OWNER }, false);
    assert.deepEqual(await evaluate(doc(allow, deny), clear), { outcome: "ExplicitlyDenied", statements: ["statement 1"] });
    assert.deepEqual(await evaluate(doc(allow, deny), fromBucket), { outcome: "Allowed", statements: ["statement `AllowS3`"] });
  });

  it("has no outcome for a document IAM would not take", async () => {
    assert.deepEqual(await evaluate(doc({ ...allow, Effect: "Maybe" }), fromBucket), { outcome: undefined, statements: [] });
    // One the simulator's validation throws on.
    assert.deepEqual(await evaluate(doc({ ...allow, Condition: { Bool: null } }), fromBucket), { outcome: undefined, statements: [] });
  });

  it("names a statement by its Sid, else by its position", () => {
    const document = doc({ Sid: "First" }, { Sid: "" }, { Sid: 3 }, {});
    assert.deepEqual([0, 1, 2, 3].map((i) => statementLabel(document, i)), ["statement `First`", "statement 1", "statement 2", "statement 3"]);
    assert.equal(statementLabel(document, 9), "statement 9");
  });

  it("evaluates each document and request once, until told to forget", async () => {
    const document = doc(allow);
    const first = evaluate(document, fromBucket);
    assert.equal(evaluate(doc(allow), { ...fromBucket }), first);
    // Another document or request is another verdict.
    assert.equal((await evaluate(doc({ ...allow, Effect: "Deny" }), fromBucket)).outcome, "ExplicitlyDenied");
    assert.equal((await evaluate(document, { ...fromBucket, action: "sqs:ReceiveMessage" })).outcome, "ImplicitlyDenied");
    forgetVerdicts();
    assert.notEqual(evaluate(document, fromBucket), first);
  });
});
