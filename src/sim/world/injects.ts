// Injects the simulation triggers: part of the world, beside the faults, attackers and
// detection channels it runs. An inject fires at a fixed time (`at`) or when the story
// reaches something (`when`: a state, a tag such as `detected`, an event, an attacker
// stage, a fault phase, another inject, a decision), plus a fixed delay. An inject that
// presumes something (`presumes`) and falls due before it is true waits and fires the
// moment it becomes true, so the room never hears of what the organization could not
// know yet (the world defers; it never drops or reorders the story). Nothing here draws
// a random number or reads a clock: the same story gives the same injects, and a
// scenario's injects never shift its random streams.
//
// An inject is quiet when nothing it does can reach the story: it brings no signal, and
// no inject that brings one waits for it. Quiet injects change only what observers are
// told, so a world read for metrics alone leaves them out, and a story counts as stalled
// when only quiet injects are left (they never delay a late discovery).
//
// The world (world.ts) uses one small object a story:
//   start()          timed injects to schedule when the story begins;
//   observe(e)       the log entry of something that happened: injects it triggers, or releases;
//   fire(i, t, ...)  when a scheduled inject falls due: its log entry, or undefined if it waits.
import { duration, type Calendar } from '../environment/index.js';
import type { LogEntry } from '../log.js';
import type { Condition, Inject, Scenario } from '../scenario.js';

/** An inject to schedule: its index in `scenario.injects` and when it falls due. */
export interface DueInject {
  index: number;
  at: number;
}

/** Whether `key` is `path` or a state inside it (`respond` holds `respond.containing`). */
export const withinState = (key: string, path: string) => key === path || key.startsWith(`${path}.`);

/** Whether appending `e` to the log makes `c` true (conditions, once true, stay true). */
export function satisfies(c: Condition, e: LogEntry): boolean {
  if ('tag' in c) return (e.kind === 'step' || e.kind === 'start') && e.machine === 'incident' && e.tags.includes(c.tag);
  if ('state' in c) {
    if (e.kind === 'step' && e.machine === 'incident') return withinState(e.to, c.state);
    return e.kind === 'start' && e.machine === 'incident' && withinState(e.state, c.state);
  }
  if ('event' in c) return e.kind === 'step' && e.event === c.event;
  if ('stage' in c) return e.kind === 'stage' && e.happened && e.id === c.stage;
  if ('phase' in c) return e.kind === 'phase' && e.happened && e.name === c.phase;
  if ('inject' in c) return e.kind === 'inject' && e.id === c.inject;
  return e.kind === 'decision' && e.point === c.decision && (c.option === undefined || e.option === c.option);
}

/** When `c` first became true in `log`, or undefined if it never did. */
export function firstMet(c: Condition, log: readonly LogEntry[]): number | undefined {
  return log.find((e) => satisfies(c, e))?.t;
}

/** A condition in words, to follow "waits for": `the incident to be detected`, `attacker stage exfiltration`. */
export function conditionText(c: Condition): string {
  if ('tag' in c) return `the incident to be ${c.tag}`;
  if ('state' in c) return `the incident to reach ${c.state}`;
  if ('event' in c) return `event ${c.event}`;
  if ('stage' in c) return `attacker stage ${c.stage}`;
  if ('phase' in c) return `fault phase "${c.phase}"`;
  if ('inject' in c) return `inject ${c.inject}`;
  return c.option ? `decision ${c.decision} to take ${c.option}` : `decision ${c.decision}`;
}

// ---- templates ------------------------------------------------------------------------------

/** The fields an inject's text or a decision's prompt may use, and what each gives. */
export const TEMPLATE_FIELDS = {
  time: 'the wall-clock time, e.g. 03:08',
  day: 'the weekday, e.g. Tue',
  clock: 'weekday and time, with the day offset after the first day, e.g. Tue 03:08',
  elapsed: 'time since the onset, e.g. 1h 08m',
  onset: 'the onset time, e.g. 02:00',
  service: "the affected service's name",
  impact: 'the share of the business affected at that moment, e.g. 60%',
} as const;
export type TemplateField = keyof typeof TEMPLATE_FIELDS;

const PERCENT = 100;
const FIELD = /\{([A-Za-z]+)\}/g;

/** The fields a template uses (for the validator). */
export function templateFields(text: string): string[] {
  return [...text.matchAll(FIELD)].map((m) => m[1]!);
}

export interface TemplateContext {
  t: number;
  calendar: Calendar;
  service: string;
  /** Share of the business affected at `t` (0..1). */
  impact: number;
  /** When the story began, on `calendar` (0, the default, for a world of one story). */
  origin?: number;
}

/** A template split once into its literal parts and its fields (`parts` has one more entry than `fields`). */
interface Parsed {
  parts: string[];
  fields: string[];
}
const parsedTemplates = new Map<string, Parsed>();
function parse(text: string): Parsed {
  let p = parsedTemplates.get(text);
  if (!p) {
    const parts: string[] = [];
    const fields: string[] = [];
    let last = 0;
    for (const m of text.matchAll(FIELD)) {
      parts.push(text.slice(last, m.index));
      fields.push(m[1]!);
      last = m.index + m[0].length;
    }
    parts.push(text.slice(last));
    parsedTemplates.set(text, (p = { parts, fields }));
  }
  return p;
}

/** One field's value at the moment, or undefined for a field templates do not have. */
function fieldValue(name: string, ctx: TemplateContext): string | undefined {
  switch (name as TemplateField) {
    case 'time':
      return ctx.calendar.format(ctx.t).split(' ')[1];
    case 'day':
      return ctx.calendar.format(ctx.t).split(' ')[0];
    case 'clock':
      return ctx.calendar.format(ctx.t);
    case 'elapsed':
      return duration(ctx.t - (ctx.origin ?? 0));
    case 'onset':
      return ctx.calendar.format(ctx.origin ?? 0).split(' ')[1];
    case 'service':
      return ctx.service;
    case 'impact':
      return `${Math.round(ctx.impact * PERCENT)}%`;
    default:
      return undefined;
  }
}

/** Fills `{time}`, `{elapsed}`, `{service}`... from the moment; unknown fields are left as written (the validator refuses them). */
export function fillTemplate(text: string, ctx: TemplateContext): string {
  if (!text.includes('{')) return text;
  const { parts, fields } = parse(text);
  let out = parts[0]!;
  for (let i = 0; i < fields.length; i++) out += (fieldValue(fields[i]!, ctx) ?? `{${fields[i]}}`) + parts[i + 1]!;
  return out;
}

/** The share of the business affected at the end of `log`. */
export function impactAt(log: readonly LogEntry[]): number {
  let impact = 0;
  for (const e of log) if (e.kind === 'impact') impact = e.impact;
  return impact;
}

// ---- the triggers -----------------------------------------------------------------------------

/** The id an inject goes by: its own, or `inject-N` (1-based) as the loader names it. */
export const injectId = (inject: Inject, index: number) => inject.id ?? `inject-${index + 1}`;

/** One condition an inject waits for, by the kind of log entry that can make it true. */
interface Watch {
  index: number;
  which: 'when' | 'presumes';
  condition: Condition;
}

/** What every story of a scenario shares about its injects, worked out once. */
interface InjectPlan {
  /** Which injects run: all of them, or only those that are not quiet. */
  kept: boolean[];
  /** Which injects are quiet (no signal, and no inject with one waits for them). */
  quiet: boolean[];
  byKind: Partial<Record<LogEntry['kind'], Watch[]>>;
  timed: DueInject[];
  /** Whether any log entry concerns a kept inject (a trigger or a presumption to watch for). */
  watching: boolean;
  /** Whether anything runs at all. */
  any: boolean;
}

const KINDS: Record<string, LogEntry['kind'][]> = {
  tag: ['step', 'start'],
  state: ['step', 'start'],
  event: ['step'],
  stage: ['stage'],
  phase: ['phase'],
  inject: ['inject'],
  decision: ['decision'],
};

/**
 * Which injects are quiet: those with no signal that no inject with a signal waits for,
 * directly or through other injects (`when` or `presumes` naming them).
 */
export function quietInjects(injects: readonly Inject[]): boolean[] {
  const index = new Map(injects.map((j, i) => [injectId(j, i), i]));
  const audible = injects.map((j) => j.signal !== undefined);
  const waitsFor = (j: Inject) =>
    [j.when, j.presumes].flatMap((c) => (c && 'inject' in c && index.has(c.inject) ? [index.get(c.inject)!] : []));
  const stack = audible.flatMap((yes, i) => (yes ? [i] : []));
  while (stack.length) {
    for (const k of waitsFor(injects[stack.pop()!]!)) {
      if (audible[k]) continue;
      audible[k] = true;
      stack.push(k);
    }
  }
  return audible.map((yes) => !yes);
}

/** Plans by the scenario's injects: [with the quiet ones, without them]. */
const plans = new WeakMap<readonly Inject[], [InjectPlan | undefined, InjectPlan | undefined]>();
function planOf(injects: readonly Inject[], withQuiet: boolean): InjectPlan {
  let both = plans.get(injects);
  if (!both) plans.set(injects, (both = [undefined, undefined]));
  return (both[withQuiet ? 0 : 1] ??= makePlan(injects, withQuiet));
}

function makePlan(injects: readonly Inject[], withQuiet: boolean): InjectPlan {
  const quiet = quietInjects(injects);
  const kept = quiet.map((q) => withQuiet || !q);
  const byKind: InjectPlan['byKind'] = {};
  injects.forEach((j, index) => {
    if (!kept[index]) return;
    for (const which of ['presumes', 'when'] as const) {
      const condition = j[which];
      if (!condition) continue;
      for (const kind of KINDS[Object.keys(condition)[0]!]!) (byKind[kind] ??= []).push({ index, which, condition });
    }
  });
  const timed = injects.flatMap((j, index) => (j.at !== undefined && kept[index] ? [{ index, at: j.at }] : []));
  const watching = Object.keys(byKind).length > 0;
  return { kept, quiet, byKind, timed, watching, any: watching || timed.length > 0 };
}

/**
 * Which of a story's injects fire, and when, as it unfolds. One a story; it sees the
 * log entry of everything that happens to the story (the kinds it watches), once, in
 * order. What the scenario's injects wait for is worked out once per scenario: a story
 * only keeps four flags an inject.
 */
export class InjectTriggers {
  private readonly injects: readonly Inject[];
  private readonly plan: InjectPlan;
  /** Whether any log entry concerns these injects (else `observe` need never be called). */
  readonly watching: boolean;
  // Plain arrays: a scenario has a handful of injects, and typed arrays cost more to make than they save.
  private readonly triggered: boolean[];
  private readonly known: boolean[];
  private readonly fired: boolean[];
  /** When an inject fell due while what it presumes was not yet true (NaN: it has not). */
  private readonly waiting: number[];

  /**
   * The triggers of a story of `scenario` that began at `origin` on `calendar`, or
   * undefined when none of its injects run. `withQuiet` false leaves the quiet ones out.
   */
  static of(scenario: Scenario, calendar: Calendar, withQuiet = true, origin = 0): InjectTriggers | undefined {
    const plan = planOf(scenario.injects, withQuiet);
    return plan.any ? new InjectTriggers(scenario, calendar, withQuiet, origin) : undefined;
  }

  constructor(
    private readonly scenario: Scenario,
    private readonly calendar: Calendar,
    withQuiet = true,
    private readonly origin = 0,
  ) {
    this.injects = scenario.injects;
    this.plan = planOf(this.injects, withQuiet);
    this.watching = this.plan.watching;
    const n = this.injects.length;
    this.triggered = new Array<boolean>(n).fill(false);
    this.known = new Array<boolean>(n).fill(false);
    this.fired = new Array<boolean>(n).fill(false);
    this.waiting = new Array<number>(n).fill(NaN);
  }

  /** The timed injects, in the file's order (times from the story's onset), to schedule when it begins. */
  start(): readonly DueInject[] {
    return this.plan.timed;
  }

  /** Whether log entries of this kind can trigger or release an inject. */
  watches(kind: LogEntry['kind']): boolean {
    return this.plan.byKind[kind] !== undefined;
  }

  /** Whether inject `index` is quiet (it can change nothing in the story). */
  isQuiet(index: number): boolean {
    return this.plan.quiet[index]!;
  }

  /** Something happened (its log entry): the injects it triggers (due after their delay) or releases (due now). */
  observe(e: LogEntry): readonly DueInject[] {
    const watches = this.plan.byKind[e.kind];
    if (!watches) return NONE;
    let due: DueInject[] | undefined;
    for (const w of watches) {
      const i = w.index;
      if (w.which === 'presumes') {
        if (this.known[i] || !satisfies(w.condition, e)) continue;
        this.known[i] = true;
        if (!Number.isNaN(this.waiting[i]!)) (due ??= []).push({ index: i, at: e.t });
      } else {
        if (this.triggered[i] || !satisfies(w.condition, e)) continue;
        this.triggered[i] = true;
        (due ??= []).push({ index: i, at: e.t + (this.injects[i]!.after ?? 0) });
      }
    }
    return due ?? NONE;
  }

  /**
   * Inject `index` falls due at `t`, with `impact` of the business affected: its log
   * entry, or undefined when it waits for what it presumes (or has fired).
   */
  fire(index: number, t: number, impact: number): InjectEntry | undefined {
    const j = this.injects[index]!;
    if (this.fired[index]) return undefined;
    if (j.presumes && !this.known[index]) {
      if (Number.isNaN(this.waiting[index]!)) this.waiting[index] = t;
      return undefined;
    }
    this.fired[index] = true;
    const deferredFrom = this.waiting[index]!;
    const text = fillTemplate(j.text, { t, calendar: this.calendar, service: this.scenario.service.name, impact, origin: this.origin });
    const entry: InjectEntry = { t, kind: 'inject', id: injectId(j, index), to: j.to ?? NO_TEAMS, text };
    if (!Number.isNaN(deferredFrom)) entry.deferredFrom = deferredFrom;
    return entry;
  }
}

/** The log entry of an inject that reached the room. */
export type InjectEntry = Extract<LogEntry, { kind: 'inject' }>;

const NONE: readonly DueInject[] = [];
const NO_TEAMS: readonly string[] = [];
