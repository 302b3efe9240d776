// The report's HTML layer: SVG primitives, the charts, the page and its Markdown twin,
// and the reader of imsim's own Markdown. Pure functions, so exact strings and properties.
import { fc, test as prop } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { barChart, emptyChart, exceedanceChart, rangeChart, tornadoChart, waterfallChart } from '../../src/report/html/charts.js';
import { docHtml, docMarkdown, inlineHtml, stat, type Doc } from '../../src/report/html/doc.js';
import { markdownDoc, parseInline } from '../../src/report/html/markdown.js';
import { c, esc, linear, log10, niceDomain, niceStep, wrapText } from '../../src/report/html/svg.js';

/** Every number in an SVG's attributes: finite, so nothing draws at NaN or Infinity. */
function attrNumbers(svg: string): number[] {
  return [...svg.matchAll(/ (?:x|y|x1|x2|y1|y2|cx|cy|r|width|height)="([^"]*)"/g)].map((m) => Number(m[1]));
}

const countOf = (s: string, re: RegExp) => [...s.matchAll(re)].length;

describe('SVG primitives', () => {
  it('escape markup in text and attributes', () => {
    expect(esc(`<a href="x">&</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;');
  });

  it('write coordinates with one decimal and never "-0"', () => {
    expect(c(1.26)).toBe('1.3');
    expect(c(-0.01)).toBe('0');
    expect(c(100)).toBe('100');
  });

  it('put linear ticks on 1-2-5 steps inside the domain, without binary noise', () => {
    expect(niceStep(0.3)).toBe(0.5);
    expect(niceStep(7)).toBe(10);
    expect(linear([0, 1], [0, 100]).ticks(5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceDomain(3, 97)).toEqual([0, 100]);
    expect(niceDomain(-12, 30)).toEqual([-20, 30]);
  });

  it('put log ticks on powers of ten (with 2 and 5 when the domain is short)', () => {
    const s = log10([10, 1000], [0, 200]);
    expect(s(10)).toBe(0);
    expect(s(1000)).toBe(200);
    expect(s.ticks()).toEqual([10, 20, 50, 100, 200, 500, 1000]);
    expect(log10([1, 1e6], [0, 1]).ticks()).toEqual([1, 10, 100, 1000, 10000, 100000, 1000000]);
  });

  it('wrap a note so that no line is wider than asked (unless one word is)', () => {
    const lines = wrapText('dot: mean; bar: 95% interval of the mean; line: median year to one year in ten', 200);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe('dot: mean; bar: 95% interval of the mean; line: median year to one year in ten');
  });
});

/** A range chart of two profiles in two groups (drawn twice: the same data must give the same bytes). */
const rangesSample = () =>
  rangeChart({
    label: 'Annual loss <per> profile',
    series: ['today', 'target'],
    scale: 'linear',
    format: (x) => `$${x}`,
    key: 'dot: mean',
    groups: [
      { label: 'total', items: [{ series: 0, point: 30, inner: [28, 32], outer: [29, 40], title: 'a' }, { series: 1, point: 15, inner: [14, 16], title: 'b' }] },
      { label: 'downtime', items: [{ series: 0, point: 10, title: 'c' }, { series: 1, point: 5, title: 'd' }] },
    ],
  });
const ranges = rangesSample();

describe('charts', () => {
  it('a range chart draws one dot per item, a bar per inner interval and a line per outer one, inside a sized, labelled SVG', () => {
    expect(ranges).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="720" height="\d+" viewBox="0 0 720 \d+" role="img" aria-label="Annual loss &lt;per&gt; profile">/);
    expect(countOf(ranges, /<circle /g)).toBe(4);
    expect(countOf(ranges, /class="fill s\d soft"/g)).toBe(2);
    expect(countOf(ranges, /class="thin s0"/g)).toBe(1);
    expect(attrNumbers(ranges).every(Number.isFinite)).toBe(true);
  });

  it('a range chart on a log scale keeps zero and negative values on the axis, never at -Infinity', () => {
    const s = rangeChart({ label: 'l', series: ['a'], scale: 'log', format: String, key: 'k', groups: [{ label: 'g', items: [{ series: 0, point: 0, inner: [0, 120], title: 't' }] }] });
    expect(attrNumbers(s).every(Number.isFinite)).toBe(true);
  });

  it('leaves out an interval that is undefined (one year: NaN ends) instead of drawing at NaN', () => {
    const r = rangeChart({ label: 'l', series: ['a'], scale: 'linear', format: String, key: 'k', groups: [{ label: 'g', items: [{ series: 0, point: 5, inner: [Number.NaN, Number.NaN], title: 't' }] }] });
    const b = barChart({ label: 'b', series: ['a'], format: String, groups: [{ label: 'g', bars: [{ series: 0, value: 2, ci: [Number.NaN, Number.NaN], title: 't' }] }] });
    const t = tornadoChart({ label: 't', format: String, key: 'k', rows: [{ label: 'x', low: -1, high: 2, lowCi: [Number.NaN, Number.NaN], title: 't' }] });
    for (const s of [r, b, t]) {
      expect(s).not.toContain('NaN');
      expect(attrNumbers(s).every(Number.isFinite)).toBe(true);
    }
  });

  it('a bar chart draws a bar and a whisker per value, and a reference line when asked', () => {
    const s = barChart({
      label: 'load',
      series: ['today', 'target'],
      max: 1,
      format: (x) => `${x * 100}%`,
      reference: { value: 0.85, label: 'limit' },
      groups: [{ label: 'desk', bars: [{ series: 0, value: 0.5, ci: [0.45, 0.55], title: 'x' }, { series: 1, value: 0.25, title: 'y' }] }],
    });
    expect(countOf(s, /<rect [^>]*class="fill s[01]"/g)).toBe(2 + 2); // two bars, two legend swatches
    expect(countOf(s, /class="whisker"/g)).toBe(1);
    expect(s).toContain('class="reference"');
    expect(s).toContain('>100%<');
  });

  it('an exceedance chart draws a curve per profile through every point of the grid', () => {
    const s = exceedanceChart({
      label: 'lec',
      series: ['today', 'target'],
      curves: [
        [{ x: 1e6, y: 1 }, { x: 2e6, y: 0.5 }, { x: 5e6, y: 0.1 }],
        [{ x: 1e6, y: 0.8 }, { x: 2e6, y: 0.2 }, { x: 5e6, y: 0 }],
      ],
      xFormat: String,
      yFormat: String,
      marker: { x: 2e6, label: '$2M' },
    });
    expect(countOf(s, /<path d="M[^"]*" class="curve s\d"/g)).toBe(2);
    expect(countOf(s, /<circle /g)).toBe(6);
    expect(attrNumbers(s).every(Number.isFinite)).toBe(true);
  });

  it('a waterfall starts at the starting loss, floats each step from where the last ended, and ends at what is left', () => {
    const s = waterfallChart({
      label: 'roadmap',
      format: String,
      start: { label: 'today', value: 100, title: 'start' },
      steps: [
        { label: 'secOps 1→2', change: -30, ci: [-40, -20], title: 'a' },
        { label: 'change 2→3', change: -20, title: 'b' },
      ],
      end: { label: 'after', title: 'end' },
    });
    const bars = [...s.matchAll(/<rect x="[^"]*" y="([^"]*)" width="[^"]*" height="([^"]*)" class="fill (total|gain|loss)"/g)].map((m) => ({ top: Number(m[1]), h: Number(m[2]), kind: m[3] }));
    expect(bars.map((b) => b.kind)).toEqual(['total', 'gain', 'gain', 'total']);
    // Heights in proportion: 100, 30, 20, then 50 left.
    const unit = bars[0]!.h / 100;
    expect(bars[1]!.h / unit).toBeCloseTo(30, 0);
    expect(bars[2]!.h / unit).toBeCloseTo(20, 0);
    expect(bars[3]!.h / unit).toBeCloseTo(50, 0);
    // The second step starts where the first ended: its top is the first's bottom.
    expect(bars[2]!.top).toBeCloseTo(bars[1]!.top + bars[1]!.h, 0);
  });

  it('a tornado swings each row left and right of zero', () => {
    const s = tornadoChart({ label: 't', format: String, key: 'k', rows: [{ label: 'cost.breachLoss', low: -5, high: 8, title: 'x' }] });
    const [low, high] = [...s.matchAll(/<rect x="([^"]*)" y="[^"]*" width="([^"]*)" height="[^"]*" class="fill (s0|s1)"\/>/g)].slice(2).map((m) => ({ x: Number(m[1]), w: Number(m[2]) }));
    expect(low!.x + low!.w).toBeCloseTo(high!.x, 0);
  });

  it('an empty chart is still a sized SVG that says why', () => {
    expect(emptyChart('none', 'No roadmap')).toMatch(/width="720" height="60"[\s\S]*No roadmap/);
  });

  it('the same data give the same bytes', () => {
    const again = rangesSample();
    expect(again).toBe(ranges);
  });
});

const doc: Doc = {
  title: 'Report <1>',
  subtitle: ['seed ', { text: '7', code: true }],
  blocks: [
    { kind: 'heading', level: 2, text: 'Annual loss' },
    { kind: 'paragraph', text: ['The mean is ', stat('$1.00M', 'year:profiles.0.totals.cost.mean', 1000000.25), '.'] },
    { kind: 'table', head: ['a|b', 'n'], rows: [['x', '1']], align: ['l', 'r'] },
    { kind: 'figure', id: 'chart-x', title: 'A chart', svg: ranges, reading: 'It falls.' },
    { kind: 'list', items: ['one', { text: 'two', sub: ['two a'] }] },
    { kind: 'code', text: 'imsim year --json' },
  ],
};

describe('a report page', () => {
  const html = docHtml(doc);

  it('is one self-contained document: inline style, inline SVG, no script, no external reference', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script|<link|src=|@import|url\(/);
    expect(html.replace(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g, '')).not.toMatch(/https?:\/\//);
    expect(html).toContain('@media print');
  });

  it('tags each statistic with where it came from and its raw value', () => {
    expect(html).toContain('<span class="stat" data-stat="year:profiles.0.totals.cost.mean" data-value="1000000.25">$1.00M</span>');
  });

  it('escapes text, right-aligns numeric columns, and gives each figure its reading', () => {
    expect(html).toContain('<title>Report &lt;1&gt;</title>');
    expect(html).toContain('<th class="num">n</th>');
    expect(html).toMatch(/<figure class="chart" id="chart-x"><figcaption><strong>A chart<\/strong><\/figcaption><svg[\s\S]*<\/svg><p class="reading">It falls\.<\/p><\/figure>/);
  });

  it('has a Markdown twin: tables with escaped pipes, the figure as its reading, the code as a fence', () => {
    const md = docMarkdown(doc);
    expect(md).toContain('# Report <1>');
    expect(md).toContain('| a\\|b | n |\n| --- | ---: |\n| x | 1 |');
    expect(md).toContain('**A chart.** It falls.');
    expect(md).toContain('- two\n   - two a');
    expect(md).toContain('```\nimsim year --json\n```');
    expect(md).not.toContain('<svg');
  });
});

describe("reading imsim's own Markdown back", () => {
  it('turns headings, lists with a nested level, tables with escaped pipes, quotes and fences into blocks', () => {
    const md = [
      '# After-action report: Test',
      '',
      '- scenario: `x` (003, Level 1)',
      '- seed: 3',
      '',
      '> a story',
      '',
      '## Objectives',
      '',
      '| objective | rating |',
      '| --- | --: |',
      '| reach \\| contain | met |',
      '',
      '1. **night-alert** at 03:08: what now?',
      '   - 1. Page (`page`): not open',
      '   - 2. Wait: **chosen**',
      '',
      '```',
      'imsim tabletop x --seed 3',
      '```',
      '',
      'A paragraph',
      'on two lines.',
    ].join('\n');
    const d = markdownDoc(md, 'fallback');
    expect(d.title).toBe('After-action report: Test');
    expect(d.blocks.map((b) => b.kind)).toEqual(['list', 'quote', 'heading', 'table', 'list', 'code', 'paragraph']);
    const table = d.blocks[3] as Extract<Doc['blocks'][number], { kind: 'table' }>;
    expect(table.align).toEqual(['l', 'r']);
    expect(inlineHtml(table.rows[0]![0]!)).toBe('reach | contain');
    const html = docHtml(d);
    expect(html).toContain('<ol><li><strong>night-alert</strong> at 03:08: what now?<ul><li>1. Page (<code>page</code>): not open</li><li>2. Wait: <strong>chosen</strong></li></ul></li></ol>');
    expect(html).toContain('<p>A paragraph on two lines.</p>');
  });

  prop.prop([fc.string({ maxLength: 80 })])('never lets text become markup, whatever the input (%s)', (s) => {
    const html = inlineHtml(parseInline(s));
    expect(html).not.toMatch(/<(?!\/?(strong|em|code)>)/);
    expect(parseInline(s).map((r) => r.text).join('').length).toBeLessThanOrEqual(s.length);
  });
});
