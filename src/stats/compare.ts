// Comparing profiles on a scenario: the per-metric summaries of one scenario at one
// profile (Cell), the comparison's shape, and its JSON document. The replications
// themselves run through the experiment function (src/experiment/compare.ts).
import type { Calibration } from '../calibration/index.js';
import { serviceCost, type OrgServiceCost, type ServiceCost } from './cost.js';
import { canonicalProfile, effectiveProfile, type Profile } from '../model/index.js';
import type { StepperKind } from '../sim/engine.js';
import { CHANNELS, type Channel, type Metrics } from '../sim/metrics.js';
import type { Scenario } from '../sim/scenario.js';
import { Summary, type Stats } from './summary.js';

export type MetricName = Exclude<keyof Metrics, 'detectedBy'>;

/** The metrics a scenario reports, in display order. */
export function metricsFor(s: Scenario): MetricName[] {
  const base: MetricName[] = ['mttd', 'mtta', 'mttr', 'disruption', 'cost'];
  // An attack is contained, then closed, apart from any service restoration.
  if (s.attack) base.push('mttc', 'close', 'compromise', 'lateralMovement', 'exfiltration');
  if (s.change?.role === 'subject') base.push('incident', 'leadTime');
  return base;
}

/** Dollars per impact-minute of the scenario's disruption (see cost.ts for where the figure comes from). */
export function costPerMinute(s: Scenario, cal: Calibration, profile: Profile, org?: OrgServiceCost): number {
  return serviceCost(s, cal, profile, org).perImpactMinute;
}

/** One scenario at one profile: the summaries a comparison (or a sweep) accumulates. */
export class Cell {
  readonly metrics = new Map<MetricName, Summary>();
  readonly detectedBy = new Map<Channel | 'none', number>();
  /**
   * Paired differences against a baseline profile, replication i against replication i
   * (a sweep's `--baseline`): signed, so mean and interval only, no sketch.
   */
  readonly deltas: Map<MetricName, Summary> | undefined;

  constructor(
    readonly names: readonly MetricName[],
    withDeltas = false,
  ) {
    for (const m of names) this.metrics.set(m, new Summary());
    this.deltas = withDeltas ? new Map(names.map((m) => [m, new Summary(false)] as const)) : undefined;
  }

  add(m: Metrics, baseline?: Metrics): void {
    for (const name of this.names) this.metrics.get(name)!.add(m[name] ?? 0);
    this.detectedBy.set(m.detectedBy, (this.detectedBy.get(m.detectedBy) ?? 0) + 1);
    if (this.deltas && baseline) for (const name of this.names) this.deltas.get(name)!.add((m[name] ?? 0) - (baseline[name] ?? 0));
  }

  merge(o: Cell): void {
    for (const name of this.names) this.metrics.get(name)!.merge(o.metrics.get(name)!);
    for (const [k, v] of o.detectedBy) this.detectedBy.set(k, (this.detectedBy.get(k) ?? 0) + v);
    if (Boolean(this.deltas) !== Boolean(o.deltas)) throw new Error('Cell.merge: one cell has paired deltas and the other not');
    if (this.deltas) for (const name of this.names) this.deltas.get(name)!.merge(o.deltas!.get(name)!);
  }

  /** Share of replications detected by each channel, over those with an incident to detect. */
  detectedShares(): Partial<Record<Channel, number>> {
    const total = CHANNELS.reduce((s, c) => s + (this.detectedBy.get(c) ?? 0), 0);
    const out: Partial<Record<Channel, number>> = {};
    for (const c of CHANNELS) if (this.detectedBy.get(c)) out[c] = this.detectedBy.get(c)! / total;
    return out;
  }

  toJSON() {
    return {
      metrics: Object.fromEntries([...this.metrics].map(([k, v]) => [k, v.toJSON()])),
      detectedBy: Object.fromEntries(this.detectedBy),
      ...(this.deltas ? { deltas: Object.fromEntries([...this.deltas].map(([k, v]) => [k, v.toJSON()])) } : {}),
    };
  }

  static fromJSON(names: readonly MetricName[], j: ReturnType<Cell['toJSON']>): Cell {
    const c = new Cell(names, Boolean(j.deltas));
    for (const n of names) c.metrics.set(n, Summary.fromJSON(j.metrics[n]!));
    for (const [k, v] of Object.entries(j.detectedBy)) c.detectedBy.set(k as Channel, v);
    if (j.deltas) for (const n of names) c.deltas!.set(n, Summary.fromJSON(j.deltas[n]!));
    return c;
  }
}

export interface ProfileResult {
  profile: Profile;
  cell: Cell;
}

export interface DeltaResult {
  from: Profile;
  to: Profile;
  metrics: Map<MetricName, Summary>;
}

export interface ScenarioComparison {
  scenario: Scenario;
  /** What an hour of the service's outage costs and where that comes from (at the first profile). */
  cost: ServiceCost;
  metrics: MetricName[];
  results: ProfileResult[];
  deltas: DeltaResult[];
}

export interface CompareOptions {
  runs: number;
  seed: number;
  calibration: Calibration;
  stepper?: StepperKind;
  /** Replications from this index (for chunked, resumable work). */
  from?: number;
  /** Called after each replication with how many are done. */
  progress?: (done: number) => void;
  /** The organization's service standing in for the scenario's, for its cost. */
  orgCost?: OrgServiceCost;
}

// ---- the result document -------------------------------------------------------------

/** Rounds to 4 decimals: enough for minutes and rates, and stable text. */
export const round = (x: number) => (Number.isFinite(x) ? Math.round(x * 1e4) / 1e4 : x);

/** An interval for JSON: rounded ends, or null where it is not defined (fewer than two runs). */
export function ci95Json(ci: readonly [number, number]): [number, number] | null {
  return Number.isFinite(ci[0]) && Number.isFinite(ci[1]) ? [round(ci[0]), round(ci[1])] : null;
}

export function statsJson(s: Stats, withPercentiles = true) {
  return {
    mean: round(s.mean),
    ...(withPercentiles ? { p50: round(s.p50), p90: round(s.p90), p95: round(s.p95) } : {}),
    ci95: ci95Json(s.ci95),
  };
}

/** Probabilities at which the loss exceedance curve is read: 1 in 2, 5, 10, 20, 100. */
const EXCEEDANCE = [0.5, 0.2, 0.1, 0.05, 0.01];

export function comparisonJson(c: ScenarioComparison, lead: number) {
  return {
    results: c.results.map(({ profile, cell }) => {
      const cost = cell.metrics.get('cost')!.sketch!;
      const eff = effectiveProfile(profile, lead);
      return {
        scenario: c.scenario.id,
        profile: canonicalProfile(profile),
        ...(eff.caps.length ? { effective: canonicalProfile(eff.profile) } : {}),
        metrics: Object.fromEntries(c.metrics.map((m) => [m, statsJson(cell.metrics.get(m)!.stats())])),
        detectedBy: Object.fromEntries(Object.entries(cell.detectedShares()).map(([k, v]) => [k, round(v)])),
        lossExceedance: EXCEEDANCE.map((p) => ({ probability: p, cost: round(cost.quantile(1 - p)) })),
        costPerHour: round(c.cost.perHour),
        costSource: c.cost.source,
      };
    }),
    deltas: c.deltas.map((d) => ({
      scenario: c.scenario.id,
      from: canonicalProfile(d.from),
      to: canonicalProfile(d.to),
      metrics: Object.fromEntries(c.metrics.map((m) => [m, statsJson(d.metrics.get(m)!.stats(), false)])),
    })),
  };
}
