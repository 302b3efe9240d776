import { DOMAINS, type Domain, type Level, isDomain, isLevel } from './levels.js';
import { didYouMean } from '../util/suggest.js';

/** A maturity level for every domain. */
export type Profile = Readonly<Record<Domain, Level>>;

/**
 * Level a domain takes when a profile does not name it. Level 1 because a
 * capability nobody claims is one the simulation should not grant.
 */
export const DEFAULT_LEVEL: Level = 1;

export function uniformProfile(level: Level): Profile {
  return Object.fromEntries(DOMAINS.map((d) => [d, level])) as Record<Domain, Level>;
}

/** The level shared by every domain, if there is one. */
export function uniformLevel(p: Profile): Level | undefined {
  const first = p[DOMAINS[0]];
  return DOMAINS.every((d) => p[d] === first) ? first : undefined;
}

/**
 * The one string form of a profile: `3` when every domain shares a level,
 * otherwise every domain in a fixed order, e.g.
 * `change=2,config=1,observability=3,serviceDesk=2,secOps=2`.
 */
export function canonicalProfile(p: Profile): string {
  const u = uniformLevel(p);
  return u !== undefined ? String(u) : DOMAINS.map((d) => `${d}=${p[d]}`).join(',');
}

export class ProfileError extends Error {
  override name = 'ProfileError';
}

function parseLevel(raw: string, what: string): Level {
  const n = /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
  if (!isLevel(n)) throw new ProfileError(`${what} must be a level from 1 to 5, got "${raw.trim()}"`);
  return n;
}

/**
 * Parses `3` or `change=2,config=1,...`. Domains not named take `defaultLevel`.
 * Throws ProfileError with a message naming the bad part.
 */
export function parseProfile(text: string, defaultLevel: Level = DEFAULT_LEVEL): Profile {
  const trimmed = text.trim();
  if (trimmed === '') throw new ProfileError('profile is empty');
  if (!trimmed.includes('=')) {
    if (!/^\d+$/.test(trimmed)) {
      throw new ProfileError(
        `"${trimmed}" is not a profile: write a level (1 to 5) or domain=level pairs such as change=2,config=1`,
      );
    }
    return uniformProfile(parseLevel(trimmed, `profile "${trimmed}"`));
  }
  const levels: Partial<Record<Domain, Level>> = {};
  for (const part of trimmed.split(',')) {
    const [rawKey, rawValue, ...rest] = part.split('=');
    const key = (rawKey ?? '').trim();
    if (rawValue === undefined || rest.length > 0 || key === '') {
      throw new ProfileError(`"${part.trim()}" is not of the form domain=level`);
    }
    if (!isDomain(key)) {
      throw new ProfileError(`unknown domain "${key}"${didYouMean(key, DOMAINS)}; domains are ${DOMAINS.join(', ')}`);
    }
    if (levels[key] !== undefined) throw new ProfileError(`domain "${key}" is given twice`);
    levels[key] = parseLevel(rawValue, `"${key}=${rawValue.trim()}": ${key}`);
  }
  return fillProfile(levels, defaultLevel);
}

/**
 * A list of profiles written with commas only although one of them is per domain
 * (`1,3,change=2,secOps=4`) cannot be split: the commas belong to that profile. The hint
 * shows the list as it has to be written (`1;3;change=2,secOps=4`); undefined otherwise.
 */
export function semicolonHint(text: string): string | undefined {
  if (text.includes(';') || !text.includes('=')) return undefined;
  const parts = text.split(',').map((p) => p.trim()).filter((p) => p !== '');
  if (parts.every((p) => p.includes('='))) return undefined;
  const items: string[] = [];
  let perDomain: string[] = [];
  for (const p of parts) {
    if (p.includes('=')) {
      perDomain.push(p);
      continue;
    }
    if (perDomain.length) items.push(perDomain.join(','));
    perDomain = [];
    items.push(p);
  }
  if (perDomain.length) items.push(perDomain.join(','));
  return `once a profile is written per domain, separate profiles with ";": "${items.join(';')}"`;
}

export function fillProfile(levels: Partial<Record<Domain, Level>>, defaultLevel: Level = DEFAULT_LEVEL): Profile {
  return Object.fromEntries(DOMAINS.map((d) => [d, levels[d] ?? defaultLevel])) as Record<Domain, Level>;
}

/**
 * What each domain builds on (002 "Do not skip levels": advanced capability on top of
 * missing basics delivers less). Judgement on the edges: a change process and
 * telemetry both need an asset inventory to act on (000 Level 1 and 2, Steps to
 * Mature); the service desk's alert-driven tickets need telemetry (000 Level 3,
 * Steps to Mature); detection needs logs and asset visibility (003 Level 1, Steps to
 * Mature).
 */
export const FOUNDATIONS: Record<Domain, readonly Domain[]> = {
  config: [],
  observability: ['config'],
  change: ['config'],
  serviceDesk: ['observability'],
  secOps: ['observability', 'config'],
};

export interface Cap {
  domain: Domain;
  nominal: Level;
  effective: Level;
  /** The foundation whose low level held this domain back. */
  because: Domain;
}

/**
 * The levels a profile actually delivers: no domain stands more than `lead` levels
 * above a domain it builds on. `lead` comes from the calibration table.
 */
export function effectiveProfile(p: Profile, lead: number): { profile: Profile; caps: Cap[] } {
  const out = { ...p } as Record<Domain, Level>;
  const caps: Cap[] = [];
  // FOUNDATIONS is acyclic and this order visits foundations first.
  const order: Domain[] = ['config', 'observability', 'change', 'serviceDesk', 'secOps'];
  for (const d of order) {
    for (const f of FOUNDATIONS[d]) {
      const ceiling = Math.min(5, out[f] + lead) as Level;
      if (out[d] > ceiling) {
        out[d] = ceiling;
        const existing = caps.find((c) => c.domain === d);
        if (existing) {
          existing.effective = ceiling;
          existing.because = f;
        } else caps.push({ domain: d, nominal: p[d], effective: ceiling, because: f });
      }
    }
  }
  return { profile: out, caps };
}

export function sameProfile(a: Profile, b: Profile): boolean {
  return DOMAINS.every((d) => a[d] === b[d]);
}
