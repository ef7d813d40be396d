// S3's notification semantics the components and the pack share (events, filters, overlap,
// breadth), under their own specs.
import { area } from "./area.mjs";

export default area("s3", {
  mutate: ["policies/s3/**/*.ts", "!policies/s3/index.ts"],
  spec: ["tests/policies/s3/**/*.spec.ts"],
  breakAt: 90,
});
