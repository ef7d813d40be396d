// The benchmark compares the components with the same AWS resources written by hand
// (bench/programs/): the comparison is fair only if both register the same resources at every size.
import { strict as assert } from "assert";
import * as components from "../../bench/programs/components";
import * as raw from "../../bench/programs/raw";
import { mockEngine } from "../support/harness";

/** Custom resources registered by `build(buckets)`, counted by type. */
async function registered(program: { build(buckets: number): void }, buckets: number): Promise<Record<string, number>> {
  const engine = await mockEngine();
  program.build(buckets);
  await engine.settle();
  const types: Record<string, number> = {};
  for (const r of engine.resources.filter((x) => x.custom)) types[r.type] = (types[r.type] ?? 0) + 1;
  return types;
}

describe("the benchmark's synthetic programs", () => {
  it("register the same AWS resources with and without the components, at every size", async () => {
    for (const buckets of [1, 3]) assert.deepEqual(await registered(raw, buckets), await registered(components, buckets), `${buckets} bucket(s)`);
  });

  it("grow by one bucket, one notification and one Lambda permission per bucket, sharing everything else", async () => {
    // Each bucket has a rule to each of the three shared destinations; only the function's
    // permission is per bucket (queue and topic policies list every bucket in one document).
    const [one, three] = [await registered(components, 1), await registered(components, 3)];
    const growth = Object.fromEntries(Object.keys(three).map((type) => [type, three[type] - (one[type] ?? 0)]).filter(([, d]) => d !== 0));
    assert.deepEqual(growth, {
      "aws:s3/bucket:Bucket": 2,
      "aws:s3/bucketNotification:BucketNotification": 2,
      "aws:lambda/permission:Permission": 2,
    });
  });
});
