// `imsim sweep --years N`: an organization's years as the sweep's unit, over its profiles
// and `--set` variants, through the real CLI: a whole run, its shards merged, and a run
// interrupted then resumed all write the same bytes; mistakes exit 2 naming the flag.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, imsim, ROOT } from '../support/cli.js';
import { scratchDirs } from '../support/tmp.js';

const scratch = scratchDirs();
const SEED = 2718;
const base = ['sweep', '--org', 'midsize', '--years', '4', '--block', '1', '--seed', String(SEED), '--set', 'teams.serviceDesk.shifts.0.staff=2..3', '--progress', 'none'];

describe('imsim sweep --years', () => {
  it(`seed ${SEED}: 2 variants x 2 profiles x 4 years; the whole sweep, and its 3 shards merged, are the same bytes (.json and .ndjson)`, () => {
    const dir = scratch();
    const whole = join(dir, 'whole.json');
    const r = imsim([...base, '--workers', '2', '-o', whole]);
    expect(r.code, r.stderr).toBe(0);
    const parts = [0, 1, 2].map((i) => {
      const f = join(dir, `part${i}.ndjson`);
      const p = imsim([...base, '--workers', '1', '--shard', `${i}/3`, '-o', f]);
      expect(p.code, p.stderr).toBe(0);
      return f;
    });
    const merged = join(dir, 'merged.json');
    expect(imsim(['merge', ...parts.reverse(), '-o', merged]).code).toBe(0);
    expect(readFileSync(merged, 'utf8')).toBe(readFileSync(whole, 'utf8'));
    const out = JSON.parse(readFileSync(whole, 'utf8'));
    expect(out.variants.map((v: { sets: string[] }) => v.sets)).toEqual([['teams.serviceDesk.shifts.0.staff=2'], ['teams.serviceDesk.shifts.0.staff=3']]);
    expect(out.variants[0].result.years).toBe(4);
    // More people on the desk's first crew: it is less busy.
    const busy = (v: number) => out.variants[v].result.profiles[0].teams.find((t: { id: string }) => t.id === 'serviceDesk').figures.utilization.mean;
    expect(busy(1)).toBeLessThan(busy(0));
    // A missing shard is refused and nothing is written.
    const bad = imsim(['merge', parts[0]!, parts[1]!, '-o', join(dir, 'bad.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/shard is missing/);
    expect(existsSync(join(dir, 'bad.json'))).toBe(false);
  });

  it(`seed ${SEED}: interrupted (SIGINT) then --resume writes what an uninterrupted sweep writes`, async () => {
    const dir = scratch();
    const args = ['sweep', '--org', 'midsize', '--years', '16', '--block', '1', '--seed', String(SEED), '--workers', '1', '--checkpoint-every', '0.05', '--progress', 'lines'];
    const whole = join(dir, 'whole.ndjson');
    expect(imsim([...args, '-o', whole]).code).toBe(0);
    const out = join(dir, 'out.ndjson');
    const code = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, [BIN, ...args, '-o', out], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}) } });
      let sent = false;
      child.stderr.on('data', (d: Buffer) => {
        if (!sent && /sweep: [1-9]\d*\/16 units/.test(String(d))) {
          sent = true;
          setTimeout(() => child.kill('SIGINT'), 150);
        }
      });
      child.on('close', (c) => resolve(c ?? -1));
    });
    expect(code, 'interrupted').toBe(130);
    expect(existsSync(`${out}.checkpoint`)).toBe(true);
    expect(existsSync(out)).toBe(false);
    const resumed = imsim([...args, '--resume', '-o', out]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(/found done, resumed/);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(whole, 'utf8'));
    expect(existsSync(`${out}.checkpoint`)).toBe(false);
  }, 120_000);

  describe('mistakes exit 2 naming the flag', () => {
    const cases: [string, string[], RegExp][] = [
      ['an empty --set range', ['--set', 'teams.serviceDesk.shifts.0.staff=5..3'], /--set: .*is empty/],
      ['a --set path the file lacks', ['--set', 'teams.nodesk.shifts.0.staff=2..3'], /nodesk/],
      ['--scenarios with --years', ['--scenarios', 'db-plugin-cpu-spike'], /--scenarios: a sweep of years/],
      ['a CSV shard', ['--shard', '0/2', '-o', 'x.csv'], /--out: a shard writes a mergeable part/],
    ];
    for (const [what, args, message] of cases) {
      it(what, () => {
        const dir = scratch();
        const r = imsim(['sweep', '--years', '1', ...args, ...(args.includes('-o') ? [] : ['-o', join(dir, 'o.json')])]);
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr).toMatch(message);
      });
    }
    it('--set without --years', () => {
      const dir = scratch();
      const r = imsim(['sweep', '--set', 'teams.serviceDesk.shifts.0.staff=2', '-o', join(dir, 'o.json')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--set: varies an organization file: give --years/);
    });
  });
});
