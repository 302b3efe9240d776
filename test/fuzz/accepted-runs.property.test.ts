// Whatever validation accepts, the engine runs; whatever the engine cannot run, validation
// refuses, naming file, line and field. fast-check generates scenario files from the
// scenario schema (starting from the shipped ones, fields replaced by values of their
// schema's type, numbers at the edges) and calibration override files from the table's
// keys and units. An accepted file is run the ways the CLI runs it (run, compare, sweep
// units, tabletop with a random room), in this process; a refused one must name where.
// Organization files are generated from their schema the same way (what a year will run
// is run: every template at every named profile, and for the first few a whole year). A smaller number go through the real CLI.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { incidentWorkflow, statePaths, staticTransitions } from '../../machines/index.js';
import { applyOverrides, defaultCalibration, distToYaml, type Calibration } from '../../src/calibration/index.js';
import { LEVELS, uniformProfile, type Level, type Profile } from '../../src/model/index.js';
import { afterActionText, transcriptMarkdown } from '../../src/report/tabletop.js';
import { organizationSchema, type Organization } from '../../src/org/index.js';
import { parseScenario, scenarioSchema } from '../../src/scenario/index.js';
import { simulate } from '../../src/sim/engine.js';
import { runYears, yearPlan } from '../../src/year/index.js';
import { metricsOf } from '../../src/sim/metrics.js';
import type { Scenario } from '../../src/sim/scenario.js';
import { compareScenario } from '../../src/experiment/compare.js';
import { costPerMinute } from '../../src/stats/index.js';
import { runUnit } from '../../src/sweep/index.js';
import { afterAction, play, type Setup } from '../../src/tabletop/index.js';
import { UserError, type Problem } from '../../src/util/index.js';
import { imsimAsync, inParallel, NON_FINITE } from '../support/fuzz.js';
import { arbEdgeNumber, freshArbitrary } from '../support/schema-arbitrary.js';
import { orgText, parseOrg, SMALL } from '../support/orgs.js';
import { SCENARIO_DIR } from '../support/scenarios.js';
import { scratchDirs } from '../support/tmp.js';

const cal = defaultCalibration();
const SEED = process.env.IMSIM_PROPERTY_SEED ? Number(process.env.IMSIM_PROPERTY_SEED) : 424242;
const root = scratchDirs()('imsim-property-');
/** Accepted organization files that also run as a whole simulated year. */
const YEARS_RUN = 8;

// ---- generators -------------------------------------------------------------------------

const shipped = readdirSync(SCENARIO_DIR)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => parse(readFileSync(SCENARIO_DIR + f, 'utf8')) as unknown);
/** Texts a scenario's strings may take: states, events and parameters it can name, so generated decisions can be valid. */
const names = [
  ...statePaths(incidentWorkflow.machine),
  ...new Set(staticTransitions(incidentWorkflow.machine).map((t) => t.event)),
  ...new Set(cal.entries.map((e) => e.param)),
  'Mon 22:00',
  'Sun 23:59',
];
const arbScenarioText = fc.constantFrom(...shipped).chain((base) => freshArbitrary(scenarioSchema, base, { strings: names, keys: [...new Set(cal.entries.map((e) => e.param))] }, 0)).map((doc) => stringify(doc));

/** A value for a calibration entry, as an override file writes it: any form, numbers at the edges. */
const arbDistValue = fc.oneof(
  arbEdgeNumber,
  fc.record({ p: arbEdgeNumber }),
  fc.record({ fixed: arbEdgeNumber }),
  fc.record({ pert: fc.tuple(arbEdgeNumber, arbEdgeNumber, arbEdgeNumber) }),
  fc.tuple(fc.double({ min: 1e-3, max: 1e6, noNaN: true }), fc.double({ min: 1, max: 2000, noNaN: true })).map(([p5, f]) => ({ lognormal90: [p5, p5 * f] })),
  fc.record({ lognormal90: fc.tuple(arbEdgeNumber, arbEdgeNumber) }),
  fc.record({ choice: fc.dictionary(fc.constantFrom('standard', 'normal', 'emergency', 'other'), arbEdgeNumber, { minKeys: 1, maxKeys: 3 }) }),
);
/** A key's default, every number scaled by one factor: plausible values, and the edges of plausible (x0, x100). */
const arbNearDefault = (key: string) =>
  fc.constantFrom(0, 0.1, 0.5, 0.9, 1, 1.5, 2, 10, 100).map((k) => {
    const scale = (v: unknown): unknown => (typeof v === 'number' ? v * k : Array.isArray(v) ? v.map(scale) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([n, x]) => [n, scale(x)])) : v);
    return scale(distToYaml(cal.byKey.get(key)!.dist));
  });
const keys = cal.entries.map((e) => e.key);
const arbOverrideText = fc
  .array(
    fc.oneof(
      { weight: 12, arbitrary: fc.constantFrom(...keys).chain((k) => fc.tuple(fc.constant(k), arbNearDefault(k))) },
      { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...keys), arbDistValue) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom('no.such', 'serviceDesk.ackDelay.L9'), arbDistValue) },
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((pairs) => stringify(Object.fromEntries(pairs)));

// ---- what accepted means ----------------------------------------------------------------

/** Every number in a result must be finite; returns the first that is not. */
function nonFinite(label: string, values: Record<string, unknown>): string | undefined {
  for (const [k, v] of Object.entries(values)) if (typeof v === 'number' && !Number.isFinite(v)) return `${label}: ${k} = ${v}`;
  return undefined;
}

/** A refusal names the file and the line, and the field unless the problem is the whole file's. */
function badProblem(p: Problem, file: string): string | undefined {
  if (p.file !== file) return `no file: ${JSON.stringify(p)}`;
  if (!(typeof p.line === 'number' && p.line >= 1)) return `no line: ${JSON.stringify(p)}`;
  if (!p.path && !/scenario|file|fault|attack/.test(p.message)) return `no field: ${JSON.stringify(p)}`;
  return undefined;
}

/** Runs an accepted scenario the ways the CLI does; the first thing wrong, or undefined. */
function runsEverywhere(s: Scenario, c: Calibration, seed: number, rng: () => number): string | undefined {
  for (const level of LEVELS) {
    const profile: Profile = uniformProfile(level);
    const cost = costPerMinute(s, c, profile);
    for (let r = 0; r < 2; r++) {
      const m = metricsOf(simulate(s, profile, { seed, replication: r, calibration: c }), s, cost);
      const bad = nonFinite(`run at ${level}, replication ${r}`, m as unknown as Record<string, unknown>);
      if (bad) return bad;
    }
  }
  // compare and sweep: summaries over runs. A time summarised over no run with an incident
  // has no value at all (the incident rate says so), which is not a non-finite figure.
  const cmp = compareScenario(s, [uniformProfile(1), uniformProfile(4)], { runs: 2, seed, calibration: c });
  for (const { cell } of cmp.results) for (const [m, sum] of cell.metrics) if (sum.stats().n > 0 && !Number.isFinite(sum.mean())) return `compare: ${m} mean ${sum.mean()}`;
  const unit = runUnit(s, uniformProfile(2), c, seed, 0, 3, uniformProfile(5));
  for (const [m, sum] of unit.metrics) if (sum.stats().n > 0 && !Number.isFinite(sum.stats().p95)) return `sweep unit: ${m} p95 ${sum.stats().p95}`;
  // tabletop: a room choosing among the open options at random, to the end.
  const setup: Setup = { scenario: s, profile: uniformProfile((1 + Math.floor(rng() * 5)) as Level), seed, replication: 0, calibration: c };
  const choices: string[] = [];
  for (let p = play(setup, choices); p.pending; p = play(setup, choices)) {
    const open = p.pending.options.filter((o) => o.open);
    choices.push(open[Math.floor(rng() * open.length)]!.id);
    if (choices.length > 100) return 'tabletop: more than 100 decisions';
  }
  const aa = afterAction(play(setup, choices));
  const text = transcriptMarkdown(aa, { scenario: s.id }) + afterActionText(aa, { scenario: s.id }, { bold: (t) => t, dim: (t) => t, table: (rows) => rows.map((r) => r.join(' ')).join('\n') });
  const m = NON_FINITE.exec(text);
  return m ? `tabletop: "${text.slice(Math.max(0, m.index - 40), m.index + 20)}"` : undefined;
}

/** A seeded stream of uniform numbers for the tabletop's room (fast-check gives the seed). */
const rngOf = (seed: number) => {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
};

describe(`generated files (seed ${SEED})`, () => {
  it('scenario files: accepted ones run everywhere with finite figures; refused ones name file, line and field', () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(arbScenarioText, fc.integer({ min: 0, max: 2 ** 32 - 1 }), (text, seed) => {
        let s: Scenario;
        try {
          s = parseScenario(text, 'generated.yaml', cal);
        } catch (e) {
          if (!(e instanceof UserError)) throw e;
          refused++;
          for (const p of e.problems) expect(badProblem(p, 'generated.yaml')).toBeUndefined();
          return;
        }
        accepted++;
        expect(runsEverywhere(s, cal, seed, rngOf(seed))).toBeUndefined();
      }),
      { seed: SEED, numRuns: 250 },
    );
    // Both sides were reached.
    expect(accepted).toBeGreaterThan(25);
    expect(refused).toBeGreaterThan(25);
  });

  it('calibration override files: accepted ones run every shipped scenario with finite figures; refused ones name file, line and key', () => {
    const scenarios = shipped.map((doc, i) => parseScenario(stringify(doc), `s${i}.yaml`, cal));
    let accepted = 0;
    fc.assert(
      fc.property(arbOverrideText, fc.integer({ min: 0, max: 2 ** 32 - 1 }), (text, seed) => {
        let c: Calibration;
        try {
          c = applyOverrides(cal, text, 'overrides.yaml');
        } catch (e) {
          if (!(e instanceof UserError)) throw e;
          for (const p of e.problems) {
            expect(p.file).toBe('overrides.yaml');
            expect(p.line).toBeGreaterThanOrEqual(1);
            expect(p.path).toBeTruthy();
          }
          return;
        }
        accepted++;
        // The shipped scenarios are checked against the calibration they run with, as the CLI does.
        for (const [i, doc] of shipped.entries()) {
          const s = parseScenario(stringify(doc), `s${i}.yaml`, c);
          expect(runsEverywhere(s, c, seed, rngOf(seed))).toBeUndefined();
        }
        void scenarios;
      }),
      { seed: SEED, numRuns: 120 },
    );
    expect(accepted).toBeGreaterThan(10);
  });

  it('organization files: accepted ones run every template at every named profile with finite figures; refused ones name file, line and field', () => {
    const bases = [orgText('midsize'), orgText('mmc'), SMALL].map((t) => parse(t) as unknown);
    const arbOrg = fc
      .constantFrom(...bases)
      .chain((base) => freshArbitrary(organizationSchema, base, { strings: [...names, 'today', 'target', 'all', 'Mon-Fri', '08:00', '24:00'] }, 0))
      .map((doc) => stringify(doc));
    let accepted = 0;
    fc.assert(
      fc.property(arbOrg, fc.integer({ min: 0, max: 2 ** 32 - 1 }), (text, seed) => {
        let org: Organization;
        try {
          org = parseOrg(text, 'org.yaml');
        } catch (e) {
          if (!(e instanceof UserError)) throw e;
          for (const p of e.problems) expect(badProblem(p, 'org.yaml'), p.message).toBeUndefined();
          return;
        }
        accepted++;
        // The first few accepted run as a whole year (teams, queues, on-call) at their first
        // profile: what validate accepts, `imsim year` runs, with finite figures. (A year costs
        // about half a CPU-second; the fuzz suite runs `imsim year` on mutants too.)
        if (accepted <= YEARS_RUN) {
          const figures = runYears(yearPlan(org, cal, org.profiles.slice(0, 1), seed, 1), 0, 1);
          const bad = figures.findIndex((x) => !Number.isFinite(x));
          expect(bad, `a year of the organization at ${org.profiles[0]!.name}, seed ${seed}: figure ${bad} is ${figures[bad]}`).toBe(-1);
        }
        // What a year will run: every scenario template at every named profile, its cost from its service.
        for (const { profile } of org.profiles) {
          for (const t of org.workload.templates) {
            if (t.kind === 'work') continue;
            const service = org.services.find((x) => x.id === t.service)!;
            for (let r = 0; r < 2; r++) {
              const m = metricsOf(simulate(t.scenario, profile, { seed, replication: r, calibration: cal }), t.scenario, service.costPerHour / 60);
              expect(nonFinite(`${t.id} at ${JSON.stringify(profile)}, replication ${r}`, m as unknown as Record<string, unknown>)).toBeUndefined();
            }
          }
        }
      }),
      { seed: SEED, numRuns: 100 },
    );
    expect(accepted).toBeGreaterThan(5);
  });

  it('through the real CLI: what `validate` accepts, run, compare, sweep and tabletop --decisions run with exit 0; what it refuses, they refuse with exit 2', async () => {
    // Three accepted files and two refused ones (judged here first), two processes at a time.
    const judged = fc.sample(arbScenarioText, { seed: SEED + 1, numRuns: 60 }).map((text) => {
      try {
        parseScenario(text, 's.yaml', cal);
        return { text, ok: true };
      } catch (e) {
        if (e instanceof UserError) return { text, ok: false };
        throw e;
      }
    });
    const picked = [...judged.filter((j) => j.ok).slice(0, 3), ...judged.filter((j) => !j.ok).slice(0, 2)];
    expect(picked).toHaveLength(5);
    const failures: string[] = [];
    await inParallel([...picked.entries()], 2, async ([i, { text, ok }]) => {
      const dir = join(root, `cli${i}`);
      mkdirSync(dir);
      const file = join(dir, 's.yaml');
      writeFileSync(file, text);
      const verdict = (await imsimAsync(['validate', file])).code;
      if (verdict !== (ok ? 0 : 2)) failures.push(`sample ${i}: validate exit ${verdict}, parseScenario ${ok ? 'accepted' : 'refused'} it`);
      const commands = [
        ['run', file, '--profile', '3'],
        ['compare', file, '--profiles', '1..5', '--runs', '2', '--csv'],
        ['sweep', '--scenarios', file, '--profiles', '1,5', '--runs', '2', '--workers', '1', '--progress', 'none', '--out', join(dir, 'o.ndjson')],
        ['tabletop', file, '--profile', '2', '--decisions', '', '--transcript', join(dir, 't.md')],
      ];
      for (const args of commands) {
        const r = await imsimAsync(args);
        const where = `sample ${i} (seed ${SEED + 1}): imsim ${args.join(' ')}: exit ${r.code}\n${r.stderr}`;
        if (r.code !== verdict) failures.push(`${where}\nvalidate said ${verdict}\n--- file ---\n${text}`);
        if (/internal error|\n\s+at /.test(r.stderr)) failures.push(`${where}: a stack trace`);
        if (r.code === 0 && NON_FINITE.test(r.stdout)) failures.push(`${where}: a non-finite figure`);
      }
      const left = readdirSync(dir).sort();
      const expected = verdict === 0 ? ['o.ndjson', 's.yaml', 't.md'] : ['s.yaml'];
      if (JSON.stringify(left) !== JSON.stringify(expected)) failures.push(`sample ${i}: the folder holds ${left.join(', ')}`);
    });
    expect(failures.join('\n\n')).toBe('');
    // A guard against a hang, not a budget: child processes on a busy machine are slow.
  }, 600_000);
});
