// The after-action record of a tabletop exercise as people keep it (Markdown transcript),
// as a terminal prints it (plain text) and as programs read it (JSON). Everything here
// is a function of the scenario, profile, seed, calibration and decisions: no dates, no
// timings, so the same exercise always gives the same bytes.
import { canonicalProfile } from '../model/index.js';
import type { OptionView } from '../sim/engine.js';
import type { Metrics } from '../sim/metrics.js';
import type { MetricName } from '../stats/compare.js';
import { round } from '../stats/compare.js';
import type { AfterAction, ReplayDecision, RunRecord } from '../tabletop/after-action.js';
import type { TakenDecision } from '../tabletop/session.js';
import { formatMetric, METRIC_LABELS } from './compare.js';
import { duration } from './timeline.js';

/** How the exercise was started, for the command that replays it. */
export interface Invocation {
  /** The scenario as given on the command line (an id or a file). */
  scenario: string;
  calibration?: string;
}

const RATES = new Set<MetricName>(['incident', 'compromise', 'lateralMovement', 'exfiltration']);

export type MetricRow = { key: MetricName | 'close' | 'detectedBy'; label: string; room: string; replay: string; change: string };

/** A metric of one replication: rates are yes or no there. */
export function oneRun(m: MetricName, x: number): string {
  return RATES.has(m) ? (x ? 'yes' : 'no') : formatMetric(m, x);
}

/** The metrics of the room's run and of the replay, with the change between them. */
export function metricRows(aa: AfterAction): MetricRow[] {
  const a = aa.room.metrics;
  const b = aa.replay.metrics;
  const rows: MetricRow[] = aa.names.map((m) => {
    const x = a[m] ?? 0;
    const y = b[m] ?? 0;
    const change = RATES.has(m) ? (x === y ? 'same' : `${oneRun(m, x)} -> ${oneRun(m, y)}`) : formatMetric(m, y - x, true);
    return { key: m, label: METRIC_LABELS[m], room: oneRun(m, x), replay: oneRun(m, y), change };
  });
  rows.push({ key: 'close', label: 'closed after', room: duration(a.close), replay: duration(b.close), change: formatMetric('close', b.close - a.close, true) });
  rows.push({ key: 'detectedBy', label: 'detected by', room: a.detectedBy, replay: b.detectedBy, change: a.detectedBy === b.detectedBy ? 'same' : '' });
  return rows;
}

const opt = (o: OptionView) => `${o.index} ${o.label}`;

/** What the replay did at a decision, in one line. */
export function replayDecisionText(d: ReplayDecision, replayProfile: string): string {
  const parts: string[] = [];
  if (d.how === 'carried') parts.push(`${opt(d.chosen!)} (the room's choice, carried over)`);
  else if (d.room) parts.push(`calibrated behaviour: ${d.outcome ?? 'as an organization at this profile usually does'} (the room's ${opt(d.room)} is not open here)`);
  else parts.push(`calibrated behaviour: ${d.outcome ?? 'as an organization at this profile usually does'} (the room never faced this decision)`);
  if (d.newlyOpen.length) parts.push(`also open at profile ${replayProfile}: ${d.newlyOpen.map(opt).join('; ')}`);
  return parts.join('; ');
}

export function rerunCommand(aa: AfterAction, inv: Invocation): string {
  const s = aa.setup;
  const args = ['imsim tabletop', inv.scenario, '--profile', canonicalProfile(s.profile), '--seed', String(s.seed)];
  if (aa.choices.length) args.push('--decisions', aa.choices.join(','));
  if (inv.calibration) args.push('--calibration', inv.calibration);
  return args.map((a) => (/[\s;"'$`\\]/.test(a) && a !== 'imsim tabletop' ? `'${a.replace(/'/g, `'\\''`)}'` : a)).join(' ');
}

const when = (aa: AfterAction, t: number) => `${aa.room.result.calendar.format(t)} (T+${duration(t)})`;

// ---- Markdown -------------------------------------------------------------------------

const cell = (text: string) => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, ' ');
const mdRow = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
function mdTable(head: string[], rows: string[][], align: ('l' | 'r')[] = []): string {
  const rule = head.map((_, i) => (align[i] === 'r' ? '--:' : '---'));
  return [mdRow(head), `| ${rule.join(' | ')} |`, ...rows.map(mdRow)].join('\n');
}

function mdDecision(aa: AfterAction, d: TakenDecision, i: number): string {
  const r = d.request;
  const lines = [`${i + 1}. **${r.point.id}** at ${when(aa, r.t)}: ${r.point.prompt}`];
  for (const o of r.options) {
    const mark = o.id === d.chosen.id ? '**chosen**' : o.open ? 'open' : `not open: ${o.reason}`;
    lines.push(`   - ${o.index}. ${o.label} (\`${o.id}\`): ${mark}`);
  }
  return lines.join('\n');
}

function mdTimeline(run: RunRecord): string {
  return mdTable(
    ['minute', 'wall clock', 'source', 'state', 'event', 'note'],
    run.rows.map((r) => [r.minute.toFixed(0), r.wall, r.source, r.state, r.event, r.note]),
    ['r'],
  );
}

export function transcriptMarkdown(aa: AfterAction, inv: Invocation): string {
  const s = aa.setup;
  const sc = s.scenario;
  const p = canonicalProfile(s.profile);
  const q = canonicalProfile(aa.replay.profile);
  const cal = s.calibration;
  const out: string[] = [];
  out.push(`# After-action record: ${sc.title}`, '');
  out.push(
    [
      `- scenario: \`${sc.id}\` (${sc.source.seed}, ${sc.source.section})`,
      `- profile: ${p}`,
      `- seed: ${s.seed} (replication ${s.replication})`,
      `- onset: ${sc.onset}`,
      `- calibration: ${cal.hash}${cal.overridden.length ? ` (overridden: ${cal.overridden.join(', ')})` : ''}`,
      `- replay: ${aa.atTop ? `profile ${q} (already the top level)` : `profile ${q} (one level up)`}, same seed`,
    ].join('\n'),
    '',
    `> ${sc.anecdote}`,
    '',
  );
  out.push('## Decisions', '');
  if (aa.room.decisions.length === 0) out.push('The room took no decisions: none came up at this profile and seed.');
  else out.push(aa.room.decisions.map((d, i) => mdDecision(aa, d, i)).join('\n'));
  for (const u of aa.room.unanswerable) out.push('', `At ${when(aa, u.t)}, **${u.point.id}** had no option open at profile ${p}: the calibrated behaviour ran.`);
  out.push('', `## Outcome beside the replay at profile ${q}`, '');
  out.push(mdTable(['metric', `the room, profile ${p}`, `replay, profile ${q}`, 'change'], metricRows(aa).map((r) => [r.label, r.room, r.replay, r.change]), ['l', 'r', 'r', 'r']));
  out.push('', 'Times are from the onset of the fault or attack; disruption is in impact-minutes.', '');
  out.push('### Key moments', '');
  const n = Math.max(aa.room.milestones.length, aa.replay.milestones.length);
  const m = (list: RunRecord['milestones'], i: number) => (list[i] ? `${list[i]!.wall}: ${list[i]!.text}` : '');
  out.push(mdTable([`the room, profile ${p}`, `replay, profile ${q}`], Array.from({ length: n }, (_, i) => [m(aa.room.milestones, i), m(aa.replay.milestones, i)])));
  out.push('', '### How the room\'s choices carry over', '', aa.carryOver, '');
  if (aa.replay.decisions.length === 0) out.push(`The replay met no decision at profile ${q}.`);
  else {
    out.push(
      mdTable(
        ['decision', 'at', `the room, profile ${p}`, `replay, profile ${q}`],
        aa.replay.decisions.map((d) => [d.request.point.id, aa.replay.result.calendar.format(d.request.t), d.room ? opt(d.room) : '-', replayDecisionText(d, q)]),
      ),
    );
  }
  out.push('', `## Timeline at profile ${p} (the room)`, '', mdTimeline(aa.room), '');
  out.push(`## Timeline at profile ${q} (replay)`, '', mdTimeline(aa.replay), '');
  out.push('## Run it again', '', '```', rerunCommand(aa, inv), '```', '');
  return out.join('\n');
}

// ---- plain text -----------------------------------------------------------------------

export interface PlainStyle {
  bold(text: string): string;
  dim(text: string): string;
  table(rows: string[][], opts?: { align?: ('l' | 'r')[] }): string;
}

export function afterActionText(aa: AfterAction, inv: Invocation, st: PlainStyle): string {
  const s = aa.setup;
  const sc = s.scenario;
  const p = canonicalProfile(s.profile);
  const q = canonicalProfile(aa.replay.profile);
  const lines: string[] = [];
  lines.push(st.bold(`tabletop: ${sc.id} at profile ${p}, seed ${s.seed}, replication ${s.replication}`));
  lines.push(`${sc.title} (${sc.source.seed}, ${sc.source.section}); onset ${sc.onset}`, '');
  lines.push(st.bold('decisions'));
  if (aa.room.decisions.length === 0) lines.push('  none came up at this profile and seed');
  for (const [i, d] of aa.room.decisions.entries()) {
    lines.push(`  ${i + 1}. ${d.request.point.id} at ${when(aa, d.request.t)}: chose ${opt(d.chosen)}`);
    for (const o of d.request.options.filter((o) => !o.open)) lines.push(st.dim(`     not open: ${opt(o)}: ${o.reason}`));
  }
  for (const u of aa.room.unanswerable) lines.push(`  ${u.point.id} at ${when(aa, u.t)}: no option open at this profile, the calibrated behaviour ran`);
  lines.push('', st.bold(`timeline at profile ${p}`));
  lines.push(
    st.table([['minute', 'wall clock', 'source', 'state', 'event', 'note'], ...aa.room.rows.map((r) => [r.minute.toFixed(0), r.wall, r.source, r.state, r.event, r.note])], {
      align: ['r'],
    }),
  );
  lines.push('', st.bold(`after-action: the room at profile ${p} beside the replay at profile ${q}, same seed`));
  lines.push(st.table([['  metric', `profile ${p}`, `profile ${q}`, 'change'], ...metricRows(aa).map((r) => [`  ${r.label}`, r.room, r.replay, r.change])], { align: ['l', 'r', 'r', 'r'] }));
  lines.push('', st.bold('key moments'));
  const n = Math.max(aa.room.milestones.length, aa.replay.milestones.length);
  const m = (list: RunRecord['milestones'], i: number) => (list[i] ? `${list[i]!.wall.padEnd(13)}  ${list[i]!.text}` : '');
  lines.push(st.table([[`  profile ${p}`, `profile ${q}`], ...Array.from({ length: n }, (_, i) => [`  ${m(aa.room.milestones, i)}`, m(aa.replay.milestones, i)])]));
  lines.push('', st.bold(`the replay's decisions at profile ${q}`));
  if (aa.replay.decisions.length === 0) lines.push('  none came up');
  for (const d of aa.replay.decisions) lines.push(`  ${d.request.point.id}: ${replayDecisionText(d, q)}`);
  lines.push(st.dim(`  ${aa.carryOver}`), '', `run it again: ${rerunCommand(aa, inv)}`);
  return `${lines.join('\n')}\n`;
}

// ---- JSON -----------------------------------------------------------------------------

const optionJson = (o: OptionView) => ({ index: o.index, id: o.id, label: o.label, open: o.open, ...(o.reason ? { reason: o.reason } : {}) });
const ref = (o: OptionView) => ({ index: o.index, id: o.id, label: o.label });

function metricsJson(aa: AfterAction, m: Metrics) {
  return { ...Object.fromEntries(aa.names.map((n) => [n, round(m[n] ?? 0)])), close: round(m.close), detectedBy: m.detectedBy };
}

const timelineJson = (run: RunRecord) => run.rows.map((r) => ({ ...r, minute: round(r.minute) }));

export function afterActionJson(aa: AfterAction, inv: Invocation) {
  const s = aa.setup;
  return {
    scenario: s.scenario.id,
    profile: canonicalProfile(s.profile),
    seed: s.seed,
    replication: s.replication,
    calibration: { hash: s.calibration.hash, overridden: s.calibration.overridden },
    decisions: aa.room.decisions.map((d) => ({
      point: d.request.point.id,
      prompt: d.request.point.prompt,
      minute: round(d.request.t),
      wall: aa.room.result.calendar.format(d.request.t),
      chosen: ref(d.chosen),
      options: d.request.options.map(optionJson),
    })),
    unanswerable: aa.room.unanswerable.map((u) => ({ point: u.point.id, minute: round(u.t) })),
    timeline: timelineJson(aa.room),
    metrics: metricsJson(aa, aa.room.metrics),
    replay: {
      profile: canonicalProfile(aa.replay.profile),
      carryOver: aa.carryOver,
      decisions: aa.replay.decisions.map((d) => ({
        point: d.request.point.id,
        minute: round(d.request.t),
        how: d.how,
        ...(d.chosen ? { chosen: ref(d.chosen) } : {}),
        ...(d.room ? { room: ref(d.room) } : {}),
        newlyOpen: d.newlyOpen.map((o) => o.id),
        ...(d.outcome ? { outcome: d.outcome } : {}),
      })),
      timeline: timelineJson(aa.replay),
      metrics: metricsJson(aa, aa.replay.metrics),
    },
    rerun: rerunCommand(aa, inv),
  };
}
