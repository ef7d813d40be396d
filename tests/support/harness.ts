import * as pulumi from "@pulumi/pulumi";
import { MockEngine, type CapturedResource } from "../../tools/offline/mockEngine";

export const ACCOUNT = "111122223333";
export const REGION = "us-east-1";

let engine: MockEngine | undefined;

/** The mock engine for this process, with its record cleared. */
export async function mockEngine(): Promise<MockEngine> {
  if (!engine) {
    pulumi.runtime.setConfig("aws:region", REGION);
    // One engine for every spec of the process: a late registration from one spec must not be
    // taken for a duplicate in the next (childNames.spec checks the components' names instead).
    engine = await MockEngine.install({ project: "s3-events", stack: "test", preview: false, region: REGION, accountId: ACCOUNT, refuseDuplicateUrns: false });
  }
  engine.reset();
  return engine;
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
