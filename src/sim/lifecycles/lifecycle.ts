// The base of every lifecycle, the activity a handler returns, and the Runner that steps
// lifecycles and runs their activities. See index.ts for what the layer may import.
import type { Parameters, Sampler } from '../../calibration/index.js';
import type { Domain } from '../../model/index.js';
import { MAX_STEPS, PRIORITY } from '../constants.js';
import { purposeId, type Calendar, type Environment, type Streams } from '../environment/index.js';
import type { MachineId } from '../log.js';
import type { Request, Team } from '../resources/index.js';
import type { Stepper } from './stepper.js';

/** Which team does a piece of work: each domain's people (the service desk, the SOC, change, ...). */
export type TeamRole = Domain;

/**
 * What a handler asks for: `work` (a team's person for `minutes`), `wait` (`minutes`
 * pass and nobody works: users, automation, the attacker's world) or `until` (the
 * event happens at the absolute time `at`, whatever happens before; no decision point
 * applies). One object per lifecycle, reused: a handler fills it and returns it.
 */
export class Activity {
  kind: 'work' | 'wait' | 'until' = 'wait';
  team: TeamRole = 'serviceDesk';
  minutes = 0;
  at = 0;
  event = '';
}

/** A calibration parameter as a lifecycle draws it: its sampler at the profile and its stream's number. */
export interface ParamSlot {
  readonly param: string;
  /** Undefined when the table has no entry for the parameter at this profile. */
  readonly sampler: Sampler | undefined;
  readonly purpose: number;
}

/** The calibration a lifecycle draws from: the table at its profile, with its scenario's overrides. */
export interface Tables {
  readonly params: Parameters;
  slot(param: string): ParamSlot;
  /** The same, by the parameter's number (see Param). */
  slotAt(param: Param): ParamSlot;
}

/**
 * A calibration parameter by number: the number of its random stream (purposeId of its
 * name). Handlers name their parameters through `params`, so a misspelt name fails to
 * compile, and a draw finds its sampler and stream by index rather than by string.
 */
export type Param = number & { readonly param: unique symbol };

/** The number of the parameter named. */
export function paramOf(name: string): Param {
  return purposeId(name) as Param;
}

/** Numbers for the parameters named, as an object keyed by their full names. */
export function params<const N extends string>(...names: N[]): Readonly<Record<N, Param>> {
  return Object.fromEntries(names.map((n) => [n, paramOf(n)])) as Record<N, Param>;
}

/** What a handler may read besides its lifecycle: the time, and whether teams queue the work. */
export interface Clock {
  readonly now: number;
  readonly calendar: Calendar;
  /**
   * True when teams have finite staff and queue the work (an organization's year): an
   * entry whose calibrated time includes waiting in a queue is then replaced by its work
   * part, and the waiting comes from the teams. False with unlimited staff (a single
   * scenario): the calibrated elapsed times stand for the queues.
   */
  readonly queueing: boolean;
}

export type Handler<L extends Lifecycle = Lifecycle> = (clock: Clock, lc: L) => Activity | undefined;

/** Handlers by state number, per compiled stepper (shared, like the stepper, by every lifecycle of a table). */
const handlerTables = new WeakMap<Stepper<unknown>, (Handler | null)[]>();

export abstract class Lifecycle<Owner = unknown> {
  abstract readonly machine: MachineId;
  /** The stepper's state (a node number for compiled tables, a snapshot or actor for XState). */
  state: unknown;
  /** Bumped on every transition; activities started for an older generation are stale. */
  generation = 0;
  lastEvent: string | undefined;
  /** Machine steps taken (a bug guard: see MAX_STEPS). */
  steps = 0;
  /** The team request under way, when its team keeps one: withdrawn if the lifecycle moves on first. */
  request: Request | undefined;
  requestTeam: Team | undefined;
  readonly activity = new Activity();
  /** For steppers whose states are numbers (compiled tables): each state's handler, once looked up. */
  readonly handlers: (Handler | null)[] | undefined;

  constructor(
    readonly stepper: Stepper<unknown>,
    /** The streams it draws from (its index's). */
    readonly streams: Streams,
    readonly tables: Tables,
    /** Whoever the layer above keeps it for (the world's story). */
    readonly owner: Owner,
  ) {
    this.state = stepper.start();
    if (typeof this.state === 'number') {
      let table = handlerTables.get(stepper);
      if (!table) handlerTables.set(stepper, (table = []));
      this.handlers = table;
    }
  }

  /** The handler of a state, by its path. */
  abstract handlerFor(stateKey: string): Handler | undefined;

  /** The order in which a team takes this lifecycle's work (lower first). */
  abstract get priority(): number;

  accepts(event: string): boolean {
    return this.stepper.accepts(this.state, event);
  }

  stateKey(): string {
    return this.stepper.stateKey(this.state);
  }

  hasTag(tag: string): boolean {
    return this.stepper.hasTag(this.state, tag);
  }

  isFinal(): boolean {
    return this.stepper.isFinal(this.state);
  }

  /** A duration (or any amount) from a calibration parameter, drawn from the parameter's own stream. */
  draw(param: Param): number {
    const slot = this.tables.slotAt(param);
    return (slot.sampler ?? this.tables.params.sampler(slot.param)).quantile(this.streams.uniformAt(param));
  }

  /** True with the calibrated probability, drawn from the parameter's own stream. */
  chance(param: Param): boolean {
    const slot = this.tables.slotAt(param);
    return this.streams.uniformAt(param) < (slot.sampler ?? this.tables.params.sampler(slot.param)).mean;
  }

  /** A fixed value (or a distribution's mean) from the table, drawing nothing. */
  value(param: Param): number {
    const slot = this.tables.slotAt(param);
    return (slot.sampler ?? this.tables.params.sampler(slot.param)).mean;
  }

  /** Asks `team` for `minutes` of one person's work, ending in `event`. */
  work(team: TeamRole, minutes: number, event: string): Activity {
    this.activity.team = team;
    return this.next('work', minutes, 0, event);
  }

  /** `minutes` pass with nobody at work on it, then `event`. */
  wait(minutes: number, event: string): Activity {
    return this.next('wait', minutes, 0, event);
  }

  /** `event` at the absolute time `at` (a calendar time: a window opens, business hours start). */
  until(at: number, event: string): Activity {
    return this.next('until', 0, at, event);
  }

  private next(kind: Activity['kind'], minutes: number, at: number, event: string): Activity {
    const a = this.activity;
    a.kind = kind;
    a.minutes = minutes;
    a.at = at;
    a.event = event;
    return a;
  }
}

/**
 * Steps lifecycles and runs their activities on the environment and the teams. The
 * world extends it: `stepped` is where it reacts to a transition (and tells its
 * observers), `propose` where decision points may change an activity before it runs.
 */
export abstract class Runner implements Clock {
  abstract readonly env: Environment;
  abstract readonly calendar: Calendar;
  /** While a lifecycle is replayed in no time (a change made before the story begins), its states start no activities. */
  protected replaying = false;
  /** See Clock.queueing. */
  queueing = false;

  get now(): number {
    return this.env.now;
  }

  /** The team that does `role`'s work for this lifecycle. */
  protected abstract teamFor(lc: Lifecycle, role: TeamRole): Team;

  /** A lifecycle took `event`, from the state with path `from`. */
  protected abstract stepped(lc: Lifecycle, event: string, from: string): void;

  /** An activity a handler asked for; the world may change it before it runs. */
  protected propose(lc: Lifecycle, activity: Activity): void {
    this.perform(lc, activity);
  }

  /** Takes `event` if the lifecycle accepts it now; returns whether it did. */
  fire(lc: Lifecycle, event: string): boolean {
    const stepper = lc.stepper;
    if (!stepper.accepts(lc.state, event)) return false;
    if (++lc.steps > MAX_STEPS) throw new Error(`the ${lc.machine} took more than ${MAX_STEPS} steps (a loop that never ends)`);
    const from = stepper.stateKey(lc.state);
    lc.state = stepper.next(lc.state, event);
    lc.generation++;
    lc.lastEvent = event;
    if (lc.request) this.withdraw(lc);
    this.stepped(lc, event, from);
    if (!stepper.isFinal(lc.state)) this.enter(lc);
    return true;
  }

  /** Runs the handler of the state the lifecycle is in. */
  enter(lc: Lifecycle): void {
    if (this.replaying) return;
    let handler: Handler | null | undefined;
    const table = lc.handlers;
    if (table) {
      const s = lc.state as number;
      handler = table[s];
      if (handler === undefined) handler = table[s] = lc.handlerFor(lc.stepper.stateKey(s)) ?? null;
    } else handler = lc.handlerFor(lc.stepper.stateKey(lc.state));
    const activity = handler?.(this, lc);
    if (activity) this.propose(lc, activity);
  }

  /** Runs an activity: the event fires when the work is done, the time has passed or come. */
  protected perform(lc: Lifecycle, a: Activity): void {
    switch (a.kind) {
      case 'until':
        this.env.schedule(a.at, PRIORITY.defender, Runner.fireIfCurrent, this, lc, lc.generation, a.event);
        return;
      case 'wait':
        this.env.schedule(this.env.now + a.minutes, PRIORITY.defender, Runner.fireIfCurrent, this, lc, lc.generation, a.event);
        return;
      case 'work': {
        const team = this.teamFor(lc, a.team);
        const request = team.request(lc.priority, a.minutes, Runner.fireIfCurrent, this, lc, lc.generation, a.event);
        if (request) {
          lc.request = request;
          lc.requestTeam = team;
        }
      }
    }
  }

  /** The lifecycle moved on: the work it asked for is no longer wanted. */
  private withdraw(lc: Lifecycle): void {
    lc.requestTeam!.withdraw(lc.request!);
    lc.request = undefined;
    lc.requestTeam = undefined;
  }

  /** Takes the event unless the lifecycle has moved on since the activity started (its generation changed). */
  private static fireIfCurrent(runner: Runner, lc: Lifecycle, generation: number, event: string): void {
    if (lc.generation !== generation) return;
    if (lc.request) {
      lc.request = undefined;
      lc.requestTeam = undefined;
    }
    runner.fire(lc, event);
  }
}

