import { strict as assert } from "assert";
import type { CapturedResource } from "../../../tools/offline/mockEngine";
import type { ProgramRun } from "../../../tools/offline/runProgram";
import { stackResources } from "../../../tools/offline/stackResources";

const STACK = "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev";
const captured = (type: string, name: string, over: Partial<CapturedResource> = {}): CapturedResource => ({
  urn: `urn:pulumi:dev::p::${type}::${name}`,
  type,
  name,
  custom: true,
  parent: undefined,
  dependencies: [],
  propertyDependencies: {},
  inputs: { in: name },
  protect: false,
  retainOnDelete: false,
  aliases: [],
  ...over,
});
const queue = captured("aws:sqs/queue:Queue", "q", { outputs: { in: "q", arn: "arn" }, dependencies: ["d"], propertyDependencies: { policy: ["d"] } });
const component = captured("my:index:Thing", "t", { custom: false });
const policy = captured("aws-native:sqs:QueuePolicy", "p", { parent: component.urn });
const run: ProgramRun = { project: "p", stack: "dev", mode: "update", stackUrn: STACK, region: "eu-west-1", resources: [queue, component, policy], exports: {} };

describe("the resources a pack is sent", () => {
  it("start with the stack resource, then every resource with its inputs for Analyze", () => {
    const [root, q, t, p] = stackResources(run, "inputs");
    assert.deepEqual(root, { urn: STACK, type: "pulumi:pulumi:Stack", name: "p-dev", properties: {} });
    assert.deepEqual(q, {
      urn: queue.urn,
      type: "aws:sqs/queue:Queue",
      name: "q",
      properties: { in: "q" },
      parent: STACK,
      dependencies: ["d"],
      propertyDependencies: { policy: ["d"] },
      provider: { urn: "urn:pulumi:dev::p::pulumi:providers:aws::default", type: "pulumi:providers:aws", name: "default", properties: { region: "eu-west-1" } },
    });
    assert.equal(t.provider, undefined, "no default provider for a component's package");
    assert.equal(p.parent, component.urn);
    assert.deepEqual(p.provider, {
      urn: "urn:pulumi:dev::p::pulumi:providers:aws-native::default",
      type: "pulumi:providers:aws-native",
      name: "default",
      properties: { region: "eu-west-1" },
    });
  });

  it("with their outputs for AnalyzeStack, or their inputs when they have none", () => {
    const [, q, t] = stackResources(run, "outputs");
    assert.deepEqual(q.properties, { in: "q", arn: "arn" });
    assert.deepEqual(t.properties, { in: "t" });
  });
});
