// The incident workflow's rules both ways, at all 3,125 profiles and every combination
// of facts: each event is taken in a state exactly when the seeds say it is, and leads
// where they say, in the XState machine and in the compiled table (test/support/rules.ts
// explains how, and why the grouping of inputs is exact).
//
// The specification below is written from the seed documents, not from the machine's
// rules: it imports nothing from machines/incident.ts but the machine under test, so a
// rule made stricter or looser there disagrees with it. Seed sections are cited as
// file number and section.
import { incidentWorkflow, type IncidentFacts } from '../../machines/index.js';
import type { Profile } from '../../src/model/index.js';
import { describeRulesBothWays, product, type Case, type Spec } from '../support/rules.js';

/** The incident's own flags: what happened so far that opens or closes transitions. */
interface Flags {
  major: boolean;
  contained: boolean;
  changeIdentified: boolean;
  linkedProblem: boolean;
}
type C = Case<IncidentFacts, Flags>;

const NONE: Flags = { major: false, contained: false, changeIdentified: false, linkedProblem: false };
const with_ = (f: Partial<Flags>): Flags => ({ ...NONE, ...f });

/** Every combination of facts, impossible ones included (a recorded change behind a fault changes nothing). */
const FACTS = product({
  cause: ['fault', 'change', 'attack'],
  changeRecorded: [false, true],
  securityAlert: [false, true],
  canFailOver: [false, true],
  selfHealable: [false, true],
  recurring: [false, true],
} as const satisfies Record<keyof IncidentFacts, readonly unknown[]>) as IncidentFacts[];

// ---- the rules, as the seeds give them ------------------------------------------------

/** Security alerts go to the SOC, everything else to the service desk (003 Level 1-2, Example scenarios). */
const responder = (c: C) => (c.f.securityAlert ? c.p.secOps : c.p.serviceDesk);
const lvl = (c: C): Profile => c.p;

/** 000 Level 5, Example scenario: a closed loop rebuilds through the IaC pipeline (observability 5 on change 4). */
const selfHeals = (c: C) => c.f.selfHealable && lvl(c).observability === 5 && lvl(c).change >= 4;
/** 000 Level 4, Attributes (statistical baselines flag anomalies); 003 Level 4, SOC focus (for security alerts). */
const flagsAnomalies = (c: C) => lvl(c).observability >= 4 || (c.f.securityAlert && lvl(c).secOps >= 4);
/**
 * 000 Level 3, Steps to Mature: the CMDB integrated with tickets shows a recorded change on
 * the asset; 000 Level 4, Attributes: drift is flagged live, so any change shows.
 */
const changeOnTicket = (c: C) => c.f.cause === 'change' && ((c.f.changeRecorded && lvl(c).config >= 3) || lvl(c).config >= 4);

// Tags: detected (someone inside knows), acknowledged (a responder owns it), restored
// (service is back), slaClock (the response clock runs; it stops while a ticket waits for
// business hours under a business-hours SLA).
const SPEC: Spec<IncidentFacts, Flags> = {
  workflow: incidentWorkflow,
  facts: FACTS,
  initialFlags: NONE,
  flagKeys: ['major', 'contained', 'changeIdentified', 'linkedProblem'],
  transient: ['respond.starting'],
  states: [
    {
      state: 'identify.undetected',
      tags: [],
      flags: [NONE],
      on: {
        USER_REPORT: { to: 'identify.intake' },
        EXTERNAL_NOTIFICATION: { to: 'identify.intake' },
        AVAILABILITY_ALERT: { to: 'categorize.queued', says: 'up/down pings exist at every level (000 Level 1, Attributes)' },
        PERFORMANCE_ALERT: {
          to: 'categorize.queued',
          when: (c) => lvl(c).observability >= 2,
          guard: 'hasPerformanceMonitoring',
          says: 'resource monitoring from observability 2 (000 Level 1, Steps to Mature; Level 2, Attributes)',
        },
        SECURITY_ALERT: {
          to: 'categorize.queued',
          when: (c) => lvl(c).secOps >= 2,
          guard: 'hasSocMonitoring',
          says: 'a SIEM raises alerts from secOps 2 (003 Level 2, SOC focus)',
        },
        ANOMALY_DETECTED: {
          to: (c) => (selfHeals(c) ? 'identify.autoRemediating' : 'categorize.queued'),
          when: (c) => selfHeals(c) || flagsAnomalies(c),
          guard: 'canSelfHeal, hasAnomalyDetection',
          says:
            'self-healing at observability 5 with change 4 for a repairable fault (000 Level 5, Example scenario), else a flag for people from observability 4, or secOps 4 for a security alert (000 Level 4, Attributes; 003 Level 4, SOC focus)',
        },
      },
    },
    {
      state: 'identify.intake',
      tags: [],
      flags: [NONE],
      on: {
        TICKET_LOGGED: { to: 'categorize.queued' },
        TICKET_LOST: {
          to: 'identify.undetected',
          when: (c) => lvl(c).serviceDesk === 1,
          guard: 'hasBestEffortIntake',
          says: 'only best-effort intake at service desk 1 loses reports (000 Level 1, Attributes and Steps to Mature)',
        },
      },
    },
    {
      state: 'identify.autoRemediating',
      tags: ['detected', 'acknowledged', 'slaClock'],
      flags: [NONE],
      on: { AUTO_REMEDIATED: { to: 'close.resolved' }, AUTO_REMEDIATION_FAILED: { to: 'categorize.triage' } },
    },
    {
      state: 'categorize.queued',
      tags: ['detected', 'slaClock'],
      flags: [NONE],
      on: {
        ACKNOWLEDGED: { to: 'categorize.triage' },
        AFTER_HOURS: {
          to: 'categorize.afterHours',
          when: (c) => responder(c) <= 2,
          guard: 'lacksRoundTheClockCover',
          says: 'an after-hours gap below level 3 of the responding team, identical cover on every shift from 3 (000 Level 3, Attributes)',
        },
      },
    },
    {
      state: 'categorize.afterHours',
      tags: ['detected', 'slaClock'],
      flags: [NONE],
      on: {
        PAGE_ON_CALL: {
          to: 'categorize.paging',
          when: (c) => responder(c) >= 2,
          guard: 'hasOnCall',
          says: 'on-call from level 2 of the responding team (003 Level 2, Example scenario: a response SLA at night)',
        },
        CALLED_OUT: {
          to: 'categorize.paging',
          when: (c) => !c.f.securityAlert && lvl(c).serviceDesk === 1,
          guard: 'reliesOnHeroics',
          says:
            'an informal call-out only without on-call at service desk 1, never for a security alert in a ticket queue (000 Level 1, Example scenario; 004 4.3.1; 003 Level 1, Example scenario)',
        },
        WAIT_FOR_BUSINESS_HOURS: { to: 'categorize.waitingForBusinessHours' },
      },
    },
    { state: 'categorize.paging', tags: ['detected', 'slaClock'], flags: [NONE], on: { ACKNOWLEDGED: { to: 'categorize.triage' } } },
    { state: 'categorize.waitingForBusinessHours', tags: ['detected'], flags: [NONE], on: { BUSINESS_HOURS: { to: 'categorize.queued' } } },
    {
      state: 'categorize.triage',
      tags: ['detected', 'acknowledged', 'slaClock'],
      flags: [NONE],
      on: {
        CATEGORIZED: { to: 'prioritize' },
        MISROUTED: {
          to: 'categorize.misrouted',
          when: (c) => lvl(c).serviceDesk === 2,
          guard: 'hasSiloedQueues',
          says: 'misrouting between siloed queues at service desk 2 only (000 Level 2, Attributes; unified workflows from 3)',
        },
        CHANGE_CORRELATED: {
          to: 'respond.remediating',
          when: changeOnTicket,
          guard: 'seesChangeInTicket',
          says: 'the ticket shows a recorded change from config 3, any change from config 4 (000 Level 3, Steps to Mature; Level 4, Attributes)',
        },
        PROBLEM_MATCHED: {
          to: 'respond.remediating',
          when: (c) => c.f.recurring && lvl(c).serviceDesk >= 4,
          guard: 'groupsIntoProblems',
          says: 'a recurring incident joins its known problem automatically from service desk 4 (000 Level 4, Attributes)',
        },
      },
    },
    { state: 'categorize.misrouted', tags: ['detected', 'acknowledged', 'slaClock'], flags: [NONE], on: { REROUTED: { to: 'categorize.triage' } } },
    {
      state: 'prioritize',
      tags: ['detected', 'acknowledged', 'slaClock'],
      flags: [NONE],
      on: {
        PRIORITIZED: { to: 'respond.investigating' },
        DECLARED_MAJOR: {
          to: 'respond.mobilizing',
          when: (c) => lvl(c).serviceDesk >= 3,
          guard: 'hasMajorIncidentProcess',
          says: 'a major-incident process with a bridge from service desk 3 (001 Defined stage; 002 Detection and response)',
        },
      },
    },
    { state: 'respond.mobilizing', tags: ['detected', 'acknowledged', 'slaClock'], flags: [with_({ major: true })], on: { BRIDGE_OPENED: { to: 'respond.investigating' } } },
    {
      state: 'respond.investigating',
      tags: ['detected', 'acknowledged', 'slaClock'],
      flags: [NONE, with_({ contained: true }), with_({ changeIdentified: true })],
      on: {
        CAUSE_FOUND: { to: 'respond.remediating' },
        ESCALATED: {
          to: 'respond.investigating',
          when: (c) => responder(c) >= 2,
          guard: 'hasTieredSupport',
          says: 'tiered escalation from level 2 of the responding team (000 Level 2, Steps to Mature; 003 Level 2, SOC focus)',
        },
        CHANGE_IDENTIFIED: { to: 'respond.remediating', when: (c) => c.f.cause === 'change', guard: 'causedByChange', says: 'only a change can be found as the cause' },
        THREAT_CONFIRMED: {
          to: 'respond.containing',
          when: (c) => c.f.securityAlert && !c.x.contained,
          guard: 'isUncontainedAttack',
          says: 'only a suspected attack, not yet contained, is confirmed as a threat',
        },
      },
    },
    { state: 'respond.containing', tags: ['detected', 'acknowledged', 'slaClock'], flags: [NONE], on: { CONTAINED: { to: 'respond.investigating' } } },
    {
      state: 'respond.remediating',
      tags: ['detected', 'acknowledged', 'slaClock'],
      flags: [NONE, with_({ changeIdentified: true })],
      on: {
        FIX_APPLIED: { to: 'respond.verifying' },
        ROLLBACK_APPLIED: { to: 'respond.verifying', when: (c) => c.x.changeIdentified, guard: 'canRollBack', says: 'a rollback once the causing change is identified' },
        FAILOVER_DONE: { to: 'respond.verifying', when: (c) => c.f.canFailOver, guard: 'canFailOver', says: 'a failover needs a standby' },
      },
    },
    { state: 'respond.verifying', tags: ['detected', 'acknowledged', 'slaClock'], flags: [NONE], on: { VERIFIED: { to: 'close.resolved' }, FIX_FAILED: { to: 'respond.investigating' } } },
    {
      state: 'close.resolved',
      tags: ['detected', 'acknowledged', 'restored'],
      flags: [NONE, with_({ linkedProblem: true })],
      on: {
        REOPENED: { to: 'respond.investigating' },
        CLOSED: {
          to: (c) => (lvl(c).serviceDesk >= 3 && !c.x.linkedProblem ? 'close.problemRecord' : 'closed'),
          guard: 'needsProblemRecord',
          says: 'closing raises a problem record from service desk 3, unless the incident joined a known problem (000 Level 3, Steps to Mature)',
        },
      },
    },
    { state: 'close.problemRecord', tags: ['detected', 'acknowledged', 'restored'], flags: [NONE], on: { PROBLEM_RECORDED: { to: 'closed' } } },
    { state: 'closed', tags: ['detected', 'acknowledged', 'restored'], flags: [NONE], on: {} },
  ],
};

describeRulesBothWays('incident rules both ways, at all 3,125 profiles x 96 combinations of facts', SPEC);
