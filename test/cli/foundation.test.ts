// End-to-end: the built CLI's foundation commands, run as a user would run them.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { imsim } from '../support/cli.js';
import { scratchDirs } from '../support/tmp.js';

const scratch = scratchDirs();

describe('imsim --help', () => {
  it('lists the commands and exits 0', () => {
    const r = imsim(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: imsim/);
    expect(r.stdout).toMatch(/levels/);
    expect(r.stdout).toMatch(/machines/);
  });

  it('loads neither the simulator, XState, nor Ink', () => {
    const log = join(scratch(), 'imports.txt');
    writeFileSync(log, '');
    const r = imsim(['--help'], {
      nodeArgs: ['--import', new URL('../support/record-imports.mjs', import.meta.url).href],
      env: { IMSIM_RECORD_IMPORTS: log },
    });
    expect(r.code).toBe(0);
    const loaded = readFileSync(log, 'utf8');
    expect(loaded).toMatch(/commander/);
    expect(loaded).not.toMatch(/\/dist\/src\/sim\/|\/node_modules\/(xstate|ink|react)\//);
  });

  it('every command has its own --help', () => {
    for (const cmd of ['levels', 'machines']) {
      const r = imsim([cmd, '--help']);
      expect(r.code, cmd).toBe(0);
      expect(r.stdout, cmd).toMatch(new RegExp(`Usage: imsim ${cmd}`));
    }
  });

  it('an unknown command or option is a usage error: exit 2', () => {
    expect(imsim(['frobnicate']).code).toBe(2);
    expect(imsim(['levels', '--frob']).code).toBe(2);
  });
});

describe('imsim levels', () => {
  it('--json lists five levels named by the four seed frameworks', () => {
    const r = imsim(['levels', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.levels.map((l: { level: number }) => l.level)).toEqual([1, 2, 3, 4, 5]);
    expect(doc.frameworks.map((f: { seed: string }) => f.seed)).toEqual(['000', '001', '003', '004']);
    expect(doc.levels[0].names).toEqual({ '000': 'Reactive (wild west)', '001': 'Initial', '003': 'Reactive (ticket-based response)', '004': 'lack of process' });
    for (const l of doc.levels) {
      for (const d of ['change', 'config', 'observability', 'serviceDesk', 'secOps']) {
        expect(l.domains[d].text.length, `${l.level} ${d}`).toBeGreaterThan(10);
        expect(l.domains[d].source, `${l.level} ${d}`).toMatch(/^00[0-4] /);
      }
    }
  });

  it('prints plain text with no escape codes when not on a terminal', () => {
    const r = imsim(['levels']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Level 3 \(standardized\)/);
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });
});

describe('imsim machines', () => {
  const transitions = (profile: string) =>
    new Set(
      (JSON.parse(imsim(['machines', 'change', '--profile', profile, '--json']).stdout).transitions as { from: string; event: string; to: string }[]).map(
        (t) => `${t.from} ${t.event} ${t.to}`,
      ),
    );

  it('the change workflow has different transitions at level 1 and level 3', () => {
    const one = transitions('1');
    const three = transitions('3');
    expect(one.has('request UNAUTHORIZED_CHANGE implement')).toBe(true);
    expect(three.has('request UNAUTHORIZED_CHANGE implement')).toBe(false);
    expect(three.has('assess ASSESSED authorize.notifying')).toBe(true);
    expect(one).not.toEqual(three);
  });

  it('--mermaid prints a stateDiagram-v2', () => {
    const r = imsim(['machines', 'incident', '--profile', '2', '--mermaid']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('stateDiagram-v2\n')).toBe(true);
    expect(r.stdout).toMatch(/categorize_afterHours --> categorize_paging: PAGE_ON_CALL/);
  });

  it('describes the profile the simulator runs, saying when a level is held back by its foundation', () => {
    const r = imsim(['machines', 'change', '--profile', 'change=5']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/change=5 is held to 3: it builds on config, at 1/);
    expect(r.stdout).toMatch(/change workflow at profile change=3,config=1/);
    const doc = JSON.parse(imsim(['machines', 'change', '--profile', 'change=5', '--json']).stdout);
    expect(doc).toMatchObject({ profile: 'change=3,config=1,observability=1,serviceDesk=1,secOps=1', nominal: 'change=5,config=1,observability=1,serviceDesk=1,secOps=1' });
  });

  it('text output lists what is missing at the profile, with the reason', () => {
    const r = imsim(['machines', 'incident', '--profile', '1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/PAGE_ON_CALL.*no on-call cover/);
  });

  it.each([
    [['machines', 'incident', '--profile', 'change=7'], /--profile: "change=7": change must be a level from 1 to 5, got "7"/],
    [['machines', 'incident', '--profile', 'chnge=2'], /did you mean "change"/],
    [['machines', 'incdent'], /unknown machine "incdent".*did you mean "incident"/],
    [['machines', '--profile', 'missing.yaml'], /missing\.yaml.*no such file/],
  ])('bad input %j exits 2 with one line naming it', (args, message) => {
    const r = imsim(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('reads a profile from a YAML file, and reports a bad one with file, line and field', () => {
    const dir = scratch();
    writeFileSync(join(dir, 'good.yaml'), 'change: 3\nconfig: 3\n');
    writeFileSync(join(dir, 'bad.yaml'), 'change: 3\nconfgi: 2\nsecOps: 9\n');
    const good = imsim(['machines', 'change', '--profile', join(dir, 'good.yaml'), '--json']);
    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout).profile).toBe('change=3,config=3,observability=1,serviceDesk=1,secOps=1');
    const bad = imsim(['machines', 'change', '--profile', join(dir, 'bad.yaml')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.yaml:2 confgi: unknown field \(did you mean "config"\?\)/);
    expect(bad.stderr).toMatch(/bad\.yaml:3 secOps: a level is 1 to 5/);
  });
});

describe('output into a pipe', () => {
  it('stops quietly when the reader closes the pipe early, as `imsim calibration --json | head -1` does', async () => {
    const { spawn } = await import('node:child_process');
    const { BIN, ROOT } = await import('../support/cli.js');
    const r = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const p = spawn(process.execPath, [BIN, 'calibration', '--json'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '' } });
      let stderr = '';
      p.stderr.on('data', (d) => (stderr += d));
      // Like `head -1` that has read its line: our end of the pipe closes before the CLI writes.
      p.stdout.destroy();
      p.on('close', (code) => resolve({ code, stderr }));
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});
