// Engine errors name the replication and print the command that replays it.
import { describe, expect, it } from 'vitest';
import { defaultCalibration } from '../../src/calibration/index.js';
import { uniformProfile } from '../../src/model/index.js';
import { EngineError, simulate, simulateMetrics } from '../../src/sim/engine.js';
import { compiledStepper, type Stepper, type StepperFactory } from '../../src/sim/lifecycles/index.js';
import { UserError } from '../../src/util/index.js';
import { builtinScenarios } from '../support/scenarios.js';

const cal = defaultCalibration();
const scenario = builtinScenarios().find((s) => s.id === 'db-plugin-cpu-spike')!;

/** A stepper on which no incident can be detected: it stalls, undetected, with nothing to wake it. */
const deaf: StepperFactory = (workflow, input) => {
  const inner = compiledStepper(workflow, input) as Stepper;
  return workflow.id === 'incident' ? { ...inner, accepts: () => false } : inner;
};

/** A stepper whose incident misroutes for ever: a loop that never ends. */
const looping: StepperFactory = (workflow, input) => {
  const inner = compiledStepper(workflow, input) as Stepper;
  if (workflow.id !== 'incident') return inner;
  return { ...inner, accepts: () => true, next: (s) => s, stateKey: () => 'categorize.misrouted', isFinal: () => false, hasTag: () => false };
};

function errorOf(run: () => unknown): EngineError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(EngineError);
    return e as EngineError;
  }
  throw new Error('no error');
}

describe('an engine error', () => {
  it('for a stalled incident names scenario, profile, seed and replication, and the line that replays it', () => {
    const e = errorOf(() => simulate(scenario, uniformProfile(3), { seed: 42, replication: 17, calibration: cal, stepper: deaf }));
    expect(e.message).toMatch(/^db-plugin-cpu-spike at profile 3, seed 42, replication 17: the incident stalled in identify\.undetected with nothing scheduled/);
    expect(e.replay).toBe('imsim run db-plugin-cpu-spike --profile 3 --seed 42 --replication 17');
    expect(e.message).toContain(`replay it with: ${e.replay}`);
  });

  it('for a loop that never ends says so, in the streamed path too, with a mixed profile written as the CLI reads it', () => {
    const profile = { ...uniformProfile(2), secOps: 4 as const };
    const e = errorOf(() => simulateMetrics(scenario, profile, { seed: 1, replication: 0, calibration: cal, stepper: looping }, 100));
    expect(e.reason).toMatch(/more than \d+ steps/);
    expect(e.replay).toBe('imsim run db-plugin-cpu-spike --profile change=2,config=2,observability=2,serviceDesk=2,secOps=4 --seed 1 --replication 0');
  });

  it('leaves a user\'s mistake raised by a policy as it is', () => {
    const policy = () => {
      throw new UserError('choice 3 is not open');
    };
    const night = builtinScenarios().find((s) => s.id === 'suspicious-login-2am')!;
    expect(() => simulate(night, uniformProfile(1), { seed: 3, replication: 0, calibration: cal, policy })).toThrow(UserError);
  });

  it('says when a calibration file was in use, and when a decision policy was', () => {
    const overridden = { ...cal, overridden: ['serviceDesk.ackDelay.L1'] };
    const e = errorOf(() => simulate(scenario, uniformProfile(1), { seed: 2, replication: 3, calibration: overridden, stepper: deaf, policy: () => null }));
    expect(e.replay).toMatch(/--calibration <the same file>$/);
    expect(e.message).toMatch(/took decisions from a policy/);
  });
});
