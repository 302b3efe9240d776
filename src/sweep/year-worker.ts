// A year worker (a piscina worker thread): receives the organization, calibration,
// profiles and seed once (workerData: the main thread loaded and checked them), builds
// the year's world model once, then simulates blocks of years at every profile and
// hands back their figures as one flat array.
import { workerData } from 'piscina';
import type { Calibration } from '../calibration/index.js';
import type { Profile } from '../model/index.js';
import type { Organization } from '../org/index.js';
import { runYears, yearPlan, type YearPlan } from '../year/index.js';

export interface YearWorkerInit {
  /** The organization, or the variants of a year sweep (a block names its variant). */
  orgs: Organization[];
  calibration: Calibration;
  /** Per variant, a calibration of its own (a sensitivity run: the report's drivers); else `calibration` for all. */
  calibrations?: Calibration[];
  profiles: { name: string; profile: Profile }[];
  seed: number;
}

const init = workerData as YearWorkerInit;
/** Plans by variant, built on first use (each builds the world model once). */
const plans: YearPlan[] = [];

export default function runBlock(block: { variant?: number; first: number; end: number }): Float64Array {
  const v = block.variant ?? 0;
  const plan = (plans[v] ??= yearPlan(init.orgs[v] ?? init.orgs[0]!, init.calibrations?.[v] ?? init.calibration, init.profiles, init.seed, 0));
  return runYears(plan, block.first, block.end);
}
