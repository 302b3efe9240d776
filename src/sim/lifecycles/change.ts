// A change: its typed flags and, for each state of the change workflow, when things
// happen there. Whether the change carries a defect is decided when it is requested
// (`defective`); each level's checks get a calibrated chance to catch it: risk scoring
// at assessment, the pipeline's policy checks, post-implementation verification. A
// defect nobody catches surfaces in service. States that only wait are in CHANGE_WAITS.
import type { ChangeFacts } from '../../../machines/index.js';
import { REQUEST_PRIORITY } from '../constants.js';
import type { Streams } from '../environment/index.js';
import { Lifecycle, params, type Handler, type Param, type Tables } from './lifecycle.js';
import type { Stepper } from './stepper.js';

/** Why a change is in the world: it caused the fault, the story follows it, or it carries an incident's fix. */
export type ChangeRole = 'cause' | 'subject' | 'remediation';

/** The calibration parameters this file draws, by number (a misspelt name fails to compile). */
const P = params(
  'change.assessTime',
  'change.assessWork',
  'change.cabReviewTime',
  'change.bypassChance',
  'change.cabRejectChance',
  'change.cabWait',
  'change.emergencyApprovalTime',
  'change.implementTime',
  'change.notifyTime',
  'change.policyCatch',
  'change.policyCheckTime',
  'change.replanTime',
  'change.riskFlagCatch',
  'change.rollbackFailChance',
  'change.rollbackTime',
  'change.slotWait',
  'change.unauthorizedDelay',
  'change.verifyCatch',
  'change.verifyTime',
  'workload.manifestDelay',
  'workload.obviousDefectShare',
  'workload.stablePeriod',
);

export class ChangeLifecycle<Owner = unknown> extends Lifecycle<Owner> {
  readonly machine = 'change' as const;
  /** Whether it carries a defect (decided when it is requested; a caught defect is designed out when re-planning). */
  defective = false;

  constructor(
    stepper: Stepper<unknown>,
    streams: Streams,
    tables: Tables,
    owner: Owner,
    readonly role: ChangeRole,
    readonly facts: ChangeFacts,
  ) {
    super(stepper, streams, tables, owner);
  }

  /** An emergency change is urgent work (its approver is paged out of hours); any other waits behind incidents. */
  /** The uniform draw of each check, made once: a change re-assessed after re-planning meets the same luck. */
  private checks: Map<number, number> | undefined;

  /**
   * Whether a check catches the defect: one draw per change and check, however often the
   * path passes it, so the same change meets the same luck at every level and on every
   * path (a change that fails at a higher level then fails at every lower one, whose
   * checks catch no more).
   */
  caught(param: Param): boolean {
    const checks = (this.checks ??= new Map());
    let u = checks.get(param);
    if (u === undefined) checks.set(param, (u = this.streams.uniformAt(param)));
    return u < this.value(param);
  }

  get priority(): number {
    return this.facts.emergency ? REQUEST_PRIORITY.urgent : REQUEST_PRIORITY.change;
  }

  handlerFor(stateKey: string): Handler | undefined {
    return CHANGE_HANDLERS.get(stateKey) as Handler | undefined;
  }
}

type Change = ChangeLifecycle;

/** States where the change waits: an always-transition, or its failure's incident to be resolved. */
export const CHANGE_WAITS = ['authorize.routing', 'failed'] as const;

export const changeHandlers = {
  request: (clock, lc) => {
    const bypass = lc.accepts('UNAUTHORIZED_CHANGE') && (!lc.accepts('SUBMITTED') || lc.chance(P['change.bypassChance']));
    // "When someone gets round to it": with teams that queue, that is the wait for a free engineer, and no work of its own.
    if (bypass) return lc.work('change', clock.queueing ? 0 : lc.draw(P['change.unauthorizedDelay']), 'UNAUTHORIZED_CHANGE');
    return lc.wait(0, 'SUBMITTED');
  },

  assess: (clock, lc) => {
    const flagged = lc.defective && lc.accepts('RISK_FLAGGED') && lc.caught(P['change.riskFlagCatch']);
    return lc.work('change', lc.draw(clock.queueing ? P['change.assessWork'] : P['change.assessTime']), flagged ? 'RISK_FLAGGED' : 'ASSESSED');
  },

  replanning: (_, lc) => {
    // A defect that was caught (risk scoring, policy checks) is designed out while
    // re-planning; a board's rejection for its own reasons leaves the defect in.
    if (lc.lastEvent !== 'CAB_REJECTED') lc.defective = false;
    return lc.work('change', lc.draw(P['change.replanTime']), 'REPLANNED');
  },

  'authorize.policyChecks': (_, lc) => {
    // The pipeline's checks run by themselves.
    const failed = lc.defective && lc.accepts('POLICY_FAILED') && lc.caught(P['change.policyCatch']);
    return lc.wait(lc.draw(P['change.policyCheckTime']), failed ? 'POLICY_FAILED' : 'POLICY_PASSED');
  },

  'authorize.notifying': (_, lc) => lc.work('change', lc.draw(P['change.notifyTime']), 'NOTIFIED'),

  // With teams, convening the emergency board is the approver's queue and page; the draw is the review itself.
  'authorize.emergencyReview': (clock, lc) =>
    lc.work('change', lc.draw(clock.queueing ? P['change.cabReviewTime'] : P['change.emergencyApprovalTime']), 'EMERGENCY_APPROVED'),

  'authorize.cab': (clock, lc) => {
    const rejected = lc.chance(P['change.cabRejectChance']);
    // With teams, the board's schedule gives the wait for its meeting; the draw is its minutes on this change.
    return lc.work('change', lc.draw(clock.queueing ? P['change.cabReviewTime'] : P['change.cabWait']), rejected ? 'CAB_REJECTED' : 'CAB_APPROVED');
  },

  schedule: (clock, lc) => {
    if (lc.accepts('WINDOW_OPENED')) return lc.until(clock.calendar.nextWindow(clock.now), 'WINDOW_OPENED');
    return lc.wait(lc.draw(P['change.slotWait']), 'SLOT_BOOKED');
  },

  implement: (_, lc) => {
    const obvious = lc.defective && lc.caught(P['workload.obviousDefectShare']);
    return lc.work('change', lc.draw(P['change.implementTime']), obvious ? 'DEPLOY_FAILED' : 'DEPLOYED');
  },

  verify: (_, lc) => {
    const caught = lc.defective && lc.caught(P['change.verifyCatch']);
    return lc.work('change', lc.draw(P['change.verifyTime']), caught ? 'DEGRADATION_FOUND' : 'VERIFIED');
  },

  // In service, the defect shows itself or the change proves stable: time passes, nobody works.
  inService: (_, lc) => {
    if (lc.defective) return lc.wait(lc.draw(P['workload.manifestDelay']), 'FAILURE_SURFACED');
    return lc.wait(lc.value(P['workload.stablePeriod']), 'STABLE');
  },

  rollingBack: (_, lc) => {
    const failed = lc.chance(P['change.rollbackFailChance']);
    return lc.work('change', lc.draw(P['change.rollbackTime']), failed ? 'ROLLBACK_FAILED' : 'ROLLED_BACK');
  },
} satisfies Record<string, Handler<Change>>;

const CHANGE_HANDLERS = new Map<string, Handler<Change>>(Object.entries(changeHandlers));
