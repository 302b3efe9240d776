// The latest inject the room has received; while it has just arrived the clock waits
// for the facilitator to read it out.
import { Box, Text } from 'ink';
import { useTint } from '../theme.js';

export interface InjectBannerProps {
  wall: string;
  text: string;
  /** Just arrived: the clock is paused on it. */
  fresh: boolean;
}

export function InjectBanner({ wall, text, fresh }: InjectBannerProps) {
  const tint = useTint();
  return (
    <Box borderStyle={fresh ? 'double' : 'single'} borderColor={fresh ? tint('magenta') : tint('gray')} paddingX={1}>
      <Text wrap="wrap">
        <Text bold color={tint('magenta')}>
          INJECT {wall}
        </Text>{' '}
        {text}
        {fresh ? <Text dimColor> (space to continue)</Text> : null}
      </Text>
    </Box>
  );
}
