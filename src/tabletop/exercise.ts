// The exercise plan at play: which injects have reached the room, the expectations they
// opened and how the facilitator scored them (OpenAEV's rules), which module the room is
// in, and whether the objectives were met. Pure functions of the scenario, the log and
// the facilitator's record.
import type { LogEntry } from '../sim/log.js';
import { firstMet } from '../sim/world/injects.js';
import type { Domain } from '../model/index.js';
import type { ExerciseModule, Expectation, Inject, Objective, Scenario, Team, TeamRole } from '../sim/scenario.js';

/** What the facilitator scored for one expectation: one score, or one per member when every member must meet it. */
export type Scores = Readonly<Record<string, readonly number[]>>;

export type Status = 'pending' | 'success' | 'partial' | 'failed';

/**
 * OpenAEV's rules: no score is pending; at or above the expected score is a success;
 * zero is failed; anything between is partial. The team's score is the best member's
 * when one member meeting it is enough, the worst member's when all must (and pending
 * until every member is scored).
 */
export function teamScore(x: Expectation, team: Team | undefined, given: readonly number[] | undefined): number | undefined {
  if (!given || given.length === 0) return undefined;
  if (x.who === 'one') return Math.max(...given);
  const members = team?.members.length ?? 1;
  if (given.length < members) return undefined;
  return Math.min(...given);
}

export function statusOf(x: Expectation, score: number | undefined): Status {
  if (score === undefined) return 'pending';
  if (score >= x.score) return 'success';
  if (score === 0) return 'failed';
  return 'partial';
}

/** An inject that has reached the room, and when. */
export interface Fired {
  inject: Inject;
  t: number;
  /** When it was first due, if it waited for what it presumes. */
  deferredFrom?: number;
  text: string;
}

export function firedInjects(scenario: Scenario, log: readonly LogEntry[]): Fired[] {
  const out: Fired[] = [];
  for (const e of log) {
    if (e.kind !== 'inject') continue;
    const inject = scenario.injects.find((j) => j.id === e.id);
    if (inject) out.push({ inject, t: e.t, text: e.text, ...(e.deferredFrom !== undefined ? { deferredFrom: e.deferredFrom } : {}) });
  }
  return out;
}

/** An expectation with where it stands. */
export interface ExpectationState {
  expectation: Expectation;
  team: Team | undefined;
  inject: Inject;
  /** When its inject reached the room; undefined if it never did. */
  opened?: number;
  /** The end of the time allowed, if any. */
  due?: number;
  given?: readonly number[];
  score?: number;
  status: Status;
  /** What the simulation shows for its `check`: when it was first met after the inject, and whether within the time allowed. */
  check?: { met?: number; inTime: boolean };
}

export function expectationStates(scenario: Scenario, log: readonly LogEntry[], scores: Scores): ExpectationState[] {
  const fired = firedInjects(scenario, log);
  const teams = scenario.exercise?.teams ?? [];
  return scenario.injects.flatMap((inject) =>
    (inject.expect ?? []).map((x) => {
      const opened = fired.find((f) => f.inject === inject)?.t;
      const team = teams.find((t) => t.id === x.team);
      const given = scores[x.id];
      const score = teamScore(x, team, given);
      const s: ExpectationState = { expectation: x, team, inject, status: statusOf(x, score) };
      if (opened !== undefined) s.opened = opened;
      if (opened !== undefined && x.within !== undefined) s.due = opened + x.within;
      if (given) s.given = given;
      if (score !== undefined) s.score = score;
      if (x.check && opened !== undefined) {
        const met = checkMet(x, opened, log);
        s.check = { inTime: met !== undefined && (x.within === undefined || met <= opened + x.within), ...(met !== undefined ? { met } : {}) };
      }
      return s;
    }),
  );
}

/** When the expectation's check is first true at or after the inject opened it (already true counts as at the opening). */
export function checkMet(x: Expectation, opened: number, log: readonly LogEntry[]): number | undefined {
  if (!x.check) return undefined;
  const t = firstMet(x.check, log);
  return t === undefined ? undefined : Math.max(t, opened);
}

/** When each module starts in this log (the first at the onset), in order; a module whose start never came is left out. */
export function moduleStarts(scenario: Scenario, log: readonly LogEntry[]): { module: ExerciseModule; t: number }[] {
  const out: { module: ExerciseModule; t: number }[] = [];
  for (const m of scenario.exercise?.modules ?? []) {
    const t = m.from ? firstMet(m.from, log) : 0;
    if (t !== undefined) out.push({ module: m, t: Math.max(t, out.at(-1)?.t ?? 0) });
  }
  return out;
}

/** The module under way at time `t`. */
export function moduleAt(scenario: Scenario, log: readonly LogEntry[], t: number): ExerciseModule | undefined {
  return moduleStarts(scenario, log.filter((e) => e.t <= t)).filter((m) => m.t <= t).at(-1)?.module;
}

export type Rating = 'met' | 'partially met' | 'not met' | 'not rated';

export interface ObjectiveResult {
  objective: Objective;
  rating: Rating;
  expectations: ExpectationState[];
}

/**
 * An objective is met when every expectation that shows it succeeded, not met when every
 * one failed, partially met otherwise; not rated while any is pending (HSEEP rates an
 * objective from its critical tasks).
 */
export function objectiveResults(scenario: Scenario, states: readonly ExpectationState[]): ObjectiveResult[] {
  return (scenario.exercise?.objectives ?? []).map((objective) => {
    const expectations = objective.expectations.map((id) => states.find((s) => s.expectation.id === id)!).filter(Boolean);
    const st = expectations.map((s) => s.status);
    const rating: Rating = st.includes('pending') ? 'not rated' : st.every((x) => x === 'success') ? 'met' : st.every((x) => x === 'failed') ? 'not met' : 'partially met';
    return { objective, rating, expectations };
  });
}

/** The maturity domain a team's work falls in, when an expectation names none. */
export const ROLE_DOMAIN: Record<TeamRole, Domain | undefined> = {
  'service-desk': 'serviceDesk',
  operations: 'observability',
  soc: 'secOps',
  leadership: undefined,
  communications: undefined,
};

export function domainOf(x: Expectation, team: Team | undefined): Domain | undefined {
  return x.domain ?? (team ? ROLE_DOMAIN[team.role] : undefined);
}
