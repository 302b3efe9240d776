// Renderers only format: the modules that draw results (src/report, src/tui) import no
// statistics code (summaries, sketches, exact sums, accumulators, the experiment) and
// call no statistic (means, intervals, quantiles, exceedance) on what they are given.
// Results arrive as plain data (YearResult, AdviceResult, ...) computed below them.
// The comparison of profiles on single scenarios (compare's text and its live dashboard)
// still hands renderers its summaries: those files are listed in PENDING, and the list
// must shrink as they move to plain data (a listed file that no longer offends fails too).
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const SRC = new URL('../../src/', import.meta.url);
const RENDERER_DIRS = ['report', 'tui'];

/** Modules that hold statistics code, as import paths end. */
const STATS_MODULES = /(^|\/)(stats\/(summary|sketch|exact-sum|chunks)(\.js)?$|sweep\/accumulator(\.js)?$|experiment(\/|$))/;
/** Calls that compute a statistic on a summary or a sketch. */
const STAT_CALLS = /\.(stats|quantile|exceedance|ci95|variance|detectedShares|histogram)\(/;

const PENDING = new Set(['report/compare.ts', 'report/histogram.ts', 'tui/dashboard/ComparisonTable.tsx', 'tui/dashboard/DeltaTable.tsx', 'tui/dashboard/DashboardApp.tsx']);

const importsOf = (text: string) => [...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);

/** Every way a file breaks the rule, one line each. */
export function offences(file: string, text: string): string[] {
  const out: string[] = [];
  for (const spec of importsOf(text)) if (STATS_MODULES.test(spec)) out.push(`${file} imports ${spec}`);
  text.split('\n').forEach((line, i) => {
    if (STAT_CALLS.test(line) && !/^\s*(\/\/|\*)/.test(line)) out.push(`${file}:${i + 1} computes a statistic: ${line.trim()}`);
  });
  return out;
}

function renderers(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const dir of RENDERER_DIRS) {
    for (const f of readdirSync(new URL(`${dir}/`, SRC), { recursive: true }) as string[]) {
      if (/\.tsx?$/.test(f)) out[`${dir}/${f}`] = readFileSync(new URL(`${dir}/${f}`, SRC), 'utf8');
    }
  }
  return out;
}

describe('renderers only format', () => {
  const files = renderers();

  it('finds the renderers', () => {
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['report/year.ts', 'report/advise.ts', 'tui/year/view.tsx']));
  });

  it('no renderer imports statistics code or computes a statistic (except those PENDING)', () => {
    const bad = Object.entries(files).filter(([f]) => !PENDING.has(f)).flatMap(([f, t]) => offences(f, t));
    expect(bad).toEqual([]);
  });

  it('every PENDING file still offends (remove it from the list once it formats plain data)', () => {
    for (const f of PENDING) expect(offences(f, files[f] ?? ''), f).not.toEqual([]);
  });

  it('the rule catches an import of the accumulator and a quantile taken in a renderer', () => {
    expect(offences('report/x.ts', "import { Summary } from '../stats/summary.js';\n")).toHaveLength(1);
    expect(offences('report/x.ts', "import { runExperiment } from '../experiment/index.js';\n")).toHaveLength(1);
    expect(offences('report/x.ts', 'const p90 = sketch.quantile(0.9);\n')).toHaveLength(1);
    expect(offences('report/x.ts', "import type { AdviceResult } from '../advise/index.js';\nconst s = money(r.end.net.mean);\n")).toEqual([]);
  });
});
