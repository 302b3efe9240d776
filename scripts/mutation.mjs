// `npm run mutation [-- folder ... | options]`: StrykerJS over each folder in turn, with the
// tests that can catch its bugs, then the mutation score of each folder against its target
// and how long each took. Long; not part of CI.
//   npm run mutation                          every folder
//   npm run mutation -- src/stats machines    those folders
//   npm run mutation -- src/sim/world         one part of a folder run in parts (src/sim)
//   npm run mutation -- --force               ignore the last run's results (incremental by default)
//   npm run mutation -- --concurrency 1       one worker instead of two
//   npm run mutation -- --summary             only print the scores of the last reports
//   npm run mutation -- --summary --markdown  the same as the table in docs/mutation.md
// Each folder's reports: reports/mutation/<folder>.html and .json. Exit code 1 when a
// folder is below its target. docs/mutation.md lists the survivors judged equivalent.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { Stryker } from '@stryker-mutator/core';

/**
 * Each folder, the share of its mutants the tests must kill (percent), and the test files
 * that exercise it in-process. Narrowing a folder's tests can only lower its score (fewer
 * tests to notice a mutant); it keeps mutants in code that runs at import, which every
 * selected test file must face, from running the whole suite. The selection reaches vitest
 * through its config (IMSIM_MUTATION_TESTS), not Stryker's `testFiles`: with `testFiles`,
 * Stryker 9.6 switches a mutant in code run at import on too late, and calls it a survivor
 * (stryker-js issue 6144).
 */
const FOLDERS = {
  // Almost every mutant here is in code that runs at import (the machines' definitions) or
  // in a beforeAll, so each runs against every file chosen: the sharp, quick ones.
  machines: {
    target: 80,
    tests: [
      'test/machines/*-rules-both-ways.test.ts',
      'test/machines/reasons.test.ts',
      'test/machines/workflows.test.ts',
      'test/machines/compiled.test.ts',
      'test/machines/change.test.ts',
      'test/machines/introspect.test.ts',
    ],
  },
  // Not the rules-both-ways tests: they compile their tables in a beforeAll, which would make
  // every mutant of compile.ts one that must face every file. The organization's year
  // (world/, resources/) is reached in-process by test/year's world and M/M/c tests; the
  // rest of test/year runs the built CLI.
  // In three parts, each a Stryker run with its own reports and incremental file: a run
  // of this folder takes hours on a shared machine, and Stryker saves its results only when
  // a run ends, so a part finished is never run again by a later, interrupted run.
  'src/sim': {
    target: 70,
    tests: [
      'test/sim/**/*.test.ts',
      'test/scenario/**/*.test.ts',
      'test/machines/compiled.test.ts',
      'test/machines/reasons.test.ts',
      'test/tabletop/**/*.test.ts',
      'test/sweep/unit.test.ts',
      'test/year/world.test.ts',
      'test/year/mmc.test.ts',
    ],
    parts: {
      // the engine: events, the queue, the clock and random streams, observers and metrics
      'src/sim/engine': ['src/sim/*.ts', 'src/sim/environment/**/*.ts', 'src/sim/observers/**/*.ts'],
      // an incident's and a change's lifecycle driven by the machines
      'src/sim/lifecycles': ['src/sim/lifecycles/**/*.ts'],
      // the scenario's and the organization's world: teams, shifts, arrivals, injects
      'src/sim/world': ['src/sim/world/**/*.ts', 'src/sim/resources/**/*.ts'],
    },
  },
  'src/stats': { target: 80, tests: ['test/stats/**/*.test.ts', 'test/sweep/unit.test.ts', 'test/scenario/golden.test.ts'] },
  'src/calibration': {
    target: 80,
    tests: ['test/calibration/**/*.test.ts', 'test/sim/core.test.ts', 'test/scenario/scenarios.test.ts'],
  },
};

/** A folder's Stryker runs: its parts, or the folder in one run. */
const partsOf = (folder) => Object.entries(FOLDERS[folder].parts ?? { [folder]: [`${folder}/**/*.ts`] });
/** The folder a part belongs to, for a part named on the command line. */
const folderOfPart = (name) => Object.keys(FOLDERS).find((f) => partsOf(f).some(([p]) => p === name));

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const valueOf = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const asked = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && ['--concurrency'].includes(args[i - 1])));
const named = asked.map((a) => a.replace(/\/$/, ''));
const unknown = named.filter((a) => !(a in FOLDERS) && !folderOfPart(a));
if (unknown.length) {
  const parts = Object.keys(FOLDERS).flatMap((f) => (FOLDERS[f].parts ? Object.keys(FOLDERS[f].parts) : []));
  console.error(`unknown folder ${unknown.join(', ')}; the folders are ${Object.keys(FOLDERS).join(', ')} (and the parts ${parts.join(', ')})`);
  process.exit(2);
}
// Each run: a folder, and the parts of it to run now (all of them unless parts were named).
const runs = named.length
  ? named.map((a) => (a in FOLDERS ? { folder: a, parts: partsOf(a) } : { folder: folderOfPart(a), parts: partsOf(folderOfPart(a)).filter(([p]) => p === a) }))
  : Object.keys(FOLDERS).map((folder) => ({ folder, parts: partsOf(folder) }));
const folders = [...new Set(runs.map((r) => r.folder))];
const slug = (name) => name.replaceAll('/', '-');
const reportOf = (part) => `reports/mutation/${slug(part)}.json`;
const runOf = (part) => `reports/mutation/${slug(part)}.run.json`;

/**
 * Drops the mutants that timed out from a run's saved results, so this run tests them again.
 * A timeout counts as caught, but on a busy shared machine it may be a survivor whose tests
 * were starved of CPU; a later run, with the limits of stryker.config.mjs, tells them apart.
 */
function forgetTimeouts(file) {
  const saved = JSON.parse(readFileSync(file, 'utf8'));
  let dropped = 0;
  for (const f of Object.values(saved.files)) {
    const kept = f.mutants.filter((m) => m.status !== 'Timeout');
    dropped += f.mutants.length - kept.length;
    f.mutants = kept;
  }
  if (dropped) {
    writeFileSync(file, JSON.stringify(saved));
    console.log(`${dropped} mutant(s) that timed out last time are tested again`);
  }
}

const minutes = {};
if (!flag('--summary')) {
  for (const { folder, parts } of runs) {
    process.env.IMSIM_MUTATION_TESTS = FOLDERS[folder].tests.join(',');
    for (const [part, mutate] of parts) {
      const started = Date.now();
      console.log(`\n== mutation testing ${part} ==`);
      const incrementalFile = `reports/mutation/${slug(part)}.incremental.json`;
      const incremental = existsSync(incrementalFile) && !flag('--force');
      if (incremental) forgetTimeouts(incrementalFile);
      const stryker = new Stryker({
        mutate,
        incrementalFile,
        htmlReporter: { fileName: `reports/mutation/${slug(part)}.html` },
        jsonReporter: { fileName: reportOf(part) },
        ...(flag('--force') ? { force: true } : {}),
        ...(valueOf('--concurrency') ? { concurrency: Number(valueOf('--concurrency')) } : {}),
      });
      await stryker.runMutationTest();
      minutes[part] = (Date.now() - started) / 60000;
      // How long the run took and when it ended, for the summary (the reports do not say).
      const run = { minutes: minutes[part], finished: new Date().toISOString(), incremental };
      writeFileSync(runOf(part), `${JSON.stringify(run)}\n`);
    }
  }
}

// Stryker's mutation score: mutants detected (killed, or timed out) over all that could be
// detected (survivors and those no test reaches included; compile and runtime errors and
// ignored mutants excluded).
const partialOf = (part) => `reports/mutation/${slug(part)}.partial.jsonl`;

/**
 * A part's mutants from its last run: the finished report, or, when the last run was
 * stopped before it wrote one, the results it had reached (scripts/mutation-partial-reporter.mjs).
 */
function resultsOf(part) {
  const report = reportOf(part);
  const partial = partialOf(part);
  const stopped = existsSync(partial) && (!existsSync(report) || statSync(partial).mtimeMs > statSync(report).mtimeMs + 60000);
  if (!stopped) {
    if (!existsSync(report)) return undefined;
    const { files } = JSON.parse(readFileSync(report, 'utf8'));
    return { mutants: Object.values(files).flatMap((f) => f.mutants), planned: undefined };
  }
  const lines = readFileSync(partial, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const byId = new Map(lines.filter((l) => l.id !== undefined).map((l) => [l.id, l]));
  return { mutants: [...byId.values()], planned: lines.find((l) => l.planned !== undefined)?.planned ?? 0 };
}

// A folder's figures add up its parts' last reports; a part with no report yet is named.
const rows = folders.flatMap((folder) => {
  const parts = partsOf(folder).map(([p]) => p);
  const results = new Map(parts.map((p) => [p, resultsOf(p)]).filter(([, r]) => r));
  const done = parts.filter((p) => results.has(p));
  if (!done.length) return [];
  const c = { detected: 0, killed: 0, timeout: 0, survived: 0, noCoverage: 0, static: 0 };
  // Parts whose last run stopped part way: how many of their mutants it reached.
  const stopped = done.filter((p) => results.get(p).planned !== undefined).map((p) => `${p} stopped at ${results.get(p).mutants.length} of ${results.get(p).planned} mutants`);
  for (const part of done) {
    for (const m of results.get(part).mutants) {
      if (m.status === 'Killed') c.killed++;
      else if (m.status === 'Timeout') c.timeout++;
      else if (m.status === 'Survived') c.survived++;
      else if (m.status === 'NoCoverage') c.noCoverage++;
      if (m.static) c.static++;
    }
  }
  c.detected = c.killed + c.timeout;
  const valid = c.detected + c.survived + c.noCoverage;
  // The last run of each part: minutes (added up), the latest end, and whether any reused earlier results.
  const runs = done.filter((p) => existsSync(runOf(p)) && results.get(p).planned === undefined).map((p) => JSON.parse(readFileSync(runOf(p), 'utf8')));
  const time = runs.length === done.length ? runs.reduce((t, r) => t + r.minutes, 0) : undefined;
  const finished = runs.map((r) => r.finished).sort().at(-1)?.slice(0, 16).replace('T', ' ');
  const incremental = runs.some((r) => r.incremental);
  const missing = [...parts.filter((p) => !done.includes(p)).map((p) => `no report yet for ${p}`), ...stopped];
  // A stopped run reports the mutants no test reaches all at once, at its start, and the
  // others as they are tested: a score over what it reached would count every unreached
  // mutant against it. A partial figure is the share caught of the mutants tested so far,
  // beside the count no test reaches.
  const tested = c.detected + c.survived;
  const score = missing.length ? (tested ? (100 * c.detected) / tested : NaN) : valid ? (100 * c.detected) / valid : NaN;
  return [{ folder, target: FOLDERS[folder].target, ...c, valid, time, finished, incremental, missing, score }];
});

const pad = (s, n) => String(s).padEnd(n);
const minutesText = (r) => (r.time === undefined ? '' : `${r.time.toFixed(1)}${r.incremental ? ' (incremental)' : ''}`);
const verdictOf = (r) => (r.missing.length ? `partial: ${r.missing.join('; ')}` : r.score >= r.target ? 'ok' : 'BELOW TARGET');
if (flag('--markdown')) {
  // The table docs/mutation.md keeps.
  console.log('| folder | score | target | killed | timed out | survived | no test | minutes | finished (UTC) |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    console.log(`| \`${r.folder}/\` | ${r.score.toFixed(1)}%${r.missing.length ? ' of those tested (partial)' : ''} | ${r.target}% | ${r.killed} | ${r.timeout} | ${r.survived} | ${r.noCoverage} | ${minutesText(r)} | ${r.finished ?? ''} |`);
  }
} else {
  console.log('\nmutation score per folder');
  console.log(`${pad('folder', 17)}${pad('score', 8)}${pad('target', 8)}${pad('killed', 8)}${pad('timeout', 9)}${pad('survived', 10)}${pad('no test', 9)}${pad('minutes', 22)}`);
  for (const r of rows) {
    console.log(
      `${pad(r.folder, 17)}${pad(`${r.score.toFixed(1)}%${r.missing.length ? '*' : ''}`, 8)}${pad(`${r.target}%`, 8)}${pad(r.killed, 8)}${pad(r.timeout, 9)}${pad(r.survived, 10)}${pad(r.noCoverage, 9)}${pad(minutesText(r), 22)}${verdictOf(r)}`,
    );
  }
  for (const [part, m] of Object.entries(minutes)) if (!(part in FOLDERS)) console.log(`  ${part}: ${m.toFixed(1)} minutes`);
  if (rows.some((r) => r.missing.length)) console.log('* partial: the share caught of the mutants tested so far (no test reaches those counted under "no test")');
}
const missing = folders.filter((f) => !rows.some((r) => r.folder === f));
if (missing.length) console.log(`no report yet for ${missing.join(', ')}`);
if (rows.some((r) => r.missing.length || r.score < r.target)) process.exitCode = 1;
