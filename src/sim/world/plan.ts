// What every replication of one scenario at one profile shares: the effective profile,
// the parameter table seen from it, the scenario's calendar, the incident's facts and
// the compiled steppers. Building these took most of a replication's time when each
// replication rebuilt them; a plan is built once per (calibration, scenario, profile)
// and kept in a small bounded cache. Nothing in a plan depends on the seed or the
// replication, and nothing in it changes while replications run.
import { incidentWorkflow, type ChangeFacts, type IncidentFacts, type Workflow } from '../../../machines/index.js';
import type { Calibration, Dist, Sampler } from '../../calibration/index.js';
import { sampler } from '../../calibration/distributions.js';
import { Parameters } from '../../calibration/parameters.js';
import { DOMAINS, effectiveProfile, type Cap, type Profile } from '../../model/index.js';
import { Calendar, parseWallClock } from '../environment/calendar.js';
import { compiledStepper } from '../lifecycles/compile.js';
import { purposeId, purposeName } from '../environment/rng.js';
import { SIGNAL_EVENTS, type Scenario, type Signal } from '../scenario.js';
import { SIGNAL_DELAYS, signalPurpose } from './detection.js';
import type { Param, ParamSlot, Tables } from '../lifecycles/lifecycle.js';
import type { Stepper } from '../lifecycles/stepper.js';

/** A signal as one source gives it: the incident event it raises and the draws of its channels' delays. */
export interface SignalPlan {
  readonly signal: Signal;
  readonly event: string;
  readonly delays: readonly { readonly sampler: Sampler; readonly purpose: number }[];
}

export class Plan implements Tables {
  readonly effective: Profile;
  readonly caps: Cap[];
  readonly params: Parameters;
  readonly calendar: Calendar;
  /** The incident's facts, by whether the change behind it was recorded. */
  private readonly facts: (IncidentFacts | undefined)[] = [undefined, undefined];
  private readonly steppers = new Map<string, Stepper<unknown>>();
  private readonly byFacts = new Map<object, Stepper<unknown>>();
  private readonly changes: ChangeFacts[] = [];
  private readonly slots = new Map<string, ParamSlot>();
  private readonly slotsByNumber: ParamSlot[] = [];
  /** The stream (by number) of each fault phase's and attacker stage's timing. */
  readonly phaseTiming: number[];
  readonly stageTiming: number[];
  /** The signals each phase and stage gives, and those the attack gives at its start, as drawn at this profile. */
  readonly phaseSignals: SignalPlan[][];
  readonly stageSignals: SignalPlan[][];
  readonly attackSignals: SignalPlan[];
  /** Whether an attacker stage starts the fault (else the fault starts with the story). */
  readonly faultStartsAtStage: boolean;

  constructor(
    readonly scenario: Scenario,
    readonly profile: Profile,
    readonly calibration: Calibration,
  ) {
    const lead = new Parameters(calibration, profile).value('model.foundationLead');
    const eff = effectiveProfile(profile, lead);
    this.effective = eff.profile;
    this.caps = eff.caps;
    this.params = new Parameters(calibration, this.effective, scenario.overrides);
    const phases = scenario.fault?.phases ?? [];
    const stages = scenario.attack?.stages ?? [];
    this.phaseTiming = phases.map((_, i) => purposeId(`fault.phase.${i}`));
    this.stageTiming = stages.map((_, i) => purposeId(`attacker.stage.${i}`));
    this.phaseSignals = phases.map((p, i) => this.signalPlans(p.signals, `phase${i}`));
    this.stageSignals = stages.map((st, i) => this.signalPlans(st.signals, `stage${i}`));
    this.attackSignals = this.signalPlans(scenario.attack?.signals ?? [], 'attack');
    this.faultStartsAtStage = stages.some((st) => st.startsFault);
    const anchor = parseWallClock(scenario.onset);
    if (anchor === undefined) throw new Error(`scenario ${scenario.id}: bad onset ${scenario.onset}`);
    const v = (p: string) => this.params.value(p);
    this.calendar = new Calendar(anchor, {
      dayStart: v('calendar.businessDayStart'),
      dayEnd: v('calendar.businessDayEnd'),
      windowDay: v('calendar.changeWindowDay'),
      windowStart: v('calendar.changeWindowStart'),
      windowHours: v('calendar.changeWindowHours'),
    });
  }

  /** Each signal's channels at this profile: the delays that exist here, each drawn from a stream of its own for this source. */
  private signalPlans(signals: readonly Signal[], source: string): SignalPlan[] {
    return signals.map((signal) => ({
      signal,
      event: SIGNAL_EVENTS[signal],
      delays: SIGNAL_DELAYS[signal].flatMap((param) => {
        const sampler = this.slot(param).sampler;
        return sampler ? [{ sampler, purpose: signalPurpose(param, source) }] : []; // no such channel at this profile
      }),
    }));
  }

  /** The same as `slot`, by the parameter's number (an array index, not a string lookup). */
  slotAt(param: Param): ParamSlot {
    return (this.slotsByNumber[param] ??= this.slot(purposeName(param)));
  }

  /** One lookup for both halves of a draw: which sampler, which stream. */
  slot(param: string): ParamSlot {
    let s = this.slots.get(param);
    if (!s) {
      s = { param, sampler: this.params.has(param) ? this.params.sampler(param) : undefined, purpose: purposeId(param) };
      this.slots.set(param, s);
    }
    return s;
  }

  /**
   * The incident's facts. It reaches people as a security alert when its first signals
   * include an intrusion; an attack nobody sees as one (a vulnerability report) is
   * handled as an IT fault while the attacker keeps going.
   */
  incidentFacts(changeRecorded: boolean): IncidentFacts {
    const i = changeRecorded ? 1 : 0;
    let f = this.facts[i];
    if (!f) {
      const s = this.scenario;
      const signals = [...(s.fault?.phases.flatMap((p) => p.signals) ?? []), ...(s.attack?.signals ?? [])];
      const securityAlert = signals.includes('intrusion');
      f = this.facts[i] = {
        cause: s.change ? 'change' : s.attack && securityAlert ? 'attack' : 'fault',
        changeRecorded,
        securityAlert,
        canFailOver: s.service.standby,
        selfHealable: s.fault?.selfHealable ?? false,
        recurring: (s.fault?.recurring ?? false) || (s.attack?.recurring ?? false),
      };
    }
    return f;
  }

  /** A change's facts as one kept object per combination (so its stepper is found by identity). */
  changeFacts(standard: boolean, emergency: boolean): ChangeFacts {
    return (this.changes[(standard ? 1 : 0) + (emergency ? 2 : 0)] ??= { standard, emergency });
  }

  /** A compiled stepper for a lifecycle with these facts (steppers hold no run state, so they are shared). */
  compiledStepper(workflow: Workflow, facts: IncidentFacts | ChangeFacts): Stepper<unknown> {
    // The plan's own incident facts are kept objects: found by identity before any key is built.
    const known = this.byFacts.get(facts);
    if (known) return known;
    const key = workflow === incidentWorkflow ? incidentKey(facts as IncidentFacts) : changeKey(facts as ChangeFacts);
    let s = this.steppers.get(key);
    if (!s) {
      s = compiledStepper(workflow, workflow.input(this.effective, facts)) as Stepper<unknown>;
      this.steppers.set(key, s);
    }
    if (this.facts.includes(facts as IncidentFacts) || this.changes.includes(facts as ChangeFacts)) this.byFacts.set(facts, s);
    return s;
  }
}

// Each key names every fact its workflow takes: a new fact needs a new key part.
const incidentKey = (f: IncidentFacts) =>
  `i${f.cause}${+f.changeRecorded}${+f.securityAlert}${+f.canFailOver}${+f.selfHealable}${+f.recurring}`;
const changeKey = (f: ChangeFacts) => `c${+f.standard}${+f.emergency}`;

/**
 * Plans by calibration, then scenario (weakly, so dropped tables and scenarios go), then
 * profile. The per-scenario map is bounded: a sweep over thousands of profiles visits
 * them one cell at a time, so only the most recent few need to stay.
 */
const plans = new WeakMap<Calibration, WeakMap<Scenario, Map<string, Plan>>>();
const MAX_PLANS_PER_SCENARIO = 64;

/** The last plan handed out: a sweep asks for the same one a thousand times in a row. */
let last: Plan | undefined;

export function planFor(scenario: Scenario, profile: Profile, calibration: Calibration): Plan {
  if (last && last.scenario === scenario && last.profile === profile && last.calibration === calibration) return last;
  let byScenario = plans.get(calibration);
  if (!byScenario) plans.set(calibration, (byScenario = new WeakMap()));
  let byProfile = byScenario.get(scenario);
  if (!byProfile) byScenario.set(scenario, (byProfile = new Map()));
  let key = '';
  for (const d of DOMAINS) key += profile[d];
  let plan = byProfile.get(key);
  if (!plan) {
    if (byProfile.size >= MAX_PLANS_PER_SCENARIO) byProfile.delete(byProfile.keys().next().value!);
    plan = new Plan(scenario, profile, calibration);
    byProfile.set(key, plan);
  }
  // A plan found by an equal profile object was built for that object; remember the new one only when it is the same object.
  if (plan.profile === profile) last = plan;
  return plan;
}

/** Samplers of a scenario's own distributions, by the distribution object (built once: PERT tables cost). */
const ownSamplers = new WeakMap<Dist, Sampler>();
export function samplerOfDist(dist: Dist): Sampler {
  let s = ownSamplers.get(dist);
  if (!s) ownSamplers.set(dist, (s = sampler(dist)));
  return s;
}
