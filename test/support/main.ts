// Runs the built CLI's main() inside the test process, with stdout and stderr captured:
// the same code path as bin/imsim (commander, the error boundary, the commands), without
// a process start per call. For suites that run the CLI thousands of times (the fuzz
// suite); end-to-end tests of a real process use ./cli.ts.
import type { CliResult } from './cli.js';

type Main = (argv: string[]) => Promise<number>;
let loaded: Main | undefined;

/** Calls main() with `args`; one call at a time (the streams are shared). */
export async function runMain(args: string[]): Promise<CliResult> {
  // The built file, as bin/imsim loads it: it finds the shipped scenarios beside dist/.
  loaded ??= ((await import(new URL('../../dist/src/cli/main.js', import.meta.url).href)) as { main: Main }).main;
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write;
  const err = process.stderr.write;
  const capture =
    (into: (s: string) => void) =>
    (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      into(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      cb?.();
      return true;
    };
  process.stdout.write = capture((s) => (stdout += s)) as typeof process.stdout.write;
  process.stderr.write = capture((s) => (stderr += s)) as typeof process.stderr.write;
  let code: number;
  try {
    code = await loaded(['node', 'imsim', ...args]);
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
  return { code, stdout, stderr };
}
