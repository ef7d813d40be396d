/**
 * One measurement in a fresh process (the Pulumi runtime is process-wide): builds a synthetic
 * program under the mock engine and prints JSON: wall time from build to the last registration,
 * resources registered, and peak memory above the baseline after loading the modules.
 */
import * as pulumi from "@pulumi/pulumi";
import { MockEngine } from "../../tools/offline/mockEngine";

async function main() {
  const [variant, size] = [process.argv[2], Number(process.argv[3])];
  pulumi.runtime.setConfig("aws:region", "us-east-1");
  const engine = await MockEngine.install({ project: "bench", stack: "bench", preview: true, region: "us-east-1", accountId: "123456789012" });
  const program = (variant === "components" ? await import("./components") : await import("./raw")) as { build(n: number): void };
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  const start = process.hrtime.bigint();
  program.build(size);
  await engine.settle();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const peakRss = process.resourceUsage().maxRSS * 1024;
  const resources = engine.resources.filter((r) => r.custom).length;
  const types: Record<string, number> = {};
  for (const r of engine.resources.filter((x) => x.custom)) types[r.type] = (types[r.type] ?? 0) + 1;
  process.stdout.write(JSON.stringify({ variant, size, ms, resources, peakBytes: Math.max(0, peakRss - baseline), types }) + "\n");
  process.exit(0);
}
void main();
