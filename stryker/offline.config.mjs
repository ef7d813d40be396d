// The offline preview's judging code (tools/offline/): the verdict drawn from a first preview and
// an update (which mandatory violation blocks at preview, which only at update), the engine's
// unknown sentinels, what the mocks and data sources answer in each mode, what the pack is sent,
// the policy config check, the CLI's checks of Pulumi.yaml and the stack's values, the engine's
// URNs and the report's exit code. Not the CLI plumbing that runs a program or
// a pack in a child process.
import { area } from "./area.mjs";

const specs = ["verdict", "report", "unknowns", "mockOutputs", "stackResources", "policyConfig", "policyDocument", "invokes", "projectConfig", "engineUrn"];

export default area("offline", {
  mutate: [
    "tools/offline/verdict.ts",
    "tools/offline/report.ts",
    "tools/offline/unknowns.ts",
    "tools/offline/mockOutputs.ts",
    "tools/offline/stackResources.ts",
    "tools/offline/policyConfig.ts",
    "tools/offline/policyDocument.ts",
    "tools/offline/invokes.ts",
    "tools/offline/projectConfig.ts",
    "tools/offline/engineUrn.ts",
  ],
  // Only the specs that judge in this process: the others (modes, preview, programs, packClient)
  // run the CLI or the pack in a child process, which never sees the active mutant.
  spec: specs.map((s) => `tests/tools/offline/${s}.spec.ts`),
  // Measured 99.6% (bench/RESULTS.md); the equivalent mutants are excluded line by line in the
  // sources, each with its reason.
  breakAt: 95,
});
