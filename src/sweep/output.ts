// The sweep's files. Three formats, chosen by the extension of `--out`:
//
//   .ndjson  a header line, then one line per cell (scenario x profile)
//   .json    one document: {"sweep": header, "results": [cell, ...]}
//   .csv     one row per cell and metric (a rendering: no mergeable state)
//
// A json or ndjson cell carries, next to its readable summary, the summary's exact state
// (exact sums as canonical partials, integer sketch buckets, detection counts), so
// shard outputs can be merged into what one unsharded run writes, byte for byte. The
// writer is incremental (a header, cells in order, a footer) so a sweep can stream cells
// to disk as they finish and a resumed sweep can carry on from a byte offset.
import { effectiveProfile, parseProfile, canonicalProfile, type Profile } from '../model/index.js';
import { CHANNELS, type Channel } from '../sim/metrics.js';
import { Cell, cellCsvRows, ci95Json, CSV_HEADER, ExactSum, round, SKETCH_ACCURACY, Summary, type MetricName } from '../stats/index.js';
import type { Identity, Shard } from './spec.js';

export const FORMATS = ['ndjson', 'json', 'csv'] as const;
export type Format = (typeof FORMATS)[number];

export function formatOf(file: string): Format | undefined {
  const ext = /\.([a-z]+)$/i.exec(file)?.[1]?.toLowerCase();
  return (FORMATS as readonly string[]).includes(ext ?? '') ? (ext as Format) : undefined;
}

/** What heads every json/ndjson output and checkpoint. */
export interface Header extends Identity {
  /** Present on a shard's output; absent on a whole sweep (run or merged). */
  shard?: Shard;
  /** Relative accuracy of every percentile (DDSketch). */
  sketchAccuracy: number;
  /** Names given to profiles in a profile file (`name:`), by canonical profile; absent when none has one. */
  names?: Record<string, string>;
}

export function headerOf(identity: Identity, shard: Shard | undefined, names?: Readonly<Record<string, string>>): Header {
  return {
    ...identity,
    ...(shard && shard.count > 1 ? { shard } : {}),
    sketchAccuracy: SKETCH_ACCURACY,
    ...(names && Object.keys(names).length ? { names: { ...names } } : {}),
  };
}

/** A cell's exact state, serialized canonically (same numbers, same bytes). */
export interface CellState {
  metrics: Record<string, ReturnType<Summary['toJSON']>>;
  detectedBy: Record<string, number>;
  /** Paired differences against the sweep's baseline, when it has one. */
  deltas?: Record<string, ReturnType<Summary['toJSON']>>;
}

const DETECTED_ORDER: readonly (Channel | 'none')[] = [...CHANNELS, 'none'];

export function cellState(cell: Cell): CellState {
  const detectedBy: Record<string, number> = {};
  for (const k of DETECTED_ORDER) {
    const n = cell.detectedBy.get(k);
    if (n) detectedBy[k] = n;
  }
  const deltas = cell.deltas;
  return {
    metrics: Object.fromEntries(cell.names.map((m) => [m, cell.metrics.get(m)!.toJSON()])),
    detectedBy,
    ...(deltas ? { deltas: Object.fromEntries(cell.names.map((m) => [m, deltas.get(m)!.toJSON()])) } : {}),
  };
}

const isCount = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;
const finiteList = (x: unknown) => Array.isArray(x) && x.every((v) => typeof v === 'number' && Number.isFinite(v));

/** Whether partials add up to a finite sum (each may be finite and their sum not). */
function addsUp(partials: readonly number[]): boolean {
  try {
    return Number.isFinite(ExactSum.fromJSON(partials).value());
  } catch {
    return false;
  }
}

/** What is wrong with a summary's serialized state, or undefined: counts whole, sums finite, the sketch holding every run. */
function summaryProblem(j: unknown, sketch: boolean): string | undefined {
  const x = j as Record<string, unknown> | null;
  if (!x || typeof x !== 'object') return 'is not a summary';
  if (!isCount(x.n)) return 'has a count that is not a whole number';
  if (!finiteList(x.sum) || !finiteList(x.sumSq)) return 'has sums that are not finite numbers';
  if (!addsUp(x.sum as number[]) || !addsUp(x.sumSq as number[])) return 'has sums that do not add up to a finite number';
  if (x.n > 0 && !(typeof x.min === 'number' && Number.isFinite(x.min) && typeof x.max === 'number' && Number.isFinite(x.max) && x.min <= x.max)) return 'has no finite min and max';
  if (!sketch) return undefined;
  const k = x.sketch as { zeros?: unknown; buckets?: unknown } | undefined;
  if (!k || typeof k !== 'object' || !isCount(k.zeros) || !Array.isArray(k.buckets)) return 'has no sketch';
  let count = k.zeros;
  for (const b of k.buckets) {
    if (!Array.isArray(b) || b.length !== 2 || !Number.isSafeInteger(b[0]) || !isCount(b[1]) || b[1] === 0) return 'has a sketch bucket that is not [index, count]';
    count += b[1];
  }
  return count === x.n ? undefined : `has a sketch of ${count} runs for ${x.n}`;
}

/**
 * What is wrong with a cell's state read from a file (a merge part, a checkpoint), or
 * undefined. A damaged file is the user's problem to name, not a crash in the merge.
 */
export function stateProblem(state: unknown, withDeltas: boolean): string | undefined {
  const st = state as Partial<CellState> | null;
  if (!st || typeof st !== 'object' || !st.metrics || typeof st.metrics !== 'object') return 'has no metrics';
  const names = Object.keys(st.metrics);
  if (names.length === 0) return 'has no metrics';
  let n: number | undefined;
  for (const m of names) {
    const wrong = summaryProblem(st.metrics[m], true);
    if (wrong) return `${m} ${wrong}`;
    const count = (st.metrics[m] as { n: number }).n;
    if (n !== undefined && count !== n) return `${m} counts ${count} runs where the other metrics count ${n}`;
    n = count;
  }
  const detected = st.detectedBy as Record<string, unknown> | undefined;
  if (!detected || typeof detected !== 'object') return 'has no detection counts';
  let total = 0;
  for (const [k, v] of Object.entries(detected)) {
    if (!(DETECTED_ORDER as readonly string[]).includes(k) || !isCount(v)) return `has a detection count "${k}" that is not a channel and a whole number`;
    total += v;
  }
  if (total !== n) return `has detection counts for ${total} runs of ${n}`;
  if (Boolean(st.deltas) !== withDeltas) return withDeltas ? 'has no paired deltas, though the sweep has a baseline' : 'has paired deltas, though the sweep has no baseline';
  for (const m of names) {
    if (!st.deltas) break;
    const wrong = summaryProblem(st.deltas[m], false);
    if (wrong) return `delta of ${m} ${wrong}`;
  }
  return undefined;
}

export function cellFromState(state: CellState): Cell {
  return Cell.fromJSON(Object.keys(state.metrics) as MetricName[], state as Parameters<typeof Cell.fromJSON>[1]);
}

/** One cell as read from a file: where it belongs and its state. */
export interface CellRecord {
  scenario: string;
  profile: string;
  /** The effective profile when "do not skip levels" caps the nominal one. */
  effective?: string;
  state: CellState;
}

export function cellRecord(scenario: string, profile: Profile, lead: number, cell: Cell): CellRecord {
  const eff = effectiveProfile(profile, lead);
  return {
    scenario,
    profile: canonicalProfile(profile),
    ...(eff.caps.length ? { effective: canonicalProfile(eff.profile) } : {}),
    state: cellState(cell),
  };
}

/** Probabilities at which the loss exceedance curve is read: 1 in 2, 5, 10, 20, 100. */
const EXCEEDANCE = [0.5, 0.2, 0.1, 0.05, 0.01];

function statsOf(s: Summary) {
  const st = s.stats();
  return {
    mean: round(st.mean),
    p50: round(st.p50),
    p90: round(st.p90),
    p95: round(st.p95),
    ci95: ci95Json(st.ci95),
    min: round(s.min),
    max: round(s.max),
  };
}

/** A paired difference: mean and its 95% interval (signed values: no percentiles). */
function deltaOf(s: Summary) {
  return { mean: round(s.mean()), ci95: ci95Json(s.ci95()), min: round(s.min), max: round(s.max) };
}

/** The readable part of a cell: what people and spreadsheets read. */
function summaryOf(r: CellRecord, cell: Cell, baseline: string | undefined) {
  const deltas = cell.deltas;
  const n = cell.metrics.get(cell.names[0]!)!.n;
  const cost = cell.metrics.get('cost')?.sketch;
  return {
    scenario: r.scenario,
    profile: r.profile,
    ...(r.effective ? { effective: r.effective } : {}),
    n,
    metrics: Object.fromEntries(cell.names.map((m) => [m, statsOf(cell.metrics.get(m)!)])),
    detectedBy: Object.fromEntries(Object.entries(cell.detectedShares()).map(([k, v]) => [k, round(v)])),
    ...(cost ? { lossExceedance: EXCEEDANCE.map((p) => ({ probability: p, cost: round(cost.quantile(1 - p)) })) } : {}),
    ...(deltas ? { delta: { from: baseline, metrics: Object.fromEntries(cell.names.map((m) => [m, deltaOf(deltas.get(m)!)])) } } : {}),
  };
}

/** A cell's CSV rows in the schema compare --csv shares (stats/csv.ts). */
function csvRows(header: Header, r: CellRecord, cell: Cell): string {
  const key = { seed: header.seed, scenario: r.scenario, profile: r.profile, effective: r.effective ?? r.profile, ...(header.names?.[r.profile] ? { name: header.names[r.profile] } : {}) };
  return cellCsvRows(key, cell, header.baseline).map((row) => `${row}\n`).join('');
}

/** Renders a sweep file piece by piece: head, then cells in order, then tail. */
export class Renderer {
  constructor(
    readonly format: Format,
    readonly header: Header,
  ) {}

  head(): string {
    switch (this.format) {
      case 'ndjson':
        return `${JSON.stringify({ type: 'header', ...this.header })}\n`;
      case 'json':
        return `{"sweep":${JSON.stringify(this.header)},"results":[\n`;
      case 'csv':
        return `${CSV_HEADER}\n`;
    }
  }

  /** The `index`-th cell written (0-based): json separates cells with commas. */
  cell(r: CellRecord, index: number, cell = cellFromState(r.state)): string {
    switch (this.format) {
      case 'ndjson':
        return `${JSON.stringify({ type: 'cell', ...summaryOf(r, cell, this.header.baseline), state: r.state })}\n`;
      case 'json':
        return `${index === 0 ? '' : ',\n'}${JSON.stringify({ ...summaryOf(r, cell, this.header.baseline), state: r.state })}`;
      case 'csv':
        return csvRows(this.header, r, cell);
    }
  }

  tail(cells: number): string {
    return this.format === 'json' ? `${cells ? '\n' : ''}]}\n` : '';
  }
}

/** A record read back from a json or ndjson line (the readable part is recomputed from state). */
export function recordOf(line: { scenario: string; profile: string; effective?: string; state: CellState }): CellRecord {
  return { scenario: line.scenario, profile: line.profile, ...(line.effective ? { effective: line.effective } : {}), state: line.state };
}

/** Checks a profile string from a file parses (a corrupt file fails here, not deep in a merge). */
export function checkProfileText(text: string): boolean {
  try {
    return canonicalProfile(parseProfile(text)) === text;
  } catch {
    return false;
  }
}
