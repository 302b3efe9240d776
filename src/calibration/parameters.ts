// The table seen from one profile, and the samplers the engine draws through. Apart
// from the table parser (table.ts) on purpose: the simulator and its worker threads
// import only this and distributions.ts, so a worker never loads the YAML and schema
// libraries it has no use for (a fifth of a worker's start-up).
import type { Domain, Level, Profile } from '../model/index.js';
import { sampler, type Dist, type Sampler } from './distributions.js';
import type { Calibration, Entry } from './table.js';

const samplerCache = new WeakMap<Entry, Sampler>();
function samplerOf(e: Entry): Sampler {
  let s = samplerCache.get(e);
  if (!s) samplerCache.set(e, (s = sampler(e.dist)));
  return s;
}

/**
 * The table seen from one profile: a parameter name resolves to the entry at the level
 * the profile has in the parameter's domain (or to the one entry of a world parameter).
 */
export class Parameters {
  private readonly cache = new Map<string, Sampler | null>();
  constructor(
    readonly calibration: Calibration,
    readonly profile: Profile,
    /** A scenario's own values, by key (one level) or by parameter (every level). */
    readonly overrides: Readonly<Record<string, Dist>> = {},
  ) {}

  /** The key a parameter resolves to at this profile, e.g. `serviceDesk.ackDelay.L2`. */
  keyOf(param: string): string {
    const area = param.slice(0, param.indexOf('.'));
    const level = (this.profile as Record<string, Level | undefined>)[area];
    return level === undefined ? param : `${param}.L${level}`;
  }

  /** Whether the table has the parameter at this profile's level. */
  has(param: string): boolean {
    return this.lookup(param) !== null;
  }

  sampler(param: string): Sampler {
    const s = this.lookup(param);
    if (!s) throw new Error(`calibration: no entry ${this.keyOf(param)}`);
    return s;
  }

  /** A fixed or probability value. */
  value(param: string): number {
    return this.sampler(param).mean;
  }

  private lookup(param: string): Sampler | null {
    let s = this.cache.get(param);
    if (s === undefined) {
      const key = this.keyOf(param);
      const own = this.overrides[key] ?? this.overrides[param];
      const e = this.calibration.byKey.get(key);
      s = own ? sampler(own) : e ? samplerOf(e) : null;
      this.cache.set(param, s);
    }
    return s;
  }
}

export function entriesFor(cal: Calibration, filter: { domain?: Domain | string; level?: Level }): Entry[] {
  return cal.entries.filter(
    (e) => (!filter.domain || e.param.startsWith(`${filter.domain}.`)) && (!filter.level || e.level === undefined || e.level === filter.level),
  );
}
