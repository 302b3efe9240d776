// Random streams. Each (master seed, scenario, replication, purpose) has its own
// seedrandom stream, never keyed by the profile: replication i draws the same fault,
// the same attacker and the same luck at every maturity level, so profiles are compared
// under common random numbers even when their paths differ.
import seedrandom from 'seedrandom';

// Hash constants: FNV-1a's offset basis and prime, murmur3's finalizer multipliers and
// shifts, and two arbitrary odd constants that make the second lane independent.
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const MURMUR_M1 = 0x85ebca6b;
const MURMUR_M2 = 0xc2b2ae35;
const MURMUR_S1 = 16;
const MURMUR_S2 = 13;
const LANE2_BASIS = 0x9747b28c;
const LANE2_SALT = 0x632be5ab;
/** 2^32, and the 21 bits the high lane keeps so the seed stays a safe integer (53 bits). */
const TWO_32 = 0x100000000;
const HIGH_21_BITS = 0x1fffff;

/** FNV-1a over a string, 32 bits. */
function fnv(text: string, h = FNV_OFFSET): number {
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/** Mixes a 32-bit value (murmur3 finalizer). */
function mix(h: number): number {
  h ^= h >>> MURMUR_S1;
  h = Math.imul(h, MURMUR_M1);
  h ^= h >>> MURMUR_S2;
  h = Math.imul(h, MURMUR_M2);
  h ^= h >>> MURMUR_S1;
  return h >>> 0;
}

/** A 53-bit seed for one stream; two independent 32-bit lanes, the high one cut to 21 bits. */
export function streamSeed(master: number, scenario: string, replication: number, purpose: string): number {
  const key = `${master}\u0000${scenario}\u0000${purpose}`;
  const lo = mix(fnv(key) ^ mix(replication >>> 0));
  const hi = mix(fnv(key, LANE2_BASIS) ^ mix((replication >>> 0) + LANE2_SALT)) & HIGH_21_BITS;
  return hi * TWO_32 + lo;
}

export type Stream = () => number;

/** The streams of one replication, created on first use. */
export class Streams {
  private readonly streams = new Map<string, Stream>();
  constructor(
    readonly master: number,
    readonly scenario: string,
    readonly replication: number,
  ) {}

  get(purpose: string): Stream {
    let s = this.streams.get(purpose);
    if (!s) {
      // tychei takes an integer seed and uses all 53 bits of it; its typings only list strings.
      s = seedrandom.tychei(streamSeed(this.master, this.scenario, this.replication, purpose) as unknown as string);
      this.streams.set(purpose, s);
    }
    return s;
  }
}
