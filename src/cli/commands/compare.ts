import { canonicalProfile, type Profile } from '../../model/index.js';
import { Parameters } from '../../calibration/index.js';
import { comparisonText } from '../../report/compare.js';
import { compareScenario } from '../../experiment/compare.js';
import { comparisonCsvRows, comparisonJson, CSV_HEADER, type OrgServiceCost, type ScenarioComparison } from '../../stats/index.js';
import { UNLIMITED_STAFF } from '../../sim/engine.js';
import { UserError } from '../../util/index.js';
import { choiceLabel, intArg, namedProfileListArg, namesOf, seedArg } from '../inputs.js';
import { builtinIds, loadCalibration, loadScenarios } from '../load.js';
import { loadOrganization, orgProfileNames } from '../org.js';
import type { Organization } from '../../org/index.js';
import { deliveredProfile, screenLabel } from '../../org/profiles.js';
import type { Calibration } from '../../calibration/index.js';
import type { Scenario } from '../../sim/scenario.js';
import type { ChunkUpdate } from '../../experiment/chunks.js';
import { json, paint, statusLine, wantsInteractive, type Out } from '../output.js';

export interface CompareOpts {
  all?: boolean;
  profiles: string;
  runs: string;
  seed: string;
  json?: boolean;
  csv?: boolean;
  calibration?: string;
  org?: string;
}

/**
 * The organization's cost for each scenario its workload draws (the first template's
 * service): a comparison for this organization prices the story as its own service.
 */
function orgServiceCosts(org: Organization): Map<string, OrgServiceCost> {
  const out = new Map<string, OrgServiceCost>();
  for (const t of org.workload.templates) {
    if (!('scenario' in t) || out.has(t.scenario.id)) continue;
    const service = org.services.find((x) => x.id === t.service);
    if (service) out.set(t.scenario.id, { org: org.name, service: service.name, costPerHour: service.costPerHour, costSource: service.costSource });
  }
  return out;
}

/** Progress on stderr, only when a person is watching it. */
function progressLine(): (text: string) => void {
  const line = statusLine();
  return (text) => (text ? line.show(text) : line.clear());
}

/** Replications per chunk in the dashboard: small enough that keys get through quickly. */
const DASHBOARD_CHUNK = 50;

export function runCompare(out: Out, scenarioArgs: string[], opts: CompareOpts): number | Promise<number> {
  if (opts.all && scenarioArgs.length) throw new UserError([{ flag: '--all', message: 'give scenarios or --all, not both' }]);
  if (!opts.all && scenarioArgs.length === 0) throw new UserError([{ flag: 'SCENARIO', message: 'name at least one scenario, or use --all' }]);
  if (opts.json && opts.csv) throw new UserError([{ flag: '--json', message: 'choose --json or --csv' }]);
  const cal = loadCalibration(opts.calibration);
  const scenarios = loadScenarios(opts.all ? builtinIds() : scenarioArgs, cal);
  const note = (t: string) => void process.stderr.write(`imsim: ${t}\n`);
  const choices = namedProfileListArg(opts.profiles, '--profiles', orgProfileNames(opts.org, opts.calibration), note);
  const profiles = choices.map((c) => c.profile);
  // Rows are labelled by name where the user chose one; the header says what each name stands for.
  const names = namesOf(choices);
  const label = (p: Profile) => names[canonicalProfile(p)] ?? canonicalProfile(p);
  const runs = intArg(opts.runs, '--runs', 1, 10_000_000);
  const seed = seedArg(opts.seed);
  if (wantsInteractive(out, opts) && process.stdin.isTTY) return dashboard(out, scenarios, profiles, runs, seed, cal, choices.map((c) => choiceLabel(c, cal)), label, names);
  const progress = progressLine();
  const total = scenarios.length * runs;
  const comparisons: ScenarioComparison[] = [];
  const orgCosts = opts.org === undefined ? new Map<string, OrgServiceCost>() : orgServiceCosts(loadOrganization(opts.org, cal));
  scenarios.forEach((s, i) => {
    const orgCost = orgCosts.get(s.id);
    comparisons.push(
      compareScenario(s, profiles, {
        runs,
        seed,
        calibration: cal,
        ...(orgCost ? { orgCost } : {}),
        progress: (done) => {
          if (done % 100 === 0 || done === runs) progress(`compare: ${s.id} ${((100 * (i * runs + done)) / total).toFixed(0)}%`);
        },
      }),
    );
  });
  progress('');
  const lead = new Parameters(cal, profiles[0]!).value('model.foundationLead');
  const header = {
    seed,
    runs,
    calibration: { hash: cal.hash, overridden: cal.overridden },
    staffing: UNLIMITED_STAFF,
    profiles: profiles.map(canonicalProfile),
    ...(Object.keys(names).length ? { profileNames: choices.map((c) => c.name ?? null) } : {}),
  };
  if (opts.json) {
    const parts = comparisons.map((c) => comparisonJson(c, lead));
    out.write(json({ ...header, results: parts.flatMap((p) => p.results), deltas: parts.flatMap((p) => p.deltas) }));
  } else if (opts.csv) {
    out.write(`${[CSV_HEADER, ...comparisons.flatMap((c) => comparisonCsvRows(c, seed, names, lead))].join('\n')}\n`);
  } else {
    out.write(comparisonReport(out, comparisons, { profiles, runs, seed, cal, labels: choices.map((c) => choiceLabel(c, cal)), label }));
  }
  return 0;
}

interface ReportHeader {
  profiles: readonly Profile[];
  /** Each profile as the header names it: `today (change=2,...)`, or its levels. */
  labels: readonly string[];
  /** A profile's row label in the tables: its name, or its levels. */
  label: (p: Profile) => string;
  runs: number;
  seed: number;
  cal: Calibration;
}

/** The plain comparison: a header, then a table per scenario (runs per scenario may be fewer when stopped early). */
/** `1 and 3`; `1, 2, 3 and 4`. */
const inWords = (items: readonly string[]) => (items.length <= 2 ? items.join(' and ') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

function comparisonReport(out: Out, comparisons: ScenarioComparison[], h: ReportHeader, done?: number[], left: string[] = []): string {
  const n = comparisons.length;
  const lines = [
    paint(out, 'bold', `imsim compare: ${left.length ? `${n} of ${n + left.length}` : n} scenario${n + left.length === 1 ? '' : 's'} at profiles ${inWords(h.labels)}`),
    `${h.runs} run${h.runs === 1 ? '' : 's'} each, seed ${h.seed}, calibration ${h.cal.hash}${h.cal.overridden.length ? ` (overridden: ${h.cal.overridden.join(', ')})` : ''}`,
    'means over runs; times from the onset of the fault or attack; disruption in impact-minutes',
    `staff: ${UNLIMITED_STAFF}`,
    '',
  ];
  const tables = comparisons.map((c, i) => {
    const d = done?.[i] ?? h.runs;
    return d < h.runs ? `${comparisonText(c, h.label)}\n  (stopped early: ${d} of ${h.runs} runs)` : comparisonText(c, h.label);
  });
  const tail = left.length ? `\n\nnot run (stopped early): ${left.join(', ')}` : '';
  return `${lines.join('\n')}${tables.join('\n\n')}${tail}\n`;
}

/** The Ink dashboard; on quit, the plain table of what has run stays on screen. */
async function dashboard(out: Out, scenarios: Scenario[], profiles: Profile[], runs: number, seed: number, cal: Calibration, labels: string[], label: (p: Profile) => string, names: Record<string, string>): Promise<number> {
  const [{ runDashboardView }, { compareInChunks }] = await Promise.all([import('../../tui/index.js'), import('../../experiment/chunks.js')]);
  let final: readonly (ChunkUpdate | undefined)[] = [];
  await runDashboardView(
    {
      scenarios,
      profiles,
      runs,
      seed,
      calibration: `${cal.hash}${cal.overridden.length ? ' (overridden)' : ''}`,
      run: () => compareInChunks(scenarios, profiles, { runs, seed, calibration: cal, chunk: DASHBOARD_CHUNK }),
      onExit: (results) => (final = results),
      labels: profiles.map((p) => screenLabel(p, names[canonicalProfile(p)], deliveredProfile(p, cal))),
      profileNames: profiles.map((p) => names[canonicalProfile(p)]),
    },
    out.color,
  );
  const ran = final.flatMap((r) => (r ? [r] : []));
  const left = scenarios.filter((_, i) => !final[i]).map((s) => s.id);
  out.write(comparisonReport(out, ran.map((r) => r.comparison), { profiles, runs, seed, cal, labels, label }, ran.map((r) => r.done), left));
  return 0;
}
