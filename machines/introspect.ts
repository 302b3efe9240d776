// Reading a machine's definition: its states and the transitions written in it, in
// document order. Used to describe workflows and to check scenario files against them.
import type { AnyStateMachine } from 'xstate';

export interface StaticTransition {
  source: string;
  event: string;
  targets: string[];
  guard?: string;
}

interface TransitionLike {
  target?: NodeLike[];
  guard?: unknown;
}

interface NodeLike {
  id: string;
  states: Record<string, NodeLike>;
  transitions: Map<string, TransitionLike[]>;
  always?: TransitionLike[];
}

const localPath = (machine: AnyStateMachine, id: string) => id.slice(machine.id.length + 1);

function guardName(g: unknown): string | undefined {
  if (typeof g === 'string') return g;
  if (g && typeof g === 'object' && 'type' in g) return String((g as { type: unknown }).type);
  return undefined;
}

/** Every state path of the machine in document order (parents before children). */
export function statePaths(machine: AnyStateMachine): string[] {
  const out: string[] = [];
  const visit = (node: NodeLike) => {
    if (node.id !== machine.id) out.push(localPath(machine, node.id));
    Object.values(node.states).forEach(visit);
  };
  visit(machine.root as unknown as NodeLike);
  return out;
}

/** Every transition written in the machine, in document order; eventless ones have event `always`. */
export function staticTransitions(machine: AnyStateMachine): StaticTransition[] {
  const out: StaticTransition[] = [];
  const visit = (node: NodeLike) => {
    const add = (event: string, d: TransitionLike) => {
      const guard = guardName(d.guard);
      out.push({
        source: localPath(machine, node.id),
        event,
        targets: (d.target ?? []).map((t) => localPath(machine, t.id)),
        ...(guard ? { guard } : {}),
      });
    };
    for (const [event, defs] of node.transitions) defs.forEach((d) => add(event, d));
    (node.always ?? []).forEach((d) => add('always', d));
    Object.values(node.states).forEach(visit);
  };
  visit(machine.root as unknown as NodeLike);
  return out;
}

