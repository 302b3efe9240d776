// Reading a machine's definition (machines/introspect.ts): state paths parents first, and
// every written transition in document order with its source, targets and guard name,
// however XState lets the guard be written (a name, an object with a type, an inline
// function) and whether or not the transition has a target.
import { describe, expect, it } from 'vitest';
import { setup } from 'xstate';
import { changeWorkflow, statePaths, staticTransitions } from '../../machines/index.js';

const sample = setup({
  types: { events: {} as { type: 'GO' | 'PING' | 'STOP' | 'CHECK' } },
  guards: { isReady: () => true, isOther: () => false },
}).createMachine({
  id: 'sample',
  initial: 'a',
  states: {
    a: {
      on: {
        GO: { guard: 'isReady', target: 'b' },
        // written as an object with its type and parameters
        CHECK: { guard: { type: 'isOther' }, target: 'b.inner' },
        // an inline function guard has no name to show
        STOP: { guard: () => false, target: 'done' },
        // no target: stays where it is
        PING: {},
      },
    },
    b: {
      initial: 'inner',
      states: { inner: { always: [{ guard: 'isReady', target: '#sample.done' }, { target: '#sample.a' }] } },
    },
    done: { type: 'final' },
  },
});

describe('reading a machine definition', () => {
  it('lists every state path, parents before their children', () => {
    expect(statePaths(sample)).toEqual(['a', 'b', 'b.inner', 'done']);
  });

  it('lists every transition in document order, with guards named as written and targetless ones kept', () => {
    expect(staticTransitions(sample)).toEqual([
      { source: 'a', event: 'GO', targets: ['b'], guard: 'isReady' },
      { source: 'a', event: 'CHECK', targets: ['b.inner'], guard: 'isOther' },
      { source: 'a', event: 'STOP', targets: ['done'] },
      { source: 'a', event: 'PING', targets: [] },
      { source: 'b.inner', event: 'always', targets: ['done'], guard: 'isReady' },
      { source: 'b.inner', event: 'always', targets: ['a'] },
    ]);
  });

  it('reads the change workflow\'s routing as eventless transitions, in the order they are tried', () => {
    const routing = staticTransitions(changeWorkflow.machine).filter((t) => t.source === 'authorize.routing');
    expect(routing.map((t) => [t.event, t.guard ?? '-', t.targets.join()])).toEqual([
      ['always', 'isPipelineChange', 'authorize.policyChecks'],
      ['always', 'isStandardChange', 'authorize.notifying'],
      ['always', 'hasEmergencyPath', 'authorize.emergencyReview'],
      ['always', '-', 'authorize.cab'],
    ]);
  });
});
