// Invariants of the simulator, over random valid scenarios, profiles and seeds.
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { defaultCalibration } from '../../src/calibration/index.js';
import { simulate } from '../../src/sim/engine.js';
import { metricsOf } from '../../src/sim/metrics.js';
import { arbProfile } from '../support/arbitraries.js';
import { arbAnyScenario, arbScenario } from '../support/scenarios.js';

const cal = defaultCalibration();
const arbSeed = fc.integer({ min: 0, max: 2 ** 31 - 1 });
const arbRep = fc.integer({ min: 0, max: 100_000 });

describe('the simulator', () => {
  test.prop([arbAnyScenario, arbProfile, arbSeed, arbRep], { numRuns: 400 })(
    'every replication terminates with 0 <= mttd <= mtta <= mttr <= close and non-negative disruption and cost',
    (scenario, profile, seed, replication) => {
      const r = simulate(scenario, profile, { seed, replication, calibration: cal });
      expect(r.pending).toBeUndefined();
      const m = metricsOf(r, scenario, 5600);
      expect(0).toBeLessThanOrEqual(m.mttd);
      expect(m.mttd).toBeLessThanOrEqual(m.mtta);
      expect(m.mtta).toBeLessThanOrEqual(m.mttr);
      expect(m.mttr).toBeLessThanOrEqual(m.close);
      expect(m.disruption).toBeGreaterThanOrEqual(0);
      expect(m.cost).toBeGreaterThanOrEqual(0);
      if (m.incident) expect(r.log.some((e) => e.kind === 'step' && e.machine === 'incident' && e.to === 'closed')).toBe(true);
    },
  );

  test.prop([arbScenario.filter((s) => Boolean(s.attack)), arbProfile, arbSeed, arbRep], { numRuns: 300 })(
    'no attacker stage happens once the attacker is contained',
    (scenario, profile, seed, replication) => {
      const r = simulate(scenario, profile, { seed, replication, calibration: cal });
      const containedAt = r.log.find(
        (e) => e.kind === 'step' && e.machine === 'incident' && (e.event === 'CONTAINED' || e.tags.includes('restored')),
      )?.t;
      for (const e of r.log) {
        if (e.kind !== 'stage') continue;
        if (containedAt !== undefined && e.t >= containedAt) expect(e.happened, `${e.id} at ${e.t}, contained at ${containedAt}`).toBe(false);
      }
      const m = metricsOf(r, scenario, 5600);
      if (m.exfiltration) {
        const exfil = r.log.find((e) => e.kind === 'stage' && e.flag === 'exfiltration' && e.happened)!;
        expect(exfil.t).toBeLessThan(m.mttc! + (r.faultStart ?? 0));
      }
    },
  );

  // Generated and shipped scenarios alike, so a scenario that mixes a fault and an attack
  // is covered as soon as there is one (the generator makes them once the format allows).
  test.prop([arbAnyScenario.filter((s) => s.change?.role !== 'subject'), arbProfile, arbProfile, arbSeed, arbRep], { numRuns: 300 })(
    'common random numbers: replication i sees the same fault and attacker timeline at every profile',
    (scenario, a, b, seed, replication) => {
      const timeline = (p: typeof a, kind: 'phase' | 'stage') =>
        simulate(scenario, p, { seed, replication, calibration: cal })
          .log.filter((e) => e.kind === kind)
          .map((e) => [e.kind, e.t]);
      expect(timeline(a, 'stage')).toEqual(timeline(b, 'stage'));
      // A fault that an attacker stage starts (ransomware's encryption) never begins where
      // the attacker was contained first: the phases that happen at both are at the same times.
      const [pa, pb] = [timeline(a, 'phase'), timeline(b, 'phase')];
      const both = Math.min(pa.length, pb.length);
      expect(pa.slice(0, both)).toEqual(pb.slice(0, both));
      if (!scenario.attack?.stages.some((st) => st.startsFault)) expect(pa).toEqual(pb);
    },
  );

  // The actor is slow: fewer runs for it.
  const references = [
    { stepper: 'xstate', runs: 60, title: 'the compiled tables and XState itself drive the engine to the same log' },
    { stepper: 'actor', runs: 30, title: 'the compiled tables and a live XState actor per lifecycle (what the bench compares) give the same log' },
  ] as const;
  for (const { stepper, runs, title } of references) {
    test.prop([arbScenario, arbProfile, arbSeed, arbRep], { numRuns: runs })(title, (scenario, profile, seed, replication) => {
      const fast = simulate(scenario, profile, { seed, replication, calibration: cal, stepper: 'compiled' });
      const ref = simulate(scenario, profile, { seed, replication, calibration: cal, stepper });
      expect(fast.log).toEqual(ref.log);
    });
  }

  test.prop([arbScenario, arbProfile, arbSeed, arbRep], { numRuns: 100 })('same inputs, same log', (scenario, profile, seed, replication) => {
    const run = () => JSON.stringify(simulate(scenario, profile, { seed, replication, calibration: cal }).log);
    expect(run()).toBe(run());
  });
});
