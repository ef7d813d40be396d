import { strict as assert } from "assert";
import { DestinationIndex, destinationTypes, kindOfDestination, refsOf } from "../../../policies/resources/destinations";
import { stackResource as r, UNKNOWN } from "../support";

const ACCOUNT = "111122223333";
const QUEUE_ARN = `arn:aws:sqs:us-east-1:${ACCOUNT}:ingest`;
const QUEUE_URL = `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/ingest`;
const FN_ARN = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:thumbs`;
const TOPIC_ARN = `arn:aws:sns:us-east-1:${ACCOUNT}:audit`;

describe("destination resources", () => {
  it("knows the function, queue and topic types of both libraries, and nothing else", () => {
    assert.deepEqual(destinationTypes("lambda"), ["aws:lambda/function:Function", "aws-native:lambda:Function"]);
    assert.deepEqual(destinationTypes("sqs"), ["aws:sqs/queue:Queue", "aws-native:sqs:Queue"]);
    assert.deepEqual(destinationTypes("sns"), ["aws:sns/topic:Topic", "aws-native:sns:Topic"]);
    for (const kind of ["lambda", "sqs", "sns"] as const) for (const type of destinationTypes(kind)) assert.equal(kindOfDestination(type), kind);
    assert.equal(kindOfDestination("aws:sqs/queuePolicy:QueuePolicy"), undefined);
    assert.equal(kindOfDestination("aws:s3/bucket:Bucket"), undefined);
  });

  describe("refsOf: every name a destination resource is known by", () => {
    it("reads a queue's ARN, URL and name", () => {
      const queue = r("aws:sqs/queue:Queue", "q", { arn: QUEUE_ARN, url: QUEUE_URL, name: "ingest", region: "us-east-1" });
      const full = { kind: "sqs", name: "ingest", region: "us-east-1", account: ACCOUNT };
      assert.deepEqual(refsOf(queue), [full, full, full]);
    });

    it("gives the name the account and region its ARN or URL shows, else the resource's region", () => {
      const name = (props: Record<string, unknown>) => refsOf(r("aws:sqs/queue:Queue", "q", { name: "ingest", ...props })).at(-1);
      assert.deepEqual(name({ arn: `arn:aws:sqs:eu-west-1:${ACCOUNT}:ingest` }), { kind: "sqs", name: "ingest", region: "eu-west-1", account: ACCOUNT });
      assert.deepEqual(name({ url: `https://sqs.eu-west-1.amazonaws.com/${ACCOUNT}/ingest` }), { kind: "sqs", name: "ingest", region: "eu-west-1", account: ACCOUNT });
      assert.deepEqual(name({ arn: "arn:aws:sqs:::ingest", url: QUEUE_URL }), { kind: "sqs", name: "ingest", region: "us-east-1", account: ACCOUNT });
      assert.deepEqual(name({ region: "ap-south-1" }), { kind: "sqs", name: "ingest", region: "ap-south-1", account: undefined });
      assert.deepEqual(name({ region: "", arn: `arn:aws:sqs:eu-west-1:${ACCOUNT}:ingest` }), { kind: "sqs", name: "ingest", region: "eu-west-1", account: ACCOUNT });
      assert.deepEqual(name({}), { kind: "sqs", name: "ingest", region: undefined, account: undefined });
    });

    it("reads each library's own field names", () => {
      const native = r("aws-native:sqs:Queue", "q", { arn: QUEUE_ARN, queueUrl: QUEUE_URL, queueName: "ingest" });
      assert.deepEqual(refsOf(native), [1, 2, 3].map(() => ({ kind: "sqs", name: "ingest", region: "us-east-1", account: ACCOUNT })));
      assert.deepEqual(refsOf(r("aws-native:sns:Topic", "t", { topicArn: TOPIC_ARN, topicName: "audit" })), [
        { kind: "sns", name: "audit", region: "us-east-1", account: ACCOUNT },
        { kind: "sns", name: "audit", region: "us-east-1", account: ACCOUNT },
      ]);
      assert.deepEqual(refsOf(r("aws-native:lambda:Function", "fn", { functionName: "thumbs" })), [{ kind: "lambda", name: "thumbs", region: undefined, account: undefined }]);
      // `arn` of an aws-native topic is not where its ARN is.
      assert.deepEqual(refsOf(r("aws-native:sns:Topic", "t", { arn: TOPIC_ARN })), []);
      assert.deepEqual(refsOf(r("aws:lambda/function:Function", "fn", { arn: FN_ARN, functionName: "ignored" })), [
        { kind: "lambda", name: "thumbs", region: "us-east-1", account: ACCOUNT, qualifier: undefined },
      ]);
    });

    it("skips what is unknown during preview, empty, not text, or not a reference", () => {
      assert.deepEqual(refsOf(r("aws:sqs/queue:Queue", "q", { arn: UNKNOWN, url: "", name: UNKNOWN, region: "us-east-1" })), []);
      assert.deepEqual(refsOf(r("aws:sqs/queue:Queue", "q", { name: "" })), []);
      assert.deepEqual(refsOf(r("aws:sqs/queue:Queue", "q", { arn: 7, url: "not/a/queue/url", name: "ingest", region: UNKNOWN })), [{ kind: "sqs", name: "ingest", region: undefined, account: undefined }]);
      assert.deepEqual(refsOf(r("aws:sns/topic:Topic", "t", { arn: QUEUE_ARN })), []);
    });

    it("reads nothing from a resource that is no destination", () => {
      assert.deepEqual(refsOf(r("aws:sqs/queuePolicy:QueuePolicy", "p", { arn: QUEUE_ARN, name: "ingest" })), []);
    });
  });

  describe("DestinationIndex: the stack resource a literal reference names", () => {
    const queue = r("aws:sqs/queue:Queue", "q", { arn: QUEUE_ARN, url: QUEUE_URL, name: "ingest" });
    const topic = r("aws:sns/topic:Topic", "t", { arn: `arn:aws:sns:us-east-1:${ACCOUNT}:ingest`, name: "ingest" });
    const fn = r("aws:lambda/function:Function", "fn", { arn: FN_ARN, name: "thumbs" });
    const policy = r("aws:sqs/queuePolicy:QueuePolicy", "p", { name: "ingest" });
    const index = new DestinationIndex([policy, topic, queue, fn]);

    it("finds a destination by its ARN, URL or name", () => {
      assert.equal(index.find({ kind: "sqs", name: "ingest", region: "us-east-1", account: ACCOUNT }), queue);
      assert.equal(index.find({ kind: "sqs", name: "ingest" }), queue);
      assert.equal(index.find({ kind: "lambda", name: "thumbs", account: ACCOUNT }), fn);
    });

    it("never takes a destination of another kind that has the same name", () => {
      assert.equal(index.find({ kind: "sns", name: "ingest" }), topic);
      assert.equal(new DestinationIndex([topic]).find({ kind: "sqs", name: "ingest" }), undefined);
    });

    it("never takes a destination in another account or region", () => {
      assert.equal(index.find({ kind: "sqs", name: "ingest", account: "444455556666" }), undefined);
      assert.equal(index.find({ kind: "sqs", name: "ingest", region: "eu-west-1" }), undefined);
      assert.equal(index.find({ kind: "sqs", name: "other" }), undefined);
    });

    it("finds the function a version or alias belongs to", () => {
      assert.equal(index.find({ kind: "lambda", name: "thumbs", qualifier: "live" }), fn);
    });

    it("finds one of two same-named queues by the account that tells them apart", () => {
      const theirs = r("aws:sqs/queue:Queue", "theirs", { arn: `arn:aws:sqs:us-east-1:444455556666:ingest` });
      const both = new DestinationIndex([theirs, queue]);
      assert.equal(both.find({ kind: "sqs", name: "ingest", account: ACCOUNT }), queue);
      assert.equal(both.find({ kind: "sqs", name: "ingest", account: "444455556666" }), theirs);
    });

    it("gives each resource's references as refsOf does", () => {
      assert.deepEqual(index.refsOf(queue), refsOf(queue));
      assert.equal(index.refsOf(queue), index.refsOf(queue));
    });
  });
});
