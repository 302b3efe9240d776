// Years on every core: blocks of years handed to a piscina pool of worker threads
// (year-worker.ts), each block's figures added to one accumulator as it comes back.
// Exact sums and integer sketches make the order of arrival irrelevant, so the result is
// the same byte for byte whatever the worker count, the block size or the shard split.
import { Piscina } from 'piscina';
import type { Calibration } from '../calibration/index.js';
import type { Profile } from '../model/index.js';
import type { Organization } from '../org/index.js';
import { ExperimentAccumulator } from '../experiment/index.js';
import { addYears, type YearAccumulator } from '../year/index.js';
import type { YearWorkerInit } from './year-worker.js';

export interface YearPoolRun {
  org: Organization;
  calibration: Calibration;
  profiles: { name: string; profile: Profile }[];
  seed: number;
  /** Figures per year and profile (the layout's size). */
  k: number;
  /** Years [first, end): all of them, or a shard's. */
  first: number;
  end: number;
  workers: number;
  /** Years per task (default: enough tasks to keep every worker busy and progress moving). */
  block?: number;
  /** Figures of the year's vector to keep year by year (for pairings made afterwards: the advisor's). */
  keep?: readonly number[];
  /** After each block: years done so far in this run, and the accumulator (read-only). */
  progress?: (done: number, acc: YearAccumulator) => void;
  signal?: AbortSignal;
}

/** Years per task: at most 10, and at least 8 tasks per worker when there are enough years. */
export function yearBlock(years: number, workers: number): number {
  return Math.max(1, Math.min(10, Math.floor(years / (workers * 8))));
}

export async function runYearPool(o: YearPoolRun): Promise<YearAccumulator> {
  const acc = new ExperimentAccumulator(o.profiles.length, o.k, o.keep ? { figures: o.keep, replications: o.end } : undefined);
  const years = o.end - o.first;
  if (years <= 0) return acc;
  const block = o.block ?? yearBlock(years, o.workers);
  const blocks: { first: number; end: number }[] = [];
  for (let y = o.first; y < o.end; y += block) blocks.push({ first: y, end: Math.min(o.end, y + block) });
  const threads = Math.max(1, Math.min(o.workers, blocks.length));
  let done = 0;
  await runBlocks(
    { orgs: [o.org], calibration: o.calibration, profiles: o.profiles, seed: o.seed },
    threads,
    blocks,
    (b, figures) => {
      addYears(acc, figures, b.first);
      done += b.end - b.first;
      o.progress?.(done, acc);
    },
    o.signal,
  );
  return acc;
}

/** A block of years for a worker: years [first, end) of variant `variant` (0 for a plain year run). */
export interface YearBlock {
  variant?: number;
  first: number;
  end: number;
}

/**
 * Runs blocks on a pool of `threads` year workers, a few per thread at a time (an
 * interruption leaves little in flight), calling `accept` with each block's figures as it
 * comes back. Stops handing out blocks when `signal` aborts; rejects on a worker's error.
 */
export async function runBlocks<B extends YearBlock>(init: YearWorkerInit, threads: number, blocks: readonly B[], accept: (b: B, figures: Float64Array) => void, signal?: AbortSignal): Promise<void> {
  const pool = new Piscina({
    filename: new URL('./year-worker.js', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 60_000,
    workerData: init,
    // V8's default heap sizes: larger young generations (measured at 96 and 128 MB on the
    // example organization, 300 years at 2 profiles) saved no CPU beyond the noise of a
    // shared machine and cost up to 230 MB more peak RSS.
  });
  try {
    await new Promise<void>((resolve, reject) => {
      let next = 0;
      let inFlight = 0;
      let failed = false;
      const pump = () => {
        while (!failed && !signal?.aborted && inFlight < threads * 2 && next < blocks.length) {
          const b = blocks[next++]!;
          inFlight++;
          pool.run(b).then(
            (figures: Float64Array) => {
              inFlight--;
              try {
                accept(b, figures);
              } catch (e) {
                failed = true;
                return reject(e);
              }
              pump();
            },
            (e: unknown) => {
              inFlight--;
              failed = true;
              reject(e);
            },
          );
        }
        if (inFlight === 0 && !failed && (next >= blocks.length || signal?.aborted)) resolve();
      };
      pump();
    });
  } finally {
    await pool.destroy();
  }
}
