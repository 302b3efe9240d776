// Merging sweep outputs: the shards of one sweep (`--shard i/N`, i = 0..N-1) into the
// output one unsharded run would have written, byte for byte. Parts are json or ndjson
// files (CSV has no state to merge). Every part must come from the same sweep (same
// identity) and each shard must be given exactly once. Shards are contiguous ranges of
// units, so reading them in shard order meets cells in sweep order; a cell cut between
// two shards is merged exactly (exact sums, integer sketches). Also turns one whole
// output into another format (`merge out.ndjson --out out.csv`).
import { closeSync, constants, createReadStream, fsyncSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Cell } from '../stats/index.js';
import { UserError, cannotWrite, commitTemp, createFresh, isSystemError, OutputLock, outputTarget, writeAll, type OutputTarget } from '../util/index.js';
import { inProgressPath } from './checkpoint.js';
import { cellFromState, cellState, formatOf, headerOf, recordOf, Renderer, stateProblem, type CellRecord, type Format, type Header } from './output.js';
import { FORMAT, Units, type Identity } from './spec.js';

interface Part {
  file: string;
  format: Format;
  header: Header;
}

/** The identity in a header, in the order identityOf writes it (so merged bytes match). */
function identityOfHeader(h: Header): Identity {
  return {
    format: h.format,
    seed: h.seed,
    runs: h.runs,
    block: h.block,
    calibration: h.calibration,
    scenarios: h.scenarios,
    scenarioHash: h.scenarioHash,
    profiles: h.profiles,
    ...(h.baseline ? { baseline: h.baseline } : {}),
  };
}

function bad(file: string, message: string): UserError {
  return new UserError([{ file, message }]);
}

async function* ndjsonLines(file: string): AsyncGenerator<[number, unknown]> {
  const rl = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  for await (const line of rl) {
    n++;
    if (line.trim() === '') continue;
    try {
      yield [n, JSON.parse(line)];
    } catch {
      throw new UserError([{ file, line: n, message: 'not a JSON line: is this a complete imsim sweep output?' }]);
    }
  }
}

function checkHeader(file: string, h: unknown): Header {
  const x = h as Header | undefined;
  if (!x || typeof x !== 'object' || !Array.isArray(x.scenarios) || !Array.isArray(x.profiles) || typeof x.seed !== 'number') {
    throw bad(file, 'not an imsim sweep output (no sweep header)');
  }
  if (x.format !== FORMAT) throw bad(file, `written in sweep format ${x.format}; this imsim reads format ${FORMAT}`);
  return x;
}

async function readHeader(file: string): Promise<Part> {
  try {
    if (!statSync(file).isFile()) throw new UserError([{ flag: 'PARTS', file, message: 'is not a file' }]);
  } catch (e) {
    if (e instanceof UserError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError([{ flag: 'PARTS', file, message: code === 'ENOENT' ? 'no such file' : `cannot read (${code})` }]);
  }
  const format = formatOf(file);
  if (format === 'csv') throw new UserError([{ flag: 'PARTS', file, message: 'CSV is a rendering without the state a merge needs: write shard outputs as .ndjson or .json' }]);
  if (!format) throw new UserError([{ flag: 'PARTS', file, message: 'expected a .ndjson or .json sweep output' }]);
  if (format === 'json') {
    const doc = readJson(file);
    return { file, format, header: checkHeader(file, doc.sweep) };
  }
  for await (const [, v] of ndjsonLines(file)) {
    const { type, ...header } = v as { type?: string };
    if (type !== 'header') throw bad(file, 'the first line is not a sweep header');
    return { file, format, header: checkHeader(file, header) };
  }
  throw bad(file, 'empty file');
}

function readJson(file: string): { sweep?: unknown; results?: unknown[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UserError([{ flag: 'PARTS', file, message: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `cannot read (${(e as Error).message})` }]);
  }
  try {
    return JSON.parse(text) as { sweep?: unknown; results?: unknown[] };
  } catch {
    throw bad(file, 'not valid JSON: is this a complete imsim sweep output?');
  }
}

async function* cellsOf(part: Part): AsyncGenerator<CellRecord> {
  const check = (v: unknown, where: string): CellRecord => {
    const c = v as CellRecord;
    if (!c || typeof c.scenario !== 'string' || typeof c.profile !== 'string' || !c.state || typeof c.state !== 'object') {
      throw bad(part.file, `${where}: not a sweep cell`);
    }
    const wrong = stateProblem(c.state, part.header.baseline !== undefined);
    if (wrong) throw bad(part.file, `${where}: cell ${c.scenario} at ${c.profile} ${wrong}: the file is damaged`);
    return recordOf(c);
  };
  if (part.format === 'json') {
    const doc = readJson(part.file);
    for (const [i, v] of (doc.results ?? []).entries()) yield check(v, `results.${i}`);
    return;
  }
  let first = true;
  for await (const [n, v] of ndjsonLines(part.file)) {
    if (first) {
      first = false;
      continue; // the header
    }
    yield check(v, `line ${n}`);
  }
}

export interface MergeOutcome {
  parts: number;
  cells: number;
  header: Header;
}

/**
 * Merges `files` into `out`: a file (a symbolic link followed) written whole under its
 * lock, or a device written directly. `note` hears of a stale lock taken over.
 */
export async function mergeParts(files: readonly string[], out: string, note: (text: string) => void = () => {}): Promise<MergeOutcome> {
  const format = formatOf(out);
  if (!format) throw new UserError([{ flag: '--out', file: out, message: 'the extension decides the format: .ndjson, .json or .csv' }]);
  const target = outputTarget(out, '--out', { streams: true });
  const lock = target.kind === 'file' ? OutputLock.acquire(target, note) : undefined;
  try {
    return await mergeLocked(files, target, format);
  } finally {
    lock?.release();
  }
}

async function mergeLocked(files: readonly string[], target: OutputTarget, format: Format): Promise<MergeOutcome> {
  const parts: Part[] = [];
  for (const f of files) parts.push(await readHeader(f));

  // One sweep, every shard exactly once.
  const identity = identityOfHeader(parts[0]!.header);
  const key = JSON.stringify(identity);
  for (const p of parts.slice(1)) {
    if (JSON.stringify(identityOfHeader(p.header)) !== key) {
      const other = identityOfHeader(p.header);
      const keys = new Set([...Object.keys(identity), ...Object.keys(other)] as (keyof Identity)[]);
      const field = [...keys].find((k) => JSON.stringify(identity[k]) !== JSON.stringify(other[k]));
      throw new UserError([{ flag: 'PARTS', file: p.file, message: `comes from a different sweep than ${parts[0]!.file} (its ${field} differs)` }]);
    }
  }
  const count = parts[0]!.header.shard?.count ?? 1;
  const byIndex = new Map<number, Part>();
  for (const p of parts) {
    const s = p.header.shard ?? { index: 0, count: 1 };
    if (s.count !== count) throw new UserError([{ flag: 'PARTS', file: p.file, message: `is shard ${s.index}/${s.count}, but ${parts[0]!.file} is one of ${count}` }]);
    const twice = byIndex.get(s.index);
    if (twice) throw new UserError([{ flag: 'PARTS', file: p.file, message: `shard ${s.index}/${count} is also given as ${twice.file}: it would count twice` }]);
    byIndex.set(s.index, p);
  }
  const missing = [...Array(count).keys()].filter((i) => !byIndex.has(i));
  if (missing.length) {
    throw new UserError([{ flag: 'PARTS', message: `shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} missing: a merge needs all ${count}` }]);
  }

  // Names are rendering, not identity: the first part's stand for all.
  const header = headerOf(identity, undefined, parts[0]!.header.names);
  const renderer = new Renderer(format, header);
  const scenarioIndex = new Map(identity.scenarios.map((s, i) => [s, i]));
  const profileIndex = new Map(identity.profiles.map((p, i) => [p, i]));
  // A file is written beside itself and renamed into place; a device (or this process's
  // stdout) is written directly, never replaced.
  const direct = target.kind === 'stream';
  const tmp = direct ? target.path : inProgressPath(target.path);
  // A folder the user cannot write to is their mistake, not ours: name it, exit 2.
  let fd: number;
  try {
    fd = target.fd ?? (direct ? openSync(tmp, constants.O_WRONLY | constants.O_NOCTTY) : createFresh(tmp));
  } catch (e) {
    throw cannotWrite('--out', direct ? target.given : tmp, e);
  }
  const writeSync = (fd: number, text: string) => writeAll(fd, text);
  let cells = 0;
  let lastIndex = -1;
  try {
    writeSync(fd, renderer.head());
    let pending: { record: CellRecord; cell: Cell; index: number } | undefined;
    const emit = () => {
      if (!pending) return;
      const n = pending.cell.metrics.get(pending.cell.names[0]!)!.n;
      if (n !== identity.runs) {
        throw new UserError([{ flag: 'PARTS', message: `${pending.record.scenario} at profile ${pending.record.profile} has ${n} of ${identity.runs} runs: a part is incomplete` }]);
      }
      writeSync(fd, renderer.cell({ ...pending.record, state: cellState(pending.cell) }, cells++, pending.cell));
      pending = undefined;
    };
    for (let i = 0; i < count; i++) {
      const part = byIndex.get(i)!;
      // The cells this shard must hold follow from the header alone, so a part cut short
      // (even on a line boundary) is named here rather than as a gap in the whole merge.
      const units = new Units(identity.runs, identity.block, identity.scenarios.length, identity.profiles.length, { index: i, count });
      const [c0, c1] = units.cellRange();
      const cut = (had: number) =>
        bad(part.file, `holds ${had} of the ${c1 - c0} cells of shard ${i}/${count}: the file is incomplete (cut short?); rerun that shard`);
      let had = 0;
      for await (const r of cellsOf(part)) {
        const s = scenarioIndex.get(r.scenario);
        const p = profileIndex.get(r.profile);
        if (s === undefined || p === undefined) throw bad(part.file, `cell ${r.scenario} at ${r.profile} is not part of this sweep`);
        const index = s * identity.profiles.length + p;
        if (index !== c0 + had) {
          if (index > c0 + had && index < c1) throw cut(had);
          throw bad(part.file, `cell ${r.scenario} at ${r.profile} is out of order, repeated or not in shard ${i}/${count}`);
        }
        had++;
        const [u0, u1] = units.unitsOf(index);
        let want = 0;
        for (let u = u0; u < u1; u++) want += units.size(u);
        const n = cellFromState(r.state);
        const got = n.metrics.get(n.names[0]!)?.n;
        if (got !== want) throw bad(part.file, `cell ${r.scenario} at ${r.profile} has ${got} runs where shard ${i}/${count} has ${want}: the file is damaged`);
        if (pending && index === pending.index) {
          pending.cell.merge(n);
          continue;
        }
        if (index <= lastIndex) throw bad(part.file, `cell ${r.scenario} at ${r.profile} is out of order or repeated`);
        emit();
        pending = { record: r, cell: n, index };
        lastIndex = index;
      }
      if (had !== c1 - c0) throw cut(had);
    }
    emit();
    const expected = identity.scenarios.length * identity.profiles.length;
    if (cells !== expected) throw new UserError([{ flag: 'PARTS', message: `the parts hold ${cells} of the sweep's ${expected} cells: a part is incomplete` }]);
    writeSync(fd, renderer.tail(cells));
    if (!direct) {
      fsyncSync(fd);
      closeSync(fd);
      commitTemp(tmp, target.path);
    } else if (target.fd === undefined) closeSync(fd);
  } catch (e) {
    if (!direct) {
      try {
        closeSync(fd);
      } catch {
        // closed before the rename failed
      }
      rmSync(tmp, { force: true });
    } else if (target.fd === undefined) closeSync(fd);
    throw isSystemError(e) ? cannotWrite('--out', target.given, e) : e;
  }
  return { parts: parts.length, cells, header };
}
