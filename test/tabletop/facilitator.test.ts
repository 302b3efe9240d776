// The facilitator's keys as a pure state machine: the clock only paces what the engine
// already decided, decisions replay, undo goes back to the decision it undid.
import { describe, expect, it } from 'vitest';
import { defaultCalibration } from '../../src/calibration/index.js';
import { uniformProfile } from '../../src/model/index.js';
import { createReducer, initialState, phase, play, SPEEDS, stopAt, visible, type Action, type FacilitatorState } from '../../src/tabletop/index.js';
import { builtinScenarios } from '../support/scenarios.js';

const setup = {
  scenario: builtinScenarios().find((s) => s.id === 'suspicious-login-2am')!,
  profile: uniformProfile(1),
  seed: 3,
  replication: 0,
  calibration: defaultCalibration(),
};
const replay = (choices: readonly string[]) => play(setup, choices);
const reduce = createReducer(replay);
const run = (s: FacilitatorState, ...actions: Action[]) => actions.reduce(reduce, s);
const start = () => initialState(replay([]));
/** Presses `n` until the clock stops at a decision or the end. */
const toStop = (s: FacilitatorState) => {
  for (let i = 0; i < 200 && (phase(s) === 'paused' || phase(s) === 'running'); i++) s = reduce(s, { type: 'next' });
  return s;
};

describe('the facilitator', () => {
  it('starts paused at the onset, 02:00, with only the first entries shown', () => {
    const s = start();
    expect(phase(s)).toBe('paused');
    expect(s.now).toBe(0);
    expect(visible(s).every((e) => e.t === 0)).toBe(true);
  });

  it('given the clock running, a tick advances it by the speed, and stops at an inject, paused, to read it out', () => {
    let s = run(start(), { type: 'toggle' });
    expect(phase(s)).toBe('running');
    s = run(s, { type: 'tick', seconds: 0.05 }); // 3 simulated minutes at 1 h/s
    expect(s.now).toBeCloseTo(3);
    // The provider's ticket is read out when someone opens it: at detection (03:08 at seed 3).
    const detected = replay([]).result.log.find((e) => e.kind === 'step' && e.tags.includes('detected'))!.t;
    s = run(s, { type: 'tick', seconds: 2 });
    expect(s.inject?.text).toMatch(/At 03:08 someone opens the provider's ticket/);
    expect(s.inject?.to).toEqual(['soc']);
    expect(s.now).toBe(detected);
  });

  it('n jumps to the next event; +/- change the speed within bounds', () => {
    let s = run(start(), { type: 'next' });
    expect(visible(s).length).toBeGreaterThan(1);
    s = run(s, ...Array.from({ length: 10 }, (): Action => ({ type: 'faster' })));
    expect(SPEEDS[s.speed]).toBe(SPEEDS.at(-1));
    s = run(s, ...Array.from({ length: 10 }, (): Action => ({ type: 'slower' })));
    expect(SPEEDS[s.speed]).toBe(SPEEDS[0]);
  });

  it('at a decision the clock stops; a greyed option is refused with its reason; Enter takes the highlighted (first open) one', () => {
    let s = toStop(start());
    expect(phase(s)).toBe('decision');
    expect(s.now).toBe(stopAt(s.play));
    expect(s.play.pending!.options[s.cursor]!.id).toBe('morning');
    s = run(s, { type: 'tick', seconds: 10 }, { type: 'toggle' });
    expect(phase(s)).toBe('decision');
    s = run(s, { type: 'choose', index: 0 });
    expect(s.notice).toMatch(/option 1 is not open at this profile: no on-call cover/);
    expect(s.play.choices).toEqual([]);
    s = run(s, { type: 'move', by: -1 });
    expect(s.play.pending!.options[s.cursor]!.id).toBe('morning'); // the greyed option cannot be highlighted
    s = run(s, { type: 'choose' });
    expect(s.play.choices).toEqual(['morning']);
    expect(s.play.pending?.point.id).toBe('contain');
  });

  it('undo drops the last decision and goes back to the moment it was asked', () => {
    let s = toStop(start());
    const askedAt = s.now;
    s = toStop(run(s, { type: 'choose', index: 1 }));
    expect(s.play.pending?.point.id).toBe('contain');
    s = run(s, { type: 'undo' });
    expect(s.play.choices).toEqual([]);
    expect(s.now).toBe(askedAt);
    expect(phase(s)).toBe('decision');
    expect(s.notice).toMatch(/undid night-alert/);
    expect(run(s, { type: 'undo' }).notice).toBe('no decision to undo');
  });

  it('playing every decision to the end ends the exercise, with the same log as the scripted play', () => {
    let s = start();
    for (let i = 0; i < 10 && phase(s) !== 'ended'; i++) s = toStop(phase(s) === 'decision' ? run(s, { type: 'choose' }) : s);
    expect(phase(s)).toBe('ended');
    expect(visible(s)).toEqual(replay(['morning', 'disable']).result.log);
  });
});
