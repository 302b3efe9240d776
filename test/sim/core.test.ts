// The engine's building blocks: the event queue, the calendar, the random streams, and
// the distributions drawn through the calibration table.
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { normalQuantile, sampler } from '../../src/calibration/index.js';
import { Calendar, parseWallClock } from '../../src/sim/environment/calendar.js';
import { EventQueue } from '../../src/sim/environment/queue.js';
import seedrandom from 'seedrandom';
import { Streams, streamSeed, Tyche } from '../../src/sim/environment/rng.js';

describe('the event queue', () => {
  test.prop([fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 3 })))])(
    'pops by time, then priority, then the order things were scheduled',
    (items) => {
      const q = new EventQueue();
      const popped: number[] = [];
      items.forEach(([t, p], i) => q.push(t, p, () => popped.push(i)));
      for (let e = q.pop(); e; e = q.pop()) e.fire();
      const expected = items.map((it, i) => [...it, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]).map((x) => x[2]);
      expect(popped).toEqual(expected);
    },
  );
});

describe('the calendar', () => {
  const settings = { dayStart: 9, dayEnd: 17, windowDay: 5, windowStart: 2, windowHours: 4 };
  it('reads weekday and time, and rejects anything else', () => {
    expect(parseWallClock('Mon 00:00')).toBe(0);
    expect(parseWallClock('Tue 02:30')).toBe(1440 + 150);
    for (const bad of ['Monday 10:00', 'Mon 24:00', 'Mon 9:00', 'mon 10:00', '']) expect(parseWallClock(bad)).toBeUndefined();
  });

  it('a ticket logged at 02:00 on a Tuesday waits until 09:00; one on Friday evening until Monday', () => {
    const tue = new Calendar(parseWallClock('Tue 02:00')!, settings);
    expect(tue.isBusinessHours(0)).toBe(false);
    expect(tue.nextBusinessStart(0)).toBe(7 * 60);
    const fri = new Calendar(parseWallClock('Fri 18:30')!, settings);
    expect(fri.format(fri.nextBusinessStart(0))).toBe('Mon 09:00 +3d');
  });

  it('a business day starting a fraction of a minute after midnight: the next start is always inside business hours', () => {
    // Found by the override fuzz: businessDayStart 0.0019 hours rounded, through the week's
    // modulo, to a hair before the start, and a wait for business hours never ended.
    for (const dayStart of [0.001, 0.0019, 0.0036886, 1e-9]) {
      const c = new Calendar(parseWallClock('Tue 10:00')!, { ...settings, dayStart });
      for (let t = 0; t < 7 * 1440; t += 97.3) expect(c.isBusinessHours(c.nextBusinessStart(t)), `dayStart ${dayStart}, t ${t}`).toBe(true);
    }
  });

  it('the weekly change window opens on Saturday at 02:00 and stays open four hours', () => {
    const wed = new Calendar(parseWallClock('Wed 10:00')!, settings);
    expect(wed.format(wed.nextWindow(0))).toBe('Sat 02:00 +3d');
    const sat = new Calendar(parseWallClock('Sat 03:00')!, settings);
    expect(sat.nextWindow(0)).toBe(0);
    expect(sat.format(sat.nextWindow(4 * 60))).toBe('Sat 02:00 +7d');
  });

  it('formats times before the onset with a negative day offset', () => {
    const c = new Calendar(parseWallClock('Mon 22:00')!, settings);
    expect(c.format(-3360)).toBe('Sat 14:00 -2d');
  });

  it('shows the nearest minute, as the rounded minute column beside it does, across midnight too', () => {
    const c = new Calendar(parseWallClock('Sat 23:59')!, settings);
    expect(c.format(9.4)).toBe('Sun 00:08 +1d');
    expect(c.format(9.6)).toBe('Sun 00:09 +1d');
    expect(c.format(0.6)).toBe('Sun 00:00 +1d');
    expect(c.format(0.4)).toBe('Sat 23:59');
  });
});

describe('random streams', () => {
  it('are keyed by seed, scenario, replication and purpose, and nothing else', () => {
    const a = new Streams(1, 'x', 5).get('p');
    const b = new Streams(1, 'x', 5).get('p');
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
    const seeds = new Set([streamSeed(1, 'x', 5, 'p'), streamSeed(2, 'x', 5, 'p'), streamSeed(1, 'y', 5, 'p'), streamSeed(1, 'x', 6, 'p'), streamSeed(1, 'x', 5, 'q')]);
    expect(seeds.size).toBe(5);
  });

  test.prop([fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 1e6 })])('seeds are 53-bit integers', (master, rep) => {
    const s = streamSeed(master, 'scenario', rep, 'purpose');
    expect(Number.isSafeInteger(s)).toBe(true);
    expect(s).toBeGreaterThanOrEqual(0);
  });

  // The generator is seedrandom's tychei written out for speed: it must give the very
  // same numbers, or every golden summary and every saved sweep would move.
  test.prop([fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.string({ maxLength: 12 }), fc.integer({ min: 0, max: 1e7 }), fc.string({ maxLength: 40 })], {
    numRuns: 300,
  })('are seedrandom tychei streams, number for number', (master, scenario, rep, purpose) => {
    const seed = streamSeed(master, scenario, rep, purpose);
    const ref = seedrandom.tychei(seed as unknown as string);
    const fast = new Tyche(seed);
    const viaStreams = new Streams(master, scenario, rep);
    for (let i = 0; i < 8; i++) {
      const x = ref();
      expect(fast.next()).toBe(x);
      expect(viaStreams.uniform(purpose)).toBe(x);
    }
  });
});

describe('distributions', () => {
  it('the normal quantile matches known values', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.05)).toBeCloseTo(-1.644854, 5);
  });

  it('a lognormal given by its 90% interval has those percentiles', () => {
    const s = sampler({ kind: 'lognormal90', p5: 10, p95: 240 });
    expect(s.quantile(0.05)).toBeCloseTo(10, 5);
    expect(s.quantile(0.95)).toBeCloseTo(240, 3);
    expect(s.quantile(0.5)).toBeCloseTo(Math.sqrt(2400), 5);
  });

  test.prop([fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.1, max: 100, noNaN: true })])(
    'PERT quantiles are monotone, stay in [min, max] and reach both ends',
    (min, modeFrac, width) => {
      const max = min + width;
      const mode = min + modeFrac * width;
      const s = sampler({ kind: 'pert', min, mode, max });
      let prev = -Infinity;
      for (let u = 0; u < 1; u += 1 / 64) {
        const x = s.quantile(u);
        expect(x).toBeGreaterThanOrEqual(prev);
        expect(x).toBeGreaterThanOrEqual(min);
        expect(x).toBeLessThanOrEqual(max);
        prev = x;
      }
      expect(s.quantile(0)).toBe(min);
    },
  );

  it('a PERT sample has the PERT mean', () => {
    const s = sampler({ kind: 'pert', min: 5, mode: 20, max: 90 });
    let sum = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) sum += s.quantile((i + 0.5) / n);
    expect(sum / n).toBeCloseTo((5 + 4 * 20 + 90) / 6, 1);
  });

  it('a weighted choice picks by cumulative weight', () => {
    const s = sampler({ kind: 'choice', weights: { a: 1, b: 3 } });
    expect(s.quantile(0.2)).toBe(0);
    expect(s.quantile(0.3)).toBe(1);
  });
});
