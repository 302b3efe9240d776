// The world: stories (a scenario's fault and attacker, its incident and changes) on one
// environment, sharing its teams. It reacts to every transition (restoration ends the
// impact and closes the door on the attacker; a failed change raises an incident that
// carries whether the change was recorded; a remediation change's deployment is the
// incident's fix), runs detection channels, decision points, injects and late discovery,
// and tells its observer what happens. See index.ts for what the layer may import.
import { changeWorkflow, incidentWorkflow, type ChangeFacts, type IncidentFacts, type Workflow } from '../../../machines/index.js';
import type { Domain } from '../../model/index.js';
import { MAX_CHANGE_ATTEMPTS, PRIORITY } from '../constants.js';
import { Environment, purposeId, type Calendar, type Idle, type Streams } from '../environment/index.js';
import {
  actorStepper,
  ChangeLifecycle,
  IncidentLifecycle,
  params,
  Runner,
  xstateStepper,
  type Activity,
  type ChangeRole,
  type Lifecycle,
  type Param,
  type Stepper,
  type StepperFactory,
  type TeamRole,
} from '../lifecycles/index.js';
import type { LogEntry } from '../log.js';
import { UnlimitedTeam, type Team } from '../resources/index.js';
import { SIGNAL_EVENTS, type DecisionOption, type DecisionPoint, type Scenario, type Timing } from '../scenario.js';
import type { DecisionPolicy, DecisionRequest, OptionView } from './decisions.js';
import { InjectWatch, type InjectSink } from './inject-watch.js';
import { InjectTriggers, type DueInject } from './injects.js';
import type { WorldObserver } from './observer.js';
import { samplerOfDist, type Plan, type SignalPlan } from './plan.js';
import { Story } from './story.js';

/** The calibration parameters the world draws itself, by number. */
const P = params('change.bypassChance', 'change.defectRate', 'cost.breachLoss', 'external.lateDiscoveryDelay', 'observability.availabilityCoverage', 'users.reReportDelay');

export type StepperKind = 'compiled' | 'xstate' | 'actor';

const FACTORIES: Record<Exclude<StepperKind, 'compiled'>, <I>(w: Workflow<I>, input: I) => Stepper<unknown>> = {
  xstate: xstateStepper as never,
  actor: actorStepper as never,
};

export interface WorldOptions {
  /** Which stepper runs the machines (default compiled), or a factory of your own (a bench recording the steps). */
  stepper?: StepperKind | StepperFactory;
  /** Who answers decision points; without one, every state runs its calibrated behaviour. */
  policy?: DecisionPolicy;
  /** The team doing each role's work; roles not given share one unlimited team (single-scenario mode). */
  teams?: Partial<Record<TeamRole, Team>>;
  /** That shared team, if the caller keeps one (a new unlimited team otherwise). */
  everyone?: Team;
  /**
   * Whether quiet injects run (default true). They change nothing but what observers are
   * told (injects.ts), so a world read for metrics alone leaves them out and skips their cost.
   */
  quietInjects?: boolean;
  /** Teams queue the work (finite staff): see Clock.queueing. */
  queueing?: boolean;
}

/** Which detection events a stepper's initial state takes (the channels open at its profile). */
const openChannels = new WeakMap<Stepper<unknown>, Map<string, boolean>>();

/**
 * Each stepper's replay of a causing change, by its first event: the events that take it
 * to service, the first of REPLAY_PREFERENCE it accepts at each state. The same for every
 * change on one stepper, so found once.
 */
const replayPaths = new WeakMap<Stepper<unknown>, Map<string, string[]>>();

/** The causing change is replayed by the first of these events it accepts at each step. */
const REPLAY_PREFERENCE = ['ASSESSED', 'POLICY_PASSED', 'NOTIFIED', 'EMERGENCY_APPROVED', 'CAB_APPROVED', 'WINDOW_OPENED', 'SLOT_BOOKED', 'DEPLOYED', 'VERIFIED'];

type Incident = IncidentLifecycle<Story>;
type Change = ChangeLifecycle<Story>;

export class World extends Runner implements Idle, InjectSink {
  readonly stories: Story[] = [];
  /** Set when the policy declined to choose: the world stops here. */
  pending: DecisionRequest | undefined;
  private decisions = 0;
  /** The team of every role not given one, made on first use. */
  private everyone: Team | undefined;
  private readonly make: (<I>(w: Workflow<I>, input: I) => Stepper<unknown>) | undefined;
  // Read on every activity: kept as fields, not looked up on an options object of any shape.
  private readonly policy: DecisionPolicy | undefined;
  private readonly teams: Partial<Record<TeamRole, Team>> | undefined;
  private readonly quietInjects: boolean;
  /** Who the world tells: its observer, or an InjectWatch around it once a story's injects watch what happens. */
  private tell: WorldObserver;
  /** Injects triggered by the event being fired, scheduled right after it (settle). */
  private readonly triggered: { story: Story; due: DueInject }[] = [];

  constructor(
    readonly calendar: Calendar,
    readonly observer: WorldObserver,
    opts: WorldOptions = {},
    /** A fresh environment, or one reset for reuse. */
    readonly env: Environment = new Environment(),
  ) {
    super();
    this.policy = opts.policy;
    this.teams = opts.teams;
    this.everyone = opts.everyone;
    this.quietInjects = opts.quietInjects ?? true;
    this.tell = observer;
    this.queueing = opts.queueing ?? false;
    const kind = opts.stepper ?? 'compiled';
    this.make = typeof kind === 'function' ? (kind as World['make']) : kind === 'compiled' ? undefined : FACTORIES[kind];
  }

  protected teamFor(_lc: Lifecycle, role: TeamRole): Team {
    return this.teams?.[role] ?? (this.everyone ??= new UnlimitedTeam(this.env, 'everyone'));
  }

  /** Runs until nothing is left to happen (or `until`), or a decision is left to a person. */
  run(until = Infinity): void {
    if (this.pending) return;
    this.env.run(until, this);
  }

  // ---- stories ---------------------------------------------------------------------------

  /** Starts a story now: the scenario's incident, fault and attacker, or its change, and its injects. */
  begin(index: number, scenario: Scenario, plan: Plan, streams: Streams): Story {
    const story = new Story(index, scenario, plan, streams, this.env.now);
    this.stories.push(story);
    this.watchInjects(story);
    if (scenario.change?.role === 'cause') {
      this.replayCausingChange(story);
      this.fire(story.change!, 'FAILURE_SURFACED');
    } else if (scenario.change?.role === 'subject') {
      // A scenario may give its own defect chance; otherwise the level's calibrated rate.
      const defective = streams.uniformAt(P['change.defectRate']) < (scenario.change.defect ?? this.value(story, P['change.defectRate']));
      const change = this.startChange(story, 'subject', plan.changeFacts(scenario.change.standard, scenario.change.emergency), 'the change is requested');
      change.defective = defective;
      this.enter(change);
    } else {
      this.startIncident(story, plan.incidentFacts(false), scenario.attack ? 'the attack begins' : 'the fault begins');
      // With an attack as well, a stage may start the fault later (ransomware's encryption).
      if (!plan.faultStartsAtStage) this.startFault(story);
      this.startAttack(story);
    }
    this.scheduleTimedInjects(story);
    return story;
  }

  // ---- injects (injects.ts) ---------------------------------------------------------------

  /** Before the story's first event: its injects' triggers, and the watch that shows them what happens. */
  private watchInjects(story: Story): void {
    const triggers = InjectTriggers.of(story.scenario, this.calendar, this.quietInjects, story.origin);
    if (!triggers) return;
    story.injects = triggers;
    if (triggers.watching && this.tell === this.observer) this.tell = new InjectWatch(this.observer, this);
  }

  /** Once the story's fault and attacker are scheduled: its timed injects (the others come as what they wait for happens). */
  private scheduleTimedInjects(story: Story): void {
    const triggers = story.injects;
    if (triggers) for (const due of triggers.start()) this.scheduleInject(story, due.index, story.origin + due.at);
  }

  /** Called by the InjectWatch: an entry that may trigger or release the story's injects. */
  saw(story: Story, entry: LogEntry): void {
    const due = story.injects!.observe(entry);
    if (due.length === 0) return;
    // Scheduled once the event being fired is over (what it does first, then the injects it
    // triggers): nothing else runs at PRIORITY.triggered, so settle comes right after it.
    if (this.triggered.length === 0) this.env.schedule(Math.max(this.env.now, story.origin), PRIORITY.triggered, World.settle, this, undefined, undefined, undefined);
    for (const d of due) this.triggered.push({ story, due: d });
  }

  private static settle(world: World): void {
    for (const { story, due } of world.triggered) world.scheduleInject(story, due.index, due.at);
    world.triggered.length = 0;
  }

  private scheduleInject(story: Story, index: number, at: number): void {
    // A quiet inject never keeps a stalled story from counting as stalled (Environment.quiet).
    if (story.injects!.isQuiet(index)) this.env.quiet++;
    this.env.schedule(at, PRIORITY.world, World.inject, this, story, index, undefined);
  }

  private static inject(world: World, story: Story, i: number): void {
    const triggers = story.injects!;
    if (triggers.isQuiet(i)) world.env.quiet--;
    const entry = triggers.fire(i, world.env.now, story.impact);
    if (!entry) return;
    world.tell.inject(world.env.now, story, entry);
    const signal = story.scenario.injects[i]!.signal;
    if (signal) world.signalArrives(story, SIGNAL_EVENTS[signal]);
  }

  // ---- drawing (world-level: timings of the fault and the attacker, detection) -------------

  private value(story: Story, param: Param): number {
    const slot = story.plan.slotAt(param);
    return (slot.sampler ?? story.plan.params.sampler(slot.param)).mean;
  }

  /** A phase's, stage's or option's time, from the stream numbered `purpose`. */
  private drawTiming(story: Story, timing: Timing, purpose: number): number {
    const u = story.streams.uniformAt(purpose);
    if ('param' in timing) return story.plan.params.sampler(timing.param).quantile(u);
    return samplerOfDist(timing.dist).quantile(u);
  }

  // ---- lifecycles -------------------------------------------------------------------------

  private stepperFor(plan: Plan, workflow: Workflow, facts: IncidentFacts | ChangeFacts): Stepper<unknown> {
    return this.make ? this.make(workflow, workflow.input(plan.effective, facts)) : plan.compiledStepper(workflow, facts);
  }

  private startIncident(story: Story, facts: IncidentFacts, note: string): void {
    const { plan, scenario } = story;
    const lc = new IncidentLifecycle(this.stepperFor(plan, incidentWorkflow, facts), story.streams, plan, story, facts, scenario.service.impact, scenario.urgent, scenario.remediation.via === 'backup');
    this.tell.started(this.env.now, story, lc, note);
    story.incident = lc;
    this.enter(lc);
  }

  private startChange(story: Story, role: ChangeRole, facts: ChangeFacts, note: string): Change {
    story.changeAttempts++;
    const lc = new ChangeLifecycle(this.stepperFor(story.plan, changeWorkflow, facts), story.streams, story.plan, story, role, facts);
    this.tell.started(this.env.now, story, lc, note);
    story.change = lc;
    return lc;
  }

  /** Starts a change whose deployment will apply the incident's fix. */
  private startRemediationChange(story: Story, facts: Partial<ChangeFacts>): void {
    story.remediationFacts = facts;
    const lc = this.startChange(story, 'remediation', story.plan.changeFacts(facts.standard ?? false, facts.emergency ?? false), 'the fix goes through the change workflow');
    this.enter(lc);
  }

  /**
   * A change made before the onset, replayed in no time: only its path matters (was it
   * recorded?). The premise of the scenario is that its defect reached production.
   */
  private replayCausingChange(story: Story): void {
    const c = story.scenario.change!;
    const origin = this.env.now;
    this.env.now = origin + c.at;
    this.replaying = true;
    const lc = this.startChange(story, 'cause', story.plan.changeFacts(c.standard, c.emergency), 'the change behind the fault');
    const bypass = lc.accepts('UNAUTHORIZED_CHANGE') && (!lc.accepts('SUBMITTED') || lc.chance(P['change.bypassChance']));
    const first = bypass ? 'UNAUTHORIZED_CHANGE' : 'SUBMITTED';
    let byFirst = replayPaths.get(lc.stepper);
    if (!byFirst) replayPaths.set(lc.stepper, (byFirst = new Map()));
    const known = byFirst.get(first);
    if (known) for (const event of known) this.fire(lc, event);
    else {
      // The first replay on this stepper finds the path (and keeps it for the next ones).
      const path = [first];
      this.fire(lc, first);
      while (!lc.hasTag('live')) {
        const next = REPLAY_PREFERENCE.find((e) => lc.accepts(e));
        if (!next) throw new Error(`the causing change is stuck in ${lc.stateKey()}`);
        path.push(next);
        this.fire(lc, next);
      }
      byFirst.set(first, path);
    }
    this.replaying = false;
    this.env.now = origin;
  }

  protected stepped(lc: Lifecycle, event: string, from: string): void {
    const story = lc.owner as Story;
    this.tell.stepped(this.env.now, story, lc, event, from);
    if (lc.machine === 'incident') this.afterIncidentStep(story, lc as Incident, event);
    else this.afterChangeStep(story, lc as Change, event);
  }

  private afterIncidentStep(story: Story, lc: Incident, event: string): void {
    const restoredNow = lc.hasTag('restored');
    if (restoredNow && !story.restored) {
      story.restored = true;
      // Restoration closes the door on an attacker for good: a later reopening is the
      // service relapsing, not the attacker being let back in.
      story.contained = true;
      this.setImpact(story, 0);
      const change = story.change;
      if (change && change.accepts('INCIDENT_RESOLVED')) this.fire(change, 'INCIDENT_RESOLVED');
    } else if (!restoredNow && story.restored) {
      story.restored = false; // reopened: the fault is back
      this.setImpact(story, story.phaseImpact);
    }
    if (event === 'CONTAINED') story.contained = true;
    else if (event === 'ESCALATED') lc.tier++;
    else if (event === 'DECLARED_MAJOR') lc.declaredMajor = true;
    else if (event === 'TICKET_LOST' && lc.lastReport) {
      // Nobody heard; whoever reported tries again later.
      this.env.schedule(this.env.now + lc.draw(P['users.reReportDelay']), PRIORITY.detection, World.arrive, this, story, lc.lastReport, undefined);
    }
  }

  private afterChangeStep(story: Story, lc: Change, event: string): void {
    if (event === 'FAILURE_SURFACED' || event === 'ROLLBACK_FAILED') {
      // The change's defect hurts the service: the fault starts and an incident is raised,
      // carrying whether the change was recorded (it decides how fast the cause is found).
      story.faultStart = this.env.now;
      this.startFault(story);
      const recorded = lc.stepper.context(lc.state).recorded === true;
      this.startIncident(story, story.plan.incidentFacts(recorded), recorded ? 'raised by a failed change (recorded)' : 'raised by a failed change (not recorded)');
      return;
    }
    const incident = story.incident;
    if (lc.role !== 'remediation' || !incident) return;
    // A remediation change: its deployment is the incident's fix; a failed one is tried again.
    if (event === 'DEPLOYED' && incident.accepts('FIX_APPLIED')) {
      story.patched = true;
      this.fire(incident, 'FIX_APPLIED');
    }
    else if (lc.isFinal() && incident.accepts('FIX_APPLIED') && story.changeAttempts < MAX_CHANGE_ATTEMPTS) {
      this.startRemediationChange(story, story.remediationFacts ?? {});
    }
  }

  // ---- decisions --------------------------------------------------------------------------

  /** A decision point on the state may change the activity; a fix that goes through the change workflow starts a change. */
  protected override propose(lc: Lifecycle, a: Activity): void {
    if (a.kind === 'until') return this.perform(lc, a);
    if (this.pending) return;
    if (lc.machine !== 'incident') return this.perform(lc, a);
    const story = lc.owner as Story;
    const scenario = story.scenario;
    let option: DecisionOption | null | undefined;
    if (this.policy) {
      const key = lc.stateKey();
      const point = scenario.decisions.find((d) => d.at === key);
      if (point) {
        option = this.decide(story, lc, point);
        if (option === undefined) return; // stopped: the policy left this decision to a person
        if (option) {
          a.event = option.event;
          if (option.after) a.minutes = this.drawTiming(story, option.after, purposeId(`decision.${point.id}.${option.id}`));
        }
      }
    }
    // Once the patch is in, what is left (an attacker still inside, a fix that did not hold)
    // is the responders' own work: the vulnerability is not patched again in next week's window.
    if (a.event === 'FIX_APPLIED' && scenario.remediation.via === 'change' && !story.patched) {
      return this.startRemediationChange(story, { emergency: scenario.remediation.emergency, ...option?.change });
    }
    this.perform(lc, a);
  }

  private decide(story: Story, lc: Lifecycle, point: DecisionPoint): DecisionOption | null | undefined {
    const effective = story.plan.effective;
    const options: OptionView[] = point.options.map((o, i) => {
      const missing = (Object.entries(o.requires) as [Domain, number][]).find(([d, l]) => effective[d] < l);
      const blocked = lc.stepper.blockedBy(lc.state, o.event);
      const reason = blocked ?? (missing ? (o.why ?? `needs ${missing[0]} level ${missing[1]}`) : undefined);
      return { index: i + 1, id: o.id, label: o.label, open: reason === undefined, ...(reason ? { reason } : {}) };
    });
    const request: DecisionRequest = { point, options, t: this.env.now, occurrence: this.decisions };
    const id = this.policy!(request);
    if (id === undefined) {
      this.pending = request;
      this.env.stop();
      return undefined;
    }
    if (id === null) return null; // calibrated behaviour: no decision is logged
    const view = options.find((o) => o.id === id);
    if (!view?.open) throw new Error(`decision ${point.id}: option ${id} is not open`);
    this.decisions++;
    const option = point.options.find((o) => o.id === id)!;
    this.tell.decision(this.env.now, story, point, option, view.index);
    return option;
  }

  // ---- detection -------------------------------------------------------------------------

  private static arrive(world: World, story: Story, event: string): void {
    world.signalArrives(story, event);
  }

  /** A detection channel delivers its event; the incident takes it only while it is still undetected. */
  private signalArrives(story: Story, event: string): void {
    const lc = story.incident;
    if (!lc || !lc.accepts(event)) return;
    if (event === 'USER_REPORT' || event === 'EXTERNAL_NOTIFICATION') lc.lastReport = event;
    this.fire(lc, event);
  }

  private emitSignals(story: Story, signals: readonly SignalPlan[]): void {
    const lc = story.incident;
    if (!lc) return;
    for (const { signal, event, delays } of signals) {
      // The channel exists only if the machine takes the event from an undetected incident.
      if (!World.channelOpen(lc.stepper, event)) continue;
      if (signal === 'down' && !lc.chance(P['observability.availabilityCoverage'])) continue;
      let delay = Infinity;
      for (const d of delays) delay = Math.min(delay, d.sampler.quantile(story.streams.uniformAt(d.purpose)));
      if (delay === Infinity) throw new Error(`calibration: no delay for the ${signal} channel at this profile`);
      this.env.schedule(this.env.now + delay, PRIORITY.detection, World.arrive, this, story, event, undefined);
    }
  }

  /** Per stepper, not per story: a compiled stepper is shared by every lifecycle of its plan. */
  private static channelOpen(stepper: Stepper<unknown>, event: string): boolean {
    let open = openChannels.get(stepper);
    if (!open) openChannels.set(stepper, (open = new Map()));
    let yes = open.get(event);
    if (yes === undefined) open.set(event, (yes = stepper.accepts(stepper.start(), event)));
    return yes;
  }

  /**
   * Nothing is scheduled. An incident nobody has detected is found late, from outside
   * (a breach notice, an audit); anything else still open is a bug in a handler.
   */
  idle(): boolean {
    for (const story of this.stories) {
      const lc = story.incident;
      if (!lc || lc.isFinal()) continue;
      if (!story.lateDiscovery && lc.accepts('EXTERNAL_NOTIFICATION')) {
        story.lateDiscovery = true;
        this.env.schedule(this.env.now + lc.draw(P['external.lateDiscoveryDelay']), PRIORITY.detection, World.arrive, this, story, 'EXTERNAL_NOTIFICATION', undefined);
        return true;
      }
      throw new Error(`the incident stalled in ${lc.stateKey()} with nothing scheduled`);
    }
    return false;
  }

  // ---- the fault and the attacker ---------------------------------------------------------

  private setImpact(story: Story, impact: number): void {
    if (impact === story.impact) return;
    story.impact = impact;
    this.tell.impact(this.env.now, story, impact);
  }

  /** The fault's phases, from now: each sets the impact and gives its signals unless service was restored first. */
  private startFault(story: Story): void {
    const fault = story.scenario.fault;
    if (!fault) return;
    story.faultStart ??= this.env.now;
    let at = this.env.now;
    fault.phases.forEach((phase, i) => {
      if (phase.after) at += this.drawTiming(story, phase.after, story.plan.phaseTiming[i]!);
      this.env.schedule(at, PRIORITY.world, World.phase, this, story, i, undefined);
    });
  }

  private static phase(world: World, story: Story, i: number): void {
    const phase = story.scenario.fault!.phases[i]!;
    const happened = !story.restored;
    world.tell.phase(world.env.now, story, phase, happened);
    if (!happened) return;
    story.phaseImpact = phase.impact;
    world.setImpact(story, phase.impact);
    world.emitSignals(story, story.plan.phaseSignals[i]!);
  }

  /** The attacker's stages race the defenders: each happens after its delay unless the attacker is contained by then. */
  private startAttack(story: Story): void {
    const attack = story.scenario.attack;
    if (!attack) return;
    story.faultStart ??= this.env.now;
    this.emitSignals(story, story.plan.attackSignals);
    let at = this.env.now;
    attack.stages.forEach((stage, i) => {
      at += this.drawTiming(story, stage.after, story.plan.stageTiming[i]!);
      this.env.schedule(at, PRIORITY.attacker, World.stage, this, story, i, undefined);
    });
  }

  private static stage(world: World, story: Story, i: number): void {
    const stage = story.scenario.attack!.stages[i]!;
    const happened = !story.contained;
    const loss = !happened ? 0 : stage.loss === 'breach' ? world.value(story, P['cost.breachLoss']) : stage.loss;
    world.tell.stage(world.env.now, story, stage, happened, loss);
    if (!happened) return;
    world.emitSignals(story, story.plan.stageSignals[i]!);
    if (stage.startsFault) world.startFault(story);
  }
}
