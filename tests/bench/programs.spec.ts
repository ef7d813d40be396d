import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as path from "path";

const measure = path.join(__dirname, "../../bench/programs/measure.ts");
const run = (variant: string) => {
  const out = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", measure, variant, "3"], { encoding: "utf8" });
  return JSON.parse(out.stdout) as { resources: number; types: Record<string, number> };
};

describe("the benchmark's synthetic programs", function () {
  this.timeout(60_000);

  it("register the same AWS resources with and without the components, so the ratio is fair", () => {
    const components = run("components");
    const raw = run("raw");
    assert.deepEqual(raw.types, components.types);
    assert.equal(components.resources, 3 * 3 + 16);
  });
});
