// Histogram bins for the dashboard: shared across profiles, nice edges, shares that add up.
import { describe, expect, it } from 'vitest';
import { histogramOf } from '../../src/report/histogram.js';
import { Sketch } from '../../src/stats/sketch.js';

const sketch = (values: number[]) => {
  const s = new Sketch();
  for (const v of values) s.add(v);
  return s;
};

describe('a histogram of a metric at several profiles', () => {
  it('puts durations on shared, familiar edges, and each profile\'s shares add up to 1', () => {
    const slow = sketch(Array.from({ length: 200 }, (_, i) => 600 + i * 20)); // 10h to ~3d
    const fast = sketch(Array.from({ length: 200 }, (_, i) => 10 + i)); // 10m to 3h30
    const h = histogramOf('mttr', [slow, fast]);
    expect(h.labels.length).toBeLessThanOrEqual(8);
    expect(h.labels[0]).toMatch(/^< /);
    expect(h.labels.at(-1)).toMatch(/^>= /);
    for (const shares of h.shares) expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    // The fast profile sits in the low bins, the slow one in the high bins.
    const centre = (s: number[]) => s.reduce((a, x, i) => a + x * i, 0);
    expect(centre(h.shares[1]!)).toBeLessThan(centre(h.shares[0]!));
  });

  it('shows a yes/no metric as two bins, and a metric that is always zero as one', () => {
    expect(histogramOf('exfiltration', [sketch([0, 1, 1, 1])])).toEqual({ labels: ['no', 'yes'], shares: [[0.25, 0.75]] });
    expect(histogramOf('disruption', [sketch([0, 0]), sketch([0])])).toEqual({ labels: ['0'], shares: [[1], [1]] });
  });
});
