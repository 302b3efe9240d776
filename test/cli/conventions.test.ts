// Interfaces people know, over every command the program defines (read from the program
// itself, so a new command is checked the day it lands): `--help` exits 0 with its usage;
// an unknown flag, and a bad value for each flag that takes one, exit 2 with a message
// naming the flag; output is plain when not a terminal; NO_COLOR=1 on a terminal (a
// pseudo-terminal from `script`, util-linux) prints no escape codes.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram, shellQuote } from '../../src/cli/main.js';
import { BIN, imsim, ROOT } from '../support/cli.js';
import { runMain } from '../support/main.js';
import { scratchDirs } from '../support/tmp.js';

const dir = scratchDirs()('imsim-conventions-');
/** Sweeps write a file each: numbered, so no run finds another's output. */
let outputs = 0;

/** Every command path the program defines: ['run'], ['calibration', 'check'], ... */
function commandPaths(): { path: string[]; command: Command }[] {
  const out: { path: string[]; command: Command }[] = [];
  const visit = (c: Command, path: string[]) => {
    for (const sub of c.commands) {
      out.push({ path: [...path, sub.name()], command: sub });
      visit(sub, [...path, sub.name()]);
    }
  };
  visit(buildProgram(() => {}), []);
  return out;
}
const COMMANDS = commandPaths();

/**
 * What a command needs to run at all, quickly (arguments and cheap settings), so that one
 * flag changed at a time is what decides. A command missing here fails the test below:
 * add it when a command is added.
 */
const BASE: Record<string, () => string[]> = {
  levels: () => [],
  machines: () => ['incident'],
  list: () => [],
  validate: () => ['scenarios/db-plugin-cpu-spike.yaml'],
  run: () => ['db-plugin-cpu-spike'],
  compare: () => ['db-plugin-cpu-spike', '--runs', '5'],
  calibration: () => ['--domain', 'change'],
  'calibration check': () => ['--runs', '10'],
  sweep: () => ['--scenarios', 'db-plugin-cpu-spike', '--profiles', '1', '--runs', '2', '--workers', '1', '--progress', 'lines', '-o', join(dir, `s${++outputs}.ndjson`)],
  tabletop: () => ['db-plugin-cpu-spike', '--profile', '1', '--decisions', ''],
  new: () => [],
  'new scenario': () => [],
  assess: () => ['--answers', 'scenarios/orgs/midsize-answers.yaml'],
  year: () => ['--years', '1', '--workers', '1', '--progress', 'lines'],
  advise: () => ['test/fixtures/orgs/small.yaml', '--steps', '1', '--years', '2', '--workers', '1', '--progress', 'lines'],
  merge: () => [join(dir, 'part0.ndjson'), '-o', join(dir, 'merged.csv')],
  report: () => ['test/fixtures/orgs/small.yaml', '--years', '2', '--runs', '2', '--driver-years', '0', '--steps', '0', '--workers', '1', '--progress', 'lines', '-o', join(dir, `r${++outputs}.html`)],
};

/** A value each flag refuses, by the flag's long name: what a hurried user types. */
const BAD_VALUES: Record<string, string> = {
  '--profile': '9',
  '--profiles': '9',
  '--baseline': '9',
  '--seed': 'x',
  '--budget': 'lots',
  '--steps': '-1',
  '--driver-years': 'x',
  '--advice-years': '0',
  '--advice': 'no-such-advice.json',
  '--from': 'tomorrow',
  '--replication': '-1',
  '--runs': 'many',
  '--years': '0',
  '--workers': '0',
  '--block': 'x',
  '--checkpoint-every': 'x',
  '--progress': 'sideways',
  '--shard': '5/2',
  '--view': 'sideways',
  '--domain': 'nosuch',
  '--level': '9',
  '--kind': 'nosuch',
  '--id': 'Not An Id',
  '--calibration': 'no-such-file.yaml',
  '--org': 'no-such-org',
  '--answers': 'no-such-answers.yaml',
  '--scenarios': 'no-such-scenario',
  '--set': 'no.such.path=3',
  '--decisions': '99',
};

/** `args` with `flag` (and its value) taken out, then given `value`. */
function withFlag(args: string[], flag: string, value: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === flag) i++;
    else out.push(args[i]!);
  }
  return [...out, flag, value];
}

describe('every command', () => {
  it('is known to this test (a new command gets its quick arguments in BASE)', () => {
    expect(COMMANDS.map((c) => c.path.join(' ')).filter((p) => !(p in BASE))).toEqual([]);
  });

  for (const { path } of COMMANDS) {
    const name = path.join(' ');
    it(`${name} --help: exit 0, its usage on stdout`, async () => {
      const r = await runMain([...path, '--help']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`Usage: imsim ${name}`);
    });

    it(`${name} --no-such-flag: exit 2, naming the flag`, async () => {
      const r = await runMain([...path, ...BASE[name]!(), '--no-such-flag']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/unknown option '--no-such-flag'/);
    });
  }

  // Every flag that takes a value, given one it cannot take.
  const valued = COMMANDS.flatMap(({ path, command }) =>
    command.options
      .filter((o) => o.required || o.optional)
      .map((o) => o.long!)
      .filter((flag) => flag in BAD_VALUES)
      .map((flag) => ({ path, flag })),
  );
  it('has bad values for the value-taking flags of every command that has some', () => {
    expect(valued.length).toBeGreaterThan(40);
  });
  for (const { path, flag } of valued) {
    const name = path.join(' ');
    it(`${name} ${flag} ${BAD_VALUES[flag]}: exit 2, naming ${flag}`, async () => {
      const args = [...path, ...withFlag(BASE[name]!(), flag, BAD_VALUES[flag]!)];
      const r = await runMain(args);
      expect(r.code, `imsim ${args.join(' ')}\nstdout: ${r.stdout.slice(0, 300)}\nstderr: ${r.stderr}`).toBe(2);
      expect(r.stderr, `imsim ${args.join(' ')}`).toContain(flag);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    });
  }
});

/** Commands that print a result, with quick arguments: what the output checks run. */
const PRINTING = COMMANDS.map((c) => c.path.join(' ')).filter((n) => n !== 'new' && n !== 'merge');
const ESC = /\u001b\[/;

/** Runs the CLI inside a pseudo-terminal (stdin, stdout and stderr all a TTY); CI=1 keeps the Ink views out. */
function inTerminal(args: string[], env: Record<string, string>): { code: number; output: string } {
  const line = [...Object.entries({ CI: '1', ...env }).map(([k, v]) => `${k}=${shellQuote(v)}`), shellQuote(process.execPath), shellQuote(BIN), ...args.map(shellQuote)].join(' ');
  const r = spawnSync('script', ['-qec', line, '/dev/null'], { cwd: ROOT, encoding: 'utf8', input: '', env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TERM: 'xterm-256color', ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}) } });
  return { code: r.status ?? -1, output: r.stdout + r.stderr };
}

describe('output conventions', () => {
  it('the terminal harness works: on a terminal without NO_COLOR, run paints its heading', () => {
    const r = inTerminal(['run', 'db-plugin-cpu-spike'], {});
    expect(r.code).toBe(0);
    expect(r.output).toMatch(ESC);
  });

  for (const name of PRINTING) {
    const args = () => [...name.split(' '), ...BASE[name]!()];
    it(`${name}: piped (not a terminal), plain output with no escape codes`, () => {
      const r = imsim(args());
      expect([0, 1], r.stderr).toContain(r.code);
      expect(r.stdout + r.stderr).not.toMatch(ESC);
      expect((r.stdout + r.stderr).trim()).not.toBe('');
    });
    it(`${name}: NO_COLOR=1 on a terminal, no escape codes`, () => {
      const r = inTerminal(args(), { NO_COLOR: '1' });
      expect([0, 1], r.output).toContain(r.code);
      expect(r.output).not.toMatch(ESC);
    });
  }
});
