// The one CSV schema of imsim's results, written by `compare --csv` and by sweep and
// merge `.csv` outputs alike: long form, one row per statistic, so a spreadsheet or a
// data frame pivots it as it likes and every row says where it comes from.
//
//   seed          master seed of the runs
//   scenario      scenario id
//   profile       the profile asked for (canonical: `3`, or every domain `change=2,...`)
//   profile_name  its name when it came from a file with `name:`; else empty
//   effective     the levels it delivers after "do not skip levels" (same as profile when uncapped)
//   baseline      empty for the metric at this profile; a profile for the paired change
//                 against it, replication by replication
//   metric        mttd, mtta, mttr, mttc, close, disruption, cost, ...; detectedBy.CHANNEL
//   statistic     n, mean, p50, p90, p95, ci95_low, ci95_high, min, max (a paired change
//                 has no percentiles); share for detectedBy rows
//   value         rounded to 4 decimals; empty where not defined (an interval of one run)
//
// Pure text: callers write it.
import { canonicalProfile, effectiveProfile, type Profile } from '../model/index.js';
import { round, type Cell, type MetricName, type ScenarioComparison } from './compare.js';
import type { Summary } from './summary.js';

export const CSV_COLUMNS = ['seed', 'scenario', 'profile', 'profile_name', 'effective', 'baseline', 'metric', 'statistic', 'value'] as const;
export const CSV_HEADER = CSV_COLUMNS.join(',');

/** Where a cell's rows come from: the columns before metric. */
export interface CsvKey {
  seed: number;
  scenario: string;
  profile: string;
  name?: string;
  effective: string;
}

/**
 * A field as CSV: quoted when it holds a comma, a quote or a line break; a number rounded;
 * a figure with no value (a time over no run with an incident) empty, as JSON's null.
 */
export function csvField(v: string | number): string {
  if (typeof v === 'number') return Number.isNaN(v) ? '' : String(round(v));
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function row(key: CsvKey, baseline: string, metric: string, statistic: string, value: number | ''): string {
  return [key.seed, key.scenario, key.profile, key.name ?? '', key.effective, baseline, metric, statistic, value].map(csvField).join(',');
}

function summaryRows(out: string[], key: CsvKey, baseline: string, metric: string, s: Summary, percentiles: boolean): void {
  const st = s.stats();
  // An interval needs two runs; with one it is left empty (and anything else not finite shows, as a bug should).
  const interval = (x: number): number | '' => (st.n < 2 ? '' : x);
  const values: [string, number | ''][] = [
    ['n', st.n],
    ['mean', st.mean],
    ...(percentiles ? ([['p50', st.p50], ['p90', st.p90], ['p95', st.p95]] as [string, number][]) : []),
    ['ci95_low', interval(st.ci95[0])],
    ['ci95_high', interval(st.ci95[1])],
    ['min', s.min],
    ['max', s.max],
  ];
  for (const [statistic, value] of values) out.push(row(key, baseline, metric, statistic, value));
}

/**
 * A cell's rows: each metric's statistics, the detection channels' shares (of the runs
 * with an incident), then its paired change against `baseline` when the cell has one.
 */
export function cellCsvRows(key: CsvKey, cell: Cell, baseline?: string): string[] {
  const out: string[] = [];
  for (const m of cell.names) summaryRows(out, key, '', m, cell.metrics.get(m)!, true);
  for (const [channel, share] of Object.entries(cell.detectedShares())) out.push(row(key, '', `detectedBy.${channel}`, 'share', share));
  if (cell.deltas && baseline !== undefined) out.push(...deltaCsvRows(key, baseline, cell.names, cell.deltas));
  return out;
}

/** The paired change of `key`'s profile against `baseline`, metric by metric. */
export function deltaCsvRows(key: CsvKey, baseline: string, names: readonly MetricName[], deltas: ReadonlyMap<MetricName, Summary>): string[] {
  const out: string[] = [];
  for (const m of names) summaryRows(out, key, baseline, m, deltas.get(m)!, false);
  return out;
}

/** A comparison's rows: every profile's cell, then each profile's paired change against the first. */
export function comparisonCsvRows(c: ScenarioComparison, seed: number, names: Readonly<Record<string, string>>, lead: number): string[] {
  const keyOf = (p: Profile): CsvKey => {
    const profile = canonicalProfile(p);
    return { seed, scenario: c.scenario.id, profile, effective: canonicalProfile(effectiveProfile(p, lead).profile), ...(names[profile] ? { name: names[profile] } : {}) };
  };
  const out: string[] = [];
  for (const { profile, cell } of c.results) out.push(...cellCsvRows(keyOf(profile), cell));
  for (const d of c.deltas) out.push(...deltaCsvRows(keyOf(d.to), canonicalProfile(d.from), c.metrics, d.metrics));
  return out;
}
