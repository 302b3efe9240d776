// A year worker (a piscina worker thread): receives the organization, calibration,
// profiles and seed once (workerData: the main thread loaded and checked them), builds
// the year's world model once, then simulates blocks of years at every profile and
// hands back their figures as one flat array.
import { workerData } from 'piscina';
import type { Calibration } from '../calibration/index.js';
import type { Profile } from '../model/index.js';
import type { Organization } from '../org/index.js';
import { runYears, yearPlan } from '../year/index.js';

export interface YearWorkerInit {
  org: Organization;
  calibration: Calibration;
  profiles: { name: string; profile: Profile }[];
  seed: number;
}

const init = workerData as YearWorkerInit;
const plan = yearPlan(init.org, init.calibration, init.profiles, init.seed, 0);

export default function runBlock(block: { first: number; end: number }): Float64Array {
  return runYears(plan, block.first, block.end);
}
