// What a workflow allows at a profile: its states and transitions, as text, JSON or a
// Mermaid diagram. Derived from the compiled tables (union over every combination of
// facts), so it shows exactly what the simulator can do at that profile.
import { statePaths, staticTransitions, type Workflow } from '../../machines/index.js';
import { canonicalProfile, type Profile } from '../model/index.js';
import { compiled } from '../sim/lifecycles/compile.js';

export interface TransitionInfo {
  from: string;
  event: string;
  to: string;
  /** Guards on the transition as written in the machine. */
  guards: string[];
}

export interface AbsentTransition extends TransitionInfo {
  reason: string;
}

export interface WorkflowDescription {
  machine: string;
  profile: string;
  initial: string;
  states: string[];
  finals: string[];
  transitions: TransitionInfo[];
  /** Transitions the machine defines that cannot happen at this profile. */
  absent: AbsentTransition[];
}

const within = (key: string, path: string) => key === path || key.startsWith(`${path}.`);

export function describeWorkflow(workflow: Workflow, profile: Profile): WorkflowDescription {
  const statics = staticTransitions(workflow.machine);
  const edges = new Map<string, TransitionInfo>();
  const states = new Set<string>();
  const finals = new Set<string>();
  let initial = '';
  const width = workflow.events.length;
  for (const facts of workflow.factSpace) {
    const c = compiled(workflow, workflow.input(profile, facts));
    initial = c.stateKeys[0]!;
    c.stateKeys.forEach((from, n) => {
      states.add(from);
      if (c.final[n]) finals.add(from);
      for (let e = 0; e < width; e++) {
        const target = c.next[n * width + e]!;
        if (target < 0) continue;
        const event = workflow.events[e]!;
        const to = c.stateKeys[target]!;
        const key = `${from} ${event} ${to}`;
        if (edges.has(key)) continue;
        const def = statics.find((s) => s.event === event && within(from, s.source) && s.targets.some((t) => within(to, t)));
        // Guards of eventless routes the transition passed through on its way to `to`.
        const routes = statics.filter(
          (s) => s.event === 'always' && s.guard && def?.targets.some((t) => within(s.source, t)) && s.targets.some((t) => within(to, t)),
        );
        const guards = [def?.guard, ...routes.map((r) => r.guard)].filter((g): g is string => Boolean(g));
        edges.set(key, { from, event, to, guards });
      }
    });
  }
  const transitions = [...edges.values()];
  const absent: AbsentTransition[] = [];
  for (const s of statics) {
    if (s.event === 'always') continue;
    const present = transitions.some(
      (t) => t.event === s.event && within(t.from, s.source) && s.targets.some((x) => within(t.to, x)),
    );
    if (present) continue;
    const reachable = [...states].some((k) => within(k, s.source));
    absent.push({
      from: s.source,
      event: s.event,
      to: s.targets.join(', '),
      guards: s.guard ? [s.guard] : [],
      reason: !reachable
        ? `${s.source} is not reached at this profile`
        : s.guard
          ? (workflow.guardReasons[s.guard] ?? s.guard)
          : 'not reached at this profile',
    });
  }
  const docOrder = statePaths(workflow.machine);
  const rank = (k: string) => docOrder.indexOf(k);
  const order = (a: string, b: string) => rank(a) - rank(b) || a.localeCompare(b);
  return {
    machine: workflow.id,
    profile: canonicalProfile(profile),
    initial,
    states: [...states].sort(order),
    finals: [...finals].sort(order),
    transitions: transitions.sort((a, b) => order(a.from, b.from) || workflow.events.indexOf(a.event) - workflow.events.indexOf(b.event) || order(a.to, b.to)),
    absent,
  };
}

export function describeAsText(d: WorkflowDescription): string {
  const lines = [
    `${d.machine} workflow at profile ${d.profile}`,
    ``,
    `states (${d.states.length}): ${d.states.join(', ')}`,
    `initial: ${d.initial}; final: ${d.finals.join(', ')}`,
    ``,
    `transitions (${d.transitions.length}):`,
  ];
  const w = Math.max(...d.transitions.map((t) => t.from.length));
  for (const t of d.transitions) {
    lines.push(`  ${t.from.padEnd(w)}  --${t.event}-->  ${t.to}${t.guards.length ? `  [${t.guards.join(', ')}]` : ''}`);
  }
  if (d.absent.length) {
    lines.push('', `not available at this profile (${d.absent.length}):`);
    for (const a of d.absent) lines.push(`  ${a.from} --${a.event}--> ${a.to}: ${a.reason}`);
  }
  return lines.join('\n');
}

/** A Mermaid `stateDiagram-v2`, with compound states drawn as composites. */
export function describeAsMermaid(d: WorkflowDescription): string {
  const id = (key: string) => key.replace(/\./g, '_');
  const lines = ['stateDiagram-v2'];
  // Group leaf states under their top-level parent.
  const groups = new Map<string, string[]>();
  for (const s of d.states) {
    const [top] = s.split('.');
    groups.set(top!, [...(groups.get(top!) ?? []), s]);
  }
  for (const [top, members] of groups) {
    if (members.length === 1 && members[0] === top) {
      lines.push(`  ${id(top)}`);
      continue;
    }
    lines.push(`  state ${top} {`);
    for (const m of members) lines.push(`    state "${m.slice(top.length + 1)}" as ${id(m)}`);
    lines.push('  }');
  }
  lines.push(`  [*] --> ${id(d.initial)}`);
  for (const t of d.transitions) lines.push(`  ${id(t.from)} --> ${id(t.to)}: ${t.event}`);
  for (const f of d.finals) lines.push(`  ${id(f)} --> [*]`);
  return lines.join('\n');
}
