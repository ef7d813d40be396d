import * as pulumi from "@pulumi/pulumi";
import { strict as assert } from "assert";
import { GrantBook, type GrantTarget } from "../../components/grants";
import { jsonInput, mockEngine } from "../support/harness";

class Owner extends pulumi.ComponentResource {
  constructor(name = "owner") {
    super("test:index:Owner", name, {});
  }
}

const QUEUE_ARN = "arn:aws:sqs:us-east-1:111122223333:jobs";
const TOPIC_ARN = "arn:aws:sns:us-east-1:111122223333:audit";
const source = (key: string, account = "111122223333") => ({
  key,
  name: pulumi.output(`acme-${key}`),
  arn: pulumi.output(`arn:aws:s3:::acme-${key}`),
  accountId: pulumi.output(account),
});
const queue = (parent: pulumi.Resource, key: object | string = QUEUE_ARN): GrantTarget => ({
  key,
  parent,
  kind: "queue",
  name: "jobs-policy",
  arn: pulumi.output(QUEUE_ARN),
  url: pulumi.output("https://sqs/jobs"),
});

describe("GrantBook", () => {
  it("writes one queue policy per queue: a statement per source bucket and owner, then the TLS-only deny", async () => {
    const engine = await mockEngine();
    const owner = new Owner();
    const book = new GrantBook();
    book.allowS3From(queue(owner), [source("uploads"), source("partner", "999988887777")]);
    const policies = book.createPolicies();
    await engine.settle();
    assert.equal(policies.size, 1);
    const policy = engine.byName("jobs-policy");
    assert.equal(policy.type, "aws:sqs/queuePolicy:QueuePolicy");
    assert.equal(policy.inputs.queueUrl, "https://sqs/jobs");
    assert.equal(policy.parent, engine.byName("owner").urn);
    const statement = (sid: string, bucket: string, account: string) => ({
      Sid: sid,
      Effect: "Allow",
      Principal: { Service: "s3.amazonaws.com" },
      Action: "sqs:SendMessage",
      Resource: QUEUE_ARN,
      Condition: { ArnLike: { "aws:SourceArn": `arn:aws:s3:::${bucket}` }, StringEquals: { "aws:SourceAccount": account } },
    });
    assert.deepEqual(jsonInput(policy, "policy"), {
      Version: "2012-10-17",
      Statement: [
        statement("AllowS3FromUploads", "acme-uploads", "111122223333"),
        statement("AllowS3FromPartner", "acme-partner", "999988887777"),
        { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "sqs:*", Resource: QUEUE_ARN, Condition: { Bool: { "aws:SecureTransport": "false" } } },
      ],
    });
    assert.equal(book.policyFor(QUEUE_ARN), policies.get(QUEUE_ARN));
  });

  it("gathers grants made under one key into one policy, under the owner that granted first", async () => {
    const engine = await mockEngine();
    const first = new Owner("first");
    const book = new GrantBook();
    book.allowS3From(queue(first), [source("uploads")]);
    book.grant(queue(new Owner("second")), { sid: "AllowSnsFromAudit", service: "sns.amazonaws.com", actions: ["sqs:SendMessage"], sourceArn: TOPIC_ARN, sourceAccount: "111122223333" });
    book.createPolicies();
    await engine.settle();
    assert.equal(engine.ofType("aws:sqs/queuePolicy:QueuePolicy").length, 1);
    assert.equal(engine.byName("jobs-policy").parent, engine.byName("first").urn);
    const statements = (jsonInput(engine.byName("jobs-policy"), "policy") as { Statement: { Sid: string; Principal: object }[] }).Statement;
    assert.deepEqual(statements.map((s) => [s.Sid, s.Principal]), [
      ["AllowS3FromUploads", { Service: "s3.amazonaws.com" }],
      ["AllowSnsFromAudit", { Service: "sns.amazonaws.com" }],
      ["DenyInsecureTransport", "*"],
    ]);
  });

  it("writes a topic policy by the topic's ARN, allowing sns:Publish and denying publishing without TLS", async () => {
    const engine = await mockEngine();
    const book = new GrantBook();
    book.allowS3From({ key: TOPIC_ARN, parent: new Owner(), kind: "topic", name: "audit-policy", arn: pulumi.output(TOPIC_ARN) }, [source("uploads")]);
    book.createPolicies();
    await engine.settle();
    const policy = engine.byName("audit-policy");
    assert.equal(policy.type, "aws:sns/topicPolicy:TopicPolicy");
    assert.equal(policy.inputs.arn, TOPIC_ARN);
    const statements = (jsonInput(policy, "policy") as { Statement: { Action: string; Effect: string }[] }).Statement;
    assert.deepEqual(statements.map((s) => [s.Effect, s.Action]), [
      ["Allow", "sns:Publish"],
      ["Deny", "sns:Publish"],
    ]);
  });

  it("keeps policies of different keys apart", async () => {
    const engine = await mockEngine();
    const owner = new Owner();
    const book = new GrantBook();
    book.allowS3From({ ...queue(owner, "a"), name: "a-policy" }, [source("uploads")]);
    book.allowS3From({ ...queue(owner, "b"), name: "b-policy" }, [source("archive")]);
    book.createPolicies();
    await engine.settle();
    assert.deepEqual(engine.ofType("aws:sqs/queuePolicy:QueuePolicy").map((p) => p.name), ["a-policy", "b-policy"]);
    assert.notEqual(book.policyFor("a"), book.policyFor("b"));
  });

  it("refuses to write its policies twice, a policy for a key it never saw, and a queue without a URL", async () => {
    await mockEngine();
    const book = new GrantBook();
    assert.throws(() => book.policyFor(QUEUE_ARN), { message: "no policy was created for this destination" });
    book.allowS3From({ ...queue(new Owner()), url: undefined }, [source("uploads")]);
    assert.throws(() => book.createPolicies(), { message: "queue target jobs-policy has no URL" });
    assert.throws(() => book.createPolicies(), { message: "GrantBook.createPolicies was called twice" });
    assert.throws(() => new GrantBook().policyFor(QUEUE_ARN), { message: "no policy was created for this destination" });
  });
});
