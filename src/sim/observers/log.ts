// The event log as an observer: every thing the world tells, as a LogEntry, in order.
// Kept only when asked for (`run`, the tabletop, tests); a sweep or a year streams its
// metrics instead (metrics.ts).
import type { Lifecycle } from '../lifecycles/index.js';
import type { LogEntry } from '../log.js';
import type { AttackStage, DecisionOption, DecisionPoint, FaultPhase, Inject } from '../scenario.js';
import type { Story, WorldObserver } from '../world/index.js';

export class LogObserver implements WorldObserver {
  readonly log: LogEntry[] = [];

  started(t: number, _story: Story, lc: Lifecycle, note: string): void {
    const { stepper, state } = lc;
    this.log.push({ t, kind: 'start', machine: lc.machine, state: stepper.stateKey(state), tags: stepper.tags(state), note });
  }

  stepped(t: number, _story: Story, lc: Lifecycle, event: string, from: string): void {
    const { stepper, state } = lc;
    this.log.push({ t, kind: 'step', machine: lc.machine, event, from, to: stepper.stateKey(state), tags: stepper.tags(state) });
  }

  phase(t: number, _story: Story, phase: FaultPhase, happened: boolean): void {
    this.log.push({ t, kind: 'phase', name: phase.name, impact: phase.impact, happened });
  }

  stage(t: number, _story: Story, stage: AttackStage, happened: boolean, loss: number): void {
    this.log.push({ t, kind: 'stage', id: stage.id, label: stage.label, ...(stage.flag ? { flag: stage.flag } : {}), happened, loss });
  }

  impact(t: number, _story: Story, impact: number): void {
    this.log.push({ t, kind: 'impact', impact });
  }

  inject(t: number, _story: Story, inject: Inject): void {
    this.log.push({ t, kind: 'inject', text: inject.text });
  }

  decision(t: number, _story: Story, point: DecisionPoint, option: DecisionOption, index: number): void {
    this.log.push({ t, kind: 'decision', point: point.id, option: option.id, label: option.label, index });
  }
}
