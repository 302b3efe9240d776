// The CSV schema every result file shares (compare --csv, sweep and merge outputs): one
// row per statistic, fields quoted only when they must be, intervals left empty below two
// runs, a paired change without percentiles, and each row saying where it comes from.
import { describe, expect, it } from 'vitest';
import { fillProfile, uniformProfile } from '../../src/model/index.js';
import type { Metrics } from '../../src/sim/index.js';
import type { Scenario } from '../../src/sim/scenario.js';
import {
  Cell,
  cellCsvRows,
  comparisonCsvRows,
  CSV_COLUMNS,
  CSV_HEADER,
  csvField,
  deltaCsvRows,
  Summary,
  type MetricName,
  type ScenarioComparison,
} from '../../src/stats/index.js';

const NAMES: MetricName[] = ['mttd', 'mttr'];
const metrics = (mttd: number, mttr: number, detectedBy: Metrics['detectedBy'] = 'user'): Metrics =>
  ({ incident: 1, mttd, mtta: mttd, mttr, close: mttr, disruption: 0, cost: 0, detectedBy }) as Metrics;
const KEY = { seed: 7, scenario: 's', profile: '3', effective: '3' };
/** The rows as records keyed by column, to read a field by name. */
const records = (rows: string[]) => rows.map((r) => Object.fromEntries(r.split(',').map((v, i) => [CSV_COLUMNS[i], v])));

describe('csvField', () => {
  it('leaves a plain field as it is and quotes one with a comma, a quote or a line break, doubling quotes', () => {
    expect(csvField('change=2,config=3')).toBe('"change=2,config=3"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField('plain name')).toBe('plain name');
    expect(csvField('')).toBe('');
  });

  it('rounds a number to 4 decimals and keeps an integer whole', () => {
    expect(csvField(1.23456789)).toBe('1.2346');
    expect(csvField(42)).toBe('42');
    expect(csvField(-0.00004)).toBe('0');
  });
});

describe('a cell as CSV rows', () => {
  it('gives the header its nine columns, in order', () => {
    expect(CSV_HEADER).toBe('seed,scenario,profile,profile_name,effective,baseline,metric,statistic,value');
  });

  it('writes each metric\'s statistics in order, then the channels\' shares, every row keyed', () => {
    const cell = new Cell(NAMES);
    cell.add(metrics(10, 100));
    cell.add(metrics(20, 300, 'monitoring'));
    cell.add(metrics(30, 200, 'monitoring'));
    const rows = cellCsvRows({ ...KEY, name: 'our, team' }, cell);
    expect(rows).toHaveLength(2 * 9 + 2);
    // a name with a comma is quoted, so split on the quoted field's own text
    expect(rows.every((r) => r.startsWith('7,s,3,"our, team",3,,'))).toBe(true);
    const plain = records(cellCsvRows(KEY, cell));
    expect(plain.slice(0, 9).map((r) => `${r.metric}.${r.statistic}`)).toEqual(
      ['n', 'mean', 'p50', 'p90', 'p95', 'ci95_low', 'ci95_high', 'min', 'max'].map((s) => `mttd.${s}`),
    );
    expect(plain.filter((r) => r.metric === 'mttr' && ['n', 'mean', 'min', 'max'].includes(r.statistic!)).map((r) => r.value)).toEqual(['3', '200', '100', '300']);
    const ci = cell.metrics.get('mttd')!.stats().ci95;
    expect(plain.find((r) => r.metric === 'mttd' && r.statistic === 'ci95_low')!.value).toBe(csvField(ci[0]));
    expect(plain.find((r) => r.metric === 'mttd' && r.statistic === 'ci95_high')!.value).toBe(csvField(ci[1]));
    expect(plain.slice(18)).toEqual([
      { ...plain[0], metric: 'detectedBy.user', statistic: 'share', value: '0.3333' },
      { ...plain[0], metric: 'detectedBy.monitoring', statistic: 'share', value: '0.6667' },
    ]);
  });

  it('leaves the interval empty with one run, keeping n, mean, min and max, and writes it from two runs', () => {
    const cell = new Cell(NAMES);
    cell.add(metrics(5, 50));
    const rows = records(cellCsvRows(KEY, cell)).filter((r) => r.metric === 'mttr');
    expect(rows.map((r) => [r.statistic, r.value])).toEqual([
      ['n', '1'],
      ['mean', '50'],
      ['p50', rows[2]!.value],
      ['p90', rows[3]!.value],
      ['p95', rows[4]!.value],
      ['ci95_low', ''],
      ['ci95_high', ''],
      ['min', '50'],
      ['max', '50'],
    ]);
    // two runs are enough for an interval
    cell.add(metrics(7, 70));
    const ci = cell.metrics.get('mttr')!.stats().ci95;
    const two = records(cellCsvRows(KEY, cell)).filter((r) => r.metric === 'mttr' && r.statistic!.startsWith('ci95'));
    expect(two.map((r) => r.value)).toEqual([csvField(ci[0]), csvField(ci[1])]);
    expect(two.every((r) => r.value !== '')).toBe(true);
  });

  it('adds the paired change against the baseline, without percentiles, only when asked for one', () => {
    const cell = new Cell(NAMES, true);
    cell.add(metrics(10, 100), metrics(15, 160));
    cell.add(metrics(20, 200), metrics(20, 230));
    const withBaseline = records(cellCsvRows(KEY, cell, '1'));
    const paired = withBaseline.filter((r) => r.baseline === '1');
    expect(paired.map((r) => `${r.metric}.${r.statistic}`)).toEqual(
      NAMES.flatMap((m) => ['n', 'mean', 'ci95_low', 'ci95_high', 'min', 'max'].map((s) => `${m}.${s}`)),
    );
    expect(paired.filter((r) => r.metric === 'mttr' && ['n', 'mean', 'min', 'max'].includes(r.statistic!)).map((r) => r.value)).toEqual(['2', '-45', '-60', '-30']);
    expect(withBaseline.filter((r) => r.baseline === '')).toEqual(records(cellCsvRows(KEY, cell)));
    // a cell without paired deltas writes none, even with a baseline named
    const plain = new Cell(NAMES);
    plain.add(metrics(10, 100));
    expect(records(cellCsvRows(KEY, plain, '1')).every((r) => r.baseline === '')).toBe(true);
  });

  it('writes the paired change of any summaries it is given, metric by metric in the order named', () => {
    const d = new Map(NAMES.map((n) => [n, new Summary(false)] as const));
    d.get('mttd')!.add(-1);
    d.get('mttr')!.add(4);
    const rows = records(deltaCsvRows(KEY, 'config=2', ['mttr', 'mttd'], d));
    expect(rows.filter((r) => r.statistic === 'mean').map((r) => [r.metric, r.baseline, r.value])).toEqual([
      ['mttr', 'config=2', '4'],
      ['mttd', 'config=2', '-1'],
    ]);
  });
});

describe('a comparison as CSV rows', () => {
  it('keys each profile by its canonical form, its name and the levels it delivers, then the paired changes against the first', () => {
    // observability 4 over config 1 is capped at config + lead (lead 1: 2); serviceDesk then follows observability's 2 + 1
    const mixed = fillProfile({ config: 1, observability: 4, serviceDesk: 5 }, 1);
    const results = [uniformProfile(2), mixed].map((profile, i) => {
      const cell = new Cell(NAMES);
      cell.add(metrics(10 + i, 100 + i));
      return { profile, cell };
    });
    const delta = new Map(NAMES.map((n) => [n, new Summary(false)] as const));
    NAMES.forEach((n) => delta.get(n)!.add(1));
    const c = {
      scenario: { id: 'demo' } as Scenario,
      cost: { perImpactMinute: 100, perHour: 6000, from: 'scenario', source: 'a test figure' },
      metrics: NAMES,
      results,
      deltas: [{ from: uniformProfile(2), to: mixed, metrics: delta }],
    } satisfies ScenarioComparison;
    const rows = comparisonCsvRows(c, 9, { '2': 'two' }, 1);
    expect(rows).toHaveLength(2 * (2 * 9 + 1) + 2 * 6);
    const keys = [...new Set(rows.map((r) => r.slice(0, r.lastIndexOf(',', r.lastIndexOf(',', r.lastIndexOf(',') - 1) - 1))))];
    expect(keys).toEqual([
      '9,demo,2,two,2,',
      '9,demo,"change=1,config=1,observability=4,serviceDesk=5,secOps=1",,"change=1,config=1,observability=2,serviceDesk=3,secOps=1",',
      '9,demo,"change=1,config=1,observability=4,serviceDesk=5,secOps=1",,"change=1,config=1,observability=2,serviceDesk=3,secOps=1",2',
    ]);
  });
});
