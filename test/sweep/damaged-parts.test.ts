// A merge part damaged on disk or by hand (a sum that is not a number, a count below
// zero, a sketch gone, detections that do not add up) is the user's problem to name:
// exit 2 naming the file and the cell, never an internal error, never a merged file with
// a NaN in it. The same check guards a checkpoint's open cells on --resume.
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { imsim } from '../support/cli.js';
import { scratchDirs } from '../support/tmp.js';

const dir = scratchDirs()('imsim-damaged-');
let header = '';
let cells: Record<string, any>[] = [];

beforeAll(() => {
  const r = imsim(['sweep', '--scenarios', 'db-plugin-cpu-spike', '--profiles', '1,2', '--runs', '20', '--seed', '3', '--progress', 'none', '--out', join(dir, 'part.ndjson')]);
  expect(r.code, r.stderr).toBe(0);
  const lines = readFileSync(join(dir, 'part.ndjson'), 'utf8').trimEnd().split('\n');
  header = lines[0]!;
  cells = lines.slice(1).map((l) => JSON.parse(l));
});

type Cell = Record<string, any>;
const damage: [string, (c: Cell) => void, RegExp][] = [
  ['a sum that is not a number', (c) => (c.state.metrics.mttd.sum = ['x']), /mttd has sums that are not finite numbers/],
  ['sums that overflow together', (c) => (c.state.metrics.mttd.sumSq = [1e308, 1e308]), /mttd has sums that do not add up to a finite number/],
  ['a count below zero', (c) => (c.state.metrics.mttd.n = -5), /mttd has a count that is not a whole number/],
  ['a sketch gone', (c) => delete c.state.metrics.mttd.sketch, /mttd has no sketch/],
  ['a sketch of the wrong shape', (c) => (c.state.metrics.mttd.sketch = { a: 1 }), /mttd has no sketch/],
  ['a sketch holding other runs', (c) => (c.state.metrics.mttd.sketch.zeros += 3), /mttd has a sketch of 23 runs for 20/],
  ['no metrics', (c) => (c.state.metrics = {}), /has no metrics/],
  ['a detection count that is text', (c) => (c.state.detectedBy = { user: 'x' }), /detection count "user" that is not a channel and a whole number/],
  ['detections for other runs', (c) => (c.state.detectedBy = { user: 3 }), /has detection counts for 3 runs of 20/],
  ['a metric counting other runs than its sketch', (c) => (c.state.metrics.mtta.n = 19), /mtta has a sketch of 20 runs for 19/],
];

describe('merging a damaged part', () => {
  it.each(damage)('%s: exit 2 naming the file, the line and the cell; no output written', (_what, hurt, message) => {
    const broken = structuredClone(cells);
    hurt(broken[0]!);
    const part = join(dir, `damaged-${readdirSync(dir).length}.ndjson`);
    writeFileSync(part, `${header}\n${broken.map((c) => JSON.stringify(c)).join('\n')}\n`);
    const out = join(dir, `merged-${readdirSync(dir).length}.csv`);
    const r = imsim(['merge', part, '--out', out]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^imsim: ${part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: line 2: cell db-plugin-cpu-spike at 1 `));
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/the file is damaged\n$/);
    expect(readdirSync(dir).filter((f) => f.startsWith('merged'))).toEqual([]);
  });

  it('the undamaged part merges (the damage, not the test, is what fails above)', () => {
    const r = imsim(['merge', join(dir, 'part.ndjson'), '--out', join(dir, 'whole.csv')]);
    expect(r.code, r.stderr).toBe(0);
    rmSync(join(dir, 'whole.csv'));
  });
});
