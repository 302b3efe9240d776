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
    expect(ta).toMatch(/^# After-action report: Suspicious login at 2 AM/);
    expect(ta).toMatch(/- seed: 3 \(replication 0\)/);
    expect(ta).toMatch(/Page the on-call analyst \(`page`\): not open: no on-call cover below level 2/);
    expect(ta).toMatch(/## The same story one level up \(profile 2, the room's choices carried over\)/);
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
    expect(out).toMatch(/imsim compare: 12 scenarios at profiles 1 and 3/);
    expect(out).toMatch(/suspicious-login-2am: Suspicious login at 2 AM/);
    expect(existsSync(BIN)).toBe(true);
  });
});

const rehearsal = `decisions: [morning, disable]
scores:
  triage-alert: 60
  scope-breach: 100
  notify-decision: [100, 40]
notes:
  - {at: 68, text: "the room asked who reads the provider's queue at night"}
lessons:
  - {category: alerting, kind: strength, text: the SOC knew whom to call, by: Dana}
  - {category: containment, kind: improvement, text: nobody reads the queue at night, domain: secOps}
owners:
  "decision:contain:isolate": {owner: SOC lead, due: 2027-06-30}
`;

describe('an unattended rehearsal (CI)', () => {
  it('with --decisions and --scores writes an after-action report with objectives, scored expectations per team, lessons learned and an improvement plan; the same inputs give the same bytes', () => {
    const dir = tmp();
    const lessons = join(dir, 'lessons.yaml');
    writeFileSync(lessons, 'lessons:\n  - {category: communication, kind: improvement, text: leadership heard last}\n');
    const args = (out: string) => [...base, '--decisions', '2,disable', '--scores', 'triage-alert=60,scope-breach=100,notify-decision=100/40', '--rehearsal', lessons, '--report', join(dir, out)];
    const a = imsim(args('a.md'));
    const b = imsim(args('b.md'));
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const md = readFileSync(join(dir, 'a.md'), 'utf8');
    expect(readFileSync(join(dir, 'b.md'), 'utf8')).toBe(md);
    expect(md).toMatch(/## Objectives\n\n\| objective \| rating \| shown by \|/);
    expect(md).toMatch(/\| The alert reaches someone who can act, and the intruder is contained before data leaves \| partially met \| triage-alert \(partial\), scope-breach \(success\) \|/);
    expect(md).toMatch(/## Expectations by team[\s\S]*### Security operations \(soc; on-call analyst\)[\s\S]*\| Treat the ticket as a possible compromise and wake whoever can act on it \| 80 \| 30m \(to Tue 03:38\) \| one \| 60 \| partial \| reached Tue 10:31 \(late\) \|/);
    expect(md).toMatch(/### Leadership \(leadership; CISO, legal counsel\)[\s\S]*\| 40 \(members 100\/40\) \| partial \|/);
    expect(md).toMatch(/### Communications \(communications; Communications\)[\s\S]*\| - \| pending \(not scored\) \|/);
    expect(md).toMatch(/## Lessons learned[\s\S]*### Communication[\s\S]*- To improve: leadership heard last \(anonymous\)/);
    expect(md).toMatch(/## Improvement plan[\s\S]*\| secOps 3 \|/);
    expect(md).toMatch(/imsim tabletop suspicious-login-2am --profile 1 --seed 3 --decisions morning,disable --scores notify-decision=100\/40,scope-breach=100,triage-alert=60/);
    expect(readdirSync(dir).sort()).toEqual(['a.md', 'b.md', 'lessons.yaml']);
  });

  it('a session saved mid-exercise and resumed ends with the same report as one played straight', () => {
    const dir = tmp();
    const file = join(dir, 'rehearsal.yaml');
    writeFileSync(file, rehearsal);
    const straight = imsim([...base, '--rehearsal', file, '--report', join(dir, 'straight.md'), '--save', join(dir, 'full.yaml')]);
    expect(straight.code, straight.stderr).toBe(0);
    // What `q` writes after the first decision: the same session with one decision.
    const full = readFileSync(join(dir, 'full.yaml'), 'utf8');
    expect(full).toMatch(/^# imsim tabletop session/);
    expect(full).toMatch(/decisions:\n  - morning\n  - disable\n/);
    writeFileSync(join(dir, 'half.yaml'), full.replace('  - morning\n  - disable\n', '  - morning\n'));
    const resumed = imsim(['tabletop', '--resume', join(dir, 'half.yaml'), '--decisions', 'disable', '--report', join(dir, 'resumed.md')]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(readFileSync(join(dir, 'resumed.md'), 'utf8')).toBe(readFileSync(join(dir, 'straight.md'), 'utf8'));
    // A finished session replays by itself.
    const replayed = imsim(['tabletop', '--resume', join(dir, 'full.yaml'), '--report', join(dir, 'replayed.md')]);
    expect(replayed.code, replayed.stderr).toBe(0);
    expect(readFileSync(join(dir, 'replayed.md'), 'utf8')).toBe(readFileSync(join(dir, 'straight.md'), 'utf8'));
  });

  it.each([
    [['--scores', 'triage-alrt=60'], /--scores: no expectation "triage-alrt" in scenario suspicious-login-2am; its expectations: triage-alert, scope-breach, notify-decision, holding-statement/],
    [['--scores', 'triage-alert=60/80'], /--scores: one score: one member meeting "triage-alert" is enough, so the team gets one score/],
    [['--scores', 'triage-alert=high'], /--scores: "triage-alert=high" is not id=score/],
    [['--view', 'room'], /--view: "room" is not a view: players or facilitator/],
  ])('bad input %j exits 2 naming the flag, and writes nothing', (extra, message) => {
    const dir = tmp();
    const r = imsim([...base, ...extra, '--report', join(dir, 'r.md')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a scores or rehearsal file with a mistake is named with its line and field', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'scores.yaml'), 'triage-alert: 60\nscope-brech: 100\n');
    writeFileSync(join(dir, 'r.yaml'), 'lessons:\n  - {category: alerting, kind: strength, text: ok}\n  - {category: nope, kind: strength, text: x}\n  - {category: alerting, kind: sideways, text: y}\n');
    const a = imsim([...base, '--scores', join(dir, 'scores.yaml')]);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(new RegExp(`${join(dir, 'scores.yaml')}:2 scope-brech: no expectation "scope-brech"`));
    const b = imsim([...base, '--rehearsal', join(dir, 'r.yaml')]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(new RegExp(`${join(dir, 'r.yaml')}:4 lessons.2.kind: `));
  });

  it('--resume refuses a session whose scenario, seed or calibration differ, naming each', () => {
    const dir = tmp();
    const file = join(dir, 'rehearsal.yaml');
    writeFileSync(file, rehearsal);
    expect(imsim([...base, '--rehearsal', file, '--save', join(dir, 's.yaml')]).code).toBe(0);
    const text = readFileSync(join(dir, 's.yaml'), 'utf8');
    writeFileSync(join(dir, 'changed.yaml'), text.replace(/scenarioHash: \w+/, 'scenarioHash: aaaaaaaaaaaa'));
    const a = imsim(['tabletop', '--resume', join(dir, 'changed.yaml')]);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/--resume .*changed\.yaml: scenario suspicious-login-2am has changed since the session was saved/);
    const b = imsim(['tabletop', '--resume', join(dir, 's.yaml'), '--seed', '4']);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/the session was played with seed 3, not 4/);
    const c = imsim(['tabletop']);
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/SCENARIO: give a scenario id .* or --resume a session file/);
  });
});

describe('authoring help', () => {
  it('`imsim new scenario --out FILE` writes a skeleton that `imsim validate` accepts without a warning; it never overwrites', () => {
    const dir = tmp();
    const file = join(dir, 'drill.yaml');
    const made = imsim(['new', 'scenario', '--id', 'night-drill', '--out', file]);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stderr).toMatch(/wrote .*drill\.yaml; check it with: imsim validate/);
    const v = imsim(['validate', file]);
    expect(v.code, v.stderr).toBe(0);
    expect(v.stdout).toBe(`ok  ${file} (night-drill)\n`);
    expect(v.stderr).toBe('');
    const again = imsim(['new', 'scenario', '--out', file]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/--out .*drill\.yaml: already exists/);
    // Printed, it is the same skeleton a file gets.
    const printed = imsim(['new', 'scenario', '--id', 'night-drill']);
    expect(printed.stdout).toBe(readFileSync(file, 'utf8'));
    // And it plays as a tabletop.
    expect(imsim(['tabletop', file, '--profile', '2']).code).toBe(0);
  });

  it('`imsim validate` warns, with file and line, about a decision placed where no path reaches, and still exits 0', () => {
    const dir = tmp();
    const file = join(dir, 'unreachable.yaml');
    const text = readFileSync(join(ROOT, 'scenarios', 'db-plugin-cpu-spike.yaml'), 'utf8').replace('  - id: restore\n    at: respond.remediating', '  - id: restore\n    at: respond.containing').replace(/event: ROLLBACK_APPLIED|event: FIX_APPLIED/g, 'event: CONTAINED');
    writeFileSync(file, text);
    const line = text.split('\n').findIndex((l) => l.includes('at: respond.containing')) + 1;
    const r = imsim(['validate', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/ok {2}.*unreachable\.yaml \(db-plugin-cpu-spike\), 1 warning/);
    expect(r.stderr).toBe(`warning: ${file}:${line} decisions.2.at: decision "restore" is never asked: no sequence of events the incident workflow accepts leads to respond.containing at any of the 3,125 profiles, for this scenario's incident\n`);
    const json = JSON.parse(imsim(['validate', file, '--json']).stdout);
    expect(json[0]).toMatchObject({ ok: true, warnings: [{ line, path: 'decisions.2.at' }] });
  });
});
