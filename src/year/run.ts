// Running years: a block of years at every profile into one flat array (what a worker
// hands back), and the whole experiment in this thread (tests, small runs). Year i of
// every profile is replication i: the same arrivals, the same luck (common random
// numbers), so the change between profiles is paired year by year.
import type { Calibration } from '../calibration/index.js';
import type { Profile } from '../model/index.js';
import type { Organization } from '../org/index.js';
import { yearModel } from './model.js';
import { replicate, runExperiment, type ExperimentAccumulator, type Replicable } from '../experiment/index.js';
import { yearFrame, yearResult, type YearResult } from './result.js';
import { Layout, simulateYear, type YearRun } from './simulate.js';

export interface YearPlan extends YearRun {
  profiles: readonly { name: string; profile: Profile }[];
  /** Years to simulate: 0..years-1. */
  years: number;
}

export function yearPlan(org: Organization, calibration: Calibration, profiles: readonly { name: string; profile: Profile }[], seed: number, years: number): YearPlan {
  const model = yearModel(org, calibration);
  return { model, layout: new Layout(model), calibration, seed, profiles, years };
}

/** A plan as the experiment's model: a year is a replication, its figures the layout's. */
export function yearReplicable(plan: YearRun & { layout: Layout }): Replicable<Profile> {
  return { size: plan.layout.size, play: (profile, year, out, offset) => void simulateYear(plan, profile, year, out, offset) };
}

/** Years [first, end) at every profile: (end - first) x profiles x layout.size figures, year-major then profile. */
export function runYears(plan: YearPlan, first: number, end: number): Float64Array {
  return replicate(yearReplicable(plan), plan.profiles.map((p) => p.profile), first, end);
}

/** Adds a block from runYears (years [first, ...)) to an accumulator. */
export function addYears(acc: ExperimentAccumulator, block: Float64Array, first = 0): void {
  acc.addBlock(block, first);
}

/** The years of shard `index` of `count`: a contiguous range, so shards together are every year once. */
export function shardYears(years: number, index: number, count: number): [number, number] {
  return [Math.floor((years * index) / count), Math.floor((years * (index + 1)) / count)];
}

/** The whole experiment in this thread. */
export function runYearExperiment(plan: YearPlan): YearResult {
  return yearResult(yearFrame(plan), runExperiment(yearReplicable(plan), plan.profiles.map((p) => p.profile), plan.years));
}
