// One way to run an experiment: replicate a model over profiles with common random
// numbers and sum the replications into plain, mergeable data (means, intervals,
// percentiles, paired deltas against the first profile, and, on request, the
// replications' own values of a few figures for pairings decided later). Replication r
// at every profile sees the same luck: the model draws from streams keyed by the seed
// and r, never by the profile, so the difference between profiles is paired r by r.
// Workers (src/sweep) run blocks of replications with `replicate` and hand them to an
// accumulator here; the order of arrival changes nothing (exact sums, integer sketches).
// Pure: no files, terminal, workers or clock. May import model and stats.
import { round, Summary, type Stats } from '../stats/index.js';

/** A model the experiment replicates: `size` figures a replication, at any profile. */
export interface Replicable<P> {
  readonly size: number;
  /**
   * Replication `replication` at `profile`, written into out[offset, offset + size).
   * Must depend only on (profile, replication) and the model's seed: common random numbers.
   */
  play(profile: P, replication: number, out: Float64Array, offset: number): void;
}

/**
 * Replications [first, end) at every profile: (end - first) x profiles x size figures,
 * replication-major then profile (the block a worker hands back).
 */
export function replicate<P>(model: Replicable<P>, profiles: readonly P[], first: number, end: number): Float64Array {
  const k = model.size;
  const n = profiles.length;
  const out = new Float64Array(Math.max(0, end - first) * n * k);
  for (let r = first; r < end; r++) profiles.forEach((p, i) => model.play(p, r, out, ((r - first) * n + i) * k));
  return out;
}

type SummaryJson = ReturnType<Summary['toJSON']>;

/** What to keep replication by replication: a few figures, for replications [0, replications). */
export interface KeepSpec {
  figures: readonly number[];
  replications: number;
}

/**
 * Replications summed per profile and figure, with the paired deltas against the first
 * profile, and (with `keep`) the kept figures' values by replication.
 */
export class ExperimentAccumulator {
  readonly figures: Summary[][];
  readonly deltas: Summary[][];
  /** samples[p][j][r]: kept figure keep.figures[j] at profile p, replication r (NaN until it arrives). */
  readonly samples: Float64Array[][];

  constructor(
    readonly profiles: number,
    readonly k: number,
    readonly keep?: KeepSpec,
  ) {
    this.figures = Array.from({ length: profiles }, () => Array.from({ length: k }, () => new Summary()));
    this.deltas = Array.from({ length: profiles }, (_, p) => (p === 0 ? [] : Array.from({ length: k }, () => new Summary(false))));
    this.samples = Array.from({ length: keep ? profiles : 0 }, () => keep!.figures.map(() => new Float64Array(keep!.replications).fill(NaN)));
  }

  /** Replications summed so far. */
  get replications(): number {
    return this.figures[0]![0]!.n;
  }

  /** One replication at every profile: `v` holds profiles x k figures, profile-major. `r` places kept samples. */
  add(v: Float64Array, offset = 0, r?: number): void {
    const k = this.k;
    for (let p = 0; p < this.profiles; p++) {
      const row = this.figures[p]!;
      for (let j = 0; j < k; j++) row[j]!.add(v[offset + p * k + j]!);
      if (p > 0) {
        const d = this.deltas[p]!;
        for (let j = 0; j < k; j++) d[j]!.add(v[offset + p * k + j]! - v[offset + j]!);
      }
    }
    if (this.keep) {
      if (r === undefined || r < 0 || r >= this.keep.replications) throw new Error(`ExperimentAccumulator.add: replication ${r} outside the kept range 0..${this.keep.replications - 1}`);
      this.keep.figures.forEach((f, j) => {
        for (let p = 0; p < this.profiles; p++) this.samples[p]![j]![r] = v[offset + p * k + f]!;
      });
    }
  }

  /** A block from `replicate` of replications [first, ...). */
  addBlock(block: Float64Array, first = 0): void {
    const step = this.profiles * this.k;
    for (let o = 0, r = first; o < block.length; o += step, r++) this.add(block, o, r);
  }

  merge(o: ExperimentAccumulator): void {
    this.figures.forEach((row, p) => row.forEach((s, j) => s.merge(o.figures[p]![j]!)));
    this.deltas.forEach((row, p) => row.forEach((s, j) => s.merge(o.deltas[p]![j]!)));
    this.samples.forEach((row, p) =>
      row.forEach((a, j) => {
        const b = o.samples[p]![j]!;
        for (let r = 0; r < a.length; r++) if (!Number.isNaN(b[r]!)) a[r] = b[r]!;
      }),
    );
  }

  /** The sums (kept samples are not serialized: they are for pairings made in this process). */
  toJSON(): { profiles: number; k: number; figures: SummaryJson[][]; deltas: SummaryJson[][] } {
    return { profiles: this.profiles, k: this.k, figures: this.figures.map((r) => r.map((s) => s.toJSON())), deltas: this.deltas.map((r) => r.map((s) => s.toJSON())) };
  }

  static fromJSON(j: ReturnType<ExperimentAccumulator['toJSON']>): ExperimentAccumulator {
    const acc = new ExperimentAccumulator(j.profiles, j.k);
    j.figures.forEach((r, p) => r.forEach((s, i) => acc.figures[p]![i]!.merge(Summary.fromJSON(s))));
    j.deltas.forEach((r, p) => r.forEach((s, i) => acc.deltas[p]![i]!.merge(Summary.fromJSON(s))));
    return acc;
  }
}

/** The whole experiment in this thread: replications [first, end) of a model at every profile. */
export function runExperiment<P>(model: Replicable<P>, profiles: readonly P[], end: number, opts: { first?: number; keep?: readonly number[] } = {}): ExperimentAccumulator {
  const first = opts.first ?? 0;
  const acc = new ExperimentAccumulator(profiles.length, model.size, opts.keep ? { figures: opts.keep, replications: end } : undefined);
  acc.addBlock(replicate(model, profiles, first, end), first);
  return acc;
}

// ---- plain data from summaries ------------------------------------------------------------

/** A figure over the replications, rounded for stable output. */
export interface Figure {
  mean: number;
  p50: number;
  p90: number;
  /** 95% confidence interval of the mean (Student's t over replications). */
  ci95: [number, number];
  min: number;
  max: number;
}

/** A paired change against the baseline profile (this profile minus the baseline, replication by replication). */
export interface Delta {
  mean: number;
  ci95: [number, number];
}

export function figureOf(s: Summary): Figure {
  const st: Stats = s.stats();
  const ci = st.ci95;
  return { mean: round(st.mean), p50: round(st.p50), p90: round(st.p90), ci95: [round(ci[0]), round(ci[1])], min: round(s.min), max: round(s.max) };
}

export function deltaOf(s: Summary): Delta {
  const ci = s.ci95();
  return { mean: round(s.mean()), ci95: [round(ci[0]), round(ci[1])] };
}

/** A Summary of paired differences a[r] - b[r] over kept samples (both complete). */
export function pairedSummary(a: Float64Array, b: Float64Array): Summary {
  const s = new Summary(false);
  for (let r = 0; r < a.length; r++) s.add(a[r]! - b[r]!);
  return s;
}
