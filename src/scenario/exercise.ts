// The exercise plan of a scenario file: what a tabletop needs beyond the story. All of it
// is optional, so a scenario without it is a scenario as before. The schema (step 1) and
// the rules across fields (step 3) live here; ../scenario/index.ts wires them in beside
// the story's own, so every problem is still reported at once with file, line and path.
// Pure: imports zod, the machines (state names, tags, events), sim types and util.
import { z } from 'zod';
import { changeWorkflow, incidentWorkflow, statePaths } from '../../machines/index.js';
import { BOUNDS, readable } from '../calibration/index.js';
import { DOMAINS, type Domain } from '../model/index.js';
import { machineTags } from '../sim/lifecycles/compile.js';
import { TEMPLATE_FIELDS, templateFields } from '../sim/world/injects.js';
import {
  SIGNALS,
  TEAM_ROLES,
  type Condition,
  type ExercisePlan,
  type Expectation,
  type Inject,
  type LessonCategory,
  type Team,
} from '../sim/scenario.js';
import { didYouMean, type Path } from '../util/index.js';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const minutes = finite
  .refine((n) => n >= 0, 'cannot be negative')
  .refine((n) => n <= BOUNDS.minutes.value, `at most ${readable(BOUNDS.minutes.value)} minutes (a year) after the onset: an inject arrives while the exercise's incident can still be open`);
const text = z.string().trim().min(1, 'must not be empty');
const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'an id is lowercase words joined by hyphens');

/** Something the simulation reaches (see `Condition` in src/sim/scenario.ts). */
export const conditionSchema = z.union([
  z.strictObject({ tag: text }),
  z.strictObject({ state: text }),
  z.strictObject({ event: text }),
  z.strictObject({ stage: text }),
  z.strictObject({ phase: text }),
  z.strictObject({ inject: id }),
  z.strictObject({ decision: id, option: id.optional() }),
]);

/** The expected score when a file gives none: OpenAEV's default, full marks. */
export const DEFAULT_EXPECTED_SCORE = 100;
/** Scores run from 0 to this (OpenAEV's scale). */
export const MAX_SCORE = 100;

const expectationSchema = z.strictObject({
  id,
  team: id.optional(),
  text,
  score: z.number().int().min(1, 'an expected score is 1 to 100').max(MAX_SCORE, 'an expected score is 1 to 100').default(DEFAULT_EXPECTED_SCORE),
  within: finite.refine((n) => n > 0, 'must be more than 0 minutes').optional(),
  who: z.enum(['one', 'all']).default('one'),
  domain: z.enum(DOMAINS).optional(),
  check: conditionSchema.optional(),
});

/** An inject: timed (`at`) or triggered (`when`), addressed to teams, with expectations. */
export const injectSchema = z.strictObject({
  id: id.optional(),
  at: minutes.optional(),
  when: conditionSchema.optional(),
  after: minutes.optional(),
  presumes: conditionSchema.optional(),
  to: z.array(id).default([]),
  text,
  signal: z.enum(SIGNALS).optional(),
  expect: z.array(expectationSchema).default([]),
});

export const DEFAULT_LESSONS: LessonCategory[] = [
  {
    id: 'overall',
    title: 'The exercise as a whole',
    questions: ['What worked and should be kept?', 'What should change before a real incident?'],
  },
];

export const exerciseSchema = z.strictObject({
  objectives: z.array(z.strictObject({ id, text, expectations: z.array(id).min(1, 'an objective is shown met by at least one expectation') })).min(1, 'an exercise needs at least one objective'),
  teams: z
    .array(z.strictObject({ id, name: text.optional(), role: z.enum(TEAM_ROLES), members: z.array(text).min(1, 'a team has at least one member').optional() }))
    .min(1, 'an exercise needs at least one team'),
  modules: z.array(z.strictObject({ id, title: text, from: conditionSchema.optional(), questions: z.array(text).min(1, 'a module needs at least one discussion question') })).default([]),
  lessons: z.array(z.strictObject({ id, title: text, questions: z.array(text).min(1, 'a category needs at least one question') })).default(DEFAULT_LESSONS),
});

type InjectFile = z.output<typeof injectSchema>;
type ExerciseFile = z.output<typeof exerciseSchema>;

/** What the rules need from the rest of the file. */
export interface StoryNames {
  stages: readonly string[];
  phases: readonly string[];
  decisions: readonly { id: string; options: readonly { id: string }[]; team?: string | undefined; prompt: string }[];
}

type Report = (path: Path, message: string) => void;

const INCIDENT_STATES = statePaths(incidentWorkflow.machine);
const INCIDENT_TAGS = machineTags(incidentWorkflow.machine);
const EVENTS = [...new Set([...incidentWorkflow.events, ...changeWorkflow.events])];
const FIELDS = Object.keys(TEMPLATE_FIELDS);

/** Checks a template's fields; every unknown one is a problem. */
export function checkTemplate(textValue: string, where: Path, report: Report): void {
  for (const f of templateFields(textValue)) {
    if (!FIELDS.includes(f)) report(where, `unknown field {${f}}${didYouMean(f, FIELDS)}; a template may use ${FIELDS.map((x) => `{${x}}`).join(', ')}`);
  }
}

function checkCondition(c: Condition, where: Path, names: StoryNames, injectIds: readonly string[], report: Report): void {
  const unknown = (field: string, value: string, known: readonly string[], what: string) =>
    report([...where, field], `unknown ${what} "${value}"${didYouMean(value, known)}${known.length ? `; known: ${known.join(', ')}` : `; this scenario has none`}`);
  if ('tag' in c && !INCIDENT_TAGS.includes(c.tag)) unknown('tag', c.tag, INCIDENT_TAGS, 'incident tag');
  if ('state' in c && !INCIDENT_STATES.includes(c.state)) unknown('state', c.state, INCIDENT_STATES, 'incident state');
  if ('event' in c && !EVENTS.includes(c.event)) unknown('event', c.event, EVENTS, 'workflow event');
  if ('stage' in c && !names.stages.includes(c.stage)) unknown('stage', c.stage, names.stages, 'attacker stage');
  if ('phase' in c && !names.phases.includes(c.phase)) unknown('phase', c.phase, names.phases, 'fault phase');
  if ('inject' in c && !injectIds.includes(c.inject)) unknown('inject', c.inject, injectIds, 'inject');
  if ('decision' in c) {
    const d = names.decisions.find((x) => x.id === c.decision);
    if (!d) unknown('decision', c.decision, names.decisions.map((x) => x.id), 'decision');
    else if (c.option !== undefined && !d.options.some((o) => o.id === c.option)) unknown('option', c.option, d.options.map((o) => o.id), `option of ${d.id}`);
  }
}

/**
 * The injects and the exercise plan, checked across fields: ids unique, every team,
 * expectation, stage, state and template field named exists, every inject has one
 * trigger. Problems go to `report`; the result is what the engine and tabletops read.
 */
export function readExercise(
  injects: readonly InjectFile[],
  exercise: ExerciseFile | undefined,
  names: StoryNames,
  report: Report,
): { injects: Inject[]; exercise?: ExercisePlan } {
  const teamIds = (exercise?.teams ?? []).map((t) => t.id);
  const injectIds = injects.map((j, i) => j.id ?? `inject-${i + 1}`);
  const needTeams = (where: Path) => report(where, 'teams are named in `exercise.teams`: this scenario has no exercise plan');

  const seenIds = new Map<string, number>();
  injectIds.forEach((x, i) => {
    if (seenIds.has(x)) report(['injects', i, 'id'], `inject id "${x}" is used twice (first at injects.${seenIds.get(x)})`);
    else seenIds.set(x, i);
  });

  const expectationIds = new Map<string, string>();
  const out = injects.map((j, i): Inject => {
    const at = ['injects', i] as const;
    if (j.at === undefined && j.when === undefined) report([...at], 'an inject needs `at` (minutes from the onset) or `when` (something the simulation reaches)');
    if (j.at !== undefined && j.when !== undefined) report([...at, 'when'], 'give `at` or `when`, not both');
    if (j.after !== undefined && j.when === undefined) report([...at, 'after'], '`after` counts from a `when`; a timed inject puts its time in `at`');
    if (j.when) checkCondition(j.when, [...at, 'when'], names, injectIds, report);
    if (j.presumes) checkCondition(j.presumes, [...at, 'presumes'], names, injectIds, report);
    if (j.when && 'inject' in j.when && j.when.inject === injectIds[i]) report([...at, 'when', 'inject'], 'an inject cannot wait for itself');
    checkTemplate(j.text, [...at, 'text'], report);
    j.to.forEach((team, k) => {
      if (!exercise) needTeams([...at, 'to', k]);
      else if (!teamIds.includes(team)) report([...at, 'to', k], `unknown team "${team}"${didYouMean(team, teamIds)}; teams: ${teamIds.join(', ')}`);
    });
    const expect = j.expect.map((x, k): Expectation => {
      const where = [...at, 'expect', k] as const;
      if (expectationIds.has(x.id)) report([...where, 'id'], `expectation id "${x.id}" is used twice (first at ${expectationIds.get(x.id)})`);
      else expectationIds.set(x.id, `injects.${i}.expect.${k}`);
      let team = x.team;
      if (!exercise) needTeams([...where]);
      else if (team === undefined) {
        if (j.to.length === 1) team = j.to[0]!;
        else report([...where], `which team? the inject is addressed to ${j.to.length ? j.to.join(' and ') : 'no team in particular'}: give \`team\``);
      } else if (!teamIds.includes(team)) report([...where, 'team'], `unknown team "${team}"${didYouMean(team, teamIds)}; teams: ${teamIds.join(', ')}`);
      else if (j.to.length && !j.to.includes(team)) report([...where, 'team'], `team "${team}" is not among the inject's addressees (${j.to.join(', ')})`);
      if (x.check) checkCondition(x.check, [...where, 'check'], names, injectIds, report);
      return {
        id: x.id,
        team: team ?? '',
        text: x.text,
        score: x.score,
        who: x.who,
        ...(x.within !== undefined ? { within: x.within } : {}),
        ...(x.domain ? { domain: x.domain as Domain } : {}),
        ...(x.check ? { check: x.check } : {}),
      };
    });
    return {
      id: injectIds[i]!,
      after: j.after ?? 0,
      to: j.to,
      text: j.text,
      expect,
      ...(j.at !== undefined ? { at: j.at } : {}),
      ...(j.when ? { when: j.when } : {}),
      ...(j.presumes ? { presumes: j.presumes } : {}),
      ...(j.signal ? { signal: j.signal } : {}),
    };
  });

  names.decisions.forEach((d, i) => {
    checkTemplate(d.prompt, ['decisions', i, 'prompt'], report);
    if (d.team === undefined) return;
    if (!exercise) needTeams(['decisions', i, 'team']);
    else if (!teamIds.includes(d.team)) report(['decisions', i, 'team'], `unknown team "${d.team}"${didYouMean(d.team, teamIds)}; teams: ${teamIds.join(', ')}`);
  });

  if (!exercise) return { injects: out };
  const unique = (list: readonly { id: string }[], where: string, what: string) => {
    const seen = new Set<string>();
    list.forEach((x, i) => {
      if (seen.has(x.id)) report(['exercise', where, i, 'id'], `${what} id "${x.id}" is used twice`);
      seen.add(x.id);
    });
  };
  unique(exercise.teams, 'teams', 'team');
  unique(exercise.objectives, 'objectives', 'objective');
  unique(exercise.modules, 'modules', 'module');
  unique(exercise.lessons, 'lessons', 'lessons category');
  const known = [...expectationIds.keys()];
  exercise.objectives.forEach((o, i) =>
    o.expectations.forEach((x, k) => {
      if (!expectationIds.has(x)) report(['exercise', 'objectives', i, 'expectations', k], `unknown expectation "${x}"${didYouMean(x, known)}${known.length ? `; expectations: ${known.join(', ')}` : '; no inject has `expect`'}`);
    }),
  );
  exercise.modules.forEach((m, i) => {
    if (m.from) checkCondition(m.from, ['exercise', 'modules', i, 'from'], names, injectIds, report);
    if (i > 0 && !m.from) report(['exercise', 'modules', i], 'a module after the first needs `from`: when the simulation reaches it');
  });
  const teams: Team[] = exercise.teams.map((t) => ({ id: t.id, name: t.name ?? t.id, role: t.role, members: t.members ?? [t.name ?? t.id] }));
  return {
    injects: out,
    exercise: {
      objectives: exercise.objectives,
      teams,
      modules: exercise.modules.map((m) => ({ id: m.id, title: m.title, questions: m.questions, ...(m.from ? { from: m.from } : {}) })),
      lessons: exercise.lessons,
    },
  };
}
