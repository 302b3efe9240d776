// Steps and the profiles they reach. A step raises one domain by one level; it is open
// when the raised domain would not stand more than `lead` levels above any domain it
// builds on (FOUNDATIONS, 002 "Do not skip levels"): a step the caps would cut back
// delivers less than it costs, so the advisor never proposes it. Pure, no simulation.
import { canonicalProfile, DOMAINS, effectiveProfile, FOUNDATIONS, type Domain, type Level, type Profile } from '../model/index.js';
import type { ImprovementCost, ImprovementCosts, RaisedLevel } from '../org/index.js';
import type { BlockedStep } from './types.js';

/**
 * Years over which a one-off cost is spread when set against a year's loss avoided.
 * Three: the useful life US tax law gives purchased software (IRC section 167(f)(1),
 * 36 months); for project work the same span is judgement.
 */
export const AMORTIZATION_YEARS = 3;

export interface OpenStep {
  domain: Domain;
  from: Level;
  to: Level;
}

/** The step's own price in the cost table. */
export function stepCost(costs: ImprovementCosts, s: OpenStep): ImprovementCost {
  return costs[s.domain][s.to as RaisedLevel];
}

/** What a cost comes to in a year: running costs plus the one-off spread over AMORTIZATION_YEARS. */
export function annualCost(c: { oneOff: number; perYear: number }): number {
  return c.perYear + c.oneOff / AMORTIZATION_YEARS;
}

/**
 * The level a domain may reach at most with its foundations where they are in `p`, and the
 * foundation that limits it. A foundation counts at the level it delivers (itself capped
 * or not), as the simulation counts it.
 */
export function ceilingOf(p: Profile, d: Domain, lead: number): { level: Level; because?: Domain } {
  const delivered = effectiveProfile(p, lead).profile;
  let level = 5 as Level;
  let because: Domain | undefined;
  for (const f of FOUNDATIONS[d]) {
    const c = Math.min(5, delivered[f] + lead) as Level;
    if (c < level) {
      level = c;
      because = f;
    }
  }
  return because ? { level, because } : { level };
}

/** The steps open from a profile, in domain order, and those the caps block (a domain already at 5 is neither). */
export function nextSteps(p: Profile, lead: number): { open: OpenStep[]; blocked: BlockedStep[] } {
  const open: OpenStep[] = [];
  const blocked: BlockedStep[] = [];
  for (const d of DOMAINS) {
    if (p[d] >= 5) continue;
    const to = (p[d] + 1) as Level;
    const ceiling = ceilingOf(p, d, lead);
    if (to <= ceiling.level) open.push({ domain: d, from: p[d], to });
    else blocked.push({ domain: d, to, because: ceiling.because!, needs: Math.max(1, to - lead) as Level });
  }
  return { open, blocked };
}

export function applyStep(p: Profile, s: OpenStep): Profile {
  return { ...p, [s.domain]: s.to };
}

/** The steps' costs between a start and a profile above it (the same whatever the order). */
export function costBetween(costs: ImprovementCosts, start: Profile, p: Profile): { oneOff: number; perYear: number; annual: number; firstYearSpend: number } {
  let oneOff = 0;
  let perYear = 0;
  for (const d of DOMAINS) {
    for (let l = start[d] + 1; l <= p[d]; l++) {
      const c = costs[d][l as RaisedLevel];
      oneOff += c.oneOff;
      perYear += c.perYear;
    }
  }
  return { oneOff, perYear, annual: annualCost({ oneOff, perYear }), firstYearSpend: oneOff + perYear };
}

export interface Limits {
  /** Steps at most. */
  steps: number;
  /** First-year spend (one-off plus a year of running costs) at most; undefined: no limit. */
  budget?: number;
}

export interface Reach {
  profile: Profile;
  key: string;
  /** Steps from the start (the same on every path: each raises one level). */
  depth: number;
}

/**
 * Every profile reachable from `start` by open steps within the limits, the start first,
 * then by depth and canonical form (a fixed order, so the same inputs simulate the same
 * profiles in the same order). Breadth-first over the lattice of profiles above the start.
 */
export function reachable(start: Profile, lead: number, costs: ImprovementCosts, limits: Limits): Reach[] {
  const seen = new Map<string, Reach>();
  const first: Reach = { profile: start, key: canonicalProfile(start), depth: 0 };
  seen.set(first.key, first);
  let frontier = [first];
  for (let depth = 1; depth <= limits.steps && frontier.length; depth++) {
    const next: Reach[] = [];
    for (const r of frontier) {
      for (const s of nextSteps(r.profile, lead).open) {
        const p = applyStep(r.profile, s);
        const key = canonicalProfile(p);
        if (seen.has(key)) continue;
        if (limits.budget !== undefined && costBetween(costs, start, p).firstYearSpend > limits.budget) continue;
        const reach = { profile: p, key, depth };
        seen.set(key, reach);
        next.push(reach);
      }
    }
    frontier = next;
  }
  return [...seen.values()].sort((a, b) => a.depth - b.depth || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
