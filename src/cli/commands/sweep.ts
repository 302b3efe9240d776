import { availableParallelism } from 'node:os';
import { canonicalProfile, type Profile } from '../../model/index.js';
import { isProfileName } from '../../org/profiles.js';
import {
  DEFAULT_BLOCK,
  formatOf,
  gridItemsFromYaml,
  expandGrid,
  mergeParts,
  mergeYearSweeps,
  noProgress,
  readYearSweep,
  parseShard,
  PlainProgress,
  profileGrid,
  runSweep,
  splitItems,
  type ProgressSink,
} from '../../sweep/index.js';
import { yearCsv } from '../../report/year.js';
import { checkWritable } from '../atomic-write.js';
import { UserError, lineOf, parseYaml } from '../../util/index.js';
import { intArg, looksLikeFile, profileArg, readText, type ProfileNames } from '../inputs.js';
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

/** `--profiles`: inline grid or a YAML file of profiles. */
function profilesArg(text: string, names: ProfileNames): Profile[] {
  if (!looksLikeFile(text)) {
    // A name from the organization (`today`) stands for its levels; once one is per
    // domain, the items are written apart with ";" as the grid wants.
    const items = splitItems(text);
    if (!items.some(isProfileName)) return profileGrid(text);
    return profileGrid(items.map((i) => (isProfileName(i) ? canonicalProfile(profileArg(i, '--profiles', names)) : i)).join(';'));
  }
  const src = parseYaml(readText(text, '--profiles'), text);
  const items = gridItemsFromYaml(src.data, (path, message) => ({ file: text, line: lineOf(src, path), ...(path.length ? { path: path.join('.') } : {}), message }));
  return expandGrid(items);
}

function scenariosArg(text: string): string[] {
  const t = text.trim();
  if (t === 'all') return builtinIds();
  const ids = t.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (ids.length === 0) throw new UserError([{ flag: '--scenarios', message: 'no scenario given: write "all" or ids separated by commas' }]);
  return ids;
}

/** An output path whose folder exists and that is not itself a folder. */
export function outArg(file: string, flag = '--out'): void {
  if (!formatOf(file)) throw new UserError([{ flag, file, message: 'the extension decides the format: .ndjson, .json or .csv' }]);
  checkWritable(file, flag);
}

const int = (n: number) => n.toLocaleString('en-US');
/** `1 run`, `2 runs`, `1,000 runs`. */
const count = (n: number, noun: string) => `${int(n)} ${noun}${n === 1 ? '' : 's'}`;

export async function runSweepCommand(out: Out, opts: SweepOpts): Promise<number> {
  if (opts.years !== undefined) return (await import('./year-sweep.js')).runYearSweepCommand(out, opts);
  if (opts.set) throw new UserError([{ flag: '--set', message: 'varies an organization file: give --years N (and --org FILE) for a sweep of years' }]);
  // Flags first (cheap, and each failure names its flag), then the files they name.
  outArg(opts.out);
  const runs = intArg(opts.runs, '--runs', 1, 1_000_000_000);
  const seed = intArg(opts.seed, '--seed', 0, 2 ** 32 - 1);
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
  const names = orgProfileNames(opts.org, opts.calibration);
  const baseline = opts.baseline === undefined ? undefined : profileArg(opts.baseline, '--baseline', names);
  const ids = scenariosArg(opts.scenarios);
  const profiles = profilesArg(opts.profiles ?? '1..5', names);
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
  const label = `imsim sweep: ${count(scenarios.length, 'scenario')} x ${count(profiles.length, 'profile')} x ${count(runs, 'run')}${shard ? `, shard ${shard.index}/${shard.count}` : ''}`;
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
      out: opts.out,
      workers,
      resume: Boolean(opts.resume),
      checkpointEvery: Math.round(checkpointEvery * 1000),
      progress,
      note: (t) => void process.stderr.write(`imsim: ${t}\n`),
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

export interface MergeOpts {
  out: string;
}

export async function runMergeCommand(out: Out, parts: string[], opts: MergeOpts): Promise<number> {
  if (parts.includes(opts.out)) throw new UserError([{ flag: '--out', file: opts.out, message: 'is also one of the parts: write the merge to a new file' }]);
  // Parts of `imsim year --shard` merge into the year's result.
  const year = await import('./year.js');
  if (parts.length > 0 && year.isYearPart(parts[0]!)) {
    const r = year.mergeYearParts(parts, opts.out);
    out.write(`imsim merge: ${parts.length} year part${parts.length === 1 ? '' : 's'}, ${r.years} years, seed ${r.seed}; wrote ${opts.out}\n`);
    return 0;
  }
  if (parts.length > 0 && readYearSweep(parts[0]!)) {
    outArg(opts.out);
    const r = mergeYearSweeps(parts, opts.out, yearCsv);
    out.write(`imsim merge: ${parts.length} year sweep part${parts.length === 1 ? '' : 's'}, ${r.variants.length} variants x ${r.identity.profiles.length} profiles x ${int(r.identity.years)} years, seed ${r.identity.seed}; wrote ${opts.out}\n`);
    return 0;
  }
  outArg(opts.out);
  const r = await mergeParts(parts, opts.out);
  out.write(`imsim merge: ${r.parts} part${r.parts === 1 ? '' : 's'}, ${r.cells} cells, seed ${r.header.seed}, ${int(r.header.runs)} runs each; wrote ${opts.out}\n`);
  return 0;
}
