// A metric's distribution at several profiles on shared bins, for a horizontal
// histogram: bin edges on a "nice" ladder (durations in familiar steps, other values in
// 1-2-5 steps) spaced roughly geometrically, because these metrics are skewed (most
// restorations take hours, a few take days).
import type { MetricName } from '../stats/compare.js';
import type { Sketch } from '../stats/sketch.js';
import { formatMetric } from './compare.js';

export interface Histogram {
  labels: string[];
  /** Share of runs in each bin, per profile: shares[profile][bin]. */
  shares: number[][];
}

const RATES = new Set<MetricName>(['incident', 'compromise', 'lateralMovement', 'exfiltration']);
const TIMES = new Set<MetricName>(['mttd', 'mtta', 'mttr', 'mttc', 'close', 'leadTime']);
const TIME_LADDER = [1, 2, 5, 10, 15, 30, 60, 120, 240, 480, 720, 1440, 2880, 4320, 7200, 10080, 20160, 43200, 86400, 172800, 525600];
const DECIMAL_LADDER = Array.from({ length: 15 }, (_, k) => [1, 2, 5].map((m) => m * 10 ** (k - 2))).flat();

/** Ladder durations are whole days, hours or minutes: `2d`, `4h`, `15m`. */
function roundDuration(m: number): string {
  if (m >= 1440 && m % 1440 === 0) return `${m / 1440}d`;
  if (m >= 60 && m % 60 === 0) return `${m / 60}h`;
  return `${Math.round(m)}m`;
}

export function histogramOf(metric: MetricName, sketches: readonly Sketch[], bins = 8): Histogram {
  if (RATES.has(metric)) {
    return { labels: ['no', 'yes'], shares: sketches.map((s) => (s.count ? [s.zeros / s.count, 1 - s.zeros / s.count] : [0, 0])) };
  }
  const hi = Math.max(0, ...sketches.filter((s) => s.count).map((s) => s.quantile(0.99)));
  if (!(hi > 0)) return { labels: ['0'], shares: sketches.map((s) => [s.count ? 1 : 0]) };
  const positive = sketches.flatMap((s) => s.histogram().filter((b) => b.value > 0).slice(0, 1).map((b) => b.value));
  const lo = Math.max(Math.min(...positive, ...sketches.filter((s) => s.count).map((s) => s.quantile(0.02) || hi)), hi / 1e4);
  const ladder = TIMES.has(metric) ? TIME_LADDER : DECIMAL_LADDER;
  let edges = ladder.filter((e) => e > lo && e < hi);
  if (edges.length === 0) edges = [ladder.find((e) => e >= hi) ?? hi];
  const step = Math.ceil(edges.length / (bins - 1));
  if (step > 1) edges = edges.filter((_, i) => (edges.length - 1 - i) % step === 0);
  const f = (x: number) => (TIMES.has(metric) ? roundDuration(x) : formatMetric(metric, x));
  const labels = [`< ${f(edges[0]!)}`, ...edges.slice(1).map((e, i) => `${f(edges[i]!)}-${f(e)}`), `>= ${f(edges.at(-1)!)}`];
  const shares = sketches.map((s) => {
    const counts = new Array<number>(labels.length).fill(0);
    for (const b of s.histogram()) {
      let i = 0;
      while (i < edges.length && b.value >= edges[i]!) i++;
      counts[i]! += b.count;
    }
    return counts.map((c) => (s.count ? c / s.count : 0));
  });
  return { labels, shares };
}
