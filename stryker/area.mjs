// StrykerJS settings shared by every mutation-testing area (see `npm run mutation`).
//
// Mocha is pinned to 11 in package.json on purpose: @stryker-mutator/mocha-runner 8.7, the last
// StrykerJS release for Node 20 (9.x needs Node 22), accepts only mocha >= 7.2 < 12.
//
// Each area runs in its own `stryker run` process with per-test coverage, so a mutant runs only
// the specs that reach it, and `thresholds.break` fails CI when the area's score drops below it.

/**
 * @param {string} name the area, used for the report's file name and the sandbox folder
 * @param {{ mutate: string[]; spec: string[]; first?: string[]; ignore?: string[]; grep?: string; breakAt: number }} area
 * @returns {import("@stryker-mutator/api/core").PartialStrykerOptions}
 */
export function area(name, { mutate, spec, first, ignore, grep, breakAt }) {
  return {
    testRunner: "mocha",
    plugins: ["@stryker-mutator/mocha-runner"],
    mochaOptions: {
      "no-config": true,
      "no-package": true,
      spec,
      // Specs run before the others (mocha's `file`, left out of `spec`): a mutant they kill costs
      // only them, not the slower specs mocha would otherwise run first.
      ...(first === undefined ? {} : { file: first }),
      ignore: [...(ignore ?? []), ...(first ?? [])],
      extension: ["ts"],
      require: ["ts-node/register/transpile-only", "./tests/support/register.ts"],
      ...(grep === undefined ? {} : { grep }),
    },
    mutate,
    coverageAnalysis: "perTest",
    // A mutant hit only while the specs load (a module-level constant) needs a fresh test process
    // each, since mocha cannot reload a file: 63% of the S3 area's time for 19% of its mutants, and
    // a fresh load of @pulumi/aws for each of the components'. They are left out of the scores;
    // `npx stryker run stryker/<area>.config.mjs --ignoreStatic false` measures them too.
    ignoreStatic: true,
    // Two cores here; one test runner each.
    concurrency: 2,
    thresholds: { high: 95, low: breakAt, break: breakAt },
    reporters: ["clear-text", "dots", "html", "json"],
    htmlReporter: { fileName: `reports/mutation/${name}.html` },
    jsonReporter: { fileName: `reports/mutation/${name}.json` },
    tempDirName: `.stryker-tmp/${name}`,
    cleanTempDir: "always",
    // Only what the specs load is copied into the sandbox.
    ignorePatterns: ["/.engine", "/bench/out", "/reports", "/.tmp", "/tests/engine"],
  };
}
