// The advisor: from a starting profile, which domain to raise one level next, what each
// step avoids in annual loss (paired against the starting profile over the same simulated
// years) and what it costs, and a roadmap searched over the profiles reachable in K steps
// inside the "do not skip levels" caps and a budget. Pure: plans and results as data; the
// years themselves come from the experiment function through the caller. May import
// model, calibration, org, stats, experiment and year.
export * from './types.js';
export { AMORTIZATION_YEARS, annualCost, applyStep, ceilingOf, costBetween, nextSteps, reachable, stepCost, type Limits, type OpenStep, type Reach } from './steps.js';
export { bestEnd, bestOrder, greedyPlan, searchPlan, type Plan } from './search.js';
export { advicePlan, adviceResult, adviseInThread, KEPT, type AdvicePlan } from './advise.js';
