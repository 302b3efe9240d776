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

/** The moments a short summary keeps first: the incident's own milestones. */
const KEY = /^(incident opened|detected|acknowledged|the threat is contained|service restored|incident closed)/;

/** At most `height` moments, the milestones first, the rest in time order as room allows. */
export function pick(moments: Milestone[], height: number): Milestone[] {
  if (moments.length <= height) return moments;
  const key = moments.filter((m) => KEY.test(m.text)).slice(0, height);
  const rest = moments.filter((m) => !KEY.test(m.text)).slice(0, height - key.length);
  return moments.filter((m) => key.includes(m) || rest.includes(m));
}

export function RunColumn({ title, moments, decisions, height }: RunColumnProps) {
  const shown = pick(moments, height);
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
