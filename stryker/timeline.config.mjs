// The failure-path timeline rules, under their own specs.
import { area } from "./area.mjs";

export default area("timeline", {
  mutate: ["policies/timeline/**/*.ts", "!policies/timeline/index.ts"],
  spec: ["tests/policies/timeline/**/*.spec.ts"],
  // Measured 54.7% (bench/RESULTS.md): below the 90% the issue asks for. Held here so that no
  // change lowers it; the failure-path report's oracle spec (tests/tools/failurePaths) adds only
  // six points for three more minutes, so the specs this needs are unit ones, still to write.
  breakAt: 54,
});
