// Profiles compared on one scenario, through the experiment function: a replication's
// figures are the scenario's metrics (metricsFor) and the channel that detected it (one
// figure per channel, 1 for the one that did), so the experiment's sums give the
// per-metric summaries, the paired deltas against the first profile and the detection
// counts the comparison reports.
import type { Profile } from '../model/index.js';
import { simulateMetrics, type StepperKind } from '../sim/engine.js';
import { CHANNELS, type Channel } from '../sim/metrics.js';
import type { Scenario } from '../sim/scenario.js';
import { Cell, costPerMinute, metricsFor, serviceCost, Summary, type CompareOptions, type MetricName, type OrgServiceCost, type ScenarioComparison } from '../stats/index.js';
import type { Calibration } from '../calibration/index.js';
import { ExperimentAccumulator, replicate, type Replicable } from './index.js';

/** Detection channels in figure order: every channel, then none. */
const DETECTED: readonly (Channel | 'none')[] = [...CHANNELS, 'none'];
const DETECTED_INDEX = new Map(DETECTED.map((c, i) => [c, i]));

/** A scenario as the experiment's model: its metrics, then one figure per detection channel. */
export function scenarioReplicable(
  scenario: Scenario,
  calibration: Calibration,
  seed: number,
  stepper: StepperKind = 'compiled',
  orgCost?: OrgServiceCost,
): Replicable<Profile> & { names: MetricName[] } {
  const names = metricsFor(scenario);
  const k = names.length;
  const costs = new Map<Profile, number>();
  return {
    names,
    size: k + DETECTED.length,
    play(profile, replication, out, offset) {
      let cost = costs.get(profile);
      if (cost === undefined) costs.set(profile, (cost = costPerMinute(scenario, calibration, profile, orgCost)));
      const m = simulateMetrics(scenario, profile, { seed, replication, calibration, stepper }, cost);
      for (let j = 0; j < k; j++) out[offset + j] = m[names[j]!] ?? 0;
      out[offset + k + DETECTED_INDEX.get(m.detectedBy)!] = 1;
    },
  };
}

/** Replications per block: progress after each block, and memory bounded whatever --runs. */
const BLOCK = 100;

/** Runs replications [from, from + runs) of a scenario at every profile, paired. */
export function compareScenario(scenario: Scenario, profiles: readonly Profile[], opts: CompareOptions): ScenarioComparison {
  const model = scenarioReplicable(scenario, opts.calibration, opts.seed, opts.stepper ?? 'compiled', opts.orgCost);
  const names = model.names;
  const acc = new ExperimentAccumulator(profiles.length, model.size);
  const start = opts.from ?? 0;
  for (let r = start; r < start + opts.runs; r += BLOCK) {
    const end = Math.min(start + opts.runs, r + BLOCK);
    acc.addBlock(replicate(model, profiles, r, end), r);
    opts.progress?.(end - start);
  }
  const results = profiles.map((profile, p) => {
    const cell = new Cell(names);
    names.forEach((n, j) => cell.metrics.set(n, acc.figures[p]![j]!));
    DETECTED.forEach((c, i) => {
      const count = acc.figures[p]![names.length + i]!.sum.value();
      if (count) cell.detectedBy.set(c, count);
    });
    return { profile, cell };
  });
  const deltas = profiles.slice(1).map((to, i) => ({
    from: profiles[0]!,
    to,
    metrics: new Map<MetricName, Summary>(names.map((n, j) => [n, acc.deltas[i + 1]![j]!] as const)),
  }));
  return { scenario, cost: serviceCost(scenario, opts.calibration, profiles[0]!, opts.orgCost), metrics: names, results, deltas };
}
