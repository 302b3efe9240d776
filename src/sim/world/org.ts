// An organization's world: a year (or any horizon) of incidents, attacks, routine changes
// and routine work arriving at their own rates and competing for the organization's
// shared teams. Every incident, attack and change is a story of its own (the one-story
// world's rules, unchanged), each on streams keyed by its template and its arrival
// number, so the same incidents arrive at the same minutes whatever the profile, and a
// change's defect is one uniform draw against the level's rate. The world's input is
// plain data (OrgModel): src/year turns an organization file into it, so nothing here
// knows the file's format.
import type { Calibration } from '../../calibration/index.js';
import { DOMAINS, type Profile } from '../../model/index.js';
import { PRIORITY, REQUEST_PRIORITY } from '../constants.js';
import { Calendar, Environment, purposeId, Streams, type CalendarSettings } from '../environment/index.js';
import type { Lifecycle, TeamRole } from '../lifecycles/index.js';
import { ShiftTeam, type OnCall, type Schedule, type Team } from '../resources/index.js';
import type { Scenario } from '../scenario.js';
import type { WorldObserver } from './observer.js';
import { planFor } from './plan.js';
import type { Story } from './story.js';
import { World, type StepperKind } from './world.js';

/**
 * What someone does for a story, as organizations route work: which of their teams
 * takes it is the model's `teams` table for the story's service.
 */
export const WORK_ACTIVITIES = ['intake', 'triage', 'resolve', 'investigate', 'contain', 'implement', 'authorize'] as const;
export type WorkActivity = (typeof WORK_ACTIVITIES)[number];
const ACTIVITY_INDEX = new Map<WorkActivity, number>(WORK_ACTIVITIES.map((a, i) => [a, i]));
const ROLE_INDEX = new Map<TeamRole, number>(DOMAINS.map((d, i) => [d, i]));

/** A team of the organization: its weekly schedule and on-call pool. */
export interface OrgTeamModel {
  id: string;
  schedule: Schedule;
  onCall?: OnCall;
}

/** Team (by index into OrgModel.teams) for each WorkActivity, in WORK_ACTIVITIES order. */
export type TeamTable = readonly number[];

/** An incident or attack scenario arriving at a rate, on one service, worked by the teams its table names. */
export interface OrgStoryTemplate {
  id: string;
  kind: 'incident' | 'attack';
  /** The scenario, its service already the organization's (standby, impact). */
  scenario: Scenario;
  /** Index into OrgModel.services. */
  service: number;
  /** Mean arrivals a minute (Poisson). */
  perMinute: number;
  teams: TeamTable;
}

/** Routine work: arrivals at a rate, each holding one person of a team for exponentially distributed minutes. */
export interface OrgWorkTemplate {
  id: string;
  team: number;
  perMinute: number;
  meanWorkMinutes: number;
}

/** Where routine changes land: a service, its share, its teams, and one change scenario per kind. */
export interface OrgChangeTarget {
  service: number;
  /** Cumulative share (the last target's is 1): a uniform draw below it and above the previous picks this target. */
  upTo: number;
  teams: TeamTable;
  /** By kind, in OrgChanges.kinds order. */
  scenarios: readonly Scenario[];
}

export interface OrgChanges {
  perMinute: number;
  kinds: readonly string[];
  /** Cumulative shares of the kinds (the last is 1). */
  kindUpTo: readonly number[];
  targets: readonly OrgChangeTarget[];
}

export interface OrgModel {
  /** Names the streams: the same model and seed draw the same arrivals. */
  id: string;
  teams: readonly OrgTeamModel[];
  /** Service ids, in the order story templates and change targets index them. */
  services: readonly string[];
  stories: readonly OrgStoryTemplate[];
  work: readonly OrgWorkTemplate[];
  changes?: OrgChanges;
  calendar: CalendarSettings;
  /** Minutes during which work arrives (a year); what arrived runs to its end after it. */
  horizon: number;
}

/** The change stream's template id (it names the cause of a failed change's incident). */
export const CHANGE_TEMPLATE = 'changes';

/** Purposes of the organization's own draws (the stories draw theirs as in a one-story world). */
const ARRIVAL = purposeId('org.arrival');
const WORK = purposeId('org.work');
const CHANGE_KIND = purposeId('workload.mix');
const CHANGE_TARGET = purposeId('org.changeTarget');

/** A story of the organization: which template it came from, and its teams. */
export interface OrgStory {
  story: Story;
  /** Index into OrgModel.stories, or -1 for a routine change. */
  template: number;
  service: number;
  teams: TeamTable;
}

/** The priority at which a team takes routine work: after incidents, with changes (ITIL: restoring service comes before requests). */
const WORK_PRIORITY = REQUEST_PRIORITY.change;

/** A template's arrival process: its own streams (scope = model and template), replication = the year. */
class Arrivals {
  readonly streams: Streams;
  count = 0;
  constructor(
    readonly scope: string,
    readonly perMinute: number,
    readonly fire: (n: number) => void,
    seed: number,
    year: number,
  ) {
    this.streams = new Streams(seed, scope, year);
  }

  /** The time of the next arrival after `now`. */
  next(now: number): number {
    return now - Math.log(1 - this.streams.uniformAt(ARRIVAL)) / this.perMinute;
  }
}

export interface OrgWorldOptions {
  seed: number;
  /** The replication: year i of every profile draws the same arrivals. */
  year: number;
  calibration: Calibration;
  stepper?: StepperKind;
}

export class OrgWorld extends World {
  readonly orgTeams: ShiftTeam[];
  readonly orgStories: OrgStory[] = [];
  /** Per team: routine work finished, and the minutes it spent not being worked (waiting to start, paused at a shift's end). */
  readonly routineDone: number[];
  readonly routineWaitSum: number[];
  /** Called once at the horizon, before what is still open runs to its end (teams' figures are read there). */
  onHorizon: (() => void) | undefined;
  private readonly byStory: TeamTable[] = [];
  /** Activity by stepper, then state number and role (compiled steppers), or by state key and role (others). */
  private readonly activities = new WeakMap<object, number[] | Map<string, number>>();

  constructor(
    readonly model: OrgModel,
    readonly profile: Profile,
    readonly opts: OrgWorldOptions,
    observer: WorldObserver,
    env: Environment = new Environment(),
  ) {
    super(new Calendar(0, model.calendar), observer, { stepper: opts.stepper, queueing: true }, env);
    // Virtual time 0 is Monday 00:00 (the calendar's and the schedules' origin).
    this.routineDone = model.teams.map(() => 0);
    this.routineWaitSum = model.teams.map(() => 0);
    this.orgTeams = model.teams.map((t) => new ShiftTeam(env, { name: t.id, schedule: t.schedule, ...(t.onCall ? { onCall: t.onCall } : {}) }, 0));
  }

  /** Schedules every template's first arrival; `run()` then plays the year. */
  start(): void {
    const model = this.model;
    model.stories.forEach((t, i) => {
      if (t.perMinute > 0) this.arrivals(`${model.id}/${t.id}`, t.perMinute, (n) => this.beginTemplate(i, n));
    });
    model.work.forEach((w) => {
      if (w.perMinute <= 0) return;
      const team = this.orgTeams[w.team]!;
      const t = w.team;
      // The work's length comes from the template's own streams, beside its arrival gaps.
      const a = this.arrivals(`${model.id}/work/${w.id}`, w.perMinute, () => {
        const work = -Math.log(1 - a.streams.uniformAt(WORK)) * w.meanWorkMinutes;
        team.request(WORK_PRIORITY, work, OrgWorld.done, this, t, this.env.now, work);
      });
    });
    const changes = model.changes;
    if (changes && changes.perMinute > 0) this.arrivals(`${model.id}/${CHANGE_TEMPLATE}`, changes.perMinute, (n) => this.beginChange(changes, n));
    this.env.scheduleCallback(model.horizon, PRIORITY.world, () => this.onHorizon?.());
  }

  private static done(world: OrgWorld, team: number, requestedAt: number, work: number): void {
    world.routineDone[team]!++;
    world.routineWaitSum[team]! += world.env.now - requestedAt - work;
  }

  private arrivals(scope: string, perMinute: number, fire: (n: number) => void): Arrivals {
    const a = new Arrivals(scope, perMinute, fire, this.opts.seed, this.opts.year);
    const horizon = this.model.horizon;
    const step = () => {
      const n = a.count++;
      a.fire(n);
      const at = a.next(this.env.now);
      if (at < horizon) this.env.scheduleCallback(at, PRIORITY.world, step);
    };
    const first = a.next(0);
    if (first < horizon) this.env.scheduleCallback(first, PRIORITY.world, step);
    return a;
  }

  /** The streams of arrival n of a template: lifecycle index n + 1 (index 0 holds the template's own arrival draws). */
  private storyStreams(scope: string, n: number): Streams {
    return new Streams(this.opts.seed, scope, this.opts.year, n + 1);
  }

  private beginTemplate(i: number, n: number): void {
    const t = this.model.stories[i]!;
    const plan = planFor(t.scenario, this.profile, this.opts.calibration);
    this.beginStory(t.scenario, plan, this.storyStreams(`${this.model.id}/${t.id}`, n), i, t.service, t.teams);
  }

  private beginChange(c: OrgChanges, n: number): void {
    const streams = this.storyStreams(`${this.model.id}/${CHANGE_TEMPLATE}`, n);
    // Kind and target: the change's own first draws, the same at every profile.
    const kind = pick(c.kindUpTo, streams.uniformAt(CHANGE_KIND));
    const target = c.targets[pickTarget(c.targets, streams.uniformAt(CHANGE_TARGET))]!;
    const scenario = target.scenarios[kind]!;
    this.beginStory(scenario, planFor(scenario, this.profile, this.opts.calibration), streams, -1, target.service, target.teams);
  }

  private beginStory(scenario: Scenario, plan: ReturnType<typeof planFor>, streams: Streams, template: number, service: number, teams: TeamTable): void {
    // Stories are numbered in order of arrival (the same order at every profile); the index names the story, the streams its draws.
    const index = this.orgStories.length;
    this.byStory[index] = teams;
    // Registered before it begins: its first steps already ask for its teams.
    const entry: OrgStory = { story: undefined as unknown as Story, template, service, teams };
    this.orgStories.push(entry);
    entry.story = this.begin(index, scenario, plan, streams);
  }

  protected override teamFor(lc: Lifecycle, role: TeamRole): Team {
    const story = lc.owner as Story;
    const table = this.byStory[story.index]!;
    return this.orgTeams[table[this.activityOf(lc, role)]!]!;
  }

  /** Which activity a piece of work is, from the lifecycle's state and the role its handler names. */
  private activityOf(lc: Lifecycle, role: TeamRole): number {
    let cache = this.activities.get(lc.stepper);
    if (!cache) this.activities.set(lc.stepper, (cache = typeof lc.state === 'number' ? [] : new Map()));
    const r = ROLE_INDEX.get(role)!;
    if (Array.isArray(cache)) {
      const slot = (lc.state as number) * DOMAINS.length + r;
      return (cache[slot] ??= ACTIVITY_INDEX.get(activityFor(lc.machine, lc.stateKey(), role))!);
    }
    const key = `${lc.stateKey()}|${role}`;
    let a = cache.get(key);
    if (a === undefined) cache.set(key, (a = ACTIVITY_INDEX.get(activityFor(lc.machine, lc.stateKey(), role))!));
    return a;
  }
}

/**
 * The activity of a piece of work: a change's board review is `authorize`, the rest of a
 * change `implement`; an incident's rollback of the change it found is `resolve`, done by
 * the people already on the incident in its own time, not queued as change work; the SOC's part of an incident is `investigate`
 * until the attack is confirmed and `contain` after; the desk's is `intake` while the
 * incident is being identified and `triage` while it is categorized, prioritized,
 * mobilized or closed; everything else in `respond` is `resolve`.
 */
export function activityFor(machine: 'incident' | 'change', stateKey: string, role: TeamRole): WorkActivity {
  if (machine === 'change') return stateKey === 'authorize.cab' || stateKey === 'authorize.emergencyReview' ? 'authorize' : 'implement';
  if (role === 'secOps') return stateKey.startsWith('categorize') || stateKey.startsWith('identify') || stateKey === 'respond.investigating' ? 'investigate' : 'contain';
  if (stateKey.startsWith('identify')) return 'intake';
  if (stateKey.startsWith('categorize') || stateKey === 'prioritize' || stateKey.startsWith('close') || stateKey === 'respond.mobilizing') return 'triage';
  return 'resolve';
}

/** The index whose cumulative share first exceeds u. */
function pick(upTo: readonly number[], u: number): number {
  for (let i = 0; i < upTo.length; i++) if (u < upTo[i]!) return i;
  return upTo.length - 1;
}

function pickTarget(targets: readonly OrgChangeTarget[], u: number): number {
  for (let i = 0; i < targets.length; i++) if (u < targets[i]!.upTo) return i;
  return targets.length - 1;
}
