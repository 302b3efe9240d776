// What the business and the attacker have suffered so far, from the log shown up to now.
import { Text } from 'ink';
import { useTint } from '../theme.js';

export interface StatusLineProps {
  /** Share of the business affected now (0..1). */
  impact: number;
  /** Attacker stages that have happened so far, in order. */
  attacker?: string[];
  /** Whether the scenario has an attacker at all. */
  security: boolean;
}

export function StatusLine({ impact, attacker, security }: StatusLineProps) {
  const tint = useTint();
  return (
    <Text wrap="truncate-end">
      <Text bold>business </Text>
      <Text color={impact > 0 ? tint('red') : tint('green')}>{Math.round(impact * 100)}% affected</Text>
      {security ? (
        <Text>
          <Text bold>{'   attacker '}</Text>
          {attacker && attacker.length ? <Text color={tint('red')}>{attacker.join(' › ')}</Text> : <Text dimColor>nothing seen yet</Text>}
        </Text>
      ) : null}
    </Text>
  );
}
