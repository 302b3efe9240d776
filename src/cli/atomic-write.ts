// Files the CLI writes appear whole or not at all: written to a temporary file next to
// the target, then renamed over it (a rename within one folder is atomic).
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { removeStaleTemps, writeAtomic as writeDurably } from '../sweep/files.js';
import { UserError } from '../util/index.js';

/** Fails early, before any work, when `file` cannot be written where it is asked for. */
export function checkWritable(file: string, flag: string): void {
  const dir = dirname(file);
  let ok = false;
  try {
    ok = statSync(dir).isDirectory();
  } catch {
    ok = false;
  }
  if (!ok) throw new UserError([{ flag, file, message: `no such folder "${dir}"` }]);
  try {
    if (statSync(file).isDirectory()) throw new UserError([{ flag, file, message: 'is a folder' }]);
  } catch (e) {
    if (e instanceof UserError) throw e;
  }
}

/** Writes `file` whole or not at all; a failure is the user's (a full disk, no permission), named by flag. */
export function writeAtomic(file: string, text: string, flag: string): void {
  try {
    writeDurably(file, text);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError([{ flag, file, message: `cannot write (${code ?? (e as Error).message})` }]);
  }
  // An earlier write of this file killed before its rename left its temporary file: the
  // file is whole now, so that one is garbage.
  removeStaleTemps(file);
}
