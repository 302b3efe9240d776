// The advisor on a real (small) organization, simulated in this thread: the roadmap ends
// at the profile that brute force finds best among every profile reachable in K steps
// within the budget, each simulated on its own against the start; steps never skip a
// level nor break the caps; the same seed gives the same advice, in any order of years.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { advicePlan, adviceResult, adviseInThread, costBetween, KEPT } from '../../src/advise/index.js';
import { defaultCalibration, Parameters } from '../../src/calibration/index.js';
import { ExperimentAccumulator, replicate, runExperiment } from '../../src/experiment/index.js';
import { canonicalProfile, DOMAINS, effectiveProfile, LEVELS, parseProfile, type Profile } from '../../src/model/index.js';
import { Layout, yearModel, yearReplicable } from '../../src/year/index.js';
import { parseOrg } from '../support/orgs.js';

const FILE = new URL('../fixtures/orgs/small.yaml', import.meta.url);
const org = parseOrg(readFileSync(FILE, 'utf8'), 'small.yaml');
const cal = defaultCalibration();
const start = { name: 'today', profile: org.profiles[0]!.profile };
const SEED = 7;
const YEARS = 3;
const STEPS = 2;
const BUDGET = 450_000;

describe(`advise on a small organization (seed ${SEED}, ${YEARS} years, ${STEPS} steps, budget $${BUDGET})`, () => {
  const plan = advicePlan(org, cal, start, { steps: STEPS, budget: BUDGET }, SEED, YEARS);
  const result = adviseInThread(plan);

  it('the plan ends where brute force over all 3,125 profiles says', () => {
    const lead = new Parameters(cal, start.profile).value('model.foundationLead');
    const all: Profile[] = [];
    for (const a of LEVELS) for (const b of LEVELS) for (const c of LEVELS) for (const d of LEVELS) for (const e of LEVELS) all.push({ change: a, config: b, observability: c, serviceDesk: d, secOps: e });
    const s = start.profile;
    const admitted = all.filter((p) => {
      if (DOMAINS.some((d) => p[d] < s[d]) || DOMAINS.reduce((n, d) => n + p[d] - s[d], 0) > STEPS) return false;
      const capped = effectiveProfile(p, lead).caps.map((c) => c.domain);
      return !DOMAINS.some((d) => p[d] > s[d] && capped.includes(d)) && costBetween(org.improvementCosts, s, p).firstYearSpend <= BUDGET;
    });
    expect(admitted.length).toBe(result.search.reachable);
    // Each admitted profile simulated against the start on its own (not through the advisor's shared run).
    const model = yearModel(org, cal);
    const rep = yearReplicable({ model, layout: new Layout(model), calibration: cal, seed: SEED });
    const lossIndex = new Layout(model).total('cost');
    const net = admitted.map((p) => {
      const acc = runExperiment(rep, [s, p], YEARS);
      return { key: canonicalProfile(p), net: -acc.deltas[1]![lossIndex]!.mean() - costBetween(org.improvementCosts, s, p).annual };
    });
    const best = Math.max(...net.map((n) => n.net));
    const winners = net.filter((n) => Math.abs(n.net - best) <= 1e-6 * Math.max(1, Math.abs(best))).map((n) => n.key);
    expect(winners, `seed ${SEED}: brute force's best`).toContain(result.end.profile);
    expect(result.end.net.mean).toBeCloseTo(best, 0);
  });

  it('every roadmap step raises one domain by one level, is open under the caps and within the budget', () => {
    const lead = result.foundationLead;
    let at = start.profile;
    expect(result.roadmap.length).toBeGreaterThan(0);
    for (const step of result.roadmap) {
      expect(step.before).toBe(canonicalProfile(at));
      expect(step.to).toBe(step.from + 1);
      expect(at[step.domain]).toBe(step.from);
      at = { ...at, [step.domain]: step.to };
      expect(step.after).toBe(canonicalProfile(at));
      expect(effectiveProfile(at, lead).caps.map((c) => c.domain), `seed ${SEED}: ${step.after}`).not.toContain(step.domain);
      expect(step.cumulative.firstYearSpend).toBeLessThanOrEqual(BUDGET);
      expect(step.cost.annual).toBeCloseTo(step.cost.perYear + step.cost.oneOff / result.amortizationYears, 3);
      expect(step.rosi.mean).toBeCloseTo((step.lossAvoided.mean - step.cost.annual) / step.cost.annual, 2);
    }
    expect(canonicalProfile(at)).toBe(result.end.profile);
    expect(result.roadmap.length).toBeLessThanOrEqual(STEPS);
  });

  it('candidates are every open first step, ranked by net value, each against the start', () => {
    const nets = result.candidates.map((c) => c.net.mean);
    expect([...nets].sort((a, b) => b - a)).toEqual(nets);
    for (const c of result.candidates) {
      expect(c.before).toBe(result.from.profile);
      expect(c.net.mean).toBeCloseTo(c.lossAvoided.mean - c.cost.annual, 2);
      expect(c.lossAvoided.ci95![0]).toBeLessThanOrEqual(c.lossAvoided.mean);
    }
    expect(result.ranking.best).toEqual({ domain: result.candidates[0]!.domain, to: result.candidates[0]!.to });
  });

  it('the same seed gives the same advice, whatever the order the years arrive in', () => {
    const profiles = plan.reach.map((r) => r.profile);
    const rep = yearReplicable({ model: plan.model, layout: plan.layout, calibration: cal, seed: SEED });
    const acc = new ExperimentAccumulator(profiles.length, plan.layout.size, { figures: plan.keep, replications: YEARS });
    for (const y of [2, 0, 1]) acc.addBlock(replicate(rep, profiles, y, y + 1), y);
    expect(JSON.stringify(adviceResult(plan, acc))).toBe(JSON.stringify(result));
    expect(plan.keep.length).toBe(KEPT.length);
  });

  it('a start at level 5 everywhere has nothing to advise', () => {
    const top = adviseInThread(advicePlan(org, cal, { name: '5', profile: parseProfile('5') }, { steps: 2 }, SEED, 2));
    expect(top.candidates).toEqual([]);
    expect(top.roadmap).toEqual([]);
    expect(top.stopped).toMatch(/no further step is open/);
  });
});
