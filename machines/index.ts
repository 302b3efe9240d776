// The two workflows imsim simulates, each one XState machine in its own file, and a
// registry that lets generic code (compiler, describer, tests) treat them alike.
// Machines may import src/model only: they hold rules, never numbers or time.
import type { AnyStateMachine } from 'xstate';
import type { Profile } from '../src/model/index.js';
import {
  INCIDENT_EVENTS,
  incidentGuardReasons,
  incidentMachine,
  incidentRules,
  type IncidentFacts,
  type IncidentInput,
} from './incident.js';
import { CHANGE_EVENTS, changeGuardReasons, changeMachine, changeRules, type ChangeFacts, type ChangeInput } from './change.js';

export * from './incident.js';
export * from './change.js';
export * from './introspect.js';

export type WorkflowId = 'incident' | 'change';

export interface Workflow<I = any> {
  id: WorkflowId;
  machine: AnyStateMachine;
  events: readonly string[];
  /** Predicates on the input alone (profile and facts): the level rules. */
  rules: Readonly<Record<string, (input: I) => boolean>>;
  guardReasons: Readonly<Record<string, string>>;
  /** Context fields that come from the input and never change during a run. */
  inputKeys: readonly string[];
  /**
   * Context fields that open or close transitions (as opposed to loop counters): a
   * state's "shape" for path enumeration is its value plus these.
   */
  shapeKeys: readonly string[];
  /** Every combination of facts that can change which transitions exist. */
  factSpace: readonly unknown[];
  input(profile: Profile, facts: unknown): I;
}

function combinations<T extends Record<string, readonly unknown[]>>(axes: T): { [K in keyof T]: T[K][number] }[] {
  let out: Record<string, unknown>[] = [{}];
  for (const [k, values] of Object.entries(axes)) out = out.flatMap((o) => values.map((v) => ({ ...o, [k]: v })));
  return out as { [K in keyof T]: T[K][number] }[];
}

export const incidentWorkflow: Workflow<IncidentInput> = {
  id: 'incident',
  machine: incidentMachine,
  events: INCIDENT_EVENTS,
  rules: incidentRules,
  guardReasons: incidentGuardReasons,
  inputKeys: ['profile', 'facts'],
  shapeKeys: ['major', 'contained', 'changeIdentified', 'linkedProblem'],
  factSpace: combinations({
    cause: ['fault', 'change', 'attack'] as const,
    changeRecorded: [false, true],
    securityAlert: [false, true],
    canFailOver: [false, true],
    selfHealable: [false, true],
    recurring: [false, true],
  }).filter((f) => f.cause === 'change' || !f.changeRecorded) satisfies IncidentFacts[],
  input: (profile, facts) => ({ profile, facts: facts as IncidentFacts }),
};

export const changeWorkflow: Workflow<ChangeInput> = {
  id: 'change',
  machine: changeMachine,
  events: CHANGE_EVENTS,
  rules: changeRules,
  guardReasons: changeGuardReasons,
  inputKeys: ['profile', 'facts'],
  shapeKeys: ['recorded'],
  factSpace: combinations({ standard: [false, true], emergency: [false, true] }) satisfies ChangeFacts[],
  input: (profile, facts) => ({ profile, facts: facts as ChangeFacts }),
};

export const WORKFLOWS: Record<WorkflowId, Workflow> = { incident: incidentWorkflow, change: changeWorkflow };
