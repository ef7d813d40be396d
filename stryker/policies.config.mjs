// The pack's policies and the resource readers they share, under the policies' unit specs.
import { area } from "./area.mjs";

export default area("policies", {
  mutate: ["policies/rules/**/*.ts", "policies/resources/**/*.ts"],
  spec: ["tests/policies/rules/**/*.spec.ts"],
  // Measured 66.1% (bench/RESULTS.md), 2 points of slack below it: the grant policies and their
  // specs are being rewritten in issue 11, which is to raise this to the 90% the issue asks for.
  breakAt: 64,
});
