// A sweep's numbers must not depend on how its replications were cut: any split into
// blocks, summed in any order, gives the very same summary state (and so the same
// bytes on disk) as one pass over every replication.
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { defaultCalibration } from '../../src/calibration/index.js';
import { cellState, runUnit } from '../../src/sweep/index.js';
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
    ],
    { numRuns: 25 },
  )('any cut of the replications, merged in any order, gives the same state as one pass', (scenario, profile, seed, cuts, order) => {
    const whole = cellState(runUnit(scenario, profile, cal, seed, 0, RUNS));
    const bounds = [0, ...[...cuts].sort((a, b) => a - b), RUNS];
    const pieces = bounds.slice(1).map((end, i) => runUnit(scenario, profile, cal, seed, bounds[i]!, end));
    const shuffled = fc.sample(fc.shuffledSubarray(pieces, { minLength: pieces.length, maxLength: pieces.length }), { seed: order, numRuns: 1 })[0]!;
    const merged = shuffled[0]!;
    for (const p of shuffled.slice(1)) merged.merge(p);
    expect(JSON.stringify(cellState(merged))).toBe(JSON.stringify(whole));
  });
});
