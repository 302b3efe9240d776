// The incident workflow: identify -> categorize -> prioritize -> respond -> close.
// It says what can happen at a maturity profile, never when or how likely: time and
// numbers belong to the simulator and the calibration table. The profile and the facts
// of the incident come in as input; every level difference is a guard below.
import { assign, not, setup } from 'xstate';
import { fromRule } from './rules.js';
import type { Level, Profile } from '../src/model/index.js';

export const INCIDENT_EVENTS = [
  // identify: the signals that can reveal an incident
  'USER_REPORT',
  'EXTERNAL_NOTIFICATION',
  'AVAILABILITY_ALERT',
  'PERFORMANCE_ALERT',
  'ANOMALY_DETECTED',
  'SECURITY_ALERT',
  'AUTO_REMEDIATED',
  'AUTO_REMEDIATION_FAILED',
  'TICKET_LOGGED',
  'TICKET_LOST',
  // categorize: acknowledgement, after-hours cover, routing
  'AFTER_HOURS',
  'PAGE_ON_CALL',
  'CALLED_OUT',
  'WAIT_FOR_BUSINESS_HOURS',
  'BUSINESS_HOURS',
  'ACKNOWLEDGED',
  'CATEGORIZED',
  'MISROUTED',
  'REROUTED',
  'CHANGE_CORRELATED',
  'PROBLEM_MATCHED',
  // prioritize
  'PRIORITIZED',
  'DECLARED_MAJOR',
  // respond
  'BRIDGE_OPENED',
  'ESCALATED',
  'CAUSE_FOUND',
  'CHANGE_IDENTIFIED',
  'THREAT_CONFIRMED',
  'CONTAINED',
  'FIX_APPLIED',
  'ROLLBACK_APPLIED',
  'FAILOVER_DONE',
  'VERIFIED',
  'FIX_FAILED',
  // close
  'REOPENED',
  'CLOSED',
  'PROBLEM_RECORDED',
] as const;
export type IncidentEventType = (typeof INCIDENT_EVENTS)[number];
export type IncidentEvent = { type: IncidentEventType };

/** What is true of this incident whatever the profile; the scenario decides these. */
export interface IncidentFacts {
  /** What broke it: a fault, a change, or an attacker. */
  cause: 'fault' | 'change' | 'attack';
  /** Whether the change behind it left a record (meaningful when cause is `change`). */
  changeRecorded: boolean;
  /** Whether it first reaches people as a security alert, whatever its cause. */
  securityAlert: boolean;
  /** Whether a standby exists to fail over to. */
  canFailOver: boolean;
  /** Whether an autonomous loop could repair it (a capacity or configuration fault). */
  selfHealable: boolean;
  /** Whether incidents like it happened before, so a problem may already describe it. */
  recurring: boolean;
}

export interface IncidentInput {
  profile: Profile;
  facts: IncidentFacts;
}

export interface IncidentContext extends IncidentInput {
  major: boolean;
  contained: boolean;
  changeIdentified: boolean;
  linkedProblem: boolean;
}

// Loops (a lost report, a misroute, an escalation, a failed fix, a reopen) are not
// counted here: the machine says they can happen, the calibrated odds say how often and
// the simulator keeps count, so the context holds only flags that open or close
// transitions and the state space stays small enough to walk every path.

/** The team that answers: the SOC for security alerts, the service desk otherwise. */
export function responderLevel(i: IncidentInput): Level {
  return i.facts.securityAlert ? i.profile.secOps : i.profile.serviceDesk;
}

/**
 * The level rules: predicates on the profile and the facts only, constant for a run.
 * Each cites the seed section it paraphrases. The compiled form of the machine keys
 * its tables on their values, so keep everything profile-dependent here.
 */
export const incidentRules = {
  /** Reports arrive by chat and e-mail with no trail, so some are lost (000 Level 1, Attributes). */
  hasBestEffortIntake: (i: IncidentInput) => i.profile.serviceDesk === 1,
  /** Agents track CPU, memory and disk from level 2 (000 Level 1, Steps to Mature; Level 2, Attributes). */
  hasPerformanceMonitoring: (i: IncidentInput) => i.profile.observability >= 2,
  /** Statistical baselines flag anomalies before users notice (000 Level 4; 003 Level 4, SOC focus). */
  hasAnomalyDetection: (i: IncidentInput) =>
    i.profile.observability >= 4 || (i.facts.securityAlert && i.profile.secOps >= 4),
  /** A central SIEM with tiered analysts raises its own alerts from level 2 (003 Level 2, SOC focus). */
  hasSocMonitoring: (i: IncidentInput) => i.profile.secOps >= 2,
  /** Closed-loop automation rebuilds through the IaC pipeline (000 Level 5, Example scenario). */
  canSelfHeal: (i: IncidentInput) =>
    i.facts.selfHealable && i.profile.observability >= 5 && i.profile.change >= 4,
  /** Response SLAs imply someone answers at night from level 2 (003 Level 2, Example scenario). */
  hasOnCall: (i: IncidentInput) => responderLevel(i) >= 2,
  /**
   * Without on-call, a loud outage is answered by whoever picks up the phone at night
   * (004 4.3.1, individual heroics; 000 Level 1, Example scenario at 10 PM); an alert in
   * a provider's ticket queue is not (003 Level 1, Example scenario).
   */
  reliesOnHeroics: (i: IncidentInput) => !i.facts.securityAlert && i.profile.serviceDesk === 1,
  /** Identical escalation on every shift from level 3 (000 Level 3, Attributes). */
  hasRoundTheClockCover: (i: IncidentInput) => responderLevel(i) >= 3,
  /** Separate team queues and tools that share no context (000 Level 2, Attributes). */
  hasSiloedQueues: (i: IncidentInput) => i.profile.serviceDesk === 2,
  /** Front line to specialist escalation exists from level 2 (000 Level 2, Steps; 003 Level 2, SOC focus). */
  hasTieredSupport: (i: IncidentInput) => responderLevel(i) >= 2,
  /**
   * The ticket shows the recent change on the asset: a recorded change once the CMDB is
   * linked to tickets (000 Level 3, Steps to Mature; 003 Level 3, Example scenario), any
   * change once drift is flagged live (000 Level 4, Attributes).
   */
  seesChangeInTicket: (i: IncidentInput) =>
    i.facts.cause === 'change' &&
    ((i.facts.changeRecorded && i.profile.config >= 3) || i.profile.config >= 4),
  /** Incident command roles exist once processes are defined (001 Defined stage; 002 Detection and response). */
  hasMajorIncidentProcess: (i: IncidentInput) => i.profile.serviceDesk >= 3,
  /** Problem management is separate from incidents from level 3 (000 Level 3, Steps to Mature). */
  raisesProblemRecords: (i: IncidentInput) => i.profile.serviceDesk >= 3,
  /** Related incidents are grouped under problems automatically (000 Level 4, Attributes). */
  groupsIntoProblems: (i: IncidentInput) => i.facts.recurring && i.profile.serviceDesk >= 4,
  looksLikeAttack: (i: IncidentInput) => i.facts.securityAlert,
  causedByChange: (i: IncidentInput) => i.facts.cause === 'change',
  canFailOver: (i: IncidentInput) => i.facts.canFailOver,
} as const satisfies Record<string, (i: IncidentInput) => boolean>;

type Ctx = { context: IncidentContext };

/** The machine's guards, by name: the level rules, and the flags a run sets. */
const guards = {
  hasPerformanceMonitoring: fromRule(incidentRules.hasPerformanceMonitoring),
  hasAnomalyDetection: fromRule(incidentRules.hasAnomalyDetection),
  hasSocMonitoring: fromRule(incidentRules.hasSocMonitoring),
  canSelfHeal: fromRule(incidentRules.canSelfHeal),
  hasOnCall: fromRule(incidentRules.hasOnCall),
  reliesOnHeroics: fromRule(incidentRules.reliesOnHeroics),
  hasRoundTheClockCover: fromRule(incidentRules.hasRoundTheClockCover),
  lacksRoundTheClockCover: not('hasRoundTheClockCover'),
  seesChangeInTicket: fromRule(incidentRules.seesChangeInTicket),
  hasMajorIncidentProcess: fromRule(incidentRules.hasMajorIncidentProcess),
  groupsIntoProblems: fromRule(incidentRules.groupsIntoProblems),
  canFailOver: fromRule(incidentRules.canFailOver),
  causedByChange: fromRule(incidentRules.causedByChange),
  hasBestEffortIntake: fromRule(incidentRules.hasBestEffortIntake),
  hasSiloedQueues: fromRule(incidentRules.hasSiloedQueues),
  hasTieredSupport: fromRule(incidentRules.hasTieredSupport),
  isUncontainedAttack: ({ context }: Ctx) => incidentRules.looksLikeAttack(context) && !context.contained,
  isMajor: ({ context }: Ctx) => context.major,
  canRollBack: ({ context }: Ctx) => context.changeIdentified,
  needsProblemRecord: ({ context }: Ctx) => incidentRules.raisesProblemRecords(context) && !context.linkedProblem,
};

/** Why a guarded transition is missing, shown for greyed-out options. */
export const incidentGuardReasons = {
  hasBestEffortIntake: 'only best-effort intake (service desk level 1) loses reports',
  hasPerformanceMonitoring: 'no performance monitoring below observability level 2',
  hasAnomalyDetection: 'no anomaly detection below observability (or, for security alerts, secOps) level 4',
  hasSocMonitoring: 'no SOC alerting below secOps level 2',
  canSelfHeal: 'self-healing needs observability 5 and change 4, and a fault automation can repair',
  hasOnCall: 'no on-call cover below level 2 of the responding team',
  reliesOnHeroics: 'informal call-outs only happen without on-call (service desk level 1), and never for security alerts',
  hasRoundTheClockCover: 'no round-the-clock shifts below level 3 of the responding team',
  lacksRoundTheClockCover: 'round-the-clock shifts from level 3 leave no after-hours gap',
  hasSiloedQueues: 'misrouting happens only between siloed queues (service desk level 2)',
  hasTieredSupport: 'no tiered escalation below level 2 of the responding team',
  seesChangeInTicket: 'the ticket shows the change only with a recorded change and config level 3, or config level 4',
  hasMajorIncidentProcess: 'no major-incident process below service desk level 3',
  needsProblemRecord: 'problem records are raised from service desk level 3',
  groupsIntoProblems: 'automatic problem grouping needs service desk level 4 and a recurring incident',
  canRollBack: 'nothing to roll back until the causing change is identified',
  canFailOver: 'no standby to fail over to',
  isUncontainedAttack: 'only an uncontained suspected attack can be confirmed as a threat',
  isMajor: 'only a major incident opens a bridge',
  causedByChange: 'the cause is not a change',
} as const satisfies Record<keyof typeof guards, string>;

export const incidentMachine = setup({
  types: {
    context: {} as IncidentContext,
    events: {} as IncidentEvent,
    input: {} as IncidentInput,
  },
  guards,
  actions: {
    // Once the bridge is open the flag has done its work; forgetting it keeps the
    // state space small (the event log still shows the declaration).
    forgetMajor: assign({ major: false }),
    declareMajor: assign({ major: true }),
    markContained: assign({ contained: true }),
    noteChangeIdentified: assign({ changeIdentified: true }),
    linkProblem: assign({ linkedProblem: true }),
  },
}).createMachine({
  id: 'incident',
  context: ({ input }) => ({
    profile: input.profile,
    facts: input.facts,
    major: false,
    contained: false,
    changeIdentified: false,
    linkedProblem: false,
  }),
  initial: 'identify',
  states: {
    identify: {
      initial: 'undetected',
      states: {
        undetected: {
          on: {
            USER_REPORT: 'intake',
            EXTERNAL_NOTIFICATION: 'intake',
            // Up/down pings exist at every level (000 Level 1, Attributes).
            AVAILABILITY_ALERT: '#incident.categorize',
            PERFORMANCE_ALERT: { guard: 'hasPerformanceMonitoring', target: '#incident.categorize' },
            SECURITY_ALERT: { guard: 'hasSocMonitoring', target: '#incident.categorize' },
            ANOMALY_DETECTED: [
              { guard: 'canSelfHeal', target: 'autoRemediating' },
              { guard: 'hasAnomalyDetection', target: '#incident.categorize' },
            ],
          },
        },
        intake: {
          on: {
            TICKET_LOGGED: '#incident.categorize',
            TICKET_LOST: { guard: 'hasBestEffortIntake', target: 'undetected' },
          },
        },
        autoRemediating: {
          // The automation is the responder: it has detected and acknowledged.
          tags: ['detected', 'acknowledged', 'slaClock'],
          on: {
            AUTO_REMEDIATED: '#incident.close',
            AUTO_REMEDIATION_FAILED: '#incident.categorize.triage',
          },
        },
      },
    },
    categorize: {
      tags: ['detected'],
      initial: 'queued',
      states: {
        queued: {
          tags: ['slaClock'],
          on: {
            ACKNOWLEDGED: 'triage',
            AFTER_HOURS: { guard: 'lacksRoundTheClockCover', target: 'afterHours' },
          },
        },
        afterHours: {
          tags: ['slaClock'],
          on: {
            PAGE_ON_CALL: { guard: 'hasOnCall', target: 'paging' },
            CALLED_OUT: { guard: 'reliesOnHeroics', target: 'paging' },
            WAIT_FOR_BUSINESS_HOURS: 'waitingForBusinessHours',
          },
        },
        paging: { tags: ['slaClock'], on: { ACKNOWLEDGED: 'triage' } },
        // Business-hours SLAs pause outside service hours: no slaClock tag here.
        waitingForBusinessHours: { on: { BUSINESS_HOURS: 'queued' } },
        triage: {
          tags: ['acknowledged', 'slaClock'],
          on: {
            CATEGORIZED: '#incident.prioritize',
            MISROUTED: { guard: 'hasSiloedQueues', target: 'misrouted' },
            CHANGE_CORRELATED: {
              guard: 'seesChangeInTicket',
              target: '#incident.respond.remediating',
              actions: 'noteChangeIdentified',
            },
            PROBLEM_MATCHED: { guard: 'groupsIntoProblems', target: '#incident.respond.remediating', actions: 'linkProblem' },
          },
        },
        misrouted: { tags: ['acknowledged', 'slaClock'], on: { REROUTED: 'triage' } },
      },
    },
    prioritize: {
      tags: ['detected', 'acknowledged', 'slaClock'],
      on: {
        PRIORITIZED: 'respond',
        DECLARED_MAJOR: { guard: 'hasMajorIncidentProcess', target: 'respond', actions: 'declareMajor' },
      },
    },
    respond: {
      tags: ['detected', 'acknowledged', 'slaClock'],
      initial: 'starting',
      states: {
        starting: { always: [{ guard: 'isMajor', target: 'mobilizing' }, { target: 'investigating' }] },
        mobilizing: { on: { BRIDGE_OPENED: { target: 'investigating', actions: 'forgetMajor' } } },
        investigating: {
          on: {
            ESCALATED: { guard: 'hasTieredSupport', target: 'investigating', reenter: true },
            CAUSE_FOUND: 'remediating',
            CHANGE_IDENTIFIED: { guard: 'causedByChange', target: 'remediating', actions: 'noteChangeIdentified' },
            THREAT_CONFIRMED: { guard: 'isUncontainedAttack', target: 'containing' },
          },
        },
        containing: { on: { CONTAINED: { target: 'investigating', actions: 'markContained' } } },
        remediating: {
          on: {
            FIX_APPLIED: 'verifying',
            ROLLBACK_APPLIED: { guard: 'canRollBack', target: 'verifying' },
            FAILOVER_DONE: { guard: 'canFailOver', target: 'verifying' },
          },
        },
        verifying: {
          on: {
            VERIFIED: '#incident.close',
            FIX_FAILED: 'investigating',
          },
        },
      },
    },
    close: {
      tags: ['detected', 'acknowledged', 'restored'],
      initial: 'resolved',
      states: {
        resolved: {
          on: {
            REOPENED: '#incident.respond.investigating',
            CLOSED: [{ guard: 'needsProblemRecord', target: 'problemRecord' }, { target: '#incident.closed' }],
          },
        },
        problemRecord: { on: { PROBLEM_RECORDED: '#incident.closed' } },
      },
    },
    closed: { type: 'final', tags: ['detected', 'acknowledged', 'restored'] },
  },
});

export type IncidentMachine = typeof incidentMachine;
