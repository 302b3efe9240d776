// What the business and the attacker have suffered so far, as far as the view may know:
// the players see no impact before the incident is detected and no attacker stage before
// its cause is found; the facilitator sees everything.
import { Text } from 'ink';
import { useTint } from '../theme.js';

export interface StatusLineProps {
  /** Share of the business affected now (0..1); undefined while nothing is known. */
  impact?: number;
  /** Attacker stages that have happened so far and are known, in order. */
  attacker: string[];
  /** Whether the attacker's moves are known (the cause has been found, or the facilitator's view). */
  known: boolean;
  /** Whether the scenario has an attacker at all. */
  security: boolean;
}

const words = (id: string) => id.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

export function StatusLine({ impact, attacker, known, security }: StatusLineProps) {
  const tint = useTint();
  return (
    <Text wrap="truncate-end">
      <Text bold>business </Text>
      {impact === undefined ? (
        <Text dimColor>no incident known yet</Text>
      ) : (
        <Text color={impact > 0 ? tint('red') : tint('green')}>{Math.round(impact * 100)}% affected</Text>
      )}
      {security ? (
        <Text>
          <Text bold>{'   attacker '}</Text>
          {attacker.length ? (
            <Text color={tint('red')}>{attacker.map(words).join(' › ')}</Text>
          ) : (
            <Text dimColor>{known ? 'no stage has happened' : 'nothing known yet'}</Text>
          )}
        </Text>
      ) : null}
    </Text>
  );
}
