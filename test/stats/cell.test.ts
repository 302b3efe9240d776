// A comparison's cells: what one scenario at one profile accumulates, with paired deltas
// against a baseline when asked for, saved and read back exactly (sweep checkpoints), and
// the progress a long comparison reports.
import { describe, expect, it } from 'vitest';
import { defaultCalibration } from '../../src/calibration/index.js';
import { uniformProfile } from '../../src/model/index.js';
import type { Metrics } from '../../src/sim/index.js';
import { compareScenario } from '../../src/experiment/compare.js';
import { Cell, type MetricName } from '../../src/stats/index.js';
import { builtinScenarios } from '../support/scenarios.js';

const NAMES: MetricName[] = ['mttd', 'mttr'];
const metrics = (mttd: number, mttr: number): Metrics =>
  ({ incident: 1, mttd, mtta: mttd, mttr, close: mttr, disruption: 0, cost: 0, detectedBy: 'user' }) as Metrics;

describe('a comparison cell', () => {
  it('keeps no paired deltas unless asked, and then only for replications with a baseline', () => {
    const plain = new Cell(NAMES);
    plain.add(metrics(1, 10), metrics(2, 20));
    expect(plain.deltas).toBeUndefined();
    expect(plain.toJSON()).not.toHaveProperty('deltas');
    const paired = new Cell(NAMES, true);
    paired.add(metrics(1, 10));
    expect(paired.deltas!.get('mttr')!.n).toBe(0);
    paired.add(metrics(3, 30), metrics(1, 10));
    expect(paired.deltas!.get('mttr')!.mean()).toBe(20);
    expect(paired.metrics.get('mttr')!.n).toBe(2);
  });

  it('reads back what it saved, deltas, shares and all', () => {
    const c = new Cell(NAMES, true);
    c.add(metrics(1, 10), metrics(2, 12));
    c.add({ ...metrics(5, 50), detectedBy: 'monitoring' }, metrics(4, 40));
    const back = Cell.fromJSON(NAMES, JSON.parse(JSON.stringify(c.toJSON())));
    expect(back.toJSON()).toEqual(c.toJSON());
    expect(back.detectedShares()).toEqual({ user: 0.5, monitoring: 0.5 });
    expect(back.deltas!.get('mttd')!.mean()).toBe(0);
    const plain = new Cell(NAMES);
    plain.add(metrics(1, 10));
    expect(Cell.fromJSON(NAMES, JSON.parse(JSON.stringify(plain.toJSON()))).deltas).toBeUndefined();
  });

  it('refuses to merge a cell with paired deltas into one without', () => {
    expect(() => new Cell(NAMES).merge(new Cell(NAMES, true))).toThrow('Cell.merge: one cell has paired deltas and the other not');
    expect(() => new Cell(NAMES, true).merge(new Cell(NAMES))).toThrow('Cell.merge: one cell has paired deltas and the other not');
  });
});

describe('compareScenario', () => {
  it('reports progress after every block of 100 replications and at the end, counting from where it started', () => {
    const [scenario] = builtinScenarios();
    const seen: number[] = [];
    compareScenario(scenario!, [uniformProfile(1), uniformProfile(3)], { runs: 250, from: 10, seed: 1, calibration: defaultCalibration(), progress: (d) => seen.push(d) });
    expect(seen).toEqual([100, 200, 250]);
  });
});
