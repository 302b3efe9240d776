// Why an option is greyed out: every guard of both machines has a reason in words, and a
// refused event is explained by the reasons of exactly the guards that refused it (the
// tabletop shows these beside each closed option).
import { describe, expect, it } from 'vitest';
import { staticTransitions, WORKFLOWS } from '../../machines/index.js';
import { uniformProfile, type Level } from '../../src/model/index.js';
import { compiled, compiledStepper } from '../../src/sim/lifecycles/compile.js';

describe.each(Object.values(WORKFLOWS))('the $id workflow explains its refusals', (workflow) => {
  const guarded = staticTransitions(workflow.machine).filter((t) => t.guard && t.event !== 'always');
  const inputs = ([1, 2, 3, 4, 5] as Level[]).flatMap((l) => workflow.factSpace.map((f) => workflow.input(uniformProfile(l), f)));

  it('every guard of the machine has a reason, a sentence of its own', () => {
    const guards = Object.keys(workflow.machine.implementations.guards);
    expect(Object.keys(workflow.guardReasons).sort()).toEqual([...guards].sort());
    for (const g of guards) expect(workflow.guardReasons[g], g).toMatch(/^[a-z].{15,}[^.]$/);
    expect(new Set(Object.values(workflow.guardReasons)).size).toBe(guards.length);
  });

  it.each(guarded.map((t) => [`${t.event} in ${t.source} [${t.guard}]`, t] as const))(
    'a refused %s is explained by its guard',
    (_name, t) => {
      // The first input at which a state of the table holds `source` and refuses the event.
      for (const input of inputs) {
        const table = compiled(workflow, input);
        const node = table.stateKeys.findIndex((k, n) => k === t.source && table.next[n * workflow.events.length + table.eventIndex[t.event]!]! < 0);
        if (node < 0) continue;
        const why = compiledStepper(workflow, input).blockedBy(node, t.event);
        expect(why?.split('; '), `${t.event} refused in ${t.source}`).toContain(workflow.guardReasons[t.guard!]);
        return;
      }
      // Never refused where it is written: an alternative always takes the event (CLOSED goes to closed without a problem record).
      const alternatives = staticTransitions(workflow.machine).filter((x) => x.source === t.source && x.event === t.event);
      expect(alternatives.some((x) => !x.guard), `${t.event} in ${t.source} is never refused, yet has no unguarded alternative`).toBe(true);
    },
  );
});
