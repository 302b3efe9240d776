// End to end: whatever an output flag names, imsim never replaces it with a file of its
// own. Every writer (tabletop --transcript, sweep --out, merge --out) is pointed at a
// named pipe, a symbolic link, a link to nothing, a folder and character devices that
// this test makes in its own temporary folder (never the machine's /dev entries): a
// device with /dev/null's numbers (1,3) and one with /dev/full's (1,7), whose writes fail
// with ENOSPC. Afterwards each entry is the same kind of thing, with the same inode and
// device numbers, and the folder holds nothing the run left behind.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, imsim, ROOT } from '../support/cli.js';
import { canMknod, mknodChar, NO_MKNOD } from '../support/devices.js';
import { scratchDirs } from '../support/tmp.js';

const root = scratchDirs()('imsim-outputs-');

let n = 0;
/** A fresh folder per case, so "nothing left behind" is checked on that case alone. */
const fresh = () => {
  const d = join(root, `case-${n++}`);
  mkdirSync(d);
  return d;
};

const MKNOD = canMknod(root);
/** Said in the title of a device test this machine cannot run (no root, or a container that forbids mknod). */
const unlessNoMknod = MKNOD ? '' : NO_MKNOD;

type Kind = 'fifo' | 'dir' | 'link' | 'dangling' | 'null' | 'full' | 'linkToFifo';
/** Makes the entry `name` of kind `kind` in `dir`; a link points to a file of the same name with `.target`. */
function make(dir: string, name: string, kind: Kind): string {
  const p = join(dir, name);
  switch (kind) {
    case 'fifo':
      execFileSync('mkfifo', [p]);
      break;
    case 'dir':
      mkdirSync(p);
      break;
    case 'link':
      writeFileSync(`${p}.target`, 'old content\n');
      symlinkSync(`${name}.target`, p);
      break;
    case 'dangling':
      symlinkSync(`${name}.nowhere`, p);
      break;
    case 'linkToFifo':
      execFileSync('mkfifo', [`${p}.target`]);
      symlinkSync(`${name}.target`, p);
      break;
    case 'null':
      mknodChar(p, 1, 3);
      break;
    case 'full':
      mknodChar(p, 1, 7);
      break;
  }
  return p;
}

/** What an entry is, to compare before and after: type bits, inode, device numbers. */
function identity(p: string): string {
  const s = lstatSync(p);
  return `${s.mode & 0o170000} ${s.ino} ${s.rdev}`;
}

const TABLETOP = ['tabletop', 'suspicious-login-2am', '--profile', '1', '--seed', '3', '--decisions', '2,2'];
const SWEEP = ['sweep', '--scenarios', 'db-plugin-cpu-spike', '--profiles', '1,3', '--runs', '20', '--seed', '4', '--progress', 'none', '--workers', '1'];

let part = '';
beforeAll(() => {
  // One small sweep output for the merges to read.
  part = join(root, 'part.ndjson');
  const r = imsim([...SWEEP, '--out', part]);
  expect(r.code, r.stderr).toBe(0);
});

interface Writer {
  name: string;
  /** The command writing to `out`. */
  args: (out: string) => string[];
  ext: string;
  /** Whether it may write to a device (a sweep writes a file it can resume, so it may not). */
  streams: boolean;
}
const WRITERS: Writer[] = [
  { name: 'tabletop --transcript', args: (out) => [...TABLETOP, '--transcript', out], ext: '.md', streams: true },
  { name: 'sweep --out', args: (out) => [...SWEEP, '--out', out], ext: '.csv', streams: false },
  { name: 'merge --out', args: (out) => ['merge', part, '--out', out], ext: '.csv', streams: true },
];

describe.each(WRITERS)('$name', (w) => {
  it.each([
    ['fifo', /is a named pipe \(FIFO\).*never replaces a pipe/],
    ['dir', /is a folder: give a file name inside it/],
    ['dangling', /is a symbolic link to nothing/],
    ['linkToFifo', /is a named pipe \(FIFO\) \(the symbolic link points to .*\.target\)/],
  ] as const)('refuses a %s with exit 2 naming the flag and the path, and leaves it as it was', (kind, message) => {
    const dir = fresh();
    const out = make(dir, `out${w.ext}`, kind);
    const before = readdirSync(dir).sort().map((f) => `${f} ${identity(join(dir, f))}`);
    const r = imsim(w.args(out));
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`${w.name.split(' ')[1]} ${out}: `);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(dir).sort().map((f) => `${f} ${identity(join(dir, f))}`)).toEqual(before);
  });

  it('writes through a symbolic link to the file it points to; the link stays a link', () => {
    const dir = fresh();
    const out = make(dir, `out${w.ext}`, 'link');
    const link = identity(out);
    const r = imsim(w.args(out));
    expect(r.code, r.stderr).toBe(0);
    expect(identity(out)).toBe(link);
    expect(lstatSync(out).isSymbolicLink()).toBe(true);
    const written = readFileSync(`${out}.target`, 'utf8');
    expect(written).not.toBe('old content\n');
    expect(written.length).toBeGreaterThan(100);
    expect(readdirSync(dir).sort()).toEqual([`out${w.ext}`, `out${w.ext}.target`]);
  });

  it('replaces a regular file whole, keeping its permissions', () => {
    const dir = fresh();
    const out = join(dir, `out${w.ext}`);
    writeFileSync(out, 'old content\n');
    chmodSync(out, 0o600);
    const r = imsim(w.args(out));
    expect(r.code, r.stderr).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readFileSync(out, 'utf8')).not.toBe('old content\n');
    expect(readdirSync(dir)).toEqual([`out${w.ext}`]);
  });

  it.skipIf(!MKNOD)(`a device made with /dev/null numbers (1,3) is ${w.streams ? 'written to directly' : 'refused'}, never replaced${unlessNoMknod}`, () => {
    const dir = fresh();
    const out = make(dir, `out${w.ext}`, 'null');
    const before = identity(out);
    const r = imsim(w.args(out));
    if (w.streams) expect(r.code, r.stderr).toBe(0);
    else {
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`--out ${out}: is a device: this command writes a file it can resume`));
    }
    expect(identity(out)).toBe(before);
    expect(lstatSync(out).isCharacterDevice()).toBe(true);
    expect(readdirSync(dir)).toEqual([`out${w.ext}`]);
  });

  it.skipIf(!MKNOD)(`a device made with /dev/full numbers (1,7) stays a device; its ENOSPC is exit 2 with a clear message${unlessNoMknod}`, () => {
    const dir = fresh();
    const out = make(dir, `out${w.ext}`, 'full');
    const before = identity(out);
    const r = imsim(w.args(out));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(w.streams ? /: cannot write: no space left on the device \(ENOSPC\)/ : /: is a device: /);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(identity(out)).toBe(before);
    expect(readdirSync(dir)).toEqual([`out${w.ext}`]);
  });
});

/**
 * Runs the CLI under a file-size limit of `kib` KiB with SIGXFSZ ignored, so a write
 * past the limit fails with EFBIG as a full disk fails with ENOSPC: a disk that stops
 * taking writes in the middle of a run, without a real full disk or a mount.
 */
function underSizeLimit(kib: number, args: string[]) {
  const quoted = args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  try {
    const stdout = execFileSync('bash', ['-c', `trap '' XFSZ; ulimit -f ${kib}; exec '${process.execPath}' '${BIN}' ${quoted}`], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}) },
    });
    return { code: 0, stdout, stderr: '' };
  } catch (e) {
    const x = e as { status: number; stdout: string; stderr: string };
    return { code: x.status, stdout: x.stdout, stderr: x.stderr };
  }
}

describe('a disk that stops taking writes mid-run (a file-size limit: EFBIG)', () => {
  it('a sweep exits 2 naming --out, and leaves no .checkpoint, .inprogress, temporary file or lock', () => {
    const dir = fresh();
    const out = join(dir, 'big.ndjson');
    const r = underSizeLimit(16, ['sweep', '--scenarios', 'all', '--profiles', '1..5', '--runs', '40', '--block', '10', '--out', out, '--progress', 'none', '--workers', '2']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^imsim: --out ${out}: cannot write: file too large \\(EFBIG\\)$`, 'm'));
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a merge and a transcript exit 2 the same way, and leave nothing', () => {
    const dir = fresh();
    const merge = underSizeLimit(4, ['merge', part, '--out', join(dir, 'm.ndjson')]);
    expect(merge.code, merge.stderr).toBe(2);
    expect(merge.stderr).toMatch(/--out .*m\.ndjson\.inprogress: cannot write: file too large \(EFBIG\)|--out .*m\.ndjson: cannot write: file too large \(EFBIG\)/);
    const tabletop = underSizeLimit(2, [...TABLETOP, '--transcript', join(dir, 't.md')]);
    expect(tabletop.code, tabletop.stderr).toBe(2);
    expect(tabletop.stderr).toMatch(/--transcript .*t\.md: cannot write: file too large \(EFBIG\)/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('streams and locks', () => {
  it('--transcript /dev/stdout and - write the transcript to stdout (piped), nothing on disk', () => {
    for (const out of ['/dev/stdout', '-']) {
      const r = imsim([...TABLETOP, '--transcript', out]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^# After-action report: /m);
    }
  });

  it('a sweep or merge to "-" is refused: the format comes from the extension', () => {
    expect(imsim([...SWEEP, '--out', '-']).stderr).toMatch(/--out -: the extension decides the format/);
  });

  it('a merge into one of its parts under another name (a symbolic link) is refused', () => {
    const dir = fresh();
    symlinkSync(part, join(dir, 'alias.ndjson'));
    const r = imsim(['merge', part, '--out', join(dir, 'alias.ndjson')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/alias\.ndjson: is also one of the parts/);
  });

  it('a second sweep on the same --out while the first runs is refused naming the first; the first, interrupted, keeps its checkpoint and gives up its lock', async () => {
    const dir = fresh();
    const out = join(dir, 'big.ndjson');
    const first = spawn(process.execPath, [BIN, 'sweep', '--scenarios', 'all', '--profiles', '1..5', '--runs', '400000', '--out', out, '--progress', 'none', '--workers', '1'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    first.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number>((resolve) => first.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : -1))));
    try {
      // The lock appears once the first has checked its flags and files.
      for (let i = 0; i < 400 && !existsSync(`${out}.lock`); i++) await new Promise((r) => setTimeout(r, 50));
      expect(existsSync(`${out}.lock`), stderr).toBe(true);
      expect(readFileSync(`${out}.lock`, 'utf8')).toBe(`${first.pid}\n${hostname()}\n`);
      for (const args of [[...SWEEP, '--out', out], ['merge', part, '--out', out]]) {
        const second = imsim(args);
        expect(second.code).toBe(2);
        expect(second.stderr).toMatch(new RegExp(`--out ${out}: another imsim \\(process ${first.pid}\\) is writing this output: wait for it to finish, or remove ${out}\\.lock`));
      }
    } finally {
      first.kill('SIGTERM');
    }
    // Interrupted: it keeps its checkpoint for --resume, and gives up its lock.
    expect(await exited).toBe(130);
    expect(readdirSync(dir).sort()).toEqual(['big.ndjson.checkpoint', 'big.ndjson.inprogress']);
  });

  it('a lock left by a process that is gone (killed) is taken over with a note', () => {
    const dir = fresh();
    const out = join(dir, 't.md');
    // A pid that cannot be running: above the kernel's limit.
    writeFileSync(`${out}.lock`, `${2 ** 22 + 7}\n${hostname()}\n`);
    const r = imsim([...TABLETOP, '--transcript', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`imsim: took over the lock ${out}\\.lock: left by process ${2 ** 22 + 7}, which is no longer running`));
    expect(readdirSync(dir)).toEqual(['t.md']);
  });

  it('a lock held by a live process is respected, and the output is untouched', () => {
    const dir = fresh();
    const out = join(dir, 't.md');
    writeFileSync(out, 'theirs\n');
    // This test's own process is alive for sure.
    writeFileSync(`${out}.lock`, `${process.pid}\n${hostname()}\n`);
    const r = imsim([...TABLETOP, '--transcript', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`another imsim \\(process ${process.pid}\\) is writing this output`));
    expect(readFileSync(out, 'utf8')).toBe('theirs\n');
    expect(readdirSync(dir).sort()).toEqual(['t.md', 't.md.lock']);
  });
});
