// The pack's policies, the resource readers they share and the grant evaluation they judge with,
// under their unit specs and the policies' specs.
import { area } from "./area.mjs";

export default area("policies", {
  mutate: ["policies/rules/**/*.ts", "policies/resources/**/*.ts", "policies/grants/**/*.ts"],
  // Unit specs first: with bail, most mutants die in them before the slower policy specs run.
  spec: ["tests/policies/grants/**/*.spec.ts", "tests/policies/resources/**/*.spec.ts", "tests/policies/rules/**/*.spec.ts"],
  // Measured in bench/RESULTS.md; the issue asks for 90.
  breakAt: 90,
});
