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

  // Python's math.fsum cases: each needs the correction that rounds half to even when the
  // partials left over push an exact tie one way.
  it.each([
    [[1e16, 1, 1e-16], 1.0000000000000002e16],
    [[1e-16, 1, 1e16], 1.0000000000000002e16],
    [[2 ** 53, -0.5, -(2 ** -54)], 2 ** 53 - 1],
    [[2 ** 53, 1, 2 ** -100], 2 ** 53 + 2],
    [[2 ** 53 + 10, 1, 2 ** -100], 2 ** 53 + 12],
    [[2 ** 53 - 4, 0.5, 2 ** -54], 2 ** 53 - 3],
    [[...Array.from({ length: 1000 }, (_, i) => 1.7 ** (i + 1) - 1.7 ** i), -(1.7 ** 1000)], -1],
    // A tie pushed back by a remainder of the other sign rounds the other way.
    [[2 ** 53, 1, -(2 ** -100)], 2 ** 53],
    [[2 ** 53, -0.5, 2 ** -54], 2 ** 53],
  ])('rounds the exact sum of %j correctly, to %d', (xs, sum) => {
    const s = new ExactSum();
    xs.forEach((x) => s.add(x));
    expect(s.value()).toBe(sum);
  });

  it('an empty sum is 0, a sum that cancels is +0, and a non-finite value is refused', () => {
    expect(new ExactSum().value()).toBe(0);
    const s = new ExactSum();
    [-0, -0].forEach((x) => s.add(x));
    expect(Object.is(s.value(), 0)).toBe(true);
    expect(new ExactSum().toJSON()).toEqual([]);
    expect(() => new ExactSum().add(Infinity)).toThrow(/Infinity is not finite/);
    expect(() => new ExactSum().add(NaN)).toThrow(/NaN is not finite/);
  });

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

  it('reads quantiles by the lower rank q(n-1), counts values below a thousandth of a second as zero, and refuses negatives', () => {
    const s = new Sketch();
    [0, 0.000001, 10, 20, 30].forEach((x) => s.add(x));
    expect(s.count).toBe(5);
    expect(s.zeros).toBe(2);
    expect(s.quantile(0)).toBe(0);
    expect(s.quantile(0.25)).toBe(0); // rank 1: the second zero
    expect(s.quantile(0.5) / 10).toBeCloseTo(1, 2); // rank 2
    expect(s.quantile(0.74) / 10).toBeCloseTo(1, 2); // rank 2.96, still the third value
    expect(s.quantile(0.75) / 20).toBeCloseTo(1, 2); // rank 3
    expect(s.quantile(1) / 30).toBeCloseTo(1, 2);
    expect(new Sketch().quantile(0.5)).toBeNaN();
    expect(new Sketch().exceedance(1)).toBeNaN();
    expect(() => s.add(-1)).toThrow(/-1 is not a finite non-negative value/);
    expect(() => s.add(Infinity)).toThrow(/not a finite/);
    expect(s.histogram().map((h) => h.count)).toEqual([2, 1, 1, 1]);
    expect(s.histogram()[0]).toEqual({ value: 0, count: 2 });
    expect(Sketch.fromJSON(s.toJSON()).toJSON()).toEqual(s.toJSON());
    expect(Sketch.fromJSON(s.toJSON()).count).toBe(5);
  });

  test.prop([fc.double({ min: 1e-4, max: 1e9, noNaN: true })])('a value and its bucket\'s representative are within the accuracy', (x) => {
    const s = new Sketch();
    s.add(x);
    expect(Math.abs(s.quantile(0.5) - x) / x).toBeLessThanOrEqual(SKETCH_ACCURACY + 1e-12);
  });

  it('a value of exactly a thousandth of a second is not zero; a histogram without zeros starts at the smallest value', () => {
    const s = new Sketch();
    [1e-5, 5].forEach((x) => s.add(x));
    expect(s.zeros).toBe(0);
    expect(s.quantile(0)).toBeGreaterThan(0);
    expect(s.histogram().map((h) => h.count)).toEqual([1, 1]);
    expect(s.histogram()[0]!.value / 1e-5).toBeCloseTo(1, 2);
  });

  it('counts only values strictly above x as exceeding it', () => {
    const s = new Sketch();
    [100, 100, 200].forEach((x) => s.add(x));
    expect(s.exceedance(s.quantile(0))).toBeCloseTo(1 / 3, 12);
    expect(s.exceedance(s.quantile(1))).toBe(0);
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
    expect(t975(0)).toBeNaN();
    expect(t975(1)).toBe(12.706);
    expect(t975(2)).toBe(4.303);
    expect(t975(30)).toBe(2.042);
    // Beyond the table, the expansion: published quantiles to within 5e-6.
    for (const [df, t] of [
      [31, 2.039513446],
      [40, 2.02107539],
      [60, 2.000297821],
      [120, 1.979930405],
    ] as const) {
      expect(t975(df), `df ${df}`).toBeCloseTo(t, 5);
    }
    expect(t975(1e9)).toBeCloseTo(1.959963985, 8);
  });

  it('keeps the count, the smallest and the largest value, and reads back what it wrote', () => {
    const s = new Summary();
    expect(s.mean()).toBeNaN();
    expect(s.variance()).toBeNaN();
    s.add(3);
    // One run has no spread: its interval is not defined (shown as n/a, null in JSON, empty in CSV).
    expect(s.ci95()).toEqual([NaN, NaN]);
    expect(s.variance()).toBeNaN();
    [7, 1, 5].forEach((x) => s.add(x));
    expect([s.n, s.min, s.max]).toEqual([4, 1, 7]);
    const back = Summary.fromJSON(JSON.parse(JSON.stringify(s.toJSON())));
    expect([back.n, back.min, back.max, back.mean()]).toEqual([4, 1, 7, 4]);
    expect(back.stats()).toEqual(s.stats());
    const signed = new Summary(false);
    [-2, 2].forEach((x) => signed.add(x));
    expect(signed.sketch).toBeUndefined();
    expect(signed.stats().p50).toBeNaN();
    expect(Summary.fromJSON(JSON.parse(JSON.stringify(signed.toJSON()))).toJSON()).toEqual(signed.toJSON());
    const empty = Summary.fromJSON(JSON.parse(JSON.stringify(new Summary().toJSON())));
    expect([empty.min, empty.max]).toEqual([Infinity, -Infinity]);
  });

  it('two values are enough for a variance and an interval', () => {
    const s = new Summary();
    [1, 3].forEach((x) => s.add(x));
    expect(s.variance()).toBe(2);
    expect(s.ci95()).toEqual([2 - 12.706 * Math.sqrt(2 / 2), 2 + 12.706 * Math.sqrt(2 / 2)]);
  });

  it('a variance that rounding would make negative is zero', () => {
    const s = new Summary();
    for (let i = 0; i < 3; i++) s.add(0.1);
    expect(s.variance()).toBeGreaterThanOrEqual(0);
    expect(s.ci95()[1]).toBeGreaterThanOrEqual(s.ci95()[0]);
  });
});
