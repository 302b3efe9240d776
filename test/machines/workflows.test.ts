// The registry generic code reads the workflows through (machines/index.ts): the facts
// that change which transitions exist, the fields that make up a state's shape, and how a
// profile and facts become the machine's input.
import { describe, expect, it } from 'vitest';
import { initialTransition } from 'xstate';
import { changeWorkflow, incidentWorkflow, WORKFLOWS } from '../../machines/index.js';
import { uniformProfile } from '../../src/model/index.js';

describe('the workflow registry', () => {
  it('holds both workflows under their ids, each with its machine and events', () => {
    expect(Object.keys(WORKFLOWS)).toEqual(['incident', 'change']);
    for (const [id, w] of Object.entries(WORKFLOWS)) {
      expect(w.id).toBe(id);
      expect(w.machine.id).toBe(id);
      expect(new Set(w.events).size).toBe(w.events.length);
    }
  });

  it('incident facts: every combination, a recorded change only when a change caused it', () => {
    const keys = incidentWorkflow.factSpace.map((f) => JSON.stringify(f));
    expect(new Set(keys).size).toBe(keys.length);
    // 3 causes x 2^4 other facts, and a second value of changeRecorded for the 16 change-caused ones.
    expect(keys).toHaveLength(3 * 16 + 16);
    for (const f of incidentWorkflow.factSpace as { cause: string; changeRecorded: boolean }[]) if (f.changeRecorded) expect(f.cause).toBe('change');
  });

  it('change facts: every combination of standard and emergency', () => {
    expect(changeWorkflow.factSpace).toEqual([
      { standard: false, emergency: false },
      { standard: false, emergency: true },
      { standard: true, emergency: false },
      { standard: true, emergency: true },
    ]);
  });

  it.each(Object.values(WORKFLOWS))('$id: input is the profile and the facts; its shape is its flags, never its counters', (w) => {
    const profile = uniformProfile(3);
    const facts = w.factSpace[0];
    const input = w.input(profile, facts) as Record<string, unknown>;
    expect(Object.keys(input).sort()).toEqual([...w.inputKeys].sort());
    expect(input.profile).toBe(profile);
    expect(input.facts).toBe(facts);
    const context = initialTransition(w.machine, input)[0].context as Record<string, unknown>;
    const own = Object.keys(context).filter((k) => !w.inputKeys.includes(k));
    expect([...w.shapeKeys].sort()).toEqual(own.filter((k) => typeof context[k] === 'boolean').sort());
  });
});
