// Choosing the plan. Profiles reachable in K steps are few (at most 5^5 in all), so the
// plan is searched, not built greedily: every reachable profile is valued (net annual
// value: loss avoided against the start minus the annual cost of the steps to it), the
// best is the plan's end, and among the orders of steps that reach it the one that
// delivers the most along the way (the sum of the net values of the profiles passed
// through) is the roadmap. A greedy plan (the best next step each time) is kept for
// comparison: it misses ends that need a foundation first. Pure; values passed in.
import { canonicalProfile, type Profile } from '../model/index.js';
import { applyStep, nextSteps, type OpenStep, type Reach } from './steps.js';

export interface Plan {
  /** The end profile's key, and the steps to it in order. */
  end: string;
  steps: OpenStep[];
}

/** Orders keys by value, higher first; then fewer steps; then the canonical form (a fixed tie-break). */
function better(a: Reach, va: number, b: Reach, vb: number): boolean {
  if (va !== vb) return va > vb;
  if (a.depth !== b.depth) return a.depth < b.depth;
  return a.key < b.key;
}

/** The reachable profile with the highest value (the start when nothing beats standing still). */
export function bestEnd(reach: readonly Reach[], value: (key: string) => number): Reach {
  let best = reach[0]!;
  for (const r of reach) if (better(r, value(r.key), best, value(best.key))) best = r;
  return best;
}

/** Whether `p` is at or below `q` in every domain. */
function below(p: Profile, q: Profile): boolean {
  return (Object.keys(p) as (keyof Profile)[]).every((d) => p[d] <= q[d]);
}

/**
 * The order of steps from the start to `end` that maximizes the sum of the values of the
 * profiles it passes through (end included): benefits sooner rather than later. Dynamic
 * programming over the profiles between the start and the end; every one of them is
 * reachable when the end is (costs only grow along a path, and each step stays open).
 */
export function bestOrder(reach: readonly Reach[], end: Reach, lead: number, value: (key: string) => number): OpenStep[] {
  const byKey = new Map(reach.map((r) => [r.key, r]));
  const memo = new Map<string, { total: number; steps: OpenStep[] }>();
  const from = (r: Reach): { total: number; steps: OpenStep[] } => {
    if (r.key === end.key) return { total: 0, steps: [] };
    const got = memo.get(r.key);
    if (got) return got;
    let best: { total: number; steps: OpenStep[] } | undefined;
    for (const s of nextSteps(r.profile, lead).open) {
      const p = applyStep(r.profile, s);
      if (!below(p, end.profile)) continue;
      const next = byKey.get(canonicalProfile(p));
      if (!next) continue;
      const rest = from(next);
      const total = value(next.key) + rest.total;
      // Domain order breaks ties (nextSteps lists open steps in it): the first best stays.
      if (!best || total > best.total) best = { total, steps: [s, ...rest.steps] };
    }
    if (!best) throw new Error(`bestOrder: no open path from ${r.key} to ${end.key}`);
    memo.set(r.key, best);
    return best;
  };
  return from(reach[0]!).steps;
}

/** The searched plan: the best end and the best order to it. */
export function searchPlan(reach: readonly Reach[], lead: number, value: (key: string) => number): Plan {
  const end = bestEnd(reach, value);
  return { end: end.key, steps: bestOrder(reach, end, lead, value) };
}

/** The greedy plan: from the start, the open step to the best-valued profile while it raises the value. */
export function greedyPlan(reach: readonly Reach[], lead: number, value: (key: string) => number): Plan {
  const byKey = new Map(reach.map((r) => [r.key, r]));
  let at = reach[0]!;
  const steps: OpenStep[] = [];
  for (;;) {
    let best: { r: Reach; s: OpenStep } | undefined;
    for (const s of nextSteps(at.profile, lead).open) {
      const r = byKey.get(canonicalProfile(applyStep(at.profile, s)));
      if (r && (!best || better(r, value(r.key), best.r, value(best.r.key)))) best = { r, s };
    }
    if (!best || value(best.r.key) <= value(at.key)) return { end: at.key, steps };
    steps.push(best.s);
    at = best.r;
  }
}
