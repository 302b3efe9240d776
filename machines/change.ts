// The change workflow: request -> assess -> authorize -> schedule -> implement -> verify
// -> close, or rollback. A change that fails in service raises an incident, and whether
// the change was recorded travels with that incident. Like the incident machine it
// says what can happen at a profile; the simulator decides when, the calibration how
// likely.
import { assign, setup } from 'xstate';
import { fromRule } from './rules.js';
import type { Profile } from '../src/model/index.js';

export const CHANGE_EVENTS = [
  'SUBMITTED',
  'UNAUTHORIZED_CHANGE',
  'ASSESSED',
  'RISK_FLAGGED',
  'WITHDRAWN',
  'REPLANNED',
  'POLICY_PASSED',
  'POLICY_FAILED',
  'NOTIFIED',
  'EMERGENCY_APPROVED',
  'CAB_APPROVED',
  'CAB_REJECTED',
  'WINDOW_OPENED',
  'SLOT_BOOKED',
  'DEPLOYED',
  'DEPLOY_FAILED',
  'VERIFIED',
  'DEGRADATION_FOUND',
  'STABLE',
  'FAILURE_SURFACED',
  'ROLLED_BACK',
  'ROLLBACK_FAILED',
  'INCIDENT_RESOLVED',
] as const;
export type ChangeEventType = (typeof CHANGE_EVENTS)[number];
export type ChangeEvent = { type: ChangeEventType };

export interface ChangeFacts {
  /** Low risk and well understood: a candidate for a standard change. */
  standard: boolean;
  /** Urgent enough to ask for the emergency path (a critical patch, a fix). */
  emergency: boolean;
}

export interface ChangeInput {
  profile: Profile;
  facts: ChangeFacts;
}

export interface ChangeContext extends ChangeInput {
  /** Whether a change record exists: the fact an incident it causes inherits. */
  recorded: boolean;
  replans: number;
}

/** One re-plan after a flagged risk; a second flag withdraws the change in practice. */
const MAX_REPLANS = 1;

/** The level rules of the change workflow, each citing its seed section. */
export const changeRules = {
  /** A recorded request is mandatory from level 2 (000 Level 1, Steps to Mature). */
  hasChangeProcess: (i: ChangeInput) => i.profile.change >= 2,
  /**
   * Live changes with no ticket are the norm at level 1 (000 Level 1, Attributes) and
   * still happen between siloed teams at level 2 (000 Level 2, Example scenario).
   */
  allowsUnauthorizedChanges: (i: ChangeInput) => i.profile.change <= 2,
  /** Deployment risk predicted from history (000 Level 4, Attributes). */
  hasPredictiveRiskScoring: (i: ChangeInput) => i.profile.change >= 4,
  /** Pipeline deployment behind compliance-as-code and sandbox rehearsal (000 Level 5, Attributes and Steps). */
  isPipelineChange: (i: ChangeInput) => i.profile.change >= 5,
  /** Standard changes skip CAB with a notification (000 Level 3, Steps to Mature). */
  isStandardChange: (i: ChangeInput) => i.facts.standard && i.profile.change >= 3,
  /** Risk-based control lets urgent work skip the queue (000 Level 3); at level 2 it waits (003 Level 2, Example). */
  hasEmergencyPath: (i: ChangeInput) => i.facts.emergency && i.profile.change >= 3,
  /** Fixed maintenance windows, weekends for patches (003 Level 2, Example scenario). */
  hasFixedWindows: (i: ChangeInput) => i.profile.change <= 2,
  /** Slots booked by risk (000 Level 3, matrix: risk-based change control). */
  hasRiskBasedScheduling: (i: ChangeInput) => i.profile.change >= 3,
  /** Post-implementation checks from level 2 (000 Level 2, Attributes and Steps to Mature). */
  verifiesChanges: (i: ChangeInput) => i.profile.change >= 2,
} as const satisfies Record<string, (i: ChangeInput) => boolean>;

type Ctx = { context: ChangeContext };

/** The machine's guards, by name: the level rules, and the re-plan budget. */
const guards = {
  hasChangeProcess: fromRule(changeRules.hasChangeProcess),
  allowsUnauthorizedChanges: fromRule(changeRules.allowsUnauthorizedChanges),
  isPipelineChange: fromRule(changeRules.isPipelineChange),
  isStandardChange: fromRule(changeRules.isStandardChange),
  hasEmergencyPath: fromRule(changeRules.hasEmergencyPath),
  hasFixedWindows: fromRule(changeRules.hasFixedWindows),
  hasRiskBasedScheduling: fromRule(changeRules.hasRiskBasedScheduling),
  verifiesChanges: fromRule(changeRules.verifiesChanges),
  canReplanAfterRiskFlag: ({ context }: Ctx) =>
    changeRules.hasPredictiveRiskScoring(context) && context.replans < MAX_REPLANS,
  canReplanAfterPolicy: ({ context }: Ctx) => context.replans < MAX_REPLANS,
};

/** Why a guarded transition is missing, shown for greyed-out options. */
export const changeGuardReasons = {
  hasChangeProcess: 'no change process at change level 1',
  allowsUnauthorizedChanges: 'unrecorded changes are stopped from change level 3',
  canReplanAfterRiskFlag: 'risk scoring needs change level 4, and a change is re-planned once at most',
  canReplanAfterPolicy: 'a change is re-planned once at most',
  isPipelineChange: 'pipeline deployment needs change level 5',
  isStandardChange: 'standard changes need change level 3 and a low-risk change',
  hasEmergencyPath: 'no emergency change path below change level 3',
  hasFixedWindows: 'fixed windows only below change level 3',
  hasRiskBasedScheduling: 'risk-based scheduling needs change level 3',
  verifiesChanges: 'no post-implementation check at change level 1',
} as const satisfies Record<keyof typeof guards, string>;

export const changeMachine = setup({
  types: {
    context: {} as ChangeContext,
    events: {} as ChangeEvent,
    input: {} as ChangeInput,
  },
  guards,
  actions: {
    record: assign({ recorded: true }),
    countReplan: assign({ replans: ({ context }) => context.replans + 1 }),
  },
}).createMachine({
  id: 'change',
  context: ({ input }) => ({ profile: input.profile, facts: input.facts, recorded: false, replans: 0 }),
  initial: 'request',
  states: {
    request: {
      on: {
        SUBMITTED: { guard: 'hasChangeProcess', target: 'assess', actions: 'record' },
        UNAUTHORIZED_CHANGE: { guard: 'allowsUnauthorizedChanges', target: 'implement' },
      },
    },
    assess: {
      on: {
        ASSESSED: 'authorize',
        RISK_FLAGGED: { guard: 'canReplanAfterRiskFlag', target: 'replanning' },
        WITHDRAWN: 'withdrawn',
      },
    },
    replanning: { on: { REPLANNED: { target: 'assess', actions: 'countReplan' } } },
    authorize: {
      initial: 'routing',
      states: {
        // The route is a rule of the level, not a choice: exactly one applies.
        routing: {
          always: [
            { guard: 'isPipelineChange', target: 'policyChecks' },
            { guard: 'isStandardChange', target: 'notifying' },
            { guard: 'hasEmergencyPath', target: 'emergencyReview' },
            { target: 'cab' },
          ],
        },
        policyChecks: {
          on: {
            POLICY_PASSED: '#change.implement',
            POLICY_FAILED: { guard: 'canReplanAfterPolicy', target: '#change.replanning' },
          },
        },
        notifying: { on: { NOTIFIED: '#change.schedule' } },
        emergencyReview: { on: { EMERGENCY_APPROVED: '#change.implement' } },
        cab: { on: { CAB_APPROVED: '#change.schedule', CAB_REJECTED: '#change.withdrawn' } },
      },
    },
    schedule: {
      on: {
        WINDOW_OPENED: { guard: 'hasFixedWindows', target: 'implement' },
        SLOT_BOOKED: { guard: 'hasRiskBasedScheduling', target: 'implement' },
      },
    },
    implement: {
      on: {
        DEPLOYED: [{ guard: 'verifiesChanges', target: 'verify' }, { target: 'inService' }],
        DEPLOY_FAILED: 'rollingBack',
      },
    },
    verify: { on: { VERIFIED: 'inService', DEGRADATION_FOUND: 'rollingBack' } },
    inService: { tags: ['live'], on: { STABLE: 'closed', FAILURE_SURFACED: 'failed' } },
    rollingBack: { tags: ['failed'], on: { ROLLED_BACK: 'rolledBack', ROLLBACK_FAILED: 'failed' } },
    failed: { tags: ['failed', 'live', 'incidentRaised'], on: { INCIDENT_RESOLVED: 'closed' } },
    closed: { type: 'final' },
    rolledBack: { type: 'final', tags: ['failed'] },
    withdrawn: { type: 'final' },
  },
});

export type ChangeMachine = typeof changeMachine;
