// A cell's statistics as a sweep keeps them while it runs: the very numbers a stats Cell
// holds (count, exact sums of values and squares, min, max, integer sketch buckets,
// detection counts), in flat arrays that are reused, cheap to add to and cheap to send
// between threads. A Cell's Map-based sketch allocates as it goes; at a million
// lifecycles that garbage, promoted and collected on every thread, was most of a
// sweep's memory. `toCell` gives the Cell (for rendering and checkpoints); a property
// test checks the two ways of adding give the same state.
import type { Metrics } from '../sim/metrics.js';
import { CHANNELS } from '../sim/metrics.js';
import { Cell, ExactSum, sketchBucket, Summary, type MetricName } from '../stats/index.js';

/** Buckets [-OFFSET, SPAN - OFFSET) are counted densely: values from 1e-5 to beyond 1e12. */
const OFFSET = 1280;
const SPAN = 4096;
/** Detection channels in the order they are counted and written. */
export const DETECTED = [...CHANNELS, 'none'] as const;
const DETECTED_INDEX = new Map<string, number>(DETECTED.map((c, i) => [c, i]));

/** Per metric, in the cell's order: canonical partials of the sum and of the sum of squares, min and max. */
export interface PackedMoments {
  sums: number[][];
  sumSqs: number[][];
  min: number[];
  max: number[];
}

/** A unit's statistics as a worker hands them back (plain arrays: cheap structured clone). */
export interface Packed extends PackedMoments {
  n: number;
  zeros: number[];
  /** Per metric: [bucket, count, bucket, count, ...] in ascending bucket order. */
  buckets: Int32Array[];
  /** Counts by DETECTED. */
  detected: number[];
  /** With a baseline: the paired differences' moments (signed: no buckets). */
  deltas?: PackedMoments;
}

type SummaryJson = ReturnType<Summary['toJSON']>;

/**
 * Replications' metrics as one flat array, `names.length` values a replication in the
 * accumulator's order: what a worker keeps of a baseline block (objects cost ten times more).
 */
export function packMetrics(ms: readonly Metrics[], names: readonly MetricName[]): Float64Array {
  const out = new Float64Array(ms.length * names.length);
  ms.forEach((m, i) => names.forEach((n, j) => (out[i * names.length + j] = m[n] ?? 0)));
  return out;
}

/** Per metric: exact sums of values and of squares, min and max. The metrics' own, and the paired deltas'. */
class Moments {
  private sums: ExactSum[] = [];
  private sumSqs: ExactSum[] = [];
  private readonly min: Float64Array;
  private readonly max: Float64Array;

  constructor(private readonly k: number) {
    this.min = new Float64Array(k);
    this.max = new Float64Array(k);
    this.reset();
  }

  reset(): void {
    this.sums = Array.from({ length: this.k }, () => new ExactSum());
    this.sumSqs = Array.from({ length: this.k }, () => new ExactSum());
    this.min.fill(Infinity);
    this.max.fill(-Infinity);
  }

  add(j: number, x: number): void {
    this.sums[j]!.add(x);
    this.sumSqs[j]!.add(x * x);
    if (x < this.min[j]!) this.min[j] = x;
    if (x > this.max[j]!) this.max[j] = x;
  }

  addPacked(p: PackedMoments): void {
    for (let j = 0; j < this.k; j++) {
      for (const x of p.sums[j]!) this.sums[j]!.add(x);
      for (const x of p.sumSqs[j]!) this.sumSqs[j]!.add(x);
      if (p.min[j]! < this.min[j]!) this.min[j] = p.min[j]!;
      if (p.max[j]! > this.max[j]!) this.max[j] = p.max[j]!;
    }
  }

  pack(): PackedMoments {
    return { sums: this.sums.map((x) => x.canonical()), sumSqs: this.sumSqs.map((x) => x.canonical()), min: [...this.min], max: [...this.max] };
  }

  /** The moments of Summaries, in packed form. */
  static ofSummaries(summaries: readonly SummaryJson[]): PackedMoments {
    return {
      sums: summaries.map((s) => s.sum),
      sumSqs: summaries.map((s) => s.sumSq),
      min: summaries.map((s) => s.min ?? Infinity),
      max: summaries.map((s) => s.max ?? -Infinity),
    };
  }

  /** Metric j of packed moments as a Summary (with a sketch for the metrics, without for deltas). */
  static summary(p: PackedMoments, j: number, n: number, sketch?: SummaryJson['sketch']): Summary {
    return Summary.fromJSON({ n, sum: p.sums[j]!, sumSq: p.sumSqs[j]!, min: p.min[j]!, max: p.max[j]!, ...(sketch ? { sketch } : {}) });
  }
}

export class Accumulator {
  n = 0;
  private readonly moments: Moments;
  private readonly zeros: Float64Array;
  private readonly dense: Int32Array[];
  /** Touched dense range per metric, to keep packing and resetting short. */
  private readonly lo: Int32Array;
  private readonly hi: Int32Array;
  /** Buckets outside the dense range (never seen in practice, kept exact all the same). */
  private readonly far: Map<number, number>[];
  private readonly detected = new Float64Array(DETECTED.length);
  private readonly deltas: Moments | undefined;

  constructor(
    readonly names: readonly MetricName[],
    readonly withDeltas = false,
  ) {
    const k = names.length;
    this.moments = new Moments(k);
    this.deltas = withDeltas ? new Moments(k) : undefined;
    this.zeros = new Float64Array(k);
    this.dense = names.map(() => new Int32Array(SPAN));
    this.lo = new Int32Array(k).fill(SPAN);
    this.hi = new Int32Array(k).fill(-1);
    this.far = names.map(() => new Map());
  }

  private addBucket(j: number, bucket: number, count: number): void {
    const d = bucket + OFFSET;
    if (d >= 0 && d < SPAN) {
      const dense = this.dense[j]!;
      dense[d] = dense[d]! + count;
      if (d < this.lo[j]!) this.lo[j] = d;
      if (d > this.hi[j]!) this.hi[j] = d;
    } else {
      const far = this.far[j]!;
      far.set(bucket, (far.get(bucket) ?? 0) + count);
    }
  }

  /**
   * One replication's metrics, and the same replication's at the baseline (as Metrics, or
   * packed by `packMetrics` at offset `at`): what Cell.add does, value for value.
   */
  add(m: Metrics, baseline?: Metrics | Float64Array, at = 0): void {
    const names = this.names;
    for (let j = 0; j < names.length; j++) {
      const x = m[names[j]!] ?? 0;
      if (this.deltas && baseline) this.deltas.add(j, x - (baseline instanceof Float64Array ? baseline[at + j]! : (baseline[names[j]!] ?? 0)));
      this.moments.add(j, x);
      const bucket = sketchBucket(x);
      if (bucket === undefined) this.zeros[j]!++;
      else this.addBucket(j, bucket, 1);
    }
    this.detected[DETECTED_INDEX.get(m.detectedBy)!]!++;
    this.n++;
  }

  /** Adds another unit's statistics (exact: sums of partials, integer counts). */
  addPacked(p: Packed): void {
    this.moments.addPacked(p);
    for (let j = 0; j < this.names.length; j++) {
      this.zeros[j]! += p.zeros[j]!;
      const b = p.buckets[j]!;
      for (let i = 0; i < b.length; i += 2) this.addBucket(j, b[i]!, b[i + 1]!);
    }
    for (let i = 0; i < DETECTED.length; i++) this.detected[i]! += p.detected[i]!;
    if (Boolean(this.deltas) !== Boolean(p.deltas)) throw new Error('Accumulator: paired deltas on one side only');
    if (this.deltas) this.deltas.addPacked(p.deltas!);
    this.n += p.n;
  }

  /** Adds a Cell's statistics (a resumed checkpoint's open cell). */
  addCell(cell: Cell): void {
    this.addPacked(Accumulator.packCell(cell, this.names));
  }

  private bucketsOf(j: number): Int32Array {
    const pairs: number[] = [];
    const far = [...this.far[j]!].sort((a, b) => a[0] - b[0]);
    let f = 0;
    while (f < far.length && far[f]![0] < -OFFSET) pairs.push(...far[f++]!);
    const dense = this.dense[j]!;
    for (let d = this.lo[j]!; d <= this.hi[j]!; d++) if (dense[d]) pairs.push(d - OFFSET, dense[d]!);
    while (f < far.length) pairs.push(...far[f++]!);
    return Int32Array.from(pairs);
  }

  pack(): Packed {
    return {
      n: this.n,
      ...this.moments.pack(),
      zeros: [...this.zeros],
      buckets: this.names.map((_, j) => this.bucketsOf(j)),
      detected: [...this.detected],
      ...(this.deltas ? { deltas: this.deltas.pack() } : {}),
    };
  }

  /** The same statistics as a stats Cell. */
  toCell(): Cell {
    const p = this.pack();
    const cell = new Cell(this.names, Boolean(p.deltas));
    this.names.forEach((name, j) => {
      const pairs: [number, number][] = [];
      for (let i = 0; i < p.buckets[j]!.length; i += 2) pairs.push([p.buckets[j]![i]!, p.buckets[j]![i + 1]!]);
      cell.metrics.set(name, Moments.summary(p, j, p.n, { zeros: p.zeros[j]!, buckets: pairs }));
      if (p.deltas) cell.deltas!.set(name, Moments.summary(p.deltas, j, p.n));
    });
    DETECTED.forEach((c, i) => {
      if (p.detected[i]) cell.detectedBy.set(c, p.detected[i]!);
    });
    return cell;
  }

  /** A Cell's statistics in packed form. */
  static packCell(cell: Cell, names: readonly MetricName[]): Packed {
    const summaries = names.map((m) => cell.metrics.get(m)!.toJSON());
    const deltas = cell.deltas;
    return {
      n: summaries[0]?.n ?? 0,
      ...Moments.ofSummaries(summaries),
      zeros: summaries.map((s) => s.sketch?.zeros ?? 0),
      buckets: summaries.map((s) => Int32Array.from((s.sketch?.buckets ?? []).flat())),
      detected: DETECTED.map((c) => cell.detectedBy.get(c) ?? 0),
      ...(deltas ? { deltas: Moments.ofSummaries(names.map((m) => deltas.get(m)!.toJSON())) } : {}),
    };
  }

  /** Empties it for the next unit, keeping its arrays. */
  reset(): void {
    this.moments.reset();
    this.deltas?.reset();
    for (let j = 0; j < this.names.length; j++) {
      this.zeros[j] = 0;
      if (this.hi[j]! >= this.lo[j]!) this.dense[j]!.fill(0, this.lo[j], this.hi[j]! + 1);
      this.lo[j] = SPAN;
      this.hi[j] = -1;
      this.far[j]!.clear();
    }
    this.detected.fill(0);
    this.n = 0;
  }
}
