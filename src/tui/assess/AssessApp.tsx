// The assessment questionnaire in the terminal: one question at a time, answered with a
// key, then a summary of the levels the answers support. State lives in the pure
// reducer of src/assess (session.ts) and the score comes in as `score`; this folder only
// draws and maps keys. May import ink, react, ../theme, ../KeyBar, model and src/assess.
import { Box, Text, useApp, useInput } from 'ink';
import { useReducer } from 'react';
import { ANSWERS, initialSession, QUESTIONS, sessionAnswers, sessionReducer, type Answer, type AnswerSet, type Assessment, type SessionAction } from '../../assess/index.js';
import { canonicalProfile, DOMAIN_TITLES } from '../../model/index.js';
import { KeyBar } from '../KeyBar.js';
import { useTint } from '../theme.js';
import { Summary } from './Summary.js';

export interface AssessAppProps {
  /** Answers to start from (a file being revised); blank otherwise. */
  start?: AnswerSet;
  /** Scores answers to levels (src/assess `assess`, with the calibration's foundation lead). */
  score: (answers: AnswerSet) => Assessment;
  /** Enter on the summary: the answers are final. */
  onDone: (answers: AnswerSet) => void;
  /** q: stopped before the end; nothing is written. */
  onQuit?: (answered: number) => void;
}

const KEYS: Record<string, Answer> = { y: 'yes', p: 'partly', n: 'no' };

/** What a key does on a question (arrows and backspace aside). */
export function questionKey(ch: string): SessionAction | 'quit' | undefined {
  if (ch === 'q') return 'quit';
  const answer = KEYS[ch.toLowerCase()];
  if (answer) return { type: 'answer', answer };
  if (ch === ' ' || ch === 's') return { type: 'skip' };
  if (ch === 'b') return { type: 'back' };
  if (ch === '?') return { type: 'summary' };
  return undefined;
}

export function AssessApp({ start, score, onDone, onQuit }: AssessAppProps) {
  const { exit } = useApp();
  const tint = useTint();
  const [state, dispatch] = useReducer(sessionReducer, start, initialSession);

  useInput((input, key) => {
    if (state.summary) {
      if (key.return) {
        onDone(sessionAnswers(state, start?.about));
        exit();
      } else if (input === 'r') dispatch({ type: 'review' });
      else if (input === 'b' || key.leftArrow || key.backspace || key.delete) dispatch({ type: 'back' });
      else if (input === 'q') {
        onQuit?.(state.answers.size);
        exit();
      }
      return;
    }
    if (key.leftArrow || key.backspace || key.delete) return dispatch({ type: 'back' });
    if (key.rightArrow) return dispatch({ type: 'skip' });
    // Keys typed quickly (or sent by a script) can arrive as one chunk: take them in order.
    for (const ch of input) {
      const a = questionKey(ch);
      if (a === 'quit') {
        onQuit?.(state.answers.size);
        exit();
        return;
      }
      if (a) dispatch(a);
    }
  });

  if (state.summary) {
    const result = score(sessionAnswers(state));
    return (
      <Box flexDirection="column">
        <Text bold>imsim assess · summary · {state.answers.size} of {QUESTIONS.length} answered</Text>
        <Summary result={result} />
        <Text>
          today: <Text bold>{canonicalProfile(result.profile)}</Text>
        </Text>
        <KeyBar keys={[['enter', 'done'], ['r', 'review blanks'], ['b', 'back'], ['q', 'quit without saving']]} />
      </Box>
    );
  }

  const q = QUESTIONS[state.index]!;
  const current = state.answers.get(q.id)?.answer;
  const heading = q.domain === 'baseline' ? 'baseline checklist (foundations under every domain)' : `${DOMAIN_TITLES[q.domain]} · level ${q.level}`;
  const width = 30;
  const filled = Math.round((width * state.answers.size) / QUESTIONS.length);
  return (
    <Box flexDirection="column">
      <Text bold>
        imsim assess · question {state.index + 1} of {QUESTIONS.length} · {heading}
      </Text>
      <Text>
        [{'#'.repeat(filled)}
        {'.'.repeat(width - filled)}] {state.answers.size} answered
      </Text>
      <Box marginTop={1} flexDirection="column">
        <Text wrap="wrap">{q.text}</Text>
        <Text dimColor wrap="wrap">
          source: {q.source} · id {q.id}
        </Text>
      </Box>
      <Box marginTop={1}>
        <Text>
          {ANSWERS.map((a) => (
            <Text key={a} color={a === current ? tint('cyan') : undefined} bold={a === current}>
              {a === current ? `[${a}]` : ` ${a} `}{' '}
            </Text>
          ))}
          {current === undefined ? <Text dimColor>(not answered)</Text> : null}
        </Text>
      </Box>
      <KeyBar keys={[['y', 'yes'], ['p', 'partly'], ['n', 'no'], ['space', 'leave blank'], ['b', 'back'], ['?', 'summary'], ['q', 'quit']]} />
    </Box>
  );
}
