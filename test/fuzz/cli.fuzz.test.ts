// The fuzz suite: mutated copies of every kind of file imsim reads (the shipped
// scenarios, calibration override files generated from the defaults, profile files;
// organization files join in test/support/fuzz.ts) run through the CLI. Every run must
// exit 0 or 2, print no stack trace and no non-finite figure, leave nothing behind in
// its folder, and agree with the command that judges the file: what `validate` (or its
// kind's judge) accepts, every command runs; what it refuses, every command refuses.
//
// Most mutants go through main() in this process (the same code as bin/imsim, captured);
// the rest through the real binary, two at a time, with the commands that write files
// (sweep --out, tabletop --transcript). Seeded: a failure prints the seed and the mutant,
// and IMSIM_FUZZ_SEED=S IMSIM_FUZZ_ONLY=I replays one. IMSIM_FUZZ_MUTANTS and
// IMSIM_FUZZ_BINARY set how many (defaults sized for CI: see docs/development.md, Tests).
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliResult } from '../support/cli.js';
import { imsimAsync, inParallel, mutant, NON_FINITE, nonFiniteInJson, STACK, type Mutant } from '../support/fuzz.js';
import { runMain } from '../support/main.js';
import { scratchDirs } from '../support/tmp.js';

const env = process.env;
const SEED = env.IMSIM_FUZZ_SEED ? Number(env.IMSIM_FUZZ_SEED) : 20261130;
const IN_PROCESS = Number(env.IMSIM_FUZZ_MUTANTS ?? 500);
const BINARY = Number(env.IMSIM_FUZZ_BINARY ?? 30);
const ONLY = env.IMSIM_FUZZ_ONLY === undefined ? undefined : Number(env.IMSIM_FUZZ_ONLY);
/**
 * A guard against a hang, not a budget: the suite's time is measured (docs/development.md, Tests)
 * and a machine busy with other work may take several times as long.
 */
const TIME_LIMIT = 600_000;

const root = scratchDirs()('imsim-fuzz-');

/** A failure, with all it takes to replay it. */
function describeFailure(seed: number, index: number, m: Mutant, args: string[], what: string, r?: CliResult): string {
  return [
    `seed ${seed}, mutant ${index} (replay: IMSIM_FUZZ_SEED=${seed} IMSIM_FUZZ_ONLY=${index}): ${m.kind.kind} from ${m.source}, mutated: ${m.mutations.join('; ') || '(none took)'}`,
    `  imsim ${args.join(' ')}`,
    `  ${what}`,
    ...(r ? [`  exit ${r.code}; stderr: ${r.stderr.slice(0, 600).replace(/\n/g, '\n    ')}`] : []),
  ].join('\n');
}

/** What every run must keep; returns the broken rule, if any. */
function broken(r: CliResult, args: string[]): string | undefined {
  if (r.code !== 0 && r.code !== 2) return `exit code ${r.code} (only 0 and 2 are allowed)`;
  if (STACK.test(r.stderr) || STACK.test(r.stdout)) return 'a stack trace or an internal error';
  // Refused: a message on stderr (or, for validate --json, the report on stdout).
  if (r.code !== 0) return r.stderr.trim() === '' && r.stdout.trim() === '' ? 'exit 2 without a message' : undefined;
  if (args.includes('--json')) return nonFiniteInJson(r.stdout);
  const m = NON_FINITE.exec(r.stdout);
  return m ? `a non-finite figure in the output: "${r.stdout.slice(Math.max(0, m.index - 40), m.index + 20)}"` : undefined;
}

/** Files a folder may hold after the runs: the input, and the outputs of runs that succeeded. */
function leftovers(dir: string, allowed: Set<string>): string | undefined {
  const extra = readdirSync(dir).filter((f) => !allowed.has(f));
  return extra.length ? `left behind: ${extra.join(', ')}` : undefined;
}

const indexes = (from: number, count: number) => (ONLY !== undefined ? (ONLY >= from && ONLY < from + count ? [ONLY] : []) : [...Array(count).keys()].map((i) => from + i));

/**
 * Writes mutant `i` into a folder of its own and runs `commands` on it with `exec`; the
 * first command judges the file, the others must agree. What is wrong goes to `failures`.
 * Resolves to whether the judge accepted the file.
 */
async function tryMutant(i: number, commands: (m: Mutant, file: string, dir: string) => string[][], exec: (args: string[]) => Promise<CliResult>, failures: string[]): Promise<boolean> {
  const m = mutant(SEED, i);
  // One folder a mutant (its number names it), so what a run leaves is its own.
  const dir = join(root, `m${i}`);
  mkdirSync(dir);
  const file = join(dir, 'input.yaml');
  writeFileSync(file, m.bytes);
  const allowed = new Set(['input.yaml']);
  const fail = (args: string[], what: string, r?: CliResult) => failures.push(describeFailure(SEED, i, m, args, what, r));
  const list = commands(m, file, dir);
  let judge: CliResult | undefined;
  for (const args of list) {
    const r = await exec(args);
    judge ??= r;
    const b = broken(r, args);
    if (b) fail(args, b, r);
    else if (r.code !== judge.code) fail(args, `exit ${r.code}, but \`imsim ${list[0]![0]}\` said ${judge.code}: what one command accepts, every command must run`, r);
    // A run that succeeded leaves the file it was asked to write, and nothing else.
    if (r.code === 0) args.forEach((a, k) => (a === '--out' || a === '--transcript' || a === '--save-answers') && allowed.add(basename(args[k + 1]!)));
  }
  const left = leftovers(dir, allowed);
  if (left) fail(list[0]!, left);
  rmSync(dir, { recursive: true, force: true });
  return judge?.code === 0;
}

describe(`fuzz, seed ${SEED}`, () => {
  it(`${IN_PROCESS} mutants through main() in this process`, async () => {
    const failures: string[] = [];
    let accepted = 0;
    for (const i of indexes(0, IN_PROCESS)) {
      if (await tryMutant(i, (m, file, dir) => [m.kind.verdict(file), ...m.kind.commands(file, dir)], runMain, failures)) accepted++;
    }
    expect(failures.slice(0, 8).join('\n\n'), `${failures.length} failures`).toBe('');
    // Both sides were exercised: some mutants still valid, most broken.
    if (ONLY === undefined) expect(accepted).toBeGreaterThanOrEqual(Math.ceil(IN_PROCESS / 25));
  }, TIME_LIMIT);

  it(`${BINARY} more mutants through the real binary (sweep --out, tabletop --transcript), two at a time`, async () => {
    const failures: string[] = [];
    const commands = (m: Mutant, file: string, dir: string): string[][] => {
      const kind = m.kind.kind;
      // Kinds a sweep does not read (organizations, answers) run their own commands, as in-process.
      if (kind !== 'scenario' && kind !== 'calibration' && kind !== 'profile') return [m.kind.verdict(file), ...m.kind.commands(file, dir)];
      const input = kind === 'scenario' ? ['--scenarios', file] : kind === 'calibration' ? ['--scenarios', 'db-plugin-cpu-spike', '--calibration', file] : ['--scenarios', 'db-plugin-cpu-spike', '--profiles', file];
      const sweep = ['sweep', ...input, ...(kind === 'profile' ? [] : ['--profiles', '1,3']), '--runs', '2', '--workers', '1', '--progress', 'none', '--out', join(dir, 'o.csv')];
      return [m.kind.verdict(file), sweep, ...(kind === 'scenario' ? [['tabletop', file, '--profile', '2', '--transcript', join(dir, 't.md')]] : [])];
    };
    // Indexes after the in-process ones: mutants neither side has seen.
    await inParallel(indexes(IN_PROCESS, BINARY), 2, async (i) => void (await tryMutant(i, commands, imsimAsync, failures)));
    expect(failures.slice(0, 8).join('\n\n'), `${failures.length} failures`).toBe('');
  }, TIME_LIMIT);
});
