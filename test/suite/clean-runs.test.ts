// Clean runs: the suite runs in a private temporary folder (support/global-setup.ts)
// that must be empty of `imsim-*` entries when the run ends. That check only sees what
// goes through the temporary folder, so these tests hold the test code to it: folders
// come from scratchDirs() (removed after each file), nothing names /tmp itself, and the
// run really is inside the private folder.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scratchDirs } from '../support/tmp.js';

const TEST_DIR = fileURLToPath(new URL('..', import.meta.url));
/** The two files allowed to make temporary folders directly. */
const MAKERS = ['support/tmp.ts', 'support/global-setup.ts'];

function testFiles(dir = TEST_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? testFiles(join(dir, e.name)) : /\.(ts|tsx|mjs)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}
const rel = (f: string) => f.slice(TEST_DIR.length);

describe('clean runs', () => {
  it('the run works in its own temporary folder, named imsim-suite-*', () => {
    expect(basename(tmpdir())).toMatch(/^imsim-suite-/);
  });

  it('test code makes temporary folders only through scratchDirs() and never names /tmp', () => {
    const offenders = testFiles()
      .filter((f) => !MAKERS.includes(rel(f)) && f !== fileURLToPath(import.meta.url))
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => ({ line, at: `${rel(f)}:${i + 1}` }))
          .filter(({ line }) => /\bmkdtemp(Sync)?\(|\btmpdir\(\)|['"`]\/tmp\b/.test(line))
          .map(({ at, line }) => `${at}: ${line.trim()}`),
      );
    expect(offenders, 'use scratchDirs() from test/support/tmp.ts').toEqual([]);
  });

  describe('scratchDirs()', () => {
    const scratch = scratchDirs();
    let made: string[] = [];
    it('makes imsim-* folders in the temporary folder and refuses other names', () => {
      made = [scratch(), scratch('imsim-probe-')];
      for (const d of made) expect(existsSync(d) && d.startsWith(tmpdir()) && basename(d).startsWith('imsim-')).toBe(true);
      expect(() => scratch('other-')).toThrow(/named imsim-\*/);
    });
    // afterAll of this file removes them; the global teardown fails the run if it did not.
  });
});
