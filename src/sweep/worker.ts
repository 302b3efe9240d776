// A sweep worker (a piscina worker thread). It receives the sweep's calibration,
// scenarios and profiles once, when the thread starts (workerData: the main thread
// loaded and checked them, so every worker runs on the very same inputs), then runs
// units and hands back each unit's summary state. It keeps nothing between units but
// the simulator's own caches (compiled tables, plans).
import { workerData } from 'piscina';
import type { Calibration } from '../calibration/index.js';
import type { Profile } from '../model/index.js';
import type { Scenario } from '../sim/scenario.js';
import { cellState, type CellState } from './output.js';
import { Units } from './spec.js';
import { runUnit } from './unit.js';

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
  state: CellState;
}

const init = workerData as WorkerInit;
const units = new Units(init.runs, init.block, init.scenarios.length, init.profiles.length);

export default function runTask(unit: number): UnitResult {
  const cell = units.cellOf(unit);
  const [first, end] = units.replications(unit);
  const scenario = init.scenarios[units.scenarioOf(cell)]!;
  const profile = init.profiles[units.profileOf(cell)]!;
  return { unit, state: cellState(runUnit(scenario, profile, init.calibration, init.seed, first, end)) };
}
