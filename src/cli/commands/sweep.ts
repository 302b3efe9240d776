import { realpathSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { DEFAULT_BLOCK, formatOf, mergeParts, mergeYearSweeps, noProgress, readYearSweep, parseShard, PlainProgress, runSweep, type ProgressSink } from '../../sweep/index.js';
import { UserError, outputTarget, type OutputTarget } from '../../util/index.js';
import { choiceLabel, intArg, seedArg, namedProfileArg, namedProfileListArg, namesOf } from '../inputs.js';
import { yearCsv } from '../../report/year.js';
import { builtinIds, loadCalibration, loadScenarios } from '../load.js';
import { orgProfileNames } from '../org.js';
import type { Out } from '../output.js';

export interface SweepOpts {
  scenarios: string;
  profiles?: string;
  years?: string;
  set?: string[];
  runs: string;
  seed: string;
  out: string;
  workers?: string;
  shard?: string;
  resume?: boolean;
  calibration?: string;
  block?: string;
  baseline?: string;
  checkpointEvery: string;
  progress: string;
  org?: string;
}

function scenariosArg(text: string): string[] {
  const t = text.trim();
  if (t === 'all') return builtinIds();
  const ids = t.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (ids.length === 0) throw new UserError([{ flag: '--scenarios', message: 'no scenario given: write "all" or ids separated by commas' }]);
  return ids;
}

/**
 * An output path with a format, that can be written as the command needs (util/files.ts):
 * a sweep writes a file it can resume; a merge may also write to a device.
 */
export function outArg(file: string, streams: boolean, flag = '--out'): OutputTarget {
  if (!formatOf(file)) throw new UserError([{ flag, file, message: 'the extension decides the format: .ndjson, .json or .csv' }]);
  return outputTarget(file, flag, { streams });
}

const note = (t: string) => void process.stderr.write(`imsim: ${t}\n`);

const int = (n: number) => n.toLocaleString('en-US');
/** `1 run`, `2 runs`, `1,000 runs`. */
const count = (n: number, noun: string) => `${int(n)} ${noun}${n === 1 ? '' : 's'}`;

export async function runSweepCommand(out: Out, opts: SweepOpts): Promise<number> {
  if (opts.years !== undefined) return (await import('./year-sweep.js')).runYearSweepCommand(out, opts);
  if (opts.set) throw new UserError([{ flag: '--set', message: 'varies an organization file: give --years N (and --org FILE) for a sweep of years' }]);
  // Flags first (cheap, and each failure names its flag), then the files they name.
  outArg(opts.out, false);
  const runs = intArg(opts.runs, '--runs', 1, 1_000_000_000);
  const seed = seedArg(opts.seed);
  const workers = opts.workers === undefined ? availableParallelism() : intArg(opts.workers, '--workers', 1, 1024);
  const block = opts.block === undefined ? DEFAULT_BLOCK : intArg(opts.block, '--block', 1, 10_000_000);
  const checkpointEvery = Number(opts.checkpointEvery);
  if (!/^\s*\d+(\.\d+)?\s*$/.test(opts.checkpointEvery) || checkpointEvery < 0.05 || checkpointEvery > 3600) {
    throw new UserError([{ flag: '--checkpoint-every', message: `expected seconds between 0.05 and 3600, got "${opts.checkpointEvery}"` }]);
  }
  let shard;
  if (opts.shard !== undefined) {
    const s = parseShard(opts.shard);
    if (typeof s === 'string') throw new UserError([{ flag: '--shard', message: s }]);
    shard = s;
  }
  if (!['auto', 'bar', 'lines', 'none'].includes(opts.progress)) {
    throw new UserError([{ flag: '--progress', message: `expected auto, bar, lines or none, got "${opts.progress}"` }]);
  }
  const orgNames = orgProfileNames(opts.org, opts.calibration);
  const baselineChoice = opts.baseline === undefined ? undefined : namedProfileArg(opts.baseline, '--baseline', orgNames);
  const baseline = baselineChoice?.profile;
  const ids = scenariosArg(opts.scenarios);
  const choices = namedProfileListArg(opts.profiles ?? '1..5', '--profiles', orgNames, note);
  const profiles = choices.map((c) => c.profile);
  // The baseline's name joins the others' (the output's header keeps them, by levels).
  const names = namesOf(baselineChoice ? [...choices, baselineChoice] : choices);
  const calibration = loadCalibration(opts.calibration);
  let scenarios;
  try {
    scenarios = loadScenarios(ids, calibration);
  } catch (e) {
    if (e instanceof UserError) throw new UserError(e.problems.map((p) => (p.flag === 'SCENARIO' ? { ...p, flag: '--scenarios' } : p)));
    throw e;
  }

  const interactive = process.stderr.isTTY && !process.env.CI;
  const mode = opts.progress === 'auto' ? (interactive ? 'bar' : 'lines') : opts.progress;
  const color = interactive && !('NO_COLOR' in process.env && process.env.NO_COLOR !== '') && process.env.TERM !== 'dumb';
  const against = baselineChoice ? `, paired with ${choiceLabel(baselineChoice, calibration)}` : '';
  const label = `imsim sweep: ${count(scenarios.length, 'scenario')} x ${count(profiles.length, 'profile')} x ${count(runs, 'run')}${against}${shard ? `, shard ${shard.index}/${shard.count}` : ''}`;
  let progress: ProgressSink = noProgress;
  if (mode === 'bar') {
    // Ink and React load only here, on a terminal.
    const { inkProgress } = await import('../../tui/sweep-progress.js');
    progress = inkProgress(process.stderr, color, label);
  } else if (mode === 'lines') {
    progress = new PlainProgress((t) => void process.stderr.write(t));
  }

  // Ctrl-C (or a SIGTERM from a scheduler) stops handing out work; what is done is kept.
  const abort = new AbortController();
  const stop = () => abort.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const r = await runSweep({
      scenarios,
      profiles,
      runs,
      seed,
      block,
      calibration,
      ...(shard ? { shard } : {}),
      ...(baseline ? { baseline } : {}),
      names,
      out: opts.out,
      workers,
      resume: Boolean(opts.resume),
      checkpointEvery: Math.round(checkpointEvery * 1000),
      progress,
      note,
      signal: abort.signal,
    });
    const secs = (r.elapsedMs / 1000).toFixed(1);
    if (r.interrupted) {
      process.stderr.write(`imsim: sweep interrupted after ${secs} s; the work done is kept: run the same command with --resume to finish it\n`);
      return 130;
    }
    const ran = r.lifecycles - r.resumed;
    out.write(
      `${label}, seed ${seed}: ${count(r.lifecycles, 'lifecycle')} in ${count(r.cells, 'cell')}${r.resumed ? ` (${int(r.resumed)} found done, resumed)` : ''}; ` +
        `${int(ran)} run in ${secs} s on ${count(r.threads, 'worker')}${r.elapsedMs > 0 && ran > 0 ? ` (${int(Math.round((ran * 1000) / r.elapsedMs))}/s)` : ''}; wrote ${opts.out}\n`,
    );
    return 0;
  } finally {
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
  }
}

function realOrSelf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}

export interface MergeOpts {
  out: string;
}

export async function runMergeCommand(out: Out, parts: string[], opts: MergeOpts): Promise<number> {
  // Parts of `imsim year --shard` merge into the year's result; of a year sweep, into the sweep's.
  const year = await import('./year.js');
  const kind = parts.length === 0 ? 'sweep' : year.isYearPart(parts[0]!) ? 'year' : readYearSweep(parts[0]!) ? 'year sweep' : 'sweep';
  const target = kind === 'year' ? outputTarget(opts.out, '--out', { streams: true }) : outArg(opts.out, true);
  // The same file under another name (a link, a relative path) is the same file.
  const same = parts.find((p) => p === opts.out || (target.kind === 'file' && realOrSelf(p) === realOrSelf(target.path)));
  if (same !== undefined) throw new UserError([{ flag: '--out', file: opts.out, message: `is also one of the parts${same === opts.out ? '' : ` (${same})`}: write the merge to a new file` }]);
  if (kind === 'year') {
    const r = year.mergeYearParts(parts, opts.out);
    out.write(`imsim merge: ${parts.length} year part${parts.length === 1 ? '' : 's'}, ${r.years} years, seed ${r.seed}; wrote ${opts.out}\n`);
    return 0;
  }
  if (kind === 'year sweep') {
    const r = mergeYearSweeps(parts, opts.out, yearCsv, note);
    out.write(`imsim merge: ${parts.length} year sweep part${parts.length === 1 ? '' : 's'}, ${r.variants.length} variants x ${r.identity.profiles.length} profiles x ${int(r.identity.years)} years, seed ${r.identity.seed}; wrote ${opts.out}\n`);
    return 0;
  }
  const r = await mergeParts(parts, opts.out, note);
  out.write(`imsim merge: ${r.parts} part${r.parts === 1 ? '' : 's'}, ${r.cells} cells, seed ${r.header.seed}, ${int(r.header.runs)} runs each; wrote ${opts.out}\n`);
  return 0;
}
