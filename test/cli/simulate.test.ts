// End-to-end: the simulator's commands through the real CLI.
import { readFileSync, writeFileSync } from 'node:fs';
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
    expect(doc.deltas).toHaveLength(12);
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

  it('--csv has one row per statistic of each scenario, profile and metric (seed 1), plus the paired deltas against the first profile', () => {
    const r = imsim(['compare', 'branch-network-degradation', '--profiles', '2;change=3,config=3,observability=2,serviceDesk=2,secOps=2', '--runs', '50', '--csv']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('seed,scenario,profile,profile_name,effective,baseline,metric,statistic,value');
    const means = lines.filter((l) => /,mean,[-\d.]+$/.test(l));
    expect(means.filter((l) => /,,(mttd|mtta|mttr|disruption|cost),mean,/.test(l))).toHaveLength(10);
    expect(means.filter((l) => /,2,(mttd|mtta|mttr|disruption|cost),mean,/.test(l))).toHaveLength(5);
    expect(lines[1]).toBe(`1,branch-network-degradation,2,,2,,mttd,n,50`);
    // A per-domain profile is quoted (its commas are its own), with its effective levels beside it.
    expect(lines.some((l) => l.startsWith('1,branch-network-degradation,"change=3,config=3,observability=2,serviceDesk=2,secOps=2",,"change=3,'))).toBe(true);
  });

  it('--runs 1 shows no interval anywhere: n/a in text, null in JSON, an empty value in CSV', () => {
    const args = ['compare', 'db-plugin-cpu-spike', '--profiles', '1..3', '--runs', '1', '--seed', '5'];
    const text = imsim(args);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/1 run each, seed 5/);
    expect(text.stdout).toMatch(/paired change against 1, mean \(one run: no interval\)/);
    expect(text.stdout).not.toMatch(/95% interval|\[-?\$?[\d.]+[a-zA-Z]*, /);
    const doc = JSON.parse(imsim([...args, '--json']).stdout);
    for (const r of [...doc.results, ...doc.deltas]) for (const m of Object.values(r.metrics) as { ci95: unknown }[]) expect(m.ci95).toBeNull();
    const csv = imsim([...args, '--csv']).stdout.trim().split('\n');
    const intervals = csv.filter((l) => /,ci95_(low|high),/.test(l));
    expect(intervals.length).toBeGreaterThan(0);
    for (const l of intervals) expect(l).toMatch(/,ci95_(low|high),$/);
  });

  it('a profile file with name: puts the name beside the profile in CSV (compare and sweep) and JSON', () => {
    const dir = scratch('imsim-names-');
    {
      writeFileSync(join(dir, 'target.yaml'), 'name: target\nchange: 3\nconfig: 3\nobservability: 2\n');
      const file = join(dir, 'target.yaml');
      const compare = imsim(['compare', 'db-plugin-cpu-spike', '--profiles', `1;${file}`, '--runs', '5', '--csv']);
      expect(compare.code, compare.stderr).toBe(0);
      expect(compare.stdout).toMatch(/^1,db-plugin-cpu-spike,"change=3,config=3,observability=2,serviceDesk=1,secOps=1",target,"change=3,config=3,observability=2,serviceDesk=1,secOps=1",,mttd,n,5$/m);
      expect(JSON.parse(imsim(['compare', 'db-plugin-cpu-spike', '--profiles', `1;${file}`, '--runs', '5', '--json']).stdout).profileNames).toEqual([null, 'target']);
      const sweep = imsim(['sweep', '--scenarios', 'db-plugin-cpu-spike', '--profiles', `1;${file}`, '--runs', '5', '--progress', 'none', '--out', join(dir, 's.csv')]);
      expect(sweep.code, sweep.stderr).toBe(0);
      expect(readFileSync(join(dir, 's.csv'), 'utf8')).toMatch(/^1,db-plugin-cpu-spike,"change=3,config=3,observability=2,serviceDesk=1,secOps=1",target,/m);
    }
  });

  it.each([
    ['1,3,1', /^imsim: --profiles: "1" gives profile 1 more than once; it runs once\n$/, ['1', '3']],
    ['1..3,2', /^imsim: --profiles: "2" gives profile 2, as "1\.\.3" does; it runs once\n$/, ['1', '2', '3']],
    ['2;change=2,config=2,observability=2,serviceDesk=2,secOps=2', /"change=2,config=2,observability=2,serviceDesk=2,secOps=2" gives profile 2, as "2" does; it runs once/, ['2']],
  ])('a profile given twice (%s) runs once, with a note, as in sweeps', (list, note, profiles) => {
    const r = imsim(['compare', 'db-plugin-cpu-spike', '--profiles', list, '--runs', '3', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(note);
    expect(JSON.parse(r.stdout).profiles).toEqual(profiles);
  });

  it('a profile range works as in sweeps: --profiles 1..5 is five profiles, the first the baseline', () => {
    const r = imsim(['compare', 'db-plugin-cpu-spike', '--profiles', '1..5', '--runs', '20', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.profiles).toEqual(['1', '2', '3', '4', '5']);
    expect(doc.deltas.map((d: { from: string; to: string }) => `${d.from}->${d.to}`)).toEqual(['1->2', '1->3', '1->4', '1->5']);
  });

  it('compare --csv and a sweep --baseline CSV of the same seed and runs share columns and agree row for row', () => {
    const dir = scratch('imsim-csv-');
    {
      const compare = imsim(['compare', 'suspicious-login-2am', '--profiles', '1,3', '--runs', '40', '--seed', '9', '--csv']);
      const sweep = imsim(['sweep', '--scenarios', 'suspicious-login-2am', '--profiles', '1,3', '--baseline', '1', '--runs', '40', '--seed', '9', '--progress', 'none', '--out', join(dir, 's.csv')]);
      expect(compare.code, compare.stderr).toBe(0);
      expect(sweep.code, sweep.stderr).toBe(0);
      const a = compare.stdout.trim().split('\n');
      const b = readFileSync(join(dir, 's.csv'), 'utf8').trim().split('\n');
      expect(b[0]).toBe(a[0]);
      // The sweep also pairs profile 1 with itself (all zero); compare pairs only the others.
      expect(b.filter((l) => !l.startsWith('9,suspicious-login-2am,1,,1,1,')).sort()).toEqual([...a].sort());
    }
  });

  it.each([
    [['compare'], /name at least one scenario, or use --all/],
    [['compare', 'nope'], /no scenario "nope"/],
    [['compare', 'db-plugin-cpu-spik'], /did you mean "db-plugin-cpu-spike"/],
    [['compare', '--all', '--runs', '0'], /--runs: must be between 1/],
    [['compare', '--all', '--profiles', '1,9'], /--profiles: level must be 1 to 5, got 9/],
    [
      ['compare', '--all', '--profiles', '1,3,change=2,secOps=4'],
      /^imsim: --profiles: "1" is not of the form domain=level or domain=from..to; once a profile is written per domain, separate profiles with ";": "1;3;change=2,secOps=4"\n/,
    ],

    [['compare', '--all', '--seed', '99999999999999999999'], /^imsim: --seed: a seed is a whole number from 0 to 4294967295 \(32 bits\), got "99999999999999999999"\n/],
    [['compare', '--all', '--seed', '-1'], /^imsim: --seed: a seed is a whole number from 0 to 4294967295 \(32 bits\), got "-1"\n/],
    [['compare', '--all', '--runs', '1e3'], /^imsim: --runs: expected a whole number, got "1e3"\n/],
    [['compare', '--all', '--runs', '99999999999999999999'], /^imsim: --runs: must be between 1 and 10000000, got 99999999999999999999\n/],
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
    expect(r.stdout.trim().split('\n')).toHaveLength(12);
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
    expect(doc).toHaveLength(12);
    expect(doc[0]).toHaveProperty('anecdote');
  });
});
