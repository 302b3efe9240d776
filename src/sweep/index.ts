// Sweeps: scenarios x profiles x seeded replications on every core and across machines.
// The grid of profiles (grid.ts), the cut of the work into fixed units and shards
// (spec.ts), a unit's simulation (unit.ts, run inside worker.ts), the run itself with its
// worker pool, streaming output and checkpoint (run.ts), the file formats (output.ts) and
// the merge of shard outputs (merge.ts).
//
// May import model, calibration, sim, stats and util, and touch files, worker threads
// and the machine's clock (progress only: no result reads the clock). sim and stats must
// not import from here. Terminal drawing stays in cli and tui.
export * from './grid.js';
export * from './spec.js';
export * from './output.js';
export * from './progress.js';
export { runSweep, type SweepRun, type SweepOutcome } from './run.js';
export { runUnit, runUnitInto } from './unit.js';
export { Accumulator, packMetrics, type Packed } from './accumulator.js';
export { mergeParts, type MergeOutcome } from './merge.js';
export { checkpointPath, inProgressPath } from './checkpoint.js';
export { runYearPool, yearBlock, type YearPoolRun } from './year.js';
export { DEFAULT_YEAR_BLOCK, mergeYearSweeps, readYearSweep, runYearSweep, setGrid, yearCheckpointPath, yearSweepIdentity, YearUnits, YEAR_SWEEP_KIND, type YearSweepOutput, type YearVariant } from './year-sweep.js';
