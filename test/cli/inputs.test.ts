// Input files that are not files: a device that never ends (/dev/zero's numbers, made here
// with mknod), a pipe (process substitution, /dev/stdin), a folder. A pipe is read to its
// end; a device or a folder is refused, exit 2, naming the flag and the path.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { imsim } from '../support/cli.js';
import { canMknod, mknodChar, NO_MKNOD } from '../support/devices.js';
import { scratchDirs } from '../support/tmp.js';

const dir = scratchDirs()('imsim-inputs-');
const MKNOD = canMknod(dir);

describe('input files that are not files', () => {
  it.skipIf(!MKNOD)(`a device that never ends (made with /dev/zero's numbers, 1,5) is refused, not read into memory${MKNOD ? '' : NO_MKNOD}`, () => {
    const zero = mknodChar(join(dir, 'zero.yaml'), 1, 5);
    for (const args of [['run', 'db-plugin-cpu-spike', '--calibration', zero], ['validate', zero], ['run', 'db-plugin-cpu-spike', '--profile', zero]]) {
      const r = imsim(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(`${zero}: is a device, not a file: give a YAML file`);
    }
  });

  it('a pipe is read to its end: --calibration /dev/stdin', () => {
    const r = imsim(['run', 'db-plugin-cpu-spike', '--calibration', '/dev/stdin'], { input: 'serviceDesk.fixTime.L1: 30\n' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/overridden: serviceDesk\.fixTime\.L1/);
  });

  it('a folder given as a file is refused', () => {
    mkdirSync(join(dir, 'folder.yaml'));
    const r = imsim(['run', 'db-plugin-cpu-spike', '--calibration', join(dir, 'folder.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/folder\.yaml: is a directory/);
  });
});
