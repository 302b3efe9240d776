// Every number the simulator uses comes from the calibration table. In src/sim a
// numeric literal may only be 0, 1 or 2 (counting, halving, indexing) or the value of a
// named structural constant (`const UPPER_CASE = ...`, which carries its reason beside it).
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const DIR = new URL('../../src/sim/', import.meta.url);

/** Removes comments and string literals, keeping line breaks so line numbers stay right. */
function code(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' '))
    .replace(/\/\/.*$/gm, '')
    .replace(/`(?:\\.|[^`\\])*`|'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"/g, (m) => m.replace(/[^\n]/g, ' '));
}

export function inlineNumbers(text: string): { line: number; literal: string }[] {
  const out: { line: number; literal: string }[] = [];
  code(text)
    .split('\n')
    .forEach((line, i) => {
      if (/^\s*(export\s+)?const\s+[A-Z][A-Z0-9_]*\s*(:[^=]+)?=/.test(line)) return;
      for (const m of line.matchAll(/(?<![\w.$])(0x[0-9a-fA-F_]+|\d[\d_]*(?:\.\d+)?(?:e[+-]?\d+)?)(?![\w$])/g)) {
        if (!['0', '1', '2'].includes(m[1]!)) out.push({ line: i + 1, literal: m[1]! });
      }
    });
  return out;
}

describe('src/sim has no inline numbers', () => {
  // Every layer's folder too (environment/, resources/, ...), not only the top level.
  const files = (readdirSync(DIR, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).sort();

  it('reads the layer folders as well as the top level', () => {
    expect(files.some((f) => f.includes('/'))).toBe(true);
  });

  it.each(files)('%s', (file) => {
    const found = inlineNumbers(readFileSync(new URL(file, DIR), 'utf8'));
    expect(found.map((f) => `${file}:${f.line} ${f.literal}`)).toEqual([]);
  });

  it('the check itself catches a duration written inline', () => {
    expect(inlineNumbers("sim.act(run, 15, 'ACKNOWLEDGED'); // 15 in a comment is fine")).toEqual([{ line: 1, literal: '15' }]);
    expect(inlineNumbers('const TOP_TIER = 3;\nconst x = 0.5;')).toEqual([{ line: 2, literal: '0.5' }]);
  });
});
