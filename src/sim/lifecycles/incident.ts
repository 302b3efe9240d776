// When things happen in the incident workflow: for each state, the activity that runs
// there, how long it takes and how it ends, all drawn from calibration parameters. The
// machine decides which events exist at the profile (`accepts`); this decides between
// them. States that only wait (for a signal, for business hours) schedule nothing here.
import type { Handler, Run, SimContext } from '../engine.js';
import { DOMAINS } from '../../model/index.js';
import { TOP_TIER } from '../constants.js';

/** Whether the incident warrants waking someone: the scenario says so, a security alert, or enough of the business hit. */
function urgent(sim: SimContext): boolean {
  return (
    sim.scenario.urgent ??
    (Boolean(sim.incidentFacts?.securityAlert) || sim.scenario.service.impact >= sim.value('policy.pageImpactThreshold'))
  );
}

/** The responding team's parameters, e.g. `secOps.ackDelay`, written out once rather than built on every draw. */
const TEAM_PARAMS = ['handoffDelay', 'ackDelay', 'pageResponse', 'triageTime', 'escalationChance', 'escalationTimebox', 'verifyTime'] as const;
type TeamParam = (typeof TEAM_PARAMS)[number];
const TEAM: Record<string, Record<TeamParam, string>> = Object.fromEntries(
  DOMAINS.map((d) => [d, Object.fromEntries(TEAM_PARAMS.map((n) => [n, `${d}.${n}`])) as Record<TeamParam, string>]),
);

/** The responder's own parameter `name`. */
function team(sim: SimContext, name: TeamParam): string {
  return TEAM[sim.responder]![name];
}

function tierOf(run: Run): number {
  return Number(run.notes.tier ?? 1);
}

/** Diagnosis runs faster on a major-incident bridge (everyone needed is on the call). */
function swarm(sim: SimContext, run: Run): number {
  return run.notes.major ? sim.value('policy.majorDiagnosisFactor') : 1;
}

/** The handoff to a new tier costs time before the new tier starts work. */
function takeHandoff(sim: SimContext, run: Run): number {
  if (!run.notes.handoffPending) return 0;
  run.notes.handoffPending = false;
  return sim.draw(team(sim, 'handoffDelay'));
}

export const incidentHandlers: Record<string, Handler> = {
  'identify.intake': (sim, run) => {
    const lost = sim.accepts(run, 'TICKET_LOST') && sim.chance('serviceDesk.reportLoss');
    sim.act(run, sim.draw('serviceDesk.intakeDelay'), lost ? 'TICKET_LOST' : 'TICKET_LOGGED');
  },

  'identify.autoRemediating': (sim, run) => {
    const works = sim.chance('observability.autoRemediationSuccess');
    sim.act(run, sim.draw('observability.autoRemediationTime'), works ? 'AUTO_REMEDIATED' : 'AUTO_REMEDIATION_FAILED');
  },

  'categorize.queued': (sim, run) => {
    // The wait for acknowledgement counts staffed time only: a backlog carries over the night.
    if (run.notes.ackRemaining === undefined) {
      const backlog = urgent(sim) ? 0 : sim.draw('serviceDesk.lowPriorityBacklog');
      run.notes.ackRemaining = sim.draw(team(sim, 'ackDelay')) + backlog;
    }
    const remaining = Number(run.notes.ackRemaining);
    const offHoursPossible = sim.accepts(run, 'AFTER_HOURS');
    if (offHoursPossible && !sim.calendar.isBusinessHours(sim.t)) return sim.act(run, 0, 'AFTER_HOURS');
    const closing = offHoursPossible ? sim.calendar.businessEnd(sim.t) : Infinity;
    if (sim.t + remaining <= closing) return sim.act(run, remaining, 'ACKNOWLEDGED');
    run.notes.ackRemaining = remaining - (closing - sim.t);
    sim.at(run, closing, 'AFTER_HOURS');
  },

  'categorize.afterHours': (sim, run) => {
    if (urgent(sim) && sim.accepts(run, 'PAGE_ON_CALL')) return sim.act(run, 0, 'PAGE_ON_CALL');
    if (urgent(sim) && sim.accepts(run, 'CALLED_OUT') && sim.chance('serviceDesk.informalCalloutChance')) {
      return sim.act(run, 0, 'CALLED_OUT');
    }
    sim.act(run, 0, 'WAIT_FOR_BUSINESS_HOURS');
  },

  'categorize.paging': (sim, run) => {
    const informal = run.lastEvent === 'CALLED_OUT';
    sim.act(run, sim.draw(informal ? 'serviceDesk.informalCalloutDelay' : team(sim, 'pageResponse')), 'ACKNOWLEDGED');
  },

  'categorize.waitingForBusinessHours': (sim, run) => {
    sim.at(run, sim.calendar.nextBusinessStart(sim.t), 'BUSINESS_HOURS');
  },

  'categorize.triage': (sim, run) => {
    const triage = sim.draw(team(sim, 'triageTime'));
    if (sim.accepts(run, 'PROBLEM_MATCHED') && sim.chance('serviceDesk.problemMatchChance')) return sim.act(run, triage, 'PROBLEM_MATCHED');
    if (sim.accepts(run, 'CHANGE_CORRELATED') && sim.chance('config.changeCorrelationChance')) {
      return sim.act(run, sim.draw('config.changeCorrelationTime'), 'CHANGE_CORRELATED');
    }
    if (sim.accepts(run, 'MISROUTED') && sim.chance('serviceDesk.misrouteChance')) return sim.act(run, triage, 'MISROUTED');
    sim.act(run, triage, 'CATEGORIZED');
  },

  'categorize.misrouted': (sim, run) => sim.act(run, sim.draw('serviceDesk.rerouteDelay'), 'REROUTED'),

  prioritize: (sim, run) => {
    const major = sim.scenario.service.impact >= sim.value('policy.majorImpactThreshold') && sim.accepts(run, 'DECLARED_MAJOR');
    sim.act(run, sim.draw('serviceDesk.prioritizeTime'), major ? 'DECLARED_MAJOR' : 'PRIORITIZED');
  },

  'respond.mobilizing': (sim, run) => sim.act(run, sim.draw('serviceDesk.bridgeTime'), 'BRIDGE_OPENED'),

  'respond.investigating': (sim, run) => {
    const facts = sim.incidentFacts!;
    const handoff = takeHandoff(sim, run);
    if (sim.accepts(run, 'THREAT_CONFIRMED')) {
      // A security alert: a real attack is confirmed; a change or a fault that looks like
      // one sends the SOC into its incident-response protocol unless it can see the cause.
      const treatAsAttack = facts.cause === 'attack' || sim.chance('secOps.suspectAttackChance');
      if (treatAsAttack) return sim.act(run, handoff + sim.draw('secOps.confirmTime'), 'THREAT_CONFIRMED');
    }
    if (facts.cause === 'attack') return sim.act(run, handoff + sim.draw('secOps.eradicationTime'), 'CAUSE_FOUND');
    if (sim.accepts(run, 'ESCALATED') && tierOf(run) < TOP_TIER && sim.chance(team(sim, 'escalationChance'))) {
      run.notes.handoffPending = true;
      return sim.act(run, handoff + sim.draw(team(sim, 'escalationTimebox')), 'ESCALATED');
    }
    if (facts.cause === 'change') {
      const find = sim.draw(facts.changeRecorded ? 'config.findRecordedChange' : 'config.findUnrecordedChange');
      return sim.act(run, handoff + find * swarm(sim, run), 'CHANGE_IDENTIFIED');
    }
    sim.act(run, handoff + sim.draw('serviceDesk.diagnosisTime') * swarm(sim, run), 'CAUSE_FOUND');
  },

  'respond.containing': (sim, run) => sim.act(run, sim.draw('secOps.containTime'), 'CONTAINED'),

  'respond.remediating': (sim, run) => {
    // Restore first: roll back a known bad change, else fail over, else fix.
    if (sim.accepts(run, 'ROLLBACK_APPLIED')) return sim.act(run, sim.draw('change.rollbackTime'), 'ROLLBACK_APPLIED');
    if (sim.accepts(run, 'FAILOVER_DONE')) return sim.act(run, sim.draw('observability.failoverTime'), 'FAILOVER_DONE');
    const attack = sim.incidentFacts!.cause === 'attack';
    sim.act(run, sim.draw(attack ? 'secOps.recoveryTime' : 'serviceDesk.fixTime'), 'FIX_APPLIED');
  },

  'respond.verifying': (sim, run) => {
    const how = run.lastEvent;
    const failParam =
      how === 'ROLLBACK_APPLIED'
        ? 'change.rollbackFailChance'
        : how === 'FAILOVER_DONE'
          ? 'observability.failoverFailChance'
          : sim.incidentFacts!.cause === 'attack'
            ? 'secOps.reinfectionChance'
            : 'serviceDesk.fixFailChance';
    const failed = sim.chance(failParam);
    sim.act(run, sim.draw(team(sim, 'verifyTime')), failed ? 'FIX_FAILED' : 'VERIFIED');
  },

  'close.resolved': (sim, run) => {
    if (sim.chance('serviceDesk.reopenChance')) return sim.act(run, sim.draw('users.recurrenceReportDelay'), 'REOPENED');
    sim.act(run, sim.draw('serviceDesk.closeDelay'), 'CLOSED');
  },

  'close.problemRecord': (sim, run) => sim.act(run, sim.draw('serviceDesk.problemRecordTime'), 'PROBLEM_RECORDED'),
};
