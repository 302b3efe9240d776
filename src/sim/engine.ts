// The engine: one replication of a scenario at a profile. SimPy's layering: an event
// queue on virtual minutes, then the processes (fault, attacker, detection, the two
// workflows) that schedule events on it. The machines are stepped only through the
// Stepper interface; every duration and probability is drawn from the calibration
// table through a random stream named for its purpose.
import { changeWorkflow, incidentWorkflow, type ChangeFacts, type IncidentFacts, type Workflow } from '../../machines/index.js';
import type { Calibration, Parameters, Sampler } from '../calibration/index.js';
import type { Cap, Domain, Profile } from '../model/index.js';
import type { Calendar } from './calendar.js';
import { changeHandlers } from './change-process.js';
import { MAX_CHANGE_ATTEMPTS, MAX_STEPS, PRIORITY } from './constants.js';
import { incidentHandlers } from './incident-process.js';
import { InjectTriggers, type DueInject } from './injects.js';
import type { LogEntry, MachineId } from './log.js';
import { EventQueue } from './queue.js';
import { planFor, samplerOfDist, type ParamSlot, type Plan } from './plan.js';
import { purposeId, Streams, type Stream } from './rng.js';
import { SIGNAL_EVENTS, type DecisionOption, type DecisionPoint, type Scenario, type Signal, type Timing } from './scenario.js';
import { actorStepper, xstateStepper, type Stepper, type StepperFactory } from './stepper.js';

export type StepperKind = 'compiled' | 'xstate' | 'actor';

export interface OptionView {
  /** 1-based number as shown to people. */
  index: number;
  id: string;
  label: string;
  open: boolean;
  /** Why the option is not open at this profile. */
  reason?: string;
}

export interface DecisionRequest {
  point: DecisionPoint;
  options: OptionView[];
  t: number;
  /** How many decisions came before this one in the replication. */
  occurrence: number;
}

/**
 * Picks an option id; `undefined` stops the replication at this decision (it comes back
 * as `SimResult.pending`); `null` leaves this one decision to the state's calibrated
 * behaviour, as if no policy were given (a replay where the room's choice does not
 * apply, or a decision with no option open at the profile).
 */
export type DecisionPolicy = (request: DecisionRequest) => string | null | undefined;

/** The first option open at the profile: what Enter takes in a tabletop. */
export const firstOpenOption: DecisionPolicy = (r) => r.options.find((o) => o.open)?.id;

export interface RunOptions {
  seed: number;
  replication: number;
  calibration: Calibration;
  /** Which stepper runs the machines (default compiled), or a factory of your own (a bench recording the steps). */
  stepper?: StepperKind | StepperFactory;
  /**
   * Who answers the scenario's decision points. Without one, decision points stay
   * silent and every state runs its calibrated behaviour: what an organization at the
   * profile usually does. Tabletops and `--decisions` pass one.
   */
  policy?: DecisionPolicy;
  /**
   * Whether injects without a signal run (default true). They change nothing but the log
   * (a property test holds the engine to it), so batch runs that read only metrics leave
   * them out and skip their cost; tabletops, `run` and anything showing the log keep them.
   */
  quietInjects?: boolean;
}

export interface SimResult {
  scenario: string;
  profile: Profile;
  /** The levels the profile delivers after "do not skip levels" caps. */
  effective: Profile;
  caps: Cap[];
  seed: number;
  replication: number;
  log: LogEntry[];
  /** The scenario's wall clock, for showing times. */
  calendar: Calendar;
  /** When the fault began doing harm (metrics count from here); undefined if it never did. */
  faultStart?: number;
  /** Set when the policy declined to choose: the replication stopped here. */
  pending?: DecisionRequest;
}

const FACTORIES: Record<Exclude<StepperKind, 'compiled'>, <I>(w: Workflow<I>, input: I) => Stepper<unknown>> = {
  xstate: xstateStepper as never,
  actor: actorStepper as never,
};

/** One running workflow instance. */
export interface Run {
  machine: MachineId;
  stepper: Stepper<unknown>;
  s: unknown;
  /** Bumped on every transition; activities scheduled for an older generation are stale. */
  gen: number;
  lastEvent?: string;
  /** Simulator bookkeeping the machine does not need: tiers, flags, remaining waits. */
  notes: Record<string, number | boolean | string | undefined>;
  /** For steppers whose states are numbers (compiled tables): each state's handler, once looked up. */
  handlers?: (Handler | null)[];
}

/** What the process handlers (incident-process.ts, change-process.ts) may use. */
export interface SimContext {
  readonly t: number;
  readonly scenario: Scenario;
  readonly calendar: Calendar;
  readonly params: Parameters;
  readonly incidentFacts: IncidentFacts | undefined;
  /** The team answering the incident: `secOps` for security alerts, else `serviceDesk`. */
  readonly responder: Domain;
  accepts(run: Run, event: string): boolean;
  /** A duration from a calibration parameter, drawn from the parameter's own stream. */
  draw(param: string): number;
  drawTiming(timing: Timing, purpose: string): number;
  /** True with the calibrated probability, drawn from the parameter's own stream. */
  chance(param: string): boolean;
  value(param: string): number;
  /** Proposes the state's activity: `event` after `delay`, unless a decision point changes it. */
  act(run: Run, delay: number, event: string): void;
  /** Schedules `event` at absolute time `at` for the run's current state (no decision point). */
  at(run: Run, at: number, event: string): void;
  /** Starts a change whose deployment will apply the incident's fix. */
  startRemediationChange(facts: Partial<ChangeFacts>): void;
  readonly incident: Run | undefined;
  readonly change: Run | undefined;
  /** Whether the change under way carries a defect (decided when it was requested). */
  changeDefective: boolean;
}

export type Handler = (sim: SimContext, run: Run) => void;

/** The stream number of a signal's delay from one source (`param.source`), without building the name each time. */
const signalPurposes = new Map<string, Map<string, number>>();
function signalPurpose(param: string, source: string): number {
  let bySource = signalPurposes.get(param);
  if (!bySource) signalPurposes.set(param, (bySource = new Map()));
  let id = bySource.get(source);
  if (id === undefined) bySource.set(source, (id = purposeId(`${param}.${source}`)));
  return id;
}

/** The slot's sampler, or the table's own error for a parameter it lacks at this profile. */
function samplerOf(params: Parameters, slot: ParamSlot): Sampler {
  return slot.sampler ?? params.sampler(slot.param);
}

// Maps, not the handler objects: state keys are long dotted strings, and a Map finds
// them by their cached hash where an object property lookup would intern them first.
const INCIDENT_HANDLERS = new Map(Object.entries(incidentHandlers));
const CHANGE_HANDLERS = new Map(Object.entries(changeHandlers));
/** Which detection events a stepper's initial state takes (the channels open at its profile). */
const openChannels = new WeakMap<Stepper<unknown>, Map<string, boolean>>();
/** Handlers by state number, per compiled stepper (shared, like the stepper, by every run). */
const handlerTables = new WeakMap<Stepper<unknown>, (Handler | null)[]>();

class Simulation implements SimContext {
  t = 0;
  readonly queue = new EventQueue();
  readonly log: LogEntry[] = [];
  readonly params: Parameters;
  readonly calendar: Calendar;
  readonly streams: Streams;
  readonly effective: Profile;
  readonly caps: Cap[];
  incident: Run | undefined;
  change: Run | undefined;
  incidentFacts: IncidentFacts | undefined;
  changeDefective = false;
  private changeRole: 'cause' | 'subject' | 'remediation' | undefined;
  private changeAttempts = 0;
  private remediationFacts: Partial<ChangeFacts> = {};
  faultStart: number | undefined;
  private phaseImpact = 0;
  private impact = 0;
  private restored = false;
  private contained = false;
  private steps = 0;
  private decisions = 0;
  /** While a causing change is replayed in no time, its states start no activities. */
  private replaying = false;
  pending: DecisionRequest | undefined;
  /** What every replication of this scenario at this profile shares (plan.ts). */
  private readonly plan: Plan;
  private readonly make: (<I>(w: Workflow<I>, input: I) => Stepper<unknown>) | undefined;

  constructor(
    readonly scenario: Scenario,
    readonly profile: Profile,
    readonly opts: RunOptions,
  ) {
    this.plan = planFor(scenario, profile, opts.calibration);
    this.effective = this.plan.effective;
    this.caps = this.plan.caps;
    this.params = this.plan.params;
    this.calendar = this.plan.calendar;
    this.streams = Streams.borrow(opts.seed, scenario.id, opts.replication);
    const kind = opts.stepper ?? 'compiled';
    this.make = typeof kind === 'function' ? (kind as Simulation['make']) : kind === 'compiled' ? undefined : FACTORIES[kind];
  }

  get responder(): Domain {
    return this.incidentFacts?.securityAlert ? 'secOps' : 'serviceDesk';
  }

  // ---- drawing -------------------------------------------------------------------------

  /** The next uniform number of the stream for `purpose`. */
  uniform(purpose: string): number {
    return this.streams.uniform(purpose);
  }

  stream(purpose: string): Stream {
    return this.streams.get(purpose);
  }

  draw(param: string): number {
    const slot = this.plan.slot(param);
    return samplerOf(this.params, slot).quantile(this.streams.uniformAt(slot.purpose));
  }

  drawTiming(timing: Timing, purpose: string): number {
    if ('param' in timing) return this.params.sampler(timing.param).quantile(this.uniform(purpose));
    return samplerOfDist(timing.dist).quantile(this.uniform(purpose));
  }

  chance(param: string): boolean {
    const slot = this.plan.slot(param);
    return this.streams.uniformAt(slot.purpose) < samplerOf(this.params, slot).mean;
  }

  value(param: string): number {
    return samplerOf(this.params, this.plan.slot(param)).mean;
  }

  // ---- machines ------------------------------------------------------------------------

  private startRun(machine: MachineId, workflow: Workflow, facts: IncidentFacts | ChangeFacts, note: string): Run {
    const stepper = this.make ? this.make(workflow, workflow.input(this.effective, facts)) : this.plan.compiledStepper(workflow, facts);
    const run: Run = { machine, stepper, s: stepper.start(), gen: 0, notes: {} };
    if (typeof run.s === 'number') {
      let table = handlerTables.get(stepper);
      if (!table) handlerTables.set(stepper, (table = []));
      run.handlers = table;
    }
    this.log.push({ t: this.t, kind: 'start', machine, state: stepper.stateKey(run.s), tags: stepper.tags(run.s), note });
    return run;
  }

  accepts(run: Run, event: string): boolean {
    return run.stepper.accepts(run.s, event);
  }

  /** Takes `event` if the run accepts it now; returns whether it did. */
  fire(run: Run, event: string): boolean {
    if (!run.stepper.accepts(run.s, event)) return false;
    if (++this.steps > MAX_STEPS) throw new Error(`${this.scenario.id}: more than ${MAX_STEPS} steps (a loop that never ends)`);
    const from = run.stepper.stateKey(run.s);
    run.s = run.stepper.next(run.s, event);
    run.gen++;
    run.lastEvent = event;
    const to = run.stepper.stateKey(run.s);
    this.log.push({ t: this.t, kind: 'step', machine: run.machine, event, from, to, tags: run.stepper.tags(run.s) });
    if (run.machine === 'incident') this.afterIncidentStep(run, event);
    else this.afterChangeStep(run, event);
    if (!run.stepper.isFinal(run.s)) this.enter(run);
    return true;
  }

  private enter(run: Run): void {
    if (this.replaying) return;
    let handler: Handler | null | undefined;
    if (run.handlers) {
      const s = run.s as number;
      handler = run.handlers[s];
      if (handler === undefined) handler = run.handlers[s] = this.handlerOf(run) ?? null;
    } else handler = this.handlerOf(run);
    handler?.(this, run);
  }

  private handlerOf(run: Run): Handler | undefined {
    return (run.machine === 'incident' ? INCIDENT_HANDLERS : CHANGE_HANDLERS).get(run.stepper.stateKey(run.s));
  }

  private schedule(at: number, priority: number, fire: () => void): void {
    this.queue.push(Math.max(at, this.t), priority, fire);
  }

  at(run: Run, at: number, event: string): void {
    this.queue.pushCall(Math.max(at, this.t), PRIORITY.defender, Simulation.fireIfCurrent, this, run, run.gen, event);
  }

  /** Takes the event unless the run has moved on since it was scheduled (its generation changed). */
  private static fireIfCurrent(sim: Simulation, run: Run, gen: number, event: string): void {
    if (run.gen === gen) sim.fire(run, event);
  }

  private static arrive(sim: Simulation, event: string): void {
    sim.signalArrives(event);
  }

  act(run: Run, delay: number, event: string): void {
    if (this.pending) return;
    let chosen = event;
    let after = delay;
    let option: DecisionOption | null | undefined;
    if (run.machine === 'incident' && this.opts.policy) {
      const point = this.scenario.decisions.find((d) => d.at === run.stepper.stateKey(run.s));
      if (point) {
        option = this.decide(run, point);
        if (option === undefined) return; // stopped: the policy left this decision to a person
        if (option) {
          chosen = option.event;
          if (option.after) after = this.drawTiming(option.after, `decision.${point.id}.${option.id}`);
        }
      }
    }
    if (run.machine === 'incident' && chosen === 'FIX_APPLIED' && this.scenario.remediation.via === 'change') {
      this.startRemediationChange({ emergency: this.scenario.remediation.emergency, ...option?.change });
      return;
    }
    this.at(run, this.t + after, chosen);
  }

  private decide(run: Run, point: DecisionPoint): DecisionOption | null | undefined {
    const options: OptionView[] = point.options.map((o, i) => {
      const missing = (Object.entries(o.requires) as [Domain, number][]).find(([d, l]) => this.effective[d] < l);
      const blocked = run.stepper.blockedBy(run.s, o.event);
      const reason = blocked ?? (missing ? (o.why ?? `needs ${missing[0]} level ${missing[1]}`) : undefined);
      return { index: i + 1, id: o.id, label: o.label, open: reason === undefined, ...(reason ? { reason } : {}) };
    });
    const request: DecisionRequest = { point, options, t: this.t, occurrence: this.decisions };
    const id = this.opts.policy!(request);
    if (id === undefined) {
      this.pending = request;
      return undefined;
    }
    if (id === null) return null; // calibrated behaviour: no decision is logged
    const view = options.find((o) => o.id === id);
    if (!view?.open) throw new Error(`decision ${point.id}: option ${id} is not open`);
    this.decisions++;
    this.log.push({ t: this.t, kind: 'decision', point: point.id, option: id, label: view.label, index: view.index });
    return point.options.find((o) => o.id === id)!;
  }

  // ---- the incident ---------------------------------------------------------------------

  private startIncident(facts: IncidentFacts, note: string): void {
    this.incidentFacts = facts;
    this.incident = this.startRun('incident', incidentWorkflow, facts, note);
    this.enter(this.incident);
  }

  private afterIncidentStep(run: Run, event: string): void {
    const restoredNow = run.stepper.hasTag(run.s, 'restored');
    if (restoredNow && !this.restored) {
      this.restored = true;
      // Restoration closes the door on an attacker for good: a later reopening is the
      // service relapsing, not the attacker being let back in.
      this.contained = true;
      this.setImpact(0);
      if (this.change && this.accepts(this.change, 'INCIDENT_RESOLVED')) this.fire(this.change, 'INCIDENT_RESOLVED');
    } else if (!restoredNow && this.restored) {
      this.restored = false; // reopened: the fault is back
      this.setImpact(this.phaseImpact);
    }
    if (event === 'CONTAINED') this.contained = true;
    if (event === 'ESCALATED') run.notes.tier = Number(run.notes.tier ?? 1) + 1;
    if (event === 'DECLARED_MAJOR') run.notes.major = true;
    if (event === 'TICKET_LOST' && run.notes.lastReport) {
      // Nobody heard; whoever reported tries again later.
      const again = String(run.notes.lastReport);
      this.schedule(this.t + this.draw('users.reReportDelay'), PRIORITY.detection, () => this.signalArrives(again));
    }
  }

  /** A detection channel delivers its event; the incident takes it only while it is still undetected. */
  private signalArrives(event: string): void {
    const run = this.incident;
    if (!run || !this.accepts(run, event)) return;
    if (event === 'USER_REPORT' || event === 'EXTERNAL_NOTIFICATION') run.notes.lastReport = event;
    this.fire(run, event);
  }

  /** The calibration parameters giving each signal's detection delay; the earliest available wins. */
  private static readonly DELAYS: Record<Signal, string[]> = {
    users: ['users.reportDelay'],
    down: ['observability.availabilityAlertDelay'],
    saturation: ['observability.performanceAlertDelay'],
    anomaly: ['observability.anomalyDetectionDelay', 'secOps.anomalyDetectionDelay'],
    intrusion: ['secOps.alertDelay'],
    external: ['external.notificationDelay'],
  };

  private emitSignals(signals: readonly Signal[], source: string): void {
    const run = this.incident;
    if (!run) return;
    for (const signal of signals) {
      const event = SIGNAL_EVENTS[signal];
      // The channel exists only if the machine takes the event from an undetected incident.
      if (!this.channelOpen(event)) continue;
      if (signal === 'down' && !this.chance('observability.availabilityCoverage')) continue;
      let delay = Infinity;
      for (const param of Simulation.DELAYS[signal]) {
        const sampler = this.plan.slot(param).sampler;
        if (!sampler) continue; // no such channel at this profile
        const d = sampler.quantile(this.streams.uniformAt(signalPurpose(param, source)));
        delay = Math.min(delay, d);
      }
      if (delay === Infinity) throw new Error(`calibration: no delay for the ${signal} channel at this profile`);
      this.queue.pushCall(Math.max(this.t + delay, this.t), PRIORITY.detection, Simulation.arrive, this, event, undefined, undefined);
    }
  }

  private channelOpen(event: string): boolean {
    const stepper = this.incident!.stepper;
    // Per stepper, not per replication: a compiled stepper is shared by every lifecycle of the plan.
    let open = openChannels.get(stepper);
    if (!open) openChannels.set(stepper, (open = new Map()));
    let yes = open.get(event);
    if (yes === undefined) open.set(event, (yes = stepper.accepts(stepper.start(), event)));
    return yes;
  }

  // ---- the fault and the attacker -------------------------------------------------------

  private setImpact(impact: number): void {
    if (impact === this.impact) return;
    this.impact = impact;
    this.log.push({ t: this.t, kind: 'impact', impact });
  }

  private startFault(): void {
    const fault = this.scenario.fault;
    if (!fault) return;
    this.faultStart = this.t;
    let at = this.t;
    fault.phases.forEach((phase, i) => {
      if (phase.after) at += this.drawTiming(phase.after, this.plan.phasePurpose[i]!);
      this.schedule(at, PRIORITY.world, () => {
        const happened = !this.restored;
        this.log.push({ t: this.t, kind: 'phase', name: phase.name, impact: phase.impact, happened });
        if (!happened) return;
        this.phaseImpact = phase.impact;
        this.setImpact(phase.impact);
        this.emitSignals(phase.signals, this.plan.phaseSource[i]!);
      });
    });
  }

  private startAttack(): void {
    const attack = this.scenario.attack;
    if (!attack) return;
    this.faultStart ??= this.t;
    this.emitSignals(attack.signals, 'attack');
    let at = this.t;
    attack.stages.forEach((stage, i) => {
      at += this.drawTiming(stage.after, this.plan.stagePurpose[i]!);
      this.schedule(at, PRIORITY.attacker, () => {
        const happened = !this.contained;
        const loss = !happened ? 0 : stage.loss === 'breach' ? this.value('cost.breachLoss') : stage.loss;
        this.log.push({ t: this.t, kind: 'stage', id: stage.id, label: stage.label, ...(stage.flag ? { flag: stage.flag } : {}), happened, loss });
        if (happened) this.emitSignals(stage.signals, this.plan.stageSource[i]!);
      });
    });
  }

  // ---- changes -------------------------------------------------------------------------

  private startChange(role: 'cause' | 'subject' | 'remediation', facts: ChangeFacts, note: string): Run {
    this.changeRole = role;
    this.changeAttempts++;
    const run = this.startRun('change', changeWorkflow, facts, note);
    this.change = run;
    return run;
  }

  startRemediationChange(facts: Partial<ChangeFacts>): void {
    this.remediationFacts = facts;
    const run = this.startChange('remediation', { standard: false, emergency: false, ...facts }, 'the fix goes through the change workflow');
    this.changeDefective = false;
    this.enter(run);
  }

  /**
   * A change made before the onset, replayed in no time: only its path matters (was it
   * recorded?). The premise of the scenario is that its defect reached production.
   */
  private replayCausingChange(): void {
    const c = this.scenario.change!;
    this.t = c.at;
    this.replaying = true;
    const run = this.startChange('cause', { standard: c.standard, emergency: c.emergency }, 'the change behind the fault');
    const preference = ['ASSESSED', 'POLICY_PASSED', 'NOTIFIED', 'EMERGENCY_APPROVED', 'CAB_APPROVED', 'WINDOW_OPENED', 'SLOT_BOOKED', 'DEPLOYED', 'VERIFIED'];
    const bypass = this.accepts(run, 'UNAUTHORIZED_CHANGE') && (!this.accepts(run, 'SUBMITTED') || this.chance('change.bypassChance'));
    this.fire(run, bypass ? 'UNAUTHORIZED_CHANGE' : 'SUBMITTED');
    while (!run.stepper.hasTag(run.s, 'live')) {
      const next = preference.find((e) => this.accepts(run, e));
      if (!next) throw new Error(`causing change stuck in ${run.stepper.stateKey(run.s)}`);
      this.fire(run, next);
    }
    this.replaying = false;
    this.t = 0;
  }

  private afterChangeStep(run: Run, event: string): void {
    if (event === 'FAILURE_SURFACED' || event === 'ROLLBACK_FAILED') {
      // The change's defect hurts the service: the fault starts and an incident is raised.
      this.faultStart = this.t;
      this.startFault();
      const recorded = run.stepper.context(run.s).recorded === true;
      this.startIncident(this.factsFor(recorded), recorded ? 'raised by a failed change (recorded)' : 'raised by a failed change (not recorded)');
      return;
    }
    if (this.changeRole !== 'remediation' || !this.incident) return;
    // A remediation change: its deployment is the incident's fix; a failed one is tried again.
    if (event === 'DEPLOYED' && this.accepts(this.incident, 'FIX_APPLIED')) this.fire(this.incident, 'FIX_APPLIED');
    else if (run.stepper.isFinal(run.s) && this.accepts(this.incident, 'FIX_APPLIED') && this.changeAttempts < MAX_CHANGE_ATTEMPTS) {
      this.startRemediationChange(this.remediationFacts);
    }
  }

  /**
   * The incident's facts. It reaches people as a security alert when its first signals
   * include an intrusion; an attack nobody sees as one (a vulnerability report) is
   * handled as an IT fault while the attacker keeps going.
   */
  factsFor(changeRecorded: boolean): IncidentFacts {
    return this.plan.incidentFacts(changeRecorded);
  }

  // ---- running ---------------------------------------------------------------------------

  run(): void {
    const s = this.scenario;
    if (s.change?.role === 'cause') {
      this.replayCausingChange();
      this.fire(this.change!, 'FAILURE_SURFACED');
    } else if (s.change?.role === 'subject') {
      // A scenario may give its own defect chance; otherwise the level's calibrated rate.
      this.changeDefective = this.stream('change.defectRate')() < (s.change.defect ?? this.value('change.defectRate'));
      const run = this.startChange('subject', { standard: s.change.standard, emergency: s.change.emergency }, 'the change is requested');
      this.enter(run);
    } else {
      this.startIncident(this.factsFor(false), s.attack ? 'the attack begins' : 'the fault begins');
      this.startFault();
      this.startAttack();
    }
    // Injects (injects.ts): timed ones now; the rest as the log reaches their triggers.
    // An inject without a signal is quiet: it never moves the story, so it must not keep
    // the story from counting as stalled (and so delay a late discovery) either.
    const injects = new InjectTriggers(s, this.calendar, this.opts.quietInjects ?? true);
    let quiet = 0;
    const scheduleInject = (due: DueInject) => {
      const signal = s.injects[due.index]!.signal;
      if (!signal) quiet++;
      this.schedule(due.at, PRIORITY.world, () => {
        if (!signal) quiet--;
        const entry = injects.fire(due.index, this.t);
        if (entry) this.log.push(entry);
        if (entry && signal) this.signalArrives(SIGNAL_EVENTS[signal]);
      });
    };
    injects.start().forEach(scheduleInject);
    let observed = injects.watching ? 0 : Infinity;
    for (;;) {
      for (; observed < this.log.length; observed++) for (const due of injects.observe(this.log[observed]!)) scheduleInject(due);
      if (this.pending) return;
      if (this.queue.size === quiet) this.wakeStalled();
      const next = this.queue.pop();
      if (!next) return;
      this.t = next.time;
      next.fire();
    }
  }

  /**
   * Nothing in the story is scheduled (quiet injects aside). An incident nobody has
   * detected is found late, from outside (a breach notice, an audit); anything else
   * still open is a bug in a handler.
   */
  private lateDiscovery = false;
  private wakeStalled(): void {
    const run = this.incident;
    if (!run || run.stepper.isFinal(run.s)) return;
    if (!this.lateDiscovery && run.stepper.accepts(run.s, 'EXTERNAL_NOTIFICATION')) {
      this.lateDiscovery = true;
      this.schedule(this.t + this.draw('external.lateDiscoveryDelay'), PRIORITY.detection, () => this.signalArrives('EXTERNAL_NOTIFICATION'));
      return;
    }
    throw new Error(`${this.scenario.id}: the incident stalled in ${run.stepper.stateKey(run.s)} with nothing scheduled`);
  }
}

/** Runs one replication. Same scenario, profile, calibration, seed and replication: same log. */
export function simulate(scenario: Scenario, profile: Profile, opts: RunOptions): SimResult {
  const sim = new Simulation(scenario, profile, opts);
  try {
    sim.run();
  } finally {
    sim.streams.release();
  }
  return {
    scenario: scenario.id,
    profile,
    effective: sim.effective,
    caps: sim.caps,
    seed: opts.seed,
    replication: opts.replication,
    log: sim.log,
    calendar: sim.calendar,
    ...(sim.faultStart !== undefined ? { faultStart: sim.faultStart } : {}),
    ...(sim.pending ? { pending: sim.pending } : {}),
  };
}
