// Decision policies: how a tabletop (or a replay) answers a scenario's decision points.
import { describe, expect, it } from 'vitest';
import { defaultCalibration } from '../../src/calibration/index.js';
import { uniformProfile, type Level } from '../../src/model/index.js';
import { simulate, type DecisionPolicy } from '../../src/sim/engine.js';
import { builtinScenarios } from '../support/scenarios.js';

const cal = defaultCalibration();
const scenarios = builtinScenarios();
const loadScenario = (id: string) => scenarios.find((s) => s.id === id)!;
const LEVELS: Level[] = [1, 2, 3, 4, 5];

describe('a decision policy', () => {
  it('that always returns null gives exactly the log of a run without a policy (calibrated behaviour)', () => {
    for (const scenario of scenarios) {
      const id = scenario.id;
      for (const level of LEVELS) {
        for (const seed of [1, 2, 3]) {
          const opts = { seed, replication: 0, calibration: cal };
          const plain = simulate(scenario, uniformProfile(level), opts);
          const silent = simulate(scenario, uniformProfile(level), { ...opts, policy: () => null });
          expect(silent.log, `${id} at ${level}, seed ${seed}`).toEqual(plain.log);
          expect(silent.pending).toBeUndefined();
        }
      }
    }
  });

  it('that returns undefined stops the run at the first decision, with the options open and greyed', () => {
    const scenario = loadScenario('suspicious-login-2am');
    const r = simulate(scenario, uniformProfile(1), { seed: 3, replication: 0, calibration: cal, policy: () => undefined });
    expect(r.pending?.point.id).toBe('night-alert');
    expect(r.pending?.options.map((o) => [o.id, o.open])).toEqual([
      ['page', false],
      ['morning', true],
    ]);
    expect(r.pending?.options[0]?.reason).toMatch(/no on-call cover below level 2/);
  });

  it('answering the first k decisions gives a log whose prefix is the run stopped at decision k', () => {
    const scenario = loadScenario('db-plugin-cpu-spike');
    const answers: string[] = [];
    const upTo = (k: number): DecisionPolicy => {
      let i = 0;
      return (r) => (i < k ? (answers[i++] ??= r.options.find((o) => o.open)!.id) : undefined);
    };
    const full = simulate(scenario, uniformProfile(2), { seed: 5, replication: 0, calibration: cal, policy: upTo(99) });
    expect(full.pending).toBeUndefined();
    for (let k = 0; k < answers.length; k++) {
      const partial = simulate(scenario, uniformProfile(2), { seed: 5, replication: 0, calibration: cal, policy: upTo(k) });
      expect(partial.pending).toBeDefined();
      expect(full.log.slice(0, partial.log.length)).toEqual(partial.log);
    }
  });
});
