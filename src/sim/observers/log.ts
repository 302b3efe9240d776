// The event log as an observer: every thing the world tells, as a LogEntry, in order.
// Kept only when asked for (`run`, the tabletop, tests); a sweep or a year streams its
// metrics instead (metrics.ts).
import type { Lifecycle } from '../lifecycles/index.js';
import type { LogEntry } from '../log.js';
import type { AttackStage, DecisionOption, DecisionPoint, FaultPhase } from '../scenario.js';
import { decisionEntry, phaseEntry, stageEntry, startEntry, stepEntry, type InjectEntry, type Story, type WorldObserver } from '../world/index.js';

export class LogObserver implements WorldObserver {
  readonly log: LogEntry[] = [];

  started(t: number, _story: Story, lc: Lifecycle, note: string): void {
    this.log.push(startEntry(t, lc, note));
  }

  stepped(t: number, _story: Story, lc: Lifecycle, event: string, from: string): void {
    this.log.push(stepEntry(t, lc, event, from));
  }

  phase(t: number, _story: Story, phase: FaultPhase, happened: boolean): void {
    this.log.push(phaseEntry(t, phase, happened));
  }

  stage(t: number, _story: Story, stage: AttackStage, happened: boolean, loss: number): void {
    this.log.push(stageEntry(t, stage, happened, loss));
  }

  impact(t: number, _story: Story, impact: number): void {
    this.log.push({ t, kind: 'impact', impact });
  }

  inject(_t: number, _story: Story, entry: InjectEntry): void {
    this.log.push(entry);
  }

  decision(t: number, _story: Story, point: DecisionPoint, option: DecisionOption, index: number): void {
    this.log.push(decisionEntry(t, point, option, index));
  }
}
