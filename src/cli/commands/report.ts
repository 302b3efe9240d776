// `imsim report [ORG] --out report.html`: the leaders' report. Runs the organization's
// year at its profiles (the same figures `imsim year --json` prints for the seed and
// years), the restoration times of its scenarios (as `imsim compare --json`), the
// drivers of its annual loss (src/year/drivers.ts) and the advisor (as `imsim advise
// --json`, or read from --advice); writes one self-contained HTML page, its Markdown, or
// the report's data as JSON, through the one output writer.
import { readFileSync } from 'node:fs';
import { advicePlan, adviceResult, type AdviceResult } from '../../advise/index.js';
import { Parameters, type Calibration } from '../../calibration/index.js';
import { compareScenario } from '../../experiment/compare.js';
import { canonicalProfile, type Profile } from '../../model/index.js';
import type { Organization, ScenarioTemplate } from '../../org/index.js';
import { docHtml, docMarkdown } from '../../report/html/index.js';
import { leadersDoc, REPORT_VERSION, type LeadersReport, type ReportCommands, type ScenarioTimes } from '../../report/leaders/index.js';
import { UNLIMITED_STAFF } from '../../sim/engine.js';
import { comparisonJson } from '../../stats/index.js';
import { runBlocks, runYearPool } from '../../sweep/year.js';
import { UserError, outputTarget, writeOutput } from '../../util/index.js';
import { driversResult, driverVariants, type DriversResult } from '../../year/drivers.js';
import { layoutOf, yearFrame, yearModel, yearResult } from '../../year/index.js';
import { intArg } from '../inputs.js';
import { shellQuote } from '../main.js';
import { json, type Out } from '../output.js';
import { moneyArg } from './advise.js';
import { yearInputs, type YearInputs } from './year.js';

export interface ReportOpts {
  out: string;
  profiles?: string;
  years: string;
  seed: string;
  set?: string[];
  workers?: string;
  calibration?: string;
  runs: string;
  driverYears: string;
  advice?: string;
  steps?: string;
  budget?: string;
  adviceYears: string;
  progress: string;
}

export interface ReportPlan {
  org: Organization;
  calibration: Calibration;
  profiles: { name: string; profile: Profile }[];
  seed: number;
  years: number;
  /** Years per calibration variant in the drivers' runs; 0 leaves the drivers out. */
  driverYears: number;
  /** Replications per scenario and profile for the restoration times. */
  runs: number;
  workers: number;
  /** The advisor's result to draw, or how to run the advisor (from the first profile); neither: no roadmap. */
  advice?: AdviceResult | { steps: number; budget?: number; years: number };
  progress?: (stage: string, done: number, total: number) => void;
}

/** The organization's distinct scenarios, in file order. */
export function orgScenarios(org: Organization): ScenarioTemplate[] {
  const seen = new Set<string>();
  return org.workload.templates.filter((t): t is ScenarioTemplate => t.kind !== 'work' && !seen.has(t.scenario.id) && Boolean(seen.add(t.scenario.id)));
}

/** Restoration times: each scenario replicated at every profile, as `imsim compare --json` prints them. */
export function scenarioTimes(plan: Pick<ReportPlan, 'org' | 'calibration' | 'profiles' | 'seed' | 'runs'>, progress?: (done: number, total: number) => void): ScenarioTimes {
  const profiles = plan.profiles.map((p) => p.profile);
  const lead = new Parameters(plan.calibration, profiles[0]!).value('model.foundationLead');
  const templates = orgScenarios(plan.org);
  const parts = templates.map((t, i) => {
    const c = compareScenario(t.scenario, profiles, { runs: plan.runs, seed: plan.seed, calibration: plan.calibration });
    progress?.(i + 1, templates.length);
    return comparisonJson(c, lead);
  });
  return {
    seed: plan.seed,
    runs: plan.runs,
    calibration: { hash: plan.calibration.hash, overridden: plan.calibration.overridden },
    staffing: UNLIMITED_STAFF,
    profiles: profiles.map(canonicalProfile),
    profileNames: plan.profiles.map((p) => p.name),
    results: parts.flatMap((p) => p.results),
    deltas: parts.flatMap((p) => p.deltas),
    scenarios: templates.map((t) => ({ id: t.scenario.id, title: t.scenario.title, source: `${t.scenario.source.seed}, ${t.scenario.source.section}`, ref: t.scenarioRef })),
  };
}

/** The drivers: the baseline and every variant of the calibration, on the same years, on the worker pool. */
export async function runDrivers(plan: ReportPlan, progress?: (done: number, total: number) => void): Promise<DriversResult> {
  const dp = driverVariants(plan.calibration, plan.profiles[0]!);
  const profiles = [plan.profiles[0]!];
  const frame = yearFrame({ model: yearModel(plan.org, plan.calibration), profiles, seed: plan.seed, calibration: plan.calibration });
  const layout = layoutOf(frame);
  const costAt = layout.total('cost');
  // Variant 0 is the table as it is; variant i + 1 is dp.variants[i].
  const losses = Array.from({ length: dp.variants.length + 1 }, () => new Float64Array(plan.driverYears));
  const blocks = losses.map((_, v) => ({ variant: v, first: 0, end: plan.driverYears }));
  let done = 0;
  await runBlocks(
    { orgs: [plan.org], calibration: plan.calibration, calibrations: [plan.calibration, ...dp.variants.map((v) => v.calibration)], profiles, seed: plan.seed },
    Math.max(1, Math.min(plan.workers, blocks.length)),
    blocks,
    (b, figures) => {
      for (let y = b.first; y < b.end; y++) losses[b.variant]![y] = figures[(y - b.first) * layout.size + costAt]!;
      progress?.(++done, blocks.length);
    },
  );
  return driversResult(dp, plan.seed, losses[0]!, losses.slice(1));
}

/** The advisor from the first profile, as `imsim advise --json` runs it with the same seed, steps, budget and years. */
export async function runAdvice(plan: ReportPlan, opts: { steps: number; budget?: number; years: number }, progress?: (done: number, total: number) => void): Promise<AdviceResult> {
  const ap = advicePlan(plan.org, plan.calibration, plan.profiles[0]!, { steps: opts.steps, ...(opts.budget !== undefined ? { budget: opts.budget } : {}) }, plan.seed, opts.years);
  const acc = await runYearPool({
    org: plan.org,
    calibration: plan.calibration,
    profiles: ap.reach.map((r) => ({ name: r.key, profile: r.profile })),
    seed: plan.seed,
    k: ap.layout.size,
    first: 0,
    end: opts.years,
    workers: plan.workers,
    keep: ap.keep,
    progress: (d) => progress?.(d, opts.years),
  });
  return adviceResult(ap, acc);
}

export async function buildReport(plan: ReportPlan): Promise<LeadersReport> {
  const frame = yearFrame({ model: yearModel(plan.org, plan.calibration), profiles: plan.profiles, seed: plan.seed, calibration: plan.calibration });
  const acc = await runYearPool({
    org: plan.org,
    calibration: plan.calibration,
    profiles: plan.profiles,
    seed: plan.seed,
    k: layoutOf(frame).size,
    first: 0,
    end: plan.years,
    workers: plan.workers,
    progress: (done) => plan.progress?.('year', done, plan.years),
  });
  const year = yearResult(frame, acc);
  const times = scenarioTimes(plan, (d, t) => plan.progress?.('restoration times', d, t));
  const drivers = plan.driverYears > 0 ? await runDrivers(plan, (d, t) => plan.progress?.('drivers', d, t)) : undefined;
  const a = plan.advice;
  const advice = a === undefined ? undefined : 'kind' in a ? a : await runAdvice(plan, a, (d, t) => plan.progress?.('advisor', d, t));
  return {
    kind: 'imsim-report',
    version: REPORT_VERSION,
    year,
    times,
    ...(drivers ? { drivers } : {}),
    ...(advice ? { advice } : {}),
    orgSources: plan.org.services.map((s) => ({ id: s.id, name: s.name, costSource: s.costSource })),
  };
}

const FORMATS = ['.html', '.md', '.json'] as const;

const note = (t: string) => void process.stderr.write(`imsim: ${t}\n`);

/** The advisor's result from a file `imsim advise --json` wrote, checked against this report's organization. */
export function readAdvice(file: string, org: { id: string }): AdviceResult {
  let a: AdviceResult;
  try {
    a = JSON.parse(readFileSync(file, 'utf8')) as AdviceResult;
  } catch (e) {
    throw new UserError([{ flag: '--advice', file, message: `not a readable JSON file: ${(e as Error).message}` }]);
  }
  if (a === null || typeof a !== 'object' || a.kind !== 'imsim-advice') throw new UserError([{ flag: '--advice', file, message: 'not the output of `imsim advise --json` (its "kind" is not "imsim-advice")' }]);
  if (!Array.isArray(a.roadmap) || !a.from || !a.end) throw new UserError([{ flag: '--advice', file, message: 'an advice file needs "from", "roadmap" and "end"' }]);
  if (a.org?.id !== org.id) throw new UserError([{ flag: '--advice', file, message: `is advice for organization "${a.org?.id}", but this report is for "${org.id}"` }]);
  return a;
}

/** The command lines that give the same figures, for the methods section. */
export function reportCommands(orgArg: string | undefined, inp: YearInputs, opts: ReportOpts, advised: boolean): ReportCommands {
  const org = shellQuote(orgArg ?? inp.org.id);
  const names = inp.profiles.map((p) => p.name);
  // Levels written out (`change=2,...`) are separated by ';', names by ','.
  const profiles = shellQuote(names.join(names.some((n) => /[=,]/.test(n)) ? ';' : ','));
  const common = opts.calibration ? ` --calibration ${shellQuote(opts.calibration)}` : '';
  const sets = (opts.set ?? []).map((s) => ` --set ${shellQuote(s)}`).join('');
  const refs = [...new Set(inp.org.workload.templates.flatMap((t) => (t.kind === 'work' ? [] : [shellQuote(t.scenarioRef)])))];
  return {
    year: `imsim year ${org} --profiles ${profiles} --years ${inp.years} --seed ${inp.seed}${sets}${common} --json`,
    compare: `imsim compare ${refs.join(' ')} --org ${org} --profiles ${profiles} --runs ${opts.runs} --seed ${inp.seed}${common} --json`,
    ...(advised
      ? { advise: `imsim advise ${org} --from ${shellQuote(names[0]!)} --steps ${opts.steps ?? 3}${opts.budget !== undefined ? ` --budget ${shellQuote(opts.budget)}` : ''} --years ${opts.adviceYears} --seed ${inp.seed}${sets}${common} --json` }
      : {}),
  };
}

export async function runReport(out: Out, orgArg: string | undefined, opts: ReportOpts): Promise<number> {
  const format = FORMATS.find((f) => opts.out.toLowerCase().endsWith(f));
  if (!format) throw new UserError([{ flag: '--out', message: `the report is .html, .md or .json; got "${opts.out}"` }]);
  if (!['lines', 'none'].includes(opts.progress)) throw new UserError([{ flag: '--progress', message: `expected lines or none, got "${opts.progress}"` }]);
  const runs = intArg(opts.runs, '--runs', 2, 1_000_000);
  const driverYears = intArg(opts.driverYears, '--driver-years', 0, 100_000);
  const steps = intArg(opts.steps ?? '3', '--steps', 0, 20);
  const adviceYears = intArg(opts.adviceYears, '--advice-years', 2, 1_000_000);
  const budget = opts.budget === undefined ? undefined : moneyArg(opts.budget, '--budget');
  if (opts.advice !== undefined && (opts.budget !== undefined || opts.steps !== undefined)) throw new UserError([{ flag: '--advice', message: 'a saved roadmap was made with its own --steps and --budget; give --advice, or --steps/--budget, not both' }]);
  // Looked at before any work: a folder or a missing folder fails now, not after minutes of simulation.
  const target = outputTarget(opts.out, '--out', { streams: true });
  const inp = yearInputs(orgArg, opts);
  const advice = opts.advice !== undefined ? readAdvice(opts.advice, inp.org) : steps > 0 ? { steps, ...(budget !== undefined ? { budget } : {}), years: adviceYears } : undefined;
  // A line when a stage starts, then at most one every 5 seconds, and when it ends.
  let stageNow = '';
  let lastLine = -Infinity;
  const started = performance.now();
  const report: LeadersReport = await buildReport({
    org: inp.org,
    calibration: inp.calibration,
    profiles: inp.profiles,
    seed: inp.seed,
    years: inp.years,
    driverYears,
    runs,
    workers: inp.workers,
    ...(advice ? { advice } : {}),
    progress: (stage, done, total) => {
      const ms = performance.now() - started;
      if (opts.progress === 'none' || (stage === stageNow && done < total && ms - lastLine < 5000)) return;
      stageNow = stage;
      lastLine = ms;
      process.stderr.write(`report: ${stage} ${done}/${total}, seed ${inp.seed}, ${(ms / 1000).toFixed(0)} s\n`);
    },
  });
  const commands = reportCommands(orgArg, inp, opts, opts.advice === undefined && steps > 0);
  const text = format === '.json' ? json(report) : format === '.md' ? docMarkdown(leadersDoc(report, commands)) : docHtml(leadersDoc(report, commands));
  writeOutput(target, text, note);
  if (target.kind === 'file') out.write(`report written to ${opts.out} (${Buffer.byteLength(text).toLocaleString('en-US')} bytes; seed ${inp.seed}, ${inp.years} years)\n`);
  return 0;
}
