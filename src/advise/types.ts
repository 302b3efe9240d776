// The advisor's result as plain data: what `imsim advise --json` prints and what every
// renderer (text, the leaders' report's waterfall) formats without computing anything.
import type { Domain, Level } from '../model/index.js';

/** Bumped when AdviceResult's shape changes incompatibly. */
export const ADVICE_RESULT_VERSION = 1;

/** A mean over simulated years with its 95% interval (Student's t over years). */
export interface Estimate {
  mean: number;
  /** null below two years, where the spread is unknown. */
  ci95: [number, number] | null;
}

/** The price of a step, from the organization's cost table. */
export interface StepCost {
  /** Dollars once. */
  oneOff: number;
  /** Dollars every year after. */
  perYear: number;
  /** perYear + oneOff / amortizationYears: what the step costs a year, set against the loss it avoids. */
  annual: number;
  /** The table's source: a published figure or `judgement: <reason>`. */
  source: string;
  /** `default` (the shipped table) or `organization` (the org file's own entry). */
  from: 'default' | 'organization';
}

/** Annual loss of a profile over the simulated years, split by kind. */
export interface AnnualLoss {
  /** Downtime and breaches together. */
  total: Estimate & { p50: number; p90: number };
  downtime: Estimate;
  breaches: Estimate;
  downtimeHours: Estimate;
}

/** One level in one domain, from a profile. */
export interface Step {
  domain: Domain;
  from: Level;
  to: Level;
  /** The profile before the step and after it (canonical form), and what the latter delivers after caps. */
  before: string;
  after: string;
  afterEffective: string;
  cost: StepCost;
  /**
   * Annual loss the step avoids against the profile before it: that profile's loss minus
   * this one's, year by year on the same simulated years (common random numbers).
   */
  lossAvoided: Estimate;
  downtimeAvoided: Estimate;
  breachesAvoided: Estimate;
  downtimeHoursAvoided: Estimate;
  /** lossAvoided.mean / cost.annual: dollars of loss avoided per dollar spent a year. */
  perDollar: number;
  /** (loss avoided - annual cost) / annual cost, with the interval of the loss avoided carried through. */
  rosi: Estimate;
  /** lossAvoided - cost.annual: what the step is worth a year, net. */
  net: Estimate;
}

/** A candidate next step, ranked by net annual value. */
export interface Candidate extends Step {
  /** 1 = best. */
  rank: number;
}

/** A step the "do not skip levels" caps rule out from this profile. */
export interface BlockedStep {
  domain: Domain;
  to: Level;
  /** The foundation that is too low, and the level it needs first. */
  because: Domain;
  needs: Level;
}

/** Whether the best choice at a point beats the runner-up beyond noise. */
export interface Ranking {
  /** True when the best's net value exceeds the runner-up's with a paired 95% interval above zero. */
  stable: boolean;
  best?: { domain: Domain; to: Level };
  runnerUp?: { domain: Domain; to: Level };
  /** Best minus runner-up, net annual value, paired over the same years. */
  difference?: Estimate;
  /**
   * Simulated years that would make the interval of the difference exclude zero at the
   * difference seen so far (an estimate: (t * sd / mean)^2); absent when already stable or
   * when the difference is zero.
   */
  yearsToSettle?: number;
  /** Why a roadmap step was chosen although an alternative is worth more on its own. */
  reason?: string;
}

/** Whether the plan's end beats the next best reachable profile beyond noise. */
export interface EndRanking {
  /** True when the end's net value exceeds the runner-up's with a paired 95% interval above zero. */
  stable: boolean;
  /** The end profile and the next best reachable profile (canonical form). */
  best: string;
  runnerUp?: string;
  /** End minus runner-up, net annual value, paired over the same years. */
  difference?: Estimate;
  /** Simulated years that would settle it (as in Ranking). */
  yearsToSettle?: number;
}

/** A roadmap step: a step and where the plan stands once it is in place. */
export interface RoadmapStep extends Step {
  /** 1..K */
  index: number;
  /** The whole plan so far against the starting profile. */
  cumulative: {
    lossAvoided: Estimate;
    oneOff: number;
    perYear: number;
    annualCost: number;
    net: Estimate;
    /** What the plan so far spends in its first year: one-off costs plus a year of running costs (what --budget limits). */
    firstYearSpend: number;
  };
  /** How this step compares with the other steps open at the same point. */
  ranking: Ranking;
}

export interface AdviceResult {
  kind: 'imsim-advice';
  version: number;
  org: { id: string; name: string; file: string };
  seed: number;
  years: number;
  calibration: { hash: string; overridden: readonly string[] };
  /** How far a domain may stand above a domain it builds on (calibration `model.foundationLead`). */
  foundationLead: number;
  /** Years over which a one-off cost is spread in a step's annual cost. */
  amortizationYears: number;
  /** The limits asked for: steps at most, and first-year spend at most (dollars). */
  limits: { steps: number; budget: number | null };
  from: { name: string; profile: string; effective: string; loss: AnnualLoss };
  /** The steps open from the starting profile, best first. */
  candidates: Candidate[];
  /** Whether the first choice is settled. */
  ranking: Ranking;
  /** Steps the caps rule out from the starting profile. */
  blocked: BlockedStep[];
  /** The plan, step by step; empty when no step is worth its cost or none fits the budget. */
  roadmap: RoadmapStep[];
  /** Where the plan ends. */
  end: { profile: string; effective: string; loss: AnnualLoss; lossAvoided: Estimate; annualCost: number; net: Estimate; rosi: Estimate };
  /** Why the roadmap has fewer steps than asked, when it has. */
  stopped?: string;
  search: {
    /** Profiles reachable from the start within the step and budget limits (the start included). */
    reachable: number;
    /** Profiles simulated. */
    evaluated: number;
    /** The profile a greedy plan (best next step each time) ends at, and its net annual value. */
    greedy: { profile: string; net: number; steps: number };
    /** Whether the end is settled against the next best reachable profile. */
    ranking: EndRanking;
    /** How the plan was chosen, in a sentence. */
    method: string;
  };
  /** What the figures assume, said once so every renderer can quote it. */
  assumptions: { loss: string; cost: string; budget: string; objective: string; caps: string };
}
