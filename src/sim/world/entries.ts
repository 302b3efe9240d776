// The log entry of each thing a world tells its observers. The event log keeps them
// (observers/log.ts) and a story's injects read the ones they wait for (injects.ts):
// one reading of each moment, so an inject can never see the story differently from
// the log.
import type { Lifecycle } from '../lifecycles/index.js';
import type { LogEntry } from '../log.js';
import type { AttackStage, DecisionOption, DecisionPoint, FaultPhase } from '../scenario.js';

export function startEntry(t: number, lc: Lifecycle, note: string): LogEntry {
  const { stepper, state } = lc;
  return { t, kind: 'start', machine: lc.machine, state: stepper.stateKey(state), tags: stepper.tags(state), note };
}

export function stepEntry(t: number, lc: Lifecycle, event: string, from: string): LogEntry {
  const { stepper, state } = lc;
  return { t, kind: 'step', machine: lc.machine, event, from, to: stepper.stateKey(state), tags: stepper.tags(state) };
}

export function phaseEntry(t: number, phase: FaultPhase, happened: boolean): LogEntry {
  return { t, kind: 'phase', name: phase.name, impact: phase.impact, happened };
}

export function stageEntry(t: number, stage: AttackStage, happened: boolean, loss: number): LogEntry {
  return { t, kind: 'stage', id: stage.id, label: stage.label, ...(stage.flag ? { flag: stage.flag } : {}), happened, loss };
}

export function decisionEntry(t: number, point: DecisionPoint, option: DecisionOption, index: number): LogEntry {
  return { t, kind: 'decision', point: point.id, option: option.id, label: option.label, index };
}
