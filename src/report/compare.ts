// The comparison as people read it: a plain table per scenario. (Spreadsheets read the
// CSV of stats/csv.ts, the schema sweeps write too.)
import { canonicalProfile, type Profile } from '../model/index.js';
import type { MetricName, ScenarioComparison } from '../stats/index.js';
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

/** `[lo, hi]` in the metric's unit, signed; `n/a` where the interval is not defined (one run). */
export function intervalText(m: MetricName, ci: readonly [number, number]): string {
  return Number.isFinite(ci[0]) && Number.isFinite(ci[1]) ? `[${formatMetric(m, ci[0], true)}, ${formatMetric(m, ci[1], true)}]` : '[n/a]';
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
  // An attack's MTTR is not always downtime: say what it measures beside the containment and closing times.
  lines.push(c.cost.from === 'none' ? `  cost: ${c.cost.source}` : `  cost: ${money(c.cost.perHour)} per hour of full outage of the ${c.scenario.service.name} (${c.cost.source})`);
  if (c.scenario.attack) lines.push('  (MTTR: systems recovered and verified clean, downtime only where disruption > 0; MTTC: attacker contained; close: incident closed)');
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
    const one = (c.deltas[0]!.metrics.get(names[0]!)?.n ?? 0) < 2;
    lines.push(`  paired change against ${label(c.deltas[0]!.from)}, mean ${one ? '(one run: no interval)' : '[95% interval]'}:`);
    const drows = c.deltas.map((d) => [
      `  ${label(d.to)}`,
      ...names.map((m) => {
        const s = d.metrics.get(m)!.stats();
        return one ? formatMetric(m, s.mean, true) : `${formatMetric(m, s.mean, true)} ${intervalText(m, s.ci95)}`;
      }),
    ]);
    lines.push(...pad([['  profile', ...names.map((m) => METRIC_LABELS[m])], ...drows]));
  }
  return lines.join('\n');
}
