// Mutation testing: `npm run mutation` (long, not part of CI). StrykerJS plants small
// bugs (a flipped comparison, a removed call, a changed constant) in the folders below, one
// at a time, and runs the tests that cover each; a mutant no test notices "survives".
// scripts/mutation.mjs runs it folder by folder with each folder's tests and prints the
// scores; `npx stryker run` alone runs every folder against every in-process test.
// docs/mutation.md lists the survivors judged equivalent. Two workers at most: the
// machine's two cores are shared.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  mutate: ['machines/**/*.ts', 'src/sim/**/*.ts', 'src/stats/**/*.ts', 'src/calibration/**/*.ts'],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  // Runs that reuse the last results for mutants whose code and covering tests did not
  // change; `--force` runs everything again.
  incremental: true,
  incrementalFile: 'reports/mutation/incremental.json',
  // 'partial' (scripts/mutation-partial-reporter.mjs): each result as it comes, so a run
  // stopped part way still says what it found.
  appendPlugins: ['./scripts/mutation-partial-reporter.mjs'],
  reporters: ['clear-text', 'progress', 'html', 'json', 'partial'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0, reportScoreTable: true },
  ignorePatterns: ['dist', 'reports', 'docs', 'scratch', '.imsim-*'],
  // A shared machine is slower some minutes than others: generous before calling a mutant a
  // timeout (a timeout counts as caught). At nice 19 on two cores busy with other work, a
  // worker got a seventh of a core and a survivor's test run took several times its dry-run
  // time: with a minute's margin, survivors were being counted as timeouts. The limit is
  // four times the dry-run time plus three minutes. A mutant that loops for ever is stopped
  // sooner where it can be, by Stryker's count of how often mutated code runs.
  timeoutMS: 180000,
  timeoutFactor: 4,
  dryRunTimeoutMinutes: 30,
  thresholds: { high: 80, low: 70, break: null },
};
