// The report's charts as static SVG strings, drawn from figures already computed (a
// chart never computes a statistic: it places the numbers it is given). Four shapes
// cover every chart of the leaders' report: ranges per group and series (intervals and
// distributions), grouped bars with whiskers, step curves (exceedance), and bars that
// start where the previous one ended (a waterfall) or swing around a base (a tornado).
import { circle, esc, legend, line, linear, log10, niceDomain, note, path, rect, seriesClass, svg, text, textWidth, xAxis, yAxis, type Scale } from './svg.js';

/** Width of every chart: fits an A4 or Letter page with margins when printed. */
export const CHART_WIDTH = 720;
const ROW = 18;

/** A range both of whose ends are numbers (an interval is undefined below two samples). */
const finite = (r: readonly [number, number] | undefined): r is [number, number] => r !== undefined && Number.isFinite(r[0]) && Number.isFinite(r[1]);
const FONT = 12;

/** Left margin wide enough for the longest label (within bounds, so the plot keeps room). */
function labelMargin(labels: readonly string[], min = 60, max = 260): number {
  return Math.min(max, Math.max(min, ...labels.map((l) => textWidth(l, FONT) + 12)));
}

/** Labels longer than the margin allows are cut with an ellipsis; the full text stays in a <title>. */
function fit(label: string, width: number): string {
  const n = Math.floor((width - 12) / (FONT * 0.55));
  return label.length > n ? `${label.slice(0, Math.max(1, n - 1))}…` : label;
}

export interface RangeItem {
  /** Series index (a profile): its colour and legend entry. */
  series: number;
  /** The dot. */
  point: number;
  /** The thick bar. */
  inner?: [number, number];
  /** The thin line. */
  outer?: [number, number];
  /** Tooltip. */
  title: string;
}

export interface RangeChart {
  label: string;
  series: readonly string[];
  groups: readonly { label: string; items: readonly RangeItem[] }[];
  scale: 'linear' | 'log';
  format: (x: number) => string;
  /** What the dot, the bar and the line are, printed under the axis. */
  key: string;
}

/** Dots with a thick and a thin range, one row per series inside each group. */
export function rangeChart(ch: RangeChart): string {
  const left = labelMargin(ch.groups.map((g) => g.label));
  const right = CHART_WIDTH - 24;
  const top = 28;
  const rows = ch.groups.reduce((n, g) => n + g.items.length, 0);
  const gap = 8;
  const plotH = rows * ROW + ch.groups.length * gap;
  const bottom = top + plotH;
  const values = ch.groups.flatMap((g) => g.items.flatMap((i) => [i.point, ...(i.inner ?? []), ...(i.outer ?? [])])).filter(Number.isFinite);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  let x: Scale;
  if (ch.scale === 'log') {
    const pos = values.filter((v) => v > 0);
    const a = pos.length ? Math.min(...pos) : 1;
    const b = pos.length ? Math.max(...pos) : 10;
    x = log10([10 ** Math.floor(Math.log10(a)), 10 ** Math.ceil(Math.log10(b === a ? a * 10 : b))], [left, right]);
  } else x = linear(niceDomain(lo, hi), [left, right]);
  const out: string[] = [legend(left, 12, ch.series), xAxis(x, bottom, top, ch.format)];
  let y = top + gap / 2;
  for (const g of ch.groups) {
    const gy = y + (g.items.length * ROW) / 2;
    out.push(`<g><title>${esc(g.label)}</title>${text(left - 8, gy, fit(g.label, left), { anchor: 'end', size: FONT, baseline: 'middle' })}</g>`);
    for (const it of g.items) {
      const cy = y + ROW / 2;
      const cls = seriesClass(it.series);
      const parts: string[] = [];
      if (finite(it.outer)) parts.push(line(x(it.outer[0]), cy, x(it.outer[1]), cy, `thin ${cls}`));
      if (finite(it.inner)) parts.push(rect(x(it.inner[0]), cy - 4, Math.max(1, x(it.inner[1]) - x(it.inner[0])), 8, `fill ${cls} soft`));
      parts.push(circle(x(it.point), cy, 4, `fill ${cls}`));
      out.push(`<g class="mark"><title>${esc(it.title)}</title>${parts.join('')}</g>`);
      y += ROW;
    }
    y += gap;
  }
  const k = note(left, bottom + 34, ch.key, right - left);
  out.push(k.svg);
  return svg(CHART_WIDTH, bottom + 24 + k.height, ch.label, out.join(''));
}

export interface BarGroup {
  label: string;
  bars: readonly { series: number; value: number; ci?: [number, number]; title: string }[];
}

export interface BarChart {
  label: string;
  series: readonly string[];
  groups: readonly BarGroup[];
  format: (x: number) => string;
  /** A fixed axis maximum (1 for shares), else from the data. */
  max?: number;
  key?: string;
  /** A reference line (a limit) with its label. */
  reference?: { value: number; label: string };
}

/** Horizontal bars grouped by item (a service, a team), one bar per series, with 95% whiskers. */
export function barChart(ch: BarChart): string {
  const left = labelMargin(ch.groups.map((g) => g.label));
  const right = CHART_WIDTH - 24;
  const top = 28;
  const gap = 8;
  const rows = ch.groups.reduce((n, g) => n + g.bars.length, 0);
  const bottom = top + rows * ROW + ch.groups.length * gap;
  const values = ch.groups.flatMap((g) => g.bars.flatMap((b) => [b.value, ...(b.ci ?? [])])).filter(Number.isFinite);
  const x = linear(ch.max !== undefined ? [0, ch.max] : niceDomain(Math.min(0, ...values), Math.max(...values, ch.reference?.value ?? 0)), [left, right]);
  const out: string[] = [legend(left, 12, ch.series), xAxis(x, bottom, top, ch.format)];
  let y = top + gap / 2;
  for (const g of ch.groups) {
    out.push(`<g><title>${esc(g.label)}</title>${text(left - 8, y + (g.bars.length * ROW) / 2, fit(g.label, left), { anchor: 'end', size: FONT, baseline: 'middle' })}</g>`);
    for (const b of g.bars) {
      const cls = seriesClass(b.series);
      const parts = [rect(x(0), y + 3, x(b.value) - x(0), ROW - 6, `fill ${cls}`)];
      if (finite(b.ci)) parts.push(line(x(b.ci[0]), y + ROW / 2, x(b.ci[1]), y + ROW / 2, 'whisker'));
      out.push(`<g class="mark"><title>${esc(b.title)}</title>${parts.join('')}</g>`);
      y += ROW;
    }
    y += gap;
  }
  if (ch.reference) {
    const rx = x(ch.reference.value);
    out.push(line(rx, top, rx, bottom, 'reference'), text(rx + 4, top + 10, ch.reference.label, { size: 11, cls: 'note' }));
  }
  const k = ch.key ? note(left, bottom + 34, ch.key, right - left) : { svg: '', height: 0 };
  out.push(k.svg);
  return svg(CHART_WIDTH, bottom + 26 + k.height, ch.label, out.join(''));
}

export interface CurveChart {
  label: string;
  series: readonly string[];
  /** Per series, points in increasing x. */
  curves: readonly (readonly { x: number; y: number }[])[];
  xFormat: (x: number) => string;
  yFormat: (y: number) => string;
  /** A vertical marker (the threshold the reading quotes). */
  marker?: { x: number; label: string };
}

/** Step curves on a log x axis and a 0..1 y axis: the probability of a year losing more than x. */
export function exceedanceChart(ch: CurveChart): string {
  const left = 56;
  const right = CHART_WIDTH - 24;
  const top = 28;
  const bottom = 268;
  const xs = ch.curves.flat().map((p) => p.x).filter((v) => v > 0);
  const a = xs.length ? Math.min(...xs) : 1;
  const b = xs.length ? Math.max(...xs) : 10;
  const x = log10([a, b > a ? b : a * 10], [left, right]);
  const y = linear([0, 1], [bottom, top]);
  const out: string[] = [legend(left, 12, ch.series), xAxis(x, bottom, top, ch.xFormat), yAxis(y, left, right, ch.yFormat, [0, 0.25, 0.5, 0.75, 1])];
  // The curve is known at the grid's points only: straight lines between them, a dot on each.
  ch.curves.forEach((pts, i) => {
    const cls = seriesClass(i);
    const dots = pts.map((p) => circle(x(p.x), y(p.y), 3, `fill ${cls}`, `${ch.series[i] ?? ''}: ${ch.yFormat(p.y)} of years lose more than ${ch.xFormat(p.x)}`));
    out.push(`<g class="mark"><title>${esc(ch.series[i] ?? '')}</title>${path(pts.map((p) => [x(p.x), y(p.y)]), `curve ${cls}`)}${dots.join('')}</g>`);
  });
  if (ch.marker) {
    const mx = x(ch.marker.x);
    out.push(line(mx, top, mx, bottom, 'reference'), text(mx + 4, top + 10, ch.marker.label, { size: 11, cls: 'note' }));
  }
  const k = note(left, bottom + 34, 'annual loss (log scale), read at the points marked; vertical: share of simulated years that lose more', right - left);
  out.push(k.svg);
  return svg(CHART_WIDTH, bottom + 24 + k.height, ch.label, out.join(''));
}

export interface WaterfallStep {
  label: string;
  /** The change this step makes (negative: loss avoided). */
  change: number;
  ci?: [number, number];
  title: string;
}

export interface WaterfallChart {
  label: string;
  start: { label: string; value: number; title: string };
  steps: readonly WaterfallStep[];
  end: { label: string; title: string };
  format: (x: number) => string;
}

/** Vertical bars: the starting loss, each step's change floating where the previous ended, the end. */
export function waterfallChart(ch: WaterfallChart): string {
  const left = 64;
  const right = CHART_WIDTH - 16;
  const top = 16;
  const bottom = 236;
  const n = ch.steps.length + 2;
  const levels = [ch.start.value];
  for (const s of ch.steps) levels.push(levels.at(-1)! + s.change);
  const ends = ch.steps.flatMap((s, i) => (finite(s.ci) ? [levels[i]! + s.ci[0], levels[i]! + s.ci[1]] : []));
  const y = linear(niceDomain(Math.min(0, ...levels, ...ends), Math.max(...levels, ...ends)), [bottom, top]);
  const band = (right - left) / n;
  const w = band * 0.6;
  const out: string[] = [yAxis(y, left, right, ch.format)];
  const label = (i: number, s: string) => {
    const cx = left + band * i + band / 2;
    const words = s.split(' ');
    const half = Math.ceil(words.length / 2);
    const lines = s.length > 16 && words.length > 1 ? [words.slice(0, half).join(' '), words.slice(half).join(' ')] : [s];
    return lines.map((t, k) => text(cx, bottom + 16 + k * 13, t, { anchor: 'middle', size: 11 })).join('');
  };
  const bar = (i: number, from: number, to: number, cls: string, title: string, ci?: [number, number], base?: number) => {
    const bx = left + band * i + (band - w) / 2;
    const parts = [rect(bx, y(Math.max(from, to)), w, y(Math.min(from, to)) - y(Math.max(from, to)), cls)];
    if (finite(ci) && base !== undefined) parts.push(line(bx + w / 2, y(base + ci[0]), bx + w / 2, y(base + ci[1]), 'whisker'));
    return `<g class="mark"><title>${esc(title)}</title>${parts.join('')}</g>`;
  };
  out.push(bar(0, 0, ch.start.value, 'fill total', ch.start.title), label(0, ch.start.label));
  ch.steps.forEach((s, i) => {
    const from = levels[i]!;
    const to = levels[i + 1]!;
    out.push(bar(i + 1, from, to, s.change <= 0 ? 'fill gain' : 'fill loss', s.title, s.ci, from), label(i + 1, s.label));
    // A dotted connector from the previous bar's right edge to this bar's left edge.
    const prevRight = left + band * i + (band + w) / 2;
    out.push(line(prevRight, y(from), prevRight + band - w, y(from), 'connector'));
  });
  out.push(bar(n - 1, 0, levels.at(-1)!, 'fill total', ch.end.title), label(n - 1, ch.end.label));
  return svg(CHART_WIDTH, bottom + 44, ch.label, out.join(''));
}

export interface TornadoRow {
  label: string;
  /** Change in the result with the entry set low and set high. */
  low: number;
  high: number;
  lowCi?: [number, number];
  highCi?: [number, number];
  title: string;
}

export interface TornadoChart {
  label: string;
  rows: readonly TornadoRow[];
  format: (x: number) => string;
  key: string;
}

/** Bars swinging left and right of zero, one row per input, widest first (the caller sorts). */
export function tornadoChart(ch: TornadoChart): string {
  const left = labelMargin(ch.rows.map((r) => r.label), 80, 300);
  const right = CHART_WIDTH - 24;
  const top = 28;
  const rowH = 22;
  const bottom = top + ch.rows.length * rowH + 4;
  const vals = ch.rows.flatMap((r) => [r.low, r.high, ...(r.lowCi ?? []), ...(r.highCi ?? [])]).filter(Number.isFinite);
  const x = linear(niceDomain(Math.min(0, ...vals), Math.max(0, ...vals)), [left, right]);
  const out: string[] = [legend(left, 12, ['entry set low', 'entry set high']), xAxis(x, bottom, top, ch.format)];
  ch.rows.forEach((r, i) => {
    const y = top + 2 + i * rowH;
    const parts = [rect(x(0), y + 3, x(r.low) - x(0), rowH - 6, 'fill s0'), rect(x(0), y + 3, x(r.high) - x(0), rowH - 6, 'fill s1')];
    if (finite(r.lowCi)) parts.push(line(x(r.lowCi[0]), y + rowH / 2 - 2, x(r.lowCi[1]), y + rowH / 2 - 2, 'whisker'));
    if (finite(r.highCi)) parts.push(line(x(r.highCi[0]), y + rowH / 2 + 2, x(r.highCi[1]), y + rowH / 2 + 2, 'whisker'));
    out.push(`<g class="mark"><title>${esc(r.title)}</title>${parts.join('')}</g>`, text(left - 8, y + rowH / 2, fit(r.label, left), { anchor: 'end', size: FONT, baseline: 'middle' }));
  });
  out.push(line(x(0), top, x(0), bottom, 'zero'));
  const k = note(left, bottom + 34, ch.key, right - left);
  out.push(k.svg);
  return svg(CHART_WIDTH, bottom + 24 + k.height, ch.label, out.join(''));
}

/** A note drawn in place of a chart that has nothing to show (still a sized SVG, so the page's layout holds). */
export function emptyChart(label: string, why: string): string {
  return svg(CHART_WIDTH, 60, label, `${rect(0.5, 0.5, CHART_WIDTH - 1, 59, 'frame')}${text(CHART_WIDTH / 2, 30, why, { anchor: 'middle', size: FONT, baseline: 'middle', cls: 'note' })}`);
}
