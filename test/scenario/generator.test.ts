// The scenario generator the simulator's properties run on: valid scenarios of every kind
// the format allows, and mixed fault-and-attack ones from the day the format accepts them.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CORPUS_SEED } from '../support/arbitraries.js';
import { arbAnyScenario, arbScenario, MIXED_SCENARIOS_ALLOWED, mixedRefusal } from '../support/scenarios.js';

const sample = fc.sample(arbScenario, { seed: CORPUS_SEED, numRuns: 400 });
const kindOf = (s: (typeof sample)[number]) =>
  s.fault && s.attack ? 'mixed' : s.change ? `change ${s.change.role}` : s.attack ? 'attack' : 'fault';

describe('the scenario generator', () => {
  it('makes every kind: a fault, an attack, a causing change, a subject change', () => {
    const kinds = new Set(sample.map(kindOf));
    for (const k of ['fault', 'attack', 'change cause', 'change subject']) expect(kinds.has(k), k).toBe(true);
  });

  it('makes mixed fault-and-attack scenarios exactly when the format allows them', () => {
    // The probe must be refused for being mixed and for nothing else, or the guard would stay shut for the wrong reason.
    if (!MIXED_SCENARIOS_ALLOWED) expect(mixedRefusal()).toMatch(/^probe-mixed\.yaml:\d+ attack: give a fault or an attack, not both$/);
    expect(sample.some((s) => kindOf(s) === 'mixed')).toBe(MIXED_SCENARIOS_ALLOWED);
  });

  it('mixes in the shipped scenarios', () => {
    const ids = new Set(fc.sample(arbAnyScenario, { seed: CORPUS_SEED, numRuns: 400 }).map((s) => s.id));
    expect([...ids].filter((id) => !id.startsWith('generated-')).length).toBeGreaterThan(5);
  });
});
