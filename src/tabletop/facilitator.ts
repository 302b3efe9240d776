// What the facilitator's keys do, as a pure state machine the terminal view drives.
// The state is the room's decisions (and their replay) plus how far the display has got
// on the simulated clock. The view only paces the log the engine already produced: the
// clock never decides anything, so pausing, speeding up or jumping cannot change the story.
import type { LogEntry } from '../sim/log.js';
import { firstOpen, type Play } from './session.js';

/** Simulated minutes per real second, slowest first. */
export const SPEEDS = [1, 5, 15, 60, 240, 720] as const;
export const DEFAULT_SPEED = 3;

export interface FacilitatorState {
  play: Play;
  /** The display clock: simulated minutes from the onset; log entries up to it are shown. */
  now: number;
  /** Paused by the facilitator (or by an inject arriving). */
  paused: boolean;
  speed: number;
  /** Highlighted option (index into the pending decision's options). */
  cursor: number;
  /** The inject that has just arrived and paused the clock. */
  inject?: { t: number; text: string };
  /** One line of feedback on the last key (a refused choice, an undo...). */
  notice?: string;
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
  | { type: 'choose'; index?: number };

/** Where the clock must stop: at the pending decision, or at the last thing that happens. */
export function stopAt(p: Play): number {
  return p.pending ? p.pending.t : (p.result.log.at(-1)?.t ?? 0);
}

export function phase(s: FacilitatorState): Phase {
  if (s.now >= stopAt(s.play)) return s.play.pending ? 'decision' : 'ended';
  return s.paused ? 'paused' : 'running';
}

/** The log entries the room has seen so far. */
export function visible(s: FacilitatorState): LogEntry[] {
  return s.play.result.log.filter((e) => e.t <= s.now);
}

const cursorFor = (p: Play) => (p.pending ? Math.max(0, p.pending.options.indexOf(firstOpen(p.pending)!)) : 0);

export function initialState(play: Play): FacilitatorState {
  // Paused at the onset: the facilitator sets the scene, then starts the clock.
  return { play, now: 0, paused: true, speed: DEFAULT_SPEED, cursor: cursorFor(play) };
}

export function createReducer(replay: (choices: readonly string[]) => Play) {
  /** Moves the clock towards `target`, stopping at an inject that arrives on the way. */
  const advance = (s: FacilitatorState, target: number): FacilitatorState => {
    const to = Math.min(target, stopAt(s.play));
    const inject = s.play.result.log.find((e) => e.kind === 'inject' && e.t > s.now && e.t <= to);
    if (inject?.kind === 'inject') {
      return { ...s, now: inject.t, paused: true, inject: { t: inject.t, text: inject.text }, notice: undefined };
    }
    return { ...s, now: to, notice: undefined };
  };

  const commit = (s: FacilitatorState, id: string): FacilitatorState => {
    const play = replay([...s.play.choices, id]);
    const chosen = s.play.pending!.options.find((o) => o.id === id)!;
    return { ...s, play, cursor: cursorFor(play), inject: undefined, notice: `chose ${chosen.index}: ${chosen.label}` };
  };

  return function reduce(s: FacilitatorState, a: Action): FacilitatorState {
    const ph = phase(s);
    switch (a.type) {
      case 'tick':
        return ph === 'running' ? advance(s, s.now + SPEEDS[s.speed]! * a.seconds) : s;
      case 'toggle':
        if (ph === 'decision') return { ...s, notice: 'the room must decide first: a number, or up/down and Enter' };
        if (ph === 'ended') return s;
        return { ...s, paused: !s.paused, inject: undefined, notice: undefined };
      case 'next': {
        if (ph === 'decision' || ph === 'ended') return s;
        const next = s.play.result.log.find((e) => e.t > s.now);
        return next ? advance({ ...s, inject: undefined }, next.t) : s;
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
        return { ...s, play, now: play.pending!.t, cursor: cursorFor(play), inject: undefined, notice: `undid ${last.request.point.id}: ${last.chosen.label}` };
      }
    }
  };
}
