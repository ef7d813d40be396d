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
  return failingFast(await MockEngine.install({ project: "s3-events", stack: "test", preview: false, region: REGION, accountId: ACCOUNT }));
}

/** The listener of the engine installed last: one engine, one listener. */
let listening: ((reason: unknown) => void) | undefined;

/**
 * Makes `settle()` fail instead of waiting for ever when a registration fails: an error thrown in an
 * `apply` (a deploy-time check that fails, a broken input) leaves the SDK's RPC pending, and shows
 * only as an unhandled rejection. Each such mutant used to time out and restart a Stryker worker.
 */
function failingFast(engine: MockEngine): MockEngine {
  const failures: unknown[] = [];
  let fail: ((reason: unknown) => void) | undefined;
  if (listening) process.off("unhandledRejection", listening);
  listening = (reason) => {
    failures.push(reason);
    fail?.(reason);
  };
  process.on("unhandledRejection", listening);
  const settle = engine.settle.bind(engine);
  engine.settle = () =>
    new Promise<void>((resolve, reject) => {
      if (failures.length > 0) return reject(failures[0]);
      fail = reject;
      settle().then(resolve, reject);
    });
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
