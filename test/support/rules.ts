// Rules both ways: a workflow's transitions checked against a specification written in
// the test (from the seed documents), at every profile and every combination of facts,
// in the XState machine and in the compiled table the engine steps.
//
// A specification lists, for every state of the machine, the events it takes and where
// they lead, each guarded one with a condition on the profile, the facts and the
// machine's own flags. Every event a state does not list must be refused. The check goes
// both ways: an event is accepted exactly when its condition holds, so a rule made
// stricter (a transition missing where the seeds say it exists) fails as surely as one
// made looser.
//
// Checked per state, against snapshots, never by walking paths:
// - XState: for each state of the specification and each setting of the flags it lists,
//   a snapshot is made with `machine.resolveState` and asked `can(event)` for every
//   event, and `transition` for where an accepted one leads.
// - The compiled table: for every node of the table the engine would use at the input
//   (`compiled()`), the same questions of `next`.
//
// Why not ask XState at every one of the 3,125 profiles times every combination of facts
// directly: it costs tens of microseconds a snapshot. The reduction, and why it is exact:
// XState decides `can` and the target from the state, the event and the values of the
// guards on the transitions it looks at; nothing else in the context is read (the
// machines take no context-dependent targets, and every guard is a named guard of the
// machine, which `namedGuardsOnly` checks). So two inputs whose named guards all give the
// same values, at every flag setting probed, get the same answers from XState. The inputs
// are grouped by that vector of guard values, computed by calling the machine's own guard
// implementations (fast: plain functions), one representative of each group is asked,
// and its answers are compared with the specification at every input of the group. A
// guard changed in the machine changes the grouping with it, so it cannot hide. The
// premise itself is checked on a sample of inputs asked directly.
//
// The compiled table is looked up for every input (it is cached by the values of the
// workflow's rules; a cache key that merged inputs the machine tells apart would show
// here as a disagreement with the specification).
import { transition, type AnyStateMachine } from 'xstate';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { staticTransitions, statePaths, type Workflow } from '../../machines/index.js';
import { canonicalProfile, DOMAINS, LEVELS, type Level, type Profile } from '../../src/model/index.js';
import { compiled, type CompiledWorkflow } from '../../src/sim/lifecycles/compile.js';
import { stateKeyOf } from '../../src/sim/lifecycles/stepper.js';
import { CORPUS_SEED } from './arbitraries.js';

/** One input and, while a state is checked, the machine's own flags (its context beyond the input). */
export interface Case<F, X> {
  p: Profile;
  f: F;
  x: X;
}

export interface Edge<F, X> {
  /** Where it leads when taken: a state key, or one computed from the case (eventless routing, alternatives). */
  to: string | ((c: Case<F, X>) => string);
  /** Absent: always taken. Otherwise the condition the seeds give. */
  when?: (c: Case<F, X>) => boolean;
  /** The machine's guard(s) this condition is, named in the test's title. */
  guard?: string;
  /** The rule in words, with its seed section. */
  says?: string;
}

export interface StateSpec<F, X> {
  /** Dotted key of the state, e.g. `categorize.afterHours`. */
  state: string;
  /** Its tags (the properties states share: detected, acknowledged, restored, ...), in any order. */
  tags: readonly string[];
  /** Flag settings to probe the XState machine at (the compiled table brings its own). */
  flags: readonly X[];
  on: Readonly<Record<string, Edge<F, X>>>;
}

export interface Spec<F, X> {
  workflow: Workflow;
  /** Every combination of facts, written in the test. */
  facts: readonly F[];
  /** The flags a fresh lifecycle starts with. */
  initialFlags: X;
  /** Flag names in the context (everything but the input). */
  flagKeys: readonly (keyof X & string)[];
  states: readonly StateSpec<F, X>[];
  /** States left at once by an eventless transition (checked through the events that enter them). */
  transient: readonly string[];
}

/** Every profile: 5 levels in each of 5 domains. */
export function allProfiles(): Profile[] {
  let out: Record<string, Level>[] = [{}];
  for (const d of DOMAINS) out = out.flatMap((o) => LEVELS.map((l) => ({ ...o, [d]: l })));
  return out as unknown as Profile[];
}

/** Every combination of the values on each axis. */
export function product<T extends Record<string, readonly unknown[]>>(axes: T): { [K in keyof T]: T[K][number] }[] {
  let out: Record<string, unknown>[] = [{}];
  for (const [k, values] of Object.entries(axes)) out = out.flatMap((o) => values.map((v) => ({ ...o, [k]: v })));
  return out as { [K in keyof T]: T[K][number] }[];
}

function valueOf(key: string): unknown {
  const parts = key.split('.');
  let v: unknown = parts.pop()!;
  while (parts.length) v = { [parts.pop()!]: v };
  return v;
}

type Snap = ReturnType<AnyStateMachine['resolveState']>;
type GuardFn = (args: { context: unknown; event: unknown }) => boolean;
type CheckFn = (snapshot: { machine: AnyStateMachine }, args: { context: unknown; event: unknown }, guard: unknown) => boolean;
/** The answer to one event in one state: where it leads, or null when refused. */
type Answer = string | null;

export interface Checked<F, X> {
  spec: Spec<F, X>;
  cases: { p: Profile; f: F }[];
  /** Per input, its group of equal guard values, and the XState answers of the group per probe. */
  group: Int32Array;
  xstate: Answer[][][];
  /** Per input, the compiled table the engine would use. */
  table: Int32Array;
  tables: CompiledWorkflow[];
  probes: { state: string; flags: unknown }[];
}

const contextOf = <F, X>(spec: Spec<F, X>, p: Profile, f: F, x: X) => ({ ...spec.workflow.input(p, f), ...x }) as Record<string, unknown>;

/** The XState answer to every event at a snapshot made for (state, context). */
function askXState(machine: AnyStateMachine, events: readonly string[], state: string, context: Record<string, unknown>): Answer[] {
  const snap: Snap = machine.resolveState({ value: valueOf(state) as never, context });
  return events.map((type) => (snap.can({ type }) ? stateKeyOf(transition(machine, snap, { type })[0].value) : null));
}

/** Builds the groups, asks XState once per group and probe, and finds each input's compiled table. */
export function prepare<F, X>(spec: Spec<F, X>): Checked<F, X> {
  const { workflow } = spec;
  const machine = workflow.machine;
  // A named guard is a function, or a higher-order guard (`not(...)`) that XState checks
  // through its `check`, given a snapshot that only needs to know its machine.
  const guards = Object.values(machine.implementations.guards as Record<string, GuardFn & { check?: CheckFn }>).map(
    (g): GuardFn => (g.check ? (args) => g.check!({ machine }, args, g) : g),
  );
  const probes = spec.states.flatMap((s) => s.flags.map((flags) => ({ state: s.state, flags })));
  const flagSettings = [...new Map(probes.map((pr) => [JSON.stringify(pr.flags), pr.flags as X])).values()];
  const cases = allProfiles().flatMap((p) => spec.facts.map((f) => ({ p, f })));
  const group = new Int32Array(cases.length);
  const table = new Int32Array(cases.length);
  const groups = new Map<string, number>();
  const representatives: number[] = [];
  const tableIds = new Map<CompiledWorkflow, number>();
  const tables: CompiledWorkflow[] = [];
  const event = { type: '' };
  // Guard values as the bits of one number per flag setting (a double holds 52 exactly).
  if (guards.length > 52) throw new Error(`${workflow.id}: more guards than the bits of a number`);
  // One context object, its fields set in place: this loop runs for every input, and
  // building a fresh object each time took most of its time.
  const context = contextOf(spec, cases[0]!.p, cases[0]!.f, spec.initialFlags);
  const args = { context, event };
  const flagRows = flagSettings.map((x) => spec.flagKeys.map((k) => x[k]));
  const bits = new Array<number>(flagSettings.length);
  cases.forEach((c, i) => {
    const input = workflow.input(c.p, c.f) as Record<string, unknown>;
    for (const k in input) context[k] = input[k];
    for (let s = 0; s < flagRows.length; s++) {
      for (let k = 0; k < spec.flagKeys.length; k++) context[spec.flagKeys[k]!] = flagRows[s]![k];
      let b = 0;
      for (let g = 0; g < guards.length; g++) if (guards[g]!(args)) b += 2 ** g;
      bits[s] = b;
    }
    const key = bits.join(',');
    let id = groups.get(key);
    if (id === undefined) {
      groups.set(key, (id = representatives.length));
      representatives.push(i);
    }
    group[i] = id;
    const t = compiled(workflow, workflow.input(c.p, c.f));
    let tid = tableIds.get(t);
    if (tid === undefined) {
      tableIds.set(t, (tid = tables.length));
      tables.push(t);
    }
    table[i] = tid;
  });
  const xstate = representatives.map((i) =>
    probes.map((pr) => askXState(machine, workflow.events, pr.state, contextOf(spec, cases[i]!.p, cases[i]!.f, pr.flags as X))),
  );
  return { spec, cases, group, xstate, table, tables, probes };
}

/** What the specification says `event` does in `state` for this case: where it leads, or null. */
export function expected<F, X>(st: StateSpec<F, X>, event: string, c: Case<F, X>): Answer {
  const edge = st.on[event];
  if (!edge || (edge.when && !edge.when(c))) return null;
  return typeof edge.to === 'string' ? edge.to : edge.to(c);
}

const describeCase = (c: Case<unknown, unknown>) => `profile ${canonicalProfile(c.p)}, facts ${JSON.stringify(c.f)}, flags ${JSON.stringify(c.x)}`;
const answerText = (a: Answer) => (a === null ? 'refused' : `-> ${a}`);

/**
 * Checks one event of one state at every input, in XState (at the probed flags) and in
 * the compiled table (at every node of that state), failing with the first few inputs
 * where the machine disagrees with the specification.
 */
export function checkEdge<F, X>(ch: Checked<F, X>, state: string, event: string): void {
  const st = ch.spec.states.find((s) => s.state === state)!;
  const e = ch.spec.workflow.events.indexOf(event);
  const wrong: string[] = [];
  let checked = 0;
  const note = (where: string, c: Case<F, X>, want: Answer, got: Answer) => {
    if (wrong.length < 6) wrong.push(`  ${where} at ${describeCase(c as Case<unknown, unknown>)}: expected ${answerText(want)}, got ${answerText(got)}`);
    else if (wrong.length === 6) wrong.push('  ...');
  };
  const probeIdx = ch.probes.flatMap((pr, k) => (pr.state === state ? [k] : []));
  const tableNodes = ch.tables.map((t) =>
    t.stateKeys.flatMap((k, n) => (k === state ? [{ n, x: flagsOf(ch.spec, t.snapshots[n]!.context as Record<string, unknown>) }] : [])),
  );
  const width = ch.spec.workflow.events.length;
  for (let i = 0; i < ch.cases.length; i++) {
    const { p, f } = ch.cases[i]!;
    for (const k of probeIdx) {
      const c = { p, f, x: ch.probes[k]!.flags as X };
      const want = expected(st, event, c);
      const got = ch.xstate[ch.group[i]!]![k]![e]!;
      checked++;
      if (want !== got) note('XState', c, want, got);
    }
    const t = ch.tables[ch.table[i]!]!;
    for (const { n, x } of tableNodes[ch.table[i]!]!) {
      const c = { p, f, x };
      const want = expected(st, event, c);
      const next = t.next[n * width + e]!;
      const got = next < 0 ? null : t.stateKeys[next]!;
      checked++;
      if (want !== got) note('compiled table', c, want, got);
    }
  }
  expect(checked, `no input reaches ${state}`).toBeGreaterThan(0);
  expect(wrong, `${event} in ${state}: the machine disagrees with the rule at ${wrong.length >= 6 ? 'many' : wrong.length} inputs\n${wrong.join('\n')}`).toEqual([]);
}

function flagsOf<F, X>(spec: Spec<F, X>, context: Record<string, unknown>): X {
  return Object.fromEntries(spec.flagKeys.map((k) => [k, context[k]])) as X;
}

/**
 * Every event a state does not list is refused, at every input: in XState at each group
 * (its inputs answer alike) and in every compiled table. Every node of every table is a
 * state the specification describes.
 */
export function checkUnlisted<F, X>(ch: Checked<F, X>, state: string): void {
  const st = ch.spec.states.find((s) => s.state === state)!;
  const events = ch.spec.workflow.events;
  const unlisted = events.flatMap((e, i) => (st.on[e] ? [] : [i]));
  const wrong = new Set<string>();
  ch.probes.forEach((pr, k) => {
    if (pr.state !== state) return;
    for (const answers of ch.xstate) for (const e of unlisted) if (answers[k]![e] !== null) wrong.add(`XState takes ${events[e]} (flags ${JSON.stringify(pr.flags)})`);
  });
  for (const t of ch.tables) {
    t.stateKeys.forEach((key, n) => {
      if (key !== state) return;
      for (const e of unlisted) if (t.next[n * events.length + e]! >= 0) wrong.add(`the compiled table takes ${events[e]}`);
    });
  }
  expect([...wrong], `${state} takes events its rules do not list`).toEqual([]);
}

/** A state carries exactly its tags, in XState and in every compiled table (tags never depend on the level). */
export function checkTags<F, X>(ch: Checked<F, X>, state: string): void {
  const st = ch.spec.states.find((s) => s.state === state)!;
  const want = [...st.tags].sort();
  const { p, f } = ch.cases[0]!;
  for (const flags of st.flags) {
    const snap = ch.spec.workflow.machine.resolveState({ value: valueOf(state) as never, context: contextOf(ch.spec, p, f, flags) });
    expect([...snap.tags].sort(), `XState tags of ${state}`).toEqual(want);
  }
  for (const t of ch.tables) t.stateKeys.forEach((k, n) => k === state && expect([...t.tagLists[n]!], `compiled tags of ${state}`).toEqual(want));
}

/** Every node of every compiled table is a state the specification describes. */
export function checkTablesCovered<F, X>(ch: Checked<F, X>): void {
  const known = new Set(ch.spec.states.map((s) => s.state));
  const unknown = new Set(ch.tables.flatMap((t) => t.stateKeys.filter((k) => !known.has(k))));
  expect([...unknown], 'states the specification does not describe').toEqual([]);
}

/** The specification describes every leaf state of the machine but the transient ones (eventless routing). */
export function checkStatesMatchMachine<F, X>(spec: Spec<F, X>, paths: readonly string[]): void {
  const leaves = paths.filter((p) => !paths.some((q) => q.startsWith(`${p}.`)));
  expect([...spec.states.map((s) => s.state), ...spec.transient].sort()).toEqual([...leaves].sort());
}

/**
 * Every guard on a transition is one of the machine's named guards: the grouping above
 * reads guards by name, so an inline guard would escape it.
 */
export function namedGuardsOnly(machine: AnyStateMachine, transitions: readonly { guard?: string }[]): void {
  const named = new Set(Object.keys(machine.implementations.guards));
  const used = [...new Set(transitions.flatMap((t) => (t.guard ? [t.guard] : [])))];
  expect(used.filter((g) => !named.has(g))).toEqual([]);
  // XState names an inline function guard `inline:...`; staticTransitions reports that name.
  expect(used.filter((g) => g.startsWith('inline:'))).toEqual([]);
}

/** The premise of the grouping: asked directly, a sample of inputs answers as its group's representative did. */
export function checkGroupingPremise<F, X>(ch: Checked<F, X>, samples: number): void {
  const picks = fc.sample(fc.integer({ min: 0, max: ch.cases.length - 1 }), { seed: CORPUS_SEED, numRuns: samples });
  for (const i of picks) {
    const { p, f } = ch.cases[i]!;
    ch.probes.forEach((pr, k) => {
      const direct = askXState(ch.spec.workflow.machine, ch.spec.workflow.events, pr.state, contextOf(ch.spec, p, f, pr.flags as X));
      expect(direct, `${pr.state} at ${canonicalProfile(p)} ${JSON.stringify(f)}`).toEqual(ch.xstate[ch.group[i]!]![k]);
    });
  }
}

/**
 * The whole check of one workflow as a block of tests: one per event of each state (named
 * by the rule it checks), one per state for the events it must refuse and one for its
 * tags, and the checks that make the grouping exact.
 */
export function describeRulesBothWays<F, X>(title: string, spec: Spec<F, X>): void {
  const machine = spec.workflow.machine;
  const name = (st: StateSpec<F, X>, event: string) => {
    const e = st.on[event]!;
    return `${event} in ${st.state}: ${e.says ?? 'always'}${e.guard ? ` [${e.guard}]` : ''}`;
  };
  describe(title, () => {
    let ch: Checked<F, X>;
    beforeAll(() => {
      ch = prepare(spec);
    });

    it('the specification describes every state of the machine, and every guard is a named one', () => {
      checkStatesMatchMachine(spec, statePaths(machine));
      namedGuardsOnly(machine, staticTransitions(machine));
      expect(ch.cases).toHaveLength(allProfiles().length * spec.facts.length);
    });

    it('grouping inputs by guard values is exact: a sample asked directly answers as its group does', () => checkGroupingPremise(ch, 40));

    it('every node of every compiled table is a state of the specification', () => checkTablesCovered(ch));

    for (const st of spec.states) {
      for (const event of Object.keys(st.on)) it(name(st, event), () => checkEdge(ch, st.state, event));
      it(`${st.state} takes no event but ${Object.keys(st.on).join(', ') || 'none (final)'}`, () => checkUnlisted(ch, st.state));
      it(`${st.state} is tagged ${st.tags.join(', ') || 'with nothing'}`, () => checkTags(ch, st.state));
    }
  });
}
