// Running one unit of a sweep: replications [first, end) of one scenario at one profile,
// summed into an accumulator. Pure (no files, no clock): the worker calls it, and so can
// a test. Metrics are read from each replication's event log, as everywhere else.
import type { Calibration } from '../calibration/index.js';
import type { Profile } from '../model/index.js';
import { simulate } from '../sim/engine.js';
import { metricsOf } from '../sim/metrics.js';
import type { Scenario } from '../sim/scenario.js';
import { costPerMinute, metricsFor, type Cell } from '../stats/index.js';
import { Accumulator } from './accumulator.js';

export function runUnitInto(acc: Accumulator, scenario: Scenario, profile: Profile, calibration: Calibration, seed: number, first: number, end: number): void {
  const cost = costPerMinute(scenario, calibration, profile);
  for (let r = first; r < end; r++) {
    acc.add(metricsOf(simulate(scenario, profile, { seed, replication: r, calibration }), scenario, cost));
  }
}

/** A unit's statistics as a stats Cell. */
export function runUnit(scenario: Scenario, profile: Profile, calibration: Calibration, seed: number, first: number, end: number): Cell {
  const acc = new Accumulator(metricsFor(scenario));
  runUnitInto(acc, scenario, profile, calibration, seed, first, end);
  return acc.toCell();
}
