// A decision point: the prompt and every option the scenario has. Options the profile
// lacks are shown greyed with the reason, so the room sees what a more mature
// organization could do; the highlighted one is what Enter takes.
import { Box, Text } from 'ink';
import type { DecisionRequest } from '../../sim/engine.js';
import { useTint } from '../theme.js';

export interface DecisionPanelProps {
  request: DecisionRequest;
  /** Index of the highlighted option. */
  cursor: number;
  /** The scenario's wall clock at the decision. */
  wall: string;
  /** The prompt with its times and facts filled in from the moment it is asked. */
  prompt: string;
  /** The team that owns the decision, if the exercise names one. */
  team?: string;
}

export function DecisionPanel({ request, cursor, wall, prompt, team }: DecisionPanelProps) {
  const tint = useTint();
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={tint('cyan')} paddingX={1}>
      <Text wrap="truncate-end">
        <Text bold color={tint('cyan')}>
          DECISION {request.point.id}
        </Text>{' '}
        at {wall}
        {team ? ` · for ${team}` : ''}
      </Text>
      <Text wrap="wrap">{prompt}</Text>
      {request.options.map((o, i) => {
        const on = i === cursor;
        return (
          <Box key={o.id} flexDirection="column">
            <Text wrap="truncate-end">
              {on ? <Text color={tint('cyan')}>{'▶ '}</Text> : '  '}
              {o.open ? (
                <Text bold={on} inverse={on}>
                  {o.index}. {o.label}
                </Text>
              ) : (
                <Text dimColor>
                  {o.index}. {o.label}
                </Text>
              )}
            </Text>
            {o.open ? null : (
              <Box paddingLeft={5}>
                <Text dimColor color={tint('gray')} wrap="wrap">
                  not open at this profile: {o.reason}
                </Text>
              </Box>
            )}
          </Box>
        );
      })}
    </Box>
  );
}
