// What a sweep is, and how its work is cut. A sweep runs every scenario at every
// profile (a "cell") for replications 0..runs-1. Each cell's replications are cut into
// fixed blocks of `block` replications; a (cell, block) pair is a unit, the smallest
// piece of work a worker takes and a checkpoint records. Units are numbered cell by
// cell, so the cut depends only on runs and block: never on the worker count or the
// shard split. A shard is a contiguous range of units, so shards hold (nearly)
// disjoint cells and their files stay small; with exact sums and integer sketches,
// merging shards gives what one unsharded run gives, byte for byte.
import { createHash } from 'node:crypto';
import type { Calibration } from '../calibration/index.js';
import { canonicalProfile, type Profile } from '../model/index.js';
import type { Scenario } from '../sim/scenario.js';

/** Bumped when the output or checkpoint format changes incompatibly. */
export const FORMAT = 1;

/** Replications per unit unless `--block` says otherwise: ~10-30 ms of work. */
export const DEFAULT_BLOCK = 1000;

export interface Shard {
  /** 0-based, like a Kubernetes Indexed Job's JOB_COMPLETION_INDEX. */
  index: number;
  count: number;
}

export interface SweepSpec {
  scenarios: readonly Scenario[];
  profiles: readonly Profile[];
  runs: number;
  seed: number;
  block: number;
  calibration: Calibration;
  shard?: Shard;
  /** Pair every replication with its twin at this profile (`--baseline`). */
  baseline?: Profile;
  /** Names of profiles given in a profile file, by canonical profile (rendered, not part of the identity). */
  names?: Readonly<Record<string, string>>;
}

/**
 * Everything that decides a sweep's numbers, as written at the top of every output and
 * checkpoint. Two files can be merged or resumed only if their identities are equal.
 */
export interface Identity {
  format: number;
  seed: number;
  runs: number;
  block: number;
  calibration: { hash: string; overridden: readonly string[] };
  scenarios: string[];
  /** Short hash of the scenarios' content: the same ids from edited files are not the same sweep. */
  scenarioHash: string;
  profiles: string[];
  /** Canonical; only in sweeps that pair with a baseline. */
  baseline?: string;
}

export function identityOf(spec: SweepSpec): Identity {
  return {
    format: FORMAT,
    seed: spec.seed,
    runs: spec.runs,
    block: spec.block,
    calibration: { hash: spec.calibration.hash, overridden: spec.calibration.overridden },
    scenarios: spec.scenarios.map((s) => s.id),
    scenarioHash: createHash('sha256').update(JSON.stringify(spec.scenarios)).digest('hex').slice(0, 12),
    profiles: spec.profiles.map(canonicalProfile),
    ...(spec.baseline ? { baseline: canonicalProfile(spec.baseline) } : {}),
  };
}

/** The first field in which two identities differ, for a message; undefined when equal. */
export function identityDiff(a: Identity, b: Identity): string | undefined {
  for (const k of Object.keys(a) as (keyof Identity)[]) {
    if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) return k;
  }
  return undefined;
}

/** Unit arithmetic for one sweep (and one shard of it). */
export class Units {
  /** Blocks per cell. */
  readonly blocks: number;
  readonly cells: number;
  readonly total: number;
  /** This shard's units: [from, to). */
  readonly from: number;
  readonly to: number;

  constructor(
    readonly runs: number,
    readonly block: number,
    scenarios: number,
    readonly profiles: number,
    shard?: Shard,
  ) {
    this.blocks = Math.ceil(runs / block);
    this.cells = scenarios * profiles;
    this.total = this.cells * this.blocks;
    const s = shard ?? { index: 0, count: 1 };
    this.from = Math.floor((this.total * s.index) / s.count);
    this.to = Math.floor((this.total * (s.index + 1)) / s.count);
  }

  cellOf(unit: number): number {
    return Math.floor(unit / this.blocks);
  }

  /** Scenario and profile indexes of a cell: scenario-major. */
  scenarioOf(cell: number): number {
    return Math.floor(cell / this.profiles);
  }

  profileOf(cell: number): number {
    return cell % this.profiles;
  }

  /** Replications [first, end) of a unit. */
  replications(unit: number): [number, number] {
    const b = unit % this.blocks;
    return [b * this.block, Math.min(this.runs, (b + 1) * this.block)];
  }

  /** Lifecycles in a unit. */
  size(unit: number): number {
    const [a, b] = this.replications(unit);
    return b - a;
  }

  /** The cells this shard touches: [first, end). */
  cellRange(): [number, number] {
    if (this.from >= this.to) return [0, 0];
    return [this.cellOf(this.from), this.cellOf(this.to - 1) + 1];
  }

  /** This shard's units of a cell: [from, to). */
  unitsOf(cell: number): [number, number] {
    return [Math.max(this.from, cell * this.blocks), Math.min(this.to, (cell + 1) * this.blocks)];
  }

  /** Lifecycles in this shard. */
  lifecycles(): number {
    let n = 0;
    const [c0, c1] = this.cellRange();
    for (let c = c0; c < c1; c++) {
      const [u0, u1] = this.unitsOf(c);
      for (let u = u0; u < u1; u++) n += this.size(u);
    }
    return n;
  }
}

/** `i/N` (0-based, as JOB_COMPLETION_INDEX is), or undefined with the reason. */
export function parseShard(text: string): Shard | string {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) return `expected i/N with i counted from 0 (as JOB_COMPLETION_INDEX is), e.g. 0/3, got "${text}"`;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1) return `the shard count must be at least 1, got ${count}`;
  if (index >= count) return `shard ${index}/${count} does not exist: shards of ${count} are numbered 0 to ${count - 1}`;
  return { index, count };
}
