// A new module of the exercise has begun: its title and the questions for the room to
// discuss before the clock goes on.
import { Box, Text } from 'ink';
import { useTint } from '../theme.js';

export interface ModuleBannerProps {
  index: number;
  title: string;
  wall: string;
  questions: readonly string[];
  /** One line, cut to the width (a small terminal). */
  compact?: boolean;
}

export function ModuleBanner({ index, title, wall, questions, compact }: ModuleBannerProps) {
  const tint = useTint();
  if (compact) {
    return (
      <Text wrap="truncate-end">
        <Text bold color={tint('blue')}>
          MODULE {index}: {title}
        </Text>{' '}
        from {wall} · {questions.length} question{questions.length === 1 ? '' : 's'} to discuss
      </Text>
    );
  }
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
