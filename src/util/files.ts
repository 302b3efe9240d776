// Every file imsim writes goes through here, so what a path names decides how it is
// written, the same way for every flag (--transcript, sweep --out, merge --out):
//
//   a regular file, or a name not taken yet   written whole or not at all: a temporary
//       file in the same folder, flushed to disk, then renamed over the target (a rename
//       within a folder is atomic; the old file's permissions carry over). A lock file
//       beside the target (`OUT.lock`, created exclusively) keeps a second imsim off it.
//   a symbolic link                            followed: the file it points to is written
//       as above and the link stays; a link to nothing is refused.
//   this process's own stdout or stderr       written directly (`-`, /dev/stdout, or any
//       name of the same file), where the command can stream.
//   a character device (/dev/null)             written directly, never replaced, where the
//       command can stream; a write it refuses (ENOSPC from /dev/full) is the user's error.
//   a folder, a named pipe, a socket, a block device: refused.
//
// Failures are UserErrors naming the flag and the path (exit 2), never a stack trace.
import {
  accessSync,
  closeSync,
  constants,
  fchmodSync,
  fstatSync,
  fsyncSync,
  linkSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { UserError } from './errors.js';

/** Where a command's output goes, once the path has been looked at. */
export interface OutputTarget {
  /** The flag that named it, for messages. */
  flag: string;
  /** The path as the user gave it. */
  given: string;
  /**
   * `file`: written atomically at `path` (a symbolic link resolved to its target).
   * `stream`: written directly to `fd` (1 or 2) or to the device at `path`.
   */
  kind: 'file' | 'stream';
  path: string;
  /** For this process's own stdout or stderr. */
  fd?: 1 | 2;
}

export interface TargetOptions {
  /** Whether the command can write to a device or to its own stdout (a transcript can; a resumable sweep cannot). */
  streams?: boolean;
}

/** What an errno means to a user, for "cannot write (...)". */
const ERRNO_TEXT: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  EIO: 'input/output error',
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'is a folder',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'name too long',
  EFBIG: 'file too large',
  EBADF: 'not open for writing',
  EINVAL: 'the device refuses this write',
  ENXIO: 'no such device',
};

/** `no space left on the device (ENOSPC)` for a system error, else its message. */
export function describeError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code) return `${ERRNO_TEXT[code] ?? 'system error'} (${code})`;
  return (e as Error | undefined)?.message ?? String(e);
}

/** Whether an error is the file system's (a full disk, no permission) rather than a bug. */
export function isSystemError(e: unknown): e is NodeJS.ErrnoException {
  return typeof (e as NodeJS.ErrnoException | undefined)?.code === 'string' && typeof (e as NodeJS.ErrnoException).syscall === 'string';
}

/** A UserError for a write that failed, naming the flag and the path. */
export function cannotWrite(flag: string, file: string, e: unknown): UserError {
  return new UserError([{ flag, file, message: `cannot write: ${describeError(e)}` }]);
}

function refuse(flag: string, file: string, message: string): never {
  throw new UserError([{ flag, file, message }]);
}

/** Same file (device and inode) as one of this process's standard streams. */
function stdStream(st: Stats): 1 | 2 | undefined {
  for (const fd of [1, 2] as const) {
    try {
      const s = fstatSync(fd);
      if (s.dev === st.dev && s.ino === st.ino) return fd;
    } catch {
      // a closed stream is nobody's output
    }
  }
  return undefined;
}

/**
 * Looks at an output path before any work, and says how it will be written; refuses
 * (UserError, exit 2) what must not be written or cannot be. Cheap: call it early.
 */
export function outputTarget(given: string, flag: string, opts: TargetOptions = {}): OutputTarget {
  const streams = opts.streams ?? false;
  const whatCanBe = streams ? 'a file, a device such as /dev/null, or /dev/stdout' : 'a file';
  if (given === '-') {
    if (!streams) refuse(flag, given, 'this command writes a file (it can be resumed or renamed into place): give a file name, not "-"');
    return { flag, given, kind: 'stream', path: '/dev/stdout', fd: 1 };
  }
  if (given.trim() === '') refuse(flag, given, 'the file name is empty');
  let link: Stats;
  try {
    link = lstatSync(given);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') refuse(flag, given, `cannot use this path: ${describeError(e)}`);
    // A new file: its folder must exist.
    const dir = dirname(given);
    let isDir = false;
    try {
      isDir = statSync(dir).isDirectory();
    } catch {
      isDir = false;
    }
    if (!isDir) refuse(flag, given, `no such folder "${dir}"`);
    return writableFolder({ flag, given, kind: 'file', path: given });
  }
  let path = given;
  let st = link;
  let via = '';
  if (link.isSymbolicLink()) {
    try {
      // stat follows the link; /dev/stdout's target (a pipe, say) may have no path at all.
      st = statSync(given);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') refuse(flag, given, 'is a symbolic link to nothing (its target does not exist): imsim writes through a link to an existing file, and does not replace the link');
      refuse(flag, given, `is a symbolic link that cannot be followed: ${describeError(e)}`);
    }
    try {
      path = realpathSync(given);
      via = ` (the symbolic link points to ${path})`;
    } catch {
      // A link with no path at its end (a pipe behind /dev/stdout): opened by its name.
      if (st.isFile()) refuse(flag, given, 'is a symbolic link whose target has no path to write through');
    }
  }
  const fd = stdStream(st);
  if (fd !== undefined) {
    if (!streams) refuse(flag, given, `is this command's own ${fd === 1 ? 'stdout' : 'stderr'}${via}: give a file`);
    return { flag, given, kind: 'stream', path, fd };
  }
  if (st.isDirectory()) refuse(flag, given, `is a folder${via}: give a file name inside it`);
  if (st.isFIFO()) refuse(flag, given, `is a named pipe (FIFO)${via}: imsim writes ${whatCanBe}, and never replaces a pipe`);
  if (st.isSocket()) refuse(flag, given, `is a socket${via}: imsim writes ${whatCanBe}`);
  if (st.isBlockDevice()) refuse(flag, given, `is a block device${via}: imsim never writes to a disk device`);
  if (st.isCharacterDevice()) {
    if (!streams) refuse(flag, given, `is a device${via}: this command writes a file it can resume or rename into place; give a file name`);
    return { flag, given, kind: 'stream', path };
  }
  if (!st.isFile()) refuse(flag, given, `is not a regular file${via}`);
  return writableFolder({ flag, given, kind: 'file', path });
}

/** A file is replaced by a rename in its folder, so the folder must take new entries: known before any work. */
function writableFolder(t: OutputTarget): OutputTarget {
  try {
    accessSync(dirname(t.path), constants.W_OK);
  } catch (e) {
    refuse(t.flag, t.given, `cannot write in the folder ${dirname(t.path)}: ${describeError(e)}`);
  }
  return t;
}

// ---- writing -----------------------------------------------------------------------------

/** The temporary file `writeAtomic` uses for `file` in this process. */
const tempOf = (file: string) => join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);

/** The permission bits of an existing file, to carry over to its replacement. */
function modeOf(file: string): number | undefined {
  try {
    return statSync(file).mode & 0o7777;
  } catch {
    return undefined;
  }
}

/**
 * Renames a finished, flushed temporary file over `file`, keeping the permissions
 * `file` had, and flushes the folder entry. The rename is the moment the new file appears.
 */
export function commitTemp(tmp: string, file: string): void {
  const mode = modeOf(file);
  if (mode !== undefined) {
    const fd = openSync(tmp, 'r');
    try {
      fchmodSync(fd, mode);
    } finally {
      closeSync(fd);
    }
  }
  renameSync(tmp, file);
  syncDir(dirname(file));
}

/**
 * Creates `file` for writing, new: whatever has its name (a temporary file an earlier
 * process of the same pid left, or a link planted there) is removed first, and the
 * create is exclusive, so a write never follows a link someone else put in its place.
 */
export function createFresh(file: string): number {
  try {
    unlinkSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  return openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o666);
}

/** Writes `text` to `file` atomically and durably (temp + fsync + rename); the temp goes on failure. Throws system errors. */
export function writeAtomic(file: string, text: string): void {
  const tmp = tempOf(file);
  const fd = createFresh(tmp);
  try {
    try {
      writeAll(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    commitTemp(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** For waiting out a full pipe without spinning. */
const pause = new Int32Array(new SharedArrayBuffer(4));

/** writeSync until every byte is out (a device or pipe may take part of it, or none while full). */
export function writeAll(fd: number, text: string): void {
  const buf = Buffer.from(text, 'utf8');
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(fd, buf, off, buf.length - off);
    } catch (e) {
      // A non-blocking pipe (stdout) that is full: wait for the reader.
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      Atomics.wait(pause, 0, 0, 5);
    }
  }
}

/**
 * Writes a whole output to its target: a file atomically under its lock, a stream or
 * device directly. Every failure is a UserError naming the flag and the path.
 */
export function writeOutput(target: OutputTarget, text: string, note: (text: string) => void): void {
  if (target.kind === 'stream') {
    if (target.fd !== undefined) {
      // Through Node's own stream: it keeps order with the rest of the output.
      (target.fd === 1 ? process.stdout : process.stderr).write(text);
      return;
    }
    let fd: number;
    try {
      fd = openSync(target.path, constants.O_WRONLY | constants.O_NOCTTY);
    } catch (e) {
      throw cannotWrite(target.flag, target.given, e);
    }
    try {
      writeAll(fd, text);
    } catch (e) {
      throw cannotWrite(target.flag, target.given, e);
    } finally {
      closeSync(fd);
    }
    return;
  }
  const lock = OutputLock.acquire(target, note);
  try {
    writeAtomic(target.path, text);
  } catch (e) {
    throw cannotWrite(target.flag, target.given, e);
  } finally {
    lock.release();
  }
  // An earlier write of this file killed before its rename left its temporary file: the
  // file is whole now, so that one is garbage.
  removeStaleTemps(target.path);
}

/** Whether a process with this id runs on this machine (EPERM: it does, as another user). */
export function processAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temporary files `writeAtomic` left for `file` when a process was killed
 * mid-write (named by the pid of a process that is gone, so no later write replaces them).
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
    const m = n.startsWith(prefix) ? /^(\d+)\.tmp$/.exec(n.slice(prefix.length)) : null;
    if (m && (Number(m[1]) === process.pid || !processAlive(Number(m[1])))) rmSync(join(dir, n), { force: true });
  }
}

/** Flushes a folder's entries (a rename) where the platform allows it. */
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

// ---- the lock ----------------------------------------------------------------------------

/** The lock file beside an output. */
export const lockPath = (file: string) => `${file}.lock`;

/** A lock file younger than this with no readable holder may be being written (no hard links there); older, it is debris. */
const UNREADABLE_LOCK_GRACE_MS = 10_000;

/** Locks held by this process, removed at exit whatever the way out (process.exit included). */
const held = new Set<string>();
let exitHook = false;

/**
 * One writer per output: `OUT.lock`, created exclusively (a hard link, or O_EXCL), holding
 * the writer's pid and host. A second imsim asking for the same output is refused with the holder's pid; a
 * lock whose process is gone from this machine (killed) is taken over with a note.
 */
export class OutputLock {
  private constructor(readonly file: string) {}

  static acquire(target: OutputTarget, note: (text: string) => void): OutputLock {
    const file = lockPath(target.path);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        createWith(file, `${process.pid}\n${hostname()}\n`);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code !== 'EEXIST') throw cannotWrite(target.flag, target.given, e);
        const stale = staleHolder(file);
        if (stale === undefined) {
          const h = readHolder(file);
          refuse(
            target.flag,
            target.given,
            `another imsim${h ? ` (process ${h.pid}${h.host !== hostname() ? ` on ${h.host}` : ''})` : ''} is writing this output: wait for it to finish, or remove ${file} if no imsim is running`,
          );
        }
        rmSync(file, { force: true });
        note(`took over the lock ${file}: ${stale}`);
        continue;
      }
      if (!exitHook) {
        exitHook = true;
        process.once('exit', () => {
          for (const f of held) rmSync(f, { force: true });
        });
      }
      held.add(file);
      removeStaleTemps(file); // what a process killed while taking this lock left
      return new OutputLock(file);
    }
    // Two takeovers raced and the other won.
    return refuse(target.flag, target.given, `another imsim took over ${file} at the same moment: try again`);
  }

  release(): void {
    if (!held.delete(this.file)) return;
    rmSync(this.file, { force: true });
  }
}

/**
 * Creates `file` holding `text`, failing with EEXIST if it exists: the text is written to
 * a file of this process first and hard-linked into place, so the lock appears with its
 * holder already in it (a reader never meets it empty). Where a file system has no hard
 * links, an exclusive create and a write.
 */
function createWith(file: string, text: string): void {
  const tmp = tempOf(file);
  const fd = createFresh(tmp);
  try {
    writeAll(fd, text);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(tmp, file);
    return;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV') throw e;
  } finally {
    rmSync(tmp, { force: true });
  }
  const fdx = openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
  try {
    writeAll(fdx, text);
  } finally {
    closeSync(fdx);
  }
}

function readHolder(file: string): { pid: number; host: string } | undefined {
  try {
    const [pid, host] = readFileSync(file, 'utf8').split('\n');
    const n = Number(pid);
    return Number.isSafeInteger(n) && n > 0 && host ? { pid: n, host } : undefined;
  } catch {
    return undefined;
  }
}

/** Why a lock can be taken over, or undefined while its holder may still be writing. */
function staleHolder(file: string): string | undefined {
  const h = readHolder(file);
  if (h) {
    if (h.host !== hostname()) return undefined; // another machine's process: nothing here can tell
    return processAlive(h.pid) ? undefined : `left by process ${h.pid}, which is no longer running`;
  }
  try {
    // The wall clock against the file's own timestamp: housekeeping of a lock, never a result.
    const age = Date.now() - statSync(file).mtimeMs;
    return age > UNREADABLE_LOCK_GRACE_MS ? 'it names no process and is older than 10 seconds' : undefined;
  } catch {
    return 'it is gone';
  }
}
