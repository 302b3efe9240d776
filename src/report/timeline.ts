// A replication's log as a readable timeline: virtual minute, wall clock, machine,
// state, event, and a note in plain words. Shared by `imsim run`, tabletops and
// transcripts, so every view tells the story the same way.
import type { Calendar } from '../sim/environment/calendar.js';
import type { LogEntry } from '../sim/log.js';

/** What each event means, in one line. */
export const EVENT_NOTES: Record<string, string> = {
  USER_REPORT: 'a user reports the problem',
  EXTERNAL_NOTIFICATION: 'a provider or outsider notifies us',
  AVAILABILITY_ALERT: 'an up/down check fails and alerts',
  PERFORMANCE_ALERT: 'a resource threshold alert fires',
  ANOMALY_DETECTED: 'a deviation from the baseline is flagged',
  SECURITY_ALERT: 'the SOC raises an alert',
  AUTO_REMEDIATED: 'automation repairs it without people',
  AUTO_REMEDIATION_FAILED: 'automation could not repair it; people take over',
  TICKET_LOGGED: 'a ticket is logged',
  TICKET_LOST: 'the report is lost: no ticket',
  AFTER_HOURS: 'nobody is on shift',
  PAGE_ON_CALL: 'the on-call engineer is paged',
  CALLED_OUT: 'someone phones an engineer at home',
  WAIT_FOR_BUSINESS_HOURS: 'it waits for the next business day',
  BUSINESS_HOURS: 'the business day starts',
  ACKNOWLEDGED: 'a responder acknowledges it',
  CATEGORIZED: 'it is categorized and routed',
  MISROUTED: 'it lands in the wrong team\'s queue',
  REROUTED: 'it comes back for re-routing',
  CHANGE_CORRELATED: 'the ticket shows the recent change on this asset',
  PROBLEM_MATCHED: 'it is grouped under a known problem',
  PRIORITIZED: 'priority is set',
  DECLARED_MAJOR: 'a major incident is declared',
  BRIDGE_OPENED: 'the incident bridge is open',
  ESCALATED: 'escalated to the next tier',
  CAUSE_FOUND: 'the cause is found',
  CHANGE_IDENTIFIED: 'the causing change is found',
  THREAT_CONFIRMED: 'treated as a confirmed attack',
  CONTAINED: 'the threat is contained',
  FIX_APPLIED: 'a fix is applied',
  ROLLBACK_APPLIED: 'the change is rolled back',
  FAILOVER_DONE: 'service fails over to the standby',
  VERIFIED: 'service is verified as restored',
  FIX_FAILED: 'the fix did not hold',
  REOPENED: 'the problem is back; the incident reopens',
  CLOSED: 'the incident is closed',
  PROBLEM_RECORDED: 'a problem record is raised',
  SUBMITTED: 'a change request is recorded',
  UNAUTHORIZED_CHANGE: 'someone changes production with no record',
  ASSESSED: 'the change is assessed',
  RISK_FLAGGED: 'risk scoring flags the change',
  WITHDRAWN: 'the change is withdrawn',
  REPLANNED: 'the change is re-planned',
  POLICY_PASSED: 'pipeline policy checks pass',
  POLICY_FAILED: 'pipeline checks catch a problem',
  NOTIFIED: 'a standard change is notified',
  EMERGENCY_APPROVED: 'emergency approval is given',
  CAB_APPROVED: 'the advisory board approves',
  CAB_REJECTED: 'the advisory board rejects it',
  WINDOW_OPENED: 'the maintenance window opens',
  SLOT_BOOKED: 'an implementation slot comes up',
  DEPLOYED: 'the change is deployed',
  DEPLOY_FAILED: 'the deployment fails',
  DEGRADATION_FOUND: 'verification finds a degradation',
  STABLE: 'the change is stable and closed',
  FAILURE_SURFACED: 'the change\'s defect hurts the service',
  ROLLED_BACK: 'the change is rolled back',
  ROLLBACK_FAILED: 'the rollback fails',
  INCIDENT_RESOLVED: 'the incident it caused is resolved',
};

export interface TimelineRow {
  minute: number;
  wall: string;
  /** incident, change, fault, attacker, inject or decision. */
  source: string;
  state: string;
  event: string;
  note: string;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

export function timelineRows(log: readonly LogEntry[], calendar: Calendar): TimelineRow[] {
  return log.map((e) => {
    const base = { minute: e.t, wall: calendar.format(e.t) };
    switch (e.kind) {
      case 'start':
        return { ...base, source: e.machine, state: e.state, event: 'start', note: e.note };
      case 'step':
        return { ...base, source: e.machine, state: e.to, event: e.event, note: EVENT_NOTES[e.event] ?? '' };
      case 'phase':
        return {
          ...base,
          source: 'fault',
          state: '',
          event: e.happened ? 'phase' : 'averted',
          note: e.happened ? `${e.name} (impact ${pct(e.impact)})` : `${e.name}: averted, service already restored`,
        };
      case 'stage':
        return {
          ...base,
          source: 'attacker',
          state: '',
          event: e.happened ? e.id : 'stopped',
          note: e.happened ? e.label : `${e.label}: stopped, already contained`,
        };
      case 'impact':
        return { ...base, source: 'business', state: '', event: 'impact', note: `${pct(e.impact)} of the business affected` };
      case 'inject':
        return { ...base, source: 'inject', state: '', event: 'inject', note: e.text };
      case 'decision':
        return { ...base, source: 'decision', state: e.point, event: `option ${e.index}`, note: e.label };
    }
  });
}

/** Minutes as a short duration: `45m`, `3h 20m`, `2d 4h`. */
export { duration } from '../sim/environment/calendar.js';
