// Running a sweep: units to a piscina pool of worker threads, their summaries merged
// into open cells, finished cells streamed in order into OUT.inprogress, a checkpoint
// every few seconds, and at the end the in-progress file renamed to OUT. Memory holds
// only the cells still open (a few, as units are handed out cell by cell), so it grows
// neither with runs nor with the grid.
import { closeSync, existsSync, fsyncSync, openSync, rmSync, statSync, truncateSync } from 'node:fs';
import { Piscina } from 'piscina';
import { Parameters } from '../calibration/index.js';
import { metricsFor } from '../stats/index.js';
import { Accumulator } from './accumulator.js';
import { UserError, cannotWrite, commitTemp, createFresh, isSystemError, OutputLock, outputTarget, removeStaleTemps, writeAll, writeAtomic } from '../util/index.js';
import { CHECKPOINT_TYPE, checkpointPath, inProgressPath, readCheckpoint, type Checkpoint } from './checkpoint.js';
import { cellFromState, cellRecord, cellState, formatOf, headerOf, Renderer, type Format, type Header } from './output.js';
import type { ProgressSink, ProgressState } from './progress.js';
import { identityOf, Units, type SweepSpec } from './spec.js';
import type { UnitResult, WorkerInit } from './worker.js';

export interface SweepRun extends SweepSpec {
  out: string;
  workers: number;
  resume: boolean;
  /** Milliseconds between checkpoints. */
  checkpointEvery: number;
  progress: ProgressSink;
  /** A remark for the user (stderr): a resume found nothing to resume, and so on. */
  note(text: string): void;
  /** Aborting stops handing out units; the sweep checkpoints what is done and returns. */
  signal?: AbortSignal;
}

export interface SweepOutcome {
  /** Lifecycles in this sweep (or shard) and how many a resume found done. */
  lifecycles: number;
  resumed: number;
  cells: number;
  elapsedMs: number;
  /** Worker threads started: no more than the units to run (none when a resume found everything done). */
  threads: number;
  /** True when stopped by the signal before the end; the checkpoint holds the work done. */
  interrupted: boolean;
}

/** Which flag to blame when a checkpoint belongs to a different sweep. */
const FLAG_OF: Record<string, string> = {
  seed: '--seed',
  runs: '--runs',
  block: '--block',
  calibration: '--calibration',
  scenarios: '--scenarios',
  scenarioHash: '--scenarios',
  profiles: '--profiles',
  shard: '--shard',
  format: '--out',
  sketchAccuracy: '--resume',
  baseline: '--baseline',
  names: '--profiles',
};

function headerDiff(a: Header, b: Header): string | undefined {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    if (JSON.stringify((a as unknown as Record<string, unknown>)[k]) !== JSON.stringify((b as unknown as Record<string, unknown>)[k])) return k;
  }
  return undefined;
}

interface OpenState {
  acc: Accumulator;
  done: Set<number>;
}

/**
 * Runs a sweep into `o.out` (a symbolic link is followed; its in-progress file and
 * checkpoint sit beside the file it points to), holding the output's lock throughout.
 */
export async function runSweep(o: SweepRun): Promise<SweepOutcome> {
  const target = outputTarget(o.out, '--out');
  const lock = OutputLock.acquire(target, o.note);
  try {
    return await sweepLocked(o, target.path);
  } finally {
    lock.release();
  }
}

async function sweepLocked(o: SweepRun, outPath: string): Promise<SweepOutcome> {
  const started = performance.now();
  const format = formatOf(o.out) as Format;
  const units = new Units(o.runs, o.block, o.scenarios.length, o.profiles.length, o.shard);
  const header = headerOf(identityOf(o), o.shard, o.names);
  const renderer = new Renderer(format, header);
  // "Do not skip levels" allows `model.foundationLead`, a world parameter: the same at every profile.
  const lead = new Parameters(o.calibration, o.profiles[0]!).value('model.foundationLead');
  const tmp = inProgressPath(outPath);
  const ckpt = checkpointPath(outPath);
  const [c0, c1] = units.cellRange();

  let written = 0;
  let bytes = 0;
  const open = new Map<number, OpenState>();
  /** An empty accumulator for a cell: its scenario's metrics, paired when the sweep has a baseline. */
  const accumulatorOf = (cell: number) => new Accumulator(metricsFor(o.scenarios[units.scenarioOf(cell)]!), o.baseline !== undefined);

  if (existsSync(ckpt)) {
    if (!o.resume) {
      throw new UserError([{ flag: '--resume', file: ckpt, message: 'an interrupted sweep left this checkpoint: add --resume to finish it, or delete it to start over' }]);
    }
    const cp = readCheckpoint(ckpt);
    const diff = headerDiff(cp.header, header) ?? (cp.format !== format ? 'format' : undefined);
    if (diff) {
      const was = diff === 'format' ? cp.format : JSON.stringify((cp.header as unknown as Record<string, unknown>)[diff]) ?? 'none';
      throw new UserError([
        {
          flag: FLAG_OF[diff] ?? '--resume',
          file: ckpt,
          message: `the checkpoint belongs to a sweep with a different ${diff} (${was.length > 60 ? `${was.slice(0, 57)}...` : was}); resume with the flags it was started with, or delete it to start over`,
        },
      ]);
    }
    let size = -1;
    try {
      size = statSync(tmp).size;
    } catch {
      size = -1;
    }
    if (size < cp.bytes) {
      throw new UserError([{ flag: '--resume', file: tmp, message: `${size < 0 ? 'is missing' : 'is shorter than the checkpoint says'}; delete ${ckpt} to start over` }]);
    }
    // Cells written after the last checkpoint are cut off; their units are run again.
    truncateSync(tmp, cp.bytes);
    written = cp.written;
    bytes = cp.bytes;
    for (const c of cp.open) {
      const acc = accumulatorOf(c.cell);
      acc.addCell(cellFromState(c.state));
      open.set(c.cell, { acc, done: new Set(c.units) });
    }
  } else {
    if (o.resume) o.note(`no checkpoint at ${ckpt}: starting from the beginning`);
    const head = renderer.head();
    let fd: number;
    try {
      fd = createFresh(tmp);
    } catch (e) {
      throw cannotWrite('--out', tmp, e);
    }
    try {
      writeAll(fd, head);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw cannotWrite('--out', tmp, e);
    } finally {
      closeSync(fd);
    }
    bytes = Buffer.byteLength(head);
  }

  // The units still to run, cell by cell.
  const pending: number[] = [];
  let resumed = 0;
  for (let c = c0; c < c1; c++) {
    const [u0, u1] = units.unitsOf(c);
    const done = c < c0 + written ? undefined : open.get(c)?.done;
    for (let u = u0; u < u1; u++) {
      if (c < c0 + written || done?.has(u)) resumed += units.size(u);
      else pending.push(u);
    }
  }
  const total = units.lifecycles();
  const state: ProgressState = { done: resumed, total, atStart: resumed, elapsedMs: 0, seed: o.seed };
  const fd = openSync(tmp, 'a');
  let dirty = false;

  const unitsIn = (c: number) => {
    const [u0, u1] = units.unitsOf(c);
    return u1 - u0;
  };

  /** Appends every finished cell that is next in order. */
  const flush = () => {
    for (let c = c0 + written; c < c1; c = c0 + written) {
      const s = open.get(c);
      if (!s || s.done.size < unitsIn(c)) break;
      const cell = s.acc.toCell();
      const text = renderer.cell(cellRecord(o.scenarios[units.scenarioOf(c)]!.id, o.profiles[units.profileOf(c)]!, lead, cell), written, cell);
      writeAll(fd, text);
      bytes += Buffer.byteLength(text);
      written++;
      open.delete(c);
    }
  };

  const checkpoint = () => {
    fsyncSync(fd);
    const cp: Checkpoint = {
      type: CHECKPOINT_TYPE,
      header,
      format,
      written,
      bytes,
      open: [...open].map(([cell, s]) => ({ cell, units: [...s.done].sort((a, b) => a - b), state: cellState(s.acc.toCell()) })),
    };
    writeAtomic(ckpt, JSON.stringify(cp));
    dirty = false;
  };

  const accept = (r: UnitResult) => {
    const c = units.cellOf(r.unit);
    let s = open.get(c);
    if (!s) open.set(c, (s = { acc: accumulatorOf(c), done: new Set() }));
    if (s.done.has(r.unit)) throw new Error(`sweep: unit ${r.unit} came back twice`);
    s.acc.addPacked(r.stats);
    s.done.add(r.unit);
    state.done += units.size(r.unit);
    dirty = true;
    flush();
  };

  let interrupted = false;
  let failure: unknown;
  const threads = Math.max(1, Math.min(o.workers, pending.length));
  const init: WorkerInit = { calibration: o.calibration, scenarios: [...o.scenarios], profiles: [...o.profiles], seed: o.seed, runs: o.runs, block: o.block, ...(o.baseline ? { baseline: o.baseline } : {}) };
  const pool =
    pending.length > 0
      ? new Piscina({
          filename: new URL('./worker.js', import.meta.url).href,
          minThreads: threads,
          maxThreads: threads,
          idleTimeout: 60_000,
          workerData: init,
          // A lifecycle's garbage dies young; a 16 MB young generation per worker (V8's
          // default is larger) keeps peak RSS of a 2-worker sweep near 200 MB, not 260.
          resourceLimits: { maxYoungGenerationSizeMb: 16 },
        })
      : undefined;
  const timer = setInterval(() => {
    if (!dirty || failure !== undefined) return;
    try {
      checkpoint();
    } catch (e) {
      failure = e; // a disk that stopped taking writes: stop, as for any other failure
    }
  }, o.checkpointEvery);
  const onAbort = () => (interrupted = true);
  o.signal?.addEventListener('abort', onAbort);

  try {
    if (pool) {
      // Units go out in order, a few per thread at a time: the open cells stay few, and an
      // interruption leaves little in flight.
      await new Promise<void>((resolve) => {
        let next = 0;
        let inFlight = 0;
        const pump = () => {
          while (!interrupted && failure === undefined && inFlight < threads * 2 && next < pending.length) {
            const unit = pending[next++]!;
            inFlight++;
            pool.run(unit).then(
              (r: UnitResult) => {
                inFlight--;
                if (failure === undefined) {
                  try {
                    accept(r);
                  } catch (e) {
                    failure = e;
                  }
                }
                state.elapsedMs = performance.now() - started;
                o.progress.update(state);
                pump();
              },
              (e: unknown) => {
                inFlight--;
                failure ??= e;
                pump();
              },
            );
          }
          if (inFlight === 0 && (next >= pending.length || interrupted || failure !== undefined)) resolve();
        };
        pump();
      });
    }
  } finally {
    clearInterval(timer);
    o.signal?.removeEventListener('abort', onAbort);
    await pool?.destroy();
  }
  state.elapsedMs = performance.now() - started;
  o.progress.end(state);

  if (failure !== undefined) {
    // A failure (a bug, or a disk that stopped taking writes) is not an interruption: a
    // resume would meet it again, so nothing is kept for one. Only a kill leaves files.
    closeSync(fd);
    rmSync(tmp, { force: true });
    rmSync(ckpt, { force: true });
    removeStaleTemps(ckpt);
    throw isSystemError(failure) ? cannotWrite('--out', o.out, failure) : failure;
  }
  try {
    if (written !== c1 - c0) {
      // Interrupted: keep what is done for --resume.
      checkpoint();
      closeSync(fd);
      return { lifecycles: total, resumed, cells: c1 - c0, elapsedMs: state.elapsedMs, threads: pool ? threads : 0, interrupted: true };
    }
    writeAll(fd, renderer.tail(written));
    fsyncSync(fd);
    closeSync(fd);
    // The checkpoint goes before the rename: a kill between the two then leaves a finished
    // in-progress file and no checkpoint, which a rerun simply redoes. The other order left
    // a finished OUT beside a checkpoint whose in-progress file was gone, and both a rerun
    // and --resume refused it.
    rmSync(ckpt, { force: true });
    removeStaleTemps(ckpt);
    commitTemp(tmp, outPath);
  } catch (e) {
    // The disk refused the last writes: the user's to fix, and nothing half-written stays.
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    rmSync(tmp, { force: true });
    rmSync(ckpt, { force: true });
    removeStaleTemps(ckpt);
    throw isSystemError(e) ? cannotWrite('--out', o.out, e) : e;
  }
  return { lifecycles: total, resumed, cells: c1 - c0, elapsedMs: state.elapsedMs, threads: pool ? threads : 0, interrupted: false };
}
