// Reads the Markdown that imsim's own renderers write (the tabletop's after-action
// report) into report blocks, so it reaches HTML through the same page as the leaders'
// report. The subset is what those renderers produce: ATX headings, paragraphs, bullet
// and numbered lists with one nested level, pipe tables with an alignment row, block
// quotes, fenced code, and **strong**, *emphasis* and `code` inline. It is not a general
// Markdown parser; anything else passes through as text, escaped.
import type { Block, Doc, Inline, Run } from './doc.js';

/** Inline Markdown into runs: backslash escapes, `code`, **strong**, *emphasis*. */
export function parseInline(s: string): Run[] {
  const out: Run[] = [];
  let buf = '';
  let strong = false;
  let em = false;
  const flush = () => {
    if (buf) out.push({ text: buf, ...(strong ? { strong } : {}), ...(em ? { em } : {}) });
    buf = '';
  };
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '\\' && i + 1 < s.length) {
      buf += s[++i];
    } else if (ch === '`') {
      const end = s.indexOf('`', i + 1);
      if (end < 0) {
        buf += ch;
        continue;
      }
      flush();
      out.push({ text: s.slice(i + 1, end), code: true, ...(strong ? { strong } : {}), ...(em ? { em } : {}) });
      i = end;
    } else if (ch === '*' && s[i + 1] === '*') {
      flush();
      strong = !strong;
      i++;
    } else if (ch === '*' && (em || /\S/.test(s[i + 1] ?? ''))) {
      flush();
      em = !em;
    } else buf += ch;
  }
  flush();
  return out;
}

/** Splits a table row on unescaped pipes, keeping escapes for the inline reader. */
function cells(row: string): string[] {
  const body = row.trim().replace(/^\|/, '').replace(/\|$/, '');
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === '\\' && i + 1 < body.length) {
      cur += ch + body[++i];
    } else if (ch === '|') {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

const isRule = (l: string) => /^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/.test(l.trim());

/** A Markdown document as report blocks; its first `# ` heading becomes the title. */
export function markdownDoc(md: string, fallbackTitle: string): Doc {
  const lines = md.replace(/\r\n/g, '\n').split('\n');
  const blocks: Block[] = [];
  let title = fallbackTitle;
  let i = 0;
  const inline = (s: string): Inline => parseInline(s);
  while (i < lines.length) {
    const l = lines[i]!;
    if (!l.trim()) {
      i++;
      continue;
    }
    const h = /^(#{1,6})\s+(.*)$/.exec(l);
    if (h) {
      const level = h[1]!.length;
      if (level === 1 && title === fallbackTitle && blocks.length === 0) title = parseInline(h[2]!).map((r) => r.text).join('');
      else blocks.push({ kind: 'heading', level: Math.min(3, Math.max(2, level)) as 2 | 3, text: inline(h[2]!) });
      i++;
      continue;
    }
    if (l.startsWith('```')) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i]!.startsWith('```')) body.push(lines[i++]!);
      i++;
      blocks.push({ kind: 'code', text: body.join('\n') });
      continue;
    }
    if (l.startsWith('>')) {
      const body: string[] = [];
      while (i < lines.length && lines[i]!.startsWith('>')) body.push(lines[i++]!.replace(/^>\s?/, ''));
      blocks.push({ kind: 'quote', text: inline(body.join(' ')) });
      continue;
    }
    if (l.trimStart().startsWith('|') && i + 1 < lines.length && isRule(lines[i + 1]!)) {
      const head = cells(l);
      const align = cells(lines[i + 1]!).map((c) => (c.endsWith(':') ? ('r' as const) : ('l' as const)));
      i += 2;
      const rows: Inline[][] = [];
      while (i < lines.length && lines[i]!.trimStart().startsWith('|')) rows.push(cells(lines[i++]!).map(inline));
      blocks.push({ kind: 'table', head: head.map(inline), rows, align });
      continue;
    }
    const item = /^(-|\d+\.)\s+(.*)$/.exec(l);
    if (item) {
      const ordered = item[1] !== '-';
      const items: { text: Inline; sub: Inline[] }[] = [];
      while (i < lines.length) {
        const top = /^(-|\d+\.)\s+(.*)$/.exec(lines[i]!);
        const sub = /^\s{2,}[-*]\s+(.*)$/.exec(lines[i]!);
        if (top && (top[1] !== '-') === ordered) items.push({ text: inline(top[2]!), sub: [] });
        else if (sub && items.length) items.at(-1)!.sub.push(inline(sub[1]!));
        else break;
        i++;
      }
      blocks.push({ kind: 'list', ordered, items: items.map((it) => (it.sub.length ? it : it.text)) });
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && lines[i]!.trim() && !/^(#{1,6}\s|```|>|(-|\d+\.)\s)/.test(lines[i]!) && !(lines[i]!.trimStart().startsWith('|') && isRule(lines[i + 1] ?? ''))) {
      para.push(lines[i++]!.trim());
    }
    blocks.push({ kind: 'paragraph', text: inline(para.join(' ')) });
  }
  return { title, blocks };
}
