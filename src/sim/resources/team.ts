// Teams: priority resources whose capacity follows a shift schedule, as Ciw's servers
// with a `Schedule`, plus an on-call pool that answers urgent work when nobody is on
// duty, after a response delay. A request asks for one person for some minutes of work;
// requests wait in order of (priority, requested at, sequence), so ties never depend on
// luck. Work cut off by the end of a shift goes back to the head of its place in the
// queue and resumes, with what is left of it, when someone is free again
// (preemptive-resume). `UnlimitedTeam` is the single-scenario team: everyone needed is
// there at once, and a request is only the passage of its minutes.
import { MINUTES_PER_WEEK, PRIORITY, REQUEST_PRIORITY } from '../constants.js';
import type { Call, Environment } from '../environment/index.js';
import { Heap } from './heap.js';
import type { Schedule } from './schedule.js';
import { TeamStats } from './stats.js';

type AnyCall = Call<unknown, unknown, unknown, unknown>;

/** Where a request is: waiting, waiting for a paged on-call person, being worked, or over. */
export type RequestState = 'queued' | 'paged' | 'serving' | 'done' | 'withdrawn';

/** One piece of work asked of a team, and whom to call when it is done. */
export class Request {
  state: RequestState = 'queued';
  /** Minutes of work still to do (less than `work` after an interruption). */
  remaining: number;
  /** When the current stretch of work started, and when the first one did. */
  startedAt = NaN;
  firstStart = NaN;
  /** Whether an on-call person is doing it. */
  onCall = false;
  /** Whether someone stayed past the end of their shift to finish it (urgent work in hand is not dropped). */
  overtime = false;
  /** Bumped when the work is interrupted: the end scheduled for the old stretch is stale. */
  stretch = 0;

  constructor(
    readonly priority: number,
    readonly requestedAt: number,
    readonly seq: number,
    readonly work: number,
    readonly call: AnyCall,
    readonly ctx: unknown,
    readonly a: unknown,
    readonly b: unknown,
    readonly c: unknown,
  ) {
    this.remaining = work;
  }
}

/** Queue order: lower priority number first, then earlier request, then earlier sequence. */
function requestBefore(x: Request, y: Request): boolean {
  if (x.priority !== y.priority) return x.priority < y.priority;
  if (x.requestedAt !== y.requestedAt) return x.requestedAt < y.requestedAt;
  return x.seq < y.seq;
}

export interface Team {
  readonly name: string;
  readonly stats: TeamStats;
  /**
   * Asks for one person for `work` minutes at `priority` (lower goes first); once the
   * work is done and the person released, the team calls `call(ctx, a, b, c)`. Returns
   * the request, for `withdraw`, when the team keeps one.
   */
  request<C, A, B, D>(priority: number, work: number, call: Call<C, A, B, D>, ctx: C, a: A, b: B, c: D): Request | undefined;
  /** The work is no longer wanted: it leaves the queue, or its person is freed. */
  withdraw(request: Request): void;
}

/** As many people as the work needs, at once: the work's minutes pass and it is done. */
export class UnlimitedTeam implements Team {
  readonly stats = new TeamStats();

  constructor(
    private readonly env: Environment,
    readonly name: string,
  ) {}

  request<C, A, B, D>(_priority: number, work: number, call: Call<C, A, B, D>, ctx: C, a: A, b: B, c: D): undefined {
    this.env.schedule(this.env.now + work, PRIORITY.defender, call, ctx, a, b, c);
    // Nobody waits: the request starts at once and its work is all done on duty.
    const stats = this.stats;
    stats.requests++;
    stats.started++;
    stats.onDutyMinutes += work;
    return undefined;
  }

  withdraw(): void {}
}

export interface OnCall {
  /** People in the on-call pool. */
  staff: number;
  /** Minutes from the page until the person starts work. */
  responseMinutes: number;
  /** Requests at or below this priority number page the pool when nobody is on duty. */
  pagesAtOrBelow: number;
}

export interface TeamSpec {
  name: string;
  schedule: Schedule;
  onCall?: OnCall;
}

/**
 * A team of people on shifts. The head count on duty is read from the schedule when
 * work arrives; while the team has work, it also follows each change of shift (an
 * idle team needs no events, so a model can still run until its queue is empty).
 */
export class ShiftTeam implements Team {
  readonly stats = new TeamStats();
  readonly name: string;
  private staff: number;
  private onDutyBusy = 0;
  private onCallBusy = 0;
  /** People who stayed past their shift on urgent work. */
  private overtimeBusy = 0;
  /**
   * While a finished off-duty request's event runs: that request. The same lifecycle's
   * next urgent request to this team is taken by the same person at once (someone engaged
   * on an outage at night carries on with its next step, without a new page).
   */
  private engaged: Request | undefined;
  private readonly waiting = new Heap<Request>(requestBefore);
  /** Requests in `waiting` that are still queued (withdrawn ones are dropped when they reach the top). */
  private queued = 0;
  private readonly serving: Request[] = [];
  /** Whether the next change of shift is scheduled. */
  private watching = false;
  private seq = 0;

  constructor(
    private readonly env: Environment,
    readonly spec: TeamSpec,
    /** Minute of the week at which virtual time 0 falls. */
    private readonly anchor: number,
  ) {
    this.name = spec.name;
    this.staff = this.staffNow();
  }

  /** People on duty (as of the last event the team saw), at work on duty and on call, and requests waiting: for observers. */
  get onDuty(): number {
    return this.staff;
  }

  get workingOnDuty(): number {
    return this.onDutyBusy;
  }

  get workingOnCall(): number {
    return this.onCallBusy + this.overtimeBusy;
  }

  get queueLength(): number {
    return this.queued;
  }

  /** People on duty now, by the schedule. */
  staffNow(): number {
    return this.spec.schedule.staffAt(this.weekMinute());
  }

  /** Staff-minutes on duty from the stats' start to now: what utilization is a share of. */
  staffedMinutes(): number {
    return this.spec.schedule.staffMinutes(this.stats.since, this.env.now, this.anchor);
  }

  /** Share of the on-duty staff time spent working, from the stats' start to now (work in progress included). */
  utilization(): number {
    const now = this.env.now;
    let busy = this.stats.onDutyMinutes;
    for (const r of this.serving) if (!r.onCall && !r.overtime) busy += now - Math.max(r.startedAt, this.stats.since);
    const staffed = this.staffedMinutes();
    return staffed > 0 ? busy / staffed : 0;
  }

  private weekMinute(): number {
    const w = (this.anchor + this.env.now) % MINUTES_PER_WEEK;
    return w < 0 ? w + MINUTES_PER_WEEK : w;
  }

  request<C, A, B, D>(priority: number, work: number, call: Call<C, A, B, D>, ctx: C, a: A, b: B, c: D): Request {
    const now = this.env.now;
    // An idle team follows no shift changes: read the head count afresh.
    if (!this.watching) this.staff = this.staffNow();
    const r = new Request(priority, now, this.seq++, work, call as AnyCall, ctx, a, b, c);
    this.stats.requested(now);
    const engaged = this.engaged;
    if (engaged && engaged.a === a && priority <= REQUEST_PRIORITY.urgent && this.onDutyBusy >= this.staff) {
      // The person engaged off duty carries on with the next step.
      this.engaged = undefined;
      if (engaged.onCall) {
        this.onCallBusy++;
        r.onCall = true;
      } else {
        this.overtimeBusy++;
        r.overtime = true;
      }
      this.startWork(r);
      this.watch();
      return r;
    }
    this.enqueue(r);
    this.dispatch();
    this.watch();
    return r;
  }

  withdraw(r: Request): void {
    switch (r.state) {
      case 'queued':
        r.state = 'withdrawn';
        this.queued--;
        this.stats.queued(this.queued, this.env.now);
        return;
      case 'paged':
        r.state = 'withdrawn';
        this.onCallBusy--;
        break;
      case 'serving':
        this.stopWork(r);
        r.state = 'withdrawn';
        break;
      default:
        return;
    }
    this.dispatch();
    this.watch();
  }

  private enqueue(r: Request): void {
    r.state = 'queued';
    this.waiting.push(r);
    this.queued++;
    this.stats.queued(this.queued, this.env.now);
  }

  /** The first request still queued, dropping withdrawn ones from the top. */
  private head(): Request | undefined {
    let top = this.waiting.peek();
    while (top && top.state !== 'queued') {
      this.waiting.pop();
      top = this.waiting.peek();
    }
    return top;
  }

  private dequeue(): Request {
    const r = this.waiting.pop()!;
    this.queued--;
    this.stats.queued(this.queued, this.env.now);
    return r;
  }

  /** Starts queued work while someone can take it: on duty, or (nobody on duty, urgent work) on call. */
  private dispatch(): void {
    for (;;) {
      const top = this.head();
      if (!top) return;
      if (this.onDutyBusy < this.staff) {
        this.dequeue();
        this.onDutyBusy++;
        top.onCall = false;
        this.startWork(top);
      } else if (this.canPage(top)) {
        this.dequeue();
        this.onCallBusy++;
        top.onCall = true;
        top.state = 'paged';
        this.stats.pages++;
        this.env.schedule(this.env.now + this.spec.onCall!.responseMinutes, PRIORITY.defender, ShiftTeam.answer, this, top, top.stretch, undefined);
      } else return;
    }
  }

  private canPage(r: Request): boolean {
    const onCall = this.spec.onCall;
    return this.staff === 0 && onCall !== undefined && this.onCallBusy < onCall.staff && r.priority <= onCall.pagesAtOrBelow;
  }

  /** The paged person starts. */
  private static answer(team: ShiftTeam, r: Request, stretch: number): void {
    if (r.state === 'paged' && r.stretch === stretch) team.startWork(r);
  }

  private startWork(r: Request): void {
    const now = this.env.now;
    r.state = 'serving';
    r.startedAt = now;
    if (Number.isNaN(r.firstStart)) {
      r.firstStart = now;
      this.stats.startedWork(r.requestedAt, now);
    }
    this.serving.push(r);
    this.env.schedule(now + r.remaining, PRIORITY.defender, ShiftTeam.finish, this, r, r.stretch, undefined);
  }

  /** Takes the person off the request: they are free again. */
  private stopWork(r: Request): void {
    const now = this.env.now;
    const i = this.serving.indexOf(r);
    this.serving[i] = this.serving[this.serving.length - 1]!;
    this.serving.pop();
    if (r.onCall) this.onCallBusy--;
    else if (r.overtime) this.overtimeBusy--;
    else this.onDutyBusy--;
    this.stats.worked(r.startedAt, now, r.onCall || r.overtime);
  }

  private static finish(team: ShiftTeam, r: Request, stretch: number): void {
    if (r.state !== 'serving' || r.stretch !== stretch) return;
    team.stopWork(r);
    r.state = 'done';
    if (r.onCall || r.overtime) {
      // Off duty: the same person may carry on with the lifecycle's next step (see engaged).
      team.engaged = r;
      r.call(r.ctx, r.a, r.b, r.c);
      team.engaged = undefined;
      team.dispatch();
      team.watch();
      return;
    }
    team.dispatch();
    team.watch();
    r.call(r.ctx, r.a, r.b, r.c);
  }

  /** Follows the next change of shift while there is work a change could start or cut off. */
  private watch(): void {
    if (this.watching || (this.queued === 0 && this.onDutyBusy === 0)) return;
    const wait = this.spec.schedule.untilChange(this.weekMinute());
    if (wait === Infinity) return;
    this.watching = true;
    this.env.schedule(this.env.now + wait, PRIORITY.world, ShiftTeam.shiftChange, this, undefined, undefined, undefined);
  }

  private static shiftChange(team: ShiftTeam): void {
    team.watching = false;
    team.staff = team.staffNow();
    // Fewer people than work in hand: the work latest in queue order is cut off and waits to
    // resume, except urgent work, whose person stays on until that piece is done.
    while (team.onDutyBusy > team.staff) {
      const r = team.lastOnDuty()!;
      if (r.priority <= REQUEST_PRIORITY.urgent) team.stayOn(r);
      else team.interrupt(r);
    }
    team.dispatch();
    team.watch();
  }

  private lastOnDuty(): Request | undefined {
    let last: Request | undefined;
    for (const r of this.serving) if (!r.onCall && !r.overtime && (!last || requestBefore(last, r))) last = r;
    return last;
  }

  /** The person on `r` stays past the end of the shift: their time from now on is off duty. */
  private stayOn(r: Request): void {
    const now = this.env.now;
    this.stats.worked(r.startedAt, now, false);
    r.startedAt = now;
    r.overtime = true;
    this.onDutyBusy--;
    this.overtimeBusy++;
  }

  private interrupt(r: Request): void {
    this.stopWork(r);
    r.remaining -= this.env.now - r.startedAt;
    r.stretch++;
    this.stats.interruptions++;
    this.enqueue(r);
  }
}
