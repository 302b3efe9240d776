// Running years: a block of years at every profile into one flat array (what a worker
// hands back), and the whole experiment in this thread (tests, small runs). Year i of
// every profile is replication i: the same arrivals, the same luck (common random
// numbers), so the change between profiles is paired year by year.
import type { Calibration } from '../calibration/index.js';
import type { Profile } from '../model/index.js';
import type { Organization } from '../org/index.js';
import { yearModel } from './model.js';
import { YearAccumulator, yearFrame, yearResult, type YearResult } from './result.js';
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

/** Years [first, end) at every profile: (end - first) x profiles x layout.size figures, year-major then profile. */
export function runYears(plan: YearPlan, first: number, end: number): Float64Array {
  const k = plan.layout.size;
  const n = plan.profiles.length;
  const out = new Float64Array((end - first) * n * k);
  for (let y = first; y < end; y++) {
    plan.profiles.forEach((p, i) => simulateYear(plan, p.profile, y, out, ((y - first) * n + i) * k));
  }
  return out;
}

/** Adds a block from runYears to an accumulator. */
export function addYears(acc: YearAccumulator, block: Float64Array): void {
  const step = acc.profiles * acc.k;
  for (let o = 0; o < block.length; o += step) acc.addYear(block, o);
}

/** The years of shard `index` of `count`: a contiguous range, so shards together are every year once. */
export function shardYears(years: number, index: number, count: number): [number, number] {
  return [Math.floor((years * index) / count), Math.floor((years * (index + 1)) / count)];
}

/** The whole experiment in this thread. */
export function runYearExperiment(plan: YearPlan): YearResult {
  const acc = new YearAccumulator(plan.profiles.length, plan.layout.size);
  addYears(acc, runYears(plan, 0, plan.years));
  return yearResult(yearFrame(plan), acc);
}
