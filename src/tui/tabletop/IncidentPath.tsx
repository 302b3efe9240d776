// The incident's path identify -> categorize -> prioritize -> respond -> close with the
// current step highlighted (and bracketed, so it reads without colour), the exact state,
// and the change under way when the scenario has one.
import { Box, Text } from 'ink';
import { useTint } from '../theme.js';

export const PATH = ['identify', 'categorize', 'prioritize', 'respond', 'close'] as const;

export interface IncidentPathProps {
  /** The incident's state key (`respond.containing`, `closed`), undefined before it starts. */
  incident?: string;
  /** The change workflow's state key, when a change is part of the story. */
  change?: string;
}

/** The path step a state belongs to (`closed` is the end of `close`). */
export function stepOf(state: string): (typeof PATH)[number] | undefined {
  const top = state === 'closed' ? 'close' : state.split('.')[0];
  return PATH.find((s) => s === top);
}

export function IncidentPath({ incident, change }: IncidentPathProps) {
  const tint = useTint();
  const current = incident ? stepOf(incident) : undefined;
  const at = current ? PATH.indexOf(current) : -1;
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold>incident </Text>
        {PATH.map((step, i) => (
          <Text key={step}>
            {i > 0 ? <Text dimColor> › </Text> : null}
            {i === at ? (
              <Text inverse bold color={tint('cyan')}>
                [{step}]
              </Text>
            ) : (
              <Text dimColor={i > at}>{step}</Text>
            )}
          </Text>
        ))}
        <Text dimColor>{'   '}{incident ? (incident === 'closed' ? 'closed' : `now: ${incident}`) : 'no incident yet'}</Text>
      </Text>
      {change ? (
        <Text wrap="truncate-end">
          <Text bold>change   </Text>
          {change}
        </Text>
      ) : null}
    </Box>
  );
}
