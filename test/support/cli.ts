// Runs the real, built CLI (`bin/imsim`, as `npx imsim` would) in a child process.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/imsim', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function imsim(args: string[], opts: { env?: Record<string, string>; cwd?: string; nodeArgs?: string[]; input?: string } = {}): CliResult {
  const r = spawnSync(process.execPath, [...(opts.nodeArgs ?? []), BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    encoding: 'utf8',
    input: opts.input,
    // A clean environment: not a TTY, no CI flag leaking in, colour allowed unless asked.
    // TMPDIR: the suite's private temporary folder (global-setup.ts), so a CLI that makes
    // a temporary file makes it where the leak check looks.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}), ...opts.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
