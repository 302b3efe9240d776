// Durable file writes for sweeps. A checkpoint or a finished output appears whole or not
// at all: written to a temporary file in the same folder, flushed to disk, then renamed
// over the target (a rename within one folder is atomic). A `kill -9` at any instant
// leaves either the old file or the new one, never half of either.
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Writes `text` to `file` atomically and durably. */
export function writeAtomic(file: string, text: string): void {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  syncDir(dirname(file));
}

/**
 * Removes the temporary files `writeAtomic` leaves for `file` when killed mid-write (they
 * are named by the pid of a process that is gone, so no later write replaces them).
 */
export function removeStaleTemps(file: string): void {
  const dir = dirname(file);
  const prefix = `.${basename(file)}.`;
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) {
    if (n.startsWith(prefix) && /^\d+\.tmp$/.test(n.slice(prefix.length))) rmSync(join(dir, n), { force: true });
  }
}

/** Flushes a folder's entries (the rename itself) where the platform allows it. */
export function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some platforms cannot open or sync a folder; the rename is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
