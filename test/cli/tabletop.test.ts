// End-to-end: `imsim tabletop` without a keyboard (--decisions, --json, pipes), its
// transcript, and the conventions every drawing command keeps when it is not drawing.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, imsim, ROOT } from '../support/cli.js';
import { scratchDirs } from '../support/tmp.js';

const scratch = scratchDirs();
const tmp = () => scratch('imsim-tabletop-');
const base = ['tabletop', 'suspicious-login-2am', '--profile', '1', '--seed', '3'];

describe('imsim tabletop --decisions', () => {
  it('given the same seed and decisions, two runs write byte-identical transcripts; other decisions write another', () => {
    const dir = tmp();
    const a = imsim([...base, '--decisions', '2,2', '--transcript', join(dir, 'a.md')]);
    const b = imsim([...base, '--decisions', 'morning,disable', '--transcript', join(dir, 'b.md')]);
    const c = imsim([...base, '--decisions', '2,3', '--transcript', join(dir, 'c.md')]);
    for (const r of [a, b, c]) expect(r.code, r.stderr).toBe(0);
    const ta = readFileSync(join(dir, 'a.md'), 'utf8');
    expect(readFileSync(join(dir, 'b.md'), 'utf8')).toBe(ta);
    expect(readFileSync(join(dir, 'c.md'), 'utf8')).not.toBe(ta);
    expect(ta).toMatch(/^# After-action record: Suspicious login at 2 AM/);
    expect(ta).toMatch(/- seed: 3 \(replication 0\)/);
    expect(ta).toMatch(/Page the on-call analyst \(`page`\): not open: no on-call cover below level 2/);
    expect(ta).toMatch(/## Outcome beside the replay at profile 2/);
    expect(ta).toMatch(/imsim tabletop suspicious-login-2am --profile 1 --seed 3 --decisions morning,disable/);
    expect(readdirSync(dir).sort()).toEqual(['a.md', 'b.md', 'c.md']); // no temporary files left behind
  });

  it('a transcript rewritten after a run killed mid-write leaves no temporary file of that run behind', () => {
    const dir = tmp();
    // What writing a.md leaves when killed between the temporary file and the rename.
    writeFileSync(join(dir, '.a.md.99999.tmp'), '# half a transcr');
    const r = imsim([...base, '--decisions', '2,2', '--transcript', join(dir, 'a.md')]);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(dir)).toEqual(['a.md']);
  });

  it('prints the after-action record as plain text: decisions, timeline, metrics beside the replay one level up', () => {
    const r = imsim([...base, '--decisions', '2,disable']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/\u001b\[/);
    expect(r.stdout).toMatch(/tabletop: suspicious-login-2am at profile 1, seed 3/);
    expect(r.stdout).toMatch(/night-alert at Tue 03:08 \(T\+1h 08m\): chose 2 Review it with the morning queue/);
    expect(r.stdout).toMatch(/not open: 1 Isolate the affected hosts from the SOC console: isolating endpoints from one console needs secOps level 3/);
    expect(r.stdout).toMatch(/after-action: the room at profile 1 beside the replay at profile 2, same seed/);
    expect(r.stdout).toMatch(/MTTR\s+\d+d \d+h\s+\d+[dh] \d+[hm]\s+-\d+[dh] \d+[hm]/);
    expect(r.stderr).toBe('');
  });

  it('an option that is not open is a usage error naming the decision, the option and the reason, and writes no file', () => {
    const dir = tmp();
    const r = imsim([...base, '--decisions', '1', '--transcript', join(dir, 't.md')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--decisions: choice 1 \("1"\): option 1 "Page the on-call analyst" \(page\) is not open at decision "night-alert": no on-call cover below level 2/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it.each([
    [['--decisions', '2,2,2'], /--decisions: 3 choices given, but the exercise asks for only 2 decisions at this profile and seed \(night-alert, contain\)/],
    [['--decisions', '2,bogus'], /--decisions: choice 2 \("bogus"\): no option "bogus" at decision "contain"; its options are 1 isolate, 2 disable, 3 reset/],
    [['--seed', 'x'], /--seed: a seed is a whole number from 0 to 4294967295 \(32 bits\), got "x"/],
    [['--transcript', '/no/such/folder/t.md'], /--transcript \/no\/such\/folder\/t\.md: no such folder "\/no\/such\/folder"/],
  ])('bad input %j exits 2 with a clear message', (extra, message) => {
    const r = imsim([...base, ...extra]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('--profile is required', () => {
    const r = imsim(['tabletop', 'suspicious-login-2am']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--profile/);
  });

  it('without a terminal and without --decisions, takes the first open option at each decision and says so', () => {
    const r = imsim(base);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/no --decisions given: took the first open option at night-alert, contain/);
    expect(r.stdout).toMatch(/run it again: imsim tabletop suspicious-login-2am --profile 1 --seed 3 --decisions morning,disable/);
  });

  it('--json is one document with the decisions, the timeline, the metrics and the replay', () => {
    const doc = JSON.parse(imsim([...base, '--decisions', '2,disable', '--json']).stdout);
    expect(doc).toMatchObject({ scenario: 'suspicious-login-2am', profile: '1', seed: 3, replication: 0 });
    expect(doc.decisions.map((d: { point: string; chosen: { id: string } }) => [d.point, d.chosen.id])).toEqual([
      ['night-alert', 'morning'],
      ['contain', 'disable'],
    ]);
    expect(doc.decisions[0].options[0]).toMatchObject({ id: 'page', open: false });
    expect(doc.timeline[0]).toMatchObject({ wall: 'Tue 02:00', source: 'incident', event: 'start' });
    expect(doc.metrics.mttr).toBeGreaterThan(doc.replay.metrics.mttr);
    expect(doc.replay.profile).toBe('2');
    expect(doc.replay.decisions[0]).toMatchObject({ point: 'night-alert', how: 'carried', newlyOpen: ['page'] });
  });
});

describe('commands that draw, when they are not drawing', () => {
  const recordImports = (args: string[]) => {
    const log = join(tmp(), 'imports.txt');
    writeFileSync(log, '');
    const r = imsim(args, {
      nodeArgs: ['--import', new URL('../support/record-imports.mjs', import.meta.url).href],
      env: { IMSIM_RECORD_IMPORTS: log },
    });
    expect(r.code, r.stderr).toBe(0);
    return readFileSync(log, 'utf8');
  };

  it('--json runs of tabletop and compare never load Ink or React', () => {
    for (const args of [
      [...base, '--decisions', '2,2', '--json'],
      ['compare', 'suspicious-login-2am', '--profiles', '1,3', '--runs', '20', '--json'],
    ]) {
      const loaded = recordImports(args);
      expect(loaded, args.join(' ')).toMatch(/\/dist\/src\/sim\//);
      expect(loaded, args.join(' ')).not.toMatch(/\/node_modules\/(ink|react|@inkjs)\/|\/dist\/src\/tui\//);
    }
  });

  it('`imsim compare --all --profiles 1,3 | cat` prints plain text with no escape codes', () => {
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
    const out = execFileSync('bash', ['-c', `"${process.execPath}" "${BIN}" compare --all --profiles 1,3 | cat`], { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 1 << 26 });
    expect(out).not.toMatch(/\u001b/);
    expect(out).toMatch(/imsim compare: 10 scenarios at profiles 1 and 3/);
    expect(out).toMatch(/suspicious-login-2am: Suspicious login at 2 AM/);
    expect(existsSync(BIN)).toBe(true);
  });
});
