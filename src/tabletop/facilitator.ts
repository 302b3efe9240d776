// What the facilitator's keys do, as a pure state machine the terminal view drives.
// The state is the room's decisions (and their replay), the facilitator's record
// (scores, notes, lessons), the view on show (players or facilitator) and how far the
// display has got on the simulated clock. The view only paces the log the engine
// already produced: the clock never decides anything, so pausing, speeding up or
// jumping cannot change the story.
import type { LogEntry } from '../sim/log.js';
import type { ExerciseModule } from '../sim/scenario.js';
import { expectationStates, moduleStarts, type ExpectationState } from './exercise.js';
import { parseLessonInput, parseScoreInput, type Lesson, type SessionRecord } from './record.js';
import { firstOpen, type Play } from './session.js';
import { shown, type View } from './views.js';

/** Simulated minutes per real second, slowest first. */
export const SPEEDS = [1, 5, 15, 60, 240, 720] as const;
export const DEFAULT_SPEED = 3;

/** What the keyboard is doing: driving the clock, typing a note, scoring, the lessons round, confirming a quit. */
export type Mode = 'main' | 'note' | 'score' | 'lesson' | 'quit';

/** The facilitator's record without the decisions (those live in the play). */
export type Notebook = Omit<SessionRecord, 'choices'>;

export interface FacilitatorState {
  play: Play;
  /** The display clock: simulated minutes from the onset; log entries up to it are shown. */
  now: number;
  /** Paused by the facilitator (or by an inject or a new module arriving). */
  paused: boolean;
  speed: number;
  /** Highlighted option (index into the pending decision's options). */
  cursor: number;
  /** The inject that has just arrived and paused the clock. */
  inject?: { t: number; text: string; to: readonly string[] };
  /** The module that has just begun and paused the clock, for its discussion questions. */
  module?: { t: number; module: ExerciseModule };
  /** One line of feedback on the last key (a refused choice, an undo...). */
  notice?: string;
  view: View;
  mode: Mode;
  notebook: Notebook;
  /** Highlighted line in the scoring or lessons list. */
  pick: number;
  /** The line being typed (a note, a score, a lesson). */
  draft: string;
  /** Set when the facilitator has confirmed quitting: the view saves and exits. */
  quit?: boolean;
}

export type Phase = 'running' | 'paused' | 'decision' | 'ended';

export type Action =
  | { type: 'tick'; seconds: number }
  | { type: 'toggle' }
  | { type: 'next' }
  | { type: 'faster' }
  | { type: 'slower' }
  | { type: 'undo' }
  | { type: 'move'; by: number }
  /** `index` is 0-based (number key minus one); without it, the highlighted option. */
  | { type: 'choose'; index?: number }
  | { type: 'view'; view?: View }
  | { type: 'mode'; mode: Mode }
  | { type: 'pick'; by: number }
  | { type: 'note'; text: string }
  | { type: 'score'; expectation: string; scores: number[] }
  | { type: 'lesson'; lesson: Lesson }
  /** A key as the terminal sent it; what it does depends on the mode (see `keyAction` for the main mode). */
  | { type: 'key'; key: Key }
  /** A second terminal following the facilitator's: take the display as the facilitator's state has it. */
  | { type: 'sync'; display: SharedDisplay };

/**
 * What a facilitator's terminal shares with a second one (the projector): the room's
 * decisions, the facilitator's record and the display clock. Each terminal keeps its own
 * view; the follower replays the same decisions through the same engine.
 */
export interface SharedDisplay {
  choices: readonly string[];
  notebook: Notebook;
  now: number;
  paused: boolean;
  speed: number;
  inject?: FacilitatorState['inject'];
  module?: { t: number; id: string };
}

export function sharedDisplay(s: FacilitatorState): SharedDisplay {
  return {
    choices: s.play.choices,
    notebook: s.notebook,
    now: s.now,
    paused: s.paused,
    speed: s.speed,
    ...(s.inject ? { inject: s.inject } : {}),
    ...(s.module ? { module: { t: s.module.t, id: s.module.module.id } } : {}),
  };
}

/** A key press: a character, or one of the keys that type nothing. */
export type Key = { ch: string } | { special: 'enter' | 'escape' | 'up' | 'down' | 'backspace' };

/** What a character does in the main mode (the arrows and Enter aside); modes are opened by the reducer. */
export function keyAction(ch: string): Action | 'quit' | 'note' | 'lesson' | 'score' | undefined {
  if (ch === 'q') return 'quit';
  if (ch === ' ') return { type: 'toggle' };
  if (ch === 'n') return { type: 'next' };
  if (ch === '+' || ch === '=') return { type: 'faster' };
  if (ch === '-' || ch === '_') return { type: 'slower' };
  if (ch === 'u') return { type: 'undo' };
  if (ch === 'v') return { type: 'view' };
  if (ch === 's') return 'score';
  if (ch === 'o') return 'note';
  if (ch === 'l') return 'lesson';
  if (/^[1-9]$/.test(ch)) return { type: 'choose', index: Number(ch) - 1 };
  return undefined;
}

/** The expectations whose injects have reached the room by now (the ones the facilitator can score). */
export function openExpectations(s: FacilitatorState): ExpectationState[] {
  return expectationStates(s.play.setup.scenario, visible(s), s.notebook.scores).filter((x) => x.opened !== undefined);
}

/** Where the clock must stop: at the pending decision, or at the last thing that happens. */
export function stopAt(p: Play): number {
  return p.pending ? p.pending.t : (p.result.log.at(-1)?.t ?? 0);
}

export function phase(s: FacilitatorState): Phase {
  if (s.now >= stopAt(s.play)) return s.play.pending ? 'decision' : 'ended';
  return s.paused ? 'paused' : 'running';
}

/** The log entries the display has reached (both views; `seen` filters them for one). */
export function visible(s: FacilitatorState): LogEntry[] {
  return s.play.result.log.filter((e) => e.t <= s.now);
}

/** What the current view shows now. */
export function seen(s: FacilitatorState): LogEntry[] {
  return shown(s.view, visible(s), s.play.setup.scenario);
}

/** The facilitator's record with the room's decisions: what a session file holds. */
export function recordOf(s: FacilitatorState): SessionRecord {
  return { choices: s.play.choices, ...s.notebook };
}

const cursorFor = (p: Play) => (p.pending ? Math.max(0, p.pending.options.indexOf(firstOpen(p.pending)!)) : 0);

const EMPTY: Notebook = { scores: {}, notes: [], lessons: [], owners: {} };

export function initialState(play: Play, opts: { view?: View; notebook?: Notebook } = {}): FacilitatorState {
  // Paused at the onset: the facilitator sets the scene, then starts the clock. A resumed
  // session starts at the decision it stopped at (or at its end).
  const now = opts.notebook && play.choices.length ? stopAt(play) : 0;
  return { play, now, paused: true, speed: DEFAULT_SPEED, cursor: cursorFor(play), view: opts.view ?? 'players', mode: 'main', notebook: opts.notebook ?? EMPTY, pick: 0, draft: '' };
}

export function createReducer(replay: (choices: readonly string[]) => Play) {
  /** Moves the clock towards `target`, stopping at an inject or a module start on the way. */
  const advance = (s: FacilitatorState, target: number): FacilitatorState => {
    const to = Math.min(target, stopAt(s.play));
    const inject = s.play.result.log.find((e) => e.kind === 'inject' && e.t > s.now && e.t <= to);
    const module = moduleStarts(s.play.setup.scenario, s.play.result.log).find((m) => m.t > s.now && m.t <= to && m.t > 0);
    if (module && (inject?.kind !== 'inject' || module.t <= inject.t)) {
      return { ...s, now: module.t, paused: true, module: { t: module.t, module: module.module }, inject: undefined, notice: undefined };
    }
    if (inject?.kind === 'inject') {
      return { ...s, now: inject.t, paused: true, inject: { t: inject.t, text: inject.text, to: inject.to }, module: undefined, notice: undefined };
    }
    return { ...s, now: to, notice: undefined };
  };

  const commit = (s: FacilitatorState, id: string): FacilitatorState => {
    const play = replay([...s.play.choices, id]);
    const chosen = s.play.pending!.options.find((o) => o.id === id)!;
    return { ...s, play, cursor: cursorFor(play), inject: undefined, module: undefined, notice: `chose ${chosen.index}: ${chosen.label}` };
  };

  /** The next moment something new shows in the current view (the players' view skips what they cannot know). */
  const nextShown = (s: FacilitatorState): number | undefined => {
    const log = s.play.result.log;
    const count = seen(s).length;
    for (const e of log) {
      if (e.t <= s.now || e.t > stopAt(s.play)) continue;
      if (shown(s.view, log.filter((x) => x.t <= e.t), s.play.setup.scenario).length > count) return e.t;
    }
    return log.some((e) => e.t > s.now) ? stopAt(s.play) : undefined;
  };

  /** A key, by mode: the quit question, a line being typed, or the main keys. */
  const pressKey = (s: FacilitatorState, key: Key): FacilitatorState => {
    const special = 'special' in key ? key.special : undefined;
    const ch = 'ch' in key ? key.ch : '';
    if (s.mode === 'quit') {
      if (ch === 'y' || ch === 'Y') return { ...s, quit: true, mode: 'main' }; // the last frame is the screen as it was, not the question
      if (ch === 'n' || ch === 'N' || special === 'escape') return reduce(s, { type: 'mode', mode: 'main' });
      return s;
    }
    if (s.mode !== 'main') {
      if (special === 'escape') return reduce(s, { type: 'mode', mode: 'main' });
      if (special === 'up') return reduce(s, { type: 'pick', by: -1 });
      if (special === 'down') return reduce(s, { type: 'pick', by: 1 });
      if (special === 'backspace') return { ...s, draft: s.draft.slice(0, -1) };
      if (special === 'enter') return submit(s);
      return ch && ch >= ' ' ? { ...s, draft: s.draft + ch } : s;
    }
    if (special === 'up') return reduce(s, { type: 'move', by: -1 });
    if (special === 'down') return reduce(s, { type: 'move', by: 1 });
    if (special === 'enter') return reduce(s, { type: 'choose' });
    if (special) return s;
    const a = keyAction(ch);
    if (a === 'quit' || a === 'note') return reduce(s, { type: 'mode', mode: a });
    if (a === 'score') {
      if (!s.play.setup.scenario.exercise) return { ...s, notice: 'this scenario has no exercise plan: nothing to score' };
      const v = s.view === 'facilitator' ? s : reduce(s, { type: 'view', view: 'facilitator' });
      return openExpectations(v).length ? reduce(v, { type: 'mode', mode: 'score' }) : { ...v, notice: 'no expectation is open yet: they open as their injects reach the room' };
    }
    if (a === 'lesson') return s.play.setup.scenario.exercise ? reduce(s, { type: 'mode', mode: 'lesson' }) : { ...s, notice: 'this scenario has no exercise plan: no lessons-learned categories' };
    return a ? reduce(s, a) : s;
  };

  /** Enter on a typed line: kept (the field clears for the next one) or refused with the reason. */
  const submit = (s: FacilitatorState): FacilitatorState => {
    const text = s.draft;
    // A refused line is cleared, and the reason shown: the next attempt starts afresh.
    const refuse = (why: string): FacilitatorState => ({ ...s, draft: '', notice: why });
    if (s.mode === 'note') return { ...reduce(s, { type: 'note', text }), draft: '' };
    if (s.mode === 'score') {
      const open = openExpectations(s);
      const x = open[Math.min(s.pick, open.length - 1)];
      if (!x) return refuse('no expectation is open yet');
      const v = parseScoreInput(text);
      if (typeof v === 'string') return refuse(v);
      const members = x.team?.members ?? [];
      if (x.expectation.who === 'one' && v.length > 1) return refuse('one score: one member meeting it is enough');
      if (x.expectation.who === 'all' && v.length > members.length) return refuse(`${members.length} member${members.length === 1 ? '' : 's'}: ${members.join(', ')}`);
      return { ...reduce(s, { type: 'score', expectation: x.expectation.id, scores: v }), draft: '' };
    }
    if (s.mode === 'lesson') {
      const categories = s.play.setup.scenario.exercise?.lessons ?? [];
      const c = categories[Math.min(s.pick, categories.length - 1)];
      if (!c) return refuse('this scenario has no lessons-learned categories');
      const v = parseLessonInput(text, c.id);
      if (typeof v === 'string') return refuse(v);
      return { ...reduce(s, { type: 'lesson', lesson: v }), draft: '' };
    }
    return s;
  };

  function reduce(s: FacilitatorState, a: Action): FacilitatorState {
    const ph = phase(s);
    switch (a.type) {
      case 'tick':
        return ph === 'running' && s.mode === 'main' ? advance(s, s.now + SPEEDS[s.speed]! * a.seconds) : s;
      case 'toggle':
        if (ph === 'decision') return { ...s, notice: 'the room must decide first: a number, or up/down and Enter' };
        if (ph === 'ended') return s;
        return { ...s, paused: !s.paused, inject: undefined, module: undefined, notice: undefined };
      case 'next': {
        if (ph === 'decision' || ph === 'ended') return s;
        const t = nextShown(s);
        return t === undefined ? s : advance({ ...s, inject: undefined, module: undefined }, t);
      }
      case 'faster':
        return { ...s, speed: Math.min(SPEEDS.length - 1, s.speed + 1) };
      case 'slower':
        return { ...s, speed: Math.max(0, s.speed - 1) };
      case 'move': {
        if (ph !== 'decision') return s;
        const options = s.play.pending!.options;
        let i = s.cursor;
        for (let step = 0; step < options.length; step++) {
          const j = i + Math.sign(a.by);
          if (j < 0 || j >= options.length) break;
          i = j;
          if (options[i]!.open) return { ...s, cursor: i, notice: undefined };
        }
        return s;
      }
      case 'choose': {
        if (ph !== 'decision') return s;
        const options = s.play.pending!.options;
        const option = options[a.index ?? s.cursor];
        if (!option) return { ...s, notice: `there is no option ${(a.index ?? 0) + 1}` };
        if (!option.open) return { ...s, notice: `option ${option.index} is not open at this profile: ${option.reason}` };
        return commit(s, option.id);
      }
      case 'undo': {
        const choices = s.play.choices;
        if (choices.length === 0) return { ...s, notice: 'no decision to undo' };
        const last = s.play.decisions.at(-1)!;
        const play = replay(choices.slice(0, -1));
        // Back to the moment the undone decision was asked; what followed it is hidden again.
        return { ...s, play, now: play.pending!.t, cursor: cursorFor(play), inject: undefined, module: undefined, notice: `undid ${last.request.point.id}: ${last.chosen.label}` };
      }
      case 'view': {
        const view = a.view ?? (s.view === 'players' ? 'facilitator' : 'players');
        return { ...s, view, notice: view === 'players' ? "the players' view: what the organization could know" : "the facilitator's view: everything, and the expectations to score" };
      }
      case 'mode':
        return { ...s, mode: a.mode, pick: 0, draft: '', notice: undefined };
      case 'pick': {
        const max = s.mode === 'score' ? openExpectations(s).length : (s.play.setup.scenario.exercise?.lessons.length ?? 0);
        return { ...s, pick: Math.min(Math.max(0, max - 1), Math.max(0, s.pick + Math.sign(a.by))) };
      }
      case 'key':
        return pressKey(s, a.key);
      case 'sync': {
        const d = a.display;
        const same = d.choices.length === s.play.choices.length && d.choices.every((c, i) => c === s.play.choices[i]);
        const play = same ? s.play : replay(d.choices);
        const module = d.module ? play.setup.scenario.exercise?.modules.find((m) => m.id === d.module!.id) : undefined;
        return {
          ...s,
          play,
          cursor: same ? s.cursor : cursorFor(play),
          notebook: d.notebook,
          now: d.now,
          paused: d.paused,
          speed: d.speed,
          inject: d.inject,
          module: module ? { t: d.module!.t, module } : undefined,
        };
      }
      case 'note': {
        const text = a.text.trim();
        if (!text) return { ...s, mode: 'main', notice: 'an empty note is not kept' };
        const t = Math.round(s.now);
        return { ...s, mode: 'main', notebook: { ...s.notebook, notes: [...s.notebook.notes, { t, text }] }, notice: `note kept at ${s.play.result.calendar.format(t)}` };
      }
      case 'score':
        return { ...s, notebook: { ...s.notebook, scores: { ...s.notebook.scores, [a.expectation]: a.scores } }, notice: `scored ${a.expectation}: ${a.scores.join('/')}` };
      case 'lesson':
        return { ...s, notebook: { ...s.notebook, lessons: [...s.notebook.lessons, a.lesson] }, notice: `kept: ${a.lesson.kind === 'strength' ? 'a strength' : 'something to improve'}${a.lesson.by ? ` (${a.lesson.by})` : ' (anonymous)'}` };
    }
  }

  return reduce;
}
