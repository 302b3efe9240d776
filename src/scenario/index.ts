// Scenarios: the YAML format, checked in three steps (schema, defaults, rules) that
// report every problem at once with file, line and field path, and turned into the
// engine's Scenario type. The exercise plan's part of the format is in ./exercise.ts, the
// authoring warnings (what no path reaches) in ./reach.ts, the skeleton `imsim new
// scenario` writes in ./skeleton.ts. Pure: callers read the files. May import model,
// calibration, machines, sim (types and constants; reach.ts also runs the engine and the
// compiled tables) and util.
import { z } from 'zod';
import { incidentWorkflow, statePaths, staticTransitions } from '../../machines/index.js';
import { BOUNDS, checkDist, crossRules, readable, readDist, type Calibration, type Dist } from '../calibration/index.js';
import { DOMAINS, type Domain, type Level } from '../model/index.js';
import { parseWallClock } from '../sim/environment/calendar.js';
import { ATTACK_FLAGS, SIGNALS, type Scenario, type Timing } from '../sim/scenario.js';
import { UserError, didYouMean, lineOf, parseYaml, zodProblems, patchToSchema, nearPatch, type Path, type Problem } from '../util/index.js';
import { exerciseSchema, injectSchema, readExercise } from './exercise.js';
import { reachWarnings } from './reach.js';

// ---- step 1: schema ------------------------------------------------------------------------

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const fraction = finite.refine((n) => n >= 0 && n <= 1, 'must be between 0 and 1');
const text = z.string().trim().min(1, 'must not be empty');

/** A duration: a number (fixed minutes), a calibration parameter, or a distribution with its reason. */
const timing = z.union([
  finite,
  z.strictObject({ param: text }),
  z.strictObject({
    fixed: finite.optional(),
    pert: z.tuple([finite, finite, finite]).optional(),
    lognormal90: z.tuple([finite, finite]).optional(),
    why: text.optional(),
  }),
]);
const signal = z.enum(SIGNALS);
const level = z.number().int().min(1, 'a level is 1 to 5').max(5, 'a level is 1 to 5');

const overrideValue = z.strictObject({
  fixed: finite.optional(),
  p: finite.optional(),
  pert: z.tuple([finite, finite, finite]).optional(),
  lognormal90: z.tuple([finite, finite]).optional(),
  why: text,
});

export const scenarioSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'an id is lowercase words joined by hyphens'),
  title: text,
  source: z.strictObject({ seed: z.string().regex(/^\d{3}$/, 'a seed is its three-digit file prefix, e.g. "000"'), section: text }),
  toldAt: level,
  anecdote: text,
  kind: z.enum(['operational', 'security', 'change']),
  urgent: z.boolean().optional(),
  onset: z.string(),
  service: z.strictObject({
    name: text,
    impact: fraction,
    costPerMinute: finite
      .refine((n) => n >= 0, 'cannot be negative')
      .refine((n) => n <= BOUNDS.usdPerMinute.value, `at most $${readable(BOUNDS.usdPerMinute.value)} a minute: ${BOUNDS.usdPerMinute.why}`)
      .optional(),
    costPerHour: finite
      .refine((n) => n >= 0, 'cannot be negative')
      .refine((n) => n <= BOUNDS.usdPerMinute.value * 60, `at most $${readable(BOUNDS.usdPerMinute.value * 60)} an hour: ${BOUNDS.usdPerMinute.why}`)
      .optional(),
    costSource: text.optional(),
    standby: z.boolean().default(false),
  }),
  fault: z
    .strictObject({
      selfHealable: z.boolean().default(false),
      recurring: z.boolean().default(false),
      phases: z
        .array(z.strictObject({ name: text, after: timing.optional(), impact: fraction, signals: z.array(signal).default([]) }))
        .min(1, 'a fault needs at least one phase'),
    })
    .optional(),
  attack: z
    .strictObject({
      recurring: z.boolean().default(false),
      signals: z.array(signal).default([]),
      stages: z.array(
        z.strictObject({
          id: z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'a stage id is one camelCase word'),
          label: text,
          after: timing,
          flag: z.enum(ATTACK_FLAGS).optional(),
          signals: z.array(signal).default([]),
          loss: z
            .union([
              finite
                .refine((n) => n >= 0, 'cannot be negative')
                .refine((n) => n <= BOUNDS.usd.value, `at most $${readable(BOUNDS.usd.value)}: ${BOUNDS.usd.why}`),
              z.literal('breach'),
            ])
            .default(0),
          startsFault: z.boolean().default(false),
        }),
      ),
    })
    .optional(),
  change: z
    .strictObject({
      role: z.enum(['cause', 'subject']),
      at: finite
        .refine(
          (n) => Math.abs(n) <= BOUNDS.minutes.value,
          `a change is made at most ${readable(BOUNDS.minutes.value)} minutes (a year) from the onset: its defect is what the incident is about, so it is recent`,
        )
        .default(0),
      standard: z.boolean().default(false),
      emergency: z.boolean().default(false),
      defect: fraction.optional(),
    })
    .optional(),
  remediation: z.strictObject({ via: z.enum(['fix', 'change', 'backup']).default('fix'), emergency: z.boolean().default(false) }).default({ via: 'fix', emergency: false }),
  overrides: z.record(z.string(), overrideValue).default({}),
  injects: z.array(injectSchema).default([]),
  decisions: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'an id is lowercase words joined by hyphens'),
        at: text,
        prompt: text,
        team: z.string().optional(),
        options: z
          .array(
            z.strictObject({
              id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'an id is lowercase words joined by hyphens'),
              label: text,
              event: text,
              after: timing.optional(),
              requires: z.partialRecord(z.enum(DOMAINS), level).default({}),
              why: text.optional(),
              change: z.strictObject({ emergency: z.boolean().optional(), standard: z.boolean().optional() }).optional(),
            }),
          )
          .min(2, 'a decision needs at least two options'),
      }),
    )
    .default([]),
  // ---- the exercise plan (optional; tabletops only): see ./exercise.ts ----
  exercise: exerciseSchema.optional(),
});

export type ScenarioFile = z.output<typeof scenarioSchema>;

// ---- step 3: rules ---------------------------------------------------------------------------

type Raw = z.output<typeof timing>;

function toTiming(raw: Raw, where: Path, cal: Calibration, report: (p: Path, m: string) => void): Timing | undefined {
  if (typeof raw === 'number') {
    const dist: Dist = { kind: 'fixed', value: raw };
    const wrong = checkDist(dist, 'minutes');
    if (wrong) report(where, wrong);
    return { dist };
  }
  if ('param' in raw) {
    const params = [...new Set(cal.entries.map((e) => e.param))];
    if (!params.includes(raw.param)) {
      report([...where, 'param'], `unknown calibration parameter "${raw.param}"${didYouMean(raw.param, params)}`);
      return undefined;
    }
    const unit = cal.entries.find((e) => e.param === raw.param)!.unit;
    if (unit !== 'minutes') report([...where, 'param'], `"${raw.param}" is in ${unit}, not minutes`);
    return { param: raw.param };
  }
  const { why, ...fields } = raw;
  const dist = readDist(fields, 'minutes');
  if (typeof dist === 'string') {
    report(where, dist);
    return undefined;
  }
  if (!why && dist.kind !== 'fixed') report(where, 'a distribution of the scenario needs a `why` (its source or reasoning)');
  return { dist, ...(why ? { why } : {}) };
}

/** Parses, fills defaults and checks the rules; throws one UserError listing every problem. */
export function parseScenario(source: string, file: string, cal: Calibration): Scenario {
  return readScenario(source, file, cal).scenario;
}

/**
 * What `imsim validate` runs: parseScenario, then the authoring warnings (decisions and
 * injects no path reaches, ./reach.ts), each with file, line and path. Warnings leave
 * the file valid.
 */
export function checkScenario(source: string, file: string, cal: Calibration): { scenario: Scenario; warnings: Problem[] } {
  const { scenario, src } = readScenario(source, file, cal);
  const warnings = reachWarnings(scenario, cal).map((w) => ({ file, line: lineOf(src, w.path), path: w.path.join('.'), message: w.message }));
  return { scenario, warnings };
}

function readScenario(source: string, file: string, cal: Calibration): { scenario: Scenario; src: ReturnType<typeof parseYaml> } {
  const src = parseYaml(source, file);
  // One problem for an empty file, rather than one per missing required field.
  if (src.data === null || src.data === undefined) {
    const required = Object.entries(scenarioSchema.shape).filter(([, f]) => !f.safeParse(undefined).success).map(([k]) => k);
    throw new UserError([{ file, line: 1, message: `the file is empty: a scenario needs at least ${required.join(', ')} and a fault or an attack` }]);
  }
  if (typeof src.data !== 'object' || Array.isArray(src.data)) {
    throw new UserError([{ file, line: 1, message: 'a scenario file is a mapping of fields (id, title, source, ...), not a single value or a list' }]);
  }
  const parsed = scenarioSchema.safeParse(src.data);
  // Every problem at once: where the schema refuses a value, the rules still run on the
  // rest (the refused values stood in for); what they say about a stand-in is not told.
  const problems: Problem[] = parsed.success ? [] : zodProblems(src, parsed.error.issues, scenarioSchema);
  const patch = parsed.success ? { value: parsed.data, patched: [] } : patchToSchema(scenarioSchema, src.data);
  if (!patch) throw new UserError(problems);
  const s = patch.value;
  const report = (path: Path, message: string) => {
    if (!nearPatch(path, patch.patched, message)) problems.push({ file, line: lineOf(src, path), path: path.join('.'), message });
  };

  if (parseWallClock(s.onset) === undefined) report(['onset'], `"${s.onset}" is not a weekday and time such as "Mon 22:00"`);
  if (!s.fault && !s.attack) report([], 'a scenario needs a fault or an attack');
  if (s.change && s.attack) report(['attack'], 'a change scenario follows the fault its change causes: no attack beside it');
  if (s.change && !s.fault) report(['change'], 'a change scenario needs the fault its defect causes');
  if (s.change?.role === 'cause' && s.change.at > 0) report(['change', 'at'], 'a causing change is made at or before the onset (zero or negative minutes)');
  if (s.change?.role === 'cause' && s.change.defect !== undefined) report(['change', 'defect'], 'only a subject change has a defect chance; a causing change is defective by premise');
  if (s.kind === 'security' && !s.attack) report(['kind'], 'a security scenario needs an attack');
  if (s.kind === 'change' && !s.change) report(['kind'], 'a change scenario needs a change');

  const phases = (s.fault?.phases ?? []).map((p, i) => {
    if (i === 0 && p.after !== undefined) report(['fault', 'phases', 0, 'after'], 'the first phase starts with the fault: no `after`');
    if (i > 0 && p.after === undefined) report(['fault', 'phases', i], 'a later phase needs `after`: minutes after the previous phase');
    const after = p.after === undefined ? undefined : toTiming(p.after, ['fault', 'phases', i, 'after'], cal, report);
    return { name: p.name, impact: p.impact, signals: p.signals, ...(after ? { after } : {}) };
  });
  const flags = new Set<string>();
  const stageIds = new Set<string>();
  const stages = (s.attack?.stages ?? []).map((st, i) => {
    // Timelines and the tabletop name a stage by its id: two alike could not be told apart.
    if (stageIds.has(st.id)) report(['attack', 'stages', i, 'id'], `stage id "${st.id}" is used twice`);
    stageIds.add(st.id);
    if (st.flag) {
      if (flags.has(st.flag)) report(['attack', 'stages', i, 'flag'], `flag "${st.flag}" is already set by an earlier stage`);
      flags.add(st.flag);
    }
    if (st.startsFault && !s.fault) report(['attack', 'stages', i, 'startsFault'], 'startsFault needs a fault: the phases this stage sets off');
    if (st.startsFault && s.attack!.stages.findIndex((x) => x.startsFault) < i) report(['attack', 'stages', i, 'startsFault'], 'only one stage can start the fault');
    const after = toTiming(st.after, ['attack', 'stages', i, 'after'], cal, report);
    return {
      id: st.id,
      label: st.label,
      after: after ?? { param: 'attacker.breakoutTime' },
      signals: st.signals,
      loss: st.loss,
      ...(st.flag ? { flag: st.flag } : {}),
      ...(st.startsFault ? { startsFault: true } : {}),
    };
  });

  const keys = [...cal.byKey.keys()];
  const params = [...new Set(cal.entries.map((e) => e.param))];
  const overrides: Record<string, Dist> = {};
  for (const [key, value] of Object.entries(s.overrides)) {
    if (!cal.byKey.has(key) && !params.includes(key)) {
      report(['overrides', key], `unknown calibration parameter${didYouMean(key, [...params, ...keys])}`);
      continue;
    }
    const entry = (cal.byKey.get(key) ?? cal.entries.find((e) => e.param === key))!;
    const { why: _why, ...fields } = value;
    const d = readDist(fields, entry.unit, entry);
    if (typeof d === 'string') report(['overrides', key], d);
    else overrides[key] = d;
  }
  // The table's rules across entries hold for the values this story runs with too.
  // A key such as serviceDesk.ackDelay.L1 takes the story's value for that key, or for its parameter.
  const paramOf = (k: string) => k.replace(/\.L\d$/, '');
  for (const rule of crossRules((k) => overrides[k] ?? overrides[paramOf(k)] ?? cal.byKey.get(k)?.dist)) {
    const key = rule.keys.map((k) => (k in overrides ? k : paramOf(k))).find((k) => k in overrides);
    if (key) report(['overrides', key], rule.message);
  }

  // Decisions must sit on incident states and offer events that state can take.
  const states = statePaths(incidentWorkflow.machine);
  const transitions = staticTransitions(incidentWorkflow.machine);
  const within = (key: string, path: string) => key === path || key.startsWith(`${path}.`);
  const decisions = s.decisions.map((d, i) => {
    if (!states.includes(d.at)) report(['decisions', i, 'at'], `unknown incident state "${d.at}"${didYouMean(d.at, states)}`);
    const available = new Set(transitions.filter((t) => t.event !== 'always' && within(d.at, t.source)).map((t) => t.event));
    const inside = states.filter((k) => k.startsWith(`${d.at}.`));
    // A parent state takes no event of its own here: the room decides in one of its states.
    if (states.includes(d.at) && available.size === 0 && inside.length) report(['decisions', i, 'at'], `${d.at} is a parent state: a decision sits on one of its states (${inside.join(', ')})`);
    const ids = new Set<string>();
    const options = d.options.map((o, j) => {
      if (ids.has(o.id)) report(['decisions', i, 'options', j, 'id'], `option id "${o.id}" is used twice`);
      ids.add(o.id);
      if (states.includes(d.at) && available.size > 0 && !available.has(o.event)) {
        report(['decisions', i, 'options', j, 'event'], `${d.at} has no transition on "${o.event}"${didYouMean(o.event, [...available])}; it takes ${[...available].join(', ')}`);
      }
      if (Object.keys(o.requires).length && !o.why) report(['decisions', i, 'options', j], 'an option with `requires` needs `why`, shown when it is greyed out');
      if (o.change && s.remediation.via !== 'change') report(['decisions', i, 'options', j, 'change'], 'change facts only apply when remediation.via is change');
      const after = o.after === undefined ? undefined : toTiming(o.after, ['decisions', i, 'options', j, 'after'], cal, report);
      return {
        id: o.id,
        label: o.label,
        event: o.event,
        requires: o.requires as Partial<Record<Domain, Level>>,
        ...(after ? { after } : {}),
        ...(o.why ? { why: o.why } : {}),
        ...(o.change ? { change: o.change } : {}),
      };
    });
    return { id: d.id, at: d.at, prompt: d.prompt, options, ...(d.team !== undefined ? { team: d.team } : {}) };
  });
  const decisionIds = new Set<string>();
  s.decisions.forEach((d, i) => {
    if (decisionIds.has(d.id)) report(['decisions', i, 'id'], `decision id "${d.id}" is used twice`);
    decisionIds.add(d.id);
  });

  const plan = readExercise(s.injects, s.exercise, { stages: [...stageIds], phases: phases.map((p) => p.name), decisions: s.decisions }, report);

  // In file order, schema and rule problems together.
  if (problems.length) throw new UserError(problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)));
  const scenario: Scenario = {
    id: s.id,
    title: s.title,
    source: s.source,
    toldAt: s.toldAt as Level,
    anecdote: s.anecdote,
    kind: s.kind,
    ...(s.urgent !== undefined ? { urgent: s.urgent } : {}),
    onset: s.onset,
    service: {
      name: s.service.name,
      impact: s.service.impact,
      standby: s.service.standby,
      ...(s.service.costPerMinute !== undefined ? { costPerMinute: s.service.costPerMinute } : {}),
      ...(s.service.costPerHour !== undefined ? { costPerHour: s.service.costPerHour, costSource: s.service.costSource! } : {}),
    },
    ...(s.fault ? { fault: { phases, selfHealable: s.fault.selfHealable, recurring: s.fault.recurring } } : {}),
    ...(s.attack ? { attack: { signals: s.attack.signals, stages, recurring: s.attack.recurring } } : {}),
    ...(s.change
      ? { change: { role: s.change.role, at: s.change.at, standard: s.change.standard, emergency: s.change.emergency, ...(s.change.defect !== undefined ? { defect: s.change.defect } : {}) } }
      : {}),
    remediation: s.remediation,
    overrides,
    injects: plan.injects,
    decisions,
    ...(plan.exercise ? { exercise: plan.exercise } : {}),
  };
  return { scenario, src };
}
