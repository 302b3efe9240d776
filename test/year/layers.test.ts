// src/year is pure: it imports the layers below it (model, calibration, scenario, org, sim, experiment,
// stats, util) and nothing that touches files, the terminal, workers or the clock (node:
// modules, sweep, cli, tui, report). The simulator's organization world (src/sim/world/
// org.ts) takes plain data and never imports src/org (test/sim/layers.test.ts holds sim).
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../src/year/', import.meta.url);
/** The module specifiers a file imports or re-exports. */
const importsOf = (text: string) => [...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
const ALLOWED = /^\.\.\/(model|calibration|scenario|org|sim|stats|experiment|util)\//;

describe('src/year', () => {
  it('imports only the layers below it, and no node: module or package', () => {
    const files = (readdirSync(ROOT) as string[]).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(3);
    const bad: string[] = [];
    for (const f of files) {
      for (const spec of importsOf(readFileSync(new URL(f, ROOT), 'utf8'))) {
        if (spec.startsWith('./')) continue;
        if (!ALLOWED.test(spec)) bad.push(`src/year/${f} imports ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });
});
