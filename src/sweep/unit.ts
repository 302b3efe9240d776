// Running one unit of a sweep: replications [first, end) of one scenario at one profile,
// summarized into a Cell. Pure (no files, no clock): the worker calls it, and so can a
// test. Metrics are read from each replication's event log, as everywhere else.
import type { Calibration } from '../calibration/index.js';
import type { Profile } from '../model/index.js';
import { simulate } from '../sim/engine.js';
import { metricsOf } from '../sim/metrics.js';
import type { Scenario } from '../sim/scenario.js';
import { Cell, costPerMinute, metricsFor } from '../stats/index.js';

export function runUnit(scenario: Scenario, profile: Profile, calibration: Calibration, seed: number, first: number, end: number): Cell {
  const cell = new Cell(metricsFor(scenario));
  const cost = costPerMinute(scenario, calibration, profile);
  for (let r = first; r < end; r++) {
    cell.add(metricsOf(simulate(scenario, profile, { seed, replication: r, calibration }), scenario, cost));
  }
  return cell;
}
