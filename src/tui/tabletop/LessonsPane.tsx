// The lessons-learned round: its categories with their questions, how many strengths and
// things to improve each has so far; the highlighted category takes the next one typed.
import { Box, Text } from 'ink';
import type { LessonCategory } from '../../sim/scenario.js';
import type { Lesson } from '../../tabletop/record.js';
import { useTint } from '../theme.js';

export interface LessonsPaneProps {
  categories: readonly LessonCategory[];
  lessons: readonly Lesson[];
  pick: number;
}

export function LessonsPane({ categories, lessons, pick }: LessonsPaneProps) {
  const tint = useTint();
  return (
    <Box flexDirection="column">
      <Text bold color={tint('green')}>
        LESSONS LEARNED <Text dimColor>(↑↓ category)</Text>
      </Text>
      {categories.map((c, i) => {
        const mine = lessons.filter((l) => l.category === c.id);
        const plus = mine.filter((l) => l.kind === 'strength').length;
        return (
          <Box key={c.id} flexDirection="column">
            <Text inverse={i === pick} wrap="truncate-end">
              {i === pick ? '▶ ' : '  '}
              <Text bold>{c.title}</Text>
              <Text dimColor>
                {' '}
                ({plus} strength{plus === 1 ? '' : 's'}, {mine.length - plus} to improve)
              </Text>
            </Text>
            {i === pick
              ? c.questions.map((q, k) => (
                  <Text key={k} dimColor wrap="wrap">
                    {'    '}
                    {q}
                  </Text>
                ))
              : null}
          </Box>
        );
      })}
    </Box>
  );
}
