// The compiled tables are a faster form of the XState machines, never a second
// definition: after any sequence of events, at any profile and facts, the compiled
// stepper and a live XState actor are in the same state with the same tags.
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { WORKFLOWS } from '../../machines/index.js';
import { compiledStepper, machineTags } from '../../src/sim/compile.js';
import { actorStepper } from '../../src/sim/stepper.js';
import { arbProfile } from '../support/arbitraries.js';

describe.each(Object.values(WORKFLOWS))('the compiled $id workflow', (workflow) => {
  const tags = machineTags(workflow.machine);
  test.prop(
    [arbProfile, fc.constantFrom(...workflow.factSpace), fc.array(fc.constantFrom(...workflow.events), { maxLength: 60 })],
    { numRuns: 300 },
  )('agrees with an XState actor after any event sequence', (profile, facts, events) => {
    const input = workflow.input(profile, facts);
    const fast = compiledStepper(workflow, input);
    const ref = actorStepper(workflow, input);
    let f = fast.start();
    const r = ref.start();
    for (const e of events) {
      expect(fast.accepts(f, e)).toBe(ref.accepts(r, e));
      if (!fast.accepts(f, e)) continue;
      f = fast.next(f, e);
      ref.next(r, e);
      expect(fast.stateKey(f)).toBe(ref.stateKey(r));
      expect(tags.filter((t) => fast.hasTag(f, t))).toEqual(tags.filter((t) => ref.hasTag(r, t)));
      expect(fast.isFinal(f)).toBe(ref.isFinal(r));
    }
  });

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
