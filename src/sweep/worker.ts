// A sweep worker (a piscina worker thread). It receives the sweep's calibration,
// scenarios and profiles once, when the thread starts (workerData: the main thread
// loaded and checked them, so every worker runs on the very same inputs), then runs
// units and hands back each unit's summary state. It keeps nothing between units but
// the simulator's own caches (compiled tables, plans).
import { workerData } from 'piscina';
import type { Calibration } from '../calibration/index.js';
import type { Profile } from '../model/index.js';
import type { Scenario } from '../sim/scenario.js';
import { metricsFor } from '../stats/index.js';
import { Accumulator, type Packed } from './accumulator.js';
import { Units } from './spec.js';
import { runUnitInto } from './unit.js';

export interface WorkerInit {
  calibration: Calibration;
  scenarios: Scenario[];
  profiles: Profile[];
  seed: number;
  runs: number;
  block: number;
}

export interface UnitResult {
  unit: number;
  stats: Packed;
}

const init = workerData as WorkerInit;
const units = new Units(init.runs, init.block, init.scenarios.length, init.profiles.length);
/** One accumulator per scenario (its metrics), emptied for every unit. */
const accumulators = init.scenarios.map((s) => new Accumulator(metricsFor(s)));

export default function runTask(unit: number): UnitResult {
  const cell = units.cellOf(unit);
  const [first, end] = units.replications(unit);
  const s = units.scenarioOf(cell);
  const acc = accumulators[s]!;
  acc.reset();
  runUnitInto(acc, init.scenarios[s]!, init.profiles[units.profileOf(cell)]!, init.calibration, init.seed, first, end);
  return { unit, stats: acc.pack() };
}
