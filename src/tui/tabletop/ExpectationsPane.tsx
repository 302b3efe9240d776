// The facilitator's list of expectations opened so far (by injects that have reached the
// room): team, what it should do, the time allowed, the score given and the status by
// OpenAEV's rules. In scoring mode one line is highlighted and a score is typed below.
import { Box, Text } from 'ink';
import type { ExpectationState } from '../../tabletop/exercise.js';
import { useTint } from '../theme.js';

export interface ExpectationsPaneProps {
  states: readonly ExpectationState[];
  /** Format a simulated time as the wall clock. */
  wall: (t: number) => string;
  /** The display clock, to mark expectations past their time allowed. */
  now: number;
  /** Highlighted line, in scoring mode. */
  pick?: number;
  /** Expectations not opened yet (their injects have not come). */
  waiting: number;
  height: number;
}

const MARK = { pending: '·', success: '✓', partial: '~', failed: '✗' } as const;
const COLOUR = { pending: undefined, success: 'green', partial: 'yellow', failed: 'red' } as const;

export function ExpectationsPane({ states, wall, now, pick, waiting, height }: ExpectationsPaneProps) {
  const tint = useTint();
  const start = pick === undefined ? Math.max(0, states.length - height) : Math.min(Math.max(0, pick - height + 1), Math.max(0, states.length - height));
  const shown = states.slice(start, start + height);
  return (
    <Box flexDirection="column">
      <Text bold>
        expectations <Text dimColor>({states.length} open{waiting ? `, ${waiting} still to come` : ''}; s to score)</Text>
      </Text>
      {shown.map((s, i) => {
        const on = pick === start + i;
        const late = s.status === 'pending' && s.due !== undefined && now > s.due;
        const c = COLOUR[s.status];
        return (
          <Text key={s.expectation.id} wrap="truncate-end" inverse={on}>
            {on ? '▶ ' : '  '}
            <Text color={c ? tint(c) : undefined}>
              {MARK[s.status]} {s.status.padEnd(7)}
            </Text>{' '}
            <Text bold>{s.expectation.id}</Text> · {s.team?.name ?? s.expectation.team} · expected {s.expectation.score}
            {s.expectation.who === 'all' ? ` (all ${s.team?.members.length ?? 1} members)` : ''}
            {s.due !== undefined ? ` · due ${wall(s.due)}` : ''}
            {s.score !== undefined ? ` · scored ${s.score}` : ''}
            {late ? <Text color={tint('red')}> (time allowed passed)</Text> : null}
            <Text dimColor> · {s.expectation.text}</Text>
          </Text>
        );
      })}
    </Box>
  );
}
