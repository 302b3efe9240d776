import { canonicalProfile } from '../../model/index.js';
import { duration, timelineRows } from '../../report/timeline.js';
import { formatMetric, METRIC_LABELS } from '../../report/compare.js';
import { simulate, UNLIMITED_STAFF } from '../../sim/engine.js';
import { metricsOf } from '../../sim/metrics.js';
import { costPerMinute, metricsFor, round } from '../../stats/index.js';
import { choiceLabel, intArg, namedProfileArg, seedArg } from '../inputs.js';
import { loadCalibration, loadScenario } from '../load.js';
import { orgProfileNames } from '../org.js';
import { json, paint, table, type Out } from '../output.js';

export interface RunOpts {
  profile: string;
  seed: string;
  replication: string;
  json?: boolean;
  calibration?: string;
  org?: string;
}

export function runRun(out: Out, scenarioArg: string, opts: RunOpts): number {
  const cal = loadCalibration(opts.calibration);
  const scenario = loadScenario(scenarioArg, cal);
  const choice = namedProfileArg(opts.profile, '--profile', orgProfileNames(opts.org, opts.calibration));
  const profile = choice.profile;
  const seed = seedArg(opts.seed);
  const replication = intArg(opts.replication, '--replication', 0, 2 ** 31 - 1);
  const result = simulate(scenario, profile, { seed, replication, calibration: cal });
  const metrics = metricsOf(result, scenario, costPerMinute(scenario, cal, profile));
  const rows = timelineRows(result.log, result.calendar);
  const names = metricsFor(scenario);
  if (opts.json) {
    out.write(
      json({
        scenario: scenario.id,
        profile: canonicalProfile(profile),
        ...(choice.name ? { profileName: choice.name } : {}),
        ...(result.caps.length ? { effective: canonicalProfile(result.effective) } : {}),
        seed,
        replication,
        calibration: { hash: cal.hash, overridden: cal.overridden },
        staffing: UNLIMITED_STAFF,
        timeline: rows.map((r) => ({ ...r, minute: round(r.minute) })),
        metrics: { ...Object.fromEntries(names.map((m) => [m, round(metrics[m] ?? 0)])), close: round(metrics.close), detectedBy: metrics.detectedBy },
      }),
    );
    return 0;
  }
  const lines = [
    paint(out, 'bold', `${scenario.id} at profile ${choiceLabel(choice, cal)}, seed ${seed}, replication ${replication}`),
    `${scenario.title} (${scenario.source.seed}, ${scenario.source.section})`,
  ];
  for (const c of result.caps) lines.push(paint(out, 'yellow', `${c.domain} is held to level ${c.effective}: it builds on ${c.because} (do not skip levels)`));
  lines.push('');
  lines.push(
    table(
      [['minute', 'wall clock', 'source', 'state', 'event', 'note'], ...rows.map((r) => [r.minute.toFixed(0), r.wall, r.source, r.state, r.event, r.note])],
      { align: ['r'] },
    ),
  );
  lines.push('', paint(out, 'bold', 'metrics (minutes from the onset of the fault or attack)'));
  const mrows = names.map((m) => [METRIC_LABELS[m], formatMetric(m, metrics[m] ?? 0)]);
  mrows.push(['close', duration(metrics.close)], ['detected by', metrics.detectedBy]);
  lines.push(table(mrows.map((r) => [`  ${r[0]}`, r[1]!])), '', `calibration ${cal.hash}${cal.overridden.length ? ` (overridden: ${cal.overridden.join(', ')})` : ''}`, `staff: ${UNLIMITED_STAFF}`);
  out.write(`${lines.join('\n')}\n`);
  return 0;
}
