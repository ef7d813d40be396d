// The pack's policies and the resource readers they share, under the policies' unit specs.
import { area } from "./area.mjs";

export default area("policies", {
  mutate: ["policies/rules/**/*.ts", "policies/resources/**/*.ts"],
  spec: ["tests/policies/rules/**/*.spec.ts"],
  breakAt: 90,
});
