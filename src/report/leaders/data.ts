// The leaders' report as data: the organization's year at its profiles (the YearResult
// `imsim year --json` prints for the same seed and years), restoration times per scenario
// (what `imsim compare --json` prints for the organization's scenarios), the drivers of
// the annual loss (src/year/drivers.ts) and the advisor's roadmap (src/advise). The CLI
// runs them (src/cli/commands/report.ts); the renderers here only format the result.
import type { AdviceResult } from '../../advise/index.js';
import type { comparisonJson } from '../../stats/index.js';
import type { DriversResult } from '../../year/drivers.js';
import type { YearResult } from '../../year/index.js';

/** Bumped when LeadersReport's shape changes incompatibly. */
export const REPORT_VERSION = 1;

/** Per-incident times of each scenario the organization draws from, as `imsim compare --json` prints them. */
export interface ScenarioTimes {
  seed: number;
  runs: number;
  calibration: { hash: string; overridden: readonly string[] };
  staffing: string;
  profiles: string[];
  profileNames: string[];
  results: ReturnType<typeof comparisonJson>['results'];
  deltas: ReturnType<typeof comparisonJson>['deltas'];
  /** Per scenario, in the order of `results`: title, source and how the organization file names it. */
  scenarios: { id: string; title: string; source: string; ref: string }[];
}

export interface LeadersReport {
  kind: 'imsim-report';
  version: number;
  year: YearResult;
  times: ScenarioTimes;
  /** Absent when the report was asked for without drivers (--driver-years 0). */
  drivers?: DriversResult;
  /** Absent when the report was asked for without a roadmap (--steps 0). */
  advice?: AdviceResult;
  /** The organization's own sources for its figures (services' costs). */
  orgSources: { id: string; name: string; costSource: string }[];
}
