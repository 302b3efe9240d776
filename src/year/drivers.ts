// What drives the annual loss: one calibration entry at a time is set low and set high
// (durations, amounts and factors divided and multiplied by a factor; chances and
// fractions moved by the same factor on the odds scale, so they stay inside 0..1), and
// the organization's year is run again at the baseline profile on the same simulated
// years (common random numbers: each year's change is the entry's effect, not luck).
// Each side is an ordinary calibration override, so `imsim year --calibration` with the
// override the report prints gives the same loss. The leaders' report draws the entries
// with the widest swing as a tornado. Pure: which variants to run (driverVariants), and
// their years' losses summed into a DriversResult (driversResult); the CLI runs the years.
import { applyOverrides, distToYaml, describeDist, Parameters, type Calibration, type Dist, type Entry, type Unit } from '../calibration/index.js';
import { canonicalProfile, effectiveProfile, type Profile } from '../model/index.js';
import { ci95Json, round, Summary } from '../stats/index.js';
import { UserError } from '../util/index.js';

/**
 * How far each entry is moved: divided and multiplied by 1.5. Judgement: most entries are
 * a survey's figure or an expert's estimate, good to within about half as much again in
 * either direction; one factor for all keeps the swings comparable between entries.
 */
export const DRIVER_FACTOR = 1.5;

/** Units that are moved; hours, weekdays, levels and mixes are settings, not magnitudes. */
const SCALED: ReadonlySet<Unit> = new Set(['minutes', 'usd', 'usd/minute', 'factor']);
const ODDS: ReadonlySet<Unit> = new Set(['probability', 'fraction']);

const round6 = (x: number) => Number.parseFloat(x.toPrecision(6));

function scaled(x: number, f: number): number {
  return round6(x * f);
}

/** A chance moved on the odds scale: p/(1-p) times f. 0 and 1 stay where they are. */
function oddsScaled(p: number, f: number): number {
  if (p <= 0 || p >= 1) return p;
  return round6((p * f) / (1 - p + p * f));
}

/** The entry's distribution moved by `f` (below 1: low side), or undefined when it cannot move. */
export function moved(e: Entry, f: number): Dist | undefined {
  const m = SCALED.has(e.unit) ? (x: number) => scaled(x, f) : ODDS.has(e.unit) ? (x: number) => oddsScaled(x, f) : undefined;
  if (!m) return undefined;
  const d = e.dist;
  let out: Dist;
  switch (d.kind) {
    case 'fixed':
      out = { kind: 'fixed', value: m(d.value) };
      break;
    case 'probability':
      out = { kind: 'probability', p: m(d.p) };
      break;
    case 'pert':
      out = { kind: 'pert', min: m(d.min), mode: m(d.mode), max: m(d.max) };
      break;
    case 'lognormal90':
      out = { kind: 'lognormal90', p5: m(d.p5), p95: m(d.p95) };
      break;
    default:
      return undefined;
  }
  return JSON.stringify(out) === JSON.stringify(d) ? undefined : out;
}

/** The line of an override file that sets `key` to `d`. */
export function overrideLine(key: string, d: Dist): string {
  return `${key}: ${JSON.stringify(distToYaml(d))}`;
}

/** The entries the simulator reads at `profile` (domain entries at the profile's level, and every world entry). */
export function entriesAt(cal: Calibration, profile: Profile): Entry[] {
  return cal.entries.filter((e) => e.level === undefined || (profile as Record<string, number>)[e.domain!] === e.level);
}

export interface DriverSide {
  /** The entry as set on this side, e.g. `lognormal 90% [6.67, 40]`. */
  value: string;
  /** The override file line that sets it (for `imsim year --calibration`). */
  override: string;
  /** Mean annual loss with the entry so set. */
  loss: number;
  /** Paired change against the baseline calibration, year by year; no interval below two years. */
  change: { mean: number; ci95: [number, number] | null };
}

export interface Driver {
  key: string;
  about: string;
  unit: Unit;
  /** As written in the calibration table. */
  value: string;
  source: { kind: string; text: string };
  low?: DriverSide;
  high?: DriverSide;
  /** Why a side did not run (the moved value breaks a bound of the table). */
  refused?: string;
  /** |high change - low change|: how far the annual loss swings across the entry's range. */
  swing: number;
}

export interface DriversResult {
  profile: { name: string; profile: string; effective: string };
  seed: number;
  years: number;
  factor: number;
  /** Mean annual loss at the baseline calibration over the same years. */
  base: { loss: number; ci95: [number, number] | null };
  /** Every entry moved, widest swing first (ties by key). */
  drivers: Driver[];
  /** Entries read at this profile but not moved (their unit is a setting, or the value cannot move), by key. */
  unmoved: string[];
}

/** One run of the drivers: an entry set to one side of its range. */
export interface DriverVariant {
  entry: Entry;
  side: 'low' | 'high';
  dist: Dist;
  calibration: Calibration;
}

export interface DriverPlan {
  profile: { name: string; profile: Profile };
  effective: Profile;
  /** Entries read at the profile, in table order. */
  candidates: Entry[];
  variants: DriverVariant[];
  /** Entries with a side the table refuses, and why. */
  refused: Map<string, string>;
  unmoved: string[];
}

/** The calibration with one entry replaced, or the reason the table refuses it. */
function withEntry(base: Calibration, key: string, d: Dist): Calibration | string {
  try {
    return applyOverrides(base, overrideLine(key, d), `report drivers (${key})`);
  } catch (e) {
    if (e instanceof UserError) return e.problems.map((p) => p.message).join('; ');
    throw e;
  }
}

/** Which calibrations to run: each entry read at the profile, set low and set high. */
export function driverVariants(calibration: Calibration, profile: { name: string; profile: Profile }): DriverPlan {
  const lead = new Parameters(calibration, profile.profile).value('model.foundationLead');
  const effective = effectiveProfile(profile.profile, lead).profile;
  const candidates = entriesAt(calibration, effective);
  const variants: DriverVariant[] = [];
  const refused = new Map<string, string>();
  const unmoved: string[] = [];
  for (const e of candidates) {
    let any = false;
    for (const [side, f] of [['low', 1 / DRIVER_FACTOR], ['high', DRIVER_FACTOR]] as const) {
      const d = moved(e, f);
      if (!d) continue;
      any = true;
      const cal = withEntry(calibration, e.key, d);
      if (typeof cal === 'string') refused.set(e.key, `${side}: ${cal}`);
      else variants.push({ entry: e, side, dist: d, calibration: cal });
    }
    if (!any) unmoved.push(e.key);
  }
  return { profile, effective, candidates, variants, refused, unmoved };
}

/**
 * The drivers from each year's loss: `base[y]` at the table's values, `losses[i][y]` with
 * variant i, on the same years (so each change is paired year by year).
 */
export function driversResult(plan: DriverPlan, seed: number, base: Float64Array, losses: readonly Float64Array[]): DriversResult {
  const baseSummary = new Summary(false);
  for (const x of base) baseSummary.add(x);
  const bySide = new Map<string, Partial<Record<'low' | 'high', DriverSide>>>();
  plan.variants.forEach((v, i) => {
    const loss = new Summary(false);
    const change = new Summary(false);
    losses[i]!.forEach((x, y) => {
      loss.add(x);
      change.add(x - base[y]!);
    });
    const sides = bySide.get(v.entry.key) ?? {};
    sides[v.side] = {
      value: describeDist(v.dist),
      override: overrideLine(v.entry.key, v.dist),
      loss: round(loss.mean()),
      change: { mean: round(change.mean()), ci95: ci95Json(change.ci95()) },
    };
    bySide.set(v.entry.key, sides);
  });
  const drivers: Driver[] = plan.candidates
    .filter((e) => bySide.has(e.key) || plan.refused.has(e.key))
    .map((e) => {
      const s = bySide.get(e.key) ?? {};
      const lo = s.low?.change.mean ?? 0;
      const hi = s.high?.change.mean ?? 0;
      return {
        key: e.key,
        about: e.about,
        unit: e.unit,
        value: describeDist(e.dist),
        source: { kind: e.source.kind, text: e.source.text },
        ...(s.low ? { low: s.low } : {}),
        ...(s.high ? { high: s.high } : {}),
        ...(plan.refused.has(e.key) ? { refused: plan.refused.get(e.key)! } : {}),
        swing: round(Math.abs(hi - lo)),
      };
    })
    .sort((a, b) => b.swing - a.swing || (a.key < b.key ? -1 : 1));
  return {
    profile: { name: plan.profile.name, profile: canonicalProfile(plan.profile.profile), effective: canonicalProfile(plan.effective) },
    seed,
    years: base.length,
    factor: DRIVER_FACTOR,
    base: { loss: round(baseSummary.mean()), ci95: ci95Json(baseSummary.ci95()) },
    drivers,
    unmoved: plan.unmoved,
  };
}
