// When things happen in the change workflow. Whether the change carries a defect is
// decided when it is requested (SimContext.changeDefective); each level's checks get a
// calibrated chance to catch it: risk scoring at assessment, the pipeline's policy
// checks, post-implementation verification. A defect nobody catches surfaces in service.
import type { Handler } from '../engine.js';

export const changeHandlers: Record<string, Handler> = {
  request: (sim, run) => {
    const bypass = sim.accepts(run, 'UNAUTHORIZED_CHANGE') && (!sim.accepts(run, 'SUBMITTED') || sim.chance('change.bypassChance'));
    if (bypass) return sim.act(run, sim.draw('change.unauthorizedDelay'), 'UNAUTHORIZED_CHANGE');
    sim.act(run, 0, 'SUBMITTED');
  },

  assess: (sim, run) => {
    const flagged = sim.changeDefective && sim.accepts(run, 'RISK_FLAGGED') && sim.chance('change.riskFlagCatch');
    sim.act(run, sim.draw('change.assessTime'), flagged ? 'RISK_FLAGGED' : 'ASSESSED');
  },

  replanning: (sim, run) => {
    // The defect that was caught is designed out while re-planning.
    sim.changeDefective = false;
    sim.act(run, sim.draw('change.replanTime'), 'REPLANNED');
  },

  'authorize.policyChecks': (sim, run) => {
    const failed = sim.changeDefective && sim.accepts(run, 'POLICY_FAILED') && sim.chance('change.policyCatch');
    sim.act(run, sim.draw('change.policyCheckTime'), failed ? 'POLICY_FAILED' : 'POLICY_PASSED');
  },

  'authorize.notifying': (sim, run) => sim.act(run, sim.draw('change.notifyTime'), 'NOTIFIED'),

  'authorize.emergencyReview': (sim, run) => sim.act(run, sim.draw('change.emergencyApprovalTime'), 'EMERGENCY_APPROVED'),

  'authorize.cab': (sim, run) => {
    const rejected = sim.chance('change.cabRejectChance');
    sim.act(run, sim.draw('change.cabWait'), rejected ? 'CAB_REJECTED' : 'CAB_APPROVED');
  },

  schedule: (sim, run) => {
    if (sim.accepts(run, 'WINDOW_OPENED')) return sim.at(run, sim.calendar.nextWindow(sim.t), 'WINDOW_OPENED');
    sim.act(run, sim.draw('change.slotWait'), 'SLOT_BOOKED');
  },

  implement: (sim, run) => {
    const obvious = sim.changeDefective && sim.chance('workload.obviousDefectShare');
    sim.act(run, sim.draw('change.implementTime'), obvious ? 'DEPLOY_FAILED' : 'DEPLOYED');
  },

  verify: (sim, run) => {
    const caught = sim.changeDefective && sim.chance('change.verifyCatch');
    sim.act(run, sim.draw('change.verifyTime'), caught ? 'DEGRADATION_FOUND' : 'VERIFIED');
  },

  inService: (sim, run) => {
    if (sim.changeDefective) return sim.act(run, sim.draw('workload.manifestDelay'), 'FAILURE_SURFACED');
    sim.act(run, sim.value('workload.stablePeriod'), 'STABLE');
  },

  rollingBack: (sim, run) => {
    const failed = sim.chance('change.rollbackFailChance');
    sim.act(run, sim.draw('change.rollbackTime'), failed ? 'ROLLBACK_FAILED' : 'ROLLED_BACK');
  },
};
