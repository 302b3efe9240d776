// The after-action summary on screen: the room's outcome beside the same scenario
// replayed one level up with the same seed (metrics with the change, then key moments
// and decisions side by side), or, at level 5 everywhere, the room's alone with the
// reason; then the exercise's results in a few lines. The full report is the Markdown.
import { Box, Text } from 'ink';
import { canonicalProfile } from '../../model/index.js';
import { metricRows, replayDecisionText } from '../../report/tabletop.js';
import type { AfterAction, Milestone } from '../../tabletop/after-action.js';
import { useTint } from '../theme.js';
import { RunColumn } from './RunColumn.js';

export interface AfterActionViewProps {
  aa: AfterAction;
  /** The room's profile in the headline (its name and what it delivers); its levels by default. */
  label?: string;
  /** How many key moments fit per side. */
  height: number;
}

// Decisions have their own lines below the moments; listing them twice wastes the screen.
const notDecision = (m: Milestone) => !m.text.startsWith('decision ') && !m.text.startsWith('inject ');

/** The exercise's results in a few lines: objectives, expectations by status, the plan's size. */
export function exerciseLines(aa: AfterAction): string[] {
  const ex = aa.exercise;
  const lines: string[] = [];
  if (ex) {
    lines.push(`objectives: ${ex.objectives.map((o) => `${o.objective.id} ${o.rating}`).join(' · ')}`);
    const count = (st: string) => ex.expectations.filter((x) => x.status === st).length;
    lines.push(`expectations: ${count('success')} success, ${count('partial')} partial, ${count('failed')} failed, ${count('pending')} pending · lessons: ${ex.lessons.length} · notes: ${aa.record.notes.length}`);
  }
  lines.push(`improvement plan: ${aa.improvement.length} item${aa.improvement.length === 1 ? '' : 's'}${aa.improvement.length ? ` (${aa.improvement.map((i) => (i.domain ? `${i.domain}${i.level ? ` ${i.level}` : ''}` : i.source)).join(', ')})` : ''}`);
  return lines;
}

export function AfterActionView({ aa, height, label }: AfterActionViewProps) {
  const tint = useTint();
  const p = canonicalProfile(aa.setup.profile);
  const q = aa.replay ? canonicalProfile(aa.replay.profile) : p;
  const rows = metricRows(aa);
  const w = [Math.max(...rows.map((r) => r.label.length)) + 2, Math.max(12, ...rows.map((r) => r.room.length)) + 2, Math.max(12, ...rows.map((r) => r.replay.length)) + 2];
  const roomDecisions = [
    ...aa.room.decisions.map((d) => `${d.request.point.id}: ${d.chosen.index}. ${d.chosen.label}`),
    ...aa.room.unanswerable.map((u) => `${u.point.id}: no option open, the calibrated behaviour ran`),
  ];
  return (
    <Box flexDirection="column">
      <Text bold color={tint('green')} wrap="truncate-end">
        AFTER-ACTION · seed {aa.setup.seed} ·{' '}
        {aa.replay ? `profile ${label ?? p} beside the replay at profile ${q} (one level up), same seed` : `profile ${label ?? p}: level 5 everywhere, no level up to replay`}
      </Text>
      <Box flexDirection="column" marginTop={1}>
        <Text bold>
          {'metric'.padEnd(w[0]!)}
          {`profile ${p}`.padStart(w[1]!)}
          {aa.replay ? `profile ${q}`.padStart(w[2]!) : ''}
          {aa.replay ? '  change' : ''}
        </Text>
        {rows.map((r) => (
          <Text key={r.key}>
            {r.label.padEnd(w[0]!)}
            {r.room.padStart(w[1]!)}
            {aa.replay ? r.replay.padStart(w[2]!) : ''}
            {aa.replay ? '  ' : ''}
            {aa.replay ? <Text color={r.change.startsWith('-') ? tint('green') : r.change.startsWith('+') ? tint('red') : undefined}>{r.change}</Text> : null}
          </Text>
        ))}
      </Box>
      <Box marginTop={1}>
        <RunColumn title={`the room, profile ${p}`} moments={aa.room.milestones.filter(notDecision)} decisions={roomDecisions} height={height} />
        {aa.replay ? (
          <RunColumn
            title={`replay, profile ${q} (same seed)`}
            moments={aa.replay.milestones.filter(notDecision)}
            decisions={aa.replay.decisions.map((d) => `${d.request.point.id}: ${replayDecisionText(d, q)}`)}
            height={height}
          />
        ) : null}
      </Box>
      <Box flexDirection="column" marginTop={1}>
        {exerciseLines(aa).map((l, i) => (
          <Text key={i} wrap="truncate-end">
            {l}
          </Text>
        ))}
      </Box>
    </Box>
  );
}
