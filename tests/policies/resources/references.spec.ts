import { strict as assert } from "assert";
import { arnOf, parseRef, sameDestination, type DestinationRef } from "../../../policies/resources/references";

const ACCOUNT = "111122223333";

describe("destination references", () => {
  describe("parseRef: how a program names a function, queue or topic", () => {
    it("reads a queue or topic ARN into its name, region and account", () => {
      assert.deepEqual(parseRef("sqs", `arn:aws:sqs:eu-west-1:${ACCOUNT}:ingest`), { kind: "sqs", name: "ingest", region: "eu-west-1", account: ACCOUNT });
      assert.deepEqual(parseRef("sns", `arn:aws:sns:us-east-1:${ACCOUNT}:audit`), { kind: "sns", name: "audit", region: "us-east-1", account: ACCOUNT });
    });

    it("reads ARNs of other partitions", () => {
      assert.deepEqual(parseRef("sqs", `arn:aws-cn:sqs:cn-north-1:${ACCOUNT}:ingest`), { kind: "sqs", name: "ingest", region: "cn-north-1", account: ACCOUNT });
      assert.deepEqual(parseRef("sns", `arn:aws-us-gov:sns:us-gov-west-1:${ACCOUNT}:audit`)?.region, "us-gov-west-1");
    });

    it("leaves a region or account the ARN leaves empty unknown, never empty", () => {
      assert.deepEqual(parseRef("sns", "arn:aws:sns:::audit"), { kind: "sns", name: "audit", region: undefined, account: undefined });
      assert.deepEqual(parseRef("lambda", "arn:aws:lambda:::function:thumbs"), { kind: "lambda", name: "thumbs", region: undefined, account: undefined, qualifier: undefined });
    });

    it("rejects an ARN of another service than the kind asked for", () => {
      assert.equal(parseRef("sqs", `arn:aws:sns:us-east-1:${ACCOUNT}:audit`), undefined);
      assert.equal(parseRef("lambda", `arn:aws:sqs:us-east-1:${ACCOUNT}:ingest`), undefined);
      assert.equal(parseRef("sns", `arn:aws:s3:::acme-uploads`), undefined);
    });

    it("reads a function ARN with and without a version or alias; `$LATEST` is no qualifier", () => {
      const fn = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:thumbs`;
      assert.deepEqual(parseRef("lambda", fn), { kind: "lambda", name: "thumbs", region: "us-east-1", account: ACCOUNT, qualifier: undefined });
      assert.equal(parseRef("lambda", `${fn}:live`)?.qualifier, "live");
      assert.equal(parseRef("lambda", `${fn}:7`)?.qualifier, "7");
      assert.equal(parseRef("lambda", `${fn}:$LATEST`)?.qualifier, undefined);
    });

    it("rejects a Lambda ARN that names no function (a layer, an event source mapping, no name)", () => {
      assert.equal(parseRef("lambda", `arn:aws:lambda:us-east-1:${ACCOUNT}:layer:deps:3`), undefined);
      assert.equal(parseRef("lambda", `arn:aws:lambda:us-east-1:${ACCOUNT}:event-source-mapping:abc`), undefined);
      assert.equal(parseRef("lambda", `arn:aws:lambda:us-east-1:${ACCOUNT}:function:`), undefined);
    });

    it("reads every form of queue URL, the legacy ones too", () => {
      const ingest = (region: string) => ({ kind: "sqs", name: "ingest", region, account: ACCOUNT });
      assert.deepEqual(parseRef("sqs", `https://sqs.eu-west-1.amazonaws.com/${ACCOUNT}/ingest`), ingest("eu-west-1"));
      assert.deepEqual(parseRef("sqs", `https://sqs.cn-north-1.amazonaws.com.cn/${ACCOUNT}/ingest`), ingest("cn-north-1"));
      assert.deepEqual(parseRef("sqs", `https://eu-west-1.queue.amazonaws.com/${ACCOUNT}/ingest`), ingest("eu-west-1"));
      // The oldest form has no region in it: it is us-east-1's.
      assert.deepEqual(parseRef("sqs", `https://queue.amazonaws.com/${ACCOUNT}/ingest`), ingest("us-east-1"));
    });

    it("reads a queue URL only for a queue, and only a whole one", () => {
      assert.equal(parseRef("sns", `https://sqs.eu-west-1.amazonaws.com/${ACCOUNT}/ingest`), undefined);
      assert.equal(parseRef("sqs", `https://sqs.eu-west-1.amazonaws.com/${ACCOUNT}/ingest/extra`), undefined);
      assert.equal(parseRef("sqs", `https://sqs.eu-west-1.amazonaws.com/${ACCOUNT}/ingest?x=1`), undefined);
      assert.equal(parseRef("sqs", `http://sqs.eu-west-1.amazonaws.com/${ACCOUNT}/ingest`), undefined);
      assert.equal(parseRef("sqs", `https://sqs.eu-west-1.example.com/${ACCOUNT}/ingest`), undefined);
      assert.equal(parseRef("sqs", `https://sqs.eu-west-1.amazonaws.com/acme/ingest`), undefined);
      assert.equal(parseRef("sqs", `xhttps://sqs.eu-west-1.amazonaws.com/${ACCOUNT}/ingest`), undefined);
    });

    it("reads a bare queue or topic name as a name with nothing else known", () => {
      assert.deepEqual(parseRef("sqs", "ingest"), { kind: "sqs", name: "ingest" });
      assert.deepEqual(parseRef("sns", "audit"), { kind: "sns", name: "audit" });
    });

    it("reads a Lambda partial ARN and a qualified name", () => {
      assert.deepEqual(parseRef("lambda", `${ACCOUNT}:function:thumbs`), { kind: "lambda", name: "thumbs", region: undefined, account: ACCOUNT, qualifier: undefined });
      assert.deepEqual(parseRef("lambda", `${ACCOUNT}:function:thumbs:live`), { kind: "lambda", name: "thumbs", region: undefined, account: ACCOUNT, qualifier: "live" });
      assert.deepEqual(parseRef("lambda", "thumbs:live"), { kind: "lambda", name: "thumbs", region: undefined, account: undefined, qualifier: "live" });
      assert.deepEqual(parseRef("lambda", "thumbs"), { kind: "lambda", name: "thumbs", region: undefined, account: undefined, qualifier: undefined });
      // Three parts that are not `account:function:name` are a name and a qualifier.
      assert.deepEqual(parseRef("lambda", "thumbs:function"), { kind: "lambda", name: "thumbs", region: undefined, account: undefined, qualifier: "function" });
      assert.deepEqual(parseRef("lambda", "thumbs:live:extra"), { kind: "lambda", name: "thumbs", region: undefined, account: undefined, qualifier: "live" });
    });

    it("names nothing with an empty value, a path, or an ARN it cannot read", () => {
      assert.equal(parseRef("sqs", ""), undefined);
      assert.equal(parseRef("lambda", ""), undefined);
      assert.equal(parseRef("sqs", "queues/ingest"), undefined);
      assert.equal(parseRef("sns", "arn:aws:sns:us-east-1"), undefined);
      assert.equal(parseRef("sqs", `arn:aws:sqs:us-east-1:acme:ingest`), undefined);
      assert.equal(parseRef("sqs", `arn:aws:sqs:US-EAST-1:${ACCOUNT}:ingest`), undefined);
      assert.equal(parseRef("sqs", `arn:aws:sqs:us-east-1:${ACCOUNT}:`), undefined);
    });

    it("does not read an ARN inside a longer value", () => {
      assert.deepEqual(parseRef("sqs", `my-arn:aws:sqs:us-east-1:${ACCOUNT}:ingest`), { kind: "sqs", name: `my-arn:aws:sqs:us-east-1:${ACCOUNT}:ingest` });
    });
  });

  describe("sameDestination: names match and nothing known contradicts", () => {
    const queue: DestinationRef = { kind: "sqs", name: "ingest", region: "us-east-1", account: ACCOUNT };

    it("matches a reference with itself and with one that knows less", () => {
      assert.equal(sameDestination(queue, { ...queue }), true);
      assert.equal(sameDestination(queue, { kind: "sqs", name: "ingest" }), true);
      assert.equal(sameDestination({ kind: "sqs", name: "ingest" }, queue), true);
      assert.equal(sameDestination({ kind: "sqs", name: "ingest", region: "us-east-1" }, { kind: "sqs", name: "ingest", account: ACCOUNT }), true);
    });

    it("tells apart another name, kind, region or account", () => {
      assert.equal(sameDestination(queue, { ...queue, name: "other" }), false);
      assert.equal(sameDestination(queue, { ...queue, kind: "sns" }), false);
      assert.equal(sameDestination(queue, { ...queue, region: "eu-west-1" }), false);
      assert.equal(sameDestination(queue, { ...queue, account: "444455556666" }), false);
      assert.equal(sameDestination({ ...queue, region: undefined }, { ...queue, account: "444455556666" }), false);
      assert.equal(sameDestination({ ...queue, account: undefined }, { ...queue, region: "eu-west-1" }), false);
    });

    it("tells apart Lambda qualifiers: an alias is not the function", () => {
      const fn: DestinationRef = { kind: "lambda", name: "thumbs", region: "us-east-1", account: ACCOUNT };
      assert.equal(sameDestination({ ...fn, qualifier: "live" }, { ...fn, qualifier: "live" }), true);
      assert.equal(sameDestination({ ...fn, qualifier: "live" }, fn), false);
      assert.equal(sameDestination(fn, { ...fn, qualifier: "live" }), false);
      assert.equal(sameDestination({ ...fn, qualifier: "live" }, { ...fn, qualifier: "1" }), false);
    });
  });

  describe("arnOf", () => {
    it("writes the ARN of a queue, topic or function when region and account are known", () => {
      assert.equal(arnOf({ kind: "sqs", name: "ingest", region: "us-east-1", account: ACCOUNT }), `arn:aws:sqs:us-east-1:${ACCOUNT}:ingest`);
      assert.equal(arnOf({ kind: "sns", name: "audit", region: "eu-west-1", account: ACCOUNT }), `arn:aws:sns:eu-west-1:${ACCOUNT}:audit`);
      assert.equal(arnOf({ kind: "lambda", name: "thumbs", region: "us-east-1", account: ACCOUNT }), `arn:aws:lambda:us-east-1:${ACCOUNT}:function:thumbs`);
      assert.equal(arnOf({ kind: "lambda", name: "thumbs", region: "us-east-1", account: ACCOUNT, qualifier: "live" }), `arn:aws:lambda:us-east-1:${ACCOUNT}:function:thumbs:live`);
    });

    it("writes the partition of the region: China and GovCloud ARNs are not `arn:aws:`", () => {
      assert.equal(arnOf({ kind: "sqs", name: "ingest", region: "cn-north-1", account: ACCOUNT }), `arn:aws-cn:sqs:cn-north-1:${ACCOUNT}:ingest`);
      assert.equal(arnOf({ kind: "lambda", name: "thumbs", region: "us-gov-west-1", account: ACCOUNT }), `arn:aws-us-gov:lambda:us-gov-west-1:${ACCOUNT}:function:thumbs`);
      const china: DestinationRef = { kind: "sns", name: "audit", region: "cn-northwest-1", account: ACCOUNT };
      assert.deepEqual(parseRef("sns", arnOf(china)!), china);
    });

    it("writes none when the region or the account is unknown", () => {
      assert.equal(arnOf({ kind: "sqs", name: "ingest", account: ACCOUNT }), undefined);
      assert.equal(arnOf({ kind: "sqs", name: "ingest", region: "us-east-1" }), undefined);
    });

    it("reads back what it writes", () => {
      const fn: DestinationRef = { kind: "lambda", name: "thumbs", region: "us-east-1", account: ACCOUNT, qualifier: "live" };
      assert.deepEqual(parseRef("lambda", arnOf(fn)!), fn);
    });
  });
});
