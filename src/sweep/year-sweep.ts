// A sweep whose unit is an organization's years: variants of the organization (each a
// combination of `--set` values, a staffing what-if) x its profiles x simulated years.
// The work is cut into units of (variant, block of years), numbered variant by variant;
// a shard is a contiguous range of units, a checkpoint records the units done and the
// accumulators' exact state, and a merge adds the parts' states. Exact sums and integer
// sketches make every output the same byte for byte whatever the worker count, the
// shard split or an interruption and resume.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import type { Calibration } from '../calibration/index.js';
import { canonicalProfile, type Profile } from '../model/index.js';
import type { Organization } from '../org/index.js';
import { UserError, outputTarget, writeAtomic, writeOutput } from '../util/index.js';
import { addYears, layoutOf, YearAccumulator, yearFrame, yearModel, yearResult, type YearFrame, type YearResult } from '../year/index.js';
import type { Shard } from './spec.js';
import { runBlocks } from './year.js';
import type { YearWorkerInit } from './year-worker.js';

export const YEAR_SWEEP_KIND = 'imsim-year-sweep';
const CHECKPOINT_KIND = 'imsim-year-sweep-checkpoint';
/** Bumped when the output or checkpoint changes incompatibly. */
const FORMAT = 1;
/** Years per unit unless --block says otherwise. */
export const DEFAULT_YEAR_BLOCK = 10;

export interface YearVariant {
  /** The `--set` values that make it, e.g. ["teams.serviceDesk.shifts.0.staff=4"]. */
  sets: string[];
  org: Organization;
}

export interface YearSweepSpec {
  variants: YearVariant[];
  profiles: { name: string; profile: Profile }[];
  calibration: Calibration;
  seed: number;
  years: number;
  block: number;
  shard?: Shard;
}

export interface YearSweepIdentity {
  kind: typeof YEAR_SWEEP_KIND;
  format: number;
  seed: number;
  years: number;
  block: number;
  profiles: string[];
  calibration: string;
  variants: string[][];
  /** Short hash of the organizations' content: the same --set values on an edited file are not the same sweep. */
  orgHash: string;
}

export function yearSweepIdentity(s: YearSweepSpec): YearSweepIdentity {
  return {
    kind: YEAR_SWEEP_KIND,
    format: FORMAT,
    seed: s.seed,
    years: s.years,
    block: s.block,
    profiles: s.profiles.map((p) => `${p.name}=${canonicalProfile(p.profile)}`),
    calibration: s.calibration.hash,
    variants: s.variants.map((v) => v.sets),
    orgHash: createHash('sha256').update(JSON.stringify(s.variants.map((v) => v.org))).digest('hex').slice(0, 12),
  };
}

/** Unit arithmetic: variant-major, blocks of years. */
export class YearUnits {
  readonly blocks: number;
  readonly total: number;
  readonly from: number;
  readonly to: number;
  constructor(
    readonly years: number,
    readonly block: number,
    variants: number,
    shard?: Shard,
  ) {
    this.blocks = Math.ceil(years / block);
    this.total = variants * this.blocks;
    const s = shard ?? { index: 0, count: 1 };
    this.from = Math.floor((this.total * s.index) / s.count);
    this.to = Math.floor((this.total * (s.index + 1)) / s.count);
  }

  variantOf(unit: number): number {
    return Math.floor(unit / this.blocks);
  }

  yearsOf(unit: number): [number, number] {
    const b = unit % this.blocks;
    return [b * this.block, Math.min(this.years, (b + 1) * this.block)];
  }
}

/** One variant in an output: its frame, its accumulated state and the result rendered from it. */
export interface VariantRecord {
  sets: string[];
  years: number;
  frame: YearFrame;
  state: ReturnType<YearAccumulator['toJSON']>;
  result: YearResult;
}

export interface YearSweepOutput {
  identity: YearSweepIdentity;
  /** Units [from, to) of the sweep this output holds (all of them for a whole sweep or a merge). */
  units: [number, number];
  variants: VariantRecord[];
}

function record(sets: string[], frame: YearFrame, acc: YearAccumulator): VariantRecord {
  return { sets, years: acc.replications, frame, state: acc.toJSON(), result: yearResult(frame, acc) };
}

/** A YearResult as CSV (the report's renderer, passed in: sweeps import no renderer). */
export type YearCsv = (r: YearResult) => string;

/** The output's text in the format of `file`: .json, .ndjson (both mergeable) or .csv (a `variant` column first). */
export function yearSweepText(o: YearSweepOutput, file: string, yearCsv: YearCsv): string {
  if (file.endsWith('.csv')) {
    const lines = o.variants.flatMap((v, i) =>
      yearCsv(v.result)
        .trimEnd()
        .split('\n')
        .slice(i === 0 ? 0 : 1)
        .map((l, j) => (i === 0 && j === 0 ? `variant,${l}` : `${csvCell(v.sets.join(';'))},${l}`)),
    );
    return `${lines.join('\n')}\n`;
  }
  if (file.endsWith('.ndjson')) return `${[JSON.stringify({ identity: o.identity, units: o.units }), ...o.variants.map((v) => JSON.stringify(v))].join('\n')}\n`;
  return `${JSON.stringify(o, null, 2)}\n`;
}

function csvCell(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

interface Checkpoint {
  kind: typeof CHECKPOINT_KIND;
  identity: YearSweepIdentity;
  units: [number, number];
  done: number[];
  states: Record<string, ReturnType<YearAccumulator['toJSON']>>;
}

export const yearCheckpointPath = (out: string) => `${out}.checkpoint`;

export interface YearSweepRun extends YearSweepSpec {
  out: string;
  csv: YearCsv;
  workers: number;
  resume: boolean;
  checkpointEvery: number;
  /** Units done of this run's, and their total (for progress). */
  progress?: (done: number, total: number) => void;
  note(text: string): void;
  signal?: AbortSignal;
}

export interface YearSweepOutcome {
  units: number;
  resumed: number;
  years: number;
  interrupted: boolean;
  threads: number;
}

export async function runYearSweep(o: YearSweepRun): Promise<YearSweepOutcome> {
  const identity = yearSweepIdentity(o);
  const units = new YearUnits(o.years, o.block, o.variants.length, o.shard);
  const frames = o.variants.map((v) => yearFrame({ model: yearModel(v.org, o.calibration), profiles: o.profiles, seed: o.seed, calibration: o.calibration }));
  const k = layoutOf(frames[0]!).size;
  const accs = new Map<number, YearAccumulator>();
  const accOf = (v: number) => {
    let a = accs.get(v);
    if (!a) accs.set(v, (a = new YearAccumulator(o.profiles.length, k)));
    return a;
  };
  const done = new Set<number>();
  const cpFile = yearCheckpointPath(o.out);
  if (!o.resume && existsSync(cpFile)) {
    throw new UserError([{ flag: '--resume', file: cpFile, message: 'an interrupted sweep left this checkpoint: run the same command with --resume to finish it, or remove the file to start again' }]);
  }
  if (o.resume) {
    if (!existsSync(cpFile)) o.note(`no checkpoint ${cpFile} to resume: starting from the beginning`);
    else {
      const cp = JSON.parse(readFileSync(cpFile, 'utf8')) as Checkpoint;
      if (cp.kind !== CHECKPOINT_KIND || JSON.stringify(cp.identity) !== JSON.stringify(identity) || cp.units[0] !== units.from || cp.units[1] !== units.to) {
        throw new UserError([{ flag: '--resume', file: cpFile, message: 'belongs to a different year sweep (organization, --set values, profiles, seed, years, block or shard differ)' }]);
      }
      cp.done.forEach((u) => done.add(u));
      for (const [v, s] of Object.entries(cp.states)) accs.set(Number(v), YearAccumulator.fromJSON(s));
    }
  }
  const resumed = done.size;
  const pending: number[] = [];
  for (let u = units.from; u < units.to; u++) if (!done.has(u)) pending.push(u);
  const checkpoint = () => {
    const cp: Checkpoint = { kind: CHECKPOINT_KIND, identity, units: [units.from, units.to], done: [...done].sort((a, b) => a - b), states: Object.fromEntries([...accs].sort((a, b) => a[0] - b[0]).map(([v, a]) => [String(v), a.toJSON()])) };
    writeAtomic(cpFile, JSON.stringify(cp));
  };
  const threads = Math.max(1, Math.min(o.workers, pending.length));
  let interrupted = false;
  if (pending.length) {
    const init: YearWorkerInit = { orgs: o.variants.map((v) => v.org), calibration: o.calibration, profiles: o.profiles, seed: o.seed };
    let dirty = false;
    const timer = setInterval(() => {
      if (dirty) {
        checkpoint();
        dirty = false;
      }
    }, o.checkpointEvery);
    const blocks = pending.map((unit) => {
      const [first, end] = units.yearsOf(unit);
      return { unit, variant: units.variantOf(unit), first, end };
    });
    try {
      await runBlocks(
        init,
        threads,
        blocks,
        (b, figures) => {
          addYears(accOf(b.variant), figures);
          done.add(b.unit);
          dirty = true;
          o.progress?.(done.size - resumed, pending.length);
        },
        o.signal,
      );
    } finally {
      clearInterval(timer);
    }
    interrupted = Boolean(o.signal?.aborted) && done.size < units.to - units.from;
  }
  if (interrupted) {
    checkpoint();
    return { units: units.to - units.from, resumed, years: 0, interrupted: true, threads };
  }
  const touched = [...new Set(Array.from({ length: units.to - units.from }, (_, i) => units.variantOf(units.from + i)))];
  const output: YearSweepOutput = {
    identity,
    units: [units.from, units.to],
    variants: touched.map((v) => record(o.variants[v]!.sets, frames[v]!, accOf(v))),
  };
  writeOutput(outputTarget(o.out, '--out'), yearSweepText(output, o.out, o.csv), o.note);
  rmSync(cpFile, { force: true });
  return { units: units.to - units.from, resumed, years: output.variants.reduce((n, v) => n + v.years, 0), interrupted: false, threads };
}

/** Reads a year sweep output (.json or .ndjson), or undefined when the file is not one. */
export function readYearSweep(file: string): YearSweepOutput | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  if (!text.slice(0, 300).includes(YEAR_SWEEP_KIND)) return undefined;
  try {
    if (file.endsWith('.ndjson')) {
      const [head, ...rest] = text.trimEnd().split('\n');
      const h = JSON.parse(head!) as Pick<YearSweepOutput, 'identity' | 'units'>;
      return { ...h, variants: rest.map((l) => JSON.parse(l) as VariantRecord) };
    }
    return JSON.parse(text) as YearSweepOutput;
  } catch (e) {
    throw new UserError([{ file, message: `not a readable year sweep output: ${(e as Error).message}` }]);
  }
}

/** Merges the parts of a sharded year sweep into what the whole sweep writes. */
export function mergeYearSweeps(files: readonly string[], outFile: string, csv: YearCsv, note: (text: string) => void = () => {}): YearSweepOutput {
  const parts = files.map((f) => {
    const p = readYearSweep(f);
    if (!p) throw new UserError([{ file: f, message: 'is not a year sweep output (made by `imsim sweep --org ... --years N`)' }]);
    return { f, p };
  });
  const id = JSON.stringify(parts[0]!.p.identity);
  for (const { f, p } of parts) {
    if (JSON.stringify(p.identity) !== id) throw new UserError([{ file: f, message: `belongs to a different year sweep than ${parts[0]!.f}` }]);
  }
  const identity = parts[0]!.p.identity;
  const total = new YearUnits(identity.years, identity.block, identity.variants.length).total;
  const ranges = parts.map(({ f, p }) => ({ f, r: p.units })).sort((a, b) => a.r[0] - b.r[0]);
  let at = 0;
  for (const { f, r } of ranges) {
    if (r[0] !== at) throw new UserError([{ file: f, message: r[0] < at ? `overlaps another part (units ${r[0]}..${r[1] - 1})` : `units ${at}..${r[0] - 1} are in no part: a shard is missing` }]);
    at = r[1];
  }
  if (at !== total) throw new UserError([{ flag: 'PARTS', message: `units ${at}..${total - 1} are in no part: a shard is missing` }]);
  const byVariant = new Map<string, { sets: string[]; frame: YearFrame; acc: YearAccumulator }>();
  for (const { p } of parts) {
    for (const v of p.variants) {
      const key = JSON.stringify(v.sets);
      const got = byVariant.get(key);
      if (got) got.acc.merge(YearAccumulator.fromJSON(v.state));
      else byVariant.set(key, { sets: v.sets, frame: v.frame, acc: YearAccumulator.fromJSON(v.state) });
    }
  }
  const output: YearSweepOutput = {
    identity,
    units: [0, total],
    variants: identity.variants.map((sets) => {
      const v = byVariant.get(JSON.stringify(sets))!;
      return record(v.sets, v.frame, v.acc);
    }),
  };
  writeOutput(outputTarget(outFile, '--out', { streams: true }), yearSweepText(output, outFile, csv), note);
  return output;
}

/**
 * `--set` values of a sweep as variants: each `path=values` gives a list (`3..6` an
 * integer range, `a,b,c` a list, a single value), and the variants are every combination,
 * in order (the first --set varies slowest).
 */
export function setGrid(args: readonly string[]): string[][] | string {
  let combos: string[][] = [[]];
  for (const arg of args) {
    const eq = arg.indexOf('=');
    if (eq <= 0) return `"${arg}" is not path=values, e.g. teams.serviceDesk.shifts.0.staff=3..6`;
    const path = arg.slice(0, eq).trim();
    const text = arg.slice(eq + 1).trim();
    const range = /^(-?\d+)\s*\.\.\s*(-?\d+)$/.exec(text);
    let values: string[];
    if (range) {
      const a = Number(range[1]);
      const b = Number(range[2]);
      if (b < a) return `${arg}: the range ${a}..${b} is empty (write the smaller number first)`;
      if (b - a > 1000) return `${arg}: more than 1,000 values`;
      values = Array.from({ length: b - a + 1 }, (_, i) => String(a + i));
    } else values = text.startsWith('{') || text.startsWith('[') ? [text] : text.split(',').map((s) => s.trim());
    if (values.some((v) => v === '')) return `${arg}: an empty value`;
    combos = combos.flatMap((c) => values.map((v) => [...c, `${path}=${v}`]));
    if (combos.length > 10_000) return 'more than 10,000 combinations of --set values';
  }
  return combos;
}
