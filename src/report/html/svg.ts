// SVG primitives for charts drawn at generation time: escaping, fixed-precision
// coordinates (the same data gives the same bytes on every machine), linear and log
// scales with round ticks, axes, and the <svg> wrapper. No DOM, no fonts measured: text
// widths are estimated from the character count, which is enough for labels placed in
// margins sized for them.

/** Text and attribute values, escaped for XML. */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A coordinate with one decimal: enough for a screen or a printer, and stable bytes. */
export function c(x: number): string {
  const r = Math.round(x * 10) / 10;
  return Object.is(r, -0) ? '0' : String(r);
}

export interface Scale {
  (x: number): number;
  domain: [number, number];
  range: [number, number];
  ticks(n?: number): number[];
}

/** 1, 2 or 5 times a power of ten, the nearest at or above `x`. */
export function niceStep(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return 1;
  const e = Math.floor(Math.log10(x));
  for (const m of [1, 2, 5, 10]) if (m * 10 ** e >= x * (1 - 1e-9)) return m * 10 ** e;
  return 10 ** (e + 1);
}

/** Rounds away binary noise from tick values (0.30000000000000004 -> 0.3). */
const clean = (x: number) => Number.parseFloat(x.toPrecision(12));

export function linear(domain: [number, number], range: [number, number]): Scale {
  const [d0, d1] = domain;
  const span = d1 - d0 || 1;
  const f = ((x: number) => range[0] + ((x - d0) / span) * (range[1] - range[0])) as Scale;
  f.domain = domain;
  f.range = range;
  f.ticks = (n = 5) => {
    const step = niceStep((d1 - d0) / Math.max(1, n));
    const out: number[] = [];
    for (let t = Math.ceil(d0 / step - 1e-9) * step; t <= d1 + step * 1e-9; t += step) out.push(clean(t));
    return out;
  };
  return f;
}

/** A domain from 0 (or below, for negatives) to a round value above the data. */
export function niceDomain(lo: number, hi: number, n = 5): [number, number] {
  const a = Math.min(0, lo);
  const b = Math.max(0, hi);
  if (a === b) return [0, 1];
  const step = niceStep((b - a) / n);
  return [clean(Math.floor(a / step) * step), clean(Math.ceil(b / step) * step)];
}

/** Base-10 log scale; ticks at 1, 2, 5 times powers of ten inside the domain. */
export function log10(domain: [number, number], range: [number, number]): Scale {
  const [l0, l1] = [Math.log10(domain[0]), Math.log10(domain[1])];
  const span = l1 - l0 || 1;
  const f = ((x: number) => range[0] + ((Math.log10(Math.max(x, domain[0])) - l0) / span) * (range[1] - range[0])) as Scale;
  f.domain = domain;
  f.range = range;
  f.ticks = () => {
    const out: number[] = [];
    const decades = Math.ceil(l1) - Math.floor(l0);
    const mults = decades > 4 ? [1] : decades > 2 ? [1, 3] : [1, 2, 5];
    for (let e = Math.floor(l0); e <= Math.ceil(l1); e++) for (const m of mults) {
      const t = clean(m * 10 ** e);
      if (t >= domain[0] * (1 - 1e-9) && t <= domain[1] * (1 + 1e-9)) out.push(t);
    }
    return out;
  };
  return f;
}

/** Rough width of a label in pixels at `size` (average glyph about 0.55 em in sans-serif). */
export function textWidth(s: string, size = 12): number {
  return s.length * size * 0.55;
}

export interface TextOpts {
  anchor?: 'start' | 'middle' | 'end';
  size?: number;
  weight?: 'bold';
  cls?: string;
  baseline?: 'middle' | 'hanging';
}

export function text(x: number, y: number, s: string, o: TextOpts = {}): string {
  const attrs = [`x="${c(x)}"`, `y="${c(y)}"`];
  if (o.anchor && o.anchor !== 'start') attrs.push(`text-anchor="${o.anchor}"`);
  if (o.size) attrs.push(`font-size="${o.size}"`);
  if (o.weight) attrs.push(`font-weight="${o.weight}"`);
  if (o.baseline) attrs.push(`dominant-baseline="${o.baseline === 'middle' ? 'central' : 'hanging'}"`);
  if (o.cls) attrs.push(`class="${o.cls}"`);
  return `<text ${attrs.join(' ')}>${esc(s)}</text>`;
}

/** Text folded at word boundaries to lines no wider than `width` pixels (estimated). */
export function wrapText(s: string, width: number, size = 11): string[] {
  const lines: string[] = [];
  let cur = '';
  for (const w of s.split(' ')) {
    if (cur && textWidth(`${cur} ${w}`, size) > width) {
      lines.push(cur);
      cur = w;
    } else cur = cur ? `${cur} ${w}` : w;
  }
  if (cur) lines.push(cur);
  return lines;
}

/** A note under a chart: wrapped lines from (x, y); returns the markup and the height it takes. */
export function note(x: number, y: number, s: string, width: number): { svg: string; height: number } {
  const lines = wrapText(s, width);
  return { svg: lines.map((l, i) => text(x, y + i * 14, l, { size: 11, cls: 'note' })).join(''), height: lines.length * 14 };
}

export function line(x1: number, y1: number, x2: number, y2: number, cls = 'axis'): string {
  return `<line x1="${c(x1)}" y1="${c(y1)}" x2="${c(x2)}" y2="${c(y2)}" class="${cls}"/>`;
}

export function rect(x: number, y: number, w: number, h: number, cls: string, title?: string): string {
  // Negative sizes (a bar below zero) are drawn from the other corner.
  const [rx, rw] = w < 0 ? [x + w, -w] : [x, w];
  const [ry, rh] = h < 0 ? [y + h, -h] : [y, h];
  const body = `x="${c(rx)}" y="${c(ry)}" width="${c(rw)}" height="${c(rh)}" class="${cls}"`;
  return title ? `<rect ${body}><title>${esc(title)}</title></rect>` : `<rect ${body}/>`;
}

export function circle(x: number, y: number, r: number, cls: string, title?: string): string {
  const body = `cx="${c(x)}" cy="${c(y)}" r="${c(r)}" class="${cls}"`;
  return title ? `<circle ${body}><title>${esc(title)}</title></circle>` : `<circle ${body}/>`;
}

export function path(points: readonly [number, number][], cls: string): string {
  if (!points.length) return '';
  return `<path d="${points.map(([x, y], i) => `${i ? 'L' : 'M'}${c(x)} ${c(y)}`).join('')}" class="${cls}"/>`;
}

/** A horizontal axis at `y` with ticks and labels, and light grid lines up to `top`. */
export function xAxis(s: Scale, y: number, top: number, fmt: (x: number) => string, ticks = s.ticks()): string {
  const out = [line(s.range[0], y, s.range[1], y)];
  for (const t of ticks) {
    const x = s(t);
    out.push(line(x, top, x, y, 'grid'), line(x, y, x, y + 4), text(x, y + 16, fmt(t), { anchor: 'middle', size: 11 }));
  }
  return out.join('');
}

/** A vertical axis at `x` with ticks and labels, and light grid lines across to `right`. */
export function yAxis(s: Scale, x: number, right: number, fmt: (y: number) => string, ticks = s.ticks()): string {
  const out = [line(x, s.range[0], x, s.range[1])];
  for (const t of ticks) {
    const y = s(t);
    out.push(line(x, y, right, y, 'grid'), line(x - 4, y, x, y), text(x - 7, y, fmt(t), { anchor: 'end', size: 11, baseline: 'middle' }));
  }
  return out.join('');
}

/** Series colours (Okabe and Ito's palette, readable by people with colour-vision deficiency) as CSS classes s0..s7. */
export const SERIES = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

export function seriesClass(i: number): string {
  return `s${i % SERIES.length}`;
}

/** A legend row: a swatch and a name per series, left to right from (x, y). */
export function legend(x: number, y: number, names: readonly string[]): string {
  let at = x;
  const out: string[] = [];
  names.forEach((n, i) => {
    out.push(rect(at, y - 5, 10, 10, `fill ${seriesClass(i)}`), text(at + 14, y, n, { size: 11, baseline: 'middle' }));
    at += 24 + textWidth(n, 11);
  });
  return out.join('');
}

/** The <svg> element: sized in pixels, scalable by its viewBox, described for screen readers. */
export function svg(width: number, height: number, label: string, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(label)}">` +
    `<title>${esc(label)}</title>${body}</svg>`
  );
}
