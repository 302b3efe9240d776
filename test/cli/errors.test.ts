// The error boundary (src/cli/main.ts) when imsim itself is wrong: a bug planted in the
// engine for this file only (replication 3 at change level 3 throws) must come out as an
// internal error that says so, prints the command line and seed that reproduce it and the
// engine's `imsim run` line that replays the one replication, asks for a report, exits 1.
import { describe, expect, it, vi } from 'vitest';
import { runMain } from '../support/main.js';

// The built engine, as the built CLI loads it (typed by its source). The planted bug comes
// out as the engine's own errors do: an EngineError naming the replication.
vi.mock('../../dist/src/sim/engine.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/sim/engine.js')>();
  return {
    ...real,
    simulateMetrics: (...args: Parameters<typeof real.simulateMetrics>) => {
      const [scenario, profile, opts] = args;
      if (opts.replication === 3 && profile.change === 3) {
        throw new real.EngineError('planted by the test: a bug in the engine', scenario.id, profile, opts.seed, opts.replication, opts.calibration, false);
      }
      return real.simulateMetrics(...args);
    },
  };
});

describe('an internal error', () => {
  it('names itself a bug, reproduces with the default seed made explicit, replays the replication, and exits 1', async () => {
    const r = await runMain(['compare', 'db-plugin-cpu-spike', '--profiles', '1,3', '--runs', '5']);
    expect(r.code).toBe(1);
    const lines = r.stderr.split('\n');
    expect(lines[0]).toBe(
      'imsim: internal error (a bug in imsim, not a mistake in your input): db-plugin-cpu-spike at profile 3, seed 1, replication 3: planted by the test: a bug in the engine',
    );
    expect(lines[1]).toBe('replay it with: imsim run db-plugin-cpu-spike --profile 3 --seed 1 --replication 3');
    expect(lines[2]).toBe('imsim: this command reproduces it: imsim compare db-plugin-cpu-spike --profiles 1,3 --runs 5 --seed 1');
    expect(lines[3]).toBe('imsim: please report it with that command line, the files it names, and the trace below');
    expect(r.stderr).toMatch(/\n\s+at /); // the trace, for the report
    expect(r.stdout).toBe('');
  });

  it('quotes what a shell would read otherwise, and keeps a seed that was given', async () => {
    const r = await runMain(['compare', 'db-plugin-cpu-spike', '--profiles', '1;change=3', '--runs', '4', '-s', '7', '--calibration', "/no/such dir/it's.yaml"]);
    // The calibration file does not exist: a user's mistake, exit 2, no report.
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/internal error/);
    const bug = await runMain(['compare', 'db-plugin-cpu-spike', '--profiles', '1;change=3,config=3', '--runs', '4', '-s', '7']);
    expect(bug.code).toBe(1);
    expect(bug.stderr).toMatch(/^imsim: this command reproduces it: imsim compare db-plugin-cpu-spike --profiles '1;change=3,config=3' --runs 4 -s 7$/m);
  });
});

describe('shellQuote', () => {
  it('leaves plain words bare and single-quotes the rest, so a shell reads back the same words', async () => {
    const { shellQuote } = (await import(new URL('../../dist/src/cli/main.js', import.meta.url).href)) as typeof import('../../src/cli/main.js');
    expect(['run', 'a/b.yaml', '--profile', 'change=2,config=1', '1..5'].map(shellQuote)).toEqual(['run', 'a/b.yaml', '--profile', 'change=2,config=1', '1..5']);
    expect(shellQuote('my file.yaml')).toBe("'my file.yaml'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote('')).toBe("''");
    expect(shellQuote('1;2')).toBe("'1;2'");
    expect(shellQuote('$HOME')).toBe("'$HOME'");
  });
});
