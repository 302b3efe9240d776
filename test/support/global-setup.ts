// The suite's temporary folder. Before any test file runs, the run gets a private folder
// of its own inside the system's temporary folder, and TMPDIR points there, so every
// folder a test makes (and every CLI the tests start, see cli.ts) lands inside it. After
// the last file, the folder must hold no `imsim-*` entry: anything left is a test that
// does not clean up, and the run fails naming it. The private folder is then removed, so
// the system's temporary folder holds no more entries than before the run.
//
// A private folder rather than a count of the shared one: other runs on the same machine
// create and remove `imsim-*` folders too, and a count would blame this run for theirs.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PREFIX = 'imsim-';

export default function setup(): () => void {
  const system = tmpdir();
  const before = new Set(readdirSync(system).filter((n) => n.startsWith(PREFIX)));
  const own = mkdtempSync(join(system, `${PREFIX}suite-`));
  for (const v of ['TMPDIR', 'TMP', 'TEMP']) process.env[v] = own;
  return () => {
    const left = readdirSync(own).filter((n) => n.startsWith(PREFIX));
    rmSync(own, { recursive: true, force: true });
    // Outside the private folder, only what bypassed TMPDIR: reported, since another
    // run on this machine may have made it.
    const appeared = readdirSync(system).filter((n) => n.startsWith(PREFIX) && !before.has(n));
    if (appeared.length) console.warn(`note: new ${PREFIX}* entries in ${system} during this run (this run's or another's): ${appeared.join(', ')}`);
    if (left.length) {
      console.error(`\nFAIL clean runs: the tests left ${left.length} ${PREFIX}* entr${left.length === 1 ? 'y' : 'ies'} in the temporary folder: ${left.sort().join(', ')}\n` +
        'make them with scratchDirs() from test/support/tmp.ts, which removes them after the file');
      process.exitCode = 1;
    }
  };
}
