// The leaders' report as blocks (then HTML or Markdown through ../html/doc.ts): a
// summary, one section per chart with its one-line reading and its figures as a table,
// and the methods. Everything here formats LeadersReport: each number shown is a figure
// of the report's data, tagged with the path it came from (`year:` the YearResult as
// `imsim year --json` prints it, `times:` as `imsim compare --json` prints it, `drivers:`
// and `advice:` their own results), and a reading only picks and phrases figures.
import type { AdviceResult } from '../../advise/index.js';
import type { Figure, ProfileYear, YearResult } from '../../year/index.js';
import { barChart, emptyChart, exceedanceChart, rangeChart, tornadoChart, waterfallChart } from '../html/charts.js';
import { stat, type Block, type Doc, type Inline, type Run } from '../html/doc.js';
import { money } from '../compare.js';
import { duration } from '../timeline.js';
import type { LeadersReport } from './data.js';
import type { Driver } from '../../year/drivers.js';

/** Drivers drawn in the tornado: enough to see what matters, few enough to read. */
export const TORNADO_ROWS = 10;

const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
const num = (x: number, d = 1) => (Math.abs(x) >= 1e4 ? Math.round(x).toLocaleString('en-US') : x.toFixed(Math.abs(x) >= 100 ? 0 : d));
const signedMoney = (x: number) => (x > 0 ? `+${money(x)}` : money(x));
const minutes = (x: number) => (x <= 0 ? '0m' : duration(x));
const hoursOf = (x: number) => `${num(x)} h`;
/** Axis labels: short money without trailing zeros ($2.5M, $500k, -$10M). */
export function moneyTick(x: number): string {
  const a = Math.abs(x);
  const trim = (v: number) => String(Number.parseFloat(v.toFixed(2)));
  const body = a >= 1e6 ? `${trim(a / 1e6)}M` : a >= 1e3 ? `${trim(a / 1e3)}k` : trim(a);
  return `${x < 0 ? '-' : ''}$${body}`;
}
const signedTick = (x: number) => (x > 0 ? `+${moneyTick(x)}` : moneyTick(x));
const countTick = (x: number) => String(Number.parseFloat(x.toFixed(2)));

/** A figure's number as a run that remembers where it came from. */
// An interval over fewer than two years is undefined (null in the JSON): shown as "n/a", untagged.
const tagged = (source: string) => (path: string, v: number | null, fmt: (x: number) => string): Run =>
  v === null || !Number.isFinite(v) ? { text: 'n/a' } : stat(fmt(v), `${source}:${path}`, v);
const y = tagged('year');
const tm = tagged('times');
const dr = tagged('drivers');
const ad = tagged('advice');

const interval = (run: (i: 0 | 1) => Run): Inline => ['[', run(0), ', ', run(1), ']'];

function profileLabel(p: ProfileYear): string {
  return `${p.name} (${p.profile}${p.effective !== p.profile ? `; delivers ${p.effective}` : ''})`;
}

/** Mean, 95% interval, p50 and p90 of a figure as table cells. */
function figureCells(path: string, f: Figure, fmt: (x: number) => string): Inline[] {
  return [y(`${path}.mean`, f.mean, fmt), interval((i) => y(`${path}.ci95.${i}`, f.ci95[i], fmt)), y(`${path}.p50`, f.p50, fmt), y(`${path}.p90`, f.p90, fmt)];
}

// ---- summary --------------------------------------------------------------------------

function summary(r: YearResult): Block[] {
  const first = r.profiles[0]!;
  const out: Inline[] = [];
  out.push([
    `At ${first.name}, a simulated year of ${r.org.name} loses `,
    y('profiles.0.totals.cost.mean', first.totals.cost.mean, money),
    ' on average to IT incidents and breaches (95% interval of the mean ',
    interval((i) => y(`profiles.0.totals.cost.ci95.${i}`, first.totals.cost.ci95[i], money)),
    '); one year in ten loses more than ',
    y('profiles.0.totals.cost.p90', first.totals.cost.p90, money),
    '.',
  ]);
  r.profiles.slice(1).forEach((p, j) => {
    const i = j + 1;
    const d = p.change!.totals.cost;
    out.push([
      `At ${p.name}, the mean is `,
      y(`profiles.${i}.totals.cost.mean`, p.totals.cost.mean, money),
      `: a change of `,
      y(`profiles.${i}.change.totals.cost.mean`, d.mean, signedMoney),
      ' a year (95% interval ',
      interval((k) => y(`profiles.${i}.change.totals.cost.ci95.${k}`, d.ci95[k], signedMoney)),
      `, paired over the same ${r.years.toLocaleString('en-US')} simulated years), with downtime changing by `,
      y(`profiles.${i}.change.totals.downtimeHours.mean`, p.change!.totals.downtimeHours.mean, (x) => `${x > 0 ? '+' : ''}${num(x)} hours`),
      ' a year.',
    ]);
  });
  return [{ kind: 'heading', level: 2, text: 'Summary', id: 'summary' }, { kind: 'list', items: out }];
}

// ---- annual loss ----------------------------------------------------------------------

const LOSS_ROWS = [
  ['cost', 'total loss'],
  ['downtimeCost', 'downtime'],
  ['breachCost', 'breaches'],
] as const;

function annualLoss(r: YearResult): Block[] {
  const series = r.profiles.map((p) => p.name);
  const svg = rangeChart({
    label: 'Annual loss per profile: mean, 95% interval of the mean, median to p90 of the years',
    series,
    scale: 'linear',
    format: moneyTick,
    key: 'dot: mean; bar: 95% interval of the mean; line: median year to one year in ten (p50 to p90)',
    groups: LOSS_ROWS.map(([f, label]) => ({
      label,
      items: r.profiles.map((p, i) => ({
        series: i,
        point: p.totals[f].mean,
        inner: p.totals[f].ci95,
        outer: [p.totals[f].p50, p.totals[f].p90] as [number, number],
        title: `${label} at ${p.name}: mean ${money(p.totals[f].mean)}, 95% CI ${money(p.totals[f].ci95[0])} to ${money(p.totals[f].ci95[1])}, p50 ${money(p.totals[f].p50)}, p90 ${money(p.totals[f].p90)}`,
      })),
    })),
  });
  const first = r.profiles[0]!;
  const last = r.profiles.at(-1)!;
  const li = r.profiles.length - 1;
  const reading: Inline =
    r.profiles.length > 1
      ? [
          `Mean annual loss: `,
          y('profiles.0.totals.cost.mean', first.totals.cost.mean, money),
          ` at ${first.name}, `,
          y(`profiles.${li}.totals.cost.mean`, last.totals.cost.mean, money),
          ` at ${last.name} (paired change `,
          y(`profiles.${li}.change.totals.cost.mean`, last.change!.totals.cost.mean, signedMoney),
          ', 95% interval ',
          interval((k) => y(`profiles.${li}.change.totals.cost.ci95.${k}`, last.change!.totals.cost.ci95[k], signedMoney)),
          ').',
        ]
      : ['Mean annual loss at ', first.name, ': ', y('profiles.0.totals.cost.mean', first.totals.cost.mean, money), '; one year in ten loses more than ', y('profiles.0.totals.cost.p90', first.totals.cost.p90, money), '.'];
  const rows = r.profiles.flatMap((p, i) =>
    LOSS_ROWS.map(([f, label]) => [LOSS_ROWS[0][0] === f ? p.name : '', label, ...figureCells(`profiles.${i}.totals.${f}`, p.totals[f], money)]),
  );
  return [
    { kind: 'heading', level: 2, text: 'Annual loss', id: 'annual-loss' },
    { kind: 'figure', id: 'chart-annual-loss', title: 'Annual loss per profile', svg, reading },
    { kind: 'table', head: ['profile', 'loss', 'mean', '95% interval of the mean', 'p50', 'p90'], rows, align: ['l', 'l', 'r', 'r', 'r', 'r'] },
  ];
}

// ---- loss exceedance ------------------------------------------------------------------

/** The grid point where the first and last profiles differ most (the reading's threshold). */
function widestGap(r: YearResult): number {
  const a = r.profiles[0]!.lossExceedance;
  const b = r.profiles.at(-1)!.lossExceedance;
  let best = 0;
  a.forEach((e, i) => {
    if (Math.abs(e.probability - b[i]!.probability) > Math.abs(a[best]!.probability - b[best]!.probability)) best = i;
  });
  // With one profile: the loss one year in ten exceeds (the grid point nearest 10%).
  if (r.profiles.length === 1) a.forEach((e, i) => Math.abs(e.probability - 0.1) < Math.abs(a[best]!.probability - 0.1) && (best = i));
  return best;
}

function exceedanceSection(r: YearResult): Block[] {
  const first = r.profiles[0]!;
  if (!first.lossExceedance.length) return [];
  const at = widestGap(r);
  const threshold = first.lossExceedance[at]!.loss;
  const svg = exceedanceChart({
    label: 'Annual loss exceedance: the chance that a year loses more than each amount',
    series: r.profiles.map((p) => p.name),
    curves: r.profiles.map((p) => p.lossExceedance.map((e) => ({ x: e.loss, y: e.probability }))),
    xFormat: moneyTick,
    yFormat: pct,
    marker: { x: threshold, label: money(threshold) },
  });
  const li = r.profiles.length - 1;
  const last = r.profiles.at(-1)!;
  const reading: Inline =
    r.profiles.length > 1
      ? [
          `At ${last.name} the chance of losing more than `,
          y(`profiles.0.lossExceedance.${at}.loss`, threshold, money),
          ' in a year ',
          last.lossExceedance[at]!.probability <= first.lossExceedance[at]!.probability ? 'falls' : 'rises',
          ' from ',
          y(`profiles.0.lossExceedance.${at}.probability`, first.lossExceedance[at]!.probability, pct),
          ` (at ${first.name}) to `,
          y(`profiles.${li}.lossExceedance.${at}.probability`, last.lossExceedance[at]!.probability, pct),
          '.',
        ]
      : [`At ${first.name}, the chance of losing more than `, y(`profiles.0.lossExceedance.${at}.loss`, threshold, money), ' in a year is ', y(`profiles.0.lossExceedance.${at}.probability`, first.lossExceedance[at]!.probability, pct), '.'];
  const rows = first.lossExceedance.map((e, k) => [y(`profiles.0.lossExceedance.${k}.loss`, e.loss, money), ...r.profiles.map((p, i) => y(`profiles.${i}.lossExceedance.${k}.probability`, p.lossExceedance[k]!.probability, pct))]);
  return [
    { kind: 'heading', level: 2, text: 'How bad a year can get', id: 'exceedance' },
    { kind: 'figure', id: 'chart-exceedance', title: 'Annual loss exceedance curve', svg, reading },
    { kind: 'table', head: ['a year loses more than', ...r.profiles.map((p) => p.name)], rows, align: ['r', ...r.profiles.map(() => 'r' as const)] },
  ];
}

// ---- restoration times ----------------------------------------------------------------

function restoration(rep: LeadersReport): Block[] {
  const t = rep.times;
  if (!t.scenarios.length) return [];
  const names = t.profileNames;
  const n = t.profiles.length;
  const idx = (s: number, p: number) => s * n + p;
  const mttr = (s: number, p: number) => t.results[idx(s, p)]!.metrics.mttr!;
  const svg = rangeChart({
    label: 'Time to restore service per scenario (single incidents), per profile',
    series: names,
    scale: 'log',
    format: minutes,
    key: 'log scale; dot: mean; bar: median to p90; line: p90 to p95 of the runs',
    groups: t.scenarios.map((s, si) => ({
      label: s.title,
      items: names.map((name, p) => {
        const m = mttr(si, p);
        return { series: p, point: m.mean, inner: [m.p50!, m.p90!] as [number, number], outer: [m.p90!, m.p95!] as [number, number], title: `${s.title} at ${name}: mean ${minutes(m.mean)}, p50 ${minutes(m.p50!)}, p90 ${minutes(m.p90!)}, p95 ${minutes(m.p95!)}` };
      }),
    })),
  });
  // The reading: the scenario whose mean restoration changes most between the first and last profile.
  let best = 0;
  const change = (s: number) => mttr(s, n - 1).mean / Math.max(1e-9, mttr(s, 0).mean);
  t.scenarios.forEach((_, s) => Math.abs(Math.log(change(s))) > Math.abs(Math.log(change(best))) && (best = s));
  const path = (s: number, p: number, f: string) => `results.${idx(s, p)}.metrics.mttr.${f}`;
  const reading: Inline =
    n > 1
      ? [
          `Restoring service after “${t.scenarios[best]!.title}” takes `,
          tm(path(best, 0, 'mean'), mttr(best, 0).mean, minutes),
          ` on average at ${names[0]} and `,
          tm(path(best, n - 1, 'mean'), mttr(best, n - 1).mean, minutes),
          ` at ${names[n - 1]}; one incident in ten takes longer than `,
          tm(path(best, 0, 'p90'), mttr(best, 0).p90!, minutes),
          ' and ',
          tm(path(best, n - 1, 'p90'), mttr(best, n - 1).p90!, minutes),
          '.',
        ]
      : [`Restoring service after “${t.scenarios[best]!.title}” takes `, tm(path(best, 0, 'mean'), mttr(best, 0).mean, minutes), ' on average.'];
  const rows = t.scenarios.flatMap((s, si) =>
    names.map((name, p) => {
      const m = mttr(si, p);
      return [p === 0 ? s.title : '', name, tm(path(si, p, 'mean'), m.mean, minutes), tm(path(si, p, 'p50'), m.p50!, minutes), tm(path(si, p, 'p90'), m.p90!, minutes), tm(path(si, p, 'p95'), m.p95!, minutes)];
    }),
  );
  return [
    { kind: 'heading', level: 2, text: 'Time to restore service', id: 'restoration' },
    {
      kind: 'paragraph',
      cls: 'note',
      text: `Each scenario the organization's year draws from, replayed ${t.runs.toLocaleString('en-US')} times at each profile as a single incident (staffing: ${t.staffing}). Times are from the onset of the fault or attack.`,
    },
    { kind: 'figure', id: 'chart-restoration', title: 'Time to restore service (MTTR) per scenario', svg, reading },
    { kind: 'table', head: ['scenario', 'profile', 'mean', 'p50', 'p90', 'p95'], rows, align: ['l', 'l', 'r', 'r', 'r', 'r'] },
  ];
}

// ---- tolerance ------------------------------------------------------------------------

function tolerance(r: YearResult): Block[] {
  const first = r.profiles[0]!;
  const svg = barChart({
    label: 'Incidents beyond impact tolerance a year, per service and profile',
    series: r.profiles.map((p) => p.name),
    format: countTick,
    key: "bars: mean a year; whiskers: 95% interval of the mean; an incident breaches when its full-outage-equivalent time exceeds the service's tolerance",
    groups: first.services.map((s, si) => ({
      label: s.name,
      bars: r.profiles.map((p, i) => {
        const f = p.services[si]!.figures.toleranceBreaches;
        return { series: i, value: f.mean, ci: f.ci95, title: `${s.name} at ${p.name}: ${num(f.mean, 2)} breaches a year (95% CI ${num(f.ci95[0], 2)} to ${num(f.ci95[1], 2)}); tolerance ${minutes(s.toleranceMinutes)}` };
      }),
    })),
  });
  let worst = 0;
  first.services.forEach((s, i) => s.figures.toleranceBreaches.mean > first.services[worst]!.figures.toleranceBreaches.mean && (worst = i));
  const ws = first.services[worst]!;
  const li = r.profiles.length - 1;
  const reading: Inline = [
    `${ws.name} goes beyond its ${minutes(ws.toleranceMinutes)} tolerance most often: `,
    y(`profiles.0.services.${worst}.figures.toleranceBreaches.mean`, ws.figures.toleranceBreaches.mean, (x) => num(x, 1)),
    ` times a year at ${first.name}`,
    ...(li > 0
      ? [', ', y(`profiles.${li}.services.${worst}.figures.toleranceBreaches.mean`, r.profiles[li]!.services[worst]!.figures.toleranceBreaches.mean, (x) => num(x, 1)), ` at ${r.profiles[li]!.name}`]
      : []),
    '.',
  ];
  const rows = first.services.map((s, si) => [
    s.name,
    minutes(s.toleranceMinutes),
    ...r.profiles.map((p, i) => y(`profiles.${i}.services.${si}.figures.toleranceBreaches.mean`, p.services[si]!.figures.toleranceBreaches.mean, (x) => num(x, 2))),
    ...r.profiles.map((p, i) => y(`profiles.${i}.services.${si}.figures.downtimeHours.mean`, p.services[si]!.figures.downtimeHours.mean, hoursOf)),
  ]);
  return [
    { kind: 'heading', level: 2, text: 'Beyond impact tolerance', id: 'tolerance' },
    { kind: 'figure', id: 'chart-tolerance', title: 'Incidents beyond impact tolerance, per service', svg, reading },
    {
      kind: 'table',
      head: ['service', 'tolerance', ...r.profiles.map((p) => `breaches a year, ${p.name}`), ...r.profiles.map((p) => `downtime, ${p.name}`)],
      rows,
      align: ['l', 'r', ...r.profiles.map(() => 'r' as const), ...r.profiles.map(() => 'r' as const)],
    },
  ];
}

// ---- teams ----------------------------------------------------------------------------

function teams(r: YearResult): Block[] {
  const first = r.profiles[0]!;
  const svg = barChart({
    label: 'Team load: share of staffed time at work, per team and profile',
    series: r.profiles.map((p) => p.name),
    format: pct,
    max: 1,
    key: 'bars: mean over the simulated years; whiskers: 95% interval of the mean',
    groups: first.teams.map((t, ti) => ({
      label: t.name,
      bars: r.profiles.map((p, i) => {
        const f = p.teams[ti]!.figures;
        return { series: i, value: f.utilization.mean, ci: f.utilization.ci95, title: `${t.name} at ${p.name}: busy ${pct(f.utilization.mean)}, mean wait ${minutes(f.meanWaitMinutes.mean)}` };
      }),
    })),
  });
  let busiest = 0;
  first.teams.forEach((t, i) => t.figures.utilization.mean > first.teams[busiest]!.figures.utilization.mean && (busiest = i));
  const bt = first.teams[busiest]!;
  const reading: Inline = [
    `${bt.name} is the busiest team: at work `,
    y(`profiles.0.teams.${busiest}.figures.utilization.mean`, bt.figures.utilization.mean, pct),
    ` of its staffed time at ${first.name}, and work waits `,
    y(`profiles.0.teams.${busiest}.figures.meanWaitMinutes.mean`, bt.figures.meanWaitMinutes.mean, minutes),
    ' on average before it starts.',
  ];
  const rows = first.teams.flatMap((t, ti) =>
    r.profiles.map((p, i) => {
      const f = p.teams[ti]!.figures;
      const at = `profiles.${i}.teams.${ti}.figures`;
      return [
        i === 0 ? t.name : '',
        p.name,
        y(`${at}.utilization.mean`, f.utilization.mean, pct),
        y(`${at}.meanWaitMinutes.mean`, f.meanWaitMinutes.mean, minutes),
        y(`${at}.waitedShare.mean`, f.waitedShare.mean, pct),
        t.onCallStaff ? y(`${at}.pagesPerOnCallPersonMonth.mean`, f.pagesPerOnCallPersonMonth.mean, (x) => num(x)) : '-',
      ];
    }),
  );
  return [
    { kind: 'heading', level: 2, text: 'Team load', id: 'teams' },
    { kind: 'figure', id: 'chart-teams', title: 'Team load', svg, reading },
    { kind: 'table', head: ['team', 'profile', 'busy', 'mean wait', 'work that waited', 'pages a month per on-call person'], rows, align: ['l', 'l', 'r', 'r', 'r', 'r'] },
  ];
}

// ---- roadmap --------------------------------------------------------------------------

function roadmap(a: AdviceResult | undefined): Block[] {
  const head: Block = { kind: 'heading', level: 2, text: 'Roadmap: loss avoided step by step', id: 'roadmap' };
  if (!a) {
    return [
      head,
      {
        kind: 'figure',
        id: 'chart-roadmap',
        title: 'Roadmap waterfall',
        svg: emptyChart('Roadmap waterfall: no roadmap in this report', 'No roadmap: run with --steps 1 or more, or give --advice'),
        reading: 'This report was made without the advisor (--steps 0); with --steps K it runs the advisor from the first profile, or --advice reads a saved `imsim advise --json`.',
      },
    ];
  }
  const start = a.from.loss.total.mean;
  const stepLabel = (s: AdviceResult['roadmap'][number]) => `${s.domain} ${s.from}→${s.to}`;
  const svg = a.roadmap.length
    ? waterfallChart({
        label: `Roadmap from ${a.from.name}: annual loss after each step`,
        format: moneyTick,
        start: { label: a.from.name, value: start, title: `${a.from.name} (${a.from.profile}): mean annual loss ${money(start)}` },
        steps: a.roadmap.map((s) => ({
          label: stepLabel(s),
          change: -s.lossAvoided.mean,
          ...(s.lossAvoided.ci95 ? { ci: [-s.lossAvoided.ci95[1], -s.lossAvoided.ci95[0]] as [number, number] } : {}),
          title: `${stepLabel(s)}: avoids ${money(s.lossAvoided.mean)} a year for ${money(s.cost.annual)} a year`,
        })),
        end: { label: 'after the plan', title: `after the plan (${a.end.profile}): mean annual loss ${money(a.end.loss.total.mean)}` },
      })
    : emptyChart('Roadmap waterfall: no step', a.stopped ?? 'No step is worth its cost within the limits');
  const last = a.roadmap.length;
  const reading: Inline = last
    ? [
        `${last} step${last > 1 ? 's' : ''} from ${a.from.name} avoid `,
        ad('end.lossAvoided.mean', a.end.lossAvoided.mean, money),
        ' of annual loss for ',
        ad('end.annualCost', a.end.annualCost, money),
        ' a year; the first, ',
        stepLabel(a.roadmap[0]!),
        ', avoids ',
        ad('roadmap.0.lossAvoided.mean', a.roadmap[0]!.lossAvoided.mean, money),
        a.roadmap[0]!.ranking.stable ? ' and is clearly the best first step.' : ', but the runner-up is within noise.',
      ]
    : [a.stopped ?? 'No step is worth its cost within the limits.'];
  const rows = a.roadmap.map((s, i) => [
    String(s.index),
    stepLabel(s),
    ad(`roadmap.${i}.lossAvoided.mean`, s.lossAvoided.mean, money),
    s.lossAvoided.ci95 ? interval((k) => ad(`roadmap.${i}.lossAvoided.ci95.${k}`, s.lossAvoided.ci95![k], money)) : '-',
    ad(`roadmap.${i}.cost.annual`, s.cost.annual, money),
    ad(`roadmap.${i}.cumulative.net.mean`, s.cumulative.net.mean, signedMoney),
  ]);
  return [
    head,
    { kind: 'figure', id: 'chart-roadmap', title: 'Roadmap waterfall', svg, reading },
    { kind: 'table', head: ['#', 'step', 'loss avoided a year', '95% interval', 'cost a year', 'plan so far, net a year'], rows, align: ['r', 'l', 'r', 'r', 'r', 'r'] },
  ];
}

// ---- drivers --------------------------------------------------------------------------

function driverLabel(d: Driver): string {
  return d.key;
}

function drivers(rep: LeadersReport): Block[] {
  const head: Block = { kind: 'heading', level: 2, text: 'What drives the result', id: 'drivers' };
  const dv = rep.drivers;
  if (!dv) return [head, { kind: 'figure', id: 'chart-drivers', title: 'Drivers of the annual loss', svg: emptyChart('Drivers: not measured', 'Not measured in this report (--driver-years 0)'), reading: 'The drivers were left out of this report (--driver-years 0).' }];
  const top = dv.drivers.slice(0, TORNADO_ROWS);
  const svg = top.length
    ? tornadoChart({
        label: `Calibration entries that move the annual loss at ${dv.profile.name} most`,
        format: signedTick,
        key: `change in mean annual loss, entry divided (low) or multiplied (high) by ${dv.factor}; chances on the odds scale`,
        rows: top.map((d) => ({
          label: driverLabel(d),
          low: d.low?.change.mean ?? 0,
          high: d.high?.change.mean ?? 0,
          ...(d.low?.change.ci95 ? { lowCi: d.low.change.ci95 } : {}),
          ...(d.high?.change.ci95 ? { highCi: d.high.change.ci95 } : {}),
          title: `${d.key} (${d.about}): low ${d.low ? signedMoney(d.low.change.mean) : '-'}, high ${d.high ? signedMoney(d.high.change.mean) : '-'}`,
        })),
      })
    : emptyChart('Drivers: none', 'No calibration entry moved the annual loss');
  const d0 = top[0];
  const reading: Inline = d0
    ? [
        `Of ${dv.drivers.length} calibration entries moved, `,
        { text: d0.key, code: true },
        ` (${d0.about}; ${d0.source.kind}) moves the annual loss most: `,
        ...(d0.low ? [dr('drivers.0.low.change.mean', d0.low.change.mean, signedMoney)] : ['-']),
        ' when set low, ',
        ...(d0.high ? [dr('drivers.0.high.change.mean', d0.high.change.mean, signedMoney)] : ['-']),
        ' when set high.',
      ]
    : ['No calibration entry moved the annual loss.'];
  const side = (i: number, s: 'low' | 'high', d: Driver): Inline => {
    const v = d[s];
    return v ? [{ text: v.value }, ': ', dr(`drivers.${i}.${s}.change.mean`, v.change.mean, signedMoney)] : (d.refused ?? '-');
  };
  const rows = top.map((d, i) => [{ text: d.key, code: true }, d.about, d.value, side(i, 'low', d), side(i, 'high', d), d.source.kind]);
  return [
    head,
    {
      kind: 'paragraph',
      cls: 'note',
      text: [
        `Each calibration entry read at ${dv.profile.name} (${dv.profile.effective}) was set low and set high, one at a time, and the year run again on the same `,
        dr('years', dv.years, (x) => x.toLocaleString('en-US')),
        ` simulated years (seed ${dv.seed}); on those years the mean annual loss at the table's values is `,
        dr('base.loss', dv.base.loss, money),
        '. Each side is an override file line: `imsim year --calibration` with it reproduces its loss.',
      ],
    },
    { kind: 'figure', id: 'chart-drivers', title: 'What drives the annual loss (tornado)', svg, reading },
    { kind: 'table', head: ['entry', 'what it is', 'as written', 'set low', 'set high', 'source'], rows, align: ['l', 'l', 'l', 'r', 'r', 'l'] },
  ];
}

// ---- methods --------------------------------------------------------------------------

function methods(rep: LeadersReport, commands: ReportCommands): Block[] {
  const r = rep.year;
  const t = rep.times;
  const judged = rep.drivers?.drivers.slice(0, TORNADO_ROWS).filter((d) => d.source.kind === 'judgement') ?? [];
  const items: Inline[] = [
    [`Calibration `, { text: r.calibration.hash, code: true }, r.calibration.overridden.length ? ` with overrides of ${r.calibration.overridden.join(', ')}` : ' (the shipped table, no overrides)', '.'],
    [`Seed ${r.seed}: `, `${r.years.toLocaleString('en-US')} simulated years at each profile, year i the same year at every profile (common random numbers: the same arrivals, the same luck), so changes between profiles are paired year by year.`],
    [`Arrivals: ${r.assumptions.arrivals}.`],
    [`Staffing: ${r.assumptions.staffing}.`],
    [`Downtime: ${r.assumptions.downtime}.`],
    [`Tolerance: ${r.assumptions.tolerance}.`],
    [`Service levels: ${r.assumptions.serviceLevels.map((s) => `${s.priority} acknowledge within ${minutes(s.ackMinutes)}, restore within ${minutes(s.restoreMinutes)} (${s.source})`).join('; ')}.`],
    [`Restoration times: ${t.runs.toLocaleString('en-US')} single-incident runs per scenario and profile, seed ${t.seed}.`],
    ...(rep.drivers ? [[`Drivers: every entry read at ${rep.drivers.profile.name} divided and multiplied by ${rep.drivers.factor} (judgement: most entries are good to within about half as much again), ${rep.drivers.years.toLocaleString('en-US')} years each, seed ${rep.drivers.seed}.`] as Inline] : []),
  ];
  const blocks: Block[] = [{ kind: 'heading', level: 2, text: 'Methods', id: 'methods' }, { kind: 'list', items }];
  blocks.push({ kind: 'heading', level: 3, text: 'Reproduce these figures' }, { kind: 'code', text: [commands.year, commands.compare, ...(commands.advise ? [commands.advise] : [])].join('\n') });
  blocks.push({ kind: 'heading', level: 3, text: 'Sources' });
  blocks.push({
    kind: 'table',
    head: ['scenario', 'source'],
    rows: t.scenarios.map((s) => [s.title, s.source]),
  });
  blocks.push({ kind: 'table', head: ['service', 'cost per hour and its source'], rows: rep.orgSources.map((s, i) => [s.name, [money(r.profiles[0]!.services[i]?.costPerHour ?? 0), ': ', s.costSource]]) });
  blocks.push({ kind: 'heading', level: 3, text: 'What is judgement' });
  blocks.push({
    kind: 'paragraph',
    text: judged.length
      ? [`Of the ${Math.min(TORNADO_ROWS, rep.drivers!.drivers.length)} calibration entries that move the annual loss most, ${judged.length} rest on judgement rather than a seed document or a published benchmark: `, ...judged.flatMap((d, i) => [i ? ', ' : '', { text: d.key, code: true }]), '. They are where better data would change the result most; `imsim calibration` prints each with its reasoning, and an override file replaces them.']
      : 'Every calibration entry cites a seed document section, a published benchmark, or says judgement with its reason (`imsim calibration` prints them). The organization file\'s figures carry their own sources (above).',
  });
  return blocks;
}

/** The commands that reproduce the report's figures, as the methods print them. */
export interface ReportCommands {
  year: string;
  compare: string;
  advise?: string;
}

export function leadersDoc(rep: LeadersReport, commands: ReportCommands): Doc {
  const r = rep.year;
  return {
    title: `Annual loss from IT incidents: ${r.org.name}`,
    subtitle: [
      `${r.profiles.map(profileLabel).join(' against ')}. ${r.years.toLocaleString('en-US')} simulated years per profile, seed ${r.seed}, calibration `,
      { text: r.calibration.hash, code: true },
      `, organization file ${r.org.file}.`,
    ],
    blocks: [...summary(r), ...annualLoss(r), ...exceedanceSection(r), ...restoration(rep), ...tolerance(r), ...teams(r), ...roadmap(rep.advice), ...drivers(rep), ...methods(rep, commands)],
  };
}
