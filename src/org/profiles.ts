// Profiles people can name: `today`, `target`, from an organization file's `profiles`.
// Anywhere a profile is accepted, a name resolves here; outputs label a named profile
// with the levels it stands for, `today (change=2,config=1,...)`.
import { Parameters, type Calibration } from '../calibration/index.js';
import { canonicalProfile, DEFAULT_LEVEL, DOMAINS, effectiveProfile, fillProfile, parseProfile, ProfileError, type Domain, type Level, type Profile } from '../model/index.js';
import { didYouMean } from '../util/index.js';
import type { NamedProfile } from './types.js';

/** A profile name: a lowercase letter, then letters, digits, `-` or `_` (so never a level, a pair or a path). */
export const PROFILE_NAME = /^[a-z][A-Za-z0-9_-]*$/;

/** Whether text is written as a name rather than as levels (`3`, `change=2`) or a file. */
export function isProfileName(text: string): boolean {
  return PROFILE_NAME.test(text.trim());
}

/** How a profile is written in an organization file: a level, inline text, or a mapping of domains with an optional `default`. */
export type WrittenProfile = number | string | Partial<Record<Domain | 'default', number>>;

/** A profile as written in the file, or the problem with it. */
export function readProfile(value: WrittenProfile): Profile | string {
  if (typeof value === 'number') return fillProfile({}, value as Level);
  if (typeof value === 'string') {
    try {
      return parseProfile(value);
    } catch (e) {
      if (e instanceof ProfileError) return e.message;
      throw e;
    }
  }
  const levels = Object.fromEntries(DOMAINS.filter((d) => value[d] !== undefined).map((d) => [d, value[d]])) as Partial<Record<Domain, Level>>;
  return fillProfile(levels, (value.default as Level | undefined) ?? DEFAULT_LEVEL);
}

/**
 * The profile a name stands for, or a ProfileError naming the names there are (with
 * "did you mean"). `where` says where the names come from, e.g. the organization file.
 */
export function resolveProfileName(name: string, named: readonly NamedProfile[], where: string): NamedProfile {
  const hit = named.find((n) => n.name === name.trim());
  if (hit) return hit;
  const names = named.map((n) => n.name);
  throw new ProfileError(`no profile named "${name.trim()}" in ${where}${didYouMean(name.trim(), names)}; it names ${names.join(', ')}`);
}

/**
 * `today (change=2,config=1,...)` for a named profile, the levels alone otherwise. Given
 * the levels it delivers (`effective`, after the "do not skip levels" caps), a profile
 * held back says so: `today (change=5,...; delivers change=3,...)`.
 */
export function profileLabel(profile: Profile, name?: string, effective?: Profile): string {
  const levels = canonicalProfile(profile);
  const held = effective && canonicalProfile(effective) !== levels ? `delivers ${canonicalProfile(effective)}` : undefined;
  if (name) return `${name} (${levels}${held ? `; ${held}` : ''})`;
  return held ? `${levels} (${held})` : levels;
}

/**
 * The same for a screen, where width is short: the domains held back alone,
 * `change=5,config=1,... · delivers change=3`, and a name before its levels, `today = change=2,...`.
 */
export function screenLabel(profile: Profile, name?: string, effective?: Profile): string {
  const levels = canonicalProfile(profile);
  const held = effective ? DOMAINS.filter((d) => effective[d] !== profile[d]).map((d) => `${d}=${effective[d]}`) : [];
  return `${name ? `${name} = ${levels}` : levels}${held.length ? ` · delivers ${held.join(',')}` : ''}`;
}

/** The levels a profile delivers with this calibration: held back where a domain stands too far above its foundation (002, do not skip levels). */
export function deliveredProfile(profile: Profile, cal: Calibration): Profile {
  return effectiveProfile(profile, new Parameters(cal, profile).value('model.foundationLead')).profile;
}
