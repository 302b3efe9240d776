// From simulated years to advice. The caller simulates every reachable profile's years
// through the experiment function (in this thread or on workers) keeping each year's
// loss figures; here they are paired year by year (common random numbers: year r is the
// same year at every profile), valued against the cost table, searched, and turned into
// an AdviceResult.
import { Parameters, type Calibration } from '../calibration/index.js';
import { ExperimentAccumulator, figureOf, runExperiment } from '../experiment/index.js';
import { canonicalProfile, DOMAINS, effectiveProfile, type Profile } from '../model/index.js';
import type { Organization } from '../org/index.js';
import { round, Summary } from '../stats/index.js';
import { Layout, yearModel, yearReplicable, type TotalName, type YearModel } from '../year/index.js';
import { greedyPlan, searchPlan } from './search.js';
import { AMORTIZATION_YEARS, annualCost, applyStep, costBetween, nextSteps, reachable, stepCost, type Limits, type OpenStep, type Reach } from './steps.js';
import { ADVICE_RESULT_VERSION, type AdviceResult, type AnnualLoss, type Candidate, type Estimate, type Ranking, type RoadmapStep, type Step } from './types.js';

/** The year figures the advisor keeps year by year, in this order. */
export const KEPT: readonly TotalName[] = ['cost', 'downtimeCost', 'breachCost', 'downtimeHours'];
const [LOSS, DOWNTIME, BREACHES, HOURS] = [0, 1, 2, 3];

export interface AdvicePlan {
  org: Organization;
  calibration: Calibration;
  model: YearModel;
  layout: Layout;
  start: { name: string; profile: Profile };
  lead: number;
  limits: Limits;
  seed: number;
  years: number;
  /** The profiles to simulate, the start first (see `reachable`). */
  reach: Reach[];
  /** Indices in a year's vector of the KEPT figures. */
  keep: number[];
}

export function advicePlan(org: Organization, calibration: Calibration, start: { name: string; profile: Profile }, limits: Limits, seed: number, years: number): AdvicePlan {
  const lead = new Parameters(calibration, start.profile).value('model.foundationLead');
  const model = yearModel(org, calibration);
  const layout = new Layout(model);
  const reach = reachable(start.profile, lead, org.improvementCosts, limits);
  return { org, calibration, model, layout, start, lead, limits, seed, years, reach, keep: KEPT.map((f) => layout.total(f)) };
}

/** The whole advice in this thread (tests, small runs); the CLI runs the same years on workers. */
export function adviseInThread(plan: AdvicePlan): AdviceResult {
  const model = yearReplicable({ model: plan.model, layout: plan.layout, calibration: plan.calibration, seed: plan.seed });
  const acc = runExperiment(model, plan.reach.map((r) => r.profile), plan.years, { keep: plan.keep });
  return adviceResult(plan, acc);
}

const estimate = (s: Summary): Estimate => {
  const ci = s.ci95();
  return { mean: round(s.mean()), ci95: Number.isFinite(ci[0]) && Number.isFinite(ci[1]) ? [round(ci[0]), round(ci[1])] : null };
};

/** a[r] - b[r] + shift for every year. */
function paired(a: Float64Array, b: Float64Array, shift = 0): Summary {
  const s = new Summary(false);
  for (let r = 0; r < a.length; r++) s.add(a[r]! - b[r]! + shift);
  return s;
}

/** The 97.5% normal quantile, for the years a difference needs. */
const Z975 = 1.959963984540054;

/** Best minus runner-up (a Summary of paired yearly differences in net value) as a Ranking. */
function settled(diff: Summary): { stable: boolean; difference: Estimate; yearsToSettle?: number } {
  const ci = diff.ci95();
  const stable = Number.isFinite(ci[0]) && ci[0] > 0;
  const out: { stable: boolean; difference: Estimate; yearsToSettle?: number } = { stable, difference: estimate(diff) };
  const m = diff.mean();
  const sd = Math.sqrt(diff.variance());
  if (!stable && m > 0 && Number.isFinite(sd) && sd > 0) out.yearsToSettle = Math.max(diff.n + 1, Math.ceil(((Z975 * sd) / m) ** 2));
  return out;
}

type Choice = NonNullable<Ranking['best']>;

function ranking(diff: Summary, best: Choice, runnerUp: Choice): Ranking {
  const { stable, ...rest } = settled(diff);
  return { stable, best, runnerUp, ...rest };
}

export function adviceResult(plan: AdvicePlan, acc: ExperimentAccumulator): AdviceResult {
  const { reach, org, lead } = plan;
  const index = new Map(reach.map((r, i) => [r.key, i]));
  const sample = (key: string, f: number) => acc.samples[index.get(key)!]![f]!;
  const costs = org.improvementCosts;
  const start = reach[0]!;
  const annualOf = new Map(reach.map((r) => [r.key, costBetween(costs, start.profile, r.profile).annual]));
  // Net annual value of reaching a profile: the loss it avoids against the start minus what its steps cost a year.
  const netSummary = new Map<string, Summary>();
  const netOf = (key: string): Summary => {
    let s = netSummary.get(key);
    if (!s) netSummary.set(key, (s = paired(sample(start.key, LOSS), sample(key, LOSS), -annualOf.get(key)!)));
    return s;
  };
  const value = (key: string) => netOf(key).mean();

  const lossOf = (key: string): AnnualLoss => {
    const row = acc.figures[index.get(key)!]!;
    const t = figureOf(row[plan.keep[LOSS]!]!);
    const est = (f: number) => estimate(row[plan.keep[f]!]!);
    return { total: { mean: t.mean, ci95: acc.replications > 1 ? t.ci95 : null, p50: t.p50, p90: t.p90 }, downtime: est(DOWNTIME), breaches: est(BREACHES), downtimeHours: est(HOURS) };
  };
  const effective = (p: Profile) => canonicalProfile(effectiveProfile(p, lead).profile);

  const stepFrom = (before: Reach, s: OpenStep): Step => {
    const after = canonicalProfile(applyStep(before.profile, s));
    const c = stepCost(costs, s);
    const annual = annualCost(c);
    const avoided = (f: number) => estimate(paired(sample(before.key, f), sample(after, f)));
    const loss = paired(sample(before.key, LOSS), sample(after, LOSS));
    const lossAvoided = estimate(loss);
    const net = estimate(paired(sample(before.key, LOSS), sample(after, LOSS), -annual));
    const rosi: Estimate = { mean: round((loss.mean() - annual) / annual), ci95: lossAvoided.ci95 && [round((lossAvoided.ci95[0] - annual) / annual), round((lossAvoided.ci95[1] - annual) / annual)] };
    return {
      domain: s.domain,
      from: s.from,
      to: s.to,
      before: before.key,
      after,
      afterEffective: effective(applyStep(before.profile, s)),
      cost: { oneOff: c.oneOff, perYear: c.perYear, annual: round(annual), source: c.source, from: c.from },
      lossAvoided,
      downtimeAvoided: avoided(DOWNTIME),
      breachesAvoided: avoided(BREACHES),
      downtimeHoursAvoided: avoided(HOURS),
      perDollar: round(loss.mean() / annual),
      rosi,
      net,
    };
  };

  /** The open steps from a profile that stay within the limits, with the profile each reaches. */
  const openFrom = (r: Reach) => nextSteps(r.profile, lead).open.flatMap((s) => {
    const key = canonicalProfile(applyStep(r.profile, s));
    return index.has(key) ? [{ s, key }] : [];
  });
  /** Net value of `a` minus that of `b`, year by year. */
  const netDifference = (a: string, b: string) => paired(sample(b, LOSS), sample(a, LOSS), annualOf.get(b)! - annualOf.get(a)!);

  // The first steps, best first (net value; domain order breaks ties).
  const first = openFrom(start)
    .map(({ s, key }) => ({ s, key, v: value(key) }))
    .sort((a, b) => b.v - a.v || DOMAINS.indexOf(a.s.domain) - DOMAINS.indexOf(b.s.domain));
  const candidates: Candidate[] = first.map((c, i) => ({ ...stepFrom(start, c.s), rank: i + 1 }));
  const firstRanking: Ranking =
    first.length >= 2
      ? ranking(netDifference(first[0]!.key, first[1]!.key), { domain: first[0]!.s.domain, to: first[0]!.s.to }, { domain: first[1]!.s.domain, to: first[1]!.s.to })
      : { stable: true, ...(first[0] ? { best: { domain: first[0].s.domain, to: first[0].s.to } } : {}) };

  // The plan: searched over every reachable profile.
  const plan_ = searchPlan(reach, lead, value);
  const greedy = greedyPlan(reach, lead, value);
  const byKey = new Map(reach.map((r) => [r.key, r]));
  const roadmap: RoadmapStep[] = [];
  let at = start;
  plan_.steps.forEach((s, i) => {
    const next = byKey.get(canonicalProfile(applyStep(at.profile, s)))!;
    const total = costBetween(costs, start.profile, next.profile);
    const alternatives = openFrom(at).filter((o) => o.key !== next.key).sort((a, b) => value(b.key) - value(a.key) || DOMAINS.indexOf(a.s.domain) - DOMAINS.indexOf(b.s.domain));
    const alt = alternatives[0];
    let rank: Ranking = { stable: true, best: { domain: s.domain, to: s.to } };
    if (alt) {
      rank = ranking(netDifference(next.key, alt.key), { domain: s.domain, to: s.to }, { domain: alt.s.domain, to: alt.s.to });
      if (value(next.key) < value(alt.key)) rank.reason = `chosen for the steps it opens or leads to: on its own, raising ${alt.s.domain} to ${alt.s.to} is worth more a year`;
    }
    roadmap.push({
      ...stepFrom(at, s),
      index: i + 1,
      cumulative: {
        lossAvoided: estimate(paired(sample(start.key, LOSS), sample(next.key, LOSS))),
        oneOff: total.oneOff,
        perYear: total.perYear,
        annualCost: round(total.annual),
        net: estimate(netOf(next.key)),
        firstYearSpend: total.firstYearSpend,
      },
      ranking: rank,
    });
    at = next;
  });

  const end = byKey.get(plan_.end)!;
  const endCost = annualOf.get(end.key)!;
  const endLoss = paired(sample(start.key, LOSS), sample(end.key, LOSS));
  const endAvoided = estimate(endLoss);
  const others = reach.filter((r) => r.key !== end.key).sort((a, b) => value(b.key) - value(a.key) || a.depth - b.depth || (a.key < b.key ? -1 : 1));
  const ru = others[0];
  const endRanking = ru ? settled(netDifference(end.key, ru.key)) : { stable: true };
  const maxDepth = Math.max(...reach.map((r) => r.depth));
  const stopped =
    roadmap.length >= plan.limits.steps
      ? undefined
      : maxDepth > roadmap.length
        ? roadmap.length === 0
          ? 'no step is worth its cost: every open step costs more a year than the loss it avoids'
          : 'a further step would cost more a year than the loss it avoids'
        : plan.limits.budget !== undefined && maxDepth < plan.limits.steps
          ? 'no further step fits the budget and the caps'
          : 'no further step is open (every domain at level 5 or held back by a foundation)';

  return {
    kind: 'imsim-advice',
    version: ADVICE_RESULT_VERSION,
    org: { id: org.id, name: org.name, file: org.file },
    seed: plan.seed,
    years: acc.replications,
    calibration: { hash: plan.calibration.hash, overridden: [...plan.calibration.overridden] },
    foundationLead: lead,
    amortizationYears: AMORTIZATION_YEARS,
    limits: { steps: plan.limits.steps, budget: plan.limits.budget ?? null },
    from: { name: plan.start.name, profile: start.key, effective: effective(start.profile), loss: lossOf(start.key) },
    candidates,
    ranking: firstRanking,
    blocked: nextSteps(start.profile, lead).blocked,
    roadmap,
    end: {
      profile: end.key,
      effective: effective(end.profile),
      loss: lossOf(end.key),
      lossAvoided: endAvoided,
      annualCost: round(endCost),
      net: estimate(netOf(end.key)),
      rosi: end.depth === 0 ? { mean: 0, ci95: null } : { mean: round((endLoss.mean() - endCost) / endCost), ci95: endAvoided.ci95 && [round((endAvoided.ci95[0] - endCost) / endCost), round((endAvoided.ci95[1] - endCost) / endCost)] },
    },
    ...(stopped ? { stopped } : {}),
    search: {
      reachable: reach.length,
      evaluated: reach.length,
      greedy: { profile: greedy.end, net: round(value(greedy.end)), steps: greedy.steps.length },
      ranking: { ...endRanking, best: end.key, ...(ru ? { runnerUp: ru.key } : {}) },
      method:
        'every profile reachable within the steps, the budget and the caps is simulated on the same years; the end is the one of highest net annual value ' +
        '(loss avoided minus annual cost), and the order of steps to it the one that delivers the most along the way',
    },
    assumptions: {
      loss: 'annual loss = downtime cost (full-outage-equivalent hours times the service\'s cost per hour) plus breach cost, over the simulated years; loss avoided is paired year by year against the profile before (common random numbers)',
      cost: `a step's annual cost is its running cost plus its one-off cost spread over ${AMORTIZATION_YEARS} years; costs from the organization's improvementCosts, else the shipped table (each entry says its source)`,
      budget: 'the budget limits the first-year spend of the whole plan: the one-off costs plus a year of running costs',
      objective: 'net annual value = loss avoided - annual cost; ROSI = net annual value / annual cost',
      caps: `a step is open when the raised domain stands at most ${lead} level(s) above every domain it builds on (002, do not skip levels)`,
    },
  };
}
