// The levels the answers support, per domain, with what holds each one back and the
// warnings where a level stands on a missing foundation.
import { Box, Text } from 'ink';
import type { Assessment } from '../../assess/index.js';
import { useTint } from '../theme.js';

export function Summary({ result }: { result: Assessment }) {
  const tint = useTint();
  return (
    <Box flexDirection="column" marginY={1}>
      {result.domains.map((d) => (
        <Box key={d.domain} flexDirection="column">
          <Text>
            <Text bold>{d.domain.padEnd(14)}</Text> level {d.level} · {d.sources.join('; ')}
          </Text>
          {d.missing.length ? (
            <Text dimColor wrap="wrap">
              {'  '}level {d.level + 1} needs: {d.missing.map((e) => `${e.question.id} (${e.answer ?? 'blank'})`).join(', ')}
            </Text>
          ) : null}
        </Box>
      ))}
      {result.warnings.map((w, i) => (
        <Text key={i} color={tint('yellow')} wrap="wrap">
          warning: {w.message} ({w.source})
        </Text>
      ))}
    </Box>
  );
}
