// How many replications have run, as a bar and a count.
import { Text } from 'ink';
import { useTint } from '../theme.js';

export interface ProgressBarProps {
  done: number;
  total: number;
  width: number;
  /** What is running now, e.g. the scenario's id. */
  label?: string;
}

export function ProgressBar({ done, total, width, label }: ProgressBarProps) {
  const tint = useTint();
  const share = total ? done / total : 1;
  const full = Math.round(share * width);
  const finished = done >= total;
  return (
    <Text wrap="truncate-end">
      <Text color={finished ? tint('green') : tint('cyan')}>{'█'.repeat(full)}</Text>
      <Text dimColor>{'░'.repeat(width - full)}</Text> {String(Math.floor(share * 100)).padStart(3)}%{' '}
      {done.toLocaleString('en-US')} of {total.toLocaleString('en-US')} replications
      {finished ? ' · done' : label ? ` · running ${label}` : ''}
    </Text>
  );
}
