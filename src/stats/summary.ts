// Streaming summaries of one metric: exact count, sum and sum of squares (order-free),
// min and max, and a sketch for percentiles. Constant memory, mergeable, serializable.
import { ExactSum } from './exact-sum.js';
import { Sketch } from './sketch.js';

export interface Stats {
  n: number;
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  /** 95% confidence interval of the mean (Student's t); NaN at both ends below two runs. */
  ci95: [number, number];
}

/** Two-sided 97.5% quantiles of Student's t for 1..30 degrees of freedom. */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101,
  2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];
/** The normal's 97.5% quantile. */
const Z975 = 1.959963984540054;

/** t quantile for df degrees of freedom: the table, then the Cornish-Fisher expansion. */
export function t975(df: number): number {
  if (df < 1) return NaN;
  if (df <= T975.length) return T975[df - 1]!;
  const z = Z975;
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  return z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3);
}

export class Summary {
  n = 0;
  readonly sum = new ExactSum();
  readonly sumSq = new ExactSum();
  min = Infinity;
  max = -Infinity;
  /** Only for non-negative metrics (deltas can be negative and have no sketch). */
  readonly sketch: Sketch | undefined;

  constructor(withSketch = true) {
    this.sketch = withSketch ? new Sketch() : undefined;
  }

  add(x: number): void {
    this.n++;
    this.sum.add(x);
    this.sumSq.add(x * x);
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
    this.sketch?.add(x);
  }

  merge(o: Summary): void {
    this.n += o.n;
    this.sum.merge(o.sum);
    this.sumSq.merge(o.sumSq);
    this.min = Math.min(this.min, o.min);
    this.max = Math.max(this.max, o.max);
    if (this.sketch && o.sketch) this.sketch.merge(o.sketch);
  }

  mean(): number {
    return this.n ? this.sum.value() / this.n : NaN;
  }

  /** Sample variance from the exact sums (rounded once). */
  variance(): number {
    if (this.n < 2) return NaN;
    const s = this.sum.value();
    const v = (this.sumSq.value() - (s * s) / this.n) / (this.n - 1);
    return Math.max(0, v);
  }

  /**
   * The 95% interval of the mean; NaN at both ends with fewer than two runs, where the
   * spread is unknown (shown as n/a, written as null in JSON and left empty in CSV).
   */
  ci95(): [number, number] {
    const m = this.mean();
    if (this.n < 2) return [NaN, NaN];
    const half = t975(this.n - 1) * Math.sqrt(this.variance() / this.n);
    return [m - half, m + half];
  }

  stats(): Stats {
    return {
      n: this.n,
      mean: this.mean(),
      p50: this.sketch?.quantile(0.5) ?? NaN,
      p90: this.sketch?.quantile(0.9) ?? NaN,
      p95: this.sketch?.quantile(0.95) ?? NaN,
      ci95: this.ci95(),
    };
  }

  toJSON() {
    return {
      n: this.n,
      sum: this.sum.toJSON(),
      sumSq: this.sumSq.toJSON(),
      min: this.min,
      max: this.max,
      ...(this.sketch ? { sketch: this.sketch.toJSON() } : {}),
    };
  }

  static fromJSON(j: ReturnType<Summary['toJSON']>): Summary {
    const s = new Summary(Boolean(j.sketch));
    s.n = j.n;
    s.sum.merge(ExactSum.fromJSON(j.sum));
    s.sumSq.merge(ExactSum.fromJSON(j.sumSq));
    s.min = j.min ?? Infinity;
    s.max = j.max ?? -Infinity;
    if (j.sketch && s.sketch) s.sketch.merge(Sketch.fromJSON(j.sketch));
    return s;
  }
}
