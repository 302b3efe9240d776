// One side of the after-action summary: a run's key moments (detection,
// acknowledgement, decisions, restoration...) and what was decided in it. The room's
// run and the replay one level up sit side by side.
import { Box, Text } from 'ink';
import type { Milestone } from '../../tabletop/after-action.js';

export interface RunColumnProps {
  title: string;
  moments: Milestone[];
  /** One line per decision. */
  decisions: string[];
  /** How many key moments fit. */
  height: number;
}

export function RunColumn({ title, moments, decisions, height }: RunColumnProps) {
  // Keep the first moments and the last (the close): the end is what the room came for.
  const shown = moments.length > height ? [...moments.slice(0, Math.max(1, height - 1)), moments.at(-1)!] : moments;
  return (
    <Box flexDirection="column" width="50%" paddingRight={2}>
      <Text bold underline wrap="truncate-end">
        {title}
      </Text>
      {shown.map((m, i) => (
        <Text key={i} wrap="truncate-end">
          {m.wall.padEnd(14)}
          {m.text}
        </Text>
      ))}
      {moments.length > shown.length ? <Text dimColor>({moments.length - shown.length} more moments in the transcript)</Text> : null}
      <Text bold>decisions</Text>
      {decisions.length ? (
        decisions.map((d, i) => (
          <Text key={i} wrap="wrap">
            {d}
          </Text>
        ))
      ) : (
        <Text dimColor>none came up</Text>
      )}
    </Box>
  );
}
