// A mergeable quantile sketch for non-negative values (DDSketch's log buckets): each
// value lands in bucket ceil(log_g(x)) with g = (1 + a) / (1 - a), and a quantile read
// back is within relative error `a` of the true one. Buckets are integer counts, so
// merging sketches is exact and order-independent, and memory stays bounded.

/** Relative accuracy of every percentile imsim reports. */
export const SKETCH_ACCURACY = 0.005;
/** Values below this count as zero (a millisecond, in minutes). */
const ZERO = 1e-5;

const GAMMA = (1 + SKETCH_ACCURACY) / (1 - SKETCH_ACCURACY);
const LOG_GAMMA = Math.log(GAMMA);

/**
 * The bucket a value lands in, or undefined for a value counted as zero. The one
 * definition, shared by Sketch.add and by accumulators that count buckets themselves.
 */
export function sketchBucket(x: number): number | undefined {
  if (!(x >= 0) || !Number.isFinite(x)) throw new Error(`Sketch: ${x} is not a finite non-negative value`);
  return x < ZERO ? undefined : Math.ceil(Math.log(x) / LOG_GAMMA);
}

export class Sketch {
  zeros = 0;
  count = 0;
  /** Bucket index to count. */
  readonly buckets = new Map<number, number>();

  add(x: number): void {
    const i = sketchBucket(x);
    this.count++;
    if (i === undefined) {
      this.zeros++;
      return;
    }
    this.buckets.set(i, (this.buckets.get(i) ?? 0) + 1);
  }

  merge(other: Sketch): void {
    this.count += other.count;
    this.zeros += other.zeros;
    for (const [i, c] of other.buckets) this.buckets.set(i, (this.buckets.get(i) ?? 0) + c);
  }

  private sorted(): [number, number][] {
    return [...this.buckets].sort((a, b) => a[0] - b[0]);
  }

  /** The representative value of bucket i: within SKETCH_ACCURACY of everything in it. */
  static valueOf(i: number): number {
    return (2 * Math.pow(GAMMA, i)) / (GAMMA + 1);
  }

  /** The q-quantile (0..1), by the lower rank convention q * (n - 1). */
  quantile(q: number): number {
    if (this.count === 0) return NaN;
    const rank = q * (this.count - 1);
    let seen = this.zeros;
    if (rank < seen) return 0;
    for (const [i, c] of this.sorted()) {
      seen += c;
      if (rank < seen) return Sketch.valueOf(i);
    }
    return Sketch.valueOf(this.sorted().at(-1)![0]);
  }

  /** Probability that a value exceeds x (to the sketch's accuracy). */
  exceedance(x: number): number {
    if (this.count === 0) return NaN;
    let above = 0;
    for (const [i, c] of this.buckets) if (Sketch.valueOf(i) > x) above += c;
    return above / this.count;
  }

  /** Counts per bucket in ascending value order, for histograms. */
  histogram(): { value: number; count: number }[] {
    const out = this.zeros ? [{ value: 0, count: this.zeros }] : [];
    return out.concat(this.sorted().map(([i, c]) => ({ value: Sketch.valueOf(i), count: c })));
  }

  toJSON(): { zeros: number; buckets: [number, number][] } {
    return { zeros: this.zeros, buckets: this.sorted() };
  }

  static fromJSON(j: { zeros: number; buckets: [number, number][] }): Sketch {
    const s = new Sketch();
    s.zeros = j.zeros;
    s.count = j.zeros;
    for (const [i, c] of j.buckets) {
      s.buckets.set(i, c);
      s.count += c;
    }
    return s;
  }
}
