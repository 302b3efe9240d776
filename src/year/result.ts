// The year experiment's figures as data. A YearAccumulator sums simulated years (each
// year's vector at every profile) into exact, mergeable summaries: the order in which
// years arrive (workers, shards) changes nothing. `yearResult` turns it into a YearResult,
// the plain data every renderer (text, CSV, JSON, Ink, the leaders' report) formats and
// none recomputes.
import { canonicalProfile, effectiveProfile, type Profile } from '../model/index.js';
import { Parameters, type Calibration } from '../calibration/index.js';
import { mmc } from '../sim/resources/index.js';
import { deltaOf, ExperimentAccumulator, figureOf, type Delta, type Figure } from '../experiment/index.js';
import { round } from '../stats/index.js';
import { FAILED_CHANGE, ON_CALL_RESPONSE_MINUTES, SERVICE_LEVELS, type ServiceLevel, type YearModel } from './model.js';
import { Layout, SERVICE_FIGURES, TEAM_FIGURES, TOTAL_FIGURES } from './simulate.js';

/** Bumped when YearResult's shape changes incompatibly. */
export const YEAR_RESULT_VERSION = 1;

/** A figure over the simulated years (the experiment's Figure) and a paired change against the baseline profile. */
export type { Delta, Figure } from '../experiment/index.js';

export type TotalName = (typeof TOTAL_FIGURES)[number];
export type ServiceFigureName = (typeof SERVICE_FIGURES)[number];
export type TeamFigureName = (typeof TEAM_FIGURES)[number];

export interface ServiceYear {
  id: string;
  name: string;
  costPerHour: number;
  toleranceMinutes: number;
  figures: Record<ServiceFigureName, Figure>;
}

export interface TeamYear {
  id: string;
  name: string;
  /** People on duty when the head count never changes (a pure M/M/c team), else undefined: see `shifts`. */
  staff?: number;
  /** Staff-hours a week on the schedule. */
  staffHoursPerWeek: number;
  /** Whether `work` templates feed the team (else its routine wait is 0 by definition, not by luck). */
  routineWork: boolean;
  onCallStaff: number;
  figures: Record<TeamFigureName, Figure>;
  /**
   * Erlang C for a team fed only by `work` templates and always on duty with the same
   * head count: the theory its simulated figures are checked against.
   */
  theory?: { staff: number; arrivalsPerHour: number; meanWorkMinutes: number; utilization: number; pWait: number; meanWaitMinutes: number };
}

export interface CauseYear {
  id: string;
  kind: 'incident' | 'attack' | 'change';
  incidents: Figure;
}

export interface ProfileYear {
  name: string;
  /** As written (canonical), and what it delivers after "do not skip levels" caps. */
  profile: string;
  effective: string;
  totals: Record<TotalName, Figure>;
  services: ServiceYear[];
  causes: CauseYear[];
  teams: TeamYear[];
  /** Probability that a year's total loss (downtime and breaches) exceeds each loss on the shared grid. */
  lossExceedance: { loss: number; probability: number }[];
  /** The paired change against the first profile (absent on the first itself). */
  change?: {
    against: string;
    totals: Record<TotalName, Delta>;
    services: { id: string; figures: Record<ServiceFigureName, Delta> }[];
    teams: { id: string; figures: Record<TeamFigureName, Delta> }[];
  };
}

export interface YearResult {
  kind: 'imsim-year';
  version: number;
  org: { id: string; name: string; file: string };
  seed: number;
  years: number;
  calibration: { hash: string; overridden: readonly string[] };
  /** What the figures assume, said once so every renderer can quote it. */
  assumptions: {
    staffing: string;
    downtime: string;
    tolerance: string;
    serviceLevels: readonly ServiceLevel[];
    onCallResponseMinutes: number;
    arrivals: string;
  };
  profiles: ProfileYear[];
}

/**
 * Years summed per profile and figure, with the paired deltas against the first profile:
 * the experiment's accumulator, a year being a replication.
 */
export const YearAccumulator = ExperimentAccumulator;
export type YearAccumulator = ExperimentAccumulator;

const r4 = round;

/** 1, 2, 5 times powers of ten from below `lo` to above `hi`: the loss exceedance curve's grid. */
export function lossGrid(lo: number, hi: number): number[] {
  if (!(hi > 0)) return [0];
  const start = Math.max(lo, hi / 1e4);
  let e = Math.floor(Math.log10(start > 0 ? start : hi / 1e4));
  const out: number[] = [];
  for (;;) {
    for (const m of [1, 2, 5]) {
      const x = m * 10 ** e;
      if (x >= start / 2 && (out.length === 0 || out.at(-1)! < hi)) out.push(x);
    }
    if (out.length && out.at(-1)! >= hi) break;
    e++;
  }
  return out;
}

/**
 * What a result is about, as plain data: the organization's services, teams and causes,
 * the profiles, seed and calibration. Built once from a plan (`yearFrame`); shard files
 * carry it, so merging needs neither the organization file nor the calibration.
 */
export interface YearFrame {
  org: { id: string; name: string; file: string };
  seed: number;
  calibration: { hash: string; overridden: readonly string[] };
  profiles: { name: string; profile: string; effective: string }[];
  services: { id: string; name: string; costPerHour: number; toleranceMinutes: number }[];
  causes: { id: string; kind: CauseYear['kind'] }[];
  teams: Omit<TeamYear, 'figures'>[];
}

export interface YearFrameSource {
  model: YearModel;
  profiles: readonly { name: string; profile: Profile }[];
  seed: number;
  calibration: Calibration;
}

export function yearFrame(info: YearFrameSource): YearFrame {
  const { model } = info;
  const org = model.org;
  const kindOf = new Map<string, CauseYear['kind']>(model.world.stories.map((s) => [s.id, s.kind]));
  return {
    org: { id: org.id, name: org.name, file: org.file },
    seed: info.seed,
    calibration: { hash: info.calibration.hash, overridden: [...info.calibration.overridden] },
    profiles: info.profiles.map((np) => {
      const lead = new Parameters(info.calibration, np.profile).value('model.foundationLead');
      return { name: np.name, profile: canonicalProfile(np.profile), effective: canonicalProfile(effectiveProfile(np.profile, lead).profile) };
    }),
    services: org.services.map((s) => ({ id: s.id, name: s.name, costPerHour: s.costPerHour, toleranceMinutes: s.toleranceMinutes })),
    causes: model.causes.map((c) => ({ id: c, kind: c === FAILED_CHANGE ? ('change' as const) : kindOf.get(c)! })),
    teams: org.teams.map((t, i) => {
      const load = model.teamLoad[i]!;
      const team: Omit<TeamYear, 'figures'> = {
        id: t.id,
        name: t.name,
        ...(load.staff !== undefined ? { staff: load.staff } : {}),
        staffHoursPerWeek: r4(t.staffMinutesPerWeek / 60),
        routineWork: load.arrivalsPerHour > 0,
        onCallStaff: t.onCall?.staff ?? 0,
      };
      if (load.workOnly && load.staff !== undefined && load.arrivalsPerHour > 0 && load.arrivalsPerHour * load.meanWorkMinutes < load.staff * 60) {
        const q = mmc({ c: load.staff, lambda: load.arrivalsPerHour / 60, mu: 1 / load.meanWorkMinutes });
        team.theory = {
          staff: load.staff,
          arrivalsPerHour: r4(load.arrivalsPerHour),
          meanWorkMinutes: r4(load.meanWorkMinutes),
          utilization: r4(q.utilization),
          pWait: r4(q.pWait),
          meanWaitMinutes: r4(q.meanWait),
        };
      }
      return team;
    }),
  };
}

/** Where each figure sits in a year's vector, for a frame. */
export function layoutOf(frame: YearFrame): Layout {
  return new Layout({ causes: frame.causes.map((c) => c.id), world: { services: frame.services.map((s) => s.id), teams: frame.teams } });
}

/** The result of the years accumulated so far. */
export function yearResult(frame: YearFrame, acc: ExperimentAccumulator): YearResult {
  const layout = layoutOf(frame);
  const costIndex = layout.total('cost');
  const losses = acc.figures.map((row) => row[costIndex]!);
  const lo = Math.min(...losses.map((s) => s.sketch!.quantile(0.05)));
  const hi = Math.max(...losses.map((s) => s.max));
  const grid = acc.replications > 0 ? lossGrid(lo, hi) : [];
  const profiles: ProfileYear[] = frame.profiles.map((np, p) => {
    const row = acc.figures[p]!;
    const totals = Object.fromEntries(TOTAL_FIGURES.map((f) => [f, figureOf(row[layout.total(f)]!)])) as Record<TotalName, Figure>;
    const services = frame.services.map((s, i) => ({
      ...s,
      figures: Object.fromEntries(SERVICE_FIGURES.map((f) => [f, figureOf(row[layout.service(i, f)]!)])) as Record<ServiceFigureName, Figure>,
    }));
    const causes = frame.causes.map((c, i) => ({ ...c, incidents: figureOf(row[layout.cause(i)]!) }));
    const teams = frame.teams.map((t, i): TeamYear => ({
      ...t,
      figures: Object.fromEntries(TEAM_FIGURES.map((f) => [f, figureOf(row[layout.team(i, f)]!)])) as Record<TeamFigureName, Figure>,
    }));
    const loss = losses[p]!;
    const out: ProfileYear = {
      name: np.name,
      profile: np.profile,
      effective: np.effective,
      totals,
      services,
      causes,
      teams,
      lossExceedance: grid.map((x) => ({ loss: x, probability: r4(loss.sketch!.exceedance(x)) })),
    };
    if (p > 0 && acc.replications > 0) {
      const d = acc.deltas[p]!;
      out.change = {
        against: frame.profiles[0]!.name,
        totals: Object.fromEntries(TOTAL_FIGURES.map((f) => [f, deltaOf(d[layout.total(f)]!)])) as Record<TotalName, Delta>,
        services: frame.services.map((s, i) => ({
          id: s.id,
          figures: Object.fromEntries(SERVICE_FIGURES.map((f) => [f, deltaOf(d[layout.service(i, f)]!)])) as Record<ServiceFigureName, Delta>,
        })),
        teams: frame.teams.map((t, i) => ({ id: t.id, figures: Object.fromEntries(TEAM_FIGURES.map((f) => [f, deltaOf(d[layout.team(i, f)]!)])) as Record<TeamFigureName, Delta> })),
      };
    }
    return out;
  });
  return {
    kind: 'imsim-year',
    version: YEAR_RESULT_VERSION,
    org: frame.org,
    seed: frame.seed,
    years: acc.replications,
    calibration: frame.calibration,
    assumptions: {
      staffing: 'teams on their weekly shifts, with on-call pools; queues simulated (entries that include queueing give way to their work part)',
      downtime: 'full-outage-equivalent hours: the share of the service affected times the hours it lasted, from the fault until service is restored',
      tolerance: "an incident breaches its service's impact tolerance when its full-outage-equivalent minutes exceed the tolerance (004 2.3.2, range of tolerance)",
      serviceLevels: SERVICE_LEVELS,
      onCallResponseMinutes: ON_CALL_RESPONSE_MINUTES,
      arrivals: 'Poisson at each template\'s yearly rate, uniform over the week (a 365-day year starting Monday 00:00); the same arrivals at every profile (common random numbers)',
    },
    profiles,
  };
}
