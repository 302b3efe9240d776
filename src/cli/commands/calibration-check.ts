import { runChecks, type CheckResult } from '../../checks/index.js';
import { duration } from '../../report/timeline.js';
import { round } from '../../stats/index.js';
import { intArg, seedArg } from '../inputs.js';
import { builtinIds, loadCalibration, loadScenarios } from '../load.js';
import { json, paint, statusLine, type Out } from '../output.js';

export interface CheckOpts {
  runs: string;
  seed: string;
  calibration?: string;
  json?: boolean;
}

function fmt(c: CheckResult, x: number | undefined): string {
  if (x === undefined || !Number.isFinite(x)) return '-';
  if (c.unit === 'share') return `${(x * 100).toFixed(1)}%`;
  // Sub-ten-minute figures (the 1-10-60 targets) need their decimal.
  if (c.unit === 'minutes') return Math.abs(x) < 10 ? `${x.toFixed(1)}m` : x < 0 ? `-${duration(-x)}` : duration(x);
  return x.toFixed(2);
}

function band(c: CheckResult): string {
  const { low, high } = c.target;
  if (low !== undefined && high !== undefined) return `${fmt(c, low)} to ${fmt(c, high)}`;
  if (low !== undefined) return `at least ${fmt(c, low)}`;
  return `at most ${fmt(c, high)}`;
}

export function runCalibrationCheck(out: Out, opts: CheckOpts): number {
  const cal = loadCalibration(opts.calibration);
  const runs = intArg(opts.runs, '--runs', 10, 1_000_000);
  const seed = seedArg(opts.seed);
  const scenarios = loadScenarios(builtinIds(), cal);
  const line = statusLine();
  const progress = process.stderr.isTTY ? (t: string) => line.show(`calibration check: ${t}`) : undefined;
  const checks = runChecks({ runs, seed, calibration: cal, scenarios, ...(progress ? { progress } : {}) });
  line.clear();
  const failed = checks.filter((c) => !c.pass);
  if (opts.json) {
    out.write(
      json({
        seed,
        runs,
        calibration: { hash: cal.hash, overridden: cal.overridden },
        passed: failed.length === 0,
        checks: checks.map((c) => ({
          ...c,
          measured: round(c.measured),
          ci95: [round(c.ci95[0]), round(c.ci95[1])],
          ...(c.seeds ? { seeds: c.seeds.map((x) => ({ ...x, measured: round(x.measured) })) } : {}),
        })),
      }),
    );
  } else {
    const lines = [paint(out, 'bold', `calibration check: seed ${seed}, ${runs} runs per check, calibration ${cal.hash}`)];
    let group = '';
    for (const c of checks) {
      if (c.group !== group) lines.push('', paint(out, 'bold', c.group));
      group = c.group;
      const verdict = c.pass ? paint(out, 'green', 'pass') : paint(out, 'red', 'FAIL');
      lines.push(`  ${verdict}  ${c.what}`);
      const ci = c.ci95[0] === c.ci95[1] ? '' : ` [${fmt(c, c.ci95[0])}, ${fmt(c, c.ci95[1])}]`;
      lines.push(`        measured ${fmt(c, c.measured)}${ci}, target ${band(c)}`);
      if (c.seeds) lines.push(`        at seeds ${c.seeds.map((x) => `${x.seed}: ${fmt(c, x.measured)}${x.pass ? '' : ' (out)'}`).join(', ')}`);
      if (c.why) lines.push(paint(out, 'dim', `        reading: ${c.why}`));
      lines.push(paint(out, 'dim', `        source: ${c.source}`));
    }
    lines.push('', `${checks.length - failed.length} of ${checks.length} checks pass${failed.length ? `; failing: ${failed.map((c) => c.id).join(', ')}` : ''}`);
    out.write(`${lines.join('\n')}\n`);
  }
  return failed.length ? 1 : 0;
}
