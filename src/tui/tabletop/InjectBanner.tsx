// The latest inject the room has received, with the teams it is addressed to; while it
// has just arrived the clock waits for the facilitator to read it out.
import { Box, Text } from 'ink';
import { useTint } from '../theme.js';

export interface InjectBannerProps {
  wall: string;
  text: string;
  /** Team names it is addressed to; empty means the whole room. */
  to: readonly string[];
  /** Just arrived: the clock is paused on it. */
  fresh: boolean;
  /** One line, cut to the width (a small terminal). */
  compact?: boolean;
}

export function InjectBanner({ wall, text, to, fresh, compact }: InjectBannerProps) {
  const tint = useTint();
  if (compact) {
    return (
      <Text wrap="truncate-end">
        <Text bold color={tint('magenta')}>
          INJECT {wall}
        </Text>
        {to.length ? <Text bold> to {to.join(', ')}:</Text> : null} {text}
      </Text>
    );
  }
  return (
    <Box borderStyle={fresh ? 'double' : 'single'} borderColor={fresh ? tint('magenta') : tint('gray')} paddingX={1}>
      <Text wrap="wrap">
        <Text bold color={tint('magenta')}>
          INJECT {wall}
        </Text>
        {to.length ? <Text bold> to {to.join(', ')}:</Text> : null} {text}
        {fresh ? <Text dimColor> (space to continue)</Text> : null}
      </Text>
    </Box>
  );
}
