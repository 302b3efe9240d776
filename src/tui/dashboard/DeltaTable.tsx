// The paired change of each profile against the first, mean and 95% interval. Coloured
// (and marked, for NO_COLOR) by whether the interval excludes zero: a difference the
// runs so far can tell from no difference at all. Every metric here is better lower.
import { Box, Text } from 'ink';
import { formatMetric, intervalText, METRIC_LABELS } from '../../report/compare.js';
import type { MetricName, ScenarioComparison } from '../../stats/compare.js';
import { useTint } from '../theme.js';

export interface DeltaTableProps {
  comparison: ScenarioComparison;
  names: string[];
  columns: MetricName[];
}

/** `lower`/`higher` when the interval excludes zero, `unclear` when it does not. */
export function verdict(ci: [number, number]): 'lower' | 'higher' | 'unclear' {
  if (ci[1] < 0) return 'lower';
  if (ci[0] > 0) return 'higher';
  return 'unclear';
}

const MARK = { lower: '▼', higher: '▲', unclear: '≈' } as const;
const COLOUR = { lower: 'green', higher: 'red', unclear: 'gray' } as const;

export function DeltaTable({ comparison, names, columns }: DeltaTableProps) {
  const tint = useTint();
  if (comparison.deltas.length === 0) return <Text dimColor>one profile only: nothing to compare against</Text>;
  const rows = comparison.deltas.map((d) =>
    columns.map((m) => {
      const s = d.metrics.get(m)!.stats();
      const v = verdict(s.ci95);
      return { text: `${formatMetric(m, s.mean, true)} ${intervalText(m, s.ci95)} ${MARK[v]}`, v };
    }),
  );
  const nameW = Math.max(8, ...names.map((n) => n.length)) + 1;
  const widths = columns.map((m, j) => Math.max(METRIC_LABELS[m].length, ...rows.map((r) => r[j]!.text.length)) + 2);
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate-end">
        change against {names[0]}, mean [95% interval]
      </Text>
      <Text bold wrap="truncate-end">
        {'profile'.padEnd(nameW)}
        {columns.map((m, j) => METRIC_LABELS[m].padStart(widths[j]!)).join('')}
      </Text>
      {rows.map((row, i) => (
        <Text key={names[i + 1]} wrap="truncate-end">
          {names[i + 1]!.padEnd(nameW)}
          {row.map((c, j) => (
            <Text key={columns[j]} color={tint(COLOUR[c.v])} bold={c.v !== 'unclear'}>
              {c.text.padStart(widths[j]!)}
            </Text>
          ))}
        </Text>
      ))}
      <Text dimColor wrap="truncate-end">
        ▼ lower, interval excludes 0 · ▲ higher, interval excludes 0 · ≈ interval includes 0
      </Text>
    </Box>
  );
}
