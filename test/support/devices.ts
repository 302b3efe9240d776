// Device nodes for tests, made in the test's own temporary folder (never the machine's
// /dev entries). Making one needs root and a machine that permits mknod; tests that need
// one skip, saying why, where it is not permitted.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

/** Whether this machine lets a test make device nodes (tried in `dir`, a folder of the test's own). */
export function canMknod(dir: string): boolean {
  const probe = join(dir, '.mknod-probe');
  try {
    execFileSync('mknod', [probe, 'c', '1', '3'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { force: true });
  }
}

/** Said in the title of a device test this machine cannot run. */
export const NO_MKNOD = ' [skipped: mknod is not permitted here, so no device can be made to test with]';

/** A character device at `path` with the given major and minor numbers (1,3 is null's; 1,5 zero's; 1,7 full's). */
export function mknodChar(path: string, major: number, minor: number): string {
  execFileSync('mknod', [path, 'c', String(major), String(minor)]);
  return path;
}
