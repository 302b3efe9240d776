// `imsim report [ORG] --out report.html`: the leaders' report. Runs the organization's
// year at its profiles (the same figures `imsim year --json` prints for the seed and
// years), the restoration times of its scenarios, and the drivers of its annual loss;
// takes the advisor's roadmap from --advice; writes one self-contained HTML page, its
// Markdown, or the report's data as JSON, through the one output writer.
import { readFileSync } from 'node:fs';
import type { AdviceResult } from '../../advise/index.js';
import { buildReport, leadersDoc, type LeadersReport, type ReportCommands } from '../../report/leaders/index.js';
import { docHtml, docMarkdown } from '../../report/html/index.js';
import { UserError, outputTarget, writeOutput } from '../../util/index.js';
import { intArg } from '../inputs.js';
import { json, type Out } from '../output.js';
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
  progress: string;
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
export function reportCommands(orgArg: string | undefined, inp: YearInputs, opts: ReportOpts): ReportCommands {
  const org = orgArg ?? inp.org.id;
  const profiles = inp.profiles.map((p) => p.name).join(',');
  const common = `${opts.calibration ? ` --calibration ${opts.calibration}` : ''}`;
  const sets = (opts.set ?? []).map((s) => ` --set ${s}`).join('');
  const refs = [...new Set(inp.org.workload.templates.flatMap((t) => (t.kind === 'work' ? [] : [t.scenarioRef])))];
  return {
    year: `imsim year ${org} --profiles ${profiles} --years ${inp.years} --seed ${inp.seed}${sets}${common} --json`,
    compare: `imsim compare ${refs.join(' ')} --org ${org} --profiles ${profiles} --runs ${opts.runs} --seed ${inp.seed}${common} --json`,
  };
}

export async function runReport(out: Out, orgArg: string | undefined, opts: ReportOpts): Promise<number> {
  const format = FORMATS.find((f) => opts.out.toLowerCase().endsWith(f));
  if (!format) throw new UserError([{ flag: '--out', message: `the report is .html, .md or .json; got "${opts.out}"` }]);
  if (!['lines', 'none'].includes(opts.progress)) throw new UserError([{ flag: '--progress', message: `expected lines or none, got "${opts.progress}"` }]);
  const runs = intArg(opts.runs, '--runs', 2, 1_000_000);
  const driverYears = intArg(opts.driverYears, '--driver-years', 0, 100_000);
  // Looked at before any work: a folder or a missing folder fails now, not after minutes of simulation.
  const target = outputTarget(opts.out, '--out', { streams: true });
  const inp = yearInputs(orgArg, opts);
  const advice = opts.advice !== undefined ? readAdvice(opts.advice, inp.org) : undefined;
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
  const commands = reportCommands(orgArg, inp, opts);
  const text = format === '.json' ? json(report) : format === '.md' ? docMarkdown(leadersDoc(report, commands)) : docHtml(leadersDoc(report, commands));
  writeOutput(target, text, note);
  if (target.kind === 'file') out.write(`report written to ${opts.out} (${Buffer.byteLength(text).toLocaleString('en-US')} bytes; seed ${inp.seed}, ${inp.years} years)\n`);
  return 0;
}
