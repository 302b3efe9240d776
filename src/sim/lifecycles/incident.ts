// An incident: its typed flags and, for each state of the incident workflow, the
// activity that runs there, how long it takes and how it ends, all drawn from
// calibration parameters. The machine decides which events exist at the profile
// (`accepts`); this decides between them. States that only wait (for a signal, for an
// always-transition) are listed in INCIDENT_WAITS; a test checks that the two lists
// together are exactly the machine's leaf states.
import type { IncidentFacts } from '../../../machines/index.js';
import type { Domain } from '../../model/index.js';
import { REQUEST_PRIORITY, TOP_TIER } from '../constants.js';
import type { Streams } from '../environment/index.js';
import { Lifecycle, paramOf, params, type Clock, type Handler, type Param, type Tables } from './lifecycle.js';
import type { Stepper } from './stepper.js';

/** The calibration parameters this file draws, by number (a misspelt name fails to compile). */
const P = params(
  'change.rollbackFailChance',
  'change.rollbackTime',
  'config.changeCorrelationChance',
  'config.changeCorrelationTime',
  'config.findRecordedChange',
  'config.findUnrecordedChange',
  'observability.autoRemediationSuccess',
  'observability.backupRestoreFailChance',
  'observability.backupRestoreTime',
  'observability.autoRemediationTime',
  'observability.failoverFailChance',
  'observability.failoverTime',
  'policy.majorDiagnosisFactor',
  'policy.majorImpactThreshold',
  'policy.minorImpactThreshold',
  'policy.pageImpactThreshold',
  'secOps.confirmTime',
  'secOps.containTime',
  'secOps.eradicationTime',
  'secOps.recoveryTime',
  'secOps.reinfectionChance',
  'secOps.suspectAttackChance',
  'serviceDesk.bridgeTime',
  'serviceDesk.closeDelay',
  'serviceDesk.diagnosisTime',
  'serviceDesk.fixFailChance',
  'serviceDesk.fixTime',
  'serviceDesk.informalCalloutChance',
  'serviceDesk.informalCalloutDelay',
  'serviceDesk.intakeDelay',
  'serviceDesk.intakeWork',
  'serviceDesk.closeWork',
  'serviceDesk.lowPriorityBacklog',
  'serviceDesk.misrouteChance',
  'serviceDesk.prioritizeTime',
  'serviceDesk.problemMatchChance',
  'serviceDesk.problemRecordTime',
  'serviceDesk.reopenChance',
  'serviceDesk.reportLoss',
  'serviceDesk.rerouteDelay',
  'users.recurrenceReportDelay',
);

/** Who picks up an incident: the SOC for security alerts, the service desk otherwise. */
export type Responder = Extract<Domain, 'serviceDesk' | 'secOps'>;

export class IncidentLifecycle<Owner = unknown> extends Lifecycle<Owner> {
  readonly machine = 'incident' as const;
  /** The support tier working on it (1 = front line); escalations raise it. */
  tier = 1;
  /** An escalation happened: the next tier's handoff costs time before it starts work. */
  handoffPending = false;
  /** Acknowledgement minutes still owed, counted in staffed time only (drawn on first entry to the queue). */
  ackRemaining: number | undefined;
  /** The last report from a person (a user, an outsider): they try again if the ticket is lost. */
  lastReport: 'USER_REPORT' | 'EXTERNAL_NOTIFICATION' | undefined;
  /**
   * Declared a major incident: diagnosis runs on the bridge from then on. Not the
   * machine's `major`, which only means "the bridge is still to open" and is forgotten
   * once it opens (to keep the machine's state space small).
   */
  declaredMajor = false;
  /**
   * The causing change has been found once. After a rollback that did not hold or a
   * reopen, the responders check the change they already know rather than search for it
   * again: that takes as long as finding a recorded change.
   */
  changeFound = false;
  /**
   * Minutes to roll back the causing change, drawn once: undoing the same change takes the
   * same time however often it is tried (a rollback that did not hold is redone, not
   * re-planned from scratch), so a retry does not draw a new, possibly far longer, time.
   */
  rollbackMinutes: number | undefined;
  /** How service was last restored (the event that ended remediation): a rollback removes the cause. */
  restoredBy: string | undefined;
  /** A restore from backup did not bring the data back: the next try restores an older backup, with nothing left to eradicate. */
  restoreFailed = false;
  readonly responder: Responder;
  private urgency: boolean | undefined;

  constructor(
    stepper: Stepper<unknown>,
    streams: Streams,
    tables: Tables,
    owner: Owner,
    readonly facts: IncidentFacts,
    /** Share of the business hit at full impact (decides paging and major incidents). */
    readonly serviceImpact: number,
    /** The scenario's own say on urgency, if it has one. */
    private readonly urgentOverride: boolean | undefined,
    /** Service comes back only by restoring its data from backup (see Scenario.remediation). */
    readonly fromBackup = false,
  ) {
    super(stepper, streams, tables, owner);
    this.responder = facts.securityAlert ? 'secOps' : 'serviceDesk';
  }

  /** Whether it warrants waking someone: the scenario says so, a security alert, or enough of the business hit. */
  get urgent(): boolean {
    return (this.urgency ??= this.urgentOverride ?? (this.facts.securityAlert || this.serviceImpact >= this.value(P['policy.pageImpactThreshold'])));
  }

  /**
   * A genuinely minor ticket: not urgent, and no more of the business hit than a routine
   * change's reach. Only these wait in the low-priority backlog; an incident between the
   * minor and the paging thresholds is worked in business hours without waiting behind it.
   */
  get minor(): boolean {
    return !this.urgent && this.serviceImpact <= this.value(P['policy.minorImpactThreshold']);
  }

  /** A loud outage: at least a major incident's share of the business hit, whether or not the process to declare one exists. */
  get loud(): boolean {
    return this.serviceImpact >= this.value(P['policy.majorImpactThreshold']);
  }

  get priority(): number {
    if (this.declaredMajor) return REQUEST_PRIORITY.major;
    return this.urgent ? REQUEST_PRIORITY.urgent : REQUEST_PRIORITY.incident;
  }

  handlerFor(stateKey: string): Handler | undefined {
    return INCIDENT_HANDLERS.get(stateKey) as Handler | undefined;
  }
}

type Incident = IncidentLifecycle;

/** The responding team's parameters, e.g. `secOps.ackDelay`, numbered once rather than named on every draw. */
const TEAM_PARAMS = ['handoffDelay', 'ackDelay', 'ackWork', 'pageResponse', 'triageTime', 'escalationChance', 'escalationTimebox', 'verifyTime'] as const;
type TeamParam = (typeof TEAM_PARAMS)[number];
const teamParams = (team: Responder) => Object.fromEntries(TEAM_PARAMS.map((n) => [n, paramOf(`${team}.${n}`)])) as Record<TeamParam, Param>;
const TEAM: Record<Responder, Record<TeamParam, Param>> = { serviceDesk: teamParams('serviceDesk'), secOps: teamParams('secOps') };

/** The responder's own parameter `name`. */
function team(lc: Incident, name: TeamParam): Param {
  return TEAM[lc.responder][name];
}

/** Diagnosis runs faster on a major-incident bridge (everyone needed is on the call). */
function swarm(lc: Incident): number {
  return lc.declaredMajor ? lc.value(P['policy.majorDiagnosisFactor']) : 1;
}

/**
 * The handoff to a new tier costs time before the new tier starts work; with teams that
 * queue, that time is the wait in the next tier's queue, which the team itself gives.
 */
function takeHandoff(clock: Clock, lc: Incident): number {
  if (!lc.handoffPending) return 0;
  lc.handoffPending = false;
  return clock.queueing ? 0 : lc.draw(team(lc, 'handoffDelay'));
}

/** States where the incident waits for something outside it: a signal, or an always-transition. */
export const INCIDENT_WAITS = ['identify.undetected', 'respond.starting'] as const;

export const incidentHandlers = {
  'identify.intake': (clock, lc) => {
    const lost = lc.accepts('TICKET_LOST') && lc.chance(P['serviceDesk.reportLoss']);
    return lc.work('serviceDesk', lc.draw(clock.queueing ? P['serviceDesk.intakeWork'] : P['serviceDesk.intakeDelay']), lost ? 'TICKET_LOST' : 'TICKET_LOGGED');
  },

  'identify.autoRemediating': (_, lc) => {
    const works = lc.chance(P['observability.autoRemediationSuccess']);
    return lc.wait(lc.draw(P['observability.autoRemediationTime']), works ? 'AUTO_REMEDIATED' : 'AUTO_REMEDIATION_FAILED');
  },

  'categorize.queued': (clock, lc) => {
    // The wait for acknowledgement counts staffed time only: a backlog carries over the night.
    // With teams that queue, only the work of acknowledging: the backlog is the team's queue.
    if (lc.ackRemaining === undefined) {
      if (clock.queueing) lc.ackRemaining = lc.draw(team(lc, 'ackWork'));
      else {
        const backlog = lc.minor ? lc.draw(P['serviceDesk.lowPriorityBacklog']) : 0;
        lc.ackRemaining = lc.draw(team(lc, 'ackDelay')) + backlog;
      }
    }
    const remaining = lc.ackRemaining;
    const offHoursPossible = lc.accepts('AFTER_HOURS');
    if (offHoursPossible && !clock.calendar.isBusinessHours(clock.now)) return lc.wait(0, 'AFTER_HOURS');
    const closing = offHoursPossible ? clock.calendar.businessEnd(clock.now) : Infinity;
    if (clock.now + remaining <= closing) return lc.work(lc.responder, remaining, 'ACKNOWLEDGED');
    lc.ackRemaining = remaining - (closing - clock.now);
    return lc.until(closing, 'AFTER_HOURS');
  },

  'categorize.afterHours': (_, lc) => {
    if (lc.urgent && lc.accepts('PAGE_ON_CALL')) return lc.wait(0, 'PAGE_ON_CALL');
    // Without on-call, someone may still phone an engineer; for a loud outage (a major
    // incident's share of the business down) someone always does: the calls do not stop
    // (000 Level 1, Example scenario: engineers scramble at 10 PM).
    if (lc.urgent && lc.accepts('CALLED_OUT') && (lc.loud || lc.chance(P['serviceDesk.informalCalloutChance']))) return lc.wait(0, 'CALLED_OUT');
    return lc.wait(0, 'WAIT_FOR_BUSINESS_HOURS');
  },

  'categorize.paging': (clock, lc) => {
    const informal = lc.lastEvent === 'CALLED_OUT';
    // With teams, a page is the team's: its on-call pool answers after its response delay, then acknowledges.
    if (clock.queueing && !informal) return lc.work(lc.responder, lc.draw(team(lc, 'ackWork')), 'ACKNOWLEDGED');
    return lc.work(lc.responder, lc.draw(informal ? P['serviceDesk.informalCalloutDelay'] : team(lc, 'pageResponse')), 'ACKNOWLEDGED');
  },

  'categorize.waitingForBusinessHours': (clock, lc) => lc.until(clock.calendar.nextBusinessStart(clock.now), 'BUSINESS_HOURS'),

  'categorize.triage': (_, lc) => {
    const triage = lc.draw(team(lc, 'triageTime'));
    // A known problem skips the diagnosis, but an attacker still inside is contained first:
    // matching a repeated attack to its problem record does not lock the attacker out.
    const attackInside = lc.facts.cause === 'attack';
    if (!attackInside && lc.accepts('PROBLEM_MATCHED') && lc.chance(P['serviceDesk.problemMatchChance'])) return lc.work(lc.responder, triage, 'PROBLEM_MATCHED');
    if (lc.accepts('CHANGE_CORRELATED') && lc.chance(P['config.changeCorrelationChance'])) {
      return lc.work(lc.responder, lc.draw(P['config.changeCorrelationTime']), 'CHANGE_CORRELATED');
    }
    if (lc.accepts('MISROUTED') && lc.chance(P['serviceDesk.misrouteChance'])) return lc.work(lc.responder, triage, 'MISROUTED');
    return lc.work(lc.responder, triage, 'CATEGORIZED');
  },

  // With teams that queue, the ticket sits in another team's queue (outside the model): time passes, none of ours works.
  'categorize.misrouted': (clock, lc) =>
    clock.queueing ? lc.wait(lc.draw(P['serviceDesk.rerouteDelay']), 'REROUTED') : lc.work('serviceDesk', lc.draw(P['serviceDesk.rerouteDelay']), 'REROUTED'),

  prioritize: (_, lc) => {
    const major = lc.loud && lc.accepts('DECLARED_MAJOR');
    return lc.work('serviceDesk', lc.draw(P['serviceDesk.prioritizeTime']), major ? 'DECLARED_MAJOR' : 'PRIORITIZED');
  },

  'respond.mobilizing': (_, lc) => lc.work('serviceDesk', lc.draw(P['serviceDesk.bridgeTime']), 'BRIDGE_OPENED'),

  'respond.investigating': (clock, lc) => {
    const facts = lc.facts;
    const handoff = takeHandoff(clock, lc);
    if (lc.accepts('THREAT_CONFIRMED')) {
      // A security alert: a real attack is confirmed; a change or a fault that looks like
      // one sends the SOC into its incident-response protocol unless it can see the cause.
      const treatAsAttack = facts.cause === 'attack' || lc.chance(P['secOps.suspectAttackChance']);
      if (treatAsAttack) return lc.work('secOps', handoff + lc.draw(P['secOps.confirmTime']), 'THREAT_CONFIRMED');
    }
    if (facts.cause === 'attack') {
      // After a restore that failed, the intruder is already out: only an older backup is needed.
      const eradicated = lc.restoreFailed;
      lc.restoreFailed = false;
      return lc.work('secOps', handoff + (eradicated ? 0 : lc.draw(P['secOps.eradicationTime'])), 'CAUSE_FOUND');
    }
    if (lc.accepts('ESCALATED') && lc.tier < TOP_TIER && lc.chance(team(lc, 'escalationChance'))) {
      lc.handoffPending = true;
      return lc.work(lc.responder, handoff + lc.draw(team(lc, 'escalationTimebox')), 'ESCALATED');
    }
    if (facts.cause === 'change') {
      const find = lc.draw(facts.changeRecorded || lc.changeFound ? P['config.findRecordedChange'] : P['config.findUnrecordedChange']);
      return lc.work(lc.responder, handoff + find * swarm(lc), 'CHANGE_IDENTIFIED');
    }
    return lc.work(lc.responder, handoff + lc.draw(P['serviceDesk.diagnosisTime']) * swarm(lc), 'CAUSE_FOUND');
  },

  'respond.containing': (_, lc) => lc.work('secOps', lc.draw(P['secOps.containTime']), 'CONTAINED'),

  'respond.remediating': (_, lc) => {
    // Restore first: roll back a known bad change, else fail over, else fix.
    if (lc.lastEvent === 'CHANGE_IDENTIFIED') lc.changeFound = true;
    if (lc.accepts('ROLLBACK_APPLIED')) return lc.work('change', (lc.rollbackMinutes ??= lc.draw(P['change.rollbackTime'])), 'ROLLBACK_APPLIED');
    if (lc.accepts('FAILOVER_DONE')) return lc.work('observability', lc.draw(P['observability.failoverTime']), 'FAILOVER_DONE');
    // Destroyed or encrypted data: restoring from backup is its own step, after containment.
    if (lc.fromBackup) return lc.work('observability', lc.draw(P['observability.backupRestoreTime']), 'FIX_APPLIED');
    const attack = lc.facts.cause === 'attack';
    return lc.work(attack ? 'secOps' : lc.responder, lc.draw(attack ? P['secOps.recoveryTime'] : P['serviceDesk.fixTime']), 'FIX_APPLIED');
  },

  'respond.verifying': (_, lc) => {
    const how = lc.lastEvent;
    lc.restoredBy = how;
    const failParam =
      how === 'ROLLBACK_APPLIED'
        ? P['change.rollbackFailChance']
        : how === 'FAILOVER_DONE'
          ? P['observability.failoverFailChance']
          : lc.fromBackup
            ? P['observability.backupRestoreFailChance']
            : lc.facts.cause === 'attack'
            ? P['secOps.reinfectionChance']
            : P['serviceDesk.fixFailChance'];
    const failed = lc.chance(failParam);
    if (failed && lc.fromBackup && how === 'FIX_APPLIED') lc.restoreFailed = true;
    return lc.work(lc.responder, lc.draw(team(lc, 'verifyTime')), failed ? 'FIX_FAILED' : 'VERIFIED');
  },

  'close.resolved': (clock, lc) => {
    // A recurrence is the users' to notice; closing is the desk's paperwork. A cause that
    // was rolled back is gone: only a fix or a failover, which leave it in place, can recur.
    const recurs = lc.restoredBy !== 'ROLLBACK_APPLIED' && lc.chance(P['serviceDesk.reopenChance']);
    if (recurs) return lc.wait(lc.draw(P['users.recurrenceReportDelay']), 'REOPENED');
    return lc.work('serviceDesk', lc.draw(clock.queueing ? P['serviceDesk.closeWork'] : P['serviceDesk.closeDelay']), 'CLOSED');
  },

  'close.problemRecord': (_, lc) => lc.work('serviceDesk', lc.draw(P['serviceDesk.problemRecordTime']), 'PROBLEM_RECORDED'),
} satisfies Record<string, Handler<Incident>>;

// A Map, not the object: state keys are long dotted strings, and a Map finds them by
// their cached hash where an object property lookup would intern them first.
const INCIDENT_HANDLERS = new Map<string, Handler<Incident>>(Object.entries(incidentHandlers));
