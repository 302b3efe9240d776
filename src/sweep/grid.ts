// Expanding `--profiles` into the list of profiles a sweep runs. Pure: parsing and
// cross products, no files (the CLI reads a profile file and hands its parsed YAML here).
//
//   1,3                       uniform levels
//   1..5                      a range of uniform levels (five profiles)
//   change=1..5,config=2..3   the cross product over the named domains, others at the
//                             default level (1), or at `*=` when given: `*=3,change=1..5`;
//                             `*=1..5` is the whole grid, 5^5 = 3,125 profiles
//   1,3;change=3,config=3     a list: items separated by ";" (needed once an item has "=")
//
// Profiles come out in the order written, each cross product with the first domain (in
// the model's domain order) varying slowest; a profile given twice is kept once.
import { canonicalProfile, DEFAULT_LEVEL, DOMAINS, isDomain, LEVELS, semicolonHint, type Domain, type Level, type Profile } from '../model/index.js';
import { didYouMean, UserError, type Problem } from '../util/index.js';

/** The levels one domain takes in a grid item. */
export type LevelSet = readonly Level[];

/** One grid item: for each domain, the levels it ranges over. */
export type GridItem = Readonly<Record<Domain, LevelSet>>;

export class GridError extends Error {
  override name = 'GridError';
}

/** `3`, `1..5`, or a list of them written as a YAML sequence. */
export function parseLevels(raw: string): LevelSet {
  const text = raw.trim();
  const range = /^(\d+)\s*\.\.\s*(\d+)$/.exec(text);
  if (range) {
    const [from, to] = [level(range[1]!), level(range[2]!)];
    if (from > to) throw new GridError(`range "${text}" goes down; write ${to}..${from}`);
    return LEVELS.filter((l) => l >= from && l <= to);
  }
  if (/^\d+$/.test(text)) return [level(text)];
  throw new GridError(`"${text}" is not a level (1 to 5) or a range such as 1..5`);
}

function level(text: string): Level {
  const n = Number(text);
  if (!LEVELS.includes(n as Level)) throw new GridError(`level must be 1 to 5, got ${text}`);
  return n as Level;
}

/** Builds an item from the levels given per domain; `rest` is what unnamed domains take. */
export function gridItem(named: Partial<Record<Domain, LevelSet>>, rest: LevelSet = [DEFAULT_LEVEL]): GridItem {
  return Object.fromEntries(DOMAINS.map((d) => [d, named[d] ?? rest])) as Record<Domain, LevelSet>;
}

/**
 * One inline item: `3` or `1..5` (uniform profiles: every domain at the same level, one
 * profile per level), or `domain=levels,...` with an optional `*=levels` (a grid).
 */
export function parseItem(text: string): GridItem[] {
  const t = text.trim();
  if (t === '') throw new GridError('empty profile');
  if (!t.includes('=')) {
    return t
      .split(',')
      .filter((x) => x.trim() !== '')
      .flatMap((x) => parseLevels(x).map((l) => gridItem({}, [l])));
  }
  const named: Partial<Record<Domain, LevelSet>> = {};
  let rest: LevelSet | undefined;
  for (const part of t.split(',')) {
    const [rawKey, rawValue, ...more] = part.split('=');
    const key = (rawKey ?? '').trim();
    if (rawValue === undefined || more.length > 0 || key === '') throw new GridError(`"${part.trim()}" is not of the form domain=level or domain=from..to`);
    if (key === '*') {
      if (rest) throw new GridError('"*" is given twice');
      rest = parseLevels(rawValue);
      continue;
    }
    if (!isDomain(key)) throw new GridError(`unknown domain "${key}"${didYouMean(key, DOMAINS)}; domains are ${DOMAINS.join(', ')} (or * for the others)`);
    if (named[key]) throw new GridError(`domain "${key}" is given twice`);
    named[key] = parseLevels(rawValue);
  }
  return [gridItem(named, rest)];
}

/** Splits an inline `--profiles` value into items: by ";" once any item is per domain, else by ",". */
export function splitItems(text: string): string[] {
  const parts = text.includes(';') || text.includes('=') ? text.split(';') : text.split(',');
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/** Every profile of an item, first domain slowest. */
export function expandItem(item: GridItem): Profile[] {
  let out: Record<Domain, Level>[] = [{} as Record<Domain, Level>];
  for (const d of DOMAINS) out = out.flatMap((p) => item[d].map((l) => ({ ...p, [d]: l })));
  return out;
}

/** The profiles of several items, in order, each kept once. */
export function expandGrid(items: readonly GridItem[]): Profile[] {
  const seen = new Set<string>();
  const out: Profile[] = [];
  for (const item of items) {
    for (const p of expandItem(item)) {
      const key = canonicalProfile(p);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(p);
    }
  }
  return out;
}

/** An inline `--profiles` value to profiles; a mistake is a UserError naming the flag. */
export function profileGrid(text: string, flag = '--profiles'): Profile[] {
  const items = splitItems(text);
  if (items.length === 0) throw new UserError([{ flag, message: 'no profile given' }]);
  try {
    return expandGrid(items.flatMap(parseItem));
  } catch (e) {
    if (e instanceof GridError) {
      const hint = semicolonHint(text);
      throw new UserError([{ flag, message: hint ? `${e.message}; ${hint}` : e.message }]);
    }
    throw e;
  }
}

/**
 * A profile file's parsed YAML to grid items. The file is one profile (a mapping of
 * domains to a level, a range "1..5" or a list of levels, with an optional `default`
 * for the domains not named) or a list of them; a list item may also be a number or an
 * inline string such as "change=1..5". Problems carry the path within the file;
 * `at` turns a path into a problem (the caller knows the file and its lines).
 */
export function gridItemsFromYaml(data: unknown, at: (path: (string | number)[], message: string) => Problem): GridItem[] {
  return namedGridItemsFromYaml(data, at).map((n) => n.item);
}

/** As gridItemsFromYaml, with each item's `name:` (a mapping may name its profiles). */
export function namedGridItemsFromYaml(data: unknown, at: (path: (string | number)[], message: string) => Problem): { item: GridItem; name?: string }[] {
  const problems: Problem[] = [];
  const items: { item: GridItem; name?: string }[] = [];
  const one = (value: unknown, path: (string | number)[]): void => {
    try {
      if (typeof value === 'number' || typeof value === 'string') {
        items.push(...parseItem(String(value)).map((item) => ({ item })));
        return;
      }
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        problems.push(at(path, 'expected a profile: a level, "domain=level,...", or a mapping of domains to levels'));
        return;
      }
      const named: Partial<Record<Domain, LevelSet>> = {};
      let rest: LevelSet | undefined;
      let name: string | undefined;
      for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
        if (key === 'name') {
          if (typeof v === 'string' && v.trim() !== '') name = v.trim();
          else problems.push(at([...path, key], 'a name is a non-empty text'));
          continue;
        }
        let levels: LevelSet;
        if (Array.isArray(v) && v.length === 0) {
          problems.push(at([...path, key], 'an empty list of levels: give a level, a range such as 1..5, or a list of levels'));
          continue;
        }
        try {
          levels = Array.isArray(v) ? v.map((x) => parseLevels(String(x))).flat() : parseLevels(String(v));
        } catch (e) {
          if (e instanceof GridError) problems.push(at([...path, key], e.message));
          else throw e;
          continue;
        }
        if (key === 'default' || key === '*') rest = levels;
        else if (isDomain(key)) named[key] = [...new Set(levels)].sort();
        else problems.push(at([...path, key], `unknown domain "${key}"${didYouMean(key, [...DOMAINS, 'default', 'name'])}`));
      }
      items.push({ item: gridItem(named, rest), ...(name !== undefined ? { name } : {}) });
    } catch (e) {
      if (e instanceof GridError) problems.push(at(path, e.message));
      else throw e;
    }
  };
  if (Array.isArray(data)) {
    if (data.length === 0) problems.push(at([], 'the list of profiles is empty'));
    data.forEach((v, i) => one(v, [i]));
  } else one(data, []);
  if (problems.length) throw new UserError(problems);
  return items;
}
