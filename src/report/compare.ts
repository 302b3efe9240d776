// The comparison as people read it (a plain table per scenario) and as spreadsheets
// read it (CSV, one row per scenario, profile and metric).
import { canonicalProfile, type Profile } from '../model/index.js';
import type { MetricName, ScenarioComparison } from '../stats/index.js';
import { round } from '../stats/index.js';
import { duration } from './timeline.js';

export const METRIC_LABELS: Record<MetricName, string> = {
  incident: 'incident rate',
  mttd: 'MTTD',
  mtta: 'MTTA',
  mttr: 'MTTR',
  mttc: 'MTTC',
  close: 'close',
  disruption: 'disruption',
  cost: 'cost',
  compromise: 'compromise',
  lateralMovement: 'lateral movement',
  exfiltration: 'exfiltration',
  leadTime: 'lead time',
};

const TIMES = new Set<MetricName>(['mttd', 'mtta', 'mttr', 'mttc', 'close', 'leadTime']);
const RATES = new Set<MetricName>(['incident', 'compromise', 'lateralMovement', 'exfiltration']);

export function money(x: number): string {
  const a = Math.abs(x);
  const sign = x < 0 ? '-' : '';
  if (a >= 1e6) return `${sign}$${(a / 1e6).toFixed(2)}M`;
  if (a >= 1e3) return `${sign}$${(a / 1e3).toFixed(0)}k`;
  return `${sign}$${a.toFixed(0)}`;
}

/** A metric's value in its natural unit: durations, percentages, dollars, impact-minutes. */
export function formatMetric(m: MetricName, x: number, signed = false): string {
  const sign = signed && x > 0 ? '+' : '';
  if (TIMES.has(m)) return x < 0 ? `-${duration(-x)}` : `${sign}${duration(x)}`;
  if (RATES.has(m)) return `${sign}${(x * 100).toFixed(0)}%`;
  if (m === 'cost') return `${sign}${money(x)}`;
  return `${sign}${x.toFixed(0)}`;
}

function pad(rows: string[][]): string[] {
  const w: number[] = [];
  rows.forEach((r) => r.forEach((c, i) => (w[i] = Math.max(w[i] ?? 0, c.length))));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join('  ').trimEnd());
}

/** `label` names a profile's row (a name from the organization, or its levels). */
export function comparisonText(c: ScenarioComparison, label: (p: Profile) => string = canonicalProfile): string {
  const names = c.metrics;
  const lines = [`${c.scenario.id}: ${c.scenario.title}`];
  const head = ['  profile', ...names.map((m) => (m === 'mttr' ? 'MTTR (p90)' : METRIC_LABELS[m]))];
  const rows = c.results.map(({ profile, cell }) => [
    `  ${label(profile)}`,
    ...names.map((m) => {
      const s = cell.metrics.get(m)!.stats();
      return m === 'mttr' ? `${formatMetric(m, s.mean)} (${formatMetric(m, s.p90)})` : formatMetric(m, s.mean);
    }),
  ]);
  lines.push(...pad([head, ...rows]));
  const detect = c.results.map(({ profile, cell }) => {
    const shares = Object.entries(cell.detectedShares())
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${Math.round(v * 100)}%`)
      .join(', ');
    return `  detected at ${label(profile)} by: ${shares || '(no incident)'}`;
  });
  lines.push(...detect);
  if (c.deltas.length) {
    lines.push(`  paired change against ${label(c.deltas[0]!.from)}, mean [95% interval]:`);
    const drows = c.deltas.map((d) => [
      `  ${label(d.to)}`,
      ...names.map((m) => {
        const s = d.metrics.get(m)!.stats();
        return `${formatMetric(m, s.mean, true)} [${formatMetric(m, s.ci95[0], true)}, ${formatMetric(m, s.ci95[1], true)}]`;
      }),
    ]);
    lines.push(...pad([['  profile', ...names.map((m) => METRIC_LABELS[m])], ...drows]));
  }
  return lines.join('\n');
}

const csvCell = (v: string | number) => (typeof v === 'number' ? String(round(v)) : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export const CSV_HEADER = 'kind,scenario,profile,against,metric,n,mean,p50,p90,p95,ci95_low,ci95_high';

export function comparisonCsv(c: ScenarioComparison): string[] {
  const out: string[] = [];
  for (const { profile, cell } of c.results) {
    for (const m of c.metrics) {
      const s = cell.metrics.get(m)!.stats();
      out.push(['result', c.scenario.id, canonicalProfile(profile), '', m, s.n, s.mean, s.p50, s.p90, s.p95, s.ci95[0], s.ci95[1]].map(csvCell).join(','));
    }
  }
  for (const d of c.deltas) {
    for (const m of c.metrics) {
      const s = d.metrics.get(m)!.stats();
      out.push(['delta', c.scenario.id, canonicalProfile(d.to), canonicalProfile(d.from), m, s.n, s.mean, '', '', '', s.ci95[0], s.ci95[1]].map(csvCell).join(','));
    }
  }
  return out;
}
