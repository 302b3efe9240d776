// A report as a list of blocks (headings, paragraphs, lists, tables, figures), written
// once and rendered two ways: a self-contained HTML page (inline CSS with print rules,
// inline SVG, no script, no network reference) and Markdown. Inline text is a list of
// runs; a run may carry the path of the statistic it shows (`stat`), which the HTML
// keeps as data attributes so a test can check every number against the JSON it came from.
import { esc } from './svg.js';
import { SERIES } from './svg.js';

export interface Run {
  text: string;
  strong?: boolean;
  em?: boolean;
  code?: boolean;
  /** Where the number comes from: `<source>:<path>`, e.g. `year:profiles.0.totals.cost.mean`. */
  stat?: string;
  /** The raw value behind the text, for `stat`. */
  value?: number;
}

/** Text: a string, a run, or a list of them (nested lists flatten). */
export type Inline = string | Run | readonly Inline[];

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: Inline; id?: string }
  | { kind: 'paragraph'; text: Inline; cls?: 'reading' | 'note' | 'lead' }
  | { kind: 'list'; ordered?: boolean; items: readonly (Inline | { text: Inline; sub: readonly Inline[] })[] }
  | { kind: 'table'; head: readonly Inline[]; rows: readonly (readonly Inline[])[]; align?: readonly ('l' | 'r')[]; caption?: string }
  | { kind: 'figure'; id: string; title: string; svg: string; reading: Inline }
  | { kind: 'quote'; text: Inline }
  | { kind: 'code'; text: string };

export interface Doc {
  title: string;
  /** Shown under the title: organization, seed, years. */
  subtitle?: Inline;
  blocks: readonly Block[];
}

const runs = (t: Inline): (string | Run)[] => (typeof t === 'string' ? [t] : Array.isArray(t) ? (t as readonly Inline[]).flatMap(runs) : [t as Run]);

/** A statistic as a run: its formatted text, with where it comes from. */
export function stat(text: string, source: string, value: number): Run {
  return { text, stat: source, value };
}

function runHtml(r: string | Run): string {
  if (typeof r === 'string') return esc(r);
  let h = esc(r.text);
  if (r.code) h = `<code>${h}</code>`;
  if (r.em) h = `<em>${h}</em>`;
  if (r.strong) h = `<strong>${h}</strong>`;
  if (r.stat !== undefined) h = `<span class="stat" data-stat="${esc(r.stat)}" data-value="${r.value}">${h}</span>`;
  return h;
}

export function inlineHtml(t: Inline): string {
  return runs(t).map(runHtml).join('');
}

/** Markdown's special characters in running text, escaped. */
function mdEscape(s: string): string {
  return s.replace(/([\\`*_[\]|])/g, '\\$1');
}

function runMd(r: string | Run): string {
  if (typeof r === 'string') return mdEscape(r);
  let m = r.code ? `\`${r.text}\`` : mdEscape(r.text);
  if (r.em) m = `*${m}*`;
  if (r.strong) m = `**${m}**`;
  return m;
}

export function inlineMd(t: Inline): string {
  return runs(t).map(runMd).join('');
}

/** Plain text of an inline (for titles and alt text). */
export function inlinePlain(t: Inline): string {
  return runs(t).map((r) => (typeof r === 'string' ? r : r.text)).join('');
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function blockHtml(b: Block): string {
  switch (b.kind) {
    case 'heading': {
      const id = b.id ?? slug(inlinePlain(b.text));
      return `<h${b.level} id="${esc(id)}">${inlineHtml(b.text)}</h${b.level}>`;
    }
    case 'paragraph':
      return `<p${b.cls ? ` class="${b.cls}"` : ''}>${inlineHtml(b.text)}</p>`;
    case 'list': {
      const tag = b.ordered ? 'ol' : 'ul';
      const items = b.items.map((it) => {
        if (typeof it === 'object' && !Array.isArray(it) && 'sub' in it) {
          return `<li>${inlineHtml(it.text)}<ul>${it.sub.map((s) => `<li>${inlineHtml(s)}</li>`).join('')}</ul></li>`;
        }
        return `<li>${inlineHtml(it as Inline)}</li>`;
      });
      return `<${tag}>${items.join('')}</${tag}>`;
    }
    case 'table': {
      const al = (i: number) => (b.align?.[i] === 'r' ? ' class="num"' : '');
      const head = `<thead><tr>${b.head.map((h, i) => `<th${al(i)}>${inlineHtml(h)}</th>`).join('')}</tr></thead>`;
      const body = `<tbody>${b.rows.map((r) => `<tr>${r.map((cell, i) => `<td${al(i)}>${inlineHtml(cell)}</td>`).join('')}</tr>`).join('')}</tbody>`;
      return `<div class="table"><table>${b.caption ? `<caption>${esc(b.caption)}</caption>` : ''}${head}${body}</table></div>`;
    }
    case 'figure':
      return `<figure class="chart" id="${esc(b.id)}"><figcaption><strong>${esc(b.title)}</strong></figcaption>${b.svg}<p class="reading">${inlineHtml(b.reading)}</p></figure>`;
    case 'quote':
      return `<blockquote>${inlineHtml(b.text)}</blockquote>`;
    case 'code':
      return `<pre><code>${esc(b.text)}</code></pre>`;
  }
}

/** Series colours as CSS classes, shared by every chart. */
const seriesCss = SERIES.map((col, i) => `.s${i}{stroke:${col}}.fill.s${i}{fill:${col}}`).join('');

/**
 * The page's only style sheet. System fonts (nothing to download); charts scale down to
 * the page; print: no shadows, charts and tables kept whole, links shown as text.
 */
export const CSS = `
:root{color-scheme:light}
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1b1b1b;background:#fff;margin:0}
main{max-width:800px;margin:0 auto;padding:24px 20px 48px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;margin:32px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}h3{font-size:16px;margin:20px 0 6px}
p.lead{color:#444;margin-top:0}p.note{color:#555;font-size:13px}
p.reading{margin:4px 0 0;font-weight:600}
figure.chart{margin:16px 0 24px;padding:10px 12px;border:1px solid #e3e3e3;border-radius:6px}
figure.chart svg{display:block;max-width:100%;height:auto}
figcaption{margin-bottom:6px}
.table{overflow-x:auto}
table{border-collapse:collapse;margin:8px 0 16px;font-size:13px;width:100%}
th,td{border-bottom:1px solid #e6e6e6;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f6f6f6}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
caption{text-align:left;color:#555;font-size:12px;padding-bottom:4px}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px;background:#f4f4f4;padding:0 3px;border-radius:3px}
pre{background:#f4f4f4;padding:8px 10px;overflow-x:auto;border-radius:4px}pre code{padding:0}
blockquote{margin:8px 0;padding:4px 12px;border-left:3px solid #ccc;color:#444}
svg text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;fill:#222}
svg .note{fill:#555}
svg .axis{stroke:#444;stroke-width:1}svg .grid{stroke:#e8e8e8;stroke-width:1}
svg .zero{stroke:#444;stroke-width:1.2}svg .reference{stroke:#B00020;stroke-width:1;stroke-dasharray:4 3}
svg .thin{stroke-width:1.5}svg .soft{fill-opacity:.45}svg .whisker{stroke:#222;stroke-width:1.4}
svg .curve{fill:none;stroke-width:2}svg .connector{stroke:#888;stroke-dasharray:2 2}
svg .total{fill:#6b6b6b}svg .gain{fill:#009E73}svg .loss{fill:#D55E00}svg .frame{fill:none;stroke:#ddd}
${seriesCss}
nav.toc{font-size:13px;color:#444}nav.toc a{color:inherit}
@media print{
 @page{margin:16mm 14mm}
 body{font-size:11pt}main{max-width:none;padding:0}
 figure.chart,table,.table{break-inside:avoid}h2,h3{break-after:avoid}
 figure.chart{border:none;padding:0}
 nav.toc{display:none}
 a{color:inherit;text-decoration:none}
}
`.trim();

/** One self-contained page. `lang` is English: the project writes its reports in English. */
export function docHtml(d: Doc): string {
  const toc = d.blocks.filter((b): b is Extract<Block, { kind: 'heading' }> => b.kind === 'heading' && b.level === 2);
  const nav = toc.length > 2 ? `<nav class="toc">${toc.map((h) => `<a href="#${esc(h.id ?? slug(inlinePlain(h.text)))}">${inlineHtml(h.text)}</a>`).join(' · ')}</nav>` : '';
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(d.title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body><main>',
    `<h1>${esc(d.title)}</h1>`,
    d.subtitle ? `<p class="lead">${inlineHtml(d.subtitle)}</p>` : '',
    nav,
    ...d.blocks.map(blockHtml),
    '</main></body>',
    '</html>',
    '',
  ]
    .filter((l) => l !== '')
    .join('\n');
}

function tableMd(head: readonly Inline[], rows: readonly (readonly Inline[])[], align: readonly ('l' | 'r')[] = []): string {
  const cell = (t: Inline) => inlineMd(t).replace(/\n/g, ' ');
  const sep = head.map((_, i) => (align[i] === 'r' ? '---:' : '---'));
  return [head.map(cell), sep, ...rows.map((r) => r.map(cell))].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

function blockMd(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `${'#'.repeat(b.level)} ${inlineMd(b.text)}`;
    case 'paragraph':
      return b.cls === 'reading' ? `**${inlineMd(b.text)}**` : inlineMd(b.text);
    case 'list':
      return b.items
        .map((it, i) => {
          const mark = b.ordered ? `${i + 1}.` : '-';
          if (typeof it === 'object' && !Array.isArray(it) && 'sub' in it) return [`${mark} ${inlineMd(it.text)}`, ...it.sub.map((s) => `   - ${inlineMd(s)}`)].join('\n');
          return `${mark} ${inlineMd(it as Inline)}`;
        })
        .join('\n');
    case 'table':
      return (b.caption ? `${b.caption}\n\n` : '') + tableMd(b.head, b.rows, b.align);
    case 'figure':
      // Markdown has no charts: the figure's reading stands for it (its data follow as a table).
      return `**${b.title}.** ${inlineMd(b.reading)}`;
    case 'quote':
      return `> ${inlineMd(b.text)}`;
    case 'code':
      return `\`\`\`\n${b.text}\n\`\`\``;
  }
}

export function docMarkdown(d: Doc): string {
  const head = [`# ${d.title}`, ...(d.subtitle ? [inlineMd(d.subtitle)] : [])];
  return `${[...head, ...d.blocks.map(blockMd)].join('\n\n')}\n`;
}
