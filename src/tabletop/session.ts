// A tabletop exercise as data: the room's decisions so far, and the replication they
// produce. There is one engine and no second one: every change of the decisions (a new
// choice, an undo) replays the scenario from the onset with a policy that answers the
// recorded decisions and stops at the next. Same seed, same decisions: same story.
import type { Calibration } from '../calibration/index.js';
import type { Profile } from '../model/index.js';
import { simulate, type DecisionPolicy, type DecisionRequest, type OptionView, type SimResult } from '../sim/engine.js';
import { fillTemplate, impactAt } from '../sim/world/injects.js';
import type { Scenario } from '../sim/scenario.js';

export interface Setup {
  scenario: Scenario;
  profile: Profile;
  seed: number;
  replication: number;
  calibration: Calibration;
}

/** A decision the room took: what was asked, what was on the table, what it chose. */
export interface TakenDecision {
  request: DecisionRequest;
  chosen: OptionView;
}

export interface Play {
  setup: Setup;
  /** The room's choices so far, as option ids, in the order they were made. */
  choices: readonly string[];
  result: SimResult;
  decisions: TakenDecision[];
  /** Decisions with no option open at the profile: nobody could choose, the calibrated behaviour ran. */
  unanswerable: DecisionRequest[];
  /** The decision the room is asked now; undefined once the incident has run its course. */
  pending?: DecisionRequest;
}

/**
 * How often the room is asked one decision point in one exercise. A point inside a loop
 * (a fix that did not hold, a reopened ticket) comes back each time round; a room (or a
 * script taking the first option) that keeps choosing the way round would never reach
 * the end, so later visits run the level's calibrated behaviour, whose odds end the loop.
 */
export const MAX_ASKS_PER_POINT = 10;

/** Replays the scenario with the room's choices; stops at the first decision not yet made. */
export function play(setup: Setup, choices: readonly string[]): Play {
  const decisions: TakenDecision[] = [];
  const unanswerable: DecisionRequest[] = [];
  const asked = new Map<string, number>();
  let k = 0;
  const policy: DecisionPolicy = (request) => {
    if (!request.options.some((o) => o.open)) {
      unanswerable.push(request);
      return null;
    }
    const times = asked.get(request.point.id) ?? 0;
    if (times >= MAX_ASKS_PER_POINT) return null;
    if (k >= choices.length) return undefined;
    asked.set(request.point.id, times + 1);
    const id = choices[k++]!;
    const chosen = request.options.find((o) => o.id === id);
    // Choices are checked against the pending decision before they are recorded, and
    // the replay reaches that decision identically; anything else is a bug.
    if (!chosen?.open) throw new Error(`tabletop replay: choice ${k} (${id}) is not open at decision ${request.point.id}`);
    decisions.push({ request, chosen });
    return id;
  };
  const result = simulate(setup.scenario, setup.profile, {
    seed: setup.seed,
    replication: setup.replication,
    calibration: setup.calibration,
    policy,
  });
  return { setup, choices: [...choices], result, decisions, unanswerable, ...(result.pending ? { pending: result.pending } : {}) };
}

export type Resolved = { ok: true; option: OptionView } | { ok: false; message: string };

const listOptions = (r: DecisionRequest) => r.options.map((o) => `${o.index} ${o.id}`).join(', ');

/**
 * What the room typed for a decision: an option number as shown (1-based) or an option
 * id. Refused, with the reason, when there is no such option or it is not open.
 */
export function resolveChoice(request: DecisionRequest, text: string): Resolved {
  const t = text.trim();
  const option = /^\d+$/.test(t) ? request.options.find((o) => o.index === Number(t)) : request.options.find((o) => o.id === t);
  if (!option) return { ok: false, message: `no option "${t}" at decision "${request.point.id}"; its options are ${listOptions(request)}` };
  if (!option.open) {
    return { ok: false, message: `option ${option.index} "${option.label}" (${option.id}) is not open at decision "${request.point.id}": ${option.reason}` };
  }
  return { ok: true, option };
}

/** The option Enter takes: the first one open. */
export function firstOpen(request: DecisionRequest): OptionView | undefined {
  return request.options.find((o) => o.open);
}

export interface Scripted {
  play: Play;
  /** Decisions the script did not cover, where the first open option was taken. */
  defaulted: string[];
}

export class ScriptError extends Error {
  override name = 'ScriptError';
}

/**
 * Plays a list of choices without a keyboard (`--decisions`). Decisions beyond the list
 * take the first open option (unless `fill` is false: then the play stops at the first
 * decision the list does not cover); a choice that does not fit its decision, or more
 * choices than the exercise asks for, is a ScriptError naming the decision, the option and why.
 */
export function playScripted(setup: Setup, tokens: readonly string[], fill = true): Scripted {
  const choices: string[] = [];
  const defaulted: string[] = [];
  for (;;) {
    const p = play(setup, choices);
    const request = p.pending;
    if (!request) {
      if (choices.length < tokens.length) {
        const asked = p.decisions.map((d) => d.request.point.id).join(', ') || 'none';
        throw new ScriptError(
          `${tokens.length} choices given, but the exercise asks for only ${p.decisions.length} decision${p.decisions.length === 1 ? '' : 's'} at this profile and seed (${asked})`,
        );
      }
      return { play: p, defaulted };
    }
    const k = choices.length;
    if (!fill && k >= tokens.length) return { play: p, defaulted };
    if (k < tokens.length) {
      const r = resolveChoice(request, tokens[k]!);
      if (!r.ok) throw new ScriptError(`choice ${k + 1} ("${tokens[k]!.trim()}"): ${r.message}`);
      choices.push(r.option.id);
    } else {
      choices.push(firstOpen(request)!.id);
      defaulted.push(request.point.id);
    }
  }
}

/** `--decisions 1,2,disable`: comma-separated, blanks ignored. */
export function parseDecisionList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** A decision's prompt as the room reads it: its template filled from the moment it is asked ({time}, {elapsed}, {service}...). */
export function promptText(scenario: Scenario, result: SimResult, request: DecisionRequest): string {
  const impact = impactAt(result.log.filter((e) => e.t <= request.t));
  return fillTemplate(request.point.prompt, { t: request.t, calendar: result.calendar, service: scenario.service.name, impact });
}
