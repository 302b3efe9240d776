// A new module of the exercise has begun: its title and the questions for the room to
// discuss before the clock goes on.
import { Box, Text } from 'ink';
import { useTint } from '../theme.js';

export interface ModuleBannerProps {
  index: number;
  title: string;
  wall: string;
  questions: readonly string[];
}

export function ModuleBanner({ index, title, wall, questions }: ModuleBannerProps) {
  const tint = useTint();
  return (
    <Box flexDirection="column" borderStyle="double" borderColor={tint('blue')} paddingX={1}>
      <Text wrap="truncate-end">
        <Text bold color={tint('blue')}>
          MODULE {index}: {title}
        </Text>{' '}
        from {wall} <Text dimColor>(discuss, then space to continue)</Text>
      </Text>
      {questions.map((q, i) => (
        <Text key={i} wrap="wrap">
          {'  '}
          {i + 1}. {q}
        </Text>
      ))}
    </Box>
  );
}
