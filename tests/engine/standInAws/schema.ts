// A package schema covering exactly the stand-in's types, so YAML programs type-check against it.
// Property types are `Any`: the stand-in checks names, not shapes (a fidelity limit, in the README).
import { invokeOutputs, invokes } from "./invokes";
import { resourceTypes } from "./resourceTypes";

const any = { $ref: "pulumi.json#/Any" };
const props = (names: readonly string[]) => Object.fromEntries(names.map((n) => [n, any]));

export function standInSchema(version: string): string {
  const resources = Object.fromEntries(
    Object.entries(resourceTypes).map(([token, t]) => {
      const computed = Object.keys(t.computed({}, { region: "us-east-1", account: "123456789012" }));
      return [token, { inputProperties: props(t.inputs), properties: props([...t.inputs, ...computed]) }];
    }),
  );
  const functions = Object.fromEntries(
    Object.entries(invokes).map(([token, invoke]) => [
      token,
      { inputs: { properties: props(invoke.inputs) }, outputs: { properties: props(invokeOutputs(invoke)) } },
    ]),
  );
  return JSON.stringify({ name: "aws", version, resources, functions, meta: { moduleFormat: "(.*)(?:/[^/]*)" } });
}
