// Running one unit of a sweep: replications [first, end) of one scenario at one profile,
// summed into an accumulator. Pure (no files, no clock): the worker calls it, and so can
// a test. Metrics are streamed from each replication as it runs (no log is kept); they
// equal the metrics read from its log (test/sim/observers.test.ts).
import type { Calibration } from '../calibration/index.js';
import type { Profile } from '../model/index.js';
import { simulateMetrics } from '../sim/engine.js';
import type { Metrics } from '../sim/metrics.js';
import type { Scenario } from '../sim/scenario.js';
import { costPerMinute, metricsFor, type Cell } from '../stats/index.js';
import { Accumulator, packMetrics } from './accumulator.js';

/** Replications [first, end) of a scenario at a profile, as metrics. */
export function metricsRange(scenario: Scenario, profile: Profile, calibration: Calibration, seed: number, first: number, end: number): Metrics[] {
  const cost = costPerMinute(scenario, calibration, profile);
  const out: Metrics[] = [];
  for (let r = first; r < end; r++) out.push(simulateMetrics(scenario, profile, { seed, replication: r, calibration }, cost));
  return out;
}

/**
 * Adds replications [first, end) to `acc`. With `baseline` (the same replications at the
 * baseline profile, in order, packed by `packMetrics`), each is also paired with its baseline twin: common random
 * numbers make the difference far less noisy than two separate means.
 */
export function runUnitInto(
  acc: Accumulator,
  scenario: Scenario,
  profile: Profile,
  calibration: Calibration,
  seed: number,
  first: number,
  end: number,
  baseline?: Float64Array,
): void {
  const cost = costPerMinute(scenario, calibration, profile);
  const k = acc.names.length;
  for (let r = first; r < end; r++) {
    acc.add(simulateMetrics(scenario, profile, { seed, replication: r, calibration }, cost), baseline, (r - first) * k);
  }
}

/** A unit's statistics as a stats Cell. */
export function runUnit(scenario: Scenario, profile: Profile, calibration: Calibration, seed: number, first: number, end: number, baseline?: Profile): Cell {
  const acc = new Accumulator(metricsFor(scenario), baseline !== undefined);
  const base = baseline && packMetrics(metricsRange(scenario, baseline, calibration, seed, first, end), acc.names);
  runUnitInto(acc, scenario, profile, calibration, seed, first, end, base);
  return acc.toCell();
}
