// The documents' stories as two-sided bands (src/checks): every shipped scenario has one
// at its told level, each band is bounded on both sides with its reading, a calibration
// that pushes a story past either bound fails it, and a level made worse than the one
// below without a written cause fails the backwards scan.
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultCalibration } from '../../src/calibration/index.js';
import { ANECDOTE_SEEDS, ANECDOTES, anecdoteChecks, BACKWARDS_CAUSES, backwards } from '../../src/checks/index.js';
import { shipped as loadScenario, shippedIds } from '../support/scenarios.js';

const cal = defaultCalibration();
const ids = shippedIds();

describe('the stories of the shipped scenarios', () => {
  it.each(ids)('%s is checked at its told level with two-sided bands and a reading for each', (id) => {
    const list = ANECDOTES[id];
    expect(list, `${id} has no story checks`).toBeDefined();
    for (const a of list!) {
      expect(Number.isFinite(a.band.low) && Number.isFinite(a.band.high), `${id}.${a.id}: both bounds finite`).toBe(true);
      expect(a.band.low, `${id}.${a.id}`).toBeLessThan(a.band.high);
      if (a.unit === 'share') expect(a.band.high).toBeLessThanOrEqual(1);
      expect(a.why.length, `${id}.${a.id} says how the story's words become the band`).toBeGreaterThan(20);
    }
  });

  it('are checked at five or more seeds', () => expect(ANECDOTE_SEEDS).toBeGreaterThanOrEqual(5));

  it('pass at seed 9090 with 200 runs for db-plugin-cpu-spike, the five seeds pooled in the band and every seed with an interval reaching it', () => {
    const s = loadScenario('db-plugin-cpu-spike', cal);
    const checks = anecdoteChecks(s, { runs: 200, seed: 9090, calibration: cal, scenarios: [s] });
    expect(checks.map((c) => [c.id, c.pass])).toEqual(checks.map((c) => [c.id, true]));
    for (const c of checks) expect(c.seeds!.map((x) => x.seed)).toEqual([9090, 9091, 9092, 9093, 9094]);
  });

  it('the upper bound bites (seed 9090): finding the update in days, not hours, fails "over an hour"', () => {
    const slow = applyOverrides(cal, 'config.findUnrecordedChange.L1: {lognormal90: [1500, 4000]}\n', 'slow.yaml');
    const s = loadScenario('db-plugin-cpu-spike', slow);
    const find = anecdoteChecks(s, { runs: 100, seed: 9090, calibration: slow, scenarios: [s] }).find((c) => c.id.endsWith('.find'))!;
    expect(find.measured).toBeGreaterThan(8 * 60);
    expect(find.pass).toBe(false);
  });

  it('the lower bound bites (seed 9090): finding the update in minutes fails "over an hour"', () => {
    // The scramble counts from the acknowledgement, triage and priority included: all of it in minutes.
    const fast = applyOverrides(
      cal,
      'config.findUnrecordedChange.L1: {lognormal90: [2, 10]}\nserviceDesk.triageTime.L1: {lognormal90: [1, 5]}\nserviceDesk.prioritizeTime.L1: {lognormal90: [1, 5]}\n',
      'fast.yaml',
    );
    const s = loadScenario('db-plugin-cpu-spike', fast);
    const find = anecdoteChecks(s, { runs: 100, seed: 9090, calibration: fast, scenarios: [s] }).find((c) => c.id.endsWith('.find'))!;
    expect(find.measured).toBeLessThan(60);
    expect(find.pass).toBe(false);
  });
});

describe('level effects that go backwards', () => {
  it('have causes only for shipped scenarios', () => {
    for (const key of Object.keys(BACKWARDS_CAUSES)) expect(ids, key).toContain(key.split('.')[0]);
  });

  it('a level 2 made slower than level 1 without a cause fails, naming scenario, metric and level (seed 4242)', () => {
    const worse = applyOverrides(cal, 'config.findRecordedChange.L2: {lognormal90: [3000, 9000]}\nconfig.findUnrecordedChange.L2: {lognormal90: [3000, 9000]}\n', 'worse.yaml');
    const s = loadScenario('branch-network-degradation', worse);
    const found = backwards({ runs: 120, seed: 4242, calibration: worse, scenarios: [s] });
    const mttr = found.find((c) => c.id === 'backwards.branch-network-degradation.mttr.L2');
    expect(mttr, JSON.stringify(found.map((c) => c.id))).toBeDefined();
    expect(mttr!.pass).toBe(false);
    expect(mttr!.measured).toBeGreaterThan(0);
  });

  it('the shipped calibration has none without a cause at seed 4243', () => {
    const scenarios = ids.map((id) => loadScenario(id, cal));
    const unexplained = backwards({ runs: 150, seed: 4243, calibration: cal, scenarios }).filter((c) => !c.pass);
    expect(unexplained.map((c) => `${c.id} ${c.measured}`)).toEqual([]);
  });
});
