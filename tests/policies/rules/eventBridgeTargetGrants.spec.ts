import type { PolicyResource } from "@pulumi/policy";
import { strict as assert } from "assert";
import { s3DestinationGrantPresent } from "../../../policies/rules/stackPolicies";
import { checkStack, paths, stackResource, UNKNOWN, withUnknownAt } from "../support";

const T = {
  bucket: "aws:s3/bucket:Bucket",
  notification: "aws:s3/bucketNotification:BucketNotification",
  fn: "aws:lambda/function:Function",
  permission: "aws:lambda/permission:Permission",
  queue: "aws:sqs/queue:Queue",
  queuePolicy: "aws:sqs/queuePolicy:QueuePolicy",
  topic: "aws:sns/topic:Topic",
  topicPolicy: "aws:sns/topicPolicy:TopicPolicy",
  eventRule: "aws:cloudwatch/eventRule:EventRule",
  eventTarget: "aws:cloudwatch/eventTarget:EventTarget",
};

const OWNER = "111122223333";
const RULE_ARN = `arn:aws:events:us-east-1:${OWNER}:rule/uploads-docs`;
const OTHER_RULE_ARN = `arn:aws:events:us-east-1:${OWNER}:rule/someone-else`;
const ARN = {
  fn: `arn:aws:lambda:us-east-1:${OWNER}:function:indexer`,
  queue: `arn:aws:sqs:us-east-1:${OWNER}:jobs`,
  topic: `arn:aws:sns:us-east-1:${OWNER}:feed`,
};
const QUEUE_URL = `https://sqs.us-east-1.amazonaws.com/${OWNER}/jobs`;
const PATTERN = JSON.stringify({ source: ["aws.s3"], "detail-type": ["Object Created"], detail: { bucket: { name: ["acme-uploads"] } } });

type Kind = "lambda" | "sqs" | "sns";
const KINDS: Kind[] = ["lambda", "sqs", "sns"];
const ACTION = { lambda: "lambda:InvokeFunction", sqs: "sqs:SendMessage", sns: "sns:Publish" } as const;

/** A queue or topic policy as the components write it: EventBridge from the rule, in its account. */
const eventsGrant = (kind: Kind, { sourceArn = RULE_ARN, service = "events.amazonaws.com", extra = [] as object[] } = {}) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AllowEvents",
        Effect: "Allow",
        Principal: { Service: service },
        Action: ACTION[kind],
        Resource: ARN[kind === "sqs" ? "queue" : kind === "sns" ? "topic" : "fn"],
        Condition: { ArnEquals: { "aws:SourceArn": sourceArn }, StringEquals: { "aws:SourceAccount": OWNER } },
      },
      ...extra,
    ],
  });

interface Known {
  /** The target's destination. */
  kind?: Kind;
  /** Grants and targets named by literal values instead of dependencies. */
  literal?: boolean;
  /** The queue or topic policy's document. */
  policy?: string;
  permission?: Record<string, unknown>;
  omitGrant?: boolean;
  /** Turn EventBridge on for the bucket. Defaults to true. */
  eventbridge?: unknown;
  pattern?: string;
  extra?: PolicyResource[];
  /** Changes the props of each resource as it is built, so dependencies see the change too. */
  transform?: (name: string, props: Record<string, unknown>) => Record<string, unknown>;
}

/**
 * The wiring the EventBridge destination produces, every value known (as at update): a bucket
 * with EventBridge on, a rule for its events, its target and the target's grant for the rule.
 */
function known(o: Known = {}) {
  const kind = o.kind ?? "sqs";
  const r: typeof stackResource = (type, name, props = {}, ...rest) => stackResource(type, name, o.transform ? o.transform(name, props) : props, ...rest);
  const bucket = r(T.bucket, "uploads", { bucket: "acme-uploads" });
  const notification = r(T.notification, "n", { bucket: "acme-uploads", eventbridge: o.eventbridge ?? true }, { bucket: [bucket] });
  const rule = r(T.eventRule, "rule", { name: "uploads-docs", arn: RULE_ARN, eventPattern: o.pattern ?? PATTERN });
  const deps = (d: Record<string, PolicyResource[]>) => (o.literal ? {} : d);
  let destination: PolicyResource;
  let grant: PolicyResource;
  if (kind === "lambda") {
    destination = r(T.fn, "fn", { name: "indexer", arn: ARN.fn, region: "us-east-1" });
    grant = r(
      T.permission,
      "allow-events",
      { principal: "events.amazonaws.com", action: "lambda:InvokeFunction", function: o.literal ? "indexer" : ARN.fn, sourceArn: RULE_ARN, ...o.permission },
      deps({ function: [destination], sourceArn: [rule] }),
    );
  } else if (kind === "sqs") {
    destination = r(T.queue, "q", { name: "jobs", arn: ARN.queue, url: QUEUE_URL, region: "us-east-1" });
    grant = r(T.queuePolicy, "q-policy", { queueUrl: QUEUE_URL, policy: o.policy ?? eventsGrant("sqs") }, deps({ queueUrl: [destination] }));
  } else {
    destination = r(T.topic, "t", { name: "feed", arn: ARN.topic, region: "us-east-1" });
    grant = r(T.topicPolicy, "t-policy", { arn: ARN.topic, policy: o.policy ?? eventsGrant("sns") }, deps({ arn: [destination] }));
  }
  // The target names its destination's ARN as the destination has it (unknown when it is).
  const raw = { lambda: ["fn", ARN.fn], sqs: ["q", ARN.queue], sns: ["t", ARN.topic] }[kind];
  const arn = (o.transform ? o.transform(raw[0], { arn: raw[1] }) : { arn: raw[1] }).arn;
  // The rule is found through the target's dependency on it, known in every preview.
  const target = r(T.eventTarget, "target", { rule: "uploads-docs", arn }, o.literal ? { rule: [rule] } : { rule: [rule], arn: [destination] });
  const resources = [bucket, notification, rule, destination, target, ...(o.omitGrant ? [] : [grant]), ...(o.extra ?? [])];
  return { resources, rule, target, destination, grant };
}

const TARGET = "aws:cloudwatch/eventTarget:EventTarget `target`";
const RULE = "aws:cloudwatch/eventRule:EventRule `rule`";
const DESTINATION = { lambda: "aws:lambda/function:Function `fn`", sqs: "aws:sqs/queue:Queue `q`", sns: "aws:sns/topic:Topic `t`" } as const;
const GRANT = { lambda: "aws:lambda/permission:Permission `allow-events`", sqs: "aws:sqs/queuePolicy:QueuePolicy `q-policy`", sns: "aws:sns/topicPolicy:TopicPolicy `t-policy`" } as const;
const DOCS = "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html";

/** A grant for the same kind, broken as `how` says. */
function broken(kind: Kind, how: "another rule" | "deny" | "wrong principal"): Known {
  if (kind === "lambda") {
    const permission = { "another rule": { sourceArn: OTHER_RULE_ARN }, deny: {}, "wrong principal": { principal: "s3.amazonaws.com" } }[how];
    return { kind, permission };
  }
  const deny = { Sid: "DenyEvents", Effect: "Deny", Principal: "*", Action: ACTION[kind], Resource: "*" };
  const policy = {
    "another rule": eventsGrant(kind, { sourceArn: OTHER_RULE_ARN }),
    deny: eventsGrant(kind, { extra: [deny] }),
    "wrong principal": eventsGrant(kind, { service: "s3.amazonaws.com" }),
  }[how];
  return { kind, policy };
}

describe("s3-destination-grant-present: EventBridge's request from the rule, evaluated against every grant of its target", () => {
  it("finds nothing wrong with the grants the EventBridge destination writes, by dependency or by literal names and ARNs", async () => {
    for (const kind of KINDS) {
      for (const literal of [false, true]) assert.deepEqual(await checkStack(s3DestinationGrantPresent, known({ kind, literal }).resources), [], `${kind} literal=${literal}`);
    }
  });

  it("rejects a queue policy for another rule, naming the request EventBridge makes", async () => {
    assert.deepEqual(
      (await checkStack(s3DestinationGrantPresent, known(broken("sqs", "another rule")).resources)).map((v) => [v.message, v.urn]),
      [
        [
          `${TARGET} delivers S3 events from EventBridge ${RULE} to ${DESTINATION.sqs}, but no grant of it lets in events.amazonaws.com sending from rule \`${RULE_ARN}\` ` +
            `to \`${ARN.queue}\` (${GRANT.sqs}: no statement allows it), so every delivery fails and events go to the target's dead-letter queue, or are lost. ` +
            `Grant events.amazonaws.com \`sqs:SendMessage\` with \`aws:SourceArn\` = the rule's ARN. ${DOCS}`,
          "urn:pulumi:test::app::aws:cloudwatch/eventTarget:EventTarget::target",
        ],
      ],
    );
  });

  for (const how of ["another rule", "wrong principal"] as const) {
    it(`rejects a grant to ${how === "another rule" ? "another rule" : "another principal"}, for a function, a queue and a topic, by dependency or literal`, async () => {
      for (const kind of KINDS) {
        for (const literal of [false, true]) {
          const violations = await checkStack(s3DestinationGrantPresent, known({ ...broken(kind, how), literal }).resources);
          assert.equal(violations.length, 1, `${kind} literal=${literal}`);
          assert.match(violations[0].message, new RegExp(`to ${DESTINATION[kind].replace(/[/`]/g, ".")}, but no grant of it lets in .*\\(${GRANT[kind].replace(/[/`]/g, ".")}: no statement allows it\\)`));
          assert.match(violations[0].message, new RegExp(`Grant events\\.amazonaws\\.com \`${ACTION[kind]}\``));
        }
      }
    });
  }

  it("rejects a grant whose Deny overrides its Allow, naming the denying statement", async () => {
    for (const kind of ["sqs", "sns"] as const) {
      const [v] = await checkStack(s3DestinationGrantPresent, known(broken(kind, "deny")).resources);
      assert.match(v.message, new RegExp(`\\(${GRANT[kind].replace(/[/`]/g, ".")}: denied by statement \`DenyEvents\`\\)`), kind);
    }
  });

  it("judges nothing without the rule's ARN or the destination's", async () => {
    const without = (name: string, arn?: string) => (n: string, props: Record<string, unknown>) => {
      if (n !== name) return props;
      const { arn: _, ...rest } = props;
      return arn === undefined ? rest : { ...rest, arn };
    };
    for (const [name, arn] of [["rule", undefined], ["rule", ""], ["t", undefined]] as const) {
      assert.deepEqual(await checkStack(s3DestinationGrantPresent, known({ ...broken("sns", "another rule"), transform: without(name, arn) }).resources), [], `${name} ${arn}`);
    }
  });

  it("accepts a grant that lets EventBridge in only over TLS, as a service, as EventBridge calls", async () => {
    const policy = eventsGrant("sqs").replace('"StringEquals"', '"Bool":{"aws:SecureTransport":"true","aws:PrincipalIsAWSService":"true"},"StringEquals"');
    assert.notEqual(policy, eventsGrant("sqs"));
    assert.deepEqual(await checkStack(s3DestinationGrantPresent, known({ policy }).resources), []);
    const named = eventsGrant("sqs").replace('"StringEquals":{', '"StringEquals":{"aws:PrincipalServiceName":"events.amazonaws.com",');
    assert.notEqual(named, eventsGrant("sqs"));
    assert.deepEqual(await checkStack(s3DestinationGrantPresent, known({ policy: named }).resources), []);
  });

  it("names every grant that refuses, and every denying statement", async () => {
    const denyAll = { Sid: "DenyAll", Effect: "Deny", Principal: "*", Action: "sqs:*", Resource: "*" };
    const denyEvents = { Sid: "DenyEvents", Effect: "Deny", Principal: "*", Action: "sqs:SendMessage", Resource: "*" };
    const own = (name: string, props: Record<string, unknown>) => (name === "q" ? { ...props, policy: eventsGrant("sqs", { sourceArn: OTHER_RULE_ARN }) } : props);
    const [v] = await checkStack(s3DestinationGrantPresent, known({ policy: eventsGrant("sqs", { extra: [denyEvents, denyAll] }), transform: own }).resources);
    assert.match(v.message, /\(aws:sqs\/queuePolicy:QueuePolicy `q-policy`, aws:sqs\/queue:Queue `q`: denied by statement `DenyEvents`, statement `DenyAll`\)/);
  });

  it("takes only EventBridge targets as targets", async () => {
    const c = known({ omitGrant: true });
    const notATarget = stackResource("aws:cloudwatch/eventArchive:EventArchive", "archive", { arn: ARN.queue }, { rule: [c.rule], arn: [c.destination] });
    assert.deepEqual((await checkStack(s3DestinationGrantPresent, [...c.resources, notATarget])).map((v) => v.urn), ["urn:pulumi:test::app::aws:cloudwatch/eventTarget:EventTarget::target"]);
  });

  it("rejects a grant for EventBridge in another account", async () => {
    const policy = eventsGrant("sqs").replace(`"aws:SourceAccount":"${OWNER}"`, `"aws:SourceAccount":"444455556666"`);
    assert.notEqual(policy, eventsGrant("sqs"));
    assert.equal((await checkStack(s3DestinationGrantPresent, known({ policy }).resources)).length, 1);
  });

  it("accepts a grant to every rule of the account, as IAM matches the rule's ARN", async () => {
    const policy = eventsGrant("sqs", { sourceArn: `arn:aws:events:us-east-1:${OWNER}:rule/*` }).replace("ArnEquals", "ArnLike");
    assert.deepEqual(await checkStack(s3DestinationGrantPresent, known({ policy }).resources), []);
  });

  it("rejects a grant that holds no statement, and says so", async () => {
    const [v] = await checkStack(s3DestinationGrantPresent, known({ policy: "" }).resources);
    assert.match(v.message, /\(aws:sqs\/queuePolicy:QueuePolicy `q-policy`: none holds a statement\)/);
  });

  it("rejects a target with no grant in the stack, saying which grant each kind lacks", async () => {
    const lacks = { lambda: "an aws.lambda.Permission", sqs: "a queue policy", sns: "a topic policy" } as const;
    for (const kind of KINDS) {
      assert.deepEqual(
        (await checkStack(s3DestinationGrantPresent, known({ kind, omitGrant: true }).resources)).map((v) => v.message),
        [
          `${TARGET} delivers S3 events from EventBridge ${RULE} to ${DESTINATION[kind]}, which has no grant in this stack, so every delivery fails and events go to the target's ` +
            `dead-letter queue, or are lost. Add ${lacks[kind]}: Grant events.amazonaws.com \`${ACTION[kind]}\` with \`aws:SourceArn\` = the rule's ARN. ${DOCS}`,
        ],
        kind,
      );
    }
  });

  it("accepts a queue's own policy when it lets EventBridge in, and rejects one that does not", async () => {
    const own = (policy: string) => (name: string, props: Record<string, unknown>) => (name === "q" ? { ...props, policy } : props);
    assert.deepEqual(await checkStack(s3DestinationGrantPresent, known({ omitGrant: true, transform: own(eventsGrant("sqs")) }).resources), []);
    const [v] = await checkStack(s3DestinationGrantPresent, known({ omitGrant: true, transform: own(eventsGrant("sqs", { sourceArn: OTHER_RULE_ARN })) }).resources);
    assert.match(v.message, /\(aws:sqs\/queue:Queue `q`: no statement allows it\)/);
  });

  it("judges only targets of rules for S3 events, when a notification turns EventBridge on", async () => {
    const ec2 = JSON.stringify({ source: ["aws.ec2"] });
    for (const o of [{ eventbridge: false }, { eventbridge: "true" }, { pattern: ec2 }, { pattern: UNKNOWN }]) {
      assert.deepEqual(await checkStack(s3DestinationGrantPresent, known({ ...o, omitGrant: true }).resources), [], JSON.stringify(o));
    }
  });

  it("leaves alone a target outside the stack with no grant in it, and a target that is no function, queue or topic", async () => {
    const outside = (arn: string) => (name: string, props: Record<string, unknown>) => (name === "target" ? { ...props, arn } : props);
    const theirs = "arn:aws:sqs:us-east-1:444455556666:theirs";
    assert.deepEqual(await checkStack(s3DestinationGrantPresent, known({ literal: true, omitGrant: true, transform: outside(theirs) }).resources), []);
    const stream = `arn:aws:kinesis:us-east-1:${OWNER}:stream/s`;
    assert.deepEqual(await checkStack(s3DestinationGrantPresent, known({ literal: true, omitGrant: true, transform: outside(stream) }).resources), []);
    // Not an ARN (EventBridge's API refuses it): it names no function of the stack.
    assert.deepEqual(await checkStack(s3DestinationGrantPresent, known({ kind: "lambda", literal: true, omitGrant: true, transform: outside("indexer") }).resources), []);
  });

  it("judges a grant in the stack of a queue outside it, by the queue's literal URL", async () => {
    const theirs = "https://sqs.us-east-1.amazonaws.com/444455556666/theirs";
    const theirArn = "arn:aws:sqs:us-east-1:444455556666:theirs";
    const arn = (name: string, props: Record<string, unknown>) => (name === "target" ? { ...props, arn: theirArn } : name === "q-policy" ? { ...props, queueUrl: theirs } : props);
    const [v] = await checkStack(s3DestinationGrantPresent, known({ literal: true, policy: eventsGrant("sqs", { sourceArn: OTHER_RULE_ARN }), transform: arn }).resources);
    assert.match(v.message, new RegExp(`to \`${theirArn}\`, but no grant of it lets in events\\.amazonaws\\.com sending from rule \`${RULE_ARN}\` to \`${theirArn}\``));
    assert.deepEqual(await checkStack(s3DestinationGrantPresent, known({ literal: true, policy: eventsGrant("sqs").replace(ARN.queue, theirArn), transform: arn }).resources), []);
  });
});


describe("s3-destination-grant-present on an aws-native rule's inline targets", () => {
  /** The same wiring with the rule and its one target written as CloudFormation's AWS::Events::Rule. */
  const native = (o: Known = {}) => {
    const { resources, rule, destination } = known(o);
    const nativeRule = stackResource(
      "aws-native:events:Rule",
      "docs",
      { arn: RULE_ARN, eventPattern: JSON.parse(PATTERN), targets: [{ id: "index", arn: peekArn(destination), deadLetterConfig: { arn: `${ARN.queue}-dlq` } }] },
      { targets: [destination] },
    );
    return resources.filter((x) => x !== rule && x.type !== T.eventTarget).concat(nativeRule);
  };
  const peekArn = (r: PolicyResource) => (r.props as { arn: string }).arn;

  it("finds nothing wrong with a grant for the rule, and names the rule and the target's id when the grant is for another", async () => {
    for (const kind of KINDS) assert.deepEqual(await checkStack(s3DestinationGrantPresent, native({ kind })), [], kind);
    const [v, ...more] = await checkStack(s3DestinationGrantPresent, native(broken("sqs", "another rule")));
    assert.deepEqual(more, []);
    assert.equal(v.urn, "urn:pulumi:test::app::aws-native:events:Rule::docs");
    assert.match(
      v.message,
      /^aws-native:events:Rule `docs`, target `index` delivers S3 events from EventBridge aws-native:events:Rule `docs` to aws:sqs\/queue:Queue `q`, but no grant of it lets in events\.amazonaws\.com sending from rule/,
    );
  });

  it("rejects a target whose function has no permission for EventBridge", async () => {
    const [v] = await checkStack(s3DestinationGrantPresent, native({ kind: "lambda", omitGrant: true }));
    assert.match(v.message, /^aws-native:events:Rule `docs`, target `index` delivers S3 events .* to aws:lambda\/function:Function `fn`, which has no grant in this stack/);
  });
});

describe("s3-destination-grant-present on EventBridge targets with the engine's unknown sentinel", () => {
  it("never turns a compliant stack into a mandatory violation: what waits on an unknown is an advisory note", async function () {
    this.timeout(120_000);
    for (const kind of KINDS) {
      for (const literal of [false, true]) {
        for (const subject of known({ kind, literal }).resources) {
          for (const path of paths(JSON.parse(JSON.stringify(subject.props)))) {
            const transform = (name: string, props: Record<string, unknown>) => (name === subject.name ? withUnknownAt(props, path) : props);
            const violations = await checkStack(s3DestinationGrantPresent, known({ kind, literal, transform }).resources);
            assert.deepEqual(violations.filter((v) => !v.advisory), [], `${kind}: ${subject.name}.${path.join(".")} unknown (literal=${literal})`);
          }
        }
      }
    }
  });

  it("judges at update a grant that waits on the rule's ARN, the target's, a policy document or a permission's source", async () => {
    const cases: [Kind, string, string][] = [
      ["sqs", "rule", "arn"],
      ["sns", "t", "arn"],
      ["sqs", "q-policy", "policy"],
      ["sns", "t-policy", "policy"],
      ["lambda", "allow-events", "sourceArn"],
    ];
    for (const [kind, name, field] of cases) {
      // Broken where it is known, so only the unknown value keeps the verdict from being a violation.
      const transform = (n: string, props: Record<string, unknown>) => (n === name ? { ...props, [field]: UNKNOWN } : props);
      const violations = await checkStack(s3DestinationGrantPresent, known({ ...broken(kind, "another rule"), transform }).resources);
      assert.deepEqual(violations.map((v) => v.advisory), [true], `${name}.${field}`);
      assert.match(violations[0].message, new RegExp(`judged at update: whether a grant lets EventBridge ${RULE.replace(/[/`]/g, ".")} deliver to ${DESTINATION[kind].replace(/[/`]/g, ".")}$`));
    }
    const unknownArn = async (name: string, kind: Kind) =>
      (await checkStack(s3DestinationGrantPresent, known({ kind, transform: (n, props) => (n === name ? { ...props, arn: UNKNOWN } : props) }).resources))[0].message;
    assert.match(await unknownArn("rule", "sqs"), /^can't run policy during preview: string value at \.rule\.arn can't be known during preview; judged at update/);
    assert.match(await unknownArn("t", "sns"), /^can't run policy during preview: string value at \.t\.arn can't be known during preview; judged at update/);
  });

  it("judges at update a missing grant when another grant's target is unknown: it may be this one", async () => {
    const unresolved = stackResource(T.queuePolicy, "unresolved", { queueUrl: UNKNOWN, policy: eventsGrant("sqs") });
    const violations = await checkStack(s3DestinationGrantPresent, known({ omitGrant: true, extra: [unresolved] }).resources);
    assert.deepEqual(violations.map((v) => v.advisory), [true]);
    assert.match(violations[0].message, /judged at update: whether aws:sqs\/queuePolicy:QueuePolicy `unresolved` grants aws:sqs\/queue:Queue `q` to EventBridge$/);
  });

  it("still reports a target with no grant as mandatory when another target's grant waits on an unknown", async () => {
    const other = known({ kind: "sns", transform: (n, props) => (n === "rule" ? { ...props, arn: UNKNOWN } : props) });
    const violations = await checkStack(s3DestinationGrantPresent, [...known({ omitGrant: true }).resources, ...other.resources.filter((x) => x.type.startsWith("aws:sns"))]);
    assert.equal(violations.length, 1);
  });
});
