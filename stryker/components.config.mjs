// The components under their specs, each spec with its own fresh Pulumi mocks (tests/support/harness.ts).
import { area } from "./area.mjs";

/**
 * Specs of single modules, which build no whole component (most need no Pulumi engine at all): run
 * first, so a mutant they kill costs milliseconds instead of the component specs before them.
 */
const UNIT_SPECS = [
  "tests/components/routing.spec.ts",
  "tests/components/onlyOne.spec.ts",
  "tests/components/encryption.spec.ts",
  "tests/components/limits.spec.ts",
  "tests/components/policyDocuments.spec.ts",
  "tests/components/references.spec.ts",
  "tests/components/destinations/choice.spec.ts",
  "tests/components/destinations/deliveryTarget.spec.ts",
  "tests/components/alarms.spec.ts",
  "tests/components/failureHandling.spec.ts",
  "tests/components/grants.spec.ts",
  // Each destination from its args, and bound alone under mocks: a handful of resources, no component.
  "tests/components/destinations/lambdaDelivery.spec.ts",
  "tests/components/destinations/sqsDelivery.spec.ts",
  "tests/components/destinations/snsDelivery.spec.ts",
  "tests/components/destinations/eventbridgeDelivery.spec.ts",
  // The former tree's names; its last case builds one component, to check the aliases it sends.
  "tests/components/formerTree.spec.ts",
];

/**
 * Specs that build whole components. The component's own spec first (its first cases stop before
 * registering anything), so a mutant in bucketNotifications.ts meets them before the destinations'
 * builds; those specs whose every case builds a graph of every kind of destination run last, so
 * they cost a mutant only when nothing focused on its code has killed it.
 */
const COMPONENT_SPECS = [
  "tests/components/bucketNotifications.spec.ts",
  "tests/components/destinations/lambda.spec.ts",
  "tests/components/destinations/sqs.spec.ts",
  "tests/components/destinations/sns.spec.ts",
  "tests/components/destinations/eventbridge.spec.ts",
  "tests/components/events.spec.ts",
  "tests/components/timeline.spec.ts",
  "tests/components/childNames.spec.ts",
  "tests/components/args.spec.ts",
];

export default area("components", {
  // All of components/ but the two barrels (`index.ts`, `destinations/index.ts`), which only
  // re-export. Measured 2026-11-26 (bench/RESULTS.md): 99.8% of 2,060 mutants (1,984 killed,
  // 1 timeout, 1 survived, 3 not covered; 71 static or excluded as equivalent, each on its line) in
  // 4 min 46 s at load 5-6, 309 s of CPU: about 3 minutes on a quiet 2-core machine, against
  // 11.7 before. A mutant runs only the specs that reach it, in the order above, until one fails:
  // 2.9 specs per mutant, most of them cases that build nothing or bind one destination alone.
  // Break 95, 4.8 points below it: a survivor re-runs every spec that builds its code.
  mutate: ["components/**/*.ts", "!components/index.ts", "!components/destinations/index.ts"],
  first: [...UNIT_SPECS, ...COMPONENT_SPECS],
  spec: ["tests/components/**/*.spec.ts"],
  // Specs that never run the mutated code in the test process, so they cannot kill a mutant and
  // would only add their minutes to the dry run: the package spec runs `npm pack`'s copy in child
  // processes; the schema spec reads the sources with Pulumi's analyzer.
  ignore: ["tests/components/package.spec.ts", "tests/components/schema.spec.ts"],
  // These two specs run a program in a child process, which never sees the active mutant: they
  // cannot kill one, and would only add their half a minute to every run that includes them.
  // (The same checks run in process in bucketNotifications.spec.ts.)
  grep: "^(?!.*only known from resource outputs)",
  breakAt: 95,
});
