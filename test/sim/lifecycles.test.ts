// Lifecycles: the handlers are keyed by the machines' real state paths, every leaf state
// either has a handler or is declared a wait, and handlers name only parameters the
// calibration table has.
import { describe, expect, it } from 'vitest';
import type { AnyStateMachine } from 'xstate';
import { changeWorkflow, incidentWorkflow, statePaths } from '../../machines/index.js';
import { defaultCalibration } from '../../src/calibration/index.js';
import { CHANGE_WAITS, changeHandlers, INCIDENT_WAITS, incidentHandlers } from '../../src/sim/lifecycles/index.js';

/** Leaf states that are not final: where a lifecycle can stand and something must happen next. */
function openLeaves(machine: AnyStateMachine): string[] {
  const paths = statePaths(machine);
  return paths.filter((p) => !paths.some((q) => q.startsWith(`${p}.`)) && machine.getStateNodeById(`${machine.id}.${p}`).type !== 'final');
}

describe.each([
  ['incident', incidentWorkflow.machine, incidentHandlers, INCIDENT_WAITS],
  ['change', changeWorkflow.machine, changeHandlers, CHANGE_WAITS],
] as const)('the %s handlers', (_, machine, handlers, waits) => {
  it('are keyed by real state paths of the machine', () => {
    const paths = statePaths(machine);
    expect(Object.keys(handlers).filter((k) => !paths.includes(k))).toEqual([]);
    expect([...waits].filter((k) => !paths.includes(k))).toEqual([]);
  });

  it('cover every leaf state that is not final, each once: a handler or a declared wait', () => {
    const covered = [...Object.keys(handlers), ...waits];
    expect(new Set(covered).size).toBe(covered.length);
    expect(covered.sort()).toEqual(openLeaves(machine).sort());
  });
});

describe('the check itself', () => {
  it('finds the machines’ leaves (a state renamed in the machine would leave its handler key behind)', () => {
    expect(openLeaves(incidentWorkflow.machine)).toContain('categorize.queued');
    expect(openLeaves(incidentWorkflow.machine)).not.toContain('categorize');
    expect(openLeaves(incidentWorkflow.machine)).not.toContain('closed');
  });
});

it('every parameter the engine draws exists in the calibration table', async () => {
  const { purposeName } = await import('../../src/sim/environment/index.js');
  // Load every layer that numbers parameters, then read back the names numbered.
  await import('../../src/sim/engine.js');
  const cal = defaultCalibration();
  const params = new Set(cal.entries.map((e) => e.param));
  const named: string[] = [];
  for (let id = 0; ; id++) {
    try {
      named.push(purposeName(id));
    } catch {
      break;
    }
  }
  // Purposes are parameter names, or stream names of their own (fault phases, stages, signals, decisions, models).
  const own = /^(fault\.phase|attacker\.stage|decision|mmc|org)\.|\.(phase|stage)\d+$|\.attack$/;
  const missing = named.filter((n) => !own.test(n) && !params.has(n));
  expect(missing).toEqual([]);
  expect(named).toContain('serviceDesk.intakeDelay');
});
