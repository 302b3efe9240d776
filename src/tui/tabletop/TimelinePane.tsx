// The timeline of what has happened, newest last; only the last `height` rows fit.
import { Box, Text } from 'ink';
import type { TimelineRow } from '../../report/timeline.js';
import { useTint } from '../theme.js';

export interface TimelinePaneProps {
  rows: TimelineRow[];
  height: number;
}

const SOURCE_COLOUR: Record<string, string> = { attacker: 'red', inject: 'magenta', decision: 'cyan', business: 'yellow', fault: 'yellow' };

export function TimelinePane({ rows, height }: TimelinePaneProps) {
  const tint = useTint();
  const shown = rows.slice(-height);
  const hidden = rows.length - shown.length;
  return (
    <Box flexDirection="column">
      <Text bold>
        timeline <Text dimColor>{hidden > 0 ? `(${hidden} earlier)` : ''}</Text>
      </Text>
      {shown.map((r, i) => (
        <Box key={`${hidden + i}`}>
          <Box width={15} flexShrink={0}>
            <Text>{r.wall}</Text>
          </Box>
          <Box width={10} flexShrink={0}>
            <Text color={SOURCE_COLOUR[r.source] ? tint(SOURCE_COLOUR[r.source]!) : undefined}>{r.source}</Text>
          </Box>
          <Box width={25} flexShrink={0}>
            <Text wrap="truncate-end">{r.event}</Text>
          </Box>
          <Text wrap="truncate-end">{r.note}</Text>
        </Box>
      ))}
    </Box>
  );
}
