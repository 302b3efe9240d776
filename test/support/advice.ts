// An advisor's result for tests of the report's roadmap: the shape `imsim advise --json`
// prints (src/advise/types.ts), with round figures, so the waterfall can be checked
// before and apart from the advisor's own numbers.
import type { AdviceResult, RoadmapStep } from '../../src/advise/index.js';
import type { YearResult } from '../../src/year/index.js';

function step(i: number, domain: RoadmapStep['domain'], from: 1 | 2 | 3 | 4, avoided: number): RoadmapStep {
  const est = (m: number) => ({ mean: m, ci95: [m * 0.8, m * 1.2] as [number, number] });
  const cost = { oneOff: 100_000, perYear: 50_000, annual: 83_333, source: 'judgement: test', from: 'default' as const };
  return {
    index: i + 1,
    domain,
    from,
    to: (from + 1) as 2 | 3 | 4 | 5,
    before: 'b',
    after: 'a',
    afterEffective: 'a',
    cost,
    lossAvoided: est(avoided),
    downtimeAvoided: est(avoided / 2),
    breachesAvoided: est(avoided / 2),
    downtimeHoursAvoided: est(10),
    perDollar: avoided / cost.annual,
    rosi: est((avoided - cost.annual) / cost.annual),
    net: est(avoided - cost.annual),
    cumulative: { lossAvoided: est(avoided), oneOff: 0, perYear: 0, annualCost: 0, net: est(avoided), firstYearSpend: 0 },
    ranking: { stable: i === 0 },
  };
}

/** A two-step roadmap for the organization of a year result (the advisor's output shape, figures made up for rendering tests). */
export function adviceFor(year: Pick<YearResult, 'org' | 'calibration' | 'profiles'>): AdviceResult {
  const loss = { total: { mean: 3_000_000, ci95: [2_800_000, 3_200_000] as [number, number], p50: 2_900_000, p90: 4_000_000 }, downtime: { mean: 1, ci95: null }, breaches: { mean: 1, ci95: null }, downtimeHours: { mean: 1, ci95: null } };
  const roadmap = [step(0, 'secOps', 1, 900_000), step(1, 'change', 2, 400_000)];
  return {
    kind: 'imsim-advice',
    version: 1,
    org: year.org,
    seed: 5,
    years: 4,
    calibration: year.calibration,
    foundationLead: 1,
    amortizationYears: 3,
    limits: { steps: 2, budget: null },
    from: { name: 'today', profile: year.profiles[0]!.profile, effective: year.profiles[0]!.effective, loss },
    candidates: [],
    ranking: { stable: true },
    blocked: [],
    roadmap,
    end: { profile: 'p', effective: 'p', loss, lossAvoided: { mean: 1_300_000, ci95: [1_000_000, 1_600_000] }, annualCost: 166_666, net: { mean: 1_133_334, ci95: null }, rosi: { mean: 6.8, ci95: null } },
    search: { reachable: 10, evaluated: 10 },
    assumptions: { loss: '', cost: '', budget: '', objective: '', caps: '' },
  } as unknown as AdviceResult;
}

