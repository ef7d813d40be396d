import * as pulumi from "@pulumi/pulumi";
import { MockEngine, type CapturedResource } from "../../tools/offline/mockEngine";

export const ACCOUNT = "111122223333";
export const REGION = "us-east-1";

/**
 * A fresh mock engine for the calling test. Each call installs new mocks (a new monitor and a new
 * record of pending RPCs), so nothing an earlier test left behind reaches this one: a registration
 * still in flight after a failed assertion, or one that never completes, which would otherwise make
 * every later `settle()` wait for ever (as it did under mutation testing).
 */
export async function mockEngine(): Promise<MockEngine> {
  // Fresh config too: nothing an earlier spec (or an offline preview run in this process) set.
  pulumi.runtime.setAllConfig({ "aws:region": REGION });
  return MockEngine.install({ project: "s3-events", stack: "test", preview: false, region: REGION, accountId: ACCOUNT });
}

export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

/** A resource's JSON-string input, parsed. */
export function jsonInput(resource: CapturedResource, key: string): unknown {
  const value = resource.inputs[key];
  if (typeof value !== "string") throw new Error(`${resource.name}.${key} is not a JSON string: ${String(value)}`);
  return JSON.parse(value);
}

/** The AWS resources (not components) registered, as `type name` lines, sorted. */
export function awsResources(e: MockEngine): string[] {
  return e.resources.filter((r) => r.type.startsWith("aws:")).map((r) => `${r.type} ${r.name}`).sort();
}

/** Runs `build`, expecting it to throw; returns the message. */
export function thrownBy(build: () => unknown): string {
  try {
    build();
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
  throw new Error("expected an error, but none was thrown");
}
