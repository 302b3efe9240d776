// `imsim sweep --years N`: an organization's years as the sweep's unit. Variants of the
// organization (every combination of the --set values) x its profiles x N years, on
// every core, checkpointed, resumable, shardable; `imsim merge` combines the parts.
import { availableParallelism } from 'node:os';
import { yearCsv } from '../../report/year.js';
import { DEFAULT_YEAR_BLOCK, parseShard, runYearSweep, seconds, setGrid, type YearVariant } from '../../sweep/index.js';
import { UserError } from '../../util/index.js';
import { intArg, seedArg } from '../inputs.js';
import { loadCalibration } from '../load.js';
import { loadOrganization } from '../org.js';
import type { Out } from '../output.js';
import { outArg, type SweepOpts } from './sweep.js';
import { orgProfilesArg } from './year.js';

export async function runYearSweepCommand(out: Out, opts: SweepOpts): Promise<number> {
  outArg(opts.out, false);
  const years = intArg(opts.years!, '--years', 1, 10_000_000);
  const seed = seedArg(opts.seed);
  const workers = opts.workers === undefined ? availableParallelism() : intArg(opts.workers, '--workers', 1, 1024);
  const block = opts.block === undefined ? DEFAULT_YEAR_BLOCK : intArg(opts.block, '--block', 1, 1_000_000);
  const every = Number(opts.checkpointEvery);
  if (!(every >= 0.05 && every <= 3600)) throw new UserError([{ flag: '--checkpoint-every', message: `expected seconds between 0.05 and 3600, got "${opts.checkpointEvery}"` }]);
  if (opts.scenarios !== 'all') throw new UserError([{ flag: '--scenarios', message: 'a sweep of years runs the scenarios its organization names: leave --scenarios out' }]);
  if (opts.baseline !== undefined) throw new UserError([{ flag: '--baseline', message: 'a sweep of years pairs every profile with the organization\'s first profile already: leave --baseline out' }]);
  if (!['auto', 'bar', 'lines', 'none'].includes(opts.progress)) throw new UserError([{ flag: '--progress', message: `expected auto, bar, lines or none, got "${opts.progress}"` }]);
  const shard = opts.shard === undefined ? undefined : parseShard(opts.shard);
  if (typeof shard === 'string') throw new UserError([{ flag: '--shard', message: shard }]);
  if (shard && opts.out.endsWith('.csv')) throw new UserError([{ flag: '--out', message: 'a shard writes a mergeable part: .json or .ndjson (merge the parts into .csv)' }]);
  const grid = setGrid(opts.set ?? []);
  if (typeof grid === 'string') throw new UserError([{ flag: '--set', message: grid }]);
  const calibration = loadCalibration(opts.calibration);
  const variants: YearVariant[] = grid.map((sets) => ({ sets, org: loadOrganization(opts.org, calibration, { flag: '--org', sets }) }));
  const org = variants[0]!.org;
  const profiles = orgProfilesArg(org, opts.profiles);
  // Lines on stderr in every mode but none (a year sweep has no bar of its own).
  const lines = opts.progress !== 'none';
  const started = performance.now();
  let last = -Infinity;
  const progress = (done: number, total: number) => {
    const ms = performance.now() - started;
    if (!lines || (ms - last < 5000 && done < total)) return;
    last = ms;
    const rate = done / (ms / 1000);
    process.stderr.write(`sweep: ${done}/${total} units of ${block} years, ${rate.toFixed(1)} units/s, ETA ${seconds((total - done) / Math.max(rate, 1e-9))}, seed ${seed}\n`);
  };
  const abort = new AbortController();
  const stop = () => abort.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const r = await runYearSweep({
      variants,
      profiles,
      calibration,
      seed,
      years,
      block,
      ...(shard ? { shard } : {}),
      out: opts.out,
      csv: yearCsv,
      workers,
      resume: Boolean(opts.resume),
      checkpointEvery: Math.round(every * 1000),
      progress,
      note: (t) => void process.stderr.write(`imsim: ${t}\n`),
      signal: abort.signal,
    });
    if (r.interrupted) {
      process.stderr.write('imsim: sweep interrupted; the work done is kept: run the same command with --resume to finish it\n');
      return 130;
    }
    out.write(
      `imsim sweep: ${org.name}, ${variants.length} variant${variants.length === 1 ? '' : 's'} x ${profiles.length} profiles x ${years.toLocaleString('en-US')} years${shard ? `, shard ${shard.index}/${shard.count}` : ''}, seed ${seed}: ` +
        `${r.units} units${r.resumed ? ` (${r.resumed} found done, resumed)` : ''} on ${r.threads} worker${r.threads === 1 ? '' : 's'}; wrote ${opts.out}\n`,
    );
    return 0;
  } finally {
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
  }
}
