// Turning what the user typed into checked values: profiles (inline or YAML files) and
// numbers. Every failure is a UserError naming the flag, or the file, line and field.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { canonicalProfile, DOMAINS, parseProfile, fillProfile, ProfileError, semicolonHint, type Profile, type Level } from '../model/index.js';
import { expandGrid, expandItem, GridError, namedGridItemsFromYaml, parseItem, splitItems } from '../sweep/grid.js';
import { UserError, parseYaml, checkSchema, lineOf } from '../util/index.js';


export function readText(file: string, flag?: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : `cannot read (${code})`;
    throw new UserError([{ ...(flag ? { flag } : {}), file, message: why }]);
  }
}

const level = z.number().int().min(1, 'a level is 1 to 5').max(5, 'a level is 1 to 5');
const profileFileSchema = z.strictObject({
  name: z.string().trim().min(1, 'a name must not be empty').optional(),
  default: level.optional(),
  ...Object.fromEntries(DOMAINS.map((d) => [d, level.optional()])),
});

export const looksLikeFile = (text: string) => /\.ya?ml$/i.test(text) || text.includes('/');

/** One profile from a YAML file (every problem in it at once), with its `name:` if it has one. */
export function loadNamedProfileFile(file: string, flag: string): { profile: Profile; name?: string } {
  const src = parseYaml(readText(file, flag), file);
  const data = checkSchema(src, profileFileSchema) as Record<string, unknown>;
  const levels = Object.fromEntries(DOMAINS.filter((d) => data[d] !== undefined).map((d) => [d, data[d]]));
  const profile = fillProfile(levels, (data.default as Level | undefined) ?? undefined);
  return { profile, ...(typeof data.name === 'string' ? { name: data.name } : {}) };
}

export function loadProfileFile(file: string, flag: string): Profile {
  return loadNamedProfileFile(file, flag).profile;
}

/** `--profile` value: inline text or a YAML file. */
export function profileArg(text: string, flag = '--profile'): Profile {
  if (looksLikeFile(text)) return loadProfileFile(text, flag);
  try {
    return parseProfile(text);
  } catch (e) {
    if (e instanceof ProfileError) throw new UserError([{ flag, message: e.message }]);
    throw e;
  }
}

/** Several profiles, and the names profile files gave some of them (by canonical profile). */
export interface ProfileList {
  profiles: Profile[];
  names: Record<string, string>;
}

/**
 * A YAML file of profiles as sweeps take it (one profile or a list; levels, ranges
 * "1..5" or lists per domain; `name:` per item), every problem in it at once.
 */
export function loadProfileListFile(file: string, flag: string): ProfileList {
  const src = parseYaml(readText(file, flag), file);
  const items = namedGridItemsFromYaml(src.data, (path, message) => ({ file, line: lineOf(src, path), ...(path.length ? { path: path.join('.') } : {}), message }));
  const profiles: Profile[] = [];
  const names: Record<string, string> = {};
  for (const { item, name } of items) {
    for (const p of expandItem(item)) {
      profiles.push(p);
      if (name !== undefined) names[canonicalProfile(p)] ??= name;
    }
  }
  return { profiles, names };
}

/**
 * A list of profiles, as every command that takes several writes it (compare, sweep):
 * items separated by ";" once any is written per domain (its commas belong to it), by ","
 * otherwise; each item a level (`3`), a range (`1..5`), a per-domain grid
 * (`change=1..5,config=2`, others at 1 or `*=N`), or a YAML file of profiles.
 * `duplicates: 'refuse'` (compare) calls a profile given twice a slip; `'drop'` (a
 * sweep's grid) keeps the first.
 */
export function profileListArg(text: string, flag = '--profiles', duplicates: 'refuse' | 'drop' = 'refuse'): ProfileList {
  const items = looksLikeFile(text) && !text.includes(';') ? [text.trim()] : splitItems(text);
  if (items.length === 0) throw new UserError([{ flag, message: 'no profile given' }]);
  const found: { profile: Profile; item: string }[] = [];
  const names: Record<string, string> = {};
  for (const item of items) {
    if (looksLikeFile(item)) {
      const list = loadProfileListFile(item, flag);
      for (const p of list.profiles) found.push({ profile: p, item });
      for (const [k, v] of Object.entries(list.names)) names[k] ??= v;
      continue;
    }
    try {
      for (const p of expandGrid(parseItem(item))) found.push({ profile: p, item });
    } catch (e) {
      if (!(e instanceof GridError)) throw e;
      const hint = semicolonHint(text);
      throw new UserError([{ flag, message: hint ? `${e.message}; ${hint}` : e.message }]);
    }
  }
  const seen = new Map<string, string>();
  const profiles: Profile[] = [];
  for (const { profile, item } of found) {
    const canon = canonicalProfile(profile);
    const first = seen.get(canon);
    if (first === undefined) {
      seen.set(canon, item);
      profiles.push(profile);
      continue;
    }
    if (duplicates === 'drop') continue;
    // Comparing a profile with itself shows a change of exactly zero: a slip, not a question.
    const what = first === item ? `"${first}" gives profile ${canon} twice` : `"${item}" gives profile ${canon}, as "${first}" does`;
    throw new UserError([{ flag, message: `${what}: list each profile once` }]);
  }
  if (profiles.length === 0) throw new UserError([{ flag, message: 'no profile given' }]);
  return { profiles, names };
}

export function intArg(text: string, flag: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const t = text.trim();
  if (!/^-?\d+$/.test(t)) throw new UserError([{ flag, message: `expected a whole number, got "${text}"` }]);
  const exact = BigInt(t);
  if (exact < BigInt(min) || exact > BigInt(max)) throw new UserError([{ flag, message: `must be between ${min} and ${max}, got ${t}` }]);
  return Number(exact);
}

/**
 * The largest master seed: seeds are whole numbers of 32 bits, the width the stream keys
 * are hashed from (src/sim/rng.ts), so every seed is held exactly and echoed as given.
 */
export const MAX_SEED = 2 ** 32 - 1;

/** `--seed`: a whole number from 0 to MAX_SEED. */
export function seedArg(text: string, flag = '--seed'): number {
  const t = text.trim();
  if (!/^\d+$/.test(t) || BigInt(t) > BigInt(MAX_SEED)) {
    throw new UserError([{ flag, message: `a seed is a whole number from 0 to ${MAX_SEED} (32 bits), got "${text}"` }]);
  }
  return Number(t);
}
