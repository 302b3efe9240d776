// `npm run mutation [-- folder ... | options]`: StrykerJS over each folder in turn, with the
// tests that can catch its bugs, then the mutation score of each folder against its target
// and how long each took. Long; not part of CI.
//   npm run mutation                          every folder
//   npm run mutation -- src/stats machines    those folders
//   npm run mutation -- --force               ignore the last run's results (incremental by default)
//   npm run mutation -- --concurrency 1       one worker instead of two
//   npm run mutation -- --summary             only print the scores of the last reports
// Each folder's reports: reports/mutation/<folder>.html and .json. Exit code 1 when a
// folder is below its target. docs/mutation.md lists the survivors judged equivalent.
import { existsSync, readFileSync } from 'node:fs';
import { Stryker } from '@stryker-mutator/core';

/**
 * Each folder, the share of its mutants the tests must kill (percent), and the test files
 * that exercise it in-process. Narrowing a folder's tests can only lower its score (fewer
 * tests to notice a mutant); it keeps mutants in code that runs at import, which every
 * selected test file must face, from running the whole suite.
 */
const FOLDERS = {
  machines: { target: 80, tests: ['test/machines/**/*.test.ts', 'test/sim/engine.property.test.ts'] },
  'src/stats': { target: 80, tests: ['test/stats/**/*.test.ts', 'test/sweep/unit.test.ts', 'test/scenario/golden.test.ts'] },
  'src/calibration': {
    target: 80,
    tests: ['test/calibration/**/*.test.ts', 'test/sim/core.test.ts', 'test/scenario/**/*.test.ts', 'test/sim/timing.property.test.ts'],
  },
  'src/sim': {
    target: 70,
    tests: [
      'test/sim/**/*.test.ts',
      'test/scenario/**/*.test.ts',
      'test/machines/compiled.test.ts',
      'test/machines/*-rules-both-ways.test.ts',
      'test/tabletop/**/*.test.ts',
      'test/sweep/unit.test.ts',
    ],
  },
};

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const valueOf = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const asked = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && ['--concurrency'].includes(args[i - 1])));
const unknown = asked.filter((f) => !(f.replace(/\/$/, '') in FOLDERS));
if (unknown.length) {
  console.error(`unknown folder ${unknown.join(', ')}; the folders are ${Object.keys(FOLDERS).join(', ')}`);
  process.exit(2);
}
const folders = asked.length ? asked.map((f) => f.replace(/\/$/, '')) : Object.keys(FOLDERS);
const slug = (folder) => folder.replace('/', '-');
const reportOf = (folder) => `reports/mutation/${slug(folder)}.json`;

const minutes = {};
if (!flag('--summary')) {
  for (const folder of folders) {
    const started = Date.now();
    console.log(`\n== mutation testing ${folder} ==`);
    const stryker = new Stryker({
      mutate: [`${folder}/**/*.ts`],
      testFiles: FOLDERS[folder].tests,
      incrementalFile: `reports/mutation/${slug(folder)}.incremental.json`,
      htmlReporter: { fileName: `reports/mutation/${slug(folder)}.html` },
      jsonReporter: { fileName: reportOf(folder) },
      ...(flag('--force') ? { force: true } : {}),
      ...(valueOf('--concurrency') ? { concurrency: Number(valueOf('--concurrency')) } : {}),
    });
    await stryker.runMutationTest();
    minutes[folder] = (Date.now() - started) / 60000;
  }
}

// Stryker's mutation score: mutants detected (killed, or timed out) over all that could be
// detected (survivors and those no test reaches included; compile and runtime errors and
// ignored mutants excluded).
const rows = folders.flatMap((folder) => {
  if (!existsSync(reportOf(folder))) return [];
  const report = JSON.parse(readFileSync(reportOf(folder), 'utf8'));
  const c = { detected: 0, survived: 0, noCoverage: 0, static: 0 };
  for (const { mutants } of Object.values(report.files)) {
    for (const m of mutants) {
      if (m.status === 'Killed' || m.status === 'Timeout') c.detected++;
      else if (m.status === 'Survived') c.survived++;
      else if (m.status === 'NoCoverage') c.noCoverage++;
      if (m.static) c.static++;
    }
  }
  const valid = c.detected + c.survived + c.noCoverage;
  return [{ folder, target: FOLDERS[folder].target, ...c, valid, score: valid ? (100 * c.detected) / valid : NaN }];
});

const pad = (s, n) => String(s).padEnd(n);
console.log('\nmutation score per folder');
console.log(`${pad('folder', 17)}${pad('score', 8)}${pad('target', 8)}${pad('killed', 8)}${pad('survived', 10)}${pad('no test', 9)}${pad('minutes', 9)}`);
for (const r of rows) {
  const time = minutes[r.folder] === undefined ? '' : minutes[r.folder].toFixed(1);
  console.log(
    `${pad(r.folder, 17)}${pad(`${r.score.toFixed(1)}%`, 8)}${pad(`${r.target}%`, 8)}${pad(r.detected, 8)}${pad(r.survived, 10)}${pad(r.noCoverage, 9)}${pad(time, 9)}${r.score >= r.target ? 'ok' : 'BELOW TARGET'}`,
  );
}
const missing = folders.filter((f) => !rows.some((r) => r.folder === f));
if (missing.length) console.log(`no report yet for ${missing.join(', ')}`);
if (rows.some((r) => r.score < r.target)) process.exitCode = 1;
