// The experiment function: replications of a model at every profile with common random
// numbers, summed into mergeable data. The order in which blocks of replications arrive
// changes nothing; deltas are paired replication by replication; kept samples land at
// their replication. And src/experiment, src/advise import only the layers below them.
import { readFileSync, readdirSync } from 'node:fs';
import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { ExperimentAccumulator, replicate, runExperiment, type Replicable } from '../../src/experiment/index.js';

/** A toy model: figure 0 is a draw keyed by (seed, replication) only, plus the profile; figure 1 its square. */
function toy(seed: number): Replicable<number> {
  return {
    size: 2,
    play(profile, r, out, offset) {
      const u = (Math.imul(seed ^ (r * 0x9e3779b1), 0x85ebca6b) >>> 0) / 2 ** 32;
      out[offset] = u * 10 + profile;
      out[offset + 1] = (u * 10 + profile) ** 2;
    },
  };
}

describe('the experiment function', () => {
  fcTest.prop([fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 2, max: 60 }), fc.integer({ min: 1, max: 7 })])(
    'blocks in any order give the same sums as one run (seed %s, %s replications, blocks of %s)',
    (seed, n, block) => {
      const m = toy(seed);
      const profiles = [0, 1, 3];
      const whole = runExperiment(m, profiles, n, { keep: [0] });
      const acc = new ExperimentAccumulator(profiles.length, m.size, { figures: [0], replications: n });
      const starts = Array.from({ length: Math.ceil(n / block) }, (_, i) => i * block).reverse();
      for (const s of starts) acc.addBlock(replicate(m, profiles, s, Math.min(n, s + block)), s);
      expect(JSON.stringify(acc.toJSON()), `seed ${seed}`).toBe(JSON.stringify(whole.toJSON()));
      expect([...acc.samples[2]![0]!]).toEqual([...whole.samples[2]![0]!]);
    },
  );

  it('pairs replication r at every profile: the toy model differs by the profile only, so deltas have no spread', () => {
    const acc = runExperiment(toy(5), [0, 1, 3], 20);
    expect(acc.deltas[1]![0]!.mean()).toBeCloseTo(1, 12);
    expect(acc.deltas[2]![0]!.mean()).toBeCloseTo(3, 12);
    const ci = acc.deltas[2]![0]!.ci95();
    expect(ci[1] - ci[0]).toBeLessThan(1e-9);
    // Unpaired, the same difference is as noisy as the draws.
    const spread = acc.figures[0]![0]!.ci95();
    expect(spread[1] - spread[0]).toBeGreaterThan(0.5);
  });

  it('keeps samples at their replication, and merges accumulators of disjoint replications', () => {
    const m = toy(9);
    const a = new ExperimentAccumulator(2, 2, { figures: [1], replications: 4 });
    const b = new ExperimentAccumulator(2, 2, { figures: [1], replications: 4 });
    a.addBlock(replicate(m, [0, 2], 0, 2), 0);
    b.addBlock(replicate(m, [0, 2], 2, 4), 2);
    a.merge(b);
    const whole = runExperiment(m, [0, 2], 4, { keep: [1] });
    expect([...a.samples[1]![0]!]).toEqual([...whole.samples[1]![0]!]);
    expect(a.replications).toBe(4);
    expect(() => a.add(new Float64Array(4), 0, 9)).toThrow(/outside the kept range/);
  });
});

const importsOf = (text: string) => [...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);

describe.each([
  ['experiment', /^\.\.\/(model|calibration|sim|stats|util)\//],
  ['advise', /^\.\.\/(model|calibration|org|sim|stats|experiment|year|util)\//],
])('src/%s', (dir, allowed) => {
  it('imports only the layers below it, and no node: module or package', () => {
    const root = new URL(`../../src/${dir}/`, import.meta.url);
    const bad: string[] = [];
    for (const f of (readdirSync(root) as string[]).filter((x) => x.endsWith('.ts'))) {
      for (const spec of importsOf(readFileSync(new URL(f, root), 'utf8'))) if (!spec.startsWith('./') && !allowed.test(spec)) bad.push(`src/${dir}/${f} imports ${spec}`);
    }
    expect(bad).toEqual([]);
  });
});
