// A year of operations as people read it (plain text for an 80-100 column terminal) and
// as spreadsheets read it (CSV, one row per figure). Both only format a YearResult: every
// figure, interval and probability comes computed.
import type { Delta, Figure, ProfileYear, TeamFigureName, TotalName, YearResult } from '../year/index.js';
import { money } from './compare.js';

const TOTAL_LABELS: Record<TotalName, string> = {
  cost: 'total loss',
  downtimeCost: '  downtime',
  breachCost: '  breaches',
  downtimeHours: 'downtime (hours)',
  incidents: 'incidents',
  toleranceBreaches: 'tolerance breaches',
  slaAckBreaches: 'SLA: late acknowledgement',
  slaRestoreBreaches: 'SLA: late restore',
  changes: 'changes',
  failedChanges: 'failed changes (incidents)',
};

/** Left-aligned text columns, right-aligned numbers. */
function table(rows: string[][], opts: { align: ('l' | 'r')[] }): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows.map((r) => r.map((c, i) => (opts.align[i] === 'r' ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n');
}

const MONEY = new Set<TotalName>(['cost', 'downtimeCost', 'breachCost']);

function num(x: number, digits = 1): string {
  if (!Number.isFinite(x)) return '-';
  const a = Math.abs(x);
  if (a >= 1e4) return Math.round(x).toLocaleString('en-US');
  return x.toFixed(a >= 100 ? 0 : digits);
}

function signed(s: string, x: number): string {
  return x > 0 ? `+${s}` : s;
}

function fmtTotal(f: TotalName, x: number, sign = false): string {
  const s = MONEY.has(f) ? money(x) : num(x);
  return sign ? signed(s, x) : s;
}

/** `[lo, hi]`; `n/a` where one simulated year gives no interval. */
const interval = (ci: [number, number], fmt: (x: number) => string) => (Number.isFinite(ci[0]) && Number.isFinite(ci[1]) ? `[${fmt(ci[0])}, ${fmt(ci[1])}]` : 'n/a');

function totalsRows(p: ProfileYear): string[][] {
  return (Object.keys(TOTAL_LABELS) as TotalName[]).map((f) => {
    const x: Figure = p.totals[f];
    const fmt = (v: number) => fmtTotal(f, v);
    return [`  ${TOTAL_LABELS[f]}`, fmt(x.mean), interval(x.ci95, fmt), fmt(x.p50), fmt(x.p90)];
  });
}

function changeRows(p: ProfileYear): string[][] {
  const c = p.change!;
  return (Object.keys(TOTAL_LABELS) as TotalName[]).map((f) => {
    const d: Delta = c.totals[f];
    const fmt = (v: number) => fmtTotal(f, v, true);
    return [`  ${TOTAL_LABELS[f]}`, fmt(d.mean), interval(d.ci95, fmt)];
  });
}

function hours(min: number): string {
  return min >= 60 ? `${num(min / 60)}h` : `${num(min, 0)}m`;
}

const pct = (x: number) => `${(x * 100).toFixed(0)}%`;

const TEAM_COLUMNS: [TeamFigureName, string, (x: number) => string][] = [
  ['utilization', 'busy', pct],
  ['meanWaitMinutes', 'mean wait', (x) => hours(x)],
  ['routineWaitMinutes', 'routine wait', (x) => hours(x)],
  ['waitedShare', 'waited', pct],
  ['arrivalsPerHour', 'arrivals/h', (x) => num(x, 2)],
  ['meanWorkMinutes', 'work (min)', (x) => num(x)],
  ['pagesPerOnCallPersonMonth', 'pages/mo', (x) => num(x)],
];

/** Prose folded at word boundaries to `width` columns, later lines indented by `indent`. */
function wrap(text: string, width = 96, indent = '  '): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent + word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

export function yearText(r: YearResult): string {
  const out: string[] = [];
  const first = r.profiles[0]!;
  out.push(wrap(`imsim year: ${r.org.name}, ${r.years.toLocaleString('en-US')} simulated years, seed ${r.seed}`));
  out.push(`organization: ${r.org.file}; calibration ${r.calibration.hash}${r.calibration.overridden.length ? ` (overridden: ${r.calibration.overridden.join(', ')})` : ''}`);
  out.push(wrap(`staff: ${r.assumptions.staffing}`));
  out.push('');
  out.push('Annual figures over the simulated years: mean, 95% interval of the mean, p50, p90');
  for (const p of r.profiles) {
    out.push(profileHeading(p));
    out.push(table([['', 'mean', '95% CI', 'p50', 'p90'], ...totalsRows(p)], { align: ['l', 'r', 'r', 'r', 'r'] }));
  }
  for (const p of r.profiles.slice(1)) {
    if (!p.change) continue;
    out.push('');
    out.push(`Change a year, ${p.name} minus ${p.change.against} (paired: the same years at both): mean, 95% interval`);
    out.push(table(changeRows(p), { align: ['l', 'r', 'r'] }));
  }
  out.push('');
  out.push('Downtime hours a year per service (full-outage equivalent), mean; tolerance breaches a year');
  const head = ['service', 'tolerance', ...r.profiles.map((p) => p.name), ...r.profiles.map((p) => `breaches ${p.name}`)];
  const svcRows = first.services.map((s, i) => [
    s.name.length > 28 ? `${s.name.slice(0, 27)}…` : s.name,
    hours(s.toleranceMinutes),
    ...r.profiles.map((p) => num(p.services[i]!.figures.downtimeHours.mean)),
    ...r.profiles.map((p) => num(p.services[i]!.figures.toleranceBreaches.mean, 2)),
  ]);
  out.push(table([head, ...svcRows], { align: ['l', 'r', ...r.profiles.map(() => 'r' as const), ...r.profiles.map(() => 'r' as const)] }));
  out.push('');
  out.push('Incidents a year by cause, mean');
  out.push(
    table(
      [['cause', 'kind', ...r.profiles.map((p) => p.name)], ...first.causes.map((c, i) => [c.id, c.kind, ...r.profiles.map((p) => num(p.causes[i]!.incidents.mean, 2))])],
      { align: ['l', 'l', ...r.profiles.map(() => 'r' as const)] },
    ),
  );
  out.push('');
  out.push(
    wrap(
      'Teams, mean over years: busy = share of staffed time at work; waits before work starts (all work, and routine work alone with pauses at shift ends); share of work that waited; load; pages a month per on-call person',
    ),
  );
  const teamRows: string[][] = [];
  first.teams.forEach((t, i) => {
    r.profiles.forEach((p, j) => {
      const f = p.teams[i]!.figures;
      teamRows.push([j === 0 ? t.id : '', p.name, ...TEAM_COLUMNS.map(([k, , fmt]) => (k === 'routineWaitMinutes' && !t.routineWork ? '-' : fmt(f[k].mean)))]);
    });
    const th = t.theory;
    if (th) teamRows.push(['', 'Erlang C', pct(th.utilization), hours(th.meanWaitMinutes), hours(th.meanWaitMinutes), pct(th.pWait), num(th.arrivalsPerHour, 2), num(th.meanWorkMinutes), '']);
  });
  out.push(table([['team', 'profile', ...TEAM_COLUMNS.map(([, l]) => l)], ...teamRows], { align: ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'] }));
  if (first.lossExceedance.length) {
    out.push('');
    out.push('Annual loss exceedance: probability that a year loses more than');
    const rows = first.lossExceedance.map((e, i) => [money(e.loss), ...r.profiles.map((p) => pct(p.lossExceedance[i]!.probability))]);
    out.push(table([['loss', ...r.profiles.map((p) => p.name)], ...rows], { align: ['r', ...r.profiles.map(() => 'r' as const)] }));
  }
  out.push('');
  const sla = r.assumptions.serviceLevels.map((s) => `${s.priority} acknowledge ${hours(s.ackMinutes)}, restore ${hours(s.restoreMinutes)}`).join('; ');
  out.push(wrap(`SLA: ${sla} (from detection). Downtime: ${r.assumptions.downtime}.`));
  return `${out.join('\n')}\n`;
}

/** A profile's heading: its name, the levels it stands for, and what it delivers where "do not skip levels" holds it back. */
function profileHeading(p: YearResult['profiles'][number]): string {
  const held = p.effective !== p.profile ? `delivers ${p.effective}` : '';
  if (p.name !== p.profile) return `${p.name} (${p.profile}${held ? `; ${held}` : ''})`;
  return held ? `${p.profile} (${held})` : p.profile;
}

/** The profile columns compare's and sweep's CSV have too: levels as written, the name chosen (if any), the levels delivered. */
export const YEAR_CSV_HEADER = 'seed,org,profile,profile_name,effective,section,item,figure,years,mean,p50,p90,ci95_low,ci95_high,min,max';

function csvCell(v: string | number): string {
  // An interval of one simulated year is not defined: an empty cell, as compare's CSV leaves it.
  if (typeof v === 'number' && !Number.isFinite(v)) return '';
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function yearCsv(r: YearResult): string {
  const rows: string[] = [YEAR_CSV_HEADER];
  const who = new Map(r.profiles.map((p) => [p.name, [p.profile, p.name !== p.profile ? p.name : '', p.effective]]));
  const row = (p: string, section: string, item: string, figure: string, f: Figure) =>
    rows.push([r.seed, r.org.id, ...who.get(p)!, section, item, figure, r.years, f.mean, f.p50, f.p90, f.ci95[0], f.ci95[1], f.min, f.max].map(csvCell).join(','));
  const delta = (p: string, section: string, item: string, figure: string, d: Delta) =>
    rows.push([r.seed, r.org.id, ...who.get(p)!, section, item, figure, r.years, d.mean, '', '', d.ci95[0], d.ci95[1], '', ''].map(csvCell).join(','));
  for (const p of r.profiles) {
    for (const [f, x] of Object.entries(p.totals)) row(p.name, 'total', '', f, x);
    for (const s of p.services) for (const [f, x] of Object.entries(s.figures)) row(p.name, 'service', s.id, f, x);
    for (const c of p.causes) row(p.name, 'cause', c.id, 'incidents', c.incidents);
    for (const t of p.teams) for (const [f, x] of Object.entries(t.figures)) row(p.name, 'team', t.id, f, x);
    for (const e of p.lossExceedance) rows.push([r.seed, r.org.id, ...who.get(p.name)!, 'lossExceedance', e.loss, 'probability', r.years, e.probability, '', '', '', '', '', ''].map(csvCell).join(','));
    if (p.change) {
      const c = p.change;
      for (const [f, d] of Object.entries(c.totals)) delta(p.name, `change.total`, '', f, d);
      for (const s of c.services) for (const [f, d] of Object.entries(s.figures)) delta(p.name, 'change.service', s.id, f, d);
      for (const t of c.teams) for (const [f, d] of Object.entries(t.figures)) delta(p.name, 'change.team', t.id, f, d);
    }
  }
  return `${rows.join('\n')}\n`;
}
