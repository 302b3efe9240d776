// The statistics must not depend on how work was split: exact sums, integer sketches.
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { ExactSum, SKETCH_ACCURACY, Sketch, Summary, t975 } from '../../src/stats/index.js';

const values = fc.array(fc.double({ min: 0, max: 1e7, noNaN: true }), { minLength: 1, maxLength: 300 });

describe('ExactSum', () => {
  it('keeps what naive float addition loses', () => {
    const s = new ExactSum();
    [1e100, 1, -1e100, 1e-3].forEach((x) => s.add(x));
    expect(s.value()).toBe(1.001);
    expect(1e100 + 1 - 1e100 + 1e-3).not.toBe(1.001);
  });

  /** The values summed in one pass, and shuffled (by `seed`) into two sums split every `k`-th value, then merged. */
  function bothWays(xs: number[], seed: number, k: number): { whole: ExactSum; merged: ExactSum } {
    const shuffled = fc.sample(fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length }), { seed, numRuns: 1 })[0]!;
    const whole = new ExactSum();
    xs.forEach((x) => whole.add(x));
    const merged = new ExactSum();
    const other = new ExactSum();
    shuffled.forEach((x, i) => (i % k ? other : merged).add(x));
    merged.merge(other);
    return { whole, merged };
  }

  test.prop([fc.array(fc.double({ min: -1e12, max: 1e12, noNaN: true })), fc.integer()])(
    'the sum is the same in any order and any split',
    (xs, seed) => {
      const { whole, merged } = bothWays(xs, seed, 2);
      expect(merged.value()).toBe(whole.value());
      expect(ExactSum.fromJSON(whole.toJSON()).value()).toBe(whole.value());
    },
  );

  // Sweep outputs carry the sums themselves (so shards can be merged later); they must be
  // byte-identical whatever the order the values came in.
  test.prop([fc.array(fc.double({ min: -1e300, max: 1e300, noNaN: true })), fc.integer()])(
    'serializes to the same canonical partials in any order and any split, and reads back exactly',
    (xs, seed) => {
      const { whole: a, merged } = bothWays(xs, seed, 3);
      expect(merged.toJSON()).toEqual(a.toJSON());
      const back = ExactSum.fromJSON(a.toJSON());
      expect(back.value()).toBe(a.value());
      expect(back.toJSON()).toEqual(a.toJSON());
      // The first canonical partial (the largest) is the rounded sum itself.
      expect(a.toJSON().at(-1) ?? 0).toBe(a.value());
    },
  );
});

describe('Sketch', () => {
  test.prop([values, fc.constantFrom(0.5, 0.9, 0.95, 0.99)])(
    `every quantile is within ${SKETCH_ACCURACY * 100}% of the exact one`,
    (xs, q) => {
      const s = new Sketch();
      xs.forEach((x) => s.add(x));
      const exact = [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))]!;
      const got = s.quantile(q);
      if (exact < 1e-5) expect(got).toBe(0);
      else expect(Math.abs(got - exact) / exact).toBeLessThanOrEqual(SKETCH_ACCURACY + 1e-12);
    },
  );

  test.prop([values, values])('merging two sketches equals sketching everything at once', (a, b) => {
    const one = new Sketch();
    [...a, ...b].forEach((x) => one.add(x));
    const left = new Sketch();
    const right = new Sketch();
    a.forEach((x) => left.add(x));
    b.forEach((x) => right.add(x));
    right.merge(left);
    expect(right.toJSON()).toEqual(one.toJSON());
  });

  it('reads a loss exceedance probability', () => {
    const s = new Sketch();
    for (let i = 1; i <= 100; i++) s.add(i * 1000);
    expect(s.exceedance(90_000)).toBeCloseTo(0.1, 1);
    expect(s.exceedance(1e9)).toBe(0);
  });
});

describe('Summary', () => {
  test.prop([values, fc.integer({ min: 0, max: 300 })])('a split summary merges back to exactly the same statistics', (xs, cut) => {
    const whole = new Summary();
    xs.forEach((x) => whole.add(x));
    const a = new Summary();
    const b = new Summary();
    xs.forEach((x, i) => (i < cut ? a : b).add(x));
    const merged = Summary.fromJSON(JSON.parse(JSON.stringify(b.toJSON())));
    merged.merge(Summary.fromJSON(JSON.parse(JSON.stringify(a.toJSON()))));
    expect(merged.stats()).toEqual(whole.stats());
  });

  it('gives the textbook interval for a small sample', () => {
    const s = new Summary();
    [2, 4, 4, 4, 5, 5, 7, 9].forEach((x) => s.add(x));
    expect(s.mean()).toBe(5);
    expect(s.variance()).toBeCloseTo(32 / 7, 12);
    const [lo, hi] = s.ci95();
    expect(hi - lo).toBeCloseTo(2 * 2.365 * Math.sqrt(32 / 7 / 8), 6);
  });

  it("uses Student's t for small samples and approaches the normal for large ones", () => {
    expect(t975(1)).toBe(12.706);
    expect(t975(30)).toBe(2.042);
    expect(t975(60)).toBeCloseTo(2.0003, 3);
    expect(t975(1000)).toBeCloseTo(1.9623, 3);
  });
});
