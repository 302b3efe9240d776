// The one small interface the engine steps machines through: a snapshot plus an event
// gives a snapshot, and a snapshot says which events it accepts. Two implementations
// share it: XState itself (pure `transition`, or a live actor for comparison) and the
// compiled transition table of compile.ts. The engine never knows which one it has.
import { createActor, initialTransition, transition, type AnyStateMachine } from 'xstate';
import type { Workflow } from '../../../machines/index.js';

export interface Stepper<S = unknown> {
  readonly workflow: Workflow;
  start(): S;
  next(s: S, event: string): S;
  accepts(s: S, event: string): boolean;
  /** Dotted path of the active leaf state, e.g. `respond.investigating`. */
  stateKey(s: S): string;
  hasTag(s: S, tag: string): boolean;
  /** All tags of the state, sorted. */
  tags(s: S): readonly string[];
  isFinal(s: S): boolean;
  /** The machine's context (for explanations and for what one machine hands another). */
  context(s: S): Readonly<Record<string, unknown>>;
  /** Why `event` is not accepted now (the failing guards' reasons), if it is not. */
  blockedBy(s: S, event: string): string | undefined;
}

/** Builds a stepper for one lifecycle with the given input (profile and facts). */
export type StepperFactory = <I>(workflow: Workflow<I>, input: I) => Stepper;

export function stateKeyOf(value: unknown): string {
  const parts: string[] = [];
  let v = value;
  while (v !== null && typeof v === 'object') {
    const [k, child] = Object.entries(v as Record<string, unknown>)[0]!;
    parts.push(k);
    v = child;
  }
  parts.push(String(v));
  return parts.join('.');
}

type Snap = ReturnType<typeof initialTransition<AnyStateMachine>>[0];

/** Reasons of the guards that keep `event` from being taken in `snap`. */
export function blockedReasons(workflow: Workflow, snap: Snap, event: string): string | undefined {
  if (snap.can({ type: event })) return undefined;
  const reasons = new Set<string>();
  for (const node of snap._nodes) {
    for (const t of node.transitions.get(event) ?? []) {
      const g = t.guard;
      const name = typeof g === 'string' ? g : g && typeof g === 'object' && 'type' in g ? String(g.type) : undefined;
      if (name) reasons.add(workflow.guardReasons[name] ?? name);
    }
  }
  return reasons.size ? [...reasons].join('; ') : `${event} is not part of this state`;
}

/** XState's own pure transition function: the reference implementation. */
export function xstateStepper<I>(workflow: Workflow<I>, input: I): Stepper<Snap> {
  const machine = workflow.machine;
  return {
    workflow: workflow as Workflow,
    start: () => initialTransition(machine, input)[0],
    next: (s, event) => transition(machine, s, { type: event })[0],
    accepts: (s, event) => s.can({ type: event }),
    stateKey: (s) => stateKeyOf(s.value),
    hasTag: (s, tag) => s.hasTag(tag),
    tags: (s) => [...s.tags].sort(),
    isFinal: (s) => s.status === 'done',
    context: (s) => s.context as Record<string, unknown>,
    blockedBy: (s, event) => blockedReasons(workflow as Workflow, s, event),
  };
}

/**
 * A live XState actor per lifecycle, as an application would run it. The snapshot is
 * the actor; `next` sends to it. Used to measure what the compiled form saves.
 */
export function actorStepper<I>(workflow: Workflow<I>, input: I): Stepper<ReturnType<typeof createActor>> {
  return {
    workflow: workflow as Workflow,
    start: () => createActor(workflow.machine, { input }).start(),
    next: (a, event) => {
      a.send({ type: event });
      return a;
    },
    accepts: (a, event) => a.getSnapshot().can({ type: event }),
    stateKey: (a) => stateKeyOf(a.getSnapshot().value),
    hasTag: (a, tag) => a.getSnapshot().hasTag(tag),
    tags: (a) => [...a.getSnapshot().tags].sort(),
    isFinal: (a) => a.getSnapshot().status === 'done',
    context: (a) => a.getSnapshot().context as Record<string, unknown>,
    blockedBy: (a, event) => blockedReasons(workflow as Workflow, a.getSnapshot(), event),
  };
}
