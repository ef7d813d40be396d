// The failure-path timeline rules, under their own specs.
import { area } from "./area.mjs";

export default area("timeline", {
  mutate: ["policies/timeline/**/*.ts", "!policies/timeline/index.ts"],
  spec: ["tests/policies/timeline/**/*.spec.ts"],
  // Measured 100% after the unit specs of every rule and of the clock (bench/RESULTS.md); the
  // equivalent mutants are excluded line by line in the sources, each with its reason.
  breakAt: 95,
});
