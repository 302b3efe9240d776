// The leaders' report as data: the organization's year at its profiles (the YearResult
// `imsim year --json` prints for the same seed and years), restoration times per scenario
// (what `imsim compare --json` prints for the organization's scenarios), the drivers of
// the annual loss (drivers.ts) and, when given, the advisor's roadmap. Every figure the
// renderers show is in here, computed; they only format it.
import type { AdviceResult } from '../../advise/index.js';
import { Parameters, type Calibration } from '../../calibration/index.js';
import { canonicalProfile, type Profile } from '../../model/index.js';
import type { Organization, ScenarioTemplate } from '../../org/index.js';
import { UNLIMITED_STAFF } from '../../sim/engine.js';
import { compareScenario, comparisonJson } from '../../stats/index.js';
import { runYearPool } from '../../sweep/year.js';
import { layoutOf, yearFrame, yearModel, yearResult, type YearAccumulator, type YearResult } from '../../year/index.js';
import { runDrivers, type DriversResult } from './drivers.js';

/** Bumped when LeadersReport's shape changes incompatibly. */
export const REPORT_VERSION = 1;

/** Restoration and the other per-incident times of each scenario the organization draws from, as `imsim compare --json` prints them. */
export interface ScenarioTimes {
  seed: number;
  runs: number;
  calibration: { hash: string; overridden: readonly string[] };
  staffing: string;
  profiles: string[];
  profileNames: string[];
  results: ReturnType<typeof comparisonJson>['results'];
  deltas: ReturnType<typeof comparisonJson>['deltas'];
  /** Per scenario id: title and source, for labels and the methods. */
  scenarios: { id: string; title: string; source: string; ref: string }[];
}

export interface LeadersReport {
  kind: 'imsim-report';
  version: number;
  year: YearResult;
  times: ScenarioTimes;
  /** Absent when the report was asked for without drivers (--driver-years 0). */
  drivers?: DriversResult;
  /** The advisor's result, when one was given or run. */
  advice?: AdviceResult;
  /** The organization's own sources for its figures (services' costs). */
  orgSources: { id: string; name: string; costSource: string }[];
}

export interface ReportPlan {
  org: Organization;
  calibration: Calibration;
  profiles: { name: string; profile: Profile }[];
  seed: number;
  years: number;
  /** Years per calibration variant in the drivers' runs; 0 leaves the drivers out. */
  driverYears: number;
  /** Replications per scenario and profile for the restoration times. */
  runs: number;
  workers: number;
  advice?: AdviceResult;
  progress?: (stage: string, done: number, total: number) => void;
}

/** The organization's distinct scenarios, in file order. */
export function orgScenarios(org: Organization): ScenarioTemplate[] {
  const seen = new Set<string>();
  return org.workload.templates.filter((t): t is ScenarioTemplate => t.kind !== 'work' && !seen.has(t.scenario.id) && Boolean(seen.add(t.scenario.id)));
}

export function scenarioTimes(plan: Pick<ReportPlan, 'org' | 'calibration' | 'profiles' | 'seed' | 'runs'>, progress?: (done: number, total: number) => void): ScenarioTimes {
  const profiles = plan.profiles.map((p) => p.profile);
  const lead = new Parameters(plan.calibration, profiles[0]!).value('model.foundationLead');
  const templates = orgScenarios(plan.org);
  const parts = templates.map((t, i) => {
    const c = compareScenario(t.scenario, profiles, { runs: plan.runs, seed: plan.seed, calibration: plan.calibration });
    progress?.(i + 1, templates.length);
    return comparisonJson(c, lead);
  });
  return {
    seed: plan.seed,
    runs: plan.runs,
    calibration: { hash: plan.calibration.hash, overridden: plan.calibration.overridden },
    staffing: UNLIMITED_STAFF,
    profiles: profiles.map(canonicalProfile),
    profileNames: plan.profiles.map((p) => p.name),
    results: parts.flatMap((p) => p.results),
    deltas: parts.flatMap((p) => p.deltas),
    scenarios: templates.map((t) => ({ id: t.scenario.id, title: t.scenario.title, source: `${t.scenario.source.seed}, ${t.scenario.source.section}`, ref: t.scenarioRef })),
  };
}

export async function buildReport(plan: ReportPlan): Promise<LeadersReport> {
  const model = yearModel(plan.org, plan.calibration);
  const frame = yearFrame({ model, profiles: plan.profiles, seed: plan.seed, calibration: plan.calibration });
  const acc: YearAccumulator = await runYearPool({
    org: plan.org,
    calibration: plan.calibration,
    profiles: plan.profiles,
    seed: plan.seed,
    k: layoutOf(frame).size,
    first: 0,
    end: plan.years,
    workers: plan.workers,
    progress: (done) => plan.progress?.('year', done, plan.years),
  });
  const year = yearResult(frame, acc);
  const times = scenarioTimes(plan, (d, t) => plan.progress?.('restoration times', d, t));
  const drivers =
    plan.driverYears > 0
      ? await runDrivers({
          org: plan.org,
          calibration: plan.calibration,
          profile: plan.profiles[0]!,
          seed: plan.seed,
          years: plan.driverYears,
          workers: plan.workers,
          progress: (d, t) => plan.progress?.('drivers', d, t),
        })
      : undefined;
  return {
    kind: 'imsim-report',
    version: REPORT_VERSION,
    year,
    times,
    ...(drivers ? { drivers } : {}),
    ...(plan.advice ? { advice: plan.advice } : {}),
    orgSources: plan.org.services.map((s) => ({ id: s.id, name: s.name, costSource: s.costSource ?? 'not given in the organization file' })),
  };
}
