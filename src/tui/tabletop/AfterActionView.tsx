// The after-action summary on screen: the room's outcome beside the same scenario
// replayed one level up with the same seed (metrics with the change, then key moments
// and decisions side by side). The full record is the Markdown transcript.
import { Box, Text } from 'ink';
import { canonicalProfile } from '../../model/index.js';
import { metricRows, replayDecisionText } from '../../report/tabletop.js';
import type { AfterAction, Milestone } from '../../tabletop/after-action.js';
import { useTint } from '../theme.js';
import { RunColumn } from './RunColumn.js';

export interface AfterActionViewProps {
  aa: AfterAction;
  /** How many key moments fit per side. */
  height: number;
}

// Decisions have their own lines below the moments; listing them twice wastes the screen.
const notDecision = (m: Milestone) => !m.text.startsWith('decision ');

export function AfterActionView({ aa, height }: AfterActionViewProps) {
  const tint = useTint();
  const p = canonicalProfile(aa.setup.profile);
  const q = canonicalProfile(aa.replay.profile);
  const rows = metricRows(aa);
  const w = [Math.max(...rows.map((r) => r.label.length)) + 2, Math.max(12, ...rows.map((r) => r.room.length)) + 2, Math.max(12, ...rows.map((r) => r.replay.length)) + 2];
  return (
    <Box flexDirection="column">
      <Text bold color={tint('green')} wrap="truncate-end">
        AFTER-ACTION · seed {aa.setup.seed} · profile {p} beside the replay at profile {q}
        {aa.atTop ? ' (already the top level)' : ' (one level up)'}, same seed
      </Text>
      <Box flexDirection="column" marginTop={1}>
        <Text bold>
          {'metric'.padEnd(w[0]!)}
          {`profile ${p}`.padStart(w[1]!)}
          {`profile ${q}`.padStart(w[2]!)}
          {'  change'}
        </Text>
        {rows.map((r) => (
          <Text key={r.key}>
            {r.label.padEnd(w[0]!)}
            {r.room.padStart(w[1]!)}
            {r.replay.padStart(w[2]!)}
            {'  '}
            <Text color={r.change.startsWith('-') ? tint('green') : r.change.startsWith('+') ? tint('red') : undefined}>{r.change}</Text>
          </Text>
        ))}
      </Box>
      <Box marginTop={1}>
        <RunColumn
          title={`the room, profile ${p}`}
          moments={aa.room.milestones.filter(notDecision)}
          decisions={[
            ...aa.room.decisions.map((d) => `${d.request.point.id}: ${d.chosen.index}. ${d.chosen.label}`),
            ...aa.room.unanswerable.map((u) => `${u.point.id}: no option open, the calibrated behaviour ran`),
          ]}
          height={height}
        />
        <RunColumn
          title={`replay, profile ${q} (same seed)`}
          moments={aa.replay.milestones.filter(notDecision)}
          decisions={aa.replay.decisions.map((d) => `${d.request.point.id}: ${replayDecisionText(d, q)}`)}
          height={height}
        />
      </Box>
    </Box>
  );
}
