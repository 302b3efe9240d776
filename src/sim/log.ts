// The event log of one replication: everything that happened, in order. Metrics and
// every display (timeline, tabletop, transcript) read it; nothing is counted inside the
// engine itself.
import type { AttackFlag } from './scenario.js';

export type MachineId = 'incident' | 'change';

export type LogEntry =
  /** A machine started (an incident is opened, a change is requested). */
  | { t: number; kind: 'start'; machine: MachineId; state: string; tags: readonly string[]; note: string }
  /** A machine took an event. */
  | { t: number; kind: 'step'; machine: MachineId; event: string; from: string; to: string; tags: readonly string[] }
  /** A fault phase began, or was never reached because service was restored first. */
  | { t: number; kind: 'phase'; name: string; impact: number; happened: boolean }
  /** An attacker stage completed, or was stopped by containment. */
  | { t: number; kind: 'stage'; id: string; label: string; flag?: AttackFlag; happened: boolean; loss: number }
  /** The share of the business affected changed (fault phases, restoration, reopening). */
  | { t: number; kind: 'impact'; impact: number }
  /**
   * An inject reached the room (its text with the template filled in): its id, the teams
   * it is addressed to, and, when it waited for what it presumes, the time it was first due.
   */
  | { t: number; kind: 'inject'; id: string; to: readonly string[]; text: string; deferredFrom?: number }
  | { t: number; kind: 'decision'; point: string; option: string; label: string; index: number };
