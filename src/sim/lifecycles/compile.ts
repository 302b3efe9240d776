// The compiled form of a workflow: every state (with its context) reachable under one
// set of level rules, numbered, with an integer transition table. Derived from the
// XState machine by walking it with XState's own `transition`, so nothing is written
// twice; a property test shows it agrees with the actor. The hot loop steps this.
import { initialTransition, transition, type AnyStateMachine } from 'xstate';
import type { Workflow } from '../../../machines/index.js';
import { blockedReasons, stateKeyOf, type Stepper } from './stepper.js';

type Snap = ReturnType<typeof initialTransition<AnyStateMachine>>[0];

/** Tags are a bit mask in a 32-bit integer; bit 31 is the sign, so 31 tags at most. */
const MAX_TAGS = 31;

/**
 * Nodes a table may hold. The incident workflow reaches 55 at most, the change workflow 24;
 * a context field that grows without bound (a counter whose guard lost its limit) would
 * otherwise compile for ever instead of failing.
 */
export const MAX_NODES = 10_000;

export interface CompiledWorkflow {
  workflow: Workflow;
  /** The values of the level rules this table was built for. */
  signature: string;
  eventIndex: Readonly<Record<string, number>>;
  tagIndex: Readonly<Record<string, number>>;
  /** `next[node * events + event]`: the next node, or -1 when the event is not accepted. */
  next: Int32Array;
  stateKeys: string[];
  tags: Uint32Array;
  final: Uint8Array;
  /** The tags of each node, sorted (shared arrays: never mutate). */
  tagLists: (readonly string[])[];
  /** The XState snapshot behind each node, for explanations (never used when stepping). */
  snapshots: Snap[];
}

/** Every tag used anywhere in the machine, in a stable order. */
export function machineTags(machine: AnyStateMachine): string[] {
  const tags = new Set<string>();
  const visit = (node: { tags: string[]; states: Record<string, unknown> }) => {
    node.tags.forEach((t) => tags.add(t));
    Object.values(node.states).forEach((c) => visit(c as typeof node));
  };
  visit(machine.root as unknown as { tags: string[]; states: Record<string, unknown> });
  return [...tags].sort();
}

/** Each workflow's level rules as an array, taken once. */
const ruleLists = new WeakMap<Workflow, ((input: never) => boolean)[]>();
function rulesOf(workflow: Workflow): ((input: never) => boolean)[] {
  let rules = ruleLists.get(workflow);
  if (!rules) ruleLists.set(workflow, (rules = Object.values(workflow.rules)));
  return rules;
}

export function ruleSignature<I>(workflow: Workflow<I>, input: I): string {
  let sig = '';
  for (const rule of rulesOf(workflow as Workflow)) sig += rule(input as never) ? '1' : '0';
  return sig;
}

/** Bits a double holds exactly: more rules than this fall back to the string key. */
const SAFE_BITS = 52;

/** The same rule values as a number (bit i = rule i), for cache keys; rules beyond 52 fall back to the string. */
function ruleBits<I>(workflow: Workflow<I>, input: I): number | string {
  const rules = rulesOf(workflow as Workflow);
  if (rules.length > SAFE_BITS) return ruleSignature(workflow, input);
  let bits = 0;
  let bit = 1;
  for (let i = 0; i < rules.length; i++, bit *= 2) if (rules[i]!(input as never)) bits += bit;
  return bits;
}

function nodeKey(workflow: Workflow, s: Snap): string {
  const ctx: Record<string, unknown> = { ...(s.context as Record<string, unknown>) };
  for (const k of workflow.inputKeys) delete ctx[k];
  return `${stateKeyOf(s.value)}|${s.status}|${JSON.stringify(ctx)}`;
}

export function compileWorkflow<I>(workflow: Workflow<I>, input: I): CompiledWorkflow {
  const machine = workflow.machine;
  const events = workflow.events;
  const eventIndex = Object.fromEntries(events.map((e, i) => [e, i]));
  const tagList = machineTags(machine);
  if (tagList.length > MAX_TAGS) throw new Error(`${workflow.id}: more tags than a bit mask holds`);
  const tagIndex = Object.fromEntries(tagList.map((t, i) => [t, i]));

  const ids = new Map<string, number>();
  const snapshots: Snap[] = [];
  const intern = (s: Snap): number => {
    const key = nodeKey(workflow as Workflow, s);
    let id = ids.get(key);
    if (id === undefined) {
      if (snapshots.length >= MAX_NODES) throw new Error(`${workflow.id}: more than ${MAX_NODES} reachable states; does a context field grow without bound?`);
      id = snapshots.length;
      ids.set(key, id);
      snapshots.push(s);
    }
    return id;
  };
  intern(initialTransition(machine, input)[0]);
  const edges: number[] = [];
  for (let n = 0; n < snapshots.length; n++) {
    const s = snapshots[n]!;
    for (let e = 0; e < events.length; e++) {
      const event = { type: events[e]! };
      edges[n * events.length + e] = s.status === 'active' && s.can(event) ? intern(transition(machine, s, event)[0]) : -1;
    }
  }
  const tags = new Uint32Array(snapshots.length);
  snapshots.forEach((s, n) => {
    for (const t of s.tags) tags[n]! |= 1 << tagIndex[t]!;
  });
  return {
    workflow: workflow as Workflow,
    signature: ruleSignature(workflow, input),
    eventIndex,
    tagIndex,
    next: Int32Array.from(edges),
    stateKeys: snapshots.map((s) => stateKeyOf(s.value)),
    tags,
    final: Uint8Array.from(snapshots.map((s) => (s.status === 'done' ? 1 : 0))),
    tagLists: snapshots.map((s) => Object.freeze([...s.tags].sort())),
    snapshots,
  };
}

/** Tables by workflow, then by the values of its level rules. */
const cache = new WeakMap<Workflow, Map<number | string, CompiledWorkflow>>();

/** The compiled table for this input, built once per distinct set of rule values. */
export function compiled<I>(workflow: Workflow<I>, input: I): CompiledWorkflow {
  let byRules = cache.get(workflow as Workflow);
  if (!byRules) cache.set(workflow as Workflow, (byRules = new Map()));
  const key = ruleBits(workflow, input);
  let table = byRules.get(key);
  if (!table) {
    table = compileWorkflow(workflow, input);
    byRules.set(key, table);
  }
  return table;
}

/** Event and tag numbers by name, in Maps, built once per table. */
const lookups = new WeakMap<CompiledWorkflow, { events: Map<string, number>; tags: Map<string, number> }>();
function lookupsOf(c: CompiledWorkflow) {
  let l = lookups.get(c);
  if (!l) lookups.set(c, (l = { events: new Map(Object.entries(c.eventIndex)), tags: new Map(Object.entries(c.tagIndex)) }));
  return l;
}

/** One stepper per table: it keeps no run's state (that is the node number), so every lifecycle can share it. */
const steppers = new WeakMap<CompiledWorkflow, Stepper<number>>();

/** Steps the compiled table; node 0 is the initial state. */
export function compiledStepper<I>(workflow: Workflow<I>, input: I): Stepper<number> {
  const c = compiled(workflow, input);
  let stepper = steppers.get(c);
  if (!stepper) steppers.set(c, (stepper = stepperOf(c)));
  return stepper;
}

function stepperOf(c: CompiledWorkflow): Stepper<number> {
  const workflow = c.workflow;
  const width = workflow.events.length;
  // Maps find names by their cached hash; the engine asks `accepts` and then takes the
  // same event, so the last name looked up is remembered as well.
  const { events, tags } = lookupsOf(c);
  let lastEvent = '';
  let lastIndex = -1;
  const indexOf = (event: string) => {
    if (event !== lastEvent) {
      const e = events.get(event);
      if (e === undefined) throw new Error(`${c.workflow.id}: unknown event ${event}`);
      lastIndex = e;
      lastEvent = event;
    }
    return lastIndex;
  };
  return {
    workflow,
    start: () => 0,
    next: (s, event) => {
      const n = c.next[s * width + indexOf(event)]!;
      if (n < 0) throw new Error(`${workflow.id}: ${event} not accepted in ${c.stateKeys[s]}`);
      return n;
    },
    accepts: (s, event) => c.next[s * width + indexOf(event)]! >= 0,
    stateKey: (s) => c.stateKeys[s]!,
    hasTag: (s, tag) => {
      const bit = tags.get(tag);
      return bit !== undefined && (c.tags[s]! & (1 << bit)) !== 0;
    },
    tags: (s) => c.tagLists[s]!,
    isFinal: (s) => c.final[s] === 1,
    context: (s) => c.snapshots[s]!.context as Record<string, unknown>,
    blockedBy: (s, event) => blockedReasons(c.workflow, c.snapshots[s]!, event),
  };
}
