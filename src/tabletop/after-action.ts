// The after-action review of a finished exercise (HSEEP's after-action report and
// improvement plan, as data; src/report/tabletop.ts renders it):
// - the room's story: timeline, decisions and what each led to (the other options
//   replayed on the same seed);
// - the same story one level up with the room's choices carried over (carryOverRule),
//   and the best choices open at the room's level and one level up (search.ts defines
//   "best"); at level 5 everywhere there is no level up, and the review says so;
// - the exercise plan's results: objectives, expectations per team, notes by module,
//   the lessons-learned round; strengths and areas for improvement;
// - the improvement plan: each gap with the maturity domain and the level that removes
//   it, found by replaying the story at raised profiles (improvementPlan below).
import { DOMAINS, canonicalProfile, type Domain, type Level, type Profile } from '../model/index.js';
import { formatMetric } from '../report/compare.js';
import { EVENT_NOTES, timelineRows, type TimelineRow } from '../report/timeline.js';
import { simulate, type DecisionPolicy, type DecisionRequest, type OptionView, type SimResult } from '../sim/engine.js';
import { metricsOf, type Metrics } from '../sim/metrics.js';
import type { ExerciseModule } from '../sim/scenario.js';
import { costPerMinute, metricsFor, type MetricName } from '../stats/compare.js';
import { domainOf, expectationStates, moduleStarts, objectiveResults, type ExpectationState, type ObjectiveResult } from './exercise.js';
import { emptyRecord, type Lesson, type Note, type SessionRecord } from './record.js';
import { better, meanOver, raises, roomStrategy, scoreStrategy, searchBest, SEARCH_RUNS, type SearchContext, type SearchResult, type Strategy } from './search.js';
import type { Play, Setup, TakenDecision } from './session.js';

/** The next level up in every domain, capped at 5. */
export function nextLevel(p: Profile): Profile {
  return Object.fromEntries(DOMAINS.map((d) => [d, Math.min(5, p[d] + 1) as Level])) as Record<(typeof DOMAINS)[number], Level>;
}

export function carryOverRule(replayProfile: string): string {
  return (
    `The replay keeps the room's choice at each decision where that option is open at profile ${replayProfile} ` +
    `(decisions are matched by id and by how many times they came up). Where it is not open, or where the replay ` +
    `meets a decision the room never faced, it runs what an organization at profile ${replayProfile} usually does ` +
    `(the calibrated behaviour). Everything else (the attacker, the fault, every delay) comes from the same seed.`
  );
}

/** One moment worth telling in a summary: detection, acknowledgement, containment, a decision... */
export interface Milestone {
  t: number;
  wall: string;
  text: string;
}

export interface RunRecord {
  profile: Profile;
  result: SimResult;
  metrics: Metrics;
  rows: TimelineRow[];
  milestones: Milestone[];
}


/** What the replay did at a decision. */
export interface ReplayDecision {
  request: DecisionRequest;
  /** `carried`: the room's option; `calibrated`: the calibrated behaviour ran. */
  how: 'carried' | 'calibrated';
  chosen?: OptionView;
  /** The room's choice at the same decision, if it faced it. */
  room?: OptionView;
  /** Options open here that were not open to the room at the same decision. */
  newlyOpen: OptionView[];
  /** For the calibrated behaviour: the event the state took next, in words. */
  outcome?: string;
}

/** A decision the room took, what followed it, and what the other options would have done in the same story. */
export interface Consequence {
  decision: TakenDecision;
  /** The room's key moments after it, up to the next decision. */
  followed: Milestone[];
  /** The other options open at that moment, each replayed with the same seed (the room's later choices carried over). */
  alternatives: { option: OptionView; metrics: Metrics }[];
}

/** One decision point as the room took it, beside the best choices found by the search. */
export interface PointReview {
  point: string;
  /** The room's (first) choice there, if it faced it. */
  room?: OptionView;
  /** The best strategy's option at the room's profile, and whether it was open when asked. */
  best?: { id: string; label: string; open: boolean };
  /** One level up: whether the room's option is open there, and the best option there (`newlyOpen`: not open to the room). */
  up?: { roomOpen: boolean; best?: { id: string; label: string; open: boolean; newlyOpen: boolean } };
}

export interface ImprovementItem {
  /** Stable id, the key for owners in a session file: `decision:POINT:OPTION`, `expectation:ID`, `lesson:N`. */
  id: string;
  source: 'decision' | 'expectation' | 'lesson';
  /** The gap, in words. */
  gap: string;
  domain?: Domain;
  /** The level of `domain` that removes the gap, found by the replay; absent when the simulation cannot say. */
  level?: Level;
  /** How the level was found (or why there is none). */
  evidence: string;
  owner?: string;
  due?: string;
}

export interface ExerciseReview {
  objectives: ObjectiveResult[];
  expectations: ExpectationState[];
  /** Modules in order, with when each started in the room's story and the notes taken during it. */
  modules: { module: ExerciseModule; t?: number; notes: Note[] }[];
  /** Notes taken before the first module, or in an exercise without modules. */
  notes: Note[];
  lessons: Lesson[];
}

export interface AfterAction {
  setup: Setup;
  choices: readonly string[];
  names: MetricName[];
  record: SessionRecord;
  room: RunRecord & { decisions: TakenDecision[]; unanswerable: DecisionRequest[]; consequences: Consequence[] };
  /** The room's story one level up, its choices carried over; undefined at level 5 everywhere (no level up). */
  replay?: RunRecord & { decisions: ReplayDecision[] };
  /** The room was already at level 5 everywhere: there is no level up to compare with. */
  atTop: boolean;
  carryOver: string;
  search: { here: SearchResult; up?: SearchResult; definition: string };
  points: PointReview[];
  exercise?: ExerciseReview;
  strengths: string[];
  areas: string[];
  improvement: ImprovementItem[];
}

export function milestones(result: SimResult): Milestone[] {
  const out: Milestone[] = [];
  const add = (t: number, text: string) => out.push({ t, wall: result.calendar.format(t), text });
  let detected = false;
  let acknowledged = false;
  let restored = false;
  for (const e of result.log) {
    switch (e.kind) {
      case 'start':
        add(e.t, e.machine === 'incident' ? `incident opened: ${e.note}` : `change: ${e.note}`);
        break;
      case 'step': {
        if (e.machine !== 'incident') break;
        if (!detected && e.tags.includes('detected')) {
          detected = true;
          add(e.t, `detected: ${EVENT_NOTES[e.event] ?? e.event}`);
        }
        if (!acknowledged && e.tags.includes('acknowledged')) {
          acknowledged = true;
          add(e.t, 'acknowledged by a responder');
        }
        if (e.event === 'DECLARED_MAJOR') add(e.t, 'major incident declared');
        if (e.event === 'CONTAINED') add(e.t, 'the threat is contained');
        if (e.event === 'FIX_FAILED') add(e.t, 'the fix did not hold');
        const now = e.tags.includes('restored');
        if (now && !restored) add(e.t, 'service restored');
        if (!now && restored) add(e.t, 'the problem is back: reopened');
        restored = now;
        if (e.to === 'closed') add(e.t, 'incident closed');
        break;
      }
      case 'stage':
        add(e.t, e.happened ? `attacker: ${e.label}` : `attacker stopped before: ${e.label}`);
        break;
      case 'decision':
        add(e.t, `decision ${e.point}: ${e.index} ${e.label}`);
        break;
      case 'inject':
        add(e.t, `inject ${e.id}`);
        break;
      default:
        break;
    }
  }
  return out;
}

function record(setup: Setup, profile: Profile, result: SimResult): RunRecord {
  return {
    profile,
    result,
    metrics: metricsOf(result, setup.scenario, costPerMinute(setup.scenario, setup.calibration, profile)),
    rows: timelineRows(result.log, result.calendar),
    milestones: milestones(result),
  };
}

/** The event the incident took next from the decision's state, in words. */
function outcomeOf(result: SimResult, request: DecisionRequest): string | undefined {
  const step = result.log.find((e) => e.kind === 'step' && e.machine === 'incident' && e.t >= request.t && e.from === request.point.at);
  if (step?.kind !== 'step') return undefined;
  const same = request.options.filter((o) => request.point.options.find((p) => p.id === o.id)?.event === step.event);
  const like = same.length === 1 ? ` (as option ${same[0]!.index}, ${same[0]!.label})` : '';
  return `${EVENT_NOTES[step.event] ?? step.event}${like}`;
}

/**
 * The room's choices carried over to another run (carryOverRule): matched by decision id
 * and occurrence; where not open, or never faced, the calibrated behaviour. `override`
 * replaces the room's choice at one of its decisions (by index), for what-ifs.
 */
function carryPolicy(room: readonly TakenDecision[], out?: ReplayDecision[], override?: { index: number; option: string }): DecisionPolicy {
  const seen = new Map<string, number>();
  return (request) => {
    const n = seen.get(request.point.id) ?? 0;
    seen.set(request.point.id, n + 1);
    const same = room.filter((d) => d.request.point.id === request.point.id);
    const taken = same[n];
    const wanted = taken && override && room.indexOf(taken) === override.index ? override.option : taken?.chosen.id;
    const here = wanted !== undefined ? request.options.find((o) => o.id === wanted) : undefined;
    const newlyOpen = request.options.filter((o) => o.open && taken?.request.options.find((r) => r.id === o.id)?.open === false);
    const base = { request, newlyOpen, ...(taken ? { room: taken.chosen } : {}) };
    if (here?.open) {
      out?.push({ ...base, how: 'carried', chosen: here });
      return here.id;
    }
    out?.push({ ...base, how: 'calibrated' });
    return null;
  };
}

const DEFINITION =
  'A strategy takes one option at each decision point the first time it is asked (the calibrated behaviour where that option is not open, and when the point comes up again). ' +
  'Each is run over the same seeded replications (the session\'s seed, replications 0 to R-1); the best has the lowest mean cost ' +
  '(disruption times the cost per minute, plus attacker losses), then the lowest mean MTTR.';

const searchCache = new WeakMap<Play, Map<string, { here: SearchResult; up?: SearchResult; gaps: ImprovementItem[] }>>();

export interface AfterActionOptions {
  /** Seeded runs per strategy and per probe (default SEARCH_RUNS). */
  searchRuns?: number;
}

/** The after-action review of a finished play: the story, the replays and searches, the exercise's results, the improvement plan. */
export function afterAction(p: Play, rec: SessionRecord = emptyRecord(p.choices), opts: AfterActionOptions = {}): AfterAction {
  if (p.pending) throw new Error('afterAction: the exercise has not reached its end');
  const setup = p.setup;
  const sc = setup.scenario;
  const ctx: SearchContext = { scenario: sc, calibration: setup.calibration, seed: setup.seed, runs: opts.searchRuns ?? SEARCH_RUNS };
  const up = nextLevel(setup.profile);
  const atTop = canonicalProfile(up) === canonicalProfile(setup.profile);
  const run = (profile: Profile, policy: DecisionPolicy) => simulate(sc, profile, { seed: setup.seed, replication: setup.replication, calibration: setup.calibration, policy });

  let replay: AfterAction['replay'];
  if (!atTop) {
    const decisions: ReplayDecision[] = [];
    const result = run(up, carryPolicy(p.decisions, decisions));
    for (const d of decisions) {
      if (d.how === 'calibrated') {
        const outcome = outcomeOf(result, d.request);
        if (outcome) d.outcome = outcome;
      }
    }
    replay = { ...record(setup, up, result), decisions };
  }

  const roomRun = record(setup, setup.profile, p.result);
  const consequences = p.decisions.map((d, index): Consequence => {
    const next = p.decisions[index + 1]?.request.t ?? Infinity;
    const rate = costPerMinute(sc, setup.calibration, setup.profile);
    return {
      decision: d,
      followed: roomRun.milestones.filter((m) => m.t >= d.request.t && m.t <= next && !m.text.startsWith('decision ') && !m.text.startsWith('inject ')),
      alternatives: d.request.options
        .filter((o) => o.open && o.id !== d.chosen.id)
        .map((option) => ({ option, metrics: metricsOf(run(setup.profile, carryPolicy(p.decisions, undefined, { index, option: option.id })), sc, rate) })),
    };
  });

  const roomChoices = roomStrategy(p.decisions.map((d) => ({ point: d.request.point.id, option: d.chosen.id })));
  // The searches depend on the play alone: the facilitator's scores and lessons change
  // nothing in them, so they are computed once per play (and run count).
  const key = `${ctx.runs}`;
  let searches = searchCache.get(p)?.get(key);
  if (!searches) {
    searches = { here: searchBest(ctx, setup.profile, roomChoices), ...(atTop ? {} : { up: searchBest(ctx, up, roomChoices) }), gaps: decisionGaps(p, ctx, roomChoices) };
    if (!searchCache.has(p)) searchCache.set(p, new Map());
    searchCache.get(p)!.set(key, searches);
  }
  const here = searches.here;
  const upSearch = searches.up;
  const points = pointReviews(p, here, upSearch);
  const exercise = sc.exercise ? exerciseReview(p, rec) : undefined;
  const improvement = improvementPlan(p, rec, exercise, ctx, searches.gaps).map((item) => ({ ...item, ...rec.owners[item.id] }));
  const { strengths, areas } = strengthsAndAreas(p, points, here, exercise, rec);

  return {
    setup,
    choices: p.choices,
    names: metricsFor(sc),
    record: rec,
    room: { ...roomRun, decisions: p.decisions, unanswerable: p.unanswerable, consequences },
    ...(replay ? { replay } : {}),
    atTop,
    carryOver: carryOverRule(canonicalProfile(up)),
    search: { here, ...(upSearch ? { up: upSearch } : {}), definition: DEFINITION },
    points,
    ...(exercise ? { exercise } : {}),
    strengths,
    areas,
    improvement,
  };
}

const labelOf = (p: Play, point: string, id: string) => p.setup.scenario.decisions.find((d) => d.id === point)?.options.find((o) => o.id === id)?.label ?? id;

function pointReviews(p: Play, here: SearchResult, up: SearchResult | undefined): PointReview[] {
  return p.setup.scenario.decisions.flatMap((point): PointReview[] => {
    const taken = p.decisions.find((d) => d.request.point.id === point.id);
    const askedHere = point.id in here.best.asked;
    const askedUp = up && point.id in up.best.asked;
    if (!taken && !askedHere && !askedUp) return [];
    const best = (s: SearchResult) => ({ id: s.best.strategy[point.id]!, label: labelOf(p, point.id, s.best.strategy[point.id]!), open: s.best.asked[point.id] ?? false });
    const review: PointReview = { point: point.id };
    if (taken) review.room = taken.chosen;
    if (askedHere) review.best = best(here);
    if (up) {
      const roomOpenUp = taken ? (up.room.asked[point.id] ?? false) : false;
      const b = askedUp ? best(up) : undefined;
      const wasOpen = taken?.request.options.find((o) => o.id === b?.id)?.open ?? false;
      review.up = { roomOpen: roomOpenUp, ...(b ? { best: { ...b, newlyOpen: b.open && !wasOpen && Boolean(taken) } } : {}) };
    }
    return [review];
  });
}

function exerciseReview(p: Play, rec: SessionRecord): ExerciseReview {
  const sc = p.setup.scenario;
  const log = p.result.log;
  const expectations = expectationStates(sc, log, rec.scores);
  const starts = moduleStarts(sc, log);
  const notes = [...rec.notes].sort((a, b) => a.t - b.t);
  const modules = (sc.exercise?.modules ?? []).map((module) => {
    const i = starts.findIndex((s) => s.module === module);
    const t = starts[i]?.t;
    const end = starts[i + 1]?.t ?? Infinity;
    return { module, ...(t !== undefined ? { t } : {}), notes: t === undefined ? [] : notes.filter((n) => n.t >= t && n.t < end) };
  });
  const first = starts[0]?.t ?? Infinity;
  return { objectives: objectiveResults(sc, expectations), expectations, modules, notes: notes.filter((n) => n.t < first), lessons: [...rec.lessons] };
}

const money = (x: number) => formatMetric('cost', x);
const mins = (x: number) => formatMetric('mttr', x);

function strengthsAndAreas(p: Play, points: PointReview[], here: SearchResult, ex: ExerciseReview | undefined, rec: SessionRecord) {
  const strengths: string[] = [];
  const areas: string[] = [];
  const prof = canonicalProfile(p.setup.profile);
  for (const r of points) {
    if (!r.room || !r.best) continue;
    if (r.room.id === r.best.id) strengths.push(`Decision ${r.point}: the room took "${r.room.label}", the best choice open at profile ${prof}.`);
    else
      areas.push(
        `Decision ${r.point}: the room took "${r.room.label}"; "${r.best.label}" does better at profile ${prof} ` +
          `(best choices: mean cost ${money(here.best.cost)}, MTTR ${mins(here.best.mttr)}; the room's: ${money(here.room.cost)}, ${mins(here.room.mttr)}, over ${here.runs} runs).`,
      );
  }
  for (const s of ex?.expectations ?? []) {
    const who = s.team?.name ?? s.expectation.team;
    if (s.status === 'success') strengths.push(`${who}: ${s.expectation.text} (scored ${s.score}, expected ${s.expectation.score}).`);
    if (s.status === 'partial' || s.status === 'failed') areas.push(`${who}: ${s.expectation.text} (${s.status}: scored ${s.score}, expected ${s.expectation.score}).`);
  }
  for (const l of rec.lessons) (l.kind === 'strength' ? strengths : areas).push(`${l.text} (lessons learned, ${l.category}${l.by ? `, ${l.by}` : ''}).`);
  return { strengths, areas };
}

/** Share of runs in which an expectation must be met in time for a level to count as removing the gap (judgement: "reliably", 004 4.2's consistency). */
export const RELIABLE = 0.8;

/**
 * The improvement plan: one item per gap, with the maturity domain and the level that
 * removes it, found by replaying the story with one domain raised (the others as the
 * room's profile), smallest raise first:
 * - a decision option that was not open to the room: the smallest raise that opens it
 *   at the same decision; an item only if, at that profile, taking it beats the room's
 *   own choices over the seeded runs;
 * - an expectation scored partial or failed: its domain (or its team's); with a `check`,
 *   the lowest level at which the simulation meets the check in time in at least
 *   RELIABLE of the seeded runs (the organization doing what it usually does);
 * - an improvement from the lessons-learned round: its domain, if given (no level: the
 *   simulation does not measure it).
 */
function improvementPlan(p: Play, rec: SessionRecord, ex: ExerciseReview | undefined, ctx: SearchContext, gaps: readonly ImprovementItem[]): ImprovementItem[] {
  const items: ImprovementItem[] = [...gaps];
  const prof = p.setup.profile;
  for (const s of ex?.expectations ?? []) {
    if (s.status !== 'partial' && s.status !== 'failed') continue;
    const x = s.expectation;
    const domain = domainOf(x, s.team);
    const base = { id: `expectation:${x.id}`, source: 'expectation' as const, gap: `${s.team?.name ?? x.team}: ${x.text} (${s.status}, scored ${s.score} of ${x.score} expected).` };
    if (!domain) {
      items.push({ ...base, evidence: 'no maturity domain: give the expectation a `domain` to place it' });
      continue;
    }
    if (!x.check) {
      items.push({ ...base, domain, evidence: 'not measured by the simulation (the expectation has no `check`): the owner sets the level' });
      continue;
    }
    let found: { level: Level; share: number } | undefined;
    let current = 0;
    for (let level = prof[domain]; level <= 5; level++) {
      const share = checkShare(ctx, { ...prof, [domain]: level as Level }, x.id);
      if (level === prof[domain]) current = share;
      if (share >= RELIABLE) {
        found = { level: level as Level, share };
        break;
      }
    }
    const pct = (x: number) => `${Math.round(x * 100)}%`;
    if (found && found.level === prof[domain]) items.push({ ...base, domain, evidence: `the simulation meets it in time in ${pct(found.share)} of ${ctx.runs} runs at the room's own level: practice, not maturity, closes this gap` });
    else if (found) items.push({ ...base, domain, level: found.level, evidence: `met in time in ${pct(found.share)} of ${ctx.runs} runs with ${domain} at level ${found.level} (${pct(current)} at ${prof[domain]})` });
    else items.push({ ...base, domain, evidence: `not met in time in ${pct(RELIABLE)} of runs at any level of ${domain} up to 5: the gap is not one of ${domain}'s maturity` });
  }
  rec.lessons.forEach((l, i) => {
    if (l.kind !== 'improvement') return;
    items.push({ id: `lesson:${i + 1}`, source: 'lesson', gap: l.text, ...(l.domain ? { domain: l.domain } : {}), evidence: 'from the lessons-learned round (not measured by the simulation)' });
  });
  return items;
}

/** The decision gaps of the improvement plan (they depend on the play alone). */
function decisionGaps(p: Play, ctx: SearchContext, room: Strategy): ImprovementItem[] {
  const items: ImprovementItem[] = [];
  const prof = p.setup.profile;
  const done = new Set<string>();
  p.decisions.forEach((d, index) => {
    for (const o of d.request.options.filter((x) => !x.open)) {
      const id = `decision:${d.request.point.id}:${o.id}`;
      if (done.has(id)) continue;
      done.add(id);
      const opening = raises(prof).find((r) => opensAt(p, index, o.id, r.profile));
      if (!opening) continue;
      const withIt = scoreStrategy(ctx, opening.profile, { ...room, [d.request.point.id]: o.id });
      const without = scoreStrategy(ctx, opening.profile, room);
      if (better(withIt, without) >= 0) continue;
      items.push({
        id,
        source: 'decision',
        gap: `At ${d.request.point.id}, "${o.label}" was not open (${o.reason ?? 'not open at this profile'}).`,
        domain: opening.domain,
        level: opening.level,
        evidence:
          `${opening.domain} at level ${opening.level} opens it at the same decision; there, taking it beats the room's choices over ${withIt.runs} runs ` +
          `(mean cost ${money(withIt.cost)} against ${money(without.cost)}, MTTR ${mins(withIt.mttr)} against ${mins(without.mttr)}).`,
      });
    }
  });
  return items;
}

/** Whether option `option` is open when the room's decision `index` comes up again at `profile` (the room's earlier choices carried over). */
function opensAt(p: Play, index: number, option: string, profile: Profile): boolean {
  const target = p.decisions[index]!;
  const occurrence = p.decisions.slice(0, index).filter((d) => d.request.point.id === target.request.point.id).length;
  let open = false;
  const carry = carryPolicy(p.decisions);
  let n = 0;
  const policy: DecisionPolicy = (request) => {
    if (request.point.id === target.request.point.id && n++ === occurrence) {
      open = request.options.some((o) => o.id === option && o.open);
      return undefined; // stop here: the rest of the story does not matter
    }
    return carry(request);
  };
  simulate(p.setup.scenario, profile, { seed: p.setup.seed, replication: p.setup.replication, calibration: p.setup.calibration, policy });
  return open;
}

/** Share of the seeded runs at `profile` (calibrated behaviour) in which expectation `id`'s check is met in time. */
function checkShare(ctx: SearchContext, profile: Profile, id: string): number {
  let met = 0;
  let runs = 0;
  meanOver(ctx, profile, () => undefined, (result) => {
    runs++;
    const s = expectationStates(ctx.scenario, result.log, {}).find((x) => x.expectation.id === id);
    if (s?.check?.inTime) met++;
  });
  return runs ? met / runs : 0;
}
