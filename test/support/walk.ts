// Model-based walking: XState's createTestModel enumerates the simple paths of a
// machine at a profile, and each path is replayed against the system under test, the
// compiled transition table, checking state and tags after every step.
import { initialTransition, transition } from 'xstate';
import { createTestModel } from 'xstate/graph';
import { expect } from 'vitest';
import type { Workflow } from '../../machines/index.js';
import type { Profile } from '../../src/model/index.js';
import { compiledStepper, machineTags, ruleSignature } from '../../src/sim/lifecycles/compile.js';
import { stateKeyOf } from '../../src/sim/lifecycles/stepper.js';

export interface Visit {
  state: string;
  tags: string[];
  context: Record<string, unknown>;
  final: boolean;
}

export interface WalkedPath {
  facts: Record<string, unknown>;
  /** The events taken, in order. */
  events: string[];
  /** The state after the start and after each event (one more than `events`). */
  visits: Visit[];
  description: string;
}

type AnySnapshot = { value: unknown; context: Record<string, unknown>; status: string; hasTag(t: string): boolean };

const shapeOf = (workflow: Workflow) => (s: AnySnapshot) =>
  JSON.stringify([s.value, s.status, workflow.shapeKeys.map((k) => s.context[k])]);

/**
 * Simple paths never repeat a state, so they never take a loop (a lost report, a
 * misroute, a failed fix, a reopen). These paths do: for every transition of every
 * reachable state, the shortest way there, the transition, and the shortest way on to
 * a final state. Replayed against the compiled table like the simple paths.
 */
export function walkEveryTransition(workflow: Workflow, profile: Profile, factsList: readonly unknown[]): WalkedPath[] {
  const tags = machineTags(workflow.machine);
  const out: WalkedPath[] = [];
  for (const facts of distinctFacts(workflow, profile, factsList)) {
    const input = workflow.input(profile, facts);
    const machine = workflow.machine;
    const key = shapeOf(workflow);
    // Breadth-first: the shortest event sequence to every state, and the reverse edges.
    const start = initialTransition(machine, input)[0] as unknown as AnySnapshot;
    const route = new Map<string, { snap: AnySnapshot; events: string[] }>([[key(start), { snap: start, events: [] }]]);
    const queue = [start];
    const edges: [string, string, string][] = [];
    while (queue.length) {
      const s = queue.shift()!;
      if (s.status !== 'active') continue;
      for (const event of workflow.events) {
        if (!(s as unknown as { can(e: unknown): boolean }).can({ type: event })) continue;
        const n = transition(machine, s as never, { type: event } as never)[0] as unknown as AnySnapshot;
        edges.push([key(s), event, key(n)]);
        if (!route.has(key(n))) {
          route.set(key(n), { snap: n, events: [...route.get(key(s))!.events, event] });
          queue.push(n);
        }
      }
    }
    // Shortest way from every state to a final state, by backward breadth-first search.
    const toFinal = new Map<string, string[]>();
    for (const [k, r] of route) if (r.snap.status === 'done') toFinal.set(k, []);
    let grew = true;
    while (grew) {
      grew = false;
      for (const [from, event, to] of edges) {
        if (!toFinal.has(from) && toFinal.has(to)) {
          toFinal.set(from, [event, ...toFinal.get(to)!]);
          grew = true;
        }
      }
    }
    for (const [from, event, to] of edges) {
      const tail = toFinal.get(to);
      expect(tail, `${workflow.id}: no way to a final state after ${from} --${event}-->`).toBeDefined();
      out.push(replay(workflow, input, facts, [...route.get(from)!.events, event, ...tail!], tags));
    }
  }
  return out;
}

/** The compiled table must agree with XState at every step (checked cheaply, reported fully). */
function agree(sut: ReturnType<typeof compiledStepper>, node: number, v: Visit, description: string): void {
  const sutTags = v.tags.length === 0 ? [] : v.tags.filter((t) => sut.hasTag(node, t));
  const extra = machineTagsOf(sut).filter((t) => sut.hasTag(node, t) && !v.tags.includes(t));
  if (sut.stateKey(node) !== v.state || sutTags.length !== v.tags.length || extra.length || sut.isFinal(node) !== v.final) {
    expect({ state: sut.stateKey(node), final: sut.isFinal(node), extraTags: extra }, description).toEqual({ state: v.state, final: v.final, extraTags: [] });
    expect(sutTags, description).toEqual(v.tags);
  }
}

const tagCache = new WeakMap<object, string[]>();
function machineTagsOf(sut: ReturnType<typeof compiledStepper>): string[] {
  let t = tagCache.get(sut.workflow);
  if (!t) tagCache.set(sut.workflow, (t = machineTags(sut.workflow.machine)));
  return t;
}

function replay(workflow: Workflow, input: unknown, facts: unknown, events: string[], tags: string[]): WalkedPath {
  const sut = compiledStepper(workflow, input);
  let node = sut.start();
  let snap = initialTransition(workflow.machine, input)[0] as unknown as AnySnapshot;
  const description = events.join(' -> ');
  const visit = (): Visit => {
    const v: Visit = { state: stateKeyOf(snap.value), tags: tags.filter((t) => snap.hasTag(t)), context: snap.context, final: snap.status === 'done' };
    agree(sut, node, v, description);
    return v;
  };
  const visits = [visit()];
  for (const e of events) {
    node = sut.next(node, e);
    snap = transition(workflow.machine, snap as never, { type: e } as never)[0] as unknown as AnySnapshot;
    visits.push(visit());
  }
  return { facts: facts as Record<string, unknown>, events, visits, description };
}

/**
 * One facts value per distinct set of level-rule values: facts that leave every rule
 * unchanged give the same machine, so walking both would repeat the same paths.
 */
export function distinctFacts(workflow: Workflow, profile: Profile, factsList: readonly unknown[]): unknown[] {
  const seen = new Map<string, unknown>();
  for (const f of factsList) {
    const sig = ruleSignature(workflow, workflow.input(profile, f));
    if (!seen.has(sig)) seen.set(sig, f);
  }
  return [...seen.values()];
}

/**
 * Every simple path from the initial state to a final state, for each facts value.
 * A state's identity is its value plus its context (minus the constant input).
 */
export async function walkSimplePaths(workflow: Workflow, profile: Profile, factsList: readonly unknown[]): Promise<WalkedPath[]> {
  const tags = machineTags(workflow.machine);
  const out: WalkedPath[] = [];
  for (const facts of distinctFacts(workflow, profile, factsList)) {
    const input = workflow.input(profile, facts);
    const model = createTestModel(workflow.machine, { input, serializeState: shapeOf(workflow) } as never);
    const paths = model.getSimplePaths({ toState: (s: AnySnapshot) => s.status === 'done' } as never);
    for (const path of paths) {
      const sut = compiledStepper(workflow, input);
      let node = sut.start();
      const visits: Visit[] = [];
      const events: string[] = [];
      await path.test({
        events: Object.fromEntries(
          workflow.events.map((type) => [
            type,
            () => {
              node = sut.next(node, type);
              events.push(type);
            },
          ]),
        ),
        states: {
          '*': (raw: unknown) => {
            const s = raw as unknown as AnySnapshot;
            const visit: Visit = {
              state: stateKeyOf(s.value),
              tags: tags.filter((t) => s.hasTag(t)),
              context: s.context,
              final: s.status === 'done',
            };
            agree(sut, node, visit, path.description);
            visits.push(visit);
          },
        },
      } as never);
      out.push({ facts: facts as Record<string, unknown>, events, visits, description: path.description });
    }
  }
  return out;
}

/** Fails listing the paths (at most five) that break a rule. */
export function expectEvery(paths: WalkedPath[], rule: (p: WalkedPath) => boolean, what: string): void {
  const broken = paths.filter((p) => !rule(p));
  const shown = broken.slice(0, 5).map((p) => `  facts ${JSON.stringify(p.facts)}\n  ${p.events.join(' -> ')}`);
  expect(broken.length, `${what}: ${broken.length} of ${paths.length} paths break it\n${shown.join('\n')}`).toBe(0);
}

export const visits = (p: WalkedPath, state: string) => p.visits.some((v) => v.state === state || v.state.startsWith(`${state}.`));
export const took = (p: WalkedPath, event: string) => p.events.includes(event);
export const count = (p: WalkedPath, event: string) => p.events.filter((e) => e === event).length;
