// The engine's layers, from the bottom: the shared types and constants, environment,
// resources, lifecycles, world, observers, then the entry points. A file may import its
// own layer and those below, never one above; src/sim never imports the parts of imsim
// built on it (stats, sweep, cli, ...) nor touches files, the terminal or the clock.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../src/sim/', import.meta.url);

/** Layer of a file by its path under src/sim (lower numbers are lower layers). */
const LAYERS: [RegExp, number, string][] = [
  [/^(constants|scenario|log)\.ts$/, 0, 'shared types and constants'],
  [/^environment\//, 1, 'environment'],
  [/^resources\//, 2, 'resources'],
  [/^lifecycles\//, 3, 'lifecycles'],
  [/^world\//, 4, 'world'],
  [/^observers\//, 5, 'observers'],
  [/^(engine|metrics|index)\.ts$/, 6, 'entry points'],
];

/** What src/sim may import from outside itself (paths from the repository's root), and which packages. */
const OUTSIDE_ALLOWED = /^(machines|src\/model|src\/calibration|src\/util)\//;
const PACKAGES_ALLOWED = new Set(['xstate', 'seedrandom']);

export function layerOf(file: string): [number, string] {
  const hit = LAYERS.find(([re]) => re.test(file));
  if (!hit) throw new Error(`${file}: in no layer (add it to LAYERS in test/sim/layers.test.ts)`);
  return [hit[1], hit[2]];
}

/** The module specifiers a file imports or re-exports (type-only ones too: they bind the layers as much). */
export function importsOf(text: string): string[] {
  return [...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm), ...text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
}

/** The path from the repository's root of what `spec` names, imported by src/sim/`file`. */
function resolve(file: string, spec: string): string {
  const parts = `src/sim/${file}`.split('/').slice(0, -1);
  for (const p of spec.split('/')) {
    if (p === '..') parts.pop();
    else if (p !== '.') parts.push(p);
  }
  return parts.join('/').replace(/\.js$/, '.ts');
}

/** Every import that breaks the rules, as one line each. */
export function violations(files: Record<string, string>): string[] {
  const out: string[] = [];
  for (const [file, text] of Object.entries(files)) {
    const [level, name] = layerOf(file);
    for (const spec of importsOf(text)) {
      if (!spec.startsWith('.')) {
        if (!PACKAGES_ALLOWED.has(spec)) out.push(`${file}: imports ${spec} (src/sim touches no files, terminal, workers or clock, and uses only xstate and seedrandom)`);
        continue;
      }
      const target = resolve(file, spec);
      if (!target.startsWith('src/sim/')) {
        if (!OUTSIDE_ALLOWED.test(target)) out.push(`${file}: imports ${target}, outside what src/sim may use (machines, model, calibration, util)`);
        continue;
      }
      const inSim = target.slice('src/sim/'.length);
      const [targetLevel, targetName] = layerOf(inSim);
      if (targetLevel > level) out.push(`${file} (${name}) imports ${inSim} (${targetName}), a higher layer`);
    }
  }
  return out;
}

function readTree(): Record<string, string> {
  const files = (readdirSync(ROOT, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).sort();
  return Object.fromEntries(files.map((f) => [f, readFileSync(new URL(f, ROOT), 'utf8')]));
}

describe('the engine layers', () => {
  const tree = readTree();

  it('every file of src/sim belongs to a layer', () => {
    for (const f of Object.keys(tree)) expect(() => layerOf(f), f).not.toThrow();
  });

  it('no file imports a layer above its own, nor anything src/sim must not use', () => {
    expect(violations(tree)).toEqual([]);
  });

  it('each layer folder has a main file that opens with what lives there and what it may import', () => {
    for (const folder of ['environment', 'resources', 'lifecycles', 'world', 'observers']) {
      const main = tree[`${folder}/index.ts`];
      expect(main, `${folder}/index.ts`).toBeDefined();
      const opening = main!.split('\n').filter((l) => l.startsWith('//')).join(' ');
      expect(opening, `${folder}/index.ts`).toMatch(/May import/);
      expect(main!.startsWith('//'), `${folder}/index.ts opens with its paragraph`).toBe(true);
    }
  });

  it('the check fails when a lower layer imports a higher one, or src/sim imports stats or the file system', () => {
    expect(violations({ 'environment/queue.ts': "import { World } from '../world/index.js';" })).toEqual([
      'environment/queue.ts (environment) imports world/index.ts (world), a higher layer',
    ]);
    expect(violations({ 'resources/team.ts': "import type { Lifecycle } from '../lifecycles/index.js';" })).toHaveLength(1);
    expect(violations({ 'world/world.ts': "export { LogObserver } from '../observers/log.js';" })).toHaveLength(1);
    expect(violations({ 'lifecycles/lifecycle.ts': "import type { Team } from '../resources/index.js';" })).toEqual([]);
    expect(violations({ 'world/plan.ts': "import { Summary } from '../../stats/summary.js';" })).toHaveLength(1);
    expect(violations({ 'engine.ts': "import { readFileSync } from 'node:fs';" })).toHaveLength(1);
    expect(violations({ 'engine.ts': "import { canonicalProfile } from '../model/index.js';" })).toEqual([]);
    expect(violations({ 'lifecycles/incident.ts': "import type { IncidentFacts } from '../../../machines/index.js';" })).toEqual([]);
  });
});
