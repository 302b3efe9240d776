// The exercise's header: what is being played, at which profile and seed, whose view is
// on screen, both clocks (the scenario's wall clock and the simulated time since the
// onset) and the module under way.
import { Box, Text } from 'ink';
import type { View } from '../../tabletop/views.js';
import { useTint } from '../theme.js';

export interface HeaderProps {
  scenario: string;
  title: string;
  profile: string;
  /** What the profile stands for where its name does not say it (`today = change=2,...`, `... · delivers change=3`). */
  detail?: string;
  seed: number;
  /** The scenario's wall clock now, e.g. `Tue 02:00`. */
  wall: string;
  /** Simulated time since the onset, e.g. `1h 08m`. */
  elapsed: string;
  state: 'running' | 'paused' | 'decision' | 'ended';
  speed: string;
  view: View;
  /** This terminal follows another's exercise (`--follow`). */
  following?: boolean;
  /** The exercise module under way, if the scenario has modules. */
  module?: string;
  /** How long the room has been at it (real time, for the facilitator only). */
  room?: string;
}

const STATE_TEXT = { running: '▶ running', paused: '❚❚ paused', decision: '? decision', ended: '■ ended' } as const;
const VIEW_TEXT = { players: "PLAYERS' VIEW", facilitator: "FACILITATOR'S VIEW" } as const;

export function Header(p: HeaderProps) {
  const tint = useTint();
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold>imsim tabletop</Text> · {p.scenario} · profile <Text bold>{p.profile}</Text> · seed {p.seed} ·{' '}
        <Text bold inverse={p.view === 'facilitator'} color={p.view === 'facilitator' ? tint('magenta') : undefined}>
          {VIEW_TEXT[p.view]}
        </Text>
        {p.following ? ' · following' : ''}
      </Text>
      <Text dimColor wrap="truncate-end">
        {p.detail ? `profile ${p.detail} · ` : ''}
        {p.title}
        {p.module ? ` · module: ${p.module}` : ''}
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
