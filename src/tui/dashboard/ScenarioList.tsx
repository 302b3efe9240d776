// The scenarios being compared, the selected one marked, each with how far it has run.
import { Box, Text } from 'ink';
import { useTint } from '../theme.js';

export interface ScenarioListProps {
  items: { id: string; done: number; runs: number }[];
  selected: number;
  width: number;
}

export function ScenarioList({ items, selected, width }: ScenarioListProps) {
  const tint = useTint();
  return (
    <Box flexDirection="column" width={width} flexShrink={0}>
      <Text bold>scenarios</Text>
      {items.map((it, i) => {
        const mark = it.done >= it.runs ? '✓' : it.done > 0 ? '…' : ' ';
        const on = i === selected;
        return (
          <Text key={it.id} wrap="truncate-end" inverse={on} color={on ? tint('cyan') : undefined} dimColor={!on && it.done === 0}>
            {on ? '▶' : ' '}
            {mark} {it.id}
          </Text>
        );
      })}
    </Box>
  );
}
