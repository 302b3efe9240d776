// Turning what the user typed into checked values: profiles (inline or YAML files) and
// numbers. Every failure is a UserError naming the flag, or the file, line and field.
import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync, type Stats } from 'node:fs';
import { z } from 'zod';
import { canonicalProfile, DOMAINS, parseProfile, fillProfile, ProfileError, semicolonHint, type Profile, type Level } from '../model/index.js';
import type { Calibration } from '../calibration/index.js';
import { deliveredProfile, isProfileName, profileLabel, resolveProfileName } from '../org/profiles.js';
import type { NamedProfile } from '../org/types.js';
import { expandGrid, expandItem, GridError, namedGridItemsFromYaml, parseItem, splitItems } from '../sweep/grid.js';
import { UserError, parseYaml, checkSchema, lineOf } from '../util/index.js';


/**
 * The most an input file (a scenario, a calibration, a profile, an organization) may
 * hold: the largest shipped one is a few kilobytes; a file this size is not one of them.
 */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

/**
 * Reads an input file: a regular file, or a stream (a pipe or socket: `<(...)`,
 * /dev/stdin), read to its end. A device such as /dev/zero would never end, and a file
 * past MAX_INPUT_BYTES is not an input: both refused.
 */
export function readText(file: string, flag?: string): string {
  const fail = (message: string) => new UserError([{ ...(flag ? { flag } : {}), file, message }]);
  let st;
  try {
    st = statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw fail(code === 'ENOENT' ? 'no such file' : `cannot read (${code})`);
  }
  if (st.isDirectory()) throw fail('is a directory');
  if (st.isCharacterDevice() || st.isBlockDevice()) throw fail('is a device, not a file: give a YAML file');
  if (st.isFile() && st.size > MAX_INPUT_BYTES) throw fail(`is ${(st.size / 1048576).toFixed(0)} MiB: an input file is at most ${MAX_INPUT_BYTES / 1048576} MiB`);
  try {
    return st.isFile() ? readFileSync(file, 'utf8') : readStream(file, st, () => fail(`holds more than ${MAX_INPUT_BYTES / 1048576} MiB: an input file is at most that`));
  } catch (e) {
    if (e instanceof UserError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw fail(code === 'EISDIR' ? 'is a directory' : `cannot read (${code})`);
  }
}

/** This process's stdin, when `st` is it (a socket behind /dev/stdin cannot be opened by name). */
function isOwnStdin(st: Stats): boolean {
  try {
    const s0 = fstatSync(0);
    return s0.dev === st.dev && s0.ino === st.ino;
  } catch {
    return false;
  }
}

/** A stream read to its end, in chunks, up to MAX_INPUT_BYTES (one that never ends is refused, not read into memory). */
function readStream(file: string, st: Stats, tooLong: () => UserError): string {
  const own = isOwnStdin(st);
  const fd = own ? 0 : openSync(file, 'r');
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    const buf = Buffer.alloc(65536);
    const pause = new Int32Array(new SharedArrayBuffer(4));
    // A non-blocking pipe with nothing in it yet says EAGAIN: wait for the writer.
    const read = (): number => {
      for (;;) {
        try {
          return readSync(fd, buf);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
          Atomics.wait(pause, 0, 0, 5);
        }
      }
    };
    for (let n = read(); n > 0; n = read()) {
      total += n;
      if (total > MAX_INPUT_BYTES) throw tooLong();
      chunks.push(Buffer.from(buf.subarray(0, n)));
    }
  } finally {
    if (!own) closeSync(fd);
  }
  return Buffer.concat(chunks).toString('utf8');
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

/** Where profile names (`today`, `target`) come from: an organization's profiles, read when a name is first met. */
export type ProfileNames = () => { where: string; profiles: readonly NamedProfile[] };

/** A profile the user chose, with the name they chose it by, if any. */
export interface ProfileChoice {
  profile: Profile;
  name?: string;
}

/**
 * `today (change=2,config=1,...)` for a profile chosen by name, the levels otherwise;
 * with `cal`, a profile held back by "do not skip levels" adds the levels it delivers.
 */
export const choiceLabel = (c: ProfileChoice, cal?: Calibration) => profileLabel(c.profile, c.name, cal ? deliveredProfile(c.profile, cal) : undefined);

/** `--profile` value: inline text, a YAML file (its `name:` kept), or a name from the organization (`today`). */
export function namedProfileArg(text: string, flag = '--profile', names?: ProfileNames): ProfileChoice {
  if (looksLikeFile(text)) return loadNamedProfileFile(text, flag);
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
 * A YAML file of profiles as sweeps take it (one profile or a list; levels, ranges
 * "1..5" or lists per domain; `name:` per item), every problem in it at once.
 */
export function loadProfileListFile(file: string, flag: string): ProfileChoice[] {
  const src = parseYaml(readText(file, flag), file);
  const items = namedGridItemsFromYaml(src.data, (path, message) => ({ file, line: lineOf(src, path), ...(path.length ? { path: path.join('.') } : {}), message }));
  return items.flatMap(({ item, name }) => expandItem(item).map((profile) => ({ profile, ...(name !== undefined ? { name } : {}) })));
}

/**
 * A list of profiles, as every command that takes several writes it (compare, sweep):
 * items separated by ";" once any is written per domain (its commas belong to it), by ","
 * otherwise; each item a level (`3`), a range (`1..5`), a per-domain grid
 * (`change=1..5,config=2`, others at 1 or `*=N`), a name from the organization (`today`),
 * or a YAML file of profiles. A profile given twice (by two items, or by ranges that
 * overlap) is run once; `repeated` hears of it, for a note.
 */
export function namedProfileListArg(text: string, flag = '--profiles', names?: ProfileNames, repeated?: (message: string) => void): ProfileChoice[] {
  const items = looksLikeFile(text) && !text.includes(';') ? [text.trim()] : splitItems(text);
  if (items.length === 0) throw new UserError([{ flag, message: 'no profile given' }]);
  const found: { choice: ProfileChoice; item: string }[] = [];
  for (const item of items) {
    if (looksLikeFile(item)) {
      for (const choice of loadProfileListFile(item, flag)) found.push({ choice, item });
      continue;
    }
    if (isProfileName(item) && names) {
      found.push({ choice: namedProfileArg(item, flag, names), item });
      continue;
    }
    try {
      for (const profile of expandGrid(parseItem(item))) found.push({ choice: { profile }, item });
    } catch (e) {
      if (!(e instanceof GridError)) throw e;
      const hint = semicolonHint(text);
      throw new UserError([{ flag, message: hint ? `${e.message}; ${hint}` : e.message }]);
    }
  }
  const seen = new Map<string, string>();
  const choices: ProfileChoice[] = [];
  for (const { choice, item } of found) {
    const canon = canonicalProfile(choice.profile);
    const first = seen.get(canon);
    if (first === undefined) {
      seen.set(canon, item);
      choices.push(choice);
    } else repeated?.(`${flag}: ${first === item ? `"${item}" gives profile ${canon} more than once` : `"${item}" gives profile ${canon}, as "${first}" does`}; it runs once`);
  }
  if (choices.length === 0) throw new UserError([{ flag, message: 'no profile given' }]);
  return choices;
}

/** `--profiles` value as profiles alone. */
export function profileListArg(text: string, flag = '--profiles', names?: ProfileNames, repeated?: (message: string) => void): Profile[] {
  return namedProfileListArg(text, flag, names, repeated).map((c) => c.profile);
}

/** The names chosen, by canonical profile: for outputs that name a profile beside its levels. */
export function namesOf(choices: readonly ProfileChoice[]): Record<string, string> {
  return Object.fromEntries(choices.filter((c) => c.name).map((c) => [canonicalProfile(c.profile), c.name!]));
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
