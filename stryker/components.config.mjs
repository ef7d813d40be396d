// The components under their specs, each spec with its own fresh Pulumi mocks (tests/support/harness.ts).
import { area } from "./area.mjs";

export default area("components", {
  mutate: ["components/**/*.ts", "!components/**/index.ts"],
  spec: ["tests/components/**/*.spec.ts"],
  // These two specs run a program in a child process, which never sees the active mutant: they
  // cannot kill one, and would only add their half a minute to every run of every static mutant.
  grep: "^(?!.*only known from resource outputs)",
  breakAt: 85,
});
