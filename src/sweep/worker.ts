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
import { Accumulator, packMetrics, type Packed } from './accumulator.js';
import { Units } from './spec.js';
import { metricsRange, runUnitInto } from './unit.js';

export interface WorkerInit {
  calibration: Calibration;
  scenarios: Scenario[];
  profiles: Profile[];
  seed: number;
  runs: number;
  block: number;
  /** Pair every replication with its twin at this profile (`--baseline`). */
  baseline?: Profile;
}

export interface UnitResult {
  unit: number;
  stats: Packed;
}

const init = workerData as WorkerInit;
const units = new Units(init.runs, init.block, init.scenarios.length, init.profiles.length);
/** One accumulator per scenario (its metrics), emptied for every unit. */
const accumulators = init.scenarios.map((s) => new Accumulator(metricsFor(s), init.baseline !== undefined));

/**
 * The baseline's metrics by (scenario, first replication): every profile of a scenario
 * pairs with the same baseline blocks, so a worker computes each once while it is kept.
 * Bounded (oldest out first): a block that fell out is computed again, to the same numbers.
 */
const baselines = new Map<string, Float64Array>();
const MAX_BASELINE_BLOCKS = 64;

function baselineOf(s: number, first: number, end: number): Float64Array {
  const key = `${s}:${first}`;
  let m = baselines.get(key);
  if (!m) {
    if (baselines.size >= MAX_BASELINE_BLOCKS) baselines.delete(baselines.keys().next().value!);
    m = packMetrics(metricsRange(init.scenarios[s]!, init.baseline!, init.calibration, init.seed, first, end), accumulators[s]!.names);
    baselines.set(key, m);
  }
  return m;
}

export default function runTask(unit: number): UnitResult {
  const cell = units.cellOf(unit);
  const [first, end] = units.replications(unit);
  const s = units.scenarioOf(cell);
  const acc = accumulators[s]!;
  acc.reset();
  const base = init.baseline ? baselineOf(s, first, end) : undefined;
  runUnitInto(acc, init.scenarios[s]!, init.profiles[units.profileOf(cell)]!, init.calibration, init.seed, first, end, base);
  return { unit, stats: acc.pack() };
}
