// The schema every Pulumi language's SDK is generated from, inferred from the TypeScript sources by
// Pulumi's own analyzer (what `pulumi package add` runs), checked offline.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { Analyzer } from "@pulumi/pulumi/provider/experimental/analyzer";
import { generateSchema } from "@pulumi/pulumi/provider/experimental/schema";
import { parse } from "yaml";
import { pythonProblems, yamlProblems } from "../support/schemaUse";

type Property = { type?: string; $ref?: string; items?: Property; additionalProperties?: Property; optional?: boolean; plain?: boolean };
type ObjectType = { type: string; properties?: Record<string, Property>; required?: string[]; enum?: { value: string; name?: string }[] };
interface Schema {
  name: string;
  resources: Record<string, { inputProperties: Record<string, Property>; requiredInputs: string[]; properties: Record<string, Property> }>;
  types: Record<string, ObjectType>;
  dependencies?: { name: string; version: string }[];
}

const TYPE = (name: string) => `s3-events:index:${name}`;
const REF = (name: string) => `#/types/${TYPE(name)}`;

describe("the component schema (Pulumi's analyzer on the sources)", function () {
  this.timeout(180_000);
  let schema: Schema;
  before(() => {
    // The package as `pulumi package add` reads it: its package.json names it and its entry.
    const dir = path.join(__dirname, "../../components");
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { name: string; version: string; description: string };
    const { components, typeDefinitions, dependencies } = new Analyzer(dir, pkg.name, pkg, new Set(["BucketNotifications"])).analyze();
    schema = generateSchema(pkg.name, pkg.version, pkg.description, components, typeDefinitions, dependencies) as unknown as Schema;
  });

  it("is the package `s3-events`, run by the Node.js language host", () => {
    assert.equal(schema.name, "s3-events");
    assert.equal(fs.readFileSync(path.join(__dirname, "../../components/PulumiPlugin.yaml"), "utf8").trim(), "runtime: nodejs");
  });

  it("hosts BucketNotifications in module `index`, with buckets, destinations and rules required", () => {
    const component = schema.resources[TYPE("BucketNotifications")];
    assert.ok(component, `have ${Object.keys(schema.resources).join(", ")}`);
    assert.deepEqual(component.requiredInputs.sort(), ["buckets", "destinations", "rules"]);
    assert.equal(component.inputProperties.buckets.additionalProperties?.$ref, REF("BucketSource"));
    assert.equal(component.inputProperties.destinations.additionalProperties?.$ref, REF("Destination"));
    assert.equal(component.inputProperties.rules.items?.$ref, REF("NotificationRule"));
    assert.equal(component.inputProperties.alarmTopicArn.type, "string");
    assert.equal(component.inputProperties.alarmTopicArn.plain, undefined, "an Input");
  });

  it("describes a destination as one object with an optional field per kind, and no type named …Args", () => {
    const destination = schema.types[TYPE("Destination")];
    assert.deepEqual(Object.keys(destination.properties!).sort(), ["eventBridge", "lambda", "sns", "sqs"]);
    assert.deepEqual(destination.required ?? [], []);
    assert.equal(destination.properties!.sqs.$ref, REF("SqsDestination"));
    assert.deepEqual(Object.keys(schema.types).filter((t) => t.endsWith("Args")), []);
  });

  it("names a resource of the program and an existing one by separate fields", () => {
    const lambda = schema.types[TYPE("LambdaDestination")].properties!;
    assert.equal(lambda.function.$ref, "/aws/v7.48.0/schema.json#/resources/aws:lambda%2Ffunction:Function");
    assert.equal(lambda.functionArn.type, "string");
    const sqs = schema.types[TYPE("SqsDestination")].properties!;
    assert.equal(sqs.queue.$ref, "/aws/v7.48.0/schema.json#/resources/aws:sqs%2Fqueue:Queue");
    assert.equal(sqs.queueArn.type, "string");
    assert.equal(sqs.consumer.$ref, REF("SqsConsumer"));
    assert.equal(schema.types[TYPE("BucketSource")].properties!.bucket.$ref, "/aws/v7.48.0/schema.json#/resources/aws:s3%2Fbucket:Bucket");
    assert.equal(schema.types[TYPE("SnsDestination")].properties!.subscribers.additionalProperties?.$ref, REF("SnsSubscriber"));
    // An existing function's role, which its dead-letter queue must let send, for either kind that invokes it asynchronously.
    for (const kind of ["LambdaDestination", "EventBridgeDestination", "SnsSubscriber"]) {
      const fields = schema.types[TYPE(kind)].properties!;
      assert.equal(fields.functionRoleArn?.type, "string", kind);
      assert.match(String((fields.functionRoleArn as { description?: string }).description), /Required with `functionArn`/, kind);
    }
  });

  it("gives SqsDestination the queue fields it extends (QueueFields), each with its TSDoc", () => {
    const sqs = schema.types[TYPE("SqsDestination")].properties!;
    for (const field of ["queue", "queueArn", "queueUrl", "queueKmsKeyId", "queueMessageRetentionSeconds", "queueVisibilityTimeoutSeconds"]) {
      assert.ok(sqs[field], `SqsDestination.${field}`);
      assert.match(String((sqs[field] as { description?: string }).description), /\S/, `SqsDestination.${field} is documented`);
    }
    assert.equal(sqs.queueMessageRetentionSeconds.type, "number");
    assert.equal(sqs.maxReceiveCount.type, "number");
  });

  it("types events and encryption as enums, and requires a rule's id, bucket, destination and events", () => {
    const rule = schema.types[TYPE("NotificationRule")];
    assert.deepEqual(rule.required!.sort(), ["bucket", "destination", "events", "id"]);
    assert.equal(rule.properties!.events.items?.$ref, REF("S3Event"));
    assert.equal(rule.properties!.filter.$ref, REF("RuleFilter"));
    const events = schema.types[TYPE("S3Event")];
    assert.equal(events.type, "string");
    assert.ok(events.enum!.some((e) => e.value === "s3:ObjectCreated:*" && e.name === "ObjectCreatedAll"));
    assert.equal(events.enum!.length, 27);
    assert.deepEqual(schema.types[TYPE("QueueEncryption")].enum!.map((e) => e.value).sort(), ["create-key", "sqs-managed"]);
    assert.deepEqual(schema.types[TYPE("TopicEncryption")].enum!.map((e) => e.value).sort(), ["create-key", "none"]);
  });

  describe("the README's examples in other languages (Use the components in your own program)", () => {
    const section = () => {
      const readme = fs.readFileSync(path.join(__dirname, "../../README.md"), "utf8");
      const at = readme.indexOf("\n## Use the components in your own program\n");
      return readme.slice(at, readme.indexOf("\n## ", at + 1));
    };
    const block = (language: string) => {
      const found = new RegExp("```" + language + "\\n([\\s\\S]*?)```").exec(section());
      assert.ok(found, `a ${language} example`);
      return found[1];
    };

    it("YAML: parses, and uses only the schema's type token, properties, nested types and enum values", () => {
      const program = parse(block("yaml")) as { runtime: string; resources: Record<string, { type: string }> };
      assert.equal(program.runtime, "yaml");
      assert.ok(Object.values(program.resources).some((r) => r.type === TYPE("BucketNotifications")));
      assert.deepEqual(yamlProblems(program, schema), []);
      // The check has teeth: a wrong field, event or token is named.
      const wrong = { ...program, resources: { n: { type: TYPE("BucketNotifications"), properties: { buckets: {}, destinations: { d: { sqs: { maxRecieveCount: 5 } } }, rules: [{ id: "a", bucket: "b", destination: "d", events: ["s3:ObjectCreated"] }] } }, x: { type: TYPE("Notifications") } } };
      assert.deepEqual(yamlProblems(wrong, schema), [
        "resources.n.properties.destinations.d.sqs: `maxRecieveCount` is not a property",
        `resources.n.properties.rules[0].events[0]: \`s3:ObjectCreated\` is not a value of ${REF("S3Event")}`,
        `resources.x: type \`${TYPE("Notifications")}\` is not in the schema (${TYPE("BucketNotifications")})`,
      ]);
    });

    it("Python: the SDK's classes, snake_case keyword arguments and enum members all map to the schema", () => {
      const source = block("python");
      assert.match(source, /import pulumi_s3_events as s3_events/);
      assert.deepEqual(pythonProblems(source, schema, "s3_events"), []);
      const wrong = source.replace("max_receive_count=5", "max_recieve_count=5").replace("OBJECT_CREATED_ALL", "OBJECT_CREATED").replace("id=\"csv\",", "");
      assert.notEqual(wrong, source);
      const problems = pythonProblems(wrong, schema, "s3_events");
      assert.equal(problems.length, 3, problems.join("\n"));
      assert.match(problems[0], /^SqsDestinationArgs\(max_recieve_count=…\): no property `max_recieve_count`/);
      assert.equal(problems[1], "NotificationRuleArgs(…): `id` is required");
      assert.equal(problems[2], "S3Event.OBJECT_CREATED is not a member of S3Event");
    });

    it("Python: the engine fixture (tests/fixtures/python/components, run by `npm run test:engine`) maps to the schema too", () => {
      const source = fs.readFileSync(path.join(__dirname, "../fixtures/python/components/__main__.py"), "utf8");
      assert.match(source, /import pulumi_s3_events as s3_events/);
      assert.deepEqual(pythonProblems(source, schema, "s3_events"), []);
      assert.notDeepEqual(pythonProblems(source.replace("function_role_arn=thumbnailer_role.arn", "role_arn=thumbnailer_role.arn"), schema, "s3_events"), []);
    });
  });

  it("depends on the aws provider at the version the components are built with", () => {
    assert.deepEqual(schema.dependencies?.map((d) => `${d.name}@${d.version}`), ["aws@7.48.0"]);
  });
});
