// End-to-end: the simulator's commands through the real CLI.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { imsim } from '../support/cli.js';
import { scratchDirs } from '../support/tmp.js';

const scratch = scratchDirs();

describe('imsim compare', () => {
  const args = ['compare', 'db-plugin-cpu-spike', 'suspicious-login-2am', '--profiles', '1,3', '--runs', '300', '--seed', '11', '--json'];

  it('gives byte-identical JSON for the same arguments in two processes, and different JSON for another seed', () => {
    const a = imsim(args);
    const b = imsim(args);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const c = imsim(args.map((x) => (x === '11' ? '12' : x)));
    expect(c.stdout).not.toBe(a.stdout);
  });

  it('writes the documented JSON shape', () => {
    const doc = JSON.parse(imsim(args).stdout);
    expect(doc).toMatchObject({ seed: 11, runs: 300, profiles: ['1', '3'] });
    expect(doc.calibration.hash).toMatch(/^[0-9a-f]{12}$/);
    const r = doc.results.find((x: { scenario: string; profile: string }) => x.scenario === 'suspicious-login-2am' && x.profile === '1');
    for (const m of ['mttd', 'mtta', 'mttr', 'disruption', 'cost', 'mttc', 'lateralMovement', 'exfiltration']) {
      expect(Object.keys(r.metrics[m]).sort(), m).toEqual(['ci95', 'mean', 'p50', 'p90', 'p95']);
    }
    const shares = Object.values(r.detectedBy as Record<string, number>).reduce((s, x) => s + x, 0);
    expect(shares).toBeCloseTo(1, 3);
    const d = doc.deltas.find((x: { scenario: string }) => x.scenario === 'db-plugin-cpu-spike');
    expect(d).toMatchObject({ from: '1', to: '3' });
    expect(Object.keys(d.metrics.mttr).sort()).toEqual(['ci95', 'mean']);
  });

  it('every scenario restores faster at level 3 than at level 1, with the paired interval below zero (seed 7, 2000 runs)', () => {
    const r = imsim(['compare', '--all', '--profiles', '1,3', '--runs', '2000', '--seed', '7', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.deltas).toHaveLength(10);
    for (const d of doc.deltas) {
      expect(d.metrics.mttr.mean, d.scenario).toBeLessThan(0);
      expect(d.metrics.mttr.ci95[1], d.scenario).toBeLessThan(0);
    }
    const exfil = (p: string) =>
      doc.results.find((x: { scenario: string; profile: string }) => x.scenario === 'suspicious-login-2am' && x.profile === p).metrics.exfiltration.mean;
    expect(exfil('1')).toBeGreaterThan(0.5);
    expect(exfil('3')).toBeLessThan(0.25);
  });

  it('prints a plain table with no escape codes when piped, with the seed in it', () => {
    const r = imsim(['compare', 'san-controller-latency', '--profiles', '1,4,5', '--runs', '100']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^imsim compare: 1 scenario at profiles 1, 4 and 5\n/);
    expect(r.stdout).toMatch(/100 runs each, seed 1/);
    expect(r.stdout).toMatch(/san-controller-latency/);
    expect(r.stdout).toMatch(/paired change against 1/);
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it('--csv has one row per scenario, profile and metric, plus deltas', () => {
    const r = imsim(['compare', 'branch-network-degradation', '--profiles', '2;change=3,config=3,observability=2,serviceDesk=2,secOps=2', '--runs', '50', '--csv']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('kind,scenario,profile,against,metric,n,mean,p50,p90,p95,ci95_low,ci95_high');
    expect(lines.filter((l) => l.startsWith('result,'))).toHaveLength(10);
    expect(lines.filter((l) => l.startsWith('delta,'))).toHaveLength(5);
    expect(lines.some((l) => l.includes('"change=3,config=3,observability=2,serviceDesk=2,secOps=2"'))).toBe(true);
  });

  it.each([
    [['compare'], /name at least one scenario, or use --all/],
    [['compare', 'nope'], /no scenario "nope"/],
    [['compare', 'db-plugin-cpu-spik'], /did you mean "db-plugin-cpu-spike"/],
    [['compare', '--all', '--runs', '0'], /--runs: must be between 1/],
    [['compare', '--all', '--profiles', '1,9'], /--profiles: profile "9"/],
    [
      ['compare', '--all', '--profiles', '1,3,change=2,secOps=4'],
      /^imsim: --profiles: "1" is not of the form domain=level; once a profile is written per domain, separate profiles with ";": "1;3;change=2,secOps=4"\n/,
    ],
    [['compare', '--all', '--profiles', '1,3,1'], /^imsim: --profiles: "1" is listed twice: list each profile once\n/],
    [
      ['compare', '--all', '--profiles', '2;change=2,config=2,observability=2,serviceDesk=2,secOps=2'],
      /--profiles: "change=2,config=2,observability=2,serviceDesk=2,secOps=2" is the same profile as "2" \(2\)/,
    ],
  ])('bad input %j exits 2 with a clear message', (a, message) => {
    const r = imsim(a);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('imsim run', () => {
  it('prints the timeline with wall clock times and the metrics', () => {
    const r = imsim(['run', 'suspicious-login-2am', '--profile', '1', '--seed', '3']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/suspicious-login-2am at profile 1, seed 3, replication 0/);
    expect(r.stdout).toMatch(/Tue 02:00/);
    expect(r.stdout).toMatch(/WAIT_FOR_BUSINESS_HOURS/);
    expect(r.stdout).toMatch(/exfiltration/);
    expect(r.stdout).toMatch(/detected by/);
  });

  it('--json has the timeline and the metrics', () => {
    const doc = JSON.parse(imsim(['run', 'db-plugin-cpu-spike', '--profile', '3', '--json']).stdout);
    expect(doc.timeline[0]).toMatchObject({ source: 'change', event: 'start' });
    expect(doc.timeline.some((t: { event: string }) => t.event === 'CHANGE_CORRELATED' || t.event === 'CHANGE_IDENTIFIED')).toBe(true);
    expect(doc.metrics.mttr).toBeGreaterThan(0);
  });
});

describe('imsim validate and list', () => {
  it('validates every shipped scenario', () => {
    const r = imsim(['validate', 'scenarios']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(10);
  });

  it('a broken file exits 2 naming file, line and field, with every problem', () => {
    const dir = scratch();
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'id: bad\ntitle: t\nsource: {seed: "000", section: s}\ntoldAt: 9\nanecdote: a\nkind: operational\nonset: Mon 25:00\nservice: {name: s, impact: 2}\nfault: {phases: [{name: p, impact: 0.5}]}\n');
    const r = imsim(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml:4 toldAt: a level is 1 to 5/);
    expect(r.stderr).toMatch(/bad\.yaml:8 service\.impact: must be between 0 and 1/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a folder with no scenario files in it is a problem, not a silent pass', () => {
    const dir = scratch();
    writeFileSync(join(dir, 'notes.txt'), 'not a scenario\n');
    const r = imsim(['validate', dir]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${dir}: no scenario files (.yaml or .yml) in this folder\n1 of 1 files have problems\n`);
  });

  it('lists the scenarios', () => {
    const doc = JSON.parse(imsim(['list', '--json']).stdout);
    expect(doc).toHaveLength(10);
    expect(doc[0]).toHaveProperty('anecdote');
  });
});
