// The after-action report of a tabletop exercise, rendered from the review's data
// (src/tabletop/after-action.ts): Markdown as people keep it (HSEEP's after-action
// report and improvement plan), plain text as a terminal prints it, JSON as programs
// read it. Everything is a function of the scenario, profile, seed, calibration,
// decisions and the facilitator's record: no dates, no timings, so the same exercise
// always gives the same bytes. Another renderer (HTML) reads the same data.
import { canonicalProfile } from '../model/index.js';
import { deliveredProfile, profileLabel } from '../org/profiles.js';
import type { OptionView } from '../sim/engine.js';
import type { Metrics } from '../sim/metrics.js';
import type { MetricName } from '../stats/compare.js';
import { round } from '../stats/compare.js';
import type { AfterAction, Consequence, ImprovementItem, PointReview, ReplayDecision, RunRecord } from '../tabletop/after-action.js';
import { firedInjects, type ExpectationState } from '../tabletop/exercise.js';
import { promptText, type TakenDecision } from '../tabletop/session.js';
import { formatMetric, METRIC_LABELS } from './compare.js';
import { duration } from './timeline.js';

/** How the exercise was started, for the command that replays it. */
export interface Invocation {
  /** The scenario as given on the command line (an id or a file). */
  scenario: string;
  calibration?: string;
  /** The name the profile was chosen by (`today`, from an organization file), if any. */
  profileName?: string;
}

/** The room's profile as headings show it: its name, its levels, and what it delivers where "do not skip levels" holds it back. */
const roomProfile = (s: AfterAction['setup'], inv: Invocation) => profileLabel(s.profile, inv.profileName, deliveredProfile(s.profile, s.calibration));

const RATES = new Set<MetricName>(['incident', 'compromise', 'lateralMovement', 'exfiltration']);

export type MetricRow = { key: MetricName | 'close' | 'detectedBy'; label: string; room: string; replay: string; change: string };

/** A metric of one replication: rates are yes or no there. */
export function oneRun(m: MetricName, x: number): string {
  return RATES.has(m) ? (x ? 'yes' : 'no') : formatMetric(m, x);
}

/** The metrics of the room's run and of the replay one level up, with the change between them (no replay at the top: the room's only). */
export function metricRows(aa: AfterAction): MetricRow[] {
  const a = aa.room.metrics;
  const b = aa.replay?.metrics ?? a;
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

/** A decision point beside the best choices, in one line (the room's level, then one level up). */
export function pointText(aa: AfterAction, r: PointReview): string {
  const p = canonicalProfile(aa.setup.profile);
  const parts: string[] = [];
  const room = r.room ? `the room took "${r.room.label}"` : 'the room never faced it';
  if (r.best) {
    const best = r.best.open ? `"${r.best.label}"` : 'the calibrated behaviour (no option open when asked)';
    parts.push(`${room}; best at profile ${p}: ${best}${r.room && r.room.id === r.best.id ? ' (the same)' : ''}`);
  } else parts.push(`${room}; not asked in the search runs at profile ${p}`);
  if (aa.atTop) parts.push('no level up from 5');
  else if (r.up) {
    const q = canonicalProfile(aa.search.up!.profile);
    if (r.room && !r.up.roomOpen) parts.push(`at profile ${q} the room's choice is not open`);
    if (r.up.best) {
      const b = r.up.best;
      const same = r.room && b.id === r.room.id;
      parts.push(`best at profile ${q}: ${b.open ? `"${b.label}"` : 'the calibrated behaviour'}${same ? ' (the room\'s choice)' : ''}${b.newlyOpen ? ` (not open to the room: profile ${q} offers a better option)` : ''}`);
    } else parts.push(`not asked at profile ${q}`);
  }
  return parts.join('; ');
}

export function rerunCommand(aa: AfterAction, inv: Invocation): string {
  const s = aa.setup;
  const args = ['imsim tabletop', inv.scenario, '--profile', canonicalProfile(s.profile), '--seed', String(s.seed)];
  if (aa.choices.length) args.push('--decisions', aa.choices.join(','));
  const scores = Object.entries(aa.record.scores).sort(([a], [b]) => a.localeCompare(b));
  if (scores.length) args.push('--scores', scores.map(([k, v]) => `${k}=${v.join('/')}`).join(','));
  if (inv.calibration) args.push('--calibration', inv.calibration);
  return args.map((a) => (/[\s;"'$`\\]/.test(a) && a !== 'imsim tabletop' ? `'${a.replace(/'/g, `'\\''`)}'` : a)).join(' ');
}

const whenOf = (aa: AfterAction, t: number) => `${aa.room.result.calendar.format(t)} (T+${duration(t)})`;

const STATUS_MARK = { success: 'success', partial: 'partial', failed: 'failed', pending: 'pending (not scored)' } as const;

/** An expectation's score: the team's, and each member's when every member must meet it. */
export function scoreText(s: ExpectationState): string {
  if (s.score === undefined) return s.given?.length ? `${s.given.join('/')} (not every member scored)` : '-';
  return s.expectation.who === 'all' && s.given && s.given.length > 1 ? `${s.score} (members ${s.given.join('/')})` : String(s.score);
}

/** What the simulation showed for an expectation's check. */
export function checkText(aa: AfterAction, s: ExpectationState): string {
  if (!s.expectation.check) return '-';
  if (s.opened === undefined) return 'inject never reached the room';
  if (s.check?.met === undefined) return 'not reached';
  return `reached ${aa.room.result.calendar.format(s.check.met)}${s.check.inTime ? '' : ' (late)'}`;
}

const levelText = (i: ImprovementItem) => (i.domain ? (i.level ? `${i.domain} ${i.level}` : `${i.domain} (level not measured)`) : '-');

// ---- Markdown -------------------------------------------------------------------------

const cell = (text: string) => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, ' ');
const mdRow = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
function mdTable(head: string[], rows: string[][], align: ('l' | 'r')[] = []): string {
  const rule = head.map((_, i) => (align[i] === 'r' ? '--:' : '---'));
  return [mdRow(head), `| ${rule.join(' | ')} |`, ...rows.map(mdRow)].join('\n');
}

const metricsLine = (aa: AfterAction, m: Metrics) =>
  aa.names
    .filter((n) => ['mttr', 'cost', 'lateralMovement', 'exfiltration', 'incident'].includes(n))
    .map((n) => `${METRIC_LABELS[n]} ${oneRun(n, m[n] ?? 0)}`)
    .join(', ');

function mdDecision(aa: AfterAction, c: Consequence, i: number): string {
  const d: TakenDecision = c.decision;
  const r = d.request;
  const team = r.point.team ? ` (${aa.setup.scenario.exercise?.teams.find((t) => t.id === r.point.team)?.name ?? r.point.team})` : '';
  const lines = [`${i + 1}. **${r.point.id}**${team} at ${whenOf(aa, r.t)}: ${promptText(aa.setup.scenario, aa.room.result, r)}`];
  for (const o of r.options) {
    const mark = o.id === d.chosen.id ? '**chosen**' : o.open ? 'open' : `not open: ${o.reason}`;
    lines.push(`   - ${o.index}. ${o.label} (\`${o.id}\`): ${mark}`);
  }
  if (c.followed.length) lines.push(`   - what followed: ${c.followed.map((m) => `${m.wall} ${m.text}`).join('; ')}`);
  lines.push(`   - in the room's story: ${metricsLine(aa, aa.room.metrics)}`);
  for (const a of c.alternatives) lines.push(`   - had the room taken ${a.option.index} ${a.option.label}, same seed: ${metricsLine(aa, a.metrics)}`);
  return lines.join('\n');
}

function mdTimeline(run: RunRecord): string {
  return mdTable(
    ['minute', 'wall clock', 'source', 'state', 'event', 'note'],
    run.rows.map((r) => [r.minute.toFixed(0), r.wall, r.source, r.state, r.event, r.note]),
    ['r'],
  );
}

function mdExercise(aa: AfterAction, out: string[]): void {
  const ex = aa.exercise;
  const plan = aa.setup.scenario.exercise;
  if (!ex || !plan) return;
  out.push('## Objectives', '');
  out.push(
    mdTable(
      ['objective', 'rating', 'shown by'],
      ex.objectives.map((o) => [o.objective.text, o.rating, o.expectations.map((s) => `${s.expectation.id} (${s.status})`).join(', ')]),
    ),
    '',
    'An objective is met when every expectation that shows it succeeded, not met when every one failed, partially met otherwise; not rated while one is unscored.',
    '',
  );
  out.push('## Expectations by team', '');
  out.push('Scored 0 to 100 by the facilitator: at or above the expected score is a success, 0 is failed, between is partial, no score is pending. "one": one member meeting it is enough (the best score counts); "all": every member must (the lowest counts).', '');
  for (const team of plan.teams) {
    const mine = ex.expectations.filter((s) => s.expectation.team === team.id);
    if (!mine.length) continue;
    out.push(`### ${team.name} (${team.role}; ${team.members.join(', ')})`, '');
    out.push(
      mdTable(
        ['inject', 'expectation', 'expected', 'time allowed', 'who', 'score', 'status', 'simulation'],
        mine.map((s) => [
          s.opened === undefined ? `${s.inject.id} (never reached the room)` : `${s.inject.id} at ${aa.room.result.calendar.format(s.opened)}`,
          s.expectation.text,
          String(s.expectation.score),
          s.expectation.within === undefined ? '-' : `${duration(s.expectation.within)}${s.due !== undefined ? ` (to ${aa.room.result.calendar.format(s.due)})` : ''}`,
          s.expectation.who,
          scoreText(s),
          STATUS_MARK[s.status],
          checkText(aa, s),
        ]),
      ),
      '',
    );
  }
}

function mdInjects(aa: AfterAction, out: string[]): void {
  const sc = aa.setup.scenario;
  if (!sc.injects.length) return;
  const fired = firedInjects(sc, aa.room.result.log);
  const teams = sc.exercise?.teams ?? [];
  const to = (ids: readonly string[] | undefined) => (ids?.length ? ids.map((id) => teams.find((t) => t.id === id)?.name ?? id).join(', ') : 'the room');
  out.push('## Injects', '');
  out.push(
    mdTable(
      ['inject', 'to', 'reached the room', 'text'],
      sc.injects.map((j) => {
        const f = fired.find((x) => x.inject === j);
        const at = f ? `${whenOf(aa, f.t)}${f.deferredFrom !== undefined ? `, held from ${aa.room.result.calendar.format(f.deferredFrom)} until it could be known` : ''}` : 'never: its trigger did not come';
        return [j.id ?? '', to(j.to), at, f?.text ?? j.text];
      }),
    ),
    '',
  );
}

function mdModules(aa: AfterAction, out: string[]): void {
  const ex = aa.exercise;
  if (!ex) return;
  const note = (n: { t: number; text: string }) => `- ${aa.room.result.calendar.format(n.t)}: ${n.text}`;
  if (ex.modules.length) {
    out.push('## Modules, discussion and notes', '');
    for (const [i, m] of ex.modules.entries()) {
      out.push(`### Module ${i + 1}: ${m.module.title}${m.t !== undefined ? ` (from ${aa.room.result.calendar.format(m.t)})` : ' (never reached)'}`, '');
      out.push(...m.module.questions.map((q) => `- ${q}`), '');
      if (m.notes.length) out.push('Notes:', '', ...m.notes.map(note), '');
    }
  }
  if (ex.notes.length) out.push(ex.modules.length ? '### Notes before the first module' : '## Notes', '', ...ex.notes.map(note), '');
}

function mdLessons(aa: AfterAction, out: string[]): void {
  const ex = aa.exercise;
  const plan = aa.setup.scenario.exercise;
  if (!ex || !plan) return;
  out.push('## Lessons learned', '');
  if (!ex.lessons.length) out.push('The lessons-learned round recorded nothing.', '');
  for (const c of plan.lessons) {
    const mine = ex.lessons.filter((l) => l.category === c.id);
    out.push(`### ${c.title}`, '', ...c.questions.map((q) => `- *${q}*`), '');
    if (!mine.length) out.push('(nothing recorded)', '');
    for (const l of mine) out.push(`- ${l.kind === 'strength' ? 'Strength' : 'To improve'}: ${l.text} (${l.by ?? 'anonymous'}${l.domain ? `; ${l.domain}` : ''})`);
    if (mine.length) out.push('');
  }
}

function mdReplays(aa: AfterAction, out: string[]): void {
  const p = canonicalProfile(aa.setup.profile);
  const h = aa.search.here;
  out.push('## What the room\'s choices were worth', '', aa.search.definition, '');
  const stat = (label: string, s: { cost: number; mttr: number }) => `${label}: mean cost ${formatMetric('cost', s.cost)}, mean MTTR ${formatMetric('mttr', s.mttr)}`;
  out.push(`- ${stat(`the room's choices at profile ${p}`, h.room)}`);
  out.push(`- ${stat(`the best choices open at profile ${p}`, h.best)}`);
  if (aa.search.up) {
    const u = aa.search.up;
    const q = canonicalProfile(u.profile);
    out.push(`- ${stat(`the room's choices at profile ${q}`, u.room)}`);
    out.push(`- ${stat(`the best choices open at profile ${q}`, u.best)}`);
  }
  out.push(`- over ${h.runs} runs each (seed ${aa.setup.seed}, replications 0 to ${h.runs - 1}); ${h.exhaustive ? `all ${h.tried} strategies tried` : `${h.tried} strategies tried by improving one decision at a time`}`, '');
  if (aa.points.length) out.push(mdTable(['decision', 'the room and the best choices'], aa.points.map((r) => [r.point, pointText(aa, r)])), '');
  if (aa.atTop || !aa.replay) {
    out.push(`## No level up`, '', `The room played at profile ${p}, level 5 in every domain: there is no level up to replay. The best choices open at level 5 are above.`, '');
    return;
  }
  const q = canonicalProfile(aa.replay.profile);
  out.push(`## The same story one level up (profile ${q}, the room's choices carried over)`, '');
  out.push(mdTable(['metric', `the room, profile ${p}`, `replay, profile ${q}`, 'change'], metricRows(aa).map((r) => [r.label, r.room, r.replay, r.change]), ['l', 'r', 'r', 'r']));
  out.push('', 'Times are from the onset of the fault or attack; disruption is in impact-minutes. One replication: the room\'s own story.', '');
  out.push('### Key moments', '');
  const n = Math.max(aa.room.milestones.length, aa.replay.milestones.length);
  const m = (list: RunRecord['milestones'], i: number) => (list[i] ? `${list[i]!.wall}: ${list[i]!.text}` : '');
  out.push(mdTable([`the room, profile ${p}`, `replay, profile ${q}`], Array.from({ length: n }, (_, i) => [m(aa.room.milestones, i), m(aa.replay!.milestones, i)])));
  out.push('', '### How the room\'s choices carry over', '', aa.carryOver, '');
  if (aa.replay.decisions.length === 0) out.push(`The replay met no decision at profile ${q}.`, '');
  else {
    out.push(
      mdTable(
        ['decision', 'at', `the room, profile ${p}`, `replay, profile ${q}`],
        aa.replay.decisions.map((d) => [d.request.point.id, aa.replay!.result.calendar.format(d.request.t), d.room ? opt(d.room) : '-', replayDecisionText(d, q)]),
      ),
      '',
    );
  }
}

export function transcriptMarkdown(aa: AfterAction, inv: Invocation): string {
  const s = aa.setup;
  const sc = s.scenario;
  const p = canonicalProfile(s.profile);
  const cal = s.calibration;
  const out: string[] = [];
  out.push(`# After-action report: ${sc.title}`, '');
  out.push(
    [
      `- scenario: \`${sc.id}\` (${sc.source.seed}, ${sc.source.section})`,
      `- profile: ${roomProfile(s, inv)}`,
      `- seed: ${s.seed} (replication ${s.replication})`,
      `- onset: ${sc.onset}`,
      `- calibration: ${cal.hash}${cal.overridden.length ? ` (overridden: ${cal.overridden.join(', ')})` : ''}`,
      `- replay: ${aa.atTop ? 'none: level 5 everywhere, no level up' : `profile ${canonicalProfile(aa.replay!.profile)} (one level up)`}, same seed`,
    ].join('\n'),
    '',
    `> ${sc.anecdote}`,
    '',
  );
  const plan = sc.exercise;
  if (plan) {
    out.push('## Exercise overview', '');
    out.push('Objectives:', '', ...plan.objectives.map((o) => `- ${o.text}`), '');
    out.push(mdTable(['team', 'role', 'members'], plan.teams.map((t) => [t.name, t.role, t.members.join(', ')])), '');
  }
  mdExercise(aa, out);
  out.push('## Decisions and their consequences', '');
  if (aa.room.decisions.length === 0) out.push('The room took no decisions: none came up at this profile and seed.');
  else out.push(aa.room.consequences.map((c, i) => mdDecision(aa, c, i)).join('\n'));
  for (const u of aa.room.unanswerable) out.push('', `At ${whenOf(aa, u.t)}, **${u.point.id}** had no option open at profile ${p}: the calibrated behaviour ran.`);
  out.push('');
  mdInjects(aa, out);
  mdModules(aa, out);
  mdLessons(aa, out);
  out.push('## Strengths', '', ...(aa.strengths.length ? aa.strengths.map((x) => `- ${x}`) : ['(none recorded)']), '');
  out.push('## Areas for improvement', '', ...(aa.areas.length ? aa.areas.map((x) => `- ${x}`) : ['(none recorded)']), '');
  out.push('## Improvement plan', '');
  if (!aa.improvement.length) out.push('No gap found: no better option was out of reach, no expectation fell short, no lesson asked for a change.', '');
  else {
    out.push(
      'Each item names the maturity domain and the level that removes the gap, found by replaying the story with that domain raised (the others as played).',
      '',
      mdTable(
        ['#', 'gap', 'domain and level', 'how the level was found', 'owner', 'due'],
        aa.improvement.map((i, k) => [String(k + 1), i.gap, levelText(i), i.evidence, i.owner ?? '', i.due ?? '']),
      ),
      '',
    );
  }
  mdReplays(aa, out);
  out.push(`## Timeline at profile ${p} (the room)`, '', mdTimeline(aa.room), '');
  if (aa.replay) out.push(`## Timeline at profile ${canonicalProfile(aa.replay.profile)} (replay)`, '', mdTimeline(aa.replay), '');
  out.push('## Run it again', '', '```', rerunCommand(aa, inv), '```', '');
  if (aa.record.notes.length || aa.record.lessons.length) out.push('Notes and lessons are in the session file (`--save`); `--resume` with it replays them too.', '');
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
  const lines: string[] = [];
  lines.push(st.bold(`tabletop: ${sc.id} at profile ${roomProfile(s, inv)}, seed ${s.seed}, replication ${s.replication}`));
  lines.push(`${sc.title} (${sc.source.seed}, ${sc.source.section}); onset ${sc.onset}`, '');
  lines.push(st.bold('decisions'));
  if (aa.room.decisions.length === 0) lines.push('  none came up at this profile and seed');
  for (const [i, d] of aa.room.decisions.entries()) {
    lines.push(`  ${i + 1}. ${d.request.point.id} at ${whenOf(aa, d.request.t)}: chose ${opt(d.chosen)}`);
    for (const o of d.request.options.filter((o) => !o.open)) lines.push(st.dim(`     not open: ${opt(o)}: ${o.reason}`));
  }
  for (const u of aa.room.unanswerable) lines.push(`  ${u.point.id} at ${whenOf(aa, u.t)}: no option open at this profile, the calibrated behaviour ran`);
  lines.push('', st.bold(`timeline at profile ${p}`));
  lines.push(
    st.table([['minute', 'wall clock', 'source', 'state', 'event', 'note'], ...aa.room.rows.map((r) => [r.minute.toFixed(0), r.wall, r.source, r.state, r.event, r.note])], {
      align: ['r'],
    }),
  );
  if (aa.exercise) {
    lines.push('', st.bold('objectives'));
    for (const o of aa.exercise.objectives) lines.push(`  ${o.rating.padEnd(13)} ${o.objective.text}`);
    lines.push('', st.bold('expectations by team'));
    lines.push(
      st.table(
        [['  team', 'expectation', 'expected', 'score', 'status'], ...aa.exercise.expectations.map((x) => [`  ${x.team?.name ?? x.expectation.team}`, x.expectation.id, String(x.expectation.score), scoreText(x), x.status])],
        { align: ['l', 'l', 'r', 'r', 'l'] },
      ),
    );
    const n = aa.exercise.lessons.length;
    lines.push('', `${st.bold('lessons learned')}: ${n ? `${n} recorded (${aa.exercise.lessons.filter((l) => l.kind === 'strength').length} strengths)` : 'none recorded'}`);
  }
  lines.push('', st.bold('improvement plan'));
  if (!aa.improvement.length) lines.push('  no gap found');
  for (const [k, i] of aa.improvement.entries()) lines.push(`  ${k + 1}. ${levelText(i)}: ${i.gap}`, st.dim(`     ${i.evidence}`));
  if (aa.replay) {
    const q = canonicalProfile(aa.replay.profile);
    lines.push('', st.bold(`after-action: the room at profile ${p} beside the replay at profile ${q}, same seed`));
    lines.push(st.table([['  metric', `profile ${p}`, `profile ${q}`, 'change'], ...metricRows(aa).map((r) => [`  ${r.label}`, r.room, r.replay, r.change])], { align: ['l', 'r', 'r', 'r'] }));
    lines.push('', st.bold('key moments'));
    const n = Math.max(aa.room.milestones.length, aa.replay.milestones.length);
    const m = (list: RunRecord['milestones'], i: number) => (list[i] ? `${list[i]!.wall.padEnd(13)}  ${list[i]!.text}` : '');
    lines.push(st.table([[`  profile ${p}`, `profile ${q}`], ...Array.from({ length: n }, (_, i) => [`  ${m(aa.room.milestones, i)}`, m(aa.replay!.milestones, i)])]));
    lines.push('', st.bold(`the replay's decisions at profile ${q}`));
    if (aa.replay.decisions.length === 0) lines.push('  none came up');
    for (const d of aa.replay.decisions) lines.push(`  ${d.request.point.id}: ${replayDecisionText(d, q)}`);
    lines.push(st.dim(`  ${aa.carryOver}`));
  } else lines.push('', st.bold(`after-action: profile ${p} is level 5 everywhere: no level up to replay`));
  lines.push('', st.bold('the best choices'));
  for (const r of aa.points) lines.push(`  ${r.point}: ${pointText(aa, r)}`);
  lines.push('', `run it again: ${rerunCommand(aa, inv)}`);
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
  const score = (x: { cost: number; mttr: number; strategy: Readonly<Record<string, string>> }) => ({ cost: round(x.cost), mttr: round(x.mttr), choices: x.strategy });
  return {
    scenario: s.scenario.id,
    profile: canonicalProfile(s.profile),
    ...(inv.profileName ? { profileName: inv.profileName } : {}),
    ...(canonicalProfile(deliveredProfile(s.profile, s.calibration)) !== canonicalProfile(s.profile) ? { effective: canonicalProfile(deliveredProfile(s.profile, s.calibration)) } : {}),
    seed: s.seed,
    replication: s.replication,
    calibration: { hash: s.calibration.hash, overridden: s.calibration.overridden },
    decisions: aa.room.consequences.map((c) => ({
      point: c.decision.request.point.id,
      prompt: promptText(s.scenario, aa.room.result, c.decision.request),
      minute: round(c.decision.request.t),
      wall: aa.room.result.calendar.format(c.decision.request.t),
      chosen: ref(c.decision.chosen),
      options: c.decision.request.options.map(optionJson),
      alternatives: c.alternatives.map((a) => ({ option: ref(a.option), metrics: metricsJson(aa, a.metrics) })),
    })),
    unanswerable: aa.room.unanswerable.map((u) => ({ point: u.point.id, minute: round(u.t) })),
    timeline: timelineJson(aa.room),
    metrics: metricsJson(aa, aa.room.metrics),
    ...(aa.exercise
      ? {
          exercise: {
            objectives: aa.exercise.objectives.map((o) => ({ id: o.objective.id, text: o.objective.text, rating: o.rating, expectations: o.expectations.map((x) => x.expectation.id) })),
            expectations: aa.exercise.expectations.map((x) => ({
              id: x.expectation.id,
              team: x.expectation.team,
              inject: x.inject.id,
              expected: x.expectation.score,
              who: x.expectation.who,
              ...(x.opened !== undefined ? { opened: round(x.opened) } : {}),
              ...(x.due !== undefined ? { due: round(x.due) } : {}),
              ...(x.given ? { scores: x.given } : {}),
              ...(x.score !== undefined ? { score: x.score } : {}),
              status: x.status,
              ...(x.check ? { check: { ...(x.check.met !== undefined ? { met: round(x.check.met) } : {}), inTime: x.check.inTime } } : {}),
            })),
            notes: aa.record.notes.map((n) => ({ minute: n.t, text: n.text })),
            lessons: aa.record.lessons,
          },
        }
      : {}),
    strengths: aa.strengths,
    areas: aa.areas,
    improvement: aa.improvement,
    search: {
      definition: aa.search.definition,
      runs: aa.search.here.runs,
      here: { profile: canonicalProfile(aa.search.here.profile), best: score(aa.search.here.best), room: score(aa.search.here.room) },
      ...(aa.search.up ? { up: { profile: canonicalProfile(aa.search.up.profile), best: score(aa.search.up.best), room: score(aa.search.up.room) } } : {}),
      points: aa.points,
    },
    replay: aa.replay
      ? {
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
        }
      : null,
    rerun: rerunCommand(aa, inv),
  };
}
