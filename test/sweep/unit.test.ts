// A sweep's numbers must not depend on how its replications were cut: any split into
// blocks, summed in any order, gives the very same summary state (and so the same
// bytes on disk) as one pass over every replication; and the sweep's flat accumulator
// holds exactly what a stats Cell holds.
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { defaultCalibration } from '../../src/calibration/index.js';
import type { Metrics } from '../../src/sim/metrics.js';
import { Cell, type MetricName } from '../../src/stats/index.js';
import { Accumulator, cellState, packMetrics, runUnit } from '../../src/sweep/index.js';
import { arbProfile } from '../support/arbitraries.js';
import { builtinScenarios } from '../support/scenarios.js';

const cal = defaultCalibration();
const scenarios = builtinScenarios();
const RUNS = 40;

describe('sweep units', () => {
  test.prop(
    [
      fc.constantFrom(...scenarios),
      arbProfile,
      fc.integer({ min: 0, max: 2 ** 32 - 1 }),
      fc.uniqueArray(fc.integer({ min: 1, max: RUNS - 1 }), { maxLength: 6 }),
      fc.integer(),
      fc.option(arbProfile, { nil: undefined }),
    ],
    { numRuns: 25 },
  )('any cut of the replications, merged in any order, gives the same state as one pass, paired with a baseline or not', (scenario, profile, seed, cuts, order, baseline) => {
    const whole = cellState(runUnit(scenario, profile, cal, seed, 0, RUNS, baseline));
    expect(whole.deltas === undefined).toBe(baseline === undefined);
    const bounds = [0, ...[...cuts].sort((a, b) => a - b), RUNS];
    const pieces = bounds.slice(1).map((end, i) => runUnit(scenario, profile, cal, seed, bounds[i]!, end, baseline));
    const shuffled = fc.sample(fc.shuffledSubarray(pieces, { minLength: pieces.length, maxLength: pieces.length }), { seed: order, numRuns: 1 })[0]!;
    const merged = shuffled[0]!;
    for (const p of shuffled.slice(1)) merged.merge(p);
    expect(JSON.stringify(cellState(merged))).toBe(JSON.stringify(whole));
  });
});

describe('the sweep accumulator', () => {
  const arbMetrics = fc.record({
    incident: fc.constantFrom(0, 1),
    mttd: fc.double({ min: 0, max: 1e5, noNaN: true }),
    mtta: fc.double({ min: 0, max: 1e5, noNaN: true }),
    mttr: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e6, noNaN: true })),
    close: fc.double({ min: 0, max: 1e6, noNaN: true }),
    disruption: fc.double({ min: 0, max: 1e7, noNaN: true }),
    // Beyond the dense bucket range on both sides, to cover the sparse overflow.
    cost: fc.oneof(fc.double({ min: 0, max: 1e9, noNaN: true }), fc.constantFrom(1e-4, 3e14, 2e-5)),
    detectedBy: fc.constantFrom('user', 'external', 'monitoring', 'anomaly', 'automation', 'none') as fc.Arbitrary<Metrics['detectedBy']>,
  });
  const names: MetricName[] = ['mttd', 'mtta', 'mttr', 'disruption', 'cost', 'incident'];

  test.prop([fc.array(fc.tuple(arbMetrics, arbMetrics), { maxLength: 80 }), fc.nat({ max: 80 }), fc.boolean()])(
    'adds and merges exactly as a stats Cell does, paired deltas included, and packs and unpacks without loss',
    (pairs, cut, paired) => {
      const ms = pairs.map(([m]) => m);
      const base = (i: number) => (paired ? pairs[i]![1] : undefined);
      const cell = new Cell(names, paired);
      ms.forEach((m, i) => cell.add(m, base(i)));
      const a = new Accumulator(names, paired);
      const b = new Accumulator(names, paired);
      ms.forEach((m, i) => (i < cut ? a : b).add(m, base(i)));
      const merged = new Accumulator(names, paired);
      merged.addPacked(b.pack());
      merged.addPacked(a.pack());
      const expected = JSON.stringify(cellState(cell));
      expect(JSON.stringify(cellState(merged.toCell()))).toBe(expected);
      // The baseline as a worker keeps it: packed flat, read at each replication's offset.
      const packed = new Accumulator(names, paired);
      const flat = packMetrics(pairs.map(([, b]) => b), names);
      ms.forEach((m, i) => packed.add(m, paired ? flat : undefined, i * names.length));
      expect(JSON.stringify(cellState(packed.toCell()))).toBe(expected);
      const viaCell = new Accumulator(names, paired);
      viaCell.addCell(cell);
      expect(JSON.stringify(cellState(viaCell.toCell()))).toBe(expected);
      // Reset leaves nothing behind.
      a.reset();
      ms.forEach((m, i) => a.add(m, base(i)));
      expect(JSON.stringify(cellState(a.toCell()))).toBe(expected);
    },
  );
});
