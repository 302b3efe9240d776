// One line naming the keys that work now: [key, what it does] pairs.
import { Box, Text } from 'ink';
import { useTint } from './theme.js';

export function KeyBar({ keys }: { keys: readonly (readonly [string, string])[] }) {
  const tint = useTint();
  return (
    <Box>
      <Text wrap="truncate-end">
        {keys.map(([k, what], i) => (
          <Text key={k}>
            {i > 0 ? '  ' : ''}
            <Text bold color={tint('cyan')}>
              {k}
            </Text>{' '}
            {what}
          </Text>
        ))}
      </Text>
    </Box>
  );
}
