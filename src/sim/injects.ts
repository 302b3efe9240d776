// Injects the simulation triggers. An inject fires at a fixed time (`at`) or when the
// story reaches something (`when`: a state, a tag such as `detected`, an event, an
// attacker stage, a fault phase, another inject, a decision), plus a fixed delay. An
// inject that presumes something (`presumes`) and falls due before it is true waits
// and fires the moment it becomes true, so the room never hears of what the
// organization could not know yet (the engine defers; it never drops or reorders the
// story). Nothing here draws a random number or reads a clock: the same log gives the
// same injects, and a scenario's injects never shift its random streams.
//
// The interface the engine uses is three calls on one small object:
//   start()       timed injects to schedule before the run;
//   observe(e)    after each log entry is appended: injects it triggers, or releases;
//   fire(i, t)    when a scheduled inject falls due: its log entry, or undefined if it waits.
import { duration, type Calendar } from './calendar.js';
import type { LogEntry } from './log.js';
import type { Condition, Inject, Scenario } from './scenario.js';

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
}

/** Fills `{time}`, `{elapsed}`, `{service}`... from the moment; unknown fields are left as written (the validator refuses them). */
export function fillTemplate(text: string, ctx: TemplateContext): string {
  if (!text.includes('{')) return text;
  const clock = ctx.calendar.format(ctx.t);
  const [day, time] = clock.split(' ') as [string, string];
  const values: Record<TemplateField, string> = {
    time,
    day,
    clock,
    elapsed: duration(ctx.t),
    onset: ctx.calendar.format(0).split(' ')[1]!,
    service: ctx.service,
    impact: `${Math.round(ctx.impact * PERCENT)}%`,
  };
  return text.replace(FIELD, (whole, name: string) => (name in values ? values[name as TemplateField] : whole));
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

/**
 * Which of a scenario's injects fire, and when, as the log grows. One per replication;
 * it sees every log entry once, in order.
 */
export class InjectTriggers {
  private readonly injects: readonly Inject[];
  /** Injects with a `when` or a `presumes`: the only ones the log can concern. */
  private readonly watched: number[];
  /** Whether the log must be read at all (triggers, presumptions, or an `{impact}` to fill). */
  readonly watching: boolean;
  private readonly triggered: boolean[];
  private readonly known: boolean[];
  private readonly waiting: (number | undefined)[];
  private readonly fired: boolean[];
  private impact = 0;

  constructor(
    private readonly scenario: Scenario,
    private readonly calendar: Calendar,
  ) {
    this.injects = scenario.injects;
    const n = this.injects.length;
    this.watched = this.injects.flatMap((j, i) => (j.when || j.presumes ? [i] : []));
    this.watching = this.watched.length > 0 || this.injects.some((j) => j.text.includes('{impact}'));
    this.triggered = new Array<boolean>(n).fill(false);
    this.known = new Array<boolean>(n).fill(false);
    this.waiting = new Array<number | undefined>(n).fill(undefined);
    this.fired = new Array<boolean>(n).fill(false);
  }

  /** The timed injects, in the file's order, to schedule before the run starts. */
  start(): DueInject[] {
    return this.injects.flatMap((j, index) => (j.at !== undefined ? [{ index, at: j.at }] : []));
  }

  /** A log entry was appended: the injects it triggers (due after their delay) or releases (due now). */
  observe(e: LogEntry): DueInject[] {
    if (e.kind === 'impact') this.impact = e.impact;
    let due: DueInject[] | undefined;
    for (const i of this.watched) {
      const j = this.injects[i]!;
      if (j.presumes && !this.known[i] && satisfies(j.presumes, e)) {
        this.known[i] = true;
        if (this.waiting[i] !== undefined) (due ??= []).push({ index: i, at: e.t });
      }
      if (j.when && !this.triggered[i] && satisfies(j.when, e)) {
        this.triggered[i] = true;
        (due ??= []).push({ index: i, at: e.t + (j.after ?? 0) });
      }
    }
    return due ?? NONE;
  }

  /** Inject `index` falls due at `t`: its log entry, or undefined when it waits for what it presumes (or has fired). */
  fire(index: number, t: number): LogEntry | undefined {
    const j = this.injects[index]!;
    if (this.fired[index]) return undefined;
    if (j.presumes && !this.known[index]) {
      this.waiting[index] ??= t;
      return undefined;
    }
    this.fired[index] = true;
    const deferredFrom = this.waiting[index];
    const text = fillTemplate(j.text, { t, calendar: this.calendar, service: this.scenario.service.name, impact: this.impact });
    return { t, kind: 'inject', id: injectId(j, index), to: j.to ?? NO_TEAMS, text, ...(deferredFrom !== undefined ? { deferredFrom } : {}) };
  }
}

const NONE: DueInject[] = [];
const NO_TEAMS: readonly string[] = [];
