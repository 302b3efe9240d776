// Comparisons a chunk of replications at a time, for a display that must stay live
// while they run. Summaries merge exactly (exact sums, integer sketch buckets), so the
// merged result is the same whatever the chunk size: the dashboard's final table equals
// `imsim compare` without it.
import type { Profile } from '../model/index.js';
import type { Scenario } from '../sim/scenario.js';
import type { CompareOptions, ScenarioComparison } from '../stats/index.js';
import { compareScenario } from './compare.js';

/** Adds `part`'s replications (same scenario and profiles) into `into`. */
export function mergeComparison(into: ScenarioComparison, part: ScenarioComparison): void {
  into.results.forEach((r, i) => r.cell.merge(part.results[i]!.cell));
  into.deltas.forEach((d, j) => {
    for (const [name, s] of d.metrics) s.merge(part.deltas[j]!.metrics.get(name)!);
  });
}

export interface ChunkUpdate {
  /** Which scenario (index into the list given). */
  index: number;
  /** Everything run so far for that scenario, merged. */
  comparison: ScenarioComparison;
  /** Replications done for that scenario. */
  done: number;
}

/**
 * Runs each scenario's replications in chunks, yielding the merged comparison after each
 * and giving the event loop a turn between chunks (so keys and redraws get through).
 */
export async function* compareInChunks(
  scenarios: readonly Scenario[],
  profiles: readonly Profile[],
  opts: Omit<CompareOptions, 'from' | 'progress'> & { chunk: number },
): AsyncGenerator<ChunkUpdate> {
  for (const [index, scenario] of scenarios.entries()) {
    let merged: ScenarioComparison | undefined;
    for (let from = 0; from < opts.runs; from += opts.chunk) {
      const runs = Math.min(opts.chunk, opts.runs - from);
      const part = compareScenario(scenario, profiles, { ...opts, runs, from });
      if (merged) mergeComparison(merged, part);
      else merged = part;
      yield { index, comparison: merged, done: from + runs };
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
}
