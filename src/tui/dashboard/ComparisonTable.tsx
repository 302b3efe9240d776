// One scenario's profiles side by side: MTTR, disruption and cost (and the metric in
// focus), each as mean and p90 over the replications run so far.
import { Box, Text } from 'ink';
import { formatMetric, METRIC_LABELS } from '../../report/compare.js';
import type { MetricName, ScenarioComparison } from '../../stats/compare.js';

export interface ComparisonTableProps {
  comparison: ScenarioComparison;
  /** Short names of the profiles, in order. */
  names: string[];
  columns: MetricName[];
  focus: MetricName;
}

export function ComparisonTable({ comparison, names, columns, focus }: ComparisonTableProps) {
  const cells = comparison.results.map(({ cell }) =>
    columns.map((m) => {
      const s = cell.metrics.get(m)!.stats();
      return `${formatMetric(m, s.mean)} (${formatMetric(m, s.p90)})`;
    }),
  );
  const nameW = Math.max(8, ...names.map((n) => n.length)) + 1;
  const widths = columns.map((m, j) => Math.max(METRIC_LABELS[m].length + 8, ...cells.map((r) => r[j]!.length)) + 2);
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate-end">
        {'profile'.padEnd(nameW)}
        {columns.map((m, j) => {
          const head = `${m === focus ? '[' : ''}${METRIC_LABELS[m]} (p90)${m === focus ? ']' : ''}`;
          return (
            <Text key={m} inverse={m === focus}>
              {head.padStart(widths[j]!)}
            </Text>
          );
        })}
      </Text>
      {cells.map((row, i) => (
        <Text key={names[i]} wrap="truncate-end">
          {names[i]!.padEnd(nameW)}
          {row.map((c, j) => c.padStart(widths[j]!)).join('')}
        </Text>
      ))}
    </Box>
  );
}
