// The parameter table: every number the simulator uses, with its unit, distribution and
// source, keyed `<area>.<parameter>[.L<level>]`. The defaults live in defaults.yaml
// (data, not code); users replace entries with an override file checked by the same
// machinery. Checking runs in steps (schema, then rules) and reports every problem.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { DOMAINS, isDomain, LEVELS, type Domain, type Level } from '../model/index.js';
import { UserError, didYouMean, lineOf, parseYaml, zodProblems, type Problem, type YamlSource } from '../util/index.js';
import { BOUNDS, readable, tailOf, type Bound } from './bounds.js';
import { describeDist, distToYaml, sampler, type Dist } from './distributions.js';

export type SourceKind = 'seed' | 'benchmark' | 'judgement';
export interface Source {
  kind: SourceKind;
  /** Seed file and section, publication with year and table, or one line of reasoning. */
  text: string;
}

export const UNITS = ['minutes', 'probability', 'fraction', 'factor', 'hour', 'weekday', 'levels', 'usd', 'usd/minute', 'mix'] as const;
export type Unit = (typeof UNITS)[number];

/** Areas whose parameters do not depend on any level. */
export const WORLD_AREAS = ['users', 'external', 'attacker', 'calendar', 'cost', 'model', 'policy', 'workload'] as const;

export interface Entry {
  /** Dotted key users override by, e.g. `change.failureRate.L1` or `attacker.breakoutTime`. */
  key: string;
  param: string;
  domain?: Domain;
  level?: Level;
  unit: Unit;
  about: string;
  dist: Dist;
  source: Source;
  overridden: boolean;
  /** For a chance that a retried step fails again: what repeats (its value is bounded by BOUNDS.retry). */
  retry?: string;
}

export interface Calibration {
  entries: readonly Entry[];
  byKey: ReadonlyMap<string, Entry>;
  /** Short hash of every effective value: two results with the same hash used the same numbers. */
  hash: string;
  /** Keys replaced by an override file, sorted. */
  overridden: readonly string[];
}

// ---- schema ---------------------------------------------------------------------------

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const pair = z.tuple([finite, finite]);
const triple = z.tuple([finite, finite, finite]);

/** The ways a distribution is written, in the table and in override files. */
const distFields = {
  fixed: finite.optional(),
  p: finite.optional(),
  pert: triple.optional(),
  lognormal90: pair.optional(),
  choice: z.record(z.string(), finite).optional(),
};
const DIST_KEYS = Object.keys(distFields) as (keyof typeof distFields)[];

const benchmark = z.strictObject({ publication: z.string().min(1), year: z.number().int().min(1900).max(2100), table: z.string().min(1) });
const sourceFields = {
  seed: z.string().min(1).optional(),
  benchmark: benchmark.optional(),
  judgement: z.string().min(1).optional(),
};

const levelEntry = z.strictObject({ ...distFields, ...sourceFields, note: z.string().optional() });
const paramBlock = z.strictObject({
  unit: z.enum(UNITS),
  about: z.string().min(1),
  /** A chance that a retried step fails again: what repeats, in a few words. */
  retry: z.string().min(1).optional(),
  ...distFields,
  ...sourceFields,
  ...Object.fromEntries(LEVELS.map((l) => [`L${l}`, levelEntry.optional()])),
});
const tableSchema = z.record(z.string(), paramBlock);

export type DistFields = { [K in keyof typeof distFields]?: z.output<(typeof distFields)[K]> };
type SourceFields = { [K in keyof typeof sourceFields]?: z.output<(typeof sourceFields)[K]> };

// ---- rules ----------------------------------------------------------------------------

/** What a clock and a week have, for checking hours and weekdays (0 is Monday). */
const HOURS_PER_DAY = 24;
const DAYS_PER_WEEK = 7;

/**
 * The one distribution written in `f` (fixed, p, pert, lognormal90 or choice), or a
 * problem saying what is wrong with it. Shared by the table, overrides and scenarios.
 */
export function readDist(f: DistFields, unit: Unit | undefined, limits: Limits = {}): Dist | string {
  const given = DIST_KEYS.filter((k) => f[k] !== undefined);
  if (given.length === 0) return `no value: give one of ${DIST_KEYS.join(', ')}`;
  if (given.length > 1) return `more than one value (${given.join(', ')}); give exactly one`;
  let d: Dist;
  if (f.fixed !== undefined) d = { kind: 'fixed', value: f.fixed };
  else if (f.p !== undefined) d = { kind: 'probability', p: f.p };
  else if (f.pert) d = { kind: 'pert', min: f.pert[0], mode: f.pert[1], max: f.pert[2] };
  else if (f.lognormal90) d = { kind: 'lognormal90', p5: f.lognormal90[0], p95: f.lognormal90[1] };
  else d = { kind: 'choice', weights: f.choice! };
  const wrong = checkDist(d, unit, limits);
  return wrong ?? d;
}

/** What an entry says about its values beyond the unit: a retried step's chance is bounded (BOUNDS.retry). */
export interface Limits {
  retry?: string;
}

export function checkDist(d: Dist, unit: Unit | undefined, limits: Limits = {}): string | undefined {
  if (unit === 'probability' && d.kind !== 'probability' && d.kind !== 'fixed') return `a probability is written {p: ...} or as a number, not as ${d.kind}`;
  if (unit === 'mix' && d.kind !== 'choice') return 'a mix is written {choice: {option: weight, ...}}';
  return checkShape(d, unit) ?? checkRange(d, unit) ?? checkRetry(d, limits);
}

/** A retried step's chance of failing again: at most BOUNDS.retry, or the loop may not end. */
function checkRetry(d: Dist, limits: Limits): string | undefined {
  if (!limits.retry) return undefined;
  const p = d.kind === 'probability' ? d.p : d.kind === 'fixed' ? d.value : undefined;
  if (p === undefined || p <= BOUNDS.retry.value) return undefined;
  return `at most ${BOUNDS.retry.value} for a step that is retried (${limits.retry}), got ${p}: ${BOUNDS.retry.why}`;
}

function checkShape(d: Dist, unit: Unit | undefined): string | undefined {
  switch (d.kind) {
    case 'probability':
      if (d.p < 0 || d.p > 1) return `p must be between 0 and 1, got ${d.p}`;
      if (unit && unit !== 'probability') return `p is a probability, but the unit is ${unit}`;
      return undefined;
    case 'pert':
      if (!(d.min <= d.mode && d.mode <= d.max && d.min < d.max)) return `pert needs min <= mode <= max and min < max, got [${d.min}, ${d.mode}, ${d.max}]`;
      if (d.min < 0 && unit === 'minutes') return 'a duration cannot be negative';
      return undefined;
    case 'lognormal90':
      if (!(d.p5 > 0 && d.p5 < d.p95)) return `lognormal90 needs 0 < p5 < p95, got [${d.p5}, ${d.p95}]`;
      if (d.p95 / d.p5 > BOUNDS.lognormalSpread.value) {
        return `lognormal90 [${d.p5}, ${d.p95}] is too wide: p95 may be at most ${readable(BOUNDS.lognormalSpread.value)} times p5; ${BOUNDS.lognormalSpread.why}`;
      }
      return undefined;
    case 'choice': {
      const w = Object.values(d.weights);
      if (w.length < 2) return 'a choice needs at least two options';
      if (w.some((x) => !(x > 0))) return 'choice weights must be positive';
      const big = w.find((x) => x > BOUNDS.weight.value);
      if (big !== undefined) return `a choice weight is at most ${readable(BOUNDS.weight.value)}, got ${big}: ${BOUNDS.weight.why}`;
      return unit && unit !== 'mix' ? `a choice needs unit mix, but the unit is ${unit}` : undefined;
    }
    case 'fixed':
      if (unit === 'probability' && (d.value < 0 || d.value > 1)) return `a probability must be between 0 and 1, got ${d.value}`;
      if (unit === 'minutes' && d.value < 0) return 'a duration cannot be negative';
      return undefined;
  }
}

/** The lowest and highest values a distribution is written with (a lognormal's 90% interval). */
function bounds(d: Dist): [number, number] | undefined {
  switch (d.kind) {
    case 'fixed':
      return [d.value, d.value];
    case 'pert':
      return [d.min, d.max];
    case 'lognormal90':
      return [d.p5, d.p95];
    default:
      return undefined;
  }
}

/**
 * What each unit can mean. The engine reads hours, weekdays and levels as calendar and
 * profile arithmetic: an hour past 24 or a fractional weekday never comes round (the
 * simulation loops until its step guard), a negative level lead asks for level L-1.
 */
function checkRange(d: Dist, unit: Unit | undefined): string | undefined {
  const b = bounds(d);
  if (!b) return undefined;
  const [lo, hi] = b;
  const whole = d.kind === 'fixed' && Number.isInteger(d.value);
  switch (unit) {
    case 'fraction':
      return lo < 0 || hi > 1 ? `a fraction is from 0 to 1, got ${lo < 0 ? lo : hi}` : undefined;
    case 'hour':
      return lo < 0 || hi > HOURS_PER_DAY ? `an hour is from 0 to ${HOURS_PER_DAY}, got ${lo < 0 ? lo : hi}` : undefined;
    case 'weekday':
      return whole && lo >= 0 && lo < DAYS_PER_WEEK
        ? undefined
        : `a weekday is a whole number from 0 (Monday) to ${DAYS_PER_WEEK - 1} (Sunday), got ${describeDist(d)}`;
    case 'levels':
      if (!(whole && lo >= 0)) return `levels are a whole number from 0, got ${describeDist(d)}`;
      return above(hi, BOUNDS.levels, 'a lead in levels');
    case 'usd':
      return lo < 0 ? `an amount of money cannot be negative, got ${lo}` : above(hi, BOUNDS.usd, 'an amount of money', '$');
    case 'usd/minute':
      return lo < 0 ? `an amount of money cannot be negative, got ${lo}` : above(hi, BOUNDS.usdPerMinute, 'a cost per minute', '$');
    case 'factor':
      return lo < 0 ? `a factor cannot be negative, got ${lo}` : above(hi, BOUNDS.factor, 'a factor');
    case 'minutes':
      return above(hi, BOUNDS.minutes, `a duration (${d.kind === 'lognormal90' ? "a lognormal's p95" : d.kind === 'pert' ? "a PERT's max" : 'a fixed time'})`, '', ' minutes');
    default:
      return undefined;
  }
}

/** The message for `x` above its bound, or undefined. */
function above(x: number, bound: Bound, what: string, prefix = '', suffix = ''): string | undefined {
  return x > bound.value ? `${what} is at most ${prefix}${readable(bound.value)}${suffix}, got ${prefix}${readable(x)}${suffix}: ${bound.why}` : undefined;
}

/**
 * Rules across entries, on the effective table: a business day that ends before it starts
 * has no business hours at all, so a ticket waiting for one would wait forever.
 */
export function crossRules(dist: (key: string) => Dist | undefined): { keys: string[]; message: string }[] {
  // The engine reads both as values (the mean of whatever is written).
  const hour = (key: string) => {
    const d = dist(key);
    return d ? sampler(d).mean : undefined;
  };
  const [start, end] = [hour('calendar.businessDayStart'), hour('calendar.businessDayEnd')];
  const dayKeys = ['calendar.businessDayStart', 'calendar.businessDayEnd'];
  if (start !== undefined && end !== undefined && !(start < end)) {
    return [{ keys: dayKeys, message: `the business day starts at ${start} but ends at ${end}; it must end after it starts` }];
  }
  if (start === undefined || end === undefined) return [];
  const out: { keys: string[]; message: string }[] = [];
  if (end - start < BOUNDS.businessDayHours.value) {
    out.push({ keys: dayKeys, message: `the business day lasts ${end - start} hours; it must last at least ${BOUNDS.businessDayHours.value}: ${BOUNDS.businessDayHours.why}` });
  }
  // A low-priority ticket's wait for acknowledgement is counted in staffed minutes and
  // followed day by day, three machine steps a business day (src/sim/lifecycles/incident.ts,
  // categorize.queued): a wait of 1,000 business days takes 3,000 of the 20,000 steps allowed.
  const perDay = (end - start) * 60;
  for (const level of LEVELS) {
    const backlogKey = `serviceDesk.lowPriorityBacklog.L${level}`;
    const backlog = dist(backlogKey);
    for (const team of ['serviceDesk', 'secOps'] as const) {
      const ackKey = `${team}.ackDelay.L${level}`;
      const ack = dist(ackKey);
      if (!ack || !backlog) continue;
      const days = (tailOf(ack) + tailOf(backlog)) / perDay;
      if (days > BOUNDS.staffedWaitDays.value) {
        out.push({
          keys: [ackKey, backlogKey, ...dayKeys],
          message:
            `at level ${level}, ${ackKey} plus ${backlogKey} reach ${readable(Math.round(days))} business days of ${end - start} hours at their one-in-a-billion draw; ` +
            `at most ${readable(BOUNDS.staffedWaitDays.value)}: ${BOUNDS.staffedWaitDays.why}; lengthen the business day or shorten these waits (--calibration)`,
        });
      }
    }
  }
  return out;
}

function readSource(f: SourceFields): Source | undefined | string {
  const given = (['seed', 'benchmark', 'judgement'] as const).filter((k) => f[k] !== undefined);
  if (given.length > 1) return `more than one source (${given.join(', ')}); give one`;
  if (f.seed) return { kind: 'seed', text: f.seed };
  if (f.benchmark) return { kind: 'benchmark', text: `${f.benchmark.publication} ${f.benchmark.year}, ${f.benchmark.table}` };
  if (f.judgement) return { kind: 'judgement', text: f.judgement };
  return undefined;
}

/** Parses the defaults table (or a whole replacement table) and checks its rules. */
export function parseTable(text: string, file: string): Calibration {
  const src = parseYaml(text, file);
  const parsed = tableSchema.safeParse(src.data);
  if (!parsed.success) throw new UserError(zodProblems(src, parsed.error.issues, tableSchema));
  const problems: Problem[] = [];
  const entries: Entry[] = [];
  const at = (path: (string | number)[], message: string) =>
    problems.push({ file, line: lineOf(src, path), path: path.join('.'), message });
  for (const [param, block] of Object.entries(parsed.data)) {
    const [area] = param.split('.');
    const domain = isDomain(area!) ? area : undefined;
    if (!domain && !(WORLD_AREAS as readonly string[]).includes(area!)) {
      at([param], `unknown area "${area}"${didYouMean(area!, [...DOMAINS, ...WORLD_AREAS])}; areas are the domains and ${WORLD_AREAS.join(', ')}`);
      continue;
    }
    if (!/^[a-z][A-Za-z]*\.[a-z][A-Za-z0-9]*$/.test(param)) at([param], 'a parameter is written area.name in camelCase');
    const shared = readSource(block);
    if (typeof shared === 'string') at([param], shared);
    const levels = LEVELS.filter((l) => (block as Record<string, unknown>)[`L${l}`] !== undefined);
    const topDist = DIST_KEYS.some((k) => block[k] !== undefined);
    if (!domain) {
      if (levels.length) at([param, `L${levels[0]}`], `${area} parameters do not depend on a level; give one value`);
      const d = readDist(block, block.unit, block);
      if (typeof d === 'string') at([param], d);
      const s = typeof shared === 'object' ? shared : undefined;
      if (!s) at([param], 'no source: give seed, benchmark or judgement');
      if (typeof d !== 'string' && s) {
        entries.push({ key: param, param, unit: block.unit, about: block.about, dist: d, source: s, overridden: false, ...(block.retry ? { retry: block.retry } : {}) });
      }
      continue;
    }
    if (topDist) at([param], `${domain} parameters are given per level (L1..L5), not as one value`);
    if (levels.length === 0) at([param], 'no level given');
    for (const l of levels) {
      const e = (block as unknown as Record<string, z.output<typeof levelEntry>>)[`L${l}`]!;
      const d = readDist(e, block.unit, block);
      if (typeof d === 'string') at([param, `L${l}`], d);
      const own = readSource(e);
      if (typeof own === 'string') at([param, `L${l}`], own);
      const s = (typeof own === 'object' ? own : undefined) ?? (typeof shared === 'object' ? shared : undefined);
      if (!s) at([param, `L${l}`], 'no source: give seed, benchmark or judgement here or for the parameter');
      if (typeof d !== 'string' && s) {
        entries.push({
          key: `${param}.L${l}`,
          param,
          domain,
          level: l,
          unit: block.unit,
          about: block.about,
          dist: d,
          source: s,
          overridden: false,
          ...(block.retry ? { retry: block.retry } : {}),
        });
      }
    }
  }
  for (const rule of crossRules((k) => entries.find((e) => e.key === k)?.dist)) at([rule.keys[0]!], rule.message);
  if (problems.length) throw new UserError(problems);
  return build(entries);
}

function build(entries: Entry[]): Calibration {
  const byKey = new Map(entries.map((e) => [e.key, e]));
  const canonical = JSON.stringify(entries.map((e) => [e.key, distToYaml(e.dist)]));
  const hash = createHash('sha256').update(canonical).digest('hex').slice(0, 12);
  return { entries, byKey, hash, overridden: entries.filter((e) => e.overridden).map((e) => e.key).sort() };
}

// ---- overrides ------------------------------------------------------------------------

const overrideValue = z.union([finite, z.strictObject(distFields)]);

/**
 * Replaces entries from an override file: a map of keys to a number (a fixed value, or
 * a probability for probability parameters) or a distribution written as in the table.
 * Each entry is checked on its own, so every problem in the file (a wrong type, an
 * unknown key, a value out of bounds) is reported at once, with its line.
 */
export function applyOverrides(base: Calibration, text: string, file: string): Calibration {
  const src: YamlSource = parseYaml(text, file);
  const data = src.data ?? {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new UserError([{ file, line: lineOf(src, []) ?? 1, message: 'an override file is a mapping of calibration keys to values, e.g. "serviceDesk.ackDelay.L2: {lognormal90: [3, 15]}"' }]);
  }
  const problems: Problem[] = [];
  const replaced = new Map<string, Dist>();
  const keys = [...base.byKey.keys()];
  for (const [key, raw] of Object.entries(data as Record<string, unknown>)) {
    const entry = base.byKey.get(key);
    const line = lineOf(src, [key]);
    if (!entry) {
      problems.push({ file, line, path: key, message: `unknown parameter${didYouMean(key, keys)}; \`imsim calibration\` lists them` });
      continue;
    }
    if (raw === null || (typeof raw !== 'number' && (typeof raw !== 'object' || Array.isArray(raw)))) {
      problems.push({ file, line, path: key, message: `expected a number or a distribution such as {p: 0.2}, {pert: [min, mode, max]} or {lognormal90: [p5, p95]}, got ${describeRaw(raw)}` });
      continue;
    }
    const parsed = overrideValue.safeParse(raw);
    if (!parsed.success) {
      problems.push(...zodProblems(src, parsed.error.issues, overrideValue, [key]));
      continue;
    }
    const value = parsed.data;
    let d: Dist | string;
    if (typeof value === 'number') {
      d = entry.unit === 'probability' ? { kind: 'probability', p: value } : { kind: 'fixed', value };
      d = checkDist(d, entry.unit, entry) ?? d;
    } else d = readDist(value, entry.unit, entry);
    // The simulator acts on a mix's options by name (the change workload's kinds): an
    // override may reweight them, not rename them, or a misspelled kind runs as another.
    if (typeof d !== 'string' && d.kind === 'choice' && entry.dist.kind === 'choice') {
      const known = Object.keys(entry.dist.weights);
      const unknown = Object.keys(d.weights).find((n) => !known.includes(n));
      if (unknown !== undefined) d = `unknown option "${unknown}"${didYouMean(unknown, known)}; the options are ${known.join(', ')}`;
    }
    if (typeof d === 'string') problems.push({ file, line, path: key, message: d });
    else replaced.set(key, d);
  }
  const entries = base.entries.map((e) => (replaced.has(e.key) ? { ...e, dist: replaced.get(e.key)!, overridden: true } : e));
  // Rules across entries hold on what parsed, alongside the problems found so far.
  const byKey = new Map(entries.map((e) => [e.key, e]));
  for (const rule of crossRules((k) => byKey.get(k)?.dist)) {
    // Named at the first of the rule's keys the file sets (one of them is, or the defaults would break it).
    const key = rule.keys.find((k) => replaced.has(k)) ?? rule.keys[0]!;
    problems.push({ file, line: lineOf(src, [key]), path: key, message: rule.message });
  }
  if (problems.length) throw new UserError(problems);
  return build(entries);
}

/** A YAML value in a message: `a list`, `"high"`, `null`. */
function describeRaw(v: unknown): string {
  if (v === null) return 'nothing (null)';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `the text "${v.length > 40 ? `${v.slice(0, 37)}...` : v}"`;
  return typeof v;
}

/** The parameter (area.name) of a key, and whether it is known. */
export function paramsOf(cal: Calibration): string[] {
  return [...new Set(cal.entries.map((e) => e.param))];
}
