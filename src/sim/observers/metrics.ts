// Metrics of one replication, read from its event log. Times are minutes from the moment
// the fault (or attack) began; a replication in which nothing went wrong (a change whose
// defect was caught in time) has no incident and zero for every time.
import type { SimResult } from '../engine.js';
import type { Scenario } from '../scenario.js';

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

export function metricsOf(result: SimResult, scenario: Scenario, costPerMinute: number): Metrics {
  const start = result.faultStart ?? 0;
  let detected: number | undefined;
  let acknowledged: number | undefined;
  let restoredAt: number | undefined;
  let firstRestored: number | undefined;
  let wasRestored = false;
  let contained: number | undefined;
  let closed: number | undefined;
  let detectedBy: Channel | 'none' = 'none';
  let lastSignal: string | undefined;
  let autoRemediated = false;
  let deployed: number | undefined;
  let impact = 0;
  let since = start;
  let disruption = 0;
  let loss = 0;
  const flags = { compromise: 0, lateralMovement: 0, exfiltration: 0 };
  let incident = 0;
  for (const e of result.log) {
    switch (e.kind) {
      case 'impact':
        disruption += impact * (e.t - since);
        impact = e.impact;
        since = e.t;
        break;
      case 'stage':
        if (e.happened) {
          loss += e.loss;
          if (e.flag) flags[e.flag] = 1;
        }
        break;
      case 'start':
        if (e.machine === 'incident') incident = 1;
        break;
      case 'step': {
        if (e.machine === 'change') {
          if (e.event === 'DEPLOYED' && deployed === undefined) deployed = e.t;
          break;
        }
        const channel = CHANNEL_OF[e.event];
        if (channel !== undefined) lastSignal = e.event;
        const tags = e.tags;
        if (detected === undefined && tags.includes('detected')) {
          detected = e.t;
          detectedBy = channel ?? (lastSignal ? CHANNEL_OF[lastSignal]! : 'none');
        }
        if (acknowledged === undefined && tags.includes('acknowledged')) acknowledged = e.t;
        if (e.event === 'AUTO_REMEDIATED') autoRemediated = true;
        if (e.event === 'CONTAINED' && contained === undefined) contained = e.t;
        // Service counts as restored at the last entry into a restored state (a reopen undoes it).
        const restoredNow = tags.includes('restored');
        if (restoredNow && !wasRestored) restoredAt = e.t;
        if (restoredNow) firstRestored ??= e.t;
        wasRestored = restoredNow;
        if (e.to === 'closed') closed = e.t;
        break;
      }
      default:
        break;
    }
  }
  const rel = (t: number | undefined) => (t === undefined ? 0 : t - start);
  const security = Boolean(scenario.attack);
  const m: Metrics = {
    incident,
    mttd: rel(detected),
    mtta: rel(acknowledged),
    mttr: rel(restoredAt),
    close: rel(closed),
    disruption,
    cost: disruption * costPerMinute + loss,
    detectedBy: autoRemediated && detectedBy === 'anomaly' ? 'automation' : detectedBy,
  };
  if (security) {
    m.mttc = rel(contained ?? firstRestored);
    Object.assign(m, flags);
  }
  if (scenario.change?.role === 'subject') m.leadTime = deployed === undefined ? 0 : deployed;
  return m;
}
