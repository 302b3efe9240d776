// `imsim advise [ORG]`: which domain to raise next and what it is worth a year. Every
// profile reachable from --from within --steps, --budget and the caps is simulated on
// the same years (on every core), then the advisor (src/advise) values, ranks and
// searches them. Text, or --json (the AdviceResult); progress lines on stderr.
import { availableParallelism } from 'node:os';
import { advicePlan, adviceResult } from '../../advise/index.js';
import { canonicalProfile } from '../../model/index.js';
import { adviceText } from '../../report/advise.js';
import { runYearPool, seconds } from '../../sweep/index.js';
import { UserError } from '../../util/index.js';
import { intArg, namedProfileArg, seedArg } from '../inputs.js';
import { loadCalibration } from '../load.js';
import { loadOrganization } from '../org.js';
import { json, type Out } from '../output.js';

export interface AdviseOpts {
  from?: string;
  budget?: string;
  steps: string;
  years: string;
  seed: string;
  set?: string[];
  workers?: string;
  json?: boolean;
  calibration?: string;
  progress: string;
}

const PROGRESS_MODES = ['auto', 'lines', 'none'] as const;

/** Dollars: 250000, 250k, 1.5M (a leading $ and thousands commas allowed). */
export function moneyArg(text: string, flag: string): number {
  const m = /^\s*\$?([0-9][0-9,]*(?:\.[0-9]+)?)\s*([kKmM]?)\s*$/.exec(text);
  const value = m ? Number(m[1]!.replace(/,/g, '')) * (m[2]!.toLowerCase() === 'k' ? 1e3 : m[2]!.toLowerCase() === 'm' ? 1e6 : 1) : NaN;
  if (!Number.isFinite(value) || value > 1e12) throw new UserError([{ flag, message: `expected dollars such as 500000, 500k or 1.5M, got "${text}"` }]);
  return value;
}

export async function runAdvise(out: Out, orgArg: string | undefined, opts: AdviseOpts): Promise<number> {
  if (!(PROGRESS_MODES as readonly string[]).includes(opts.progress)) throw new UserError([{ flag: '--progress', message: `expected one of ${PROGRESS_MODES.join(', ')}, got "${opts.progress}"` }]);
  const steps = intArg(opts.steps, '--steps', 1, 20);
  const years = intArg(opts.years, '--years', 2, 1_000_000);
  const seed = seedArg(opts.seed);
  const budget = opts.budget === undefined ? undefined : moneyArg(opts.budget, '--budget');
  const workers = opts.workers === undefined ? availableParallelism() : intArg(opts.workers, '--workers', 1, 256);
  const calibration = loadCalibration(opts.calibration);
  const org = loadOrganization(orgArg, calibration, { flag: 'ORG', sets: opts.set ?? [] });
  const from = opts.from === undefined ? { profile: org.profiles[0]!.profile, name: org.profiles[0]!.name } : namedProfileArg(opts.from, '--from', () => ({ where: org.file, profiles: org.profiles }));
  const start = { name: from.name ?? canonicalProfile(from.profile), profile: from.profile };
  const plan = advicePlan(org, calibration, start, { steps, ...(budget !== undefined ? { budget } : {}) }, seed, years);
  const profiles = plan.reach.map((r) => ({ name: r.key, profile: r.profile }));
  const total = years * profiles.length;
  const mode = opts.progress === 'auto' ? 'lines' : opts.progress;
  const started = performance.now();
  let lastLine = -Infinity;
  if (mode === 'lines') process.stderr.write(`advise: ${profiles.length} reachable profiles x ${years} years on ${Math.min(workers, years)} worker(s), seed ${seed}\n`);
  const acc = await runYearPool({
    org,
    calibration,
    profiles,
    seed,
    k: plan.layout.size,
    first: 0,
    end: years,
    workers,
    keep: plan.keep,
    progress: (done) => {
      const ms = performance.now() - started;
      if (mode !== 'lines' || (ms - lastLine < 5000 && done < years)) return;
      lastLine = ms;
      const rate = (done * profiles.length) / (ms / 1000);
      process.stderr.write(`advise: ${done}/${years} years at ${profiles.length} profiles, ${rate.toFixed(1)} profile-years/s, ETA ${seconds((total - done * profiles.length) / Math.max(rate, 1e-9))}\n`);
    },
  });
  const result = adviceResult(plan, acc);
  out.write(opts.json ? json(result) : adviceText(result));
  return 0;
}
