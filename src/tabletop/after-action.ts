// The after-action record of a finished exercise: the room's timeline, decisions and
// metrics, and the same scenario replayed with the same seed at the next level up.
// How the room's choices carry over to the replay is a rule stated in CARRY_OVER.
import { DOMAINS, canonicalProfile, type Level, type Profile } from '../model/index.js';
import { EVENT_NOTES, timelineRows, type TimelineRow } from '../report/timeline.js';
import { simulate, type DecisionPolicy, type DecisionRequest, type OptionView, type SimResult } from '../sim/engine.js';
import { metricsOf, type Metrics } from '../sim/metrics.js';
import { costPerMinute, metricsFor, type MetricName } from '../stats/compare.js';
import type { Play, Setup, TakenDecision } from './session.js';

/** The next level up in every domain, capped at 5. */
export function nextLevel(p: Profile): Profile {
  return Object.fromEntries(DOMAINS.map((d) => [d, Math.min(5, p[d] + 1) as Level])) as Record<(typeof DOMAINS)[number], Level>;
}

export function carryOverRule(replayProfile: string): string {
  return (
    `The replay keeps the room's choice at each decision where that option is open at profile ${replayProfile} ` +
    `(decisions are matched by id and by how many times they came up). Where it is not open, or where the replay ` +
    `meets a decision the room never faced, it runs what an organization at profile ${replayProfile} usually does ` +
    `(the calibrated behaviour). Everything else (the attacker, the fault, every delay) comes from the same seed.`
  );
}

/** One moment worth telling in a summary: detection, acknowledgement, containment, a decision... */
export interface Milestone {
  t: number;
  wall: string;
  text: string;
}

export interface RunRecord {
  profile: Profile;
  result: SimResult;
  metrics: Metrics;
  rows: TimelineRow[];
  milestones: Milestone[];
}

/** What the replay did at a decision. */
export interface ReplayDecision {
  request: DecisionRequest;
  /** `carried`: the room's option; `calibrated`: the calibrated behaviour ran. */
  how: 'carried' | 'calibrated';
  chosen?: OptionView;
  /** The room's choice at the same decision, if it faced it. */
  room?: OptionView;
  /** Options open here that were not open to the room at the same decision. */
  newlyOpen: OptionView[];
  /** For the calibrated behaviour: the event the state took next, in words. */
  outcome?: string;
}

export interface AfterAction {
  setup: Setup;
  choices: readonly string[];
  names: MetricName[];
  room: RunRecord & { decisions: TakenDecision[]; unanswerable: DecisionRequest[] };
  replay: RunRecord & { decisions: ReplayDecision[] };
  /** The room was already at level 5 everywhere: the replay runs at the same profile. */
  atTop: boolean;
  carryOver: string;
}

export function milestones(result: SimResult): Milestone[] {
  const out: Milestone[] = [];
  const add = (t: number, text: string) => out.push({ t, wall: result.calendar.format(t), text });
  let detected = false;
  let acknowledged = false;
  let restored = false;
  for (const e of result.log) {
    switch (e.kind) {
      case 'start':
        add(e.t, e.machine === 'incident' ? `incident opened: ${e.note}` : `change: ${e.note}`);
        break;
      case 'step': {
        if (e.machine !== 'incident') break;
        if (!detected && e.tags.includes('detected')) {
          detected = true;
          add(e.t, `detected: ${EVENT_NOTES[e.event] ?? e.event}`);
        }
        if (!acknowledged && e.tags.includes('acknowledged')) {
          acknowledged = true;
          add(e.t, 'acknowledged by a responder');
        }
        if (e.event === 'DECLARED_MAJOR') add(e.t, 'major incident declared');
        if (e.event === 'CONTAINED') add(e.t, 'the threat is contained');
        if (e.event === 'FIX_FAILED') add(e.t, 'the fix did not hold');
        const now = e.tags.includes('restored');
        if (now && !restored) add(e.t, 'service restored');
        if (!now && restored) add(e.t, 'the problem is back: reopened');
        restored = now;
        if (e.to === 'closed') add(e.t, 'incident closed');
        break;
      }
      case 'stage':
        add(e.t, e.happened ? `attacker: ${e.label}` : `attacker stopped before: ${e.label}`);
        break;
      case 'decision':
        add(e.t, `decision ${e.point}: ${e.index} ${e.label}`);
        break;
      default:
        break;
    }
  }
  return out;
}

function record(setup: Setup, profile: Profile, result: SimResult): RunRecord {
  return {
    profile,
    result,
    metrics: metricsOf(result, setup.scenario, costPerMinute(setup.scenario, setup.calibration, profile)),
    rows: timelineRows(result.log, result.calendar),
    milestones: milestones(result),
  };
}

/** The event the incident took next from the decision's state, in words. */
function outcomeOf(result: SimResult, request: DecisionRequest): string | undefined {
  const step = result.log.find((e) => e.kind === 'step' && e.machine === 'incident' && e.t >= request.t && e.from === request.point.at);
  if (step?.kind !== 'step') return undefined;
  const same = request.options.filter((o) => request.point.options.find((p) => p.id === o.id)?.event === step.event);
  const like = same.length === 1 ? ` (as option ${same[0]!.index}, ${same[0]!.label})` : '';
  return `${EVENT_NOTES[step.event] ?? step.event}${like}`;
}

/** The after-action record of a finished play: the room's run and the replay one level up. */
export function afterAction(p: Play): AfterAction {
  if (p.pending) throw new Error('afterAction: the exercise has not reached its end');
  const setup = p.setup;
  const up = nextLevel(setup.profile);
  const seen = new Map<string, number>();
  const replayDecisions: ReplayDecision[] = [];
  const policy: DecisionPolicy = (request) => {
    const n = seen.get(request.point.id) ?? 0;
    seen.set(request.point.id, n + 1);
    const room = p.decisions.filter((d) => d.request.point.id === request.point.id)[n];
    const here = room && request.options.find((o) => o.id === room.chosen.id);
    const newlyOpen = request.options.filter((o) => o.open && room?.request.options.find((r) => r.id === o.id)?.open === false);
    const base = { request, newlyOpen, ...(room ? { room: room.chosen } : {}) };
    if (here?.open) {
      replayDecisions.push({ ...base, how: 'carried', chosen: here });
      return here.id;
    }
    replayDecisions.push({ ...base, how: 'calibrated' });
    return null;
  };
  const result = simulate(setup.scenario, up, { seed: setup.seed, replication: setup.replication, calibration: setup.calibration, policy });
  for (const d of replayDecisions) {
    if (d.how === 'calibrated') {
      const outcome = outcomeOf(result, d.request);
      if (outcome) d.outcome = outcome;
    }
  }
  return {
    setup,
    choices: p.choices,
    names: metricsFor(setup.scenario),
    room: { ...record(setup, setup.profile, p.result), decisions: p.decisions, unanswerable: p.unanswerable },
    replay: { ...record(setup, up, result), decisions: replayDecisions },
    atTop: canonicalProfile(up) === canonicalProfile(setup.profile),
    carryOver: carryOverRule(canonicalProfile(up)),
  };
}
