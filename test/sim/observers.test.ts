// Observers: metrics streamed from the world while it runs (what sweeps use, keeping no
// log) equal the metrics read back from the kept log, for any scenario, profile and seed.
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { defaultCalibration } from '../../src/calibration/index.js';
import { simulate, simulateMetrics } from '../../src/sim/engine.js';
import { metricsOf } from '../../src/sim/metrics.js';
import { arbProfile } from '../support/arbitraries.js';
import { arbScenario } from '../support/scenarios.js';

const cal = defaultCalibration();
const arbSeed = fc.integer({ min: 0, max: 2 ** 31 - 1 });
const arbRep = fc.integer({ min: 0, max: 100_000 });
const arbCost = fc.double({ min: 0, max: 10_000, noNaN: true });

describe('streamed metrics', () => {
  test.prop([arbScenario, arbProfile, arbSeed, arbRep, arbCost], { numRuns: 500 })(
    'equal the metrics read from the log of the same replication',
    (scenario, profile, seed, replication, cost) => {
      const opts = { seed, replication, calibration: cal };
      expect(simulateMetrics(scenario, profile, opts, cost)).toEqual(metricsOf(simulate(scenario, profile, opts), scenario, cost));
    },
  );

  test.prop([arbScenario, arbProfile, arbSeed, arbRep], { numRuns: 40 })('equal them under XState itself too', (scenario, profile, seed, replication) => {
    const opts = { seed, replication, calibration: cal, stepper: 'xstate' as const };
    expect(simulateMetrics(scenario, profile, opts, 100)).toEqual(metricsOf(simulate(scenario, profile, opts), scenario, 100));
  });
});
