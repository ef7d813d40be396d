import { strict as assert } from "assert";
import { s3DestinationGrantScoped, s3DestinationTlsOnly } from "../../../policies/rules/grantPolicies";
import { denyInsecureTransportStatement, policyDocument, serviceGrantStatement } from "../../../components/policyDocuments";
import { checkResource, UNKNOWN } from "../support";

const QUEUE = "arn:aws:sqs:us-east-1:111122223333:ingest";
const BUCKET = "arn:aws:s3:::acme-uploads";
const OWNER = "111122223333";
const QUEUE_POLICY = "aws:sqs/queuePolicy:QueuePolicy";

type Statement = Record<string, unknown>;
/** What the components write: S3 from the bucket and its owner, and no request without TLS. */
const scoped: Statement = { ...serviceGrantStatement({ sid: "AllowS3", service: "s3.amazonaws.com", actions: ["sqs:SendMessage"], resourceArn: QUEUE, sourceArn: BUCKET, sourceAccount: OWNER }) };
const tls: Statement = { ...denyInsecureTransportStatement(QUEUE, "sqs:*") };
const doc = (...statements: Statement[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const compliant = JSON.stringify(policyDocument([scoped as never, tls as never]));
/** The compliant grant with one thing changed. */
const grantWith = (change: Statement) => doc({ ...scoped, ...change }, tls);
const scopedViolations = (policy: string) => checkResource(s3DestinationGrantScoped, QUEUE_POLICY, { queueUrl: "https://sqs.us-east-1.amazonaws.com/111122223333/ingest", policy });

describe("s3-destination-grant-scoped: grants judged by what an IAM evaluator says they allow", () => {
  it("accepts what the components write, and the same grant with ArnEquals or several buckets", async () => {
    assert.deepEqual(await scopedViolations(compliant), []);
    assert.deepEqual(await scopedViolations(grantWith({ Condition: { ArnEquals: { "aws:SourceArn": BUCKET }, StringEquals: { "aws:SourceAccount": OWNER } } })), []);
    assert.deepEqual(await scopedViolations(grantWith({ Condition: { ArnLike: { "aws:SourceArn": [BUCKET, "arn:aws:s3:::acme-logs"] }, StringEquals: { "aws:SourceAccount": OWNER } } })), []);
  });

  // Each case: the compliant grant with one thing changed, and the request that gets in.
  const breaches: [string, Statement, RegExp][] = [
    ["no aws:SourceAccount (the old AWS doc policy)", { Condition: { ArnLike: { "aws:SourceArn": BUCKET } } }, /S3 sending from `arn:aws:s3:::acme-uploads` in account `999999999999` \(another account\)/],
    ["Principal `*` with only aws:SourceArn", { Principal: "*", Condition: { ArnLike: { "aws:SourceArn": BUCKET } } }, /another account/],
    ["Principal {AWS: *} with only aws:SourceArn", { Principal: { AWS: "*" }, Condition: { ArnLike: { "aws:SourceArn": BUCKET } } }, /another account/],
    ["a condition that scopes nothing (aws:SecureTransport)", { Condition: { Bool: { "aws:SecureTransport": "true" } } }, /another bucket/],
    ["a negated ArnNotLike", { Condition: { ArnNotLike: { "aws:SourceArn": BUCKET }, StringEquals: { "aws:SourceAccount": OWNER } } }, /S3 sending from `arn:aws:s3:::s3-notification-policies-probe-another-bucket` in account `111122223333` \(another bucket\)/],
    ["a negated StringNotEquals", { Condition: { ArnLike: { "aws:SourceArn": BUCKET }, StringNotEquals: { "aws:SourceAccount": OWNER } } }, /another account|no `aws:SourceAccount`/],
    ["StringLike `*`", { Condition: { StringLike: { "aws:SourceArn": "*", "aws:SourceAccount": "*" } } }, /another bucket/],
    ["aws:SourceArn arn:aws:s3:*:*:*", { Condition: { ArnLike: { "aws:SourceArn": "arn:aws:s3:*:*:*" }, StringEquals: { "aws:SourceAccount": OWNER } } }, /another bucket/],
    ["aws:SourceArn arn:aws:s3:::*", { Condition: { ArnLike: { "aws:SourceArn": "arn:aws:s3:::*" }, StringEquals: { "aws:SourceAccount": OWNER } } }, /another bucket/],
    ["...IfExists on aws:SourceAccount", { Condition: { ArnLike: { "aws:SourceArn": BUCKET }, StringEqualsIfExists: { "aws:SourceAccount": OWNER } } }, /no `aws:SourceAccount`/],
    ["no condition at all", { Condition: undefined }, /another bucket/],
  ];
  for (const [change, statement, request] of breaches) {
    it(`rejects ${change}, naming the statement and the request that got in`, async () => {
      const violations = await scopedViolations(grantWith(statement));
      assert.equal(violations.length, 1, JSON.stringify(violations));
      assert.match(violations[0].message, /^aws:sqs\/queuePolicy:QueuePolicy `subject`: statement `AllowS3` lets in S3 sending from/);
      assert.match(violations[0].message, request);
      assert.match(violations[0].message, /sqs-basic-examples-of-sqs-policies\.html$/);
    });
  }

  it("counts explicit Denies as IAM does: an open Allow fenced by Denies is scoped", async () => {
    const open = { Sid: "AllowS3", Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sqs:SendMessage", Resource: QUEUE };
    const fence = [
      { Sid: "OnlyOurBucket", Effect: "Deny", Principal: "*", Action: "sqs:SendMessage", Resource: QUEUE, Condition: { ArnNotEquals: { "aws:SourceArn": BUCKET } } },
      { Sid: "OnlyOurAccount", Effect: "Deny", Principal: "*", Action: "sqs:SendMessage", Resource: QUEUE, Condition: { StringNotEquals: { "aws:SourceAccount": OWNER } } },
    ];
    assert.deepEqual(await scopedViolations(doc(open, ...fence, tls)), []);
    const [v] = await scopedViolations(doc(open, fence[0], tls));
    assert.match(v.message, /statement `AllowS3` lets in .*another account/);
  });

  it("names a statement without Sid by its position, and reports each open statement once", async () => {
    const { Sid: _sid, ...anonymous }: Statement = { ...scoped, Condition: undefined };
    const violations = await scopedViolations(doc(tls, anonymous, { ...anonymous, Sid: "Second" }));
    assert.deepEqual(violations.map((v) => /: (statement \S+) lets in/.exec(v.message)?.[1]), ["statement 1", "statement `Second`"]);
  });

  it("reads a document IAM would reject (a null condition block) as letting no one in, without failing", async () => {
    assert.deepEqual(await scopedViolations(grantWith({ Condition: { ArnLike: null } })), []);
  });

  it("ignores grants to other principals", async () => {
    assert.deepEqual(await scopedViolations(doc({ ...scoped, Principal: { AWS: "arn:aws:iam::111122223333:root" }, Condition: undefined })), []);
  });

  it("reads every type that holds a queue or topic policy, in both libraries", async () => {
    const open = { Statement: [{ Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: ["sqs:SendMessage", "sns:Publish"], Resource: "*" }] };
    const cases: [string, string, unknown][] = [
      ["aws:sqs/queuePolicy:QueuePolicy", "policy", JSON.stringify(open)],
      ["aws:sns/topicPolicy:TopicPolicy", "policy", JSON.stringify(open)],
      ["aws:sqs/queue:Queue", "policy", JSON.stringify(open)],
      ["aws:sns/topic:Topic", "policy", JSON.stringify(open)],
      ["aws-native:sqs:QueueInlinePolicy", "policyDocument", open],
      ["aws-native:sns:TopicInlinePolicy", "policyDocument", open],
      ["aws-native:sns:TopicPolicy", "policyDocument", open],
    ];
    for (const [type, field, policy] of cases) {
      assert.equal((await checkResource(s3DestinationGrantScoped, type, { [field]: policy })).length, 1, type);
      assert.equal((await checkResource(s3DestinationTlsOnly, type, { [field]: policy })).length, 1, type);
    }
    // Not a type of @pulumi/aws-native 1.79: never read.
    assert.deepEqual(await checkResource(s3DestinationGrantScoped, "aws-native:sqs:QueuePolicy", { policyDocument: open }), []);
  });

  it("judges a document unknown during preview at update, with an advisory note", async () => {
    const violations = await checkResource(s3DestinationGrantScoped, QUEUE_POLICY, { queueUrl: UNKNOWN, policy: UNKNOWN });
    assert.equal(violations.length, 1);
    assert.equal(violations[0].advisory, true);
    assert.match(violations[0].message, /\.policy can't be known during preview/);
  });

  describe("Lambda permissions, as the statement Lambda writes for them", () => {
    const permission = { action: "lambda:InvokeFunction", function: "thumbnailer", principal: "s3.amazonaws.com", sourceArn: BUCKET, sourceAccount: OWNER };
    const types = ["aws:lambda/permission:Permission", "aws-native:lambda:Permission"];
    const check = (type: string, change: Record<string, unknown>) => {
      const props: Record<string, unknown> = { ...permission, ...change };
      if (type.startsWith("aws-native")) {
        props.functionName = props.function;
        delete props.function;
      }
      return checkResource(s3DestinationGrantScoped, type, props);
    };

    it("accepts a permission scoped to the bucket and its owner, in both libraries", async () => {
      for (const type of types) assert.deepEqual(await check(type, {}), [], type);
    });

    it("rejects one without sourceAccount, or without sourceArn, or for anyone, naming the request", async () => {
      for (const type of types) {
        const [noAccount] = await check(type, { sourceAccount: undefined });
        assert.match(noAccount.message, /statement 0 lets in S3 sending from `arn:aws:s3:::acme-uploads` in account `999999999999` \(another account\)/);
        assert.match(noAccount.message, /`sourceArn` and `sourceAccount`.*with-s3\.html$/);
        assert.match((await check(type, { sourceArn: undefined }))[0].message, /another bucket/);
        assert.equal((await check(type, { principal: "*", sourceAccount: undefined })).length, 1);
      }
    });

    it("reads a source unknown during preview as the one bucket or account it will be, so the verdict stays mandatory", async () => {
      for (const type of types) assert.deepEqual(await check(type, { sourceArn: UNKNOWN, sourceAccount: UNKNOWN }), [], type);
      assert.equal((await check(types[0], { sourceArn: UNKNOWN, sourceAccount: undefined }))[0].advisory, undefined);
    });

    it("ignores permissions for other principals", async () => {
      assert.deepEqual(await check(types[0], { principal: "sns.amazonaws.com", sourceArn: undefined, sourceAccount: undefined }), []);
    });
  });
});

describe("s3-destination-tls-only", () => {
  const tlsViolations = (policy: string) => checkResource(s3DestinationTlsOnly, QUEUE_POLICY, { policy });

  it("accepts a grant with a Deny for requests without TLS", async () => {
    assert.deepEqual(await tlsViolations(compliant), []);
  });

  it("flags a grant without one, or whose Deny does not cover S3's action", async () => {
    assert.match((await tlsViolations(doc(scoped)))[0].message, /lets s3\.amazonaws\.com in but does not deny S3 sending from `arn:aws:s3:::acme-uploads` in account `111122223333`/);
    assert.equal((await tlsViolations(doc(scoped, { ...tls, Action: "sqs:ReceiveMessage" }))).length, 1);
  });

  it("says nothing about a policy that does not let S3 in", async () => {
    assert.deepEqual(await tlsViolations(doc({ ...scoped, Principal: { AWS: "arn:aws:iam::111122223333:root" } })), []);
  });
});

describe("grant policies: exact messages", () => {
  const open = (action: string, resource: string) => JSON.stringify({ Statement: [{ Sid: "Open", Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: action, Resource: resource }] });
  const fix = "Allow s3.amazonaws.com only with `ArnLike aws:SourceArn` = the bucket ARN and `StringEquals aws:SourceAccount` = its owner";

  it("s3-destination-grant-scoped names the grant, the statement, the request, the destination type and the fix", async () => {
    const topic = "arn:aws:sns:us-east-1:111122223333:audit";
    const [sns] = await checkResource(s3DestinationGrantScoped, "aws:sns/topicPolicy:TopicPolicy", { arn: topic, policy: open("sns:Publish", topic) });
    assert.equal(
      sns.message,
      "aws:sns/topicPolicy:TopicPolicy `subject`: statement `Open` lets in S3 sending from `arn:aws:s3:::s3-notification-policies-probe-another-bucket` in account `111122223333` (another bucket), " +
        `so another bucket can make S3 send to this topic (a confused deputy). ${fix}. https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html`,
    );
    const [sqs] = await checkResource(s3DestinationGrantScoped, QUEUE_POLICY, { policy: open("sqs:SendMessage", QUEUE) });
    assert.match(sqs.message, new RegExp(`so another bucket can make S3 send to this queue \\(a confused deputy\\)\\. ${fix.replace(/[`=]/g, ".")}\\. https://docs\\.aws\\.amazon\\.com/AWSSimpleQueueService/`));
    const [lambda] = await checkResource(s3DestinationGrantScoped, "aws:lambda/permission:Permission", { function: "arn:aws:lambda:us-east-1:111122223333:function:thumbs", principal: "s3.amazonaws.com" });
    assert.equal(
      lambda.message,
      "aws:lambda/permission:Permission `subject`: statement 0 lets in S3 sending from `arn:aws:s3:::s3-notification-policies-probe-another-bucket` in account `111122223333` (another bucket), " +
        `so another bucket can make S3 send to this function (a confused deputy). ${fix} (\`sourceArn\` and \`sourceAccount\`). https://docs.aws.amazon.com/lambda/latest/dg/with-s3.html`,
    );
  });

  it("s3-destination-grant-scoped probes a permission at the function it names, or a stand-in", async () => {
    // The confused deputy's bucket is first tried in the function's own account.
    const permission = (props: Record<string, unknown>) => checkResource(s3DestinationGrantScoped, "aws:lambda/permission:Permission", { principal: "s3.amazonaws.com", ...props });
    assert.match((await permission({ function: "thumbs" }))[0].message, /in account `111111111111` \(another bucket\)/);
    assert.match((await permission({ function: "arn:aws:lambda:us-east-1:444455556666:function:thumbs" }))[0].message, /in account `444455556666` \(another bucket\)/);
  });

  it("s3-destination-tls-only names the grant, a request it lets in without TLS, and the fix", async () => {
    const [v] = await checkResource(s3DestinationTlsOnly, "aws:sns/topic:Topic", { policy: open("sns:Publish", "*") });
    assert.equal(
      v.message,
      "aws:sns/topic:Topic `subject` lets s3.amazonaws.com in but does not deny S3 sending from `arn:aws:s3:::s3-notification-policies-probe-another-bucket` in account `111111111111` (another bucket) " +
        "when `aws:SecureTransport` is false; it should, so messages never travel in clear text. Add a Deny for every principal with `Bool aws:SecureTransport = false`. https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html",
    );
  });

  it("s3-destination-tls-only leaves Lambda permissions alone: Lambda is only called over TLS", async () => {
    assert.deepEqual(await checkResource(s3DestinationTlsOnly, "aws:lambda/permission:Permission", { function: "thumbs", principal: "s3.amazonaws.com" }), []);
  });
});
