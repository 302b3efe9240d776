// `imsim calibration check`: does the default calibration reproduce what the world and
// the documents say? A change workload at each level against the DORA clusters, each
// document's anecdote at the level it is told at, CrowdStrike's 1-10-60 at level 5, and
// maturity narrowing the spread of MTTR. Each check states its target band and source
// and measures its value with a 95% interval. May import everything below the CLI.
import { routineChangeScenario } from '../scenario/routine-change.js';
import { Parameters, sampler, type Calibration } from '../calibration/index.js';
import { uniformProfile, type Level, type Profile } from '../model/index.js';
import { simulate, type SimResult } from '../sim/engine.js';
import type { LogEntry } from '../sim/log.js';
import { metricsOf, type Metrics } from '../sim/metrics.js';
import { Streams } from '../sim/environment/rng.js';
import type { Scenario } from '../sim/scenario.js';
import { costPerMinute, Summary } from '../stats/index.js';

export interface CheckResult {
  id: string;
  group: 'DORA' | 'anecdote' | '1-10-60' | 'spread';
  what: string;
  /** The band the measured value must fall in. */
  target: { low?: number; high?: number };
  source: string;
  unit: 'share' | 'minutes' | 'ratio';
  measured: number;
  ci95: [number, number];
  n: number;
  pass: boolean;
}

export interface CheckOptions {
  runs: number;
  seed: number;
  calibration: Calibration;
  scenarios: readonly Scenario[];
  progress?: (text: string) => void;
}

// ---- intervals ---------------------------------------------------------------------------

const Z975 = 1.959963984540054;

/** Wilson score interval of a proportion k/n. */
export function wilson(k: number, n: number): [number, number] {
  if (n === 0) return [0, 1];
  const p = k / n;
  const z2 = Z975 * Z975;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z975 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** The q-quantile of a sample and its distribution-free 95% interval (order statistics). */
export function quantileWithCi(values: readonly number[], q: number): { value: number; ci95: [number, number] } {
  const s = [...values].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return { value: NaN, ci95: [NaN, NaN] };
  const at = (i: number) => s[Math.min(n - 1, Math.max(0, i))]!;
  const half = Z975 * Math.sqrt(n * q * (1 - q));
  return { value: at(Math.floor(q * (n - 1))), ci95: [at(Math.floor(n * q - half)), at(Math.ceil(n * q + half))] };
}

function share(id: string, group: CheckResult['group'], what: string, source: string, hits: boolean[], target: CheckResult['target']): CheckResult {
  const k = hits.filter(Boolean).length;
  const measured = hits.length ? k / hits.length : NaN;
  return { id, group, what, source, target, unit: 'share', measured, ci95: wilson(k, hits.length), n: hits.length, pass: inBand(measured, target) };
}

function median(id: string, group: CheckResult['group'], what: string, source: string, values: number[], target: CheckResult['target']): CheckResult {
  const m = quantileWithCi(values, 0.5);
  return { id, group, what, source, target, unit: 'minutes', measured: m.value, ci95: m.ci95, n: values.length, pass: inBand(m.value, target) };
}

const inBand = (x: number, t: CheckResult['target']) => Number.isFinite(x) && (t.low === undefined || x >= t.low) && (t.high === undefined || x <= t.high);

// ---- reading a replication ---------------------------------------------------------------

function firstStep(log: readonly LogEntry[], machine: 'incident' | 'change', event: string): number | undefined {
  return log.find((e) => e.kind === 'step' && e.machine === machine && e.event === event)?.t;
}

interface Replication {
  result: SimResult;
  metrics: Metrics;
}

function replicate(scenario: Scenario, profile: Profile, opts: CheckOptions, r: number): Replication {
  const result = simulate(scenario, profile, { seed: opts.seed, replication: r, calibration: opts.calibration, quietInjects: false });
  return { result, metrics: metricsOf(result, scenario, costPerMinute(scenario, opts.calibration, profile)) };
}

function replications(scenario: Scenario, profile: Profile, opts: CheckOptions): Replication[] {
  return Array.from({ length: opts.runs }, (_, r) => replicate(scenario, profile, opts, r));
}

// ---- the change workload against DORA ------------------------------------------------------

const DORA_SOURCE = 'DORA Accelerate State of DevOps clusters, 2019 and 2024';
const MAPPING = 'judgement: level 1 = low, 2 = medium, 3 = high, 4 and 5 = elite';
const WEEK = 7 * 24 * 60;
const MONTH = 30 * 24 * 60;
const DAY = 24 * 60;
const HOUR = 60;

/** Per level: the cluster, its change failure rate band and its recovery time band. */
const DORA: Record<Level, { cluster: string; cfr: CheckResult['target']; cfrText: string; recovery: CheckResult['target']; recoveryText: string }> = {
  1: { cluster: 'low', cfr: { low: 0.4, high: 0.6 }, cfrText: '46-60% (2019), 40% (2024)', recovery: { low: WEEK, high: MONTH }, recoveryText: 'between one week and one month (2019, 2024)' },
  2: { cluster: 'medium', cfr: { low: 0, high: 0.15 }, cfrText: '0-15% (2019), 10% (2024)', recovery: { low: 0, high: DAY }, recoveryText: 'less than one day (2019, 2024)' },
  3: { cluster: 'high', cfr: { low: 0, high: 0.2 }, cfrText: '0-15% (2019), 20% (2024)', recovery: { low: 0, high: DAY }, recoveryText: 'less than one day (2019, 2024)' },
  4: { cluster: 'elite', cfr: { low: 0, high: 0.15 }, cfrText: '0-15% (2019), 5% (2024)', recovery: { low: 0, high: HOUR }, recoveryText: 'less than one hour (2019, 2024)' },
  5: { cluster: 'elite', cfr: { low: 0, high: 0.15 }, cfrText: '0-15% (2019), 5% (2024)', recovery: { low: 0, high: HOUR }, recoveryText: 'less than one hour (2019, 2024)' },
};

/** A routine change through the change workflow; a defect that reaches the service raises an incident. */
export function workloadScenario(kind: string, cal: Calibration): Scenario {
  const impact = new Parameters(cal, uniformProfile(1)).value('workload.impact');
  return routineChangeScenario(kind, { id: '', name: 'the changed service', impact, standby: false }, 'the DORA change workload');
}

/** Whether a change was deployed, whether it failed, and how long service took to recover. */
export function changeOutcome(rep: Replication): { deployed: boolean; failed: boolean; recovery?: number } {
  const log = rep.result.log;
  const deployedAt = firstStep(log, 'change', 'DEPLOYED');
  const deployFailed = firstStep(log, 'change', 'DEPLOY_FAILED');
  const degradation = firstStep(log, 'change', 'DEGRADATION_FOUND');
  const surfaced = firstStep(log, 'change', 'FAILURE_SURFACED');
  const deployed = deployedAt !== undefined || deployFailed !== undefined;
  const start = deployFailed ?? (degradation !== undefined ? deployedAt : surfaced);
  if (start === undefined) return { deployed, failed: false };
  const rolledBack = firstStep(log, 'change', 'ROLLED_BACK');
  const end = rep.metrics.incident ? (rep.result.faultStart ?? 0) + rep.metrics.mttr : rolledBack;
  return { deployed, failed: true, ...(end !== undefined ? { recovery: end - start } : {}) };
}

function doraChecks(opts: CheckOptions): CheckResult[] {
  const mix = opts.calibration.byKey.get('workload.mix')!.dist;
  const kinds = mix.kind === 'choice' ? Object.keys(mix.weights) : ['normal'];
  const pick = sampler(mix);
  const scenarios = kinds.map((k) => workloadScenario(k, opts.calibration));
  const out: CheckResult[] = [];
  for (const level of [1, 2, 3, 4, 5] as const) {
    opts.progress?.(`change workload at level ${level}`);
    const profile = uniformProfile(level);
    const failed: boolean[] = [];
    const recoveries: number[] = [];
    for (let r = 0; r < opts.runs; r++) {
      const kind = pick.quantile(new Streams(opts.seed, 'change-workload', r).get('workload.mix')());
      const o = changeOutcome(replicate(scenarios[kind]!, profile, opts, r));
      if (!o.deployed) continue;
      failed.push(o.failed);
      if (o.recovery !== undefined) recoveries.push(o.recovery);
    }
    const d = DORA[level];
    out.push(
      share(`dora.changeFailureRate.L${level}`, 'DORA', `change failure rate at level ${level} (${d.cluster})`, `${DORA_SOURCE}, ${d.cluster}: ${d.cfrText}; ${MAPPING}`, failed, d.cfr),
      median(`dora.recoveryTime.L${level}`, 'DORA', `median failed-change recovery time at level ${level} (${d.cluster})`, `${DORA_SOURCE}, ${d.cluster}: ${d.recoveryText}; ${MAPPING}`, recoveries, d.recovery),
    );
  }
  return out;
}

// ---- the documents' anecdotes at their own level ------------------------------------------

type AnecdoteCheck = (reps: Replication[], s: Scenario, opts: CheckOptions) => CheckResult[];
const MOST = { low: 0.75 };
const FEW = { high: 0.25 };
const stage = (rep: Replication, flag: string) => rep.result.log.find((e) => e.kind === 'stage' && e.flag === flag && e.happened)?.t;
const took = (rep: Replication, event: string) => firstStep(rep.result.log, 'incident', event) !== undefined;

/** Each shipped scenario's anecdote as measurable checks, citing the document. */
export const ANECDOTES: Record<string, AnecdoteCheck> = {
  'db-plugin-cpu-spike': (reps, s) => [
    share('anecdote.db-plugin-cpu-spike', 'anecdote', 'the database spike takes over an hour to restore', cite(s), reps.map((r) => r.metrics.mttr > HOUR), MOST),
  ],
  'branch-network-degradation': (reps, s) => [
    share(
      'anecdote.branch-network-degradation',
      'anecdote',
      'finding the upstream change takes hours after someone picks up the ticket',
      cite(s),
      reps.map((r) => (firstStep(r.result.log, 'incident', 'CHANGE_IDENTIFIED') ?? Infinity) - (firstStep(r.result.log, 'incident', 'ACKNOWLEDGED') ?? 0) > 2 * HOUR),
      { low: 0.5 },
    ),
  ],
  'new-app-environment': (reps, s) => [
    share(
      'anecdote.new-app-environment.standard',
      'anecdote',
      'the environment ships as a standard change, without CAB',
      cite(s),
      reps.map((r) => firstStep(r.result.log, 'change', 'NOTIFIED') !== undefined && firstStep(r.result.log, 'change', 'CAB_APPROVED') === undefined),
      MOST,
    ),
    share(
      'anecdote.new-app-environment.unverified',
      'anecdote',
      'without load analytics some provisioning still slows a neighbour',
      cite(s),
      reps.map((r) => r.metrics.incident === 1),
      { low: 0.05 },
    ),
  ],
  'san-controller-latency': (reps, s) => [
    share(
      'anecdote.san-controller-latency',
      'anecdote',
      'the bottleneck is flagged and fixed before the full outage',
      cite(s),
      reps.map((r) => r.result.log.some((e) => e.kind === 'phase' && !e.happened)),
      MOST,
    ),
  ],
  'regional-transfer-surge': (reps, s) => [
    share('anecdote.regional-transfer-surge', 'anecdote', 'no business downtime', cite(s), reps.map((r) => r.metrics.disruption === 0), MOST),
  ],
  'suspicious-login-2am': (reps, s) => [
    share(
      'anecdote.suspicious-login-2am',
      'anecdote',
      'the attacker exfiltrates before anyone acknowledges the 2 AM alert',
      cite(s),
      reps.map((r) => (stage(r, 'exfiltration') ?? Infinity) < (r.result.faultStart ?? 0) + r.metrics.mtta),
      MOST,
    ),
  ],
  'unpatched-edge-server': (reps, s) => [
    share(
      'anecdote.unpatched-edge-server.sla',
      'anecdote',
      'the alert is acknowledged within the 15-minute SLA',
      cite(s),
      reps.map((r) => r.metrics.mtta - r.metrics.mttd <= 15),
      MOST,
    ),
    share(
      'anecdote.unpatched-edge-server.window',
      'anecdote',
      'the patch waits for the weekend window',
      cite(s),
      reps.map((r) => took(r, 'FIX_APPLIED') && firstStep(r.result.log, 'change', 'WINDOW_OPENED') !== undefined),
      MOST,
    ),
    share(
      'anecdote.unpatched-edge-server.exploit',
      'anecdote',
      'a refined exploit gets in before the patch in a good share of runs',
      cite(s),
      reps.map((r) => stage(r, 'compromise') !== undefined),
      { low: 0.25 },
    ),
  ],
  'server-offline-change-window': (reps, s, opts) => {
    const lower = replications(s, uniformProfile(2), opts);
    const saved = new Summary(false);
    reps.forEach((r, i) => saved.add(lower[i]!.metrics.mttr - r.metrics.mttr));
    const st = saved.stats();
    return [
      share(
        'anecdote.server-offline-change-window.ticket',
        'anecdote',
        'the change on the ticket spares an emergency response',
        cite(s),
        reps.map((r) => !took(r, 'THREAT_CONFIRMED')),
        MOST,
      ),
      {
        id: 'anecdote.server-offline-change-window.hours',
        group: 'anecdote',
        what: 'hours saved against level 2 (paired mean MTTR difference)',
        source: cite(s),
        target: { low: 2 * HOUR },
        unit: 'minutes',
        measured: st.mean,
        ci95: st.ci95,
        n: st.n,
        pass: st.mean >= 2 * HOUR,
      },
    ];
  },
  'regional-identity-attacks': (reps, s) => [
    share('anecdote.regional-identity-attacks', 'anecdote', 'an account rarely falls before the controls are tightened', cite(s), reps.map((r) => stage(r, 'compromise') !== undefined), FEW),
  ],
  'exfil-during-rollout': (reps, s) => [
    share('anecdote.exfil-during-rollout', 'anecdote', 'the exfiltration under way is stopped', cite(s), reps.map((r) => stage(r, 'exfiltration') === undefined), MOST),
  ],
};

function cite(s: Scenario): string {
  return `${s.source.seed} ${s.source.section}, told at level ${s.toldAt}`;
}

// ---- 1-10-60 at level 5 ------------------------------------------------------------------

const ONE_TEN_SIXTY = 'CrowdStrike 1-10-60 rule (Global Threat Report 2019): detect in 1 minute, investigate in 10, contain in 60; the level 5 target';

function oneTenSixty(scenarios: readonly Scenario[], opts: CheckOptions): CheckResult[] {
  const security = scenarios.filter((s) => s.attack && s.attack.signals.includes('intrusion'));
  const reps = security.flatMap((s) => replications(s, uniformProfile(5), opts));
  const detect = reps.map((r) => r.metrics.mttd);
  // Investigation ends when the threat is confirmed; runs that never needed that step are left out.
  const investigate = reps.flatMap((r) => {
    const confirmed = firstStep(r.result.log, 'incident', 'THREAT_CONFIRMED');
    return confirmed === undefined ? [] : [confirmed - (r.result.faultStart ?? 0) - r.metrics.mttd];
  });
  const contain = reps.map((r) => r.metrics.mttc ?? NaN);
  const names = security.map((s) => s.id).join(', ');
  return [
    median('1-10-60.detect', '1-10-60', `median time to detect at level 5 (${names})`, ONE_TEN_SIXTY, detect, { high: 1 }),
    median('1-10-60.investigate', '1-10-60', 'median time from detection to a confirmed threat at level 5', ONE_TEN_SIXTY, investigate, { high: 10 }),
    median('1-10-60.contain', '1-10-60', 'median time to contain at level 5', ONE_TEN_SIXTY, contain, { high: HOUR }),
  ];
}

// ---- spread --------------------------------------------------------------------------------

/**
 * Maturity is predictability (001 Initial stage: success unpredictable; 004 4.2): the
 * tail of MTTR relative to its middle (p95/p50, geometric mean over the scenarios)
 * shrinks level by level.
 */
/** Fewer incidents than this give no usable 95th percentile. */
const MIN_SPREAD_SAMPLE = 40;

function spread(scenarios: readonly Scenario[], opts: CheckOptions): CheckResult[] {
  const ratios = ([1, 2, 3, 4, 5] as const).map((level) => {
    opts.progress?.(`spread at level ${level}`);
    // Only runs with an incident have an MTTR; a followed change that hurt nobody has none.
    const logs = scenarios.flatMap((s) => {
      const q = replications(s, uniformProfile(level), opts).filter((r) => r.metrics.incident).map((r) => r.metrics.mttr);
      return q.length < MIN_SPREAD_SAMPLE ? [] : [Math.log(quantileWithCi(q, 0.95).value / quantileWithCi(q, 0.5).value)];
    });
    return Math.exp(logs.reduce((a, b) => a + b, 0) / logs.length);
  });
  const source = '001 Initial stage (success unpredictable); 004 4.2 (maturity is consistency in meeting goals)';
  return [1, 2, 3, 4].map((l) => ({
    id: `spread.mttr.L${l + 1}`,
    group: 'spread' as const,
    what: `MTTR p95/p50 at level ${l + 1} is below level ${l} (${ratios[l - 1]!.toFixed(2)})`,
    source,
    target: { high: ratios[l - 1]! },
    unit: 'ratio' as const,
    measured: ratios[l]!,
    ci95: [ratios[l]!, ratios[l]!] as [number, number],
    n: opts.runs * scenarios.length,
    pass: ratios[l]! < ratios[l - 1]!,
  }));
}

export function runChecks(opts: CheckOptions): CheckResult[] {
  const out = doraChecks(opts);
  for (const s of opts.scenarios) {
    const check = ANECDOTES[s.id];
    if (!check) continue;
    opts.progress?.(`${s.id} at level ${s.toldAt}`);
    out.push(...check(replications(s, uniformProfile(s.toldAt), opts), s, opts));
  }
  out.push(...oneTenSixty(opts.scenarios, opts));
  out.push(...spread(opts.scenarios, opts));
  return out;
}
