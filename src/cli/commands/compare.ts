import { canonicalProfile } from '../../model/index.js';
import { Parameters } from '../../calibration/index.js';
import { comparisonCsv, comparisonText, CSV_HEADER } from '../../report/compare.js';
import { compareScenario, comparisonJson, type ScenarioComparison } from '../../stats/index.js';
import { UserError } from '../../util/index.js';
import { intArg, profileListArg } from '../inputs.js';
import { builtinIds, loadCalibration, loadScenarios } from '../load.js';
import { json, paint, type Out } from '../output.js';

export interface CompareOpts {
  all?: boolean;
  profiles: string;
  runs: string;
  seed: string;
  json?: boolean;
  csv?: boolean;
  calibration?: string;
}

/** Progress on stderr, only when a person is watching it. */
function progressLine(): (text: string) => void {
  if (!process.stderr.isTTY) return () => {};
  return (text) => process.stderr.write(`\r\u001b[2K${text}`);
}

export function runCompare(out: Out, scenarioArgs: string[], opts: CompareOpts): number {
  if (opts.all && scenarioArgs.length) throw new UserError([{ flag: '--all', message: 'give scenarios or --all, not both' }]);
  if (!opts.all && scenarioArgs.length === 0) throw new UserError([{ flag: 'SCENARIO', message: 'name at least one scenario, or use --all' }]);
  if (opts.json && opts.csv) throw new UserError([{ flag: '--json', message: 'choose --json or --csv' }]);
  const cal = loadCalibration(opts.calibration);
  const scenarios = loadScenarios(opts.all ? builtinIds() : scenarioArgs, cal);
  const profiles = profileListArg(opts.profiles);
  const runs = intArg(opts.runs, '--runs', 1, 10_000_000);
  const seed = intArg(opts.seed, '--seed', 0, 2 ** 32 - 1);
  const progress = progressLine();
  const total = scenarios.length * runs;
  const comparisons: ScenarioComparison[] = [];
  scenarios.forEach((s, i) => {
    comparisons.push(
      compareScenario(s, profiles, {
        runs,
        seed,
        calibration: cal,
        progress: (done) => {
          if (done % 100 === 0 || done === runs) progress(`compare: ${s.id} ${((100 * (i * runs + done)) / total).toFixed(0)}%`);
        },
      }),
    );
  });
  progress('');
  const lead = new Parameters(cal, profiles[0]!).value('model.foundationLead');
  const header = { seed, runs, calibration: { hash: cal.hash, overridden: cal.overridden }, profiles: profiles.map(canonicalProfile) };
  if (opts.json) {
    const parts = comparisons.map((c) => comparisonJson(c, lead));
    out.write(json({ ...header, results: parts.flatMap((p) => p.results), deltas: parts.flatMap((p) => p.deltas) }));
  } else if (opts.csv) {
    out.write(`${[CSV_HEADER, ...comparisons.flatMap(comparisonCsv)].join('\n')}\n`);
  } else {
    const lines = [
      paint(out, 'bold', `imsim compare: ${scenarios.length} scenario${scenarios.length > 1 ? 's' : ''} at profiles ${header.profiles.join(' and ')}`),
      `${runs} runs each, seed ${seed}, calibration ${cal.hash}${cal.overridden.length ? ` (overridden: ${cal.overridden.join(', ')})` : ''}`,
      'means over runs; times from the onset of the fault or attack; disruption in impact-minutes',
      '',
    ];
    out.write(`${lines.join('\n')}${comparisons.map(comparisonText).join('\n\n')}\n`);
  }
  return 0;
}
