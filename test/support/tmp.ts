// Temporary folders for tests. Every folder a test file makes comes from here and is
// removed after the file's last test, passed or failed; the suite's global teardown
// (test/support/global-setup.ts) fails the run if anything is left behind anyway.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/**
 * Call once at the top of a test file: returns a maker of fresh `imsim-*` folders in the
 * temporary folder, all removed in the file's afterAll.
 */
export function scratchDirs(): (prefix?: string) => string {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return (prefix = 'imsim-') => {
    if (!prefix.startsWith('imsim-')) throw new Error(`scratch folders are named imsim-*, not ${prefix}`);
    const dir = mkdtempSync(join(tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
}
