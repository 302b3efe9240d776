// Metrics of one story (one replication of a scenario), accumulated as things happen:
// streamed from the world by MetricsObserver, or read back from a kept event log by
// metricsOf. Both feed the same accumulator, so they cannot disagree (a property test
// checks the wiring). Times are minutes from the moment the fault (or attack) began; a
// story in which nothing went wrong (a change whose defect was caught in time) has no
// incident and zero for every time.
import type { Lifecycle } from '../lifecycles/index.js';
import type { LogEntry, MachineId } from '../log.js';
import type { AttackFlag, AttackStage, FaultPhase, Scenario } from '../scenario.js';
import type { Story, WorldObserver } from '../world/index.js';

export const CHANNELS = ['user', 'external', 'monitoring', 'anomaly', 'automation'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface Metrics {
  /** 1 when an incident happened, 0 when the trouble never reached the business. */
  incident: number;
  mttd: number;
  mtta: number;
  mttr: number;
  /** Security scenarios: when the attacker was contained (containment, or the first restoration, which closed the door). */
  mttc?: number;
  close: number;
  /** Impact-minutes: the affected share of the business times the minutes it lasted. */
  disruption: number;
  /** Disruption times the cost per minute, plus losses from attacker stages. */
  cost: number;
  compromise?: number;
  lateralMovement?: number;
  exfiltration?: number;
  /** Change scenarios: minutes from request to deployment (0 if never deployed). */
  leadTime?: number;
  detectedBy: Channel | 'none';
}

const CHANNEL_OF: Record<string, Channel> = {
  USER_REPORT: 'user',
  EXTERNAL_NOTIFICATION: 'external',
  AVAILABILITY_ALERT: 'monitoring',
  PERFORMANCE_ALERT: 'monitoring',
  SECURITY_ALERT: 'monitoring',
  ANOMALY_DETECTED: 'anomaly',
};

/** One story's running metrics (absolute times until `result` makes them relative to the fault's start). */
export class MetricsAccumulator {
  private detected: number | undefined;
  private acknowledged: number | undefined;
  private restoredAt: number | undefined;
  private firstRestored: number | undefined;
  private wasRestored = false;
  private contained: number | undefined;
  private closed: number | undefined;
  private detectedBy: Channel | 'none' = 'none';
  private lastSignal: string | undefined;
  private autoRemediated = false;
  private deployed: number | undefined;
  private impact = 0;
  // The impact is 0 until the fault's first phase, so where the integral starts adds nothing.
  private since = 0;
  private disruption = 0;
  private loss = 0;
  private readonly flags = { compromise: 0, lateralMovement: 0, exfiltration: 0 };
  private incident = 0;

  started(machine: MachineId): void {
    if (machine === 'incident') this.incident = 1;
  }

  stepped(t: number, machine: MachineId, event: string, to: string, tags: readonly string[]): void {
    if (machine === 'change') {
      if (event === 'DEPLOYED' && this.deployed === undefined) this.deployed = t;
      return;
    }
    const channel = CHANNEL_OF[event];
    if (channel !== undefined) this.lastSignal = event;
    if (this.detected === undefined && tags.includes('detected')) {
      this.detected = t;
      this.detectedBy = channel ?? (this.lastSignal ? CHANNEL_OF[this.lastSignal]! : 'none');
    }
    if (this.acknowledged === undefined && tags.includes('acknowledged')) this.acknowledged = t;
    if (event === 'AUTO_REMEDIATED') this.autoRemediated = true;
    if (event === 'CONTAINED' && this.contained === undefined) this.contained = t;
    // Service counts as restored at the last entry into a restored state (a reopen undoes it).
    const restoredNow = tags.includes('restored');
    if (restoredNow && !this.wasRestored) this.restoredAt = t;
    if (restoredNow) this.firstRestored ??= t;
    this.wasRestored = restoredNow;
    if (to === 'closed') this.closed = t;
  }

  staged(happened: boolean, loss: number, flag: AttackFlag | undefined): void {
    if (!happened) return;
    this.loss += loss;
    if (flag) this.flags[flag] = 1;
  }

  impacted(t: number, impact: number): void {
    this.disruption += this.impact * (t - this.since);
    this.impact = impact;
    this.since = t;
  }

  /** The metrics, with times from `faultStart` (0 when nothing went wrong). */
  result(faultStart: number | undefined, scenario: Scenario, costPerMinute: number): Metrics {
    const start = faultStart ?? 0;
    const rel = (t: number | undefined) => (t === undefined ? 0 : t - start);
    const m: Metrics = {
      incident: this.incident,
      mttd: rel(this.detected),
      mtta: rel(this.acknowledged),
      mttr: rel(this.restoredAt),
      close: rel(this.closed),
      disruption: this.disruption,
      cost: this.disruption * costPerMinute + this.loss,
      detectedBy: this.autoRemediated && this.detectedBy === 'anomaly' ? 'automation' : this.detectedBy,
    };
    if (scenario.attack) {
      m.mttc = rel(this.contained ?? this.firstRestored);
      // Stages build on each other: moving laterally or taking data means the attacker got
      // in. An intrusion with no compromise stage starts with the attacker already in (a
      // suspicious login, an exfiltration under way); a flood compromises nothing.
      const f = this.flags;
      const inside = scenario.attack.signals.includes('intrusion') && !scenario.attack.stages.some((s) => s.flag === 'compromise');
      const compromise = inside || f.compromise || f.lateralMovement || f.exfiltration ? 1 : 0;
      Object.assign(m, { compromise, lateralMovement: f.lateralMovement, exfiltration: f.exfiltration });
    }
    if (scenario.change?.role === 'subject') m.leadTime = this.deployed === undefined ? 0 : this.deployed;
    return m;
  }
}

/** Metrics read back from a kept event log. */
export function metricsOf(result: { readonly log: readonly LogEntry[]; readonly faultStart?: number }, scenario: Scenario, costPerMinute: number): Metrics {
  const acc = new MetricsAccumulator();
  for (const e of result.log) {
    switch (e.kind) {
      case 'impact':
        acc.impacted(e.t, e.impact);
        break;
      case 'stage':
        acc.staged(e.happened, e.loss, e.flag);
        break;
      case 'start':
        acc.started(e.machine);
        break;
      case 'step':
        acc.stepped(e.t, e.machine, e.event, e.to, e.tags);
        break;
      default:
        break;
    }
  }
  return acc.result(result.faultStart, scenario, costPerMinute);
}

/** Metrics streamed from the world as things happen, one accumulator per story (by its index); no log is kept. */
export class MetricsObserver implements WorldObserver {
  private readonly stories: MetricsAccumulator[] = [];

  /** The accumulator of a story. */
  of(story: Story): MetricsAccumulator {
    return (this.stories[story.index] ??= new MetricsAccumulator());
  }

  /** A story's metrics so far. */
  metrics(story: Story, costPerMinute: number): Metrics {
    return this.of(story).result(story.faultStart, story.scenario, costPerMinute);
  }

  started(_t: number, story: Story, lc: Lifecycle): void {
    this.of(story).started(lc.machine);
  }

  stepped(t: number, story: Story, lc: Lifecycle, event: string): void {
    this.of(story).stepped(t, lc.machine, event, lc.stateKey(), lc.stepper.tags(lc.state));
  }

  phase(_t: number, _story: Story, _phase: FaultPhase, _happened: boolean): void {}

  stage(_t: number, story: Story, stage: AttackStage, happened: boolean, loss: number): void {
    this.of(story).staged(happened, loss, stage.flag);
  }

  impact(t: number, story: Story, impact: number): void {
    this.of(story).impacted(t, impact);
  }

  inject(): void {}

  decision(): void {}
}
