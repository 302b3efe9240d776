// The change workflow's rules both ways, at all 3,125 profiles and every combination of
// facts: each event is taken in a state exactly when the seeds say it is, and leads where
// they say, in the XState machine and in the compiled table (test/support/rules.ts).
// The specification is written from the seed documents (000, change management, and 003
// Level 2), independently of the rules in machines/change.ts.
import { changeWorkflow, type ChangeFacts } from '../../machines/index.js';
import { describeRulesBothWays, product, type Case, type Spec } from '../support/rules.js';

interface Flags {
  recorded: boolean;
  replans: number;
}
type C = Case<ChangeFacts, Flags>;

const FRESH: Flags = { recorded: false, replans: 0 };
const REPLANNED: Flags = { recorded: true, replans: 1 };
const FACTS = product({ standard: [false, true], emergency: [false, true] } as const satisfies Record<keyof ChangeFacts, readonly unknown[]>) as ChangeFacts[];

const change = (c: C) => c.p.change;
/** One re-plan at most: a second flagged risk withdraws the change in practice. */
const canReplan = (c: C) => c.x.replans < 1;

/**
 * Where an assessed change is authorized, one route per level (000 change management):
 * the level 5 pipeline with policy checks (Level 5, Attributes), a notify-only standard
 * change from level 3 (Level 3, Steps to Mature), the emergency board from level 3 for
 * urgent work (Level 3; at level 2 it waits, 003 Level 2, Example scenario), else CAB.
 */
const route = (c: C) =>
  change(c) >= 5
    ? 'authorize.policyChecks'
    : c.f.standard && change(c) >= 3
      ? 'authorize.notifying'
      : c.f.emergency && change(c) >= 3
        ? 'authorize.emergencyReview'
        : 'authorize.cab';

// Tags: live (the change is in production), failed (it did harm or had to be undone),
// incidentRaised (its failure opened an incident).
const SPEC: Spec<ChangeFacts, Flags> = {
  workflow: changeWorkflow,
  facts: FACTS,
  initialFlags: FRESH,
  flagKeys: ['recorded', 'replans'],
  transient: ['authorize.routing'],
  states: [
    {
      state: 'request',
      tags: [],
      flags: [FRESH],
      on: {
        SUBMITTED: {
          to: 'assess',
          when: (c) => change(c) >= 2,
          guard: 'hasChangeProcess',
          says: 'a recorded request is mandatory from change 2 (000 Level 1, Steps to Mature)',
        },
        UNAUTHORIZED_CHANGE: {
          to: 'implement',
          when: (c) => change(c) <= 2,
          guard: 'allowsUnauthorizedChanges',
          says: 'live changes without a ticket at change 1, and still between silos at change 2 (000 Level 1, Attributes; Level 2, Example scenario)',
        },
      },
    },
    {
      state: 'assess',
      tags: [],
      flags: [FRESH, REPLANNED],
      on: {
        ASSESSED: {
          to: route,
          guard: 'isPipelineChange, isStandardChange, hasEmergencyPath',
          says: 'pipeline at change 5, notify-only standard change from 3, emergency board from 3, else CAB (000 Level 3 and 5; 003 Level 2, Example scenario)',
        },
        RISK_FLAGGED: {
          to: 'replanning',
          when: (c) => change(c) >= 4 && canReplan(c),
          guard: 'canReplanAfterRiskFlag',
          says: 'predictive risk scoring from change 4, once (000 Level 4, Attributes)',
        },
        WITHDRAWN: { to: 'withdrawn' },
      },
    },
    { state: 'replanning', tags: [], flags: [FRESH], on: { REPLANNED: { to: 'assess' } } },
    {
      state: 'authorize.policyChecks',
      tags: [],
      flags: [FRESH, REPLANNED],
      on: {
        POLICY_PASSED: { to: 'implement' },
        POLICY_FAILED: { to: 'replanning', when: canReplan, guard: 'canReplanAfterPolicy', says: 'a change failing policy is re-planned once' },
      },
    },
    { state: 'authorize.notifying', tags: [], flags: [FRESH], on: { NOTIFIED: { to: 'schedule' } } },
    { state: 'authorize.emergencyReview', tags: [], flags: [FRESH], on: { EMERGENCY_APPROVED: { to: 'implement' } } },
    { state: 'authorize.cab', tags: [], flags: [FRESH], on: { CAB_APPROVED: { to: 'schedule' }, CAB_REJECTED: { to: 'withdrawn' } } },
    {
      state: 'schedule',
      tags: [],
      flags: [FRESH],
      on: {
        WINDOW_OPENED: {
          to: 'implement',
          when: (c) => change(c) <= 2,
          guard: 'hasFixedWindows',
          says: 'fixed weekend windows below change 3 (003 Level 2, Example scenario)',
        },
        SLOT_BOOKED: {
          to: 'implement',
          when: (c) => change(c) >= 3,
          guard: 'hasRiskBasedScheduling',
          says: 'slots booked by risk from change 3 (000 Level 3, Steps to Mature: risk-based change process)',
        },
      },
    },
    {
      state: 'implement',
      tags: [],
      flags: [FRESH],
      on: {
        DEPLOYED: {
          to: (c) => (change(c) >= 2 ? 'verify' : 'inService'),
          guard: 'verifiesChanges',
          says: 'post-implementation checks from change 2 (000 Level 2, Steps to Mature)',
        },
        DEPLOY_FAILED: { to: 'rollingBack' },
      },
    },
    { state: 'verify', tags: [], flags: [FRESH], on: { VERIFIED: { to: 'inService' }, DEGRADATION_FOUND: { to: 'rollingBack' } } },
    { state: 'inService', tags: ['live'], flags: [FRESH], on: { STABLE: { to: 'closed' }, FAILURE_SURFACED: { to: 'failed' } } },
    { state: 'rollingBack', tags: ['failed'], flags: [FRESH], on: { ROLLED_BACK: { to: 'rolledBack' }, ROLLBACK_FAILED: { to: 'failed' } } },
    { state: 'failed', tags: ['failed', 'live', 'incidentRaised'], flags: [FRESH], on: { INCIDENT_RESOLVED: { to: 'closed' } } },
    { state: 'closed', tags: [], flags: [FRESH], on: {} },
    { state: 'rolledBack', tags: ['failed'], flags: [FRESH], on: {} },
    { state: 'withdrawn', tags: [], flags: [FRESH], on: {} },
  ],
};

describeRulesBothWays('change rules both ways, at all 3,125 profiles x 4 combinations of facts', SPEC);
