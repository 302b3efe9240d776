// The exercise's header: what is being played, at which profile and seed, and both
// clocks (the scenario's wall clock and the simulated time since the onset).
import { Box, Text } from 'ink';
import { useTint } from '../theme.js';

export interface HeaderProps {
  scenario: string;
  title: string;
  profile: string;
  seed: number;
  /** The scenario's wall clock now, e.g. `Tue 02:00`. */
  wall: string;
  /** Simulated time since the onset, e.g. `1h 08m`. */
  elapsed: string;
  state: 'running' | 'paused' | 'decision' | 'ended';
  speed: string;
  /** How long the room has been at it (real time, for the facilitator only). */
  room?: string;
}

const STATE_TEXT = { running: '▶ running', paused: '❚❚ paused', decision: '? decision', ended: '■ ended' } as const;

export function Header(p: HeaderProps) {
  const tint = useTint();
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold>imsim tabletop</Text> · {p.scenario} · profile <Text bold>{p.profile}</Text> · seed {p.seed}
      </Text>
      <Text dimColor wrap="truncate-end">
        {p.title}
      </Text>
      <Text wrap="truncate-end">
        <Text bold color={tint('yellow')}>
          {p.wall}
        </Text>{' '}
        T+{p.elapsed} · {STATE_TEXT[p.state]} · speed {p.speed}
        {p.room ? <Text dimColor> · in the room {p.room}</Text> : null}
      </Text>
    </Box>
  );
}
