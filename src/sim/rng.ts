// Random streams. Each (master seed, scenario, replication, purpose) has its own
// seedrandom stream, never keyed by the profile: replication i draws the same fault,
// the same attacker and the same luck at every maturity level, so profiles are compared
// under common random numbers even when their paths differ.
import seedrandom from 'seedrandom';

/** FNV-1a over a string, 32 bits. */
function fnv(text: string, h = 0x811c9dc5): number {
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Mixes a 32-bit value (murmur3 finalizer). */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 53-bit seed for one stream; two independent 32-bit lanes, the high one cut to 21 bits. */
export function streamSeed(master: number, scenario: string, replication: number, purpose: string): number {
  const key = `${master}\u0000${scenario}\u0000${purpose}`;
  const lo = mix(fnv(key) ^ mix(replication >>> 0));
  const hi = mix(fnv(key, 0x9747b28c) ^ mix((replication >>> 0) + 0x632be5ab)) & 0x1fffff;
  return hi * 0x100000000 + lo;
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
