// Turning what the user typed into checked values: profiles (inline or YAML files) and
// numbers. Every failure is a UserError naming the flag, or the file, line and field.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { canonicalProfile, DOMAINS, parseProfile, fillProfile, ProfileError, semicolonHint, type Profile, type Level } from '../model/index.js';
import { isProfileName, profileLabel, resolveProfileName } from '../org/profiles.js';
import type { NamedProfile } from '../org/types.js';
import { UserError, parseYaml, checkSchema } from '../util/index.js';


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
  name: z.string().optional(),
  default: level.optional(),
  ...Object.fromEntries(DOMAINS.map((d) => [d, level.optional()])),
});

export const looksLikeFile = (text: string) => /\.ya?ml$/i.test(text) || text.includes('/');

export function loadProfileFile(file: string, flag: string): Profile {
  const src = parseYaml(readText(file, flag), file);
  const data = checkSchema(src, profileFileSchema) as Record<string, unknown>;
  const levels = Object.fromEntries(DOMAINS.filter((d) => data[d] !== undefined).map((d) => [d, data[d]]));
  return fillProfile(levels, (data.default as Level | undefined) ?? undefined);
}

/** Where profile names (`today`, `target`) come from: an organization's profiles, read when a name is first met. */
export type ProfileNames = () => { where: string; profiles: readonly NamedProfile[] };

/** A profile the user chose, with the name they chose it by, if any. */
export interface ProfileChoice {
  profile: Profile;
  name?: string;
}

/** `today (change=2,config=1,...)` for a profile chosen by name, the levels otherwise. */
export const choiceLabel = (c: ProfileChoice) => profileLabel(c.profile, c.name);

/** `--profile` value: inline text, a YAML file, or a name from the organization (`today`). */
export function namedProfileArg(text: string, flag = '--profile', names?: ProfileNames): ProfileChoice {
  if (looksLikeFile(text)) return { profile: loadProfileFile(text, flag) };
  try {
    if (isProfileName(text) && names) {
      const { where, profiles } = names();
      const hit = resolveProfileName(text, profiles, where);
      return { profile: hit.profile, name: hit.name };
    }
    return { profile: parseProfile(text) };
  } catch (e) {
    if (e instanceof ProfileError) throw new UserError([{ flag, message: isProfileName(text) && names ? `${e.message} (or write levels: 3, change=2,config=1)` : e.message }]);
    throw e;
  }
}

/** `--profile` value: inline text, a YAML file, or a name from the organization. */
export function profileArg(text: string, flag = '--profile', names?: ProfileNames): Profile {
  return namedProfileArg(text, flag, names).profile;
}

/**
 * `--profiles` value: several profiles. Separated by ";" when any is written per
 * domain (their own commas belong to them), by "," otherwise: `1,3`, `2;change=3`.
 */
export function profileListArg(text: string, flag = '--profiles', names?: ProfileNames): Profile[] {
  return namedProfileListArg(text, flag, names).map((c) => c.profile);
}

/** `--profiles` value as the user's choices: names kept for labels. */
export function namedProfileListArg(text: string, flag = '--profiles', names?: ProfileNames): ProfileChoice[] {
  const parts = text.includes(';') || text.includes('=') ? text.split(';') : text.split(',');
  const items = parts.map((p) => p.trim()).filter((p) => p !== '');
  if (items.length === 0) throw new UserError([{ flag, message: 'no profile given' }]);
  let choices: ProfileChoice[];
  try {
    choices = items.map((p) => namedProfileArg(p, flag, names));
  } catch (e) {
    const hint = semicolonHint(text);
    if (e instanceof UserError && hint) throw new UserError(e.problems.map((p) => ({ ...p, message: `${p.message}; ${hint}` })));
    throw e;
  }
  // Comparing a profile with itself shows a change of exactly zero: a slip, not a question.
  const seen = new Map<string, string>();
  choices.forEach(({ profile: p }, i) => {
    const canon = canonicalProfile(p);
    const first = seen.get(canon);
    if (first === undefined) return void seen.set(canon, items[i]!);
    const what = first === items[i] ? `"${first}" is listed twice` : `"${items[i]}" is the same profile as "${first}" (${canon})`;
    throw new UserError([{ flag, message: `${what}: list each profile once` }]);
  });
  return choices;
}

export function intArg(text: string, flag: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!/^\s*-?\d+\s*$/.test(text)) throw new UserError([{ flag, message: `expected a whole number, got "${text}"` }]);
  const n = Number(text);
  if (n < min || n > max) throw new UserError([{ flag, message: `must be between ${min} and ${max}, got ${n}` }]);
  return n;
}
