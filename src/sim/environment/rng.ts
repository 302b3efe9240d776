// Random streams. Each (master seed, scope, replication, lifecycle index, purpose) has
// its own seedrandom-compatible tychei stream, never keyed by the profile: replication i
// draws the same fault, the same attacker and the same luck at every maturity level, so
// profiles are compared under common random numbers even when their paths differ. The
// scope is the scenario (or whatever world the streams serve); the lifecycle index keeps
// each lifecycle of a world on streams of its own, so adding one never shifts another's
// draws. Index 0 is keyed exactly as the streams were before there were indexes (a
// single scenario's one story draws what it always drew).
//
// Speed: a replication opens a dozen or more streams, so seeding is on the hot path.
// The part of a stream's seed that does not depend on the replication (the hash of
// master, scope and purpose) is computed once per purpose and kept; the generator is
// seedrandom's tychei written out as a small class (same numbers, no closures), which
// test/sim/core.test.ts checks against seedrandom itself.

// Hash constants: FNV-1a's offset basis and prime, murmur3's finalizer multipliers and
// shifts, and two arbitrary odd constants that make the second lane independent.
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const MURMUR_M1 = 0x85ebca6b;
const MURMUR_M2 = 0xc2b2ae35;
const MURMUR_S1 = 16;
const MURMUR_S2 = 13;
const LANE_B = 0x9747b28c;
const LANE_B_SALT = 0x632be5ab;
/** Two more arbitrary odd constants: they fold a lifecycle index into each lane's key. */
const INDEX_SALT_A = 0x27d4eb2f;
const INDEX_SALT_B = 0x165667b1;
/** 2^32, and the 21 bits the high lane keeps so the seed stays a safe integer (53 bits). */
const TWO_32 = 0x100000000;
const HIGH_21_BITS = 0x1fffff;

// Tyche-i's constants, as seedrandom's tychei has them: the initial c and d, the rounds
// discarded after seeding, and the rotation amounts of one round.
const TYCHE_C = 2654435769;
const TYCHE_D = 1367130551;
const TYCHE_WARMUP = 20;
const R25 = 25;
const R7 = 7;
const R24 = 24;
const R8 = 8;
const R20 = 20;
const R12 = 12;
const R16 = 16;

/** Released Streams objects kept for reuse per scope: enough for nested use, not a leak. */
const STREAMS_POOL = 8;

/** FNV-1a over a string, 32 bits (continuing from `h`, so a prefix can be hashed once). */
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

/** A 53-bit seed from the two replication-free hashes of a key and the replication. */
function seedOf(h1: number, h2: number, replication: number): number {
  return seedOfLanes(h1, h2, laneA(replication), laneB(replication));
}

/** The replication's part of each lane (the same for every stream of a replication: a Streams object keeps them). */
const laneA = (replication: number) => mix(replication >>> 0);
const laneB = (replication: number) => mix((replication >>> 0) + LANE_B_SALT);

function seedOfLanes(h1: number, h2: number, a: number, b: number): number {
  const lo = mix(h1 ^ a);
  const hi = mix(h2 ^ b) & HIGH_21_BITS;
  return hi * TWO_32 + lo;
}

/** A lane's replication-free key for lifecycle `index` (index 0: the key itself). */
function laneKey(h: number, index: number, salt: number): number {
  return index === 0 ? h : mix(h ^ mix(Math.imul(index, salt) >>> 0));
}

/** A 53-bit seed for one stream; two independent 32-bit lanes, the high one cut to 21 bits. */
export function streamSeed(master: number, scope: string, replication: number, purpose: string, index = 0): number {
  const key = `${master}\u0000${scope}\u0000${purpose}`;
  return seedOf(laneKey(fnv(key), index, INDEX_SALT_A), laneKey(fnv(key, LANE_B), index, INDEX_SALT_B), replication);
}

/**
 * seedrandom's tychei (Neves and Araujo's Tyche-i) for an integer seed: the same state
 * set-up, the same 20 discarded rounds, the same doubles in [0, 1).
 */
export class Tyche {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  constructor(seed: number) {
    this.reseed(seed);
  }

  /** Starts over from `seed`, as a new generator would. */
  reseed(seed: number): void {
    this.a = (seed / TWO_32) | 0;
    this.b = seed | 0;
    this.c = TYCHE_C | 0;
    this.d = TYCHE_D;
    for (let k = 0; k < TYCHE_WARMUP; k++) this.step();
  }

  private step(): number {
    let b = this.b;
    let c = this.c;
    let d = this.d;
    let a = this.a;
    b = (b << R25) ^ (b >>> R7) ^ c;
    c = (c - d) | 0;
    d = (d << R24) ^ (d >>> R8) ^ a;
    a = (a - b) | 0;
    this.b = b = (b << R20) ^ (b >>> R12) ^ c;
    this.c = c = (c - d) | 0;
    this.d = (d << R16) ^ (c >>> R16) ^ a;
    return (this.a = (a - b) | 0);
  }

  /** The next uniform number in [0, 1). */
  next(): number {
    return (this.step() >>> 0) / TWO_32;
  }
}

export type Stream = () => number;

/** Every purpose ever drawn from, numbered once per process, so that hot code can name a stream by number. */
const purposeIds = new Map<string, number>();
const purposeNames: string[] = [];

/** The number of a purpose (stable for the life of the process). */
export function purposeId(purpose: string): number {
  let id = purposeIds.get(purpose);
  if (id === undefined) {
    id = purposeNames.length;
    purposeNames.push(purpose);
    purposeIds.set(purpose, id);
  }
  return id;
}

/** The purpose numbered `id` (see purposeId). */
export function purposeName(id: number): string {
  const name = purposeNames[id];
  if (name === undefined) throw new Error(`no purpose numbered ${id}`);
  return name;
}

/**
 * The replication-free halves of each purpose's seed, for one master seed and scope,
 * by purpose number (lifecycle index 0; other indexes are folded in when a stream opens).
 */
class SeedKeys {
  private readonly prefixA: number;
  private readonly prefixB: number;
  readonly h1: number[] = [];
  readonly h2: number[] = [];
  /** Streams objects free for reuse (see Streams.borrow). */
  readonly pool: Streams[] = [];

  constructor(master: number, scope: string) {
    const prefix = `${master}\u0000${scope}\u0000`;
    this.prefixA = fnv(prefix);
    this.prefixB = fnv(prefix, LANE_B);
  }

  /** Computes the halves of purpose `id` (once). */
  fill(id: number): void {
    const purpose = purposeNames[id]!;
    // fnv is a running hash: hashing the purpose after the prefix's state is the hash of the whole key.
    this.h1[id] = fnv(purpose, this.prefixA);
    this.h2[id] = fnv(purpose, this.prefixB);
  }
}

/** Bounded: a sweep sees a handful of (seed, scope) pairs; a long-lived process may see more. */
const seedKeys = new Map<string, SeedKeys>();
const MAX_SEED_KEYS = 256;

/** The last SeedKeys handed out: consecutive replications share seed and scope. */
let lastKeys: SeedKeys | undefined;
let lastMaster = NaN;
let lastScope = '';

function seedKeysFor(master: number, scope: string): SeedKeys {
  if (master === lastMaster && scope === lastScope && lastKeys) return lastKeys;
  const id = `${master}\u0000${scope}`;
  let k = seedKeys.get(id);
  if (!k) {
    if (seedKeys.size >= MAX_SEED_KEYS) seedKeys.delete(seedKeys.keys().next().value!);
    k = new SeedKeys(master, scope);
    seedKeys.set(id, k);
  }
  lastKeys = k;
  lastMaster = master;
  lastScope = scope;
  return k;
}

/**
 * The streams of one lifecycle of one replication, created on first use. A Streams
 * object can be reused for another replication or lifecycle of the same seed and scope
 * (`borrow`/`release`): its generators are then re-seeded in place on first use
 * instead of allocated.
 */
export class Streams {
  private readonly keys: SeedKeys;
  private readonly gens: Tyche[] = [];
  /** Which replication (by `epoch`) each generator was last seeded for. */
  private readonly stamps: number[] = [];
  private epoch = 0;
  private rep: number;
  private lifecycle: number;
  private laneA: number;
  private laneB: number;

  constructor(
    readonly master: number,
    readonly scope: string,
    replication: number,
    index = 0,
  ) {
    this.keys = seedKeysFor(master, scope);
    this.rep = replication;
    this.lifecycle = index;
    this.laneA = laneA(replication);
    this.laneB = laneB(replication);
  }

  get replication(): number {
    return this.rep;
  }

  /** The lifecycle index the streams belong to. */
  get index(): number {
    return this.lifecycle;
  }

  /** A Streams object for this replication and lifecycle, reused from earlier ones when one is free. */
  static borrow(master: number, scope: string, replication: number, index = 0): Streams {
    const s = seedKeysFor(master, scope).pool.pop();
    if (!s) return new Streams(master, scope, replication, index);
    s.rep = replication;
    s.laneA = laneA(replication);
    s.laneB = laneB(replication);
    s.lifecycle = index;
    s.epoch++;
    return s;
  }

  /** Hands the object back for reuse; the caller must not draw from it afterwards. */
  release(): void {
    if (this.keys.pool.length < STREAMS_POOL) this.keys.pool.push(this);
  }

  /** The next uniform number of the stream for `purpose`. */
  uniform(purpose: string): number {
    return this.uniformAt(purposeId(purpose));
  }

  /** The next uniform number of the stream for purpose number `id` (see purposeId). */
  uniformAt(id: number): number {
    let g = this.gens[id];
    if (this.stamps[id] !== this.epoch || !g) {
      const keys = this.keys;
      if (keys.h1[id] === undefined) keys.fill(id);
      const i = this.lifecycle;
      const seed = seedOfLanes(laneKey(keys.h1[id]!, i, INDEX_SALT_A), laneKey(keys.h2[id]!, i, INDEX_SALT_B), this.laneA, this.laneB);
      if (g) g.reseed(seed);
      else this.gens[id] = g = new Tyche(seed);
      this.stamps[id] = this.epoch;
    }
    return g.next();
  }

  /** The stream for `purpose` as a function (the same stream `uniform` draws from). */
  get(purpose: string): Stream {
    return () => this.uniform(purpose);
  }
}
