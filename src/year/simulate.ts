// One simulated year of an organization at one profile: the world plays every arrival
// on the shared teams, an observer streams each story's metrics (no log is kept), and
// the year comes back as one flat vector of figures in the layout's order, the unit that
// accumulators, workers and shards pass around.
import type { Calibration } from '../calibration/index.js';
import { canonicalProfile, type Profile } from '../model/index.js';
import { MINUTES_PER_HOUR } from '../sim/constants.js';
import { Environment } from '../sim/environment/index.js';
import { MetricsObserver } from '../sim/observers/index.js';
import type { Lifecycle } from '../sim/lifecycles/index.js';
import { OrgWorld, type StepperKind, type Story } from '../sim/world/index.js';
import { FAILED_CHANGE, SERVICE_LEVELS, type YearModel } from './model.js';

/**
 * Metrics of the incidents only: a change's own steps count for nothing in a year's
 * figures (its failure shows as the incident it raises), so they are not followed.
 */
class IncidentMetrics extends MetricsObserver {
  override started(t: number, story: Story, lc: Lifecycle): void {
    if (lc.machine === 'incident') super.started(t, story, lc);
  }

  override stepped(t: number, story: Story, lc: Lifecycle, event: string): void {
    if (lc.machine === 'incident') super.stepped(t, story, lc, event);
  }
}

/** Months in a year, for pages per on-call person per month. */
const MONTHS_PER_YEAR = 12;

/** Figures of a year, per team, in this order. */
export const TEAM_FIGURES = ['utilization', 'meanWaitMinutes', 'routineWaitMinutes', 'waitedShare', 'pWait', 'pages', 'pagesPerOnCallPersonMonth', 'arrivalsPerHour', 'meanWorkMinutes'] as const;
/** Figures of a year, per service, in this order. */
export const SERVICE_FIGURES = ['downtimeHours', 'cost', 'incidents', 'toleranceBreaches'] as const;
/** The organization-wide figures of a year, in this order. */
export const TOTAL_FIGURES = [
  'cost',
  'downtimeCost',
  'breachCost',
  'downtimeHours',
  'incidents',
  'toleranceBreaches',
  'slaAckBreaches',
  'slaRestoreBreaches',
  'changes',
  'failedChanges',
] as const;

/** Where each figure sits in a year's vector. */
export class Layout {
  readonly names: string[] = [];
  readonly services: string[];
  readonly teams: string[];
  readonly causes: string[];

  constructor(m: Pick<YearModel, 'causes'> & { world: { services: readonly string[]; teams: readonly { id: string }[] } }) {
    this.services = [...m.world.services];
    this.teams = m.world.teams.map((t) => t.id);
    this.causes = [...m.causes];
    for (const f of TOTAL_FIGURES) this.names.push(f);
    for (const s of this.services) for (const f of SERVICE_FIGURES) this.names.push(`service.${s}.${f}`);
    for (const c of this.causes) this.names.push(`cause.${c}`);
    for (const t of this.teams) for (const f of TEAM_FIGURES) this.names.push(`team.${t}.${f}`);
  }

  get size(): number {
    return this.names.length;
  }

  total(f: (typeof TOTAL_FIGURES)[number]): number {
    return TOTAL_FIGURES.indexOf(f);
  }

  service(i: number, f: (typeof SERVICE_FIGURES)[number]): number {
    return TOTAL_FIGURES.length + i * SERVICE_FIGURES.length + SERVICE_FIGURES.indexOf(f);
  }

  cause(i: number): number {
    return TOTAL_FIGURES.length + this.services.length * SERVICE_FIGURES.length + i;
  }

  team(i: number, f: (typeof TEAM_FIGURES)[number]): number {
    return TOTAL_FIGURES.length + this.services.length * SERVICE_FIGURES.length + this.causes.length + i * TEAM_FIGURES.length + TEAM_FIGURES.indexOf(f);
  }
}

export interface YearRun {
  model: YearModel;
  layout: Layout;
  calibration: Calibration;
  seed: number;
  stepper?: StepperKind;
}

/** A year's world after it ran, for tests that look inside (which stories failed, which teams waited). */
export interface PlayedYear {
  world: OrgWorld;
  observer: MetricsObserver;
  figures: Float64Array;
}

/** Plays year `year` at `profile`; `into` (if given) receives the figures at `offset`. */
export function playYear(run: YearRun, profile: Profile, year: number, into?: Float64Array, offset = 0): PlayedYear {
  const { model, layout } = run;
  const out = into ?? new Float64Array(layout.size);
  const o = into ? offset : 0;
  const observer = new IncidentMetrics();
  const world = new OrgWorld(model.world, profile, { seed: run.seed, year, calibration: run.calibration, ...(run.stepper ? { stepper: run.stepper } : {}) }, observer, new Environment());
  const horizonHours = model.world.horizon / MINUTES_PER_HOUR;
  // Teams are read at the horizon: the year's own load, before what is still open drains.
  world.onHorizon = () => {
    world.orgTeams.forEach((team, i) => {
      const s = team.stats;
      const onCall = model.world.teams[i]!.onCall;
      out[o + layout.team(i, 'utilization')] = team.utilization();
      out[o + layout.team(i, 'meanWaitMinutes')] = s.meanWait;
      out[o + layout.team(i, 'waitedShare')] = s.waitedShare;
      out[o + layout.team(i, 'pWait')] = s.waitedShare;
      out[o + layout.team(i, 'pages')] = s.pages;
      out[o + layout.team(i, 'pagesPerOnCallPersonMonth')] = onCall ? s.pages / onCall.staff / MONTHS_PER_YEAR : 0;
      out[o + layout.team(i, 'arrivalsPerHour')] = s.requests / horizonHours;
      out[o + layout.team(i, 'meanWorkMinutes')] = s.started ? (s.onDutyMinutes + s.onCallMinutes) / s.started : 0;
    });
  };
  try {
    world.start();
    world.run();
  } catch (e) {
    // A bug inside the engine: name everything needed to find the year again.
    const reason = e instanceof Error ? e.message : String(e);
    throw new Error(`${model.org.file} at profile ${canonicalProfile(profile)}, seed ${run.seed}, year ${year}: ${reason} (imsim year ${model.org.file} --profiles '${canonicalProfile(profile)}' --seed ${run.seed} --years ${year + 1} replays it as its last year)`, { cause: e });
  }
  // Routine work counts to its end (what arrived in the year, however late it finishes).
  world.orgTeams.forEach((_, i) => {
    const n = world.routineDone[i]!;
    out[o + layout.team(i, 'routineWaitMinutes')] = n ? world.routineWaitSum[i]! / n : 0;
  });
  const add = (i: number, x: number) => (out[o + i] = out[o + i]! + x);
  const causeIndex = new Map(model.causes.map((c, i) => [c, i]));
  const failedChange = causeIndex.get(FAILED_CHANGE);
  for (const entry of world.orgStories) {
    const { story, service } = entry;
    const isChange = entry.template < 0;
    if (isChange) add(layout.total('changes'), 1);
    if (!story.incident) continue;
    const m = observer.metrics(story, 0);
    const downtimeCost = m.disruption * model.costPerMinute[service]!;
    const breach = m.cost; // with no cost per minute given, the cost is the attacker's losses alone
    add(layout.total('incidents'), 1);
    add(layout.total('downtimeCost'), downtimeCost);
    add(layout.total('breachCost'), breach);
    add(layout.total('cost'), downtimeCost + breach);
    add(layout.total('downtimeHours'), m.disruption / MINUTES_PER_HOUR);
    add(layout.service(service, 'downtimeHours'), m.disruption / MINUTES_PER_HOUR);
    add(layout.service(service, 'cost'), downtimeCost + breach);
    add(layout.service(service, 'incidents'), 1);
    // The disruption outlasted the tolerance: its full-outage-equivalent minutes (impact x minutes) exceed it.
    if (m.disruption > model.toleranceMinutes[service]!) {
      add(layout.service(service, 'toleranceBreaches'), 1);
      add(layout.total('toleranceBreaches'), 1);
    }
    const incident = story.incident!;
    const sla = SERVICE_LEVELS[incident.urgent || incident.declaredMajor ? 0 : 1]!;
    if (m.mtta - m.mttd > sla.ackMinutes) add(layout.total('slaAckBreaches'), 1);
    if (m.mttr - m.mttd > sla.restoreMinutes) add(layout.total('slaRestoreBreaches'), 1);
    if (isChange) {
      add(layout.total('failedChanges'), 1);
      add(layout.cause(failedChange!), 1);
    } else add(layout.cause(entry.template), 1);
  }
  return { world, observer, figures: out };
}

/** The figures of year `year` at `profile`. */
export function simulateYear(run: YearRun, profile: Profile, year: number, into?: Float64Array, offset = 0): Float64Array {
  return playYear(run, profile, year, into, offset).figures;
}

