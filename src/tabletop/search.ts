// The decision tree of a scenario at a profile, searched for the best choices open there.
//
// A *strategy* fixes one option per decision point, taken the first time that point is
// asked; where its option is not open at that moment, and whenever the point comes up
// again (an escalation that leads back to the same question would otherwise never end),
// the calibrated behaviour runs, as the replay does for a room's choice that is not
// open or a decision the room never faced. A strategy is scored over the
// same SEARCH_RUNS seeded replications (the session's seed, replications 0..R-1: common
// random numbers, so strategies are compared on the same faults, attackers and luck).
//
// "Best" = among strategies whose option at every point asked was open when asked (a
// room can only take open options; all strategies if there is none), the lowest mean
// cost (disruption x cost per minute, plus attacker losses) over those runs; ties go to
// the lower mean MTTR, then to the options listed first. Every strategy is tried when there
// are at most MAX_STRATEGIES of them; beyond that, one option at a time is improved
// while the others stay fixed (coordinate descent, two rounds), and the result says so.
import type { Calibration } from '../calibration/index.js';
import { DOMAINS, type Domain, type Level, type Profile } from '../model/index.js';
import { simulate, type DecisionPolicy, type DecisionRequest, type SimResult } from '../sim/engine.js';
import { metricsOf, type Metrics } from '../sim/metrics.js';
import type { Scenario } from '../sim/scenario.js';
import { costPerMinute } from '../stats/compare.js';

/** Seeded runs per strategy (judgement: paired runs make 30 enough to rank choices whose means differ by more than their noise). */
export const SEARCH_RUNS = 30;
/** Strategies tried exhaustively; beyond this, coordinate descent. */
export const MAX_STRATEGIES = 64;

export type Strategy = Readonly<Record<string, string>>;

export interface StrategyScore {
  strategy: Strategy;
  /** Mean cost and MTTR over the runs. */
  cost: number;
  mttr: number;
  runs: number;
  /** Per decision point asked in any run: whether the strategy's option was open at least once when asked. */
  asked: Record<string, boolean>;
}

export interface SearchResult {
  profile: Profile;
  runs: number;
  best: StrategyScore;
  /** The room's choices (the first choice at each point), scored the same way at this profile. */
  room: StrategyScore;
  /** Strategies tried; `exhaustive` false when coordinate descent stood in for trying all. */
  tried: number;
  exhaustive: boolean;
}

export interface SearchContext {
  scenario: Scenario;
  calibration: Calibration;
  seed: number;
  runs?: number;
}

/** The policy a strategy gives: its option the first time a point is asked, where open; the calibrated behaviour elsewhere. Records what it met. */
export function strategyPolicy(strategy: Strategy, asked?: Record<string, boolean>): DecisionPolicy {
  const seen = new Set<string>();
  return (req: DecisionRequest) => {
    if (seen.has(req.point.id)) return null;
    seen.add(req.point.id);
    const id = strategy[req.point.id];
    const open = id !== undefined && req.options.some((o) => o.id === id && o.open);
    if (asked) asked[req.point.id] = (asked[req.point.id] ?? false) || open;
    return open ? id! : null;
  };
}

/** Runs a strategy over the seeded replications and averages cost and MTTR. */
export function scoreStrategy(ctx: SearchContext, profile: Profile, strategy: Strategy): StrategyScore {
  const asked: Record<string, boolean> = {};
  const { cost, mttr } = meanOver(ctx, profile, () => strategyPolicy(strategy, asked));
  return { strategy, cost, mttr, runs: ctx.runs ?? SEARCH_RUNS, asked };
}

const closed = (s: StrategyScore) => Object.values(s.asked).filter((open) => !open).length;

/** Orders by the definition of best at the top of this file (stable: earlier strategies win full ties). */
export function better(a: StrategyScore, b: StrategyScore): number {
  return Math.sign(closed(a)) - Math.sign(closed(b)) || a.cost - b.cost || a.mttr - b.mttr;
}

function* product(points: readonly { id: string; options: readonly { id: string }[] }[]): Generator<Strategy> {
  const idx = points.map(() => 0);
  if (points.length === 0) {
    yield {};
    return;
  }
  for (;;) {
    yield Object.fromEntries(points.map((p, i) => [p.id, p.options[idx[i]!]!.id]));
    let k = points.length - 1;
    while (k >= 0 && ++idx[k]! === points[k]!.options.length) idx[k--] = 0;
    if (k < 0) return;
  }
}

/** The room's choices as a strategy: the first option it took at each decision point. */
export function roomStrategy(decisions: readonly { point: string; option: string }[]): Strategy {
  const s: Record<string, string> = {};
  for (const d of decisions) s[d.point] ??= d.option;
  return s;
}

/** The best strategy at `profile`, and the room's strategy scored beside it. */
export function searchBest(ctx: SearchContext, profile: Profile, room: Strategy): SearchResult {
  const points = ctx.scenario.decisions;
  const total = points.reduce((n, p) => n * p.options.length, 1);
  const cache = new Map<string, StrategyScore>();
  const score = (s: Strategy) => {
    const key = JSON.stringify(points.map((p) => s[p.id]));
    let v = cache.get(key);
    if (!v) cache.set(key, (v = scoreStrategy(ctx, profile, s)));
    return v;
  };
  let best: StrategyScore | undefined;
  const exhaustive = total <= MAX_STRATEGIES;
  if (exhaustive) {
    for (const s of product(points)) {
      const v = score(s);
      if (!best || better(v, best) < 0) best = v;
    }
  } else {
    let current: Record<string, string> = Object.fromEntries(points.map((p) => [p.id, p.options[0]!.id]));
    best = score(current);
    for (let round = 0; round < 2; round++) {
      for (const p of points) {
        for (const o of p.options) {
          const v = score({ ...current, [p.id]: o.id });
          if (better(v, best) < 0) {
            best = v;
            current = { ...current, [p.id]: o.id };
          }
        }
      }
    }
  }
  return { profile, runs: ctx.runs ?? SEARCH_RUNS, best: best!, room: score(room), tried: cache.size, exhaustive };
}

/** The profile with one domain raised to `level` (the others as they were). */
export const raised = (p: Profile, d: Domain, level: Level): Profile => ({ ...p, [d]: level });

/** Single-domain raises from `p`, smallest first (one level, then two...), in domain order within each step. */
export function raises(p: Profile): { domain: Domain; level: Level; profile: Profile }[] {
  const out: { domain: Domain; level: Level; profile: Profile; step: number }[] = [];
  for (const d of DOMAINS) for (let l = p[d] + 1; l <= 5; l++) out.push({ domain: d, level: l as Level, profile: raised(p, d, l as Level), step: l - p[d] });
  return out.sort((a, b) => a.step - b.step).map(({ step: _s, ...r }) => r);
}

/** Mean metrics over the seeded runs with a policy made fresh for each run. */
export function meanOver(ctx: SearchContext, profile: Profile, policy: () => DecisionPolicy | undefined, each?: (r: SimResult, m: Metrics) => void): { cost: number; mttr: number } {
  // Metrics alone need no quiet inject; a caller reading each run's log does.
  const runs = ctx.runs ?? SEARCH_RUNS;
  const rate = costPerMinute(ctx.scenario, ctx.calibration, profile);
  let cost = 0;
  let mttr = 0;
  for (let r = 0; r < runs; r++) {
    const pol = policy();
    const result = simulate(ctx.scenario, profile, { seed: ctx.seed, replication: r, calibration: ctx.calibration, quietInjects: each !== undefined, ...(pol ? { policy: pol } : {}) });
    const m = metricsOf(result, ctx.scenario, rate);
    each?.(result, m);
    cost += m.cost;
    mttr += m.mttr;
  }
  return { cost: cost / runs, mttr: mttr / runs };
}
