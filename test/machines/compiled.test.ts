// The compiled tables are a faster form of the XState machines, never a second
// definition: after any sequence of events, at any profile and facts, the compiled
// stepper and a live XState actor are in the same state with the same tags and accept
// the same events. The engine shares one compiled stepper between every lifecycle of a
// scenario at a profile (src/sim/world/plan.ts), so the property steps two lifecycles
// interleaved through one stepper, against two actors.
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { assign, setup } from 'xstate';
import { WORKFLOWS, type Workflow } from '../../machines/index.js';
import { uniformProfile } from '../../src/model/index.js';
import { compiledStepper, compileWorkflow, machineTags, MAX_NODES } from '../../src/sim/lifecycles/compile.js';
import { actorStepper } from '../../src/sim/lifecycles/stepper.js';
import { arbProfile } from '../support/arbitraries.js';

describe.each(Object.values(WORKFLOWS))('the compiled $id workflow', (workflow) => {
  const tags = machineTags(workflow.machine);
  const events = fc.array(fc.constantFrom(...workflow.events), { maxLength: 60 });
  test.prop([arbProfile, fc.constantFrom(...workflow.factSpace), events, events], { numRuns: 200 })(
    'agrees with an XState actor after any event sequence, two lifecycles sharing one stepper',
    (profile, facts, first, second) => {
      const input = workflow.input(profile, facts);
      const fast = compiledStepper(workflow, input);
      const refs = [actorStepper(workflow, input), actorStepper(workflow, input)] as const;
      const f = [fast.start(), fast.start()];
      const r = [refs[0].start(), refs[1].start()] as const;
      const agree = (i: 0 | 1) => {
        expect(fast.stateKey(f[i]!)).toBe(refs[i].stateKey(r[i]));
        expect(tags.filter((t) => fast.hasTag(f[i]!, t))).toEqual(tags.filter((t) => refs[i].hasTag(r[i], t)));
        expect(fast.isFinal(f[i]!)).toBe(refs[i].isFinal(r[i]));
        expect(workflow.events.filter((e) => fast.accepts(f[i]!, e))).toEqual(workflow.events.filter((e) => refs[i].accepts(r[i], e)));
      };
      agree(0);
      // Interleave the two sequences: 0, 1, 0, 1, ...
      const steps: [0 | 1, string][] = [];
      for (let k = 0; k < Math.max(first.length, second.length); k++) {
        if (k < first.length) steps.push([0, first[k]!]);
        if (k < second.length) steps.push([1, second[k]!]);
      }
      for (const [i, e] of steps) {
        expect(fast.accepts(f[i]!, e)).toBe(refs[i].accepts(r[i], e));
        if (!fast.accepts(f[i]!, e)) continue;
        f[i] = fast.next(f[i]!, e);
        refs[i].next(r[i], e);
        agree(i);
      }
    },
  );

  test.prop([arbProfile, fc.constantFrom(...workflow.factSpace)], { numRuns: 50 })(
    'says why a refused event is refused, in words from the machine',
    (profile, facts) => {
      const s = compiledStepper(workflow, workflow.input(profile, facts));
      const start = s.start();
      for (const e of workflow.events) {
        const why = s.blockedBy(start, e);
        expect(why === undefined).toBe(s.accepts(start, e));
      }
    },
  );
});

describe('the compiler', () => {
  it('refuses a workflow whose context grows without bound, naming it, rather than compiling for ever', () => {
    // A re-plan counter whose guard lost its limit: every REPLANNED is a new state.
    const machine = setup({ types: { context: {} as { replans: number }, events: {} as { type: 'REPLANNED' } } }).createMachine({
      id: 'endless',
      context: { replans: 0 },
      initial: 'planning',
      states: { planning: { on: { REPLANNED: { target: 'planning', actions: assign({ replans: ({ context }) => context.replans + 1 }) } } } },
    });
    const endless: Workflow = {
      ...WORKFLOWS.change,
      id: 'change',
      machine,
      events: ['REPLANNED'],
      rules: {},
      guardReasons: {},
      inputKeys: [],
      shapeKeys: [],
      factSpace: [{}],
      input: () => ({}),
    };
    expect(() => compileWorkflow(endless, {})).toThrow(`change: more than ${MAX_NODES} reachable states; does a context field grow without bound?`);
  });

  it.each(Object.values(WORKFLOWS).map((w) => [w.id, w] as const))('keeps the %s workflow far inside its bound at every level and facts', (_id, workflow) => {
    for (const level of [1, 2, 3, 4, 5] as const) {
      for (const facts of workflow.factSpace) expect(compileWorkflow(workflow, workflow.input(uniformProfile(level), facts)).stateKeys.length).toBeLessThan(MAX_NODES / 100);
    }
  });
});
