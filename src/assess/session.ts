// The interactive questionnaire as a pure reducer: which question is showing, the answers
// so far, and whether the summary is up. The Ink view only draws this state and turns
// keys into actions; the same actions in a test walk the same questionnaire.
import type { AnswerSet, Given } from './answers.js';
import { QUESTIONS, type Answer } from './questions.js';

export interface SessionState {
  /** Index into QUESTIONS of the question showing; QUESTIONS.length once all are past. */
  index: number;
  answers: ReadonlyMap<string, Given>;
  /** The summary is showing (after the last question, or when asked for). */
  summary: boolean;
}

export type SessionAction =
  | { type: 'answer'; answer: Answer }
  /** Leave the question blank and go on. */
  | { type: 'skip' }
  | { type: 'back' }
  | { type: 'summary' }
  /** Back from the summary to the questions, at the first one left blank (or the last). */
  | { type: 'review' };

export function initialSession(start?: AnswerSet): SessionState {
  const answers = new Map(start?.answers ?? []);
  const firstBlank = QUESTIONS.findIndex((q) => !answers.has(q.id));
  return { index: firstBlank < 0 ? 0 : firstBlank, answers, summary: false };
}

export function sessionReducer(state: SessionState, action: SessionAction): SessionState {
  const last = QUESTIONS.length - 1;
  switch (action.type) {
    case 'answer': {
      if (state.summary || state.index > last) return state;
      const answers = new Map(state.answers);
      answers.set(QUESTIONS[state.index]!.id, { answer: action.answer });
      const index = state.index + 1;
      return { index, answers, summary: index > last };
    }
    case 'skip': {
      if (state.summary || state.index > last) return state;
      const answers = new Map(state.answers);
      answers.delete(QUESTIONS[state.index]!.id);
      const index = state.index + 1;
      return { index, answers, summary: index > last };
    }
    case 'back':
      if (state.summary) return { ...state, summary: false, index: Math.min(state.index, last) };
      return { ...state, index: Math.max(0, state.index - 1) };
    case 'summary':
      return { ...state, summary: true };
    case 'review': {
      const blank = QUESTIONS.findIndex((q) => !state.answers.has(q.id));
      return { ...state, summary: false, index: blank < 0 ? last : blank };
    }
  }
}

/** The answers of a session as an answer set (for scoring and saving). */
export function sessionAnswers(state: SessionState, about?: string): AnswerSet {
  return { ...(about ? { about } : {}), answers: new Map(state.answers) };
}
