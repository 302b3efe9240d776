// End to end: `imsim sweep` and `imsim merge` as an analyst runs them (the built CLI in a
// child process). The numbers must not depend on how the work was split: one worker,
// two workers and three shards merged write the very same bytes, and so does a sweep
// killed with SIGKILL halfway and resumed. Small runs keep this fast; the bench measures.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, imsim, ROOT } from '../support/cli.js';
import { scratchDirs } from '../support/tmp.js';

const dir = scratchDirs()('imsim-sweep-');
const at = (f: string) => join(dir, f);
const read = (f: string) => readFileSync(at(f), 'utf8');

// Three scenarios of the three kinds (operational, security, change), a uniform list and
// a per-domain range (with a capped profile), blocks that do not divide the runs.
const SWEEP = [
  'sweep',
  '--scenarios',
  'db-plugin-cpu-spike,suspicious-login-2am,unpatched-edge-server',
  '--profiles',
  '1,4;change=5,config=2..3',
  '--runs',
  '120',
  '--seed',
  '42',
  '--block',
  '25',
  '--progress',
  'none',
];

function sweep(out: string, ...more: string[]) {
  const r = imsim([...SWEEP, '--out', at(out), ...more]);
  expect(r.stderr).toBe('');
  expect(r.code, r.stderr).toBe(0);
  return r;
}

describe('imsim sweep', () => {
  beforeAll(() => {
    sweep('w1.ndjson', '--workers', '1');
  });

  it('writes a header with the seed and one line per scenario and profile, with its state', () => {
    const lines = read('w1.ndjson').trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ type: 'header', seed: 42, runs: 120, block: 25, sketchAccuracy: 0.005, profiles: expect.any(Array) });
    expect(lines[0].profiles).toHaveLength(4);
    const cells = lines.slice(1);
    expect(cells).toHaveLength(3 * 4);
    expect(cells.map((c) => `${c.scenario} ${c.profile}`).slice(0, 4)).toEqual([
      'db-plugin-cpu-spike 1',
      'db-plugin-cpu-spike 4',
      'db-plugin-cpu-spike change=5,config=2,observability=1,serviceDesk=1,secOps=1',
      'db-plugin-cpu-spike change=5,config=3,observability=1,serviceDesk=1,secOps=1',
    ]);
    for (const c of cells) {
      expect(c.type).toBe('cell');
      expect(c.n).toBe(120);
      expect(c.metrics.mttr).toMatchObject({ mean: expect.any(Number), p90: expect.any(Number), ci95: [expect.any(Number), expect.any(Number)] });
      expect(c.state.metrics.mttr.n).toBe(120);
    }
    // change=5 on config=2 is held back to 4 by "do not skip levels".
    expect(cells[2].effective).toBe('change=4,config=2,observability=1,serviceDesk=1,secOps=1');
    expect(readdirSync(dir).filter((f) => f.startsWith('w1.ndjson'))).toEqual(['w1.ndjson']);
  });

  it('one worker, two workers and three shards merged give the same bytes', () => {
    sweep('w2.ndjson', '--workers', '2');
    expect(read('w2.ndjson')).toBe(read('w1.ndjson'));
    for (const i of [0, 1, 2]) sweep(`s${i}.ndjson`, '--shard', `${i}/3`, '--workers', '1');
    const parts = [0, 1, 2].map((i) => read(`s${i}.ndjson`));
    expect(new Set(parts).size).toBe(3);
    // Given in any order.
    const m = imsim(['merge', at('s2.ndjson'), at('s0.ndjson'), at('s1.ndjson'), '--out', at('merged.ndjson')]);
    expect(m.code, m.stderr).toBe(0);
    expect(m.stdout).toMatch(/3 parts, 12 cells, seed 42/);
    expect(read('merged.ndjson')).toBe(read('w1.ndjson'));
  });

  it('json and csv: the same numbers, and merge renders them identically', () => {
    sweep('w.json', '--workers', '2');
    sweep('w.csv', '--workers', '2');
    expect(imsim(['merge', at('s0.ndjson'), at('s1.ndjson'), at('s2.ndjson'), '--out', at('merged.json')]).code).toBe(0);
    expect(imsim(['merge', at('s0.ndjson'), at('s1.ndjson'), at('s2.ndjson'), '--out', at('merged.csv')]).code).toBe(0);
    expect(read('merged.json')).toBe(read('w.json'));
    expect(read('merged.csv')).toBe(read('w.csv'));
    const doc = JSON.parse(read('w.json'));
    expect(doc.sweep.seed).toBe(42);
    const fromNdjson = read('w1.ndjson').trimEnd().split('\n').slice(1).map((l) => {
      const { type: _, ...cell } = JSON.parse(l);
      return cell;
    });
    expect(doc.results).toEqual(fromNdjson);
    const csv = read('w.csv').trimEnd().split('\n');
    expect(csv[0]).toBe('seed,scenario,profile,profile_name,effective,baseline,metric,statistic,value');
    expect(csv[1]).toBe('42,db-plugin-cpu-spike,1,,1,,mttd,n,120');
    expect(csv[2]).toMatch(/^42,db-plugin-cpu-spike,1,,1,,mttd,mean,[\d.]+$/);
    // A json output converts to ndjson: the same bytes as the ndjson run.
    expect(imsim(['merge', at('w.json'), '--out', at('converted.ndjson')]).code).toBe(0);
    expect(read('converted.ndjson')).toBe(read('w1.ndjson'));
  });

  it('a sweep killed with SIGKILL halfway and resumed writes what an uninterrupted one writes', async () => {
    const args = [...SWEEP, '--runs', '1500', '--block', '20', '--workers', '1', '--checkpoint-every', '0.05'];
    const full = imsim([...args, '--out', at('full.ndjson')]);
    expect(full.code, full.stderr).toBe(0);
    const out = at('killed.ndjson');
    const child = spawn(process.execPath, [BIN, ...args, '--out', out], { cwd: ROOT, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Wait until the checkpoint holds some finished units, then kill without warning.
    let done = 0;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 10));
      if (!existsSync(`${out}.checkpoint`)) continue;
      try {
        const cp = JSON.parse(readFileSync(`${out}.checkpoint`, 'utf8'));
        done = cp.written * 75 + cp.open.reduce((n: number, o: { units: number[] }) => n + o.units.length, 0);
      } catch {
        continue; // never torn (atomic rename), but be safe
      }
      if (done >= 20) break;
    }
    child.kill('SIGKILL');
    await exited;
    expect(done, 'the sweep finished before it could be killed').toBeGreaterThanOrEqual(20);
    expect(existsSync(out)).toBe(false);
    // Without --resume the checkpoint is not overwritten by accident.
    const refused = imsim([...args, '--out', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--resume.*interrupted sweep left this checkpoint/);
    // With other flags it is not resumed either: the flag that differs is named.
    const other = imsim([...args, '--seed', '7', '--out', out, '--resume']);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/--seed .*killed\.ndjson\.checkpoint: the checkpoint belongs to a sweep with a different seed \(42\)/);
    // What a kill in the middle of replacing the checkpoint leaves; the finished sweep removes it.
    writeFileSync(join(dir, '.killed.ndjson.checkpoint.4242.tmp'), '{"type":"imsim-sweep-');
    const resumed = imsim([...args, '--out', out, '--resume', '--workers', '2']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(/found done, resumed/);
    expect(readFileSync(out, 'utf8')).toBe(read('full.ndjson'));
    expect(readdirSync(dir).filter((f) => f.includes('killed.ndjson'))).toEqual(['killed.ndjson']);
  });

  it('a sweep killed with SIGKILL the moment its output appears leaves nothing in the way of a rerun', async () => {
    const args = [...SWEEP, '--workers', '1', '--checkpoint-every', '0.05'];
    const out = at('end.ndjson');
    const child = spawn(process.execPath, [BIN, ...args, '--out', out], { cwd: ROOT, stdio: 'ignore' });
    let exited = false;
    const gone = new Promise<void>((resolve) => child.on('exit', () => resolve(void (exited = true))));
    // Watch for the finished file (no clock: the child's exit ends the watch), then kill.
    let seen = false;
    while (!exited && !seen) {
      for (let i = 0; i < 1000 && !seen; i++) seen = existsSync(out);
      if (seen) child.kill('SIGKILL');
      else await new Promise((r) => setImmediate(r));
    }
    await gone;
    expect(seen).toBe(true);
    // Whatever instant the kill hit, a rerun with --resume finishes and writes the same bytes.
    const r = imsim([...args, '--out', out, '--resume']);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(read('w1.ndjson'));
    expect(readdirSync(dir).filter((f) => f.includes('end.ndjson'))).toEqual(['end.ndjson']);
  });

  it('--resume with nothing to resume starts from the beginning, and says so', () => {
    const r = imsim([...SWEEP, '--out', at('fresh.ndjson'), '--resume', '--workers', '1']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/no checkpoint at .*fresh\.ndjson\.checkpoint: starting from the beginning/);
    expect(read('fresh.ndjson')).toBe(read('w1.ndjson'));
  });

  it('without a terminal, progress is a plain line on stderr with rate, ETA and seed', () => {
    const r = imsim([...SWEEP.filter((a) => a !== '--progress' && a !== 'none'), '--out', at('p.ndjson'), '--workers', '1']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^sweep 100% 1,440\/1,440 lifecycles, [\d,]+\/s, ETA 0s, seed 42$/m);
    expect(r.stderr).not.toMatch(/\u001b\[/);
  });

  it('reads profiles from a YAML file', () => {
    const file = at('grid.yaml');
    writeFileSync(file, '- 1\n- 4\n- change: 5\n  config: 2..3\n');
    const r = imsim([...SWEEP.map((a) => (a === '1,4;change=5,config=2..3' ? file : a)), '--out', at('y.ndjson'), '--workers', '1']);
    expect(r.code, r.stderr).toBe(0);
    expect(read('y.ndjson')).toBe(read('w1.ndjson'));
  });

  describe('--baseline: the paired change against a profile, per cell', () => {
    const cellsOf = (f: string) =>
      read(f)
        .trimEnd()
        .split('\n')
        .slice(1)
        .map((l) => JSON.parse(l));

    it('pairs replication i with replication i: the same change and interval as compare, zero against itself', () => {
      const args = ['--scenarios', 'db-plugin-cpu-spike,suspicious-login-2am', '--profiles', '1,3', '--runs', '150', '--block', '40'];
      sweep('paired.ndjson', ...args, '--baseline', '1', '--workers', '2');
      const header = JSON.parse(read('paired.ndjson').split('\n')[0]!);
      expect(header.baseline).toBe('1');
      const cmp = imsim(['compare', 'db-plugin-cpu-spike', 'suspicious-login-2am', '--profiles', '1,3', '--runs', '150', '--seed', '42', '--json']);
      expect(cmp.code, cmp.stderr).toBe(0);
      const deltas = JSON.parse(cmp.stdout).deltas as { scenario: string; metrics: Record<string, { mean: number; ci95: number[] }> }[];
      const cells = cellsOf('paired.ndjson');
      expect(cells).toHaveLength(4);
      for (const c of cells) {
        expect(c.delta.from).toBe('1');
        if (c.profile === '1') {
          for (const d of Object.values(c.delta.metrics) as { mean: number; ci95: number[] }[]) expect(d).toMatchObject({ mean: 0, ci95: [0, 0] });
          continue;
        }
        const want = deltas.find((d) => d.scenario === c.scenario)!;
        for (const [m, d] of Object.entries(want.metrics)) {
          expect(c.delta.metrics[m].mean, `${c.scenario} ${m}`).toBe(d.mean);
          expect(c.delta.metrics[m].ci95, `${c.scenario} ${m}`).toEqual(d.ci95);
        }
        expect(c.delta.metrics.mttr.ci95[1]).toBeLessThan(0);
      }
    });

    it('one worker and two shards merged give the same bytes; the csv carries delta rows; a different baseline is a different sweep', () => {
      const args = ['--scenarios', 'unpatched-edge-server', '--profiles', '1..3', '--runs', '90', '--block', '20', '--baseline', '2'];
      sweep('pb1.ndjson', ...args, '--workers', '1');
      sweep('pb-s0.ndjson', ...args, '--shard', '0/2');
      sweep('pb-s1.ndjson', ...args, '--shard', '1/2');
      const m = imsim(['merge', at('pb-s1.ndjson'), at('pb-s0.ndjson'), '--out', at('pb-merged.ndjson')]);
      expect(m.code, m.stderr).toBe(0);
      expect(read('pb-merged.ndjson')).toBe(read('pb1.ndjson'));
      // Level 2 holds the patch for the weekend window: level 1 and level 3 both restore sooner.
      const byProfile = Object.fromEntries(cellsOf('pb1.ndjson').map((c) => [c.profile, c.delta.metrics.mttr]));
      expect(byProfile['1'].ci95[1]).toBeLessThan(0);
      expect(byProfile['3'].ci95[1]).toBeLessThan(0);
      sweep('pb.csv', ...args);
      expect(read('pb.csv')).toMatch(/^42,unpatched-edge-server,3,,3,2,mttr,mean,-[\d.]+$/m);
      expect(read('pb.csv')).toMatch(/^42,unpatched-edge-server,3,,3,2,mttr,ci95_high,-[\d.]+$/m);
      sweep('pb-other.ndjson', ...args.slice(0, -1), '3', '--shard', '1/2');
      const r = imsim(['merge', at('pb-s0.ndjson'), at('pb-other.ndjson'), '--out', at('pb-x.ndjson')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/comes from a different sweep than .*pb-s0\.ndjson \(its baseline differs\)/);
    });

    it('a sweep resumed with another baseline is refused, naming --baseline', () => {
      const args = ['--scenarios', 'db-plugin-cpu-spike', '--profiles', '1,2', '--runs', '30', '--block', '10'];
      sweep('pr.ndjson', ...args, '--baseline', '1');
      // Plant the checkpoint an interrupted run would leave, with this sweep's header.
      const header = JSON.parse(read('pr.ndjson').split('\n')[0]!);
      const { type: _, ...h } = header;
      writeFileSync(at('pr2.ndjson.inprogress'), `${JSON.stringify(header)}\n`);
      writeFileSync(at('pr2.ndjson.checkpoint'), JSON.stringify({ type: 'imsim-sweep-checkpoint', header: h, format: 'ndjson', written: 0, bytes: 0, open: [] }));
      const r = imsim(['sweep', ...SWEEP.slice(SWEEP.indexOf('--seed')), ...args, '--baseline', '2', '--resume', '--out', at('pr2.ndjson')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^imsim: --baseline .*pr2\.ndjson\.checkpoint: the checkpoint belongs to a sweep with a different baseline/);
      const bad = imsim(['sweep', ...args, '--baseline', 'change=9', '--out', at('pr3.ndjson')]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/^imsim: --baseline: /);
    });
  });

  it('bad flags exit 2 with one message naming the flag', () => {
    const cases: [string[], RegExp][] = [
      [['--out', at('x.txt')], /^imsim: --out .*x\.txt: the extension decides the format/],
      [['--out', at('nowhere/x.csv')], /--out .*nowhere\/x\.csv: no such folder/],
      [['--out', at('x.csv'), '--runs', '0'], /^imsim: --runs: must be between 1/],
      [['--out', at('x.csv'), '--seed', 'abc'], /^imsim: --seed: a seed is a whole number from 0 to 4294967295/],
      [['--out', at('x.csv'), '--workers', '0'], /^imsim: --workers: must be between 1/],
      [['--out', at('x.csv'), '--shard', '3/3'], /^imsim: --shard: shard 3\/3 does not exist: shards of 3 are numbered 0 to 2/],
      [['--out', at('x.csv'), '--profiles', 'change=6'], /^imsim: --profiles: level must be 1 to 5, got 6/],
      [['--out', at('x.csv'), '--scenarios', 'no-such-thing'], /^imsim: --scenarios: no scenario "no-such-thing"/],
      [['--out', at('x.csv'), '--progress', 'loud'], /^imsim: --progress: expected auto, bar, lines or none/],
      [['--out', at('x.csv'), '--checkpoint-every', '0'], /^imsim: --checkpoint-every: expected seconds/],
      [['--runs', '10'], /required option '-o, --out <file>'/],
    ];
    for (const [args, message] of cases) {
      const r = imsim(['sweep', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr.trim().split('\n').filter((l) => !l.startsWith('(add --help')), args.join(' ')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('merge refuses what would not give the unsharded result', () => {
    const merge = (...args: string[]) => imsim(['merge', ...args]);
    let r = merge(at('s0.ndjson'), at('s1.ndjson'), '--out', at('m.ndjson'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/shard 2\/3 missing: a merge needs all 3/);
    r = merge(at('s0.ndjson'), at('s1.ndjson'), at('s1.ndjson'), at('s2.ndjson'), '--out', at('m.ndjson'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/shard 1\/3 is also given as .*s1\.ndjson: it would count twice/);
    r = merge(at('s0.ndjson'), at('s1.ndjson'), at('w.csv'), '--out', at('m.ndjson'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/PARTS .*w\.csv: CSV is a rendering without the state a merge needs/);
    r = merge(at('s0.ndjson'), at('fresh.ndjson'), '--out', at('m.ndjson'));
    expect(r.code).toBe(2);
    r = merge(at('s0.ndjson'), at('nope.ndjson'), '--out', at('m.ndjson'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/PARTS .*nope\.ndjson: no such file/);
    sweep('seed9.ndjson', '--seed', '9', '--shard', '1/3', '--workers', '1');
    r = merge(at('s0.ndjson'), at('seed9.ndjson'), at('s2.ndjson'), '--out', at('m.ndjson'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/PARTS .*seed9\.ndjson: comes from a different sweep than .*s0\.ndjson \(its seed differs\)/);
    expect(existsSync(at('m.ndjson'))).toBe(false);
  });

  it('merge names the part that is cut short, even when it ends on a whole line', () => {
    const lines = read('s1.ndjson').split('\n');
    // The last cell gone, as a copy stopped between two lines leaves it.
    writeFileSync(at('s1-cut.ndjson'), `${lines.slice(0, -2).join('\n')}\n`);
    writeFileSync(at('s1-head.ndjson'), `${lines[0]}\n`);
    for (const cut of ['s1-cut.ndjson', 's1-head.ndjson']) {
      const r = imsim(['merge', at('s0.ndjson'), at(cut), at('s2.ndjson'), '--out', at('m.ndjson')]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^imsim: .*${cut.replace('.', '\\.')}: holds \\d+ of the \\d+ cells of shard 1/3: the file is incomplete`, 'm'));
      expect(existsSync(at('m.ndjson'))).toBe(false);
    }
  });

  it('merge that cannot write its output exits 2 naming the file, not an internal error', () => {
    // A folder in the way of the in-progress file: unwritable even as root, on any platform.
    mkdirSync(at('blocked.ndjson.inprogress'));
    const r = imsim(['merge', at('w1.ndjson'), '--out', at('blocked.ndjson')]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/^imsim: --out .*blocked\.ndjson\.inprogress: cannot write: is a folder \(EISDIR\)$/m);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(existsSync(at('blocked.ndjson'))).toBe(false);
  });

  it('sweep and merge have --help', () => {
    for (const cmd of ['sweep', 'merge']) {
      const r = imsim([cmd, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`Usage: imsim ${cmd}`));
    }
  });
});
