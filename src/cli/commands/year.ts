// `imsim year [ORG]`: an organization's year of operations at each of its profiles, on
// every core, with common random numbers; text, --json or --csv. With --shard i/N and
// --out, only that shard's years, as a part file that `imsim merge` combines into what
// one run prints. Progress: a live Ink view on a terminal, a line every few seconds on
// stderr otherwise, nothing with --progress none.
import { availableParallelism } from 'node:os';
import { readFileSync } from 'node:fs';
import type { Calibration } from '../../calibration/index.js';
import { canonicalProfile } from '../../model/index.js';
import type { Organization } from '../../org/index.js';
import { yearCsv, yearText } from '../../report/year.js';
import { parseShard, runYearPool, seconds } from '../../sweep/index.js';
import { UserError, outputTarget, writeOutput } from '../../util/index.js';
import { layoutOf, shardYears, YEAR_RESULT_VERSION, YearAccumulator, yearFrame, yearModel, yearResult, type YearFrame, type YearResult } from '../../year/index.js';
import { intArg, namedProfileListArg, seedArg } from '../inputs.js';
import { loadCalibration } from '../load.js';
import { loadOrganization } from '../org.js';
import { json, wantsInteractive, type Out } from '../output.js';

export interface YearOpts {
  profiles?: string;
  years: string;
  seed: string;
  set?: string[];
  workers?: string;
  json?: boolean;
  csv?: boolean;
  calibration?: string;
  shard?: string;
  out?: string;
  progress: string;
}

/** The kind written at the top of a shard's part file. */
export const YEAR_PART_KIND = 'imsim-year-part';

export interface YearPart {
  kind: typeof YEAR_PART_KIND;
  version: number;
  years: number;
  shard: { index: number; count: number };
  range: [number, number];
  frame: YearFrame;
  state: ReturnType<YearAccumulator['toJSON']>;
}

/** Everything `year` and a year sweep share: the org with --set applied, the profiles, the years. */
export interface YearInputs {
  org: Organization;
  calibration: Calibration;
  profiles: { name: string; profile: import('../../model/index.js').Profile }[];
  seed: number;
  years: number;
  workers: number;
}

export function yearInputs(orgArg: string | undefined, opts: Pick<YearOpts, 'profiles' | 'years' | 'seed' | 'set' | 'workers' | 'calibration'>): YearInputs {
  const years = intArg(opts.years, '--years', 1, 10_000_000);
  const seed = seedArg(opts.seed);
  const workers = opts.workers === undefined ? availableParallelism() : intArg(opts.workers, '--workers', 1, 256);
  const calibration = loadCalibration(opts.calibration);
  const org = loadOrganization(orgArg, calibration, { flag: 'ORG', sets: opts.set ?? [] });
  return { org, calibration, profiles: orgProfilesArg(org, opts.profiles), seed, years, workers };
}

/** `--profiles` of a run over an organization's years: names from its file or levels; by default every profile it names. */
export function orgProfilesArg(org: Organization, text: string | undefined): YearInputs['profiles'] {
  if (text === undefined) return org.profiles.map((p) => ({ name: p.name, profile: p.profile }));
  return namedProfileListArg(text, '--profiles', () => ({ where: org.file, profiles: org.profiles })).map((c) => ({ name: c.name ?? canonicalProfile(c.profile), profile: c.profile }));
}

function render(out: Out, result: YearResult, opts: { json?: boolean; csv?: boolean }): void {
  out.write(opts.json ? json(result) : opts.csv ? yearCsv(result) : yearText(result));
}

const note = (t: string) => void process.stderr.write(`imsim: ${t}\n`);

const PROGRESS_MODES = ['auto', 'live', 'lines', 'none'] as const;

export async function runYear(out: Out, orgArg: string | undefined, opts: YearOpts): Promise<number> {
  if (opts.json && opts.csv) throw new UserError([{ flag: '--json', message: 'choose --json or --csv' }]);
  if (!(PROGRESS_MODES as readonly string[]).includes(opts.progress)) throw new UserError([{ flag: '--progress', message: `expected one of ${PROGRESS_MODES.join(', ')}, got "${opts.progress}"` }]);
  const shard = opts.shard === undefined ? undefined : parseShard(opts.shard);
  if (typeof shard === 'string') throw new UserError([{ flag: '--shard', message: shard }]);
  if (shard && !opts.out) throw new UserError([{ flag: '--shard', message: 'a shard writes a part file: give --out FILE.json (then `imsim merge` the parts)' }]);
  if (opts.out && !shard) throw new UserError([{ flag: '--out', message: '--out is for --shard parts; without a shard the result goes to stdout (redirect it)' }]);
  if (opts.out && !opts.out.endsWith('.json')) throw new UserError([{ flag: '--out', message: `a year part is JSON: give a .json file, got "${opts.out}"` }]);
  const target = opts.out ? outputTarget(opts.out, '--out') : undefined;
  const inp = yearInputs(orgArg, opts);
  const model = yearModel(inp.org, inp.calibration);
  const frame = yearFrame({ model, profiles: inp.profiles, seed: inp.seed, calibration: inp.calibration });
  const k = layoutOf(frame).size;
  const [first, end] = shard ? shardYears(inp.years, shard.index, shard.count) : [0, inp.years];
  const total = end - first;
  // The live view needs a terminal on both streams that knows its width; else lines on stderr.
  const mode = opts.progress === 'auto' ? (wantsInteractive(out, opts) && !shard && process.stderr.isTTY && (process.stderr.columns ?? 0) > 0 ? 'live' : 'lines') : opts.progress;
  const started = performance.now();
  const live = mode === 'live' ? await (await import('../../tui/year/index.js')).startYearView(frame, total, out.color) : undefined;
  let lastLine = -Infinity;
  const progress = (done: number, acc: YearAccumulator) => {
    const ms = performance.now() - started;
    if (live) return live.update(done, yearResult(frame, acc), ms);
    if (mode !== 'lines' || (ms - lastLine < 5000 && done < total)) return;
    lastLine = ms;
    const rate = done / (ms / 1000);
    process.stderr.write(`year: ${done}/${total} years (${inp.profiles.length} profiles), ${rate.toFixed(1)} years/s, ETA ${seconds((total - done) / Math.max(rate, 1e-9))}, seed ${inp.seed}\n`);
  };
  let acc: YearAccumulator;
  try {
    acc = await runYearPool({ org: inp.org, calibration: inp.calibration, profiles: inp.profiles, seed: inp.seed, k, first, end, workers: inp.workers, progress });
  } finally {
    live?.end();
  }
  if (shard) {
    const part: YearPart = { kind: YEAR_PART_KIND, version: YEAR_RESULT_VERSION, years: inp.years, shard, range: [first, end], frame, state: acc.toJSON() };
    writeOutput(target!, json(part), note);
    process.stderr.write(`year: shard ${shard.index}/${shard.count} (years ${first}..${end - 1}) written to ${opts.out}; combine the parts with \`imsim merge PARTS... -o result.json\`\n`);
    return 0;
  }
  render(out, yearResult(frame, acc), opts);
  return 0;
}

/** Whether a file is a year part (read by `imsim merge` to choose how to merge). */
export function isYearPart(file: string): boolean {
  try {
    const head = readFileSync(file, 'utf8').slice(0, 200);
    return head.includes(`"kind": "${YEAR_PART_KIND}"`);
  } catch {
    return false;
  }
}

/** Merges year parts into the result one unsharded run gives: .json (as `year --json`), .csv or .txt. */
export function mergeYearParts(files: readonly string[], outFile: string): YearResult {
  const parts = files.map((f) => {
    let p: YearPart;
    try {
      p = JSON.parse(readFileSync(f, 'utf8')) as YearPart;
    } catch (e) {
      throw new UserError([{ file: f, message: `not a readable year part: ${(e as Error).message}` }]);
    }
    if (p.kind !== YEAR_PART_KIND || p.version !== YEAR_RESULT_VERSION) throw new UserError([{ file: f, message: `not a year part of this version (kind ${p.kind}, version ${p.version})` }]);
    return { f, p };
  });
  const a = parts[0]!.p;
  const frameText = JSON.stringify(a.frame);
  for (const { f, p } of parts) {
    if (JSON.stringify(p.frame) !== frameText) throw new UserError([{ file: f, message: `belongs to a different year run than ${parts[0]!.f} (organization, profiles, seed or calibration differ)` }]);
    if (p.years !== a.years || p.shard.count !== a.shard.count) throw new UserError([{ file: f, message: `is shard ${p.shard.index}/${p.shard.count} of ${p.years} years; ${parts[0]!.f} is of ${a.shard.count} shards, ${a.years} years` }]);
  }
  const seen = new Set(parts.map(({ p }) => p.shard.index));
  if (seen.size !== parts.length) throw new UserError([{ flag: 'PARTS', message: 'a shard is given twice' }]);
  const missing = Array.from({ length: a.shard.count }, (_, i) => i).filter((i) => !seen.has(i));
  if (missing.length) throw new UserError([{ flag: 'PARTS', message: `shards ${missing.join(', ')} of ${a.shard.count} are missing` }]);
  const acc = YearAccumulator.fromJSON(a.state);
  for (const { p } of parts.slice(1)) acc.merge(YearAccumulator.fromJSON(p.state));
  const result = yearResult(a.frame, acc);
  const text = outFile.endsWith('.csv') ? yearCsv(result) : outFile.endsWith('.txt') ? yearText(result) : json(result);
  if (!/\.(json|csv|txt)$/.test(outFile)) throw new UserError([{ flag: '--out', message: `merged year output is .json, .csv or .txt, got "${outFile}"` }]);
  writeOutput(outputTarget(outFile, '--out', { streams: true }), text, note);
  return result;
}
