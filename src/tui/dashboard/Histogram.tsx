// A metric's distribution per profile as horizontal bars on shared bins: one row per
// bin, one bar per profile, the bar's length the share of runs in the bin.
import { Box, Text } from 'ink';
import type { Histogram as HistogramData } from '../../report/histogram.js';
import { useTint } from '../theme.js';

export interface HistogramProps {
  title: string;
  data: HistogramData;
  names: string[];
  /** Characters available for one profile's bar. */
  barWidth: number;
}

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

export function bar(share: number, max: number, width: number): string {
  if (!(max > 0) || share <= 0) return '';
  const eighths = Math.max(1, Math.round((share / max) * width * 8));
  return '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8];
}

export function Histogram({ title, data, names, barWidth }: HistogramProps) {
  const tint = useTint();
  const max = Math.max(...data.shares.flat());
  const labelW = Math.max(6, ...data.labels.map((l) => l.length)) + 2;
  const colW = barWidth + 6;
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate-end">
        {title} <Text dimColor>(share of runs per bin)</Text>
      </Text>
      <Text bold wrap="truncate-end">
        {''.padEnd(labelW)}
        {names.map((n) => n.slice(0, colW - 1).padEnd(colW)).join('')}
      </Text>
      {data.labels.map((label, b) => (
        <Text key={label} wrap="truncate-end">
          {label.padEnd(labelW)}
          {data.shares.map((s, p) => {
            const pct = `${Math.round(s[b]! * 100)}%`.padStart(5);
            return (
              <Text key={p}>
                <Text color={tint('cyan')}>{bar(s[b]!, max, barWidth).padEnd(barWidth)}</Text>
                <Text dimColor>{pct} </Text>
              </Text>
            );
          })}
        </Text>
      ))}
    </Box>
  );
}
