// The compiled tables are a faster form of the XState machines, never a second
// definition: after any sequence of events, at any profile and facts, the compiled
// stepper and a live XState actor are in the same state with the same tags and accept
// the same events. The engine shares one compiled stepper between every lifecycle of a
// scenario at a profile (src/sim/world/plan.ts), so the property steps two lifecycles
// interleaved through one stepper, against two actors.
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { WORKFLOWS } from '../../machines/index.js';
import { compiledStepper, machineTags } from '../../src/sim/lifecycles/compile.js';
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
