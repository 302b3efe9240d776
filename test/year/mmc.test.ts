// The organization path against queueing theory and against SimPy. scenarios/orgs/mmc.yaml
// is a pure M/M/c queue (one team of c always on duty, Poisson arrivals, exponential
// work); `--set` moves c, the arrival rate and the work to points the file never had,
// and a year of the organization's world is checked against Erlang C: the 95% interval
// over simulated years covers the theory and the mean wait is within 5% of it. SimPy
// runs the same model when Debian's python3-simpy3 is installed (the bench installs it;
// CI does not, and the test says so when it skips).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultCalibration } from '../../src/calibration/index.js';
import { mmc } from '../../src/sim/resources/index.js';
import { runYearExperiment, yearPlan, type TeamYear } from '../../src/year/index.js';
import { orgText, parseOrg } from '../support/orgs.js';

const cal = defaultCalibration();
const HOURS_PER_YEAR = 24 * 365;

interface Point {
  c: number;
  perHour: number;
  work: number;
  years: number;
  seed: number;
}

/** The team's result for an M/M/c point, through the organization file, `--set` and the year. */
function simulated(p: Point): TeamYear {
  const sets = [`teams.servers.shifts.0.staff=${p.c}`, `workload.work.0.perYear=${p.perHour * HOURS_PER_YEAR}`, `workload.work.0.meanWorkMinutes=${p.work}`];
  const org = parseOrg(orgText('mmc'), 'scenarios/orgs/mmc.yaml', sets);
  const plan = { ...yearPlan(org, cal, org.profiles, p.seed, 0), years: p.years };
  return runYearExperiment(plan).profiles[0]!.teams[0]!;
}

// Loads from 0.71 to 0.9, one to fourteen servers; none of these is the file's own point.
const POINTS: Point[] = [
  { c: 1, perHour: 24, work: 2, years: 3, seed: 11 }, // rho 0.8
  { c: 3, perHour: 60, work: 2.7, years: 3, seed: 12 }, // rho 0.9
  { c: 6, perHour: 120, work: 2.5, years: 2, seed: 13 }, // rho 0.83
  { c: 14, perHour: 200, work: 3, years: 2, seed: 14 }, // a = 10 Erlangs: the published P(wait) 0.174
];

describe('M/M/c through the organization file and the year, against Erlang C', () => {
  for (const p of POINTS) {
    const theory = mmc({ c: p.c, lambda: p.perHour / 60, mu: 1 / p.work });
    it(`seed ${p.seed}: c=${p.c}, ${p.perHour} arrivals an hour, ${p.work}-minute work (load ${theory.utilization.toFixed(2)}): utilization, P(wait) and mean wait as Erlang C`, () => {
      const t = simulated(p);
      const f = t.figures;
      expect(t.staff).toBe(p.c);
      // The file's figures reach the result as given, and the theory beside them is Erlang C's.
      expect(t.theory).toBeDefined();
      expect(t.theory!.pWait).toBeCloseTo(theory.pWait, 3);
      expect(f.arrivalsPerHour.mean / p.perHour).toBeCloseTo(1, 2);
      expect(f.meanWorkMinutes.mean / p.work).toBeCloseTo(1, 2);
      const why = (what: string, got: number, want: number) => `seed ${p.seed}, c=${p.c}: ${what} ${got} against Erlang C ${want}`;
      expect(Math.abs(f.utilization.mean - theory.utilization), why('utilization', f.utilization.mean, theory.utilization)).toBeLessThan(0.01);
      expect(f.pWait.ci95[0] - 0.002, why('P(wait) interval low', f.pWait.ci95[0], theory.pWait)).toBeLessThanOrEqual(theory.pWait);
      expect(f.pWait.ci95[1] + 0.002, why('P(wait) interval high', f.pWait.ci95[1], theory.pWait)).toBeGreaterThanOrEqual(theory.pWait);
      expect(f.meanWaitMinutes.ci95[0], why('mean wait interval low', f.meanWaitMinutes.ci95[0], theory.meanWait)).toBeLessThanOrEqual(theory.meanWait * 1.001);
      expect(f.meanWaitMinutes.ci95[1], why('mean wait interval high', f.meanWaitMinutes.ci95[1], theory.meanWait)).toBeGreaterThanOrEqual(theory.meanWait * 0.999);
      expect(Math.abs(f.meanWaitMinutes.mean / theory.meanWait - 1), why('mean wait', f.meanWaitMinutes.mean, theory.meanWait)).toBeLessThan(0.05);
      // Routine work's wait is the same wait here (always on duty: nothing is paused).
      expect(f.routineWaitMinutes.mean / f.meanWaitMinutes.mean).toBeCloseTo(1, 2);
    });
  }
});

const SIMPY = fileURLToPath(new URL('../../scripts/bench/mmc_simpy.py', import.meta.url));
const PYTHON = '/usr/bin/python3';
const hasSimpy = spawnSync(PYTHON, ['-c', 'import simpy'], { encoding: 'utf8' }).status === 0;

describe('SimPy on the same model', () => {
  // The bench installs Debian's python3-simpy3; CI does not install it, so there this skips.
  it.skipIf(!hasSimpy)("seed 21: c=3, 60 arrivals an hour, 2.4-minute work (load 0.8), 300,000 customers: SimPy and imsim agree with Erlang C (and so with each other) within 5% (needs Debian's python3-simpy3: skipped without it)", () => {
    const p: Point = { c: 3, perHour: 60, work: 2.4, years: 1, seed: 21 };
    const theory = mmc({ c: p.c, lambda: p.perHour / 60, mu: 1 / p.work });
    const customers = 300_000;
    const r = spawnSync(PYTHON, [SIMPY, String(p.c), String(p.perHour), String(p.work), String(customers), '10000', String(p.seed)], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const simpy = JSON.parse(r.stdout) as { customers: number; meanWaitMinutes: number; pWait: number };
    expect(simpy.customers).toBe(customers);
    expect(Math.abs(simpy.meanWaitMinutes / theory.meanWait - 1), `SimPy mean wait ${simpy.meanWaitMinutes} against Erlang C ${theory.meanWait}`).toBeLessThan(0.05);
    expect(Math.abs(simpy.pWait - theory.pWait)).toBeLessThan(0.02);
    const ours = simulated(p).figures.meanWaitMinutes.mean;
    expect(Math.abs(ours / simpy.meanWaitMinutes - 1), `imsim ${ours} against SimPy ${simpy.meanWaitMinutes}`).toBeLessThan(0.08);
  }, 120_000);
});
