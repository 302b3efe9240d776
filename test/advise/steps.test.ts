// The advisor's steps, caps and search, on values given directly (no simulation): what is
// open from a profile, what the caps block, which profiles a plan can reach, and that the
// searched plan ends where brute force over all 3,125 profiles says it should.
import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { applyStep, bestEnd, ceilingOf, costBetween, greedyPlan, nextSteps, reachable, searchPlan, type Limits } from '../../src/advise/index.js';
import { canonicalProfile, DOMAINS, effectiveProfile, LEVELS, parseProfile, type Level, type Profile } from '../../src/model/index.js';
import { defaultImprovementCosts, type ImprovementCosts, type RaisedLevel } from '../../src/org/index.js';

const LEAD = 2; // the calibration's model.foundationLead
const costs = defaultImprovementCosts();

/** Every profile of the model: 5^5. */
const ALL: Profile[] = [];
for (const a of LEVELS) for (const b of LEVELS) for (const c of LEVELS) for (const d of LEVELS) for (const e of LEVELS) ALL.push({ change: a, config: b, observability: c, serviceDesk: d, secOps: e });

/**
 * Brute force, by a characterization rather than by walking steps: a profile is reachable
 * when it is at or above the start everywhere, at most `steps` levels above it in all,
 * within the budget, and the model's caps (effectiveProfile) cut back none of the domains
 * raised (raise foundations first and each step stays open).
 */
function bruteReachable(start: Profile, lead: number, c: ImprovementCosts, limits: Limits): Profile[] {
  return ALL.filter((p) => {
    if (DOMAINS.some((d) => p[d] < start[d])) return false;
    if (DOMAINS.reduce((s, d) => s + p[d] - start[d], 0) > limits.steps) return false;
    const capped = effectiveProfile(p, lead).caps.map((c) => c.domain);
    if (DOMAINS.some((d) => p[d] > start[d] && capped.includes(d))) return false;
    return limits.budget === undefined || costBetween(c, start, p).firstYearSpend <= limits.budget;
  });
}

describe('steps and caps', () => {
  it('a step raises one domain by one level; the caps block a domain more than `lead` above a foundation', () => {
    const p = parseProfile('change=3,config=1,observability=3,serviceDesk=5,secOps=2');
    const { open, blocked } = nextSteps(p, LEAD);
    expect(open).toEqual([
      { domain: 'config', from: 1, to: 2 },
      { domain: 'secOps', from: 2, to: 3 },
    ]);
    // change and observability build on config (1): level 4 needs config at 2. serviceDesk is at 5: neither.
    expect(blocked).toEqual([
      { domain: 'change', to: 4, because: 'config', needs: 2 },
      { domain: 'observability', to: 4, because: 'config', needs: 2 },
    ]);
    expect(ceilingOf(p, 'secOps', LEAD)).toEqual({ level: 3, because: 'config' });
    expect(ceilingOf(p, 'config', LEAD)).toEqual({ level: 5 });
  });

  it('with a lead of 1 the caps are tighter', () => {
    const p = parseProfile('change=1,config=1,observability=2,serviceDesk=1,secOps=1');
    expect(nextSteps(p, 1).blocked).toEqual([{ domain: 'observability', to: 3, because: 'config', needs: 2 }]);
    expect(nextSteps(p, 2).blocked).toEqual([]);
  });

  fcTest.prop([fc.constantFrom(...ALL), fc.integer({ min: 1, max: 2 })])('an open step never leaves a domain capped that was not (lead %s)', (p, lead) => {
    for (const s of nextSteps(p, lead).open) {
      const q = applyStep(p, s);
      expect(q[s.domain]).toBe(p[s.domain] + 1);
      expect(effectiveProfile(q, lead).caps.map((c) => c.domain)).not.toContain(s.domain);
    }
  });

  it('the cost between two profiles is the sum of the table entries of every level raised', () => {
    const start = parseProfile('2');
    const c = costBetween(costs, start, parseProfile('change=4,config=2,observability=3,serviceDesk=2,secOps=2'));
    const e = [costs.change[3], costs.change[4], costs.observability[3]];
    expect(c.oneOff).toBe(e.reduce((s, x) => s + x.oneOff, 0));
    expect(c.perYear).toBe(e.reduce((s, x) => s + x.perYear, 0));
    expect(c.firstYearSpend).toBe(c.oneOff + c.perYear);
    expect(c.annual).toBeCloseTo(c.perYear + c.oneOff / 3, 9);
  });
});

const arbStart = fc.constantFrom(...ALL.filter((p) => DOMAINS.every((d) => p[d] <= 4)));
const arbLimits = fc.record({ steps: fc.integer({ min: 1, max: 4 }), budget: fc.option(fc.integer({ min: 0, max: 3_000_000 }), { nil: undefined }) });

describe('reachable profiles and the searched plan against brute force', () => {
  fcTest.prop([arbStart, fc.integer({ min: 1, max: 2 }), arbLimits])('reachable() finds exactly the profiles brute force admits', (start, lead, limits) => {
    const lim: Limits = limits.budget === undefined ? { steps: limits.steps } : { steps: limits.steps, budget: limits.budget };
    const got = reachable(start, lead, costs, lim).map((r) => r.key).sort();
    const want = bruteReachable(start, lead, costs, lim).map(canonicalProfile).sort();
    expect(got).toEqual(want);
  });

  fcTest.prop([arbStart, arbLimits, fc.integer({ min: 0, max: 2 ** 31 - 1 })], { numRuns: 60 })(
    'the plan ends at the best profile brute force finds, by steps that are each open (values from seed %s)',
    (start, limits, seed) => {
      const lim: Limits = limits.budget === undefined ? { steps: limits.steps } : { steps: limits.steps, budget: limits.budget };
      // Arbitrary net values per profile, fixed by the seed: the search must not depend on their shape.
      const value = (key: string) => {
        if (key === canonicalProfile(start)) return 0;
        let h = seed ^ 0x9e3779b9;
        for (const ch of key) h = Math.imul(h ^ ch.charCodeAt(0), 0x85ebca6b) >>> 0;
        return (h % 2001) - 1000;
      };
      const reach = reachable(start, LEAD, costs, lim);
      const plan = searchPlan(reach, LEAD, value);
      const brute = bruteReachable(start, LEAD, costs, lim).map(canonicalProfile);
      const best = Math.max(...brute.map(value));
      expect(value(plan.end), `seed ${seed}`).toBe(best);
      let at = start;
      for (const s of plan.steps) {
        expect(nextSteps(at, LEAD).open, `seed ${seed}: ${canonicalProfile(at)} then ${s.domain}`).toContainEqual(s);
        at = applyStep(at, s);
      }
      expect(canonicalProfile(at)).toBe(plan.end);
      expect(plan.steps.length).toBeLessThanOrEqual(lim.steps);
      expect(bestEnd(reach, value).key).toBe(plan.end);
    },
  );

  it('the search finds an end that needs a foundation first; the greedy plan does not', () => {
    // With a lead of 1, secOps at 3 is worth the most but needs config at 2 first; alone,
    // raising config is worth less than raising change, which greedy takes and then stops.
    const start = parseProfile('change=1,config=1,observability=2,serviceDesk=1,secOps=2');
    const worth: Record<string, number> = {
      'change=2,config=1,observability=2,serviceDesk=1,secOps=2': 50,
      'change=1,config=2,observability=2,serviceDesk=1,secOps=2': 10,
      'change=1,config=2,observability=2,serviceDesk=1,secOps=3': 500,
    };
    const value = (k: string) => worth[k] ?? (k === canonicalProfile(start) ? 0 : -100);
    const reach = reachable(start, 1, costs, { steps: 2 });
    const searched = searchPlan(reach, 1, value);
    expect(nextSteps(start, 1).blocked).toContainEqual({ domain: 'secOps', to: 3, because: 'config', needs: 2 });
    expect(searched.end).toBe('change=1,config=2,observability=2,serviceDesk=1,secOps=3');
    expect(searched.steps.map((s) => `${s.domain}>${s.to}`)).toEqual(['config>2', 'secOps>3']);
    const greedy = greedyPlan(reach, 1, value);
    expect(greedy.end).toBe('change=2,config=1,observability=2,serviceDesk=1,secOps=2');
  });

  it('among the orders that reach the end, the roadmap takes the most valuable step first', () => {
    const start = parseProfile('2');
    const a = canonicalProfile({ ...start, change: 3 as Level });
    const b = canonicalProfile({ ...start, config: 3 as Level });
    const both = canonicalProfile({ ...start, change: 3 as Level, config: 3 as Level });
    const value = (k: string) => ({ [a]: 10, [b]: 30, [both]: 100 })[k] ?? (k === canonicalProfile(start) ? 0 : -1);
    const plan = searchPlan(reachable(start, LEAD, costs, { steps: 2 }), LEAD, value);
    expect(plan.end).toBe(both);
    expect(plan.steps.map((s) => s.domain)).toEqual(['config', 'change']);
  });

  it('stays put when no reachable profile is worth more than the start', () => {
    const start = parseProfile('3');
    const plan = searchPlan(reachable(start, LEAD, costs, { steps: 3 }), LEAD, (k) => (k === '3' ? 0 : -1));
    expect(plan).toEqual({ end: '3', steps: [] });
  });

  it('a budget below every step leaves only the start', () => {
    const cheapest = Math.min(...DOMAINS.flatMap((d) => ([2, 3, 4, 5] as RaisedLevel[]).map((l) => costs[d][l].oneOff + costs[d][l].perYear)));
    expect(reachable(parseProfile('1'), LEAD, costs, { steps: 3, budget: cheapest - 1 }).map((r) => r.key)).toEqual(['1']);
  });
});
