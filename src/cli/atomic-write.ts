// Files the CLI writes appear whole or not at all: written to a temporary file next to
// the target, then renamed over it (a rename within one folder is atomic).
import { renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
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

export function writeAtomic(file: string, text: string, flag: string): void {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError([{ flag, file, message: `cannot write (${code ?? (e as Error).message})` }]);
  }
}
