// Step 1 of checking an organization file: the shape of each section (zod). Bounds come
// from meaning: rates and costs are finite, non-negative and small enough that a year's
// sums stay finite; headcounts are whole people. Cross-references and schedules are
// checked in the rules step (parse.ts), which knows every id.
import { z } from 'zod';
import { DOMAINS } from '../model/index.js';
import { ACTIVITIES, MINUTES_PER_YEAR } from './types.js';

/** Most arrivals a year one template may have: 10 million is about 19 a minute, a call centre's load, not an IT team's. */
export const MAX_PER_YEAR = 10_000_000;
/** Most changes a week: 100,000 is about 10 a minute around the clock. */
export const MAX_CHANGES_PER_WEEK = 100_000;
/** Most dollars an hour of outage can cost: above the revenue per hour of the largest firms, and a year of it (8.8e12) is still exact in a double. */
export const MAX_COST_PER_HOUR = 1e9;
/** Most dollars one improvement step can cost, once or a year. */
export const MAX_IMPROVEMENT_COST = 1e10;
/** Most people on one shift or in one on-call pool: a team larger than this is several teams. */
export const MAX_STAFF = 1000;
export const MAX_ON_CALL = 100;
/** Longest mean work of a `work` template: 30 days; longer work is a project, not a queue. */
export const MAX_WORK_MINUTES = 30 * 24 * 60;
/** Longest change window: a whole week. */
export const MAX_WINDOW_HOURS = 7 * 24;

/** The message for a value that is not a number (`.inf` and `.nan` are numbers to YAML, but not finite). */
const notNumber = (iss: { input?: unknown }) =>
  iss.input === undefined ? undefined : typeof iss.input === 'number' ? 'must be a finite number' : `expected a number, got ${JSON.stringify(iss.input)}`;
const finite = z.number({ error: notNumber }).refine(Number.isFinite, 'must be a finite number');
/** A whole number of people. */
const people = z.number({ error: notNumber }).int('staff is a whole number of people');
const text = z.string().trim().min(1, 'must not be empty');
const bounded = (max: number, what: string) => finite.refine((n) => n >= 0, 'cannot be negative').refine((n) => n <= max, `${what} is at most ${max.toLocaleString('en-US')}`);

/** A source: a published figure, or `judgement: <reason>`. */
export const source = text.refine((s) => !/^judg(e)?ment\s*:?\s*$/i.test(s), 'a judgement needs its reason: "judgement: <why>"');

/** A zod string whose type error says how to write it; a missing field keeps the usual message. */
const written = (how: string) => z.string({ error: (iss) => (iss.input === undefined ? undefined : how) });
const clock = written('a time is written "HH:MM", quoted (e.g. "08:00")');

const level = z.number().int('a level is a whole number').min(1, 'a level is 1 to 5').max(5, 'a level is 1 to 5');

/** A profile: `3`, `change=2,config=1,...`, or a mapping of domains (others take `default`, else 1). */
const profileMapping = z.strictObject({ default: level.optional(), ...Object.fromEntries(DOMAINS.map((d) => [d, level.optional()])) });
export const profileValue = z.union([level, z.string(), profileMapping]);

export const serviceSchema = z.strictObject({
  name: text,
  costPerHour: bounded(MAX_COST_PER_HOUR, 'a cost per hour').optional(),
  costSource: source.optional(),
  toleranceMinutes: finite.refine((n) => n > 0, 'must be more than 0: the business tolerates some disruption, or nothing could meet it').refine((n) => n <= MINUTES_PER_YEAR, 'is at most a year (525,600 minutes)'),
  standby: z.boolean().default(false),
});

export const shiftSchema = z.strictObject({
  days: z.union([z.string(), z.array(z.string())]),
  from: clock,
  to: clock,
  staff: people.min(0, 'cannot be negative').max(MAX_STAFF, `is at most ${MAX_STAFF} people on one shift`),
});

const serviceList = z.union([z.literal('all'), z.array(text).min(1, 'name at least one service, or write all')]);
export const rolesSchema = z.union([z.literal('all'), z.strictObject(Object.fromEntries(ACTIVITIES.map((a) => [a, serviceList.optional()])))]);

export const teamSchema = z.strictObject({
  name: text,
  shifts: z.array(shiftSchema).default([]),
  onCall: z.strictObject({ staff: people.min(1, 'an on-call pool has at least one person').max(MAX_ON_CALL, `is at most ${MAX_ON_CALL}`) }).optional(),
  roles: rolesSchema.default({}),
});

const id = z.string().regex(/^[a-z][A-Za-z0-9-]*$/, 'an id starts with a lowercase letter, then letters, digits or hyphens');
const perYear = bounded(MAX_PER_YEAR, 'a yearly rate');
const pins = z.strictObject(Object.fromEntries(ACTIVITIES.map((a) => [a, text.optional()])));

export const scenarioTemplateSchema = z.strictObject({
  id: id.optional(),
  scenario: text,
  perYear,
  service: text,
  teams: pins.optional(),
});

export const workTemplateSchema = z.strictObject({
  id,
  perYear,
  meanWorkMinutes: finite.refine((n) => n > 0, 'must be more than 0').refine((n) => n <= MAX_WORK_MINUTES, `is at most ${MAX_WORK_MINUTES.toLocaleString('en-US')} minutes (30 days)`),
  team: text,
});

const weight = finite.refine((n) => n >= 0, 'a weight cannot be negative');
export const changesSchema = z.strictObject({
  perWeek: bounded(MAX_CHANGES_PER_WEEK, 'a weekly change volume'),
  mix: z.record(z.string(), weight).optional(),
  mixSource: source.optional(),
  services: z.record(z.string(), weight).optional(),
  teams: z.strictObject({ implement: text.optional(), authorize: text.optional() }).optional(),
});

export const workloadSchema = z.strictObject({
  incidents: z.array(scenarioTemplateSchema).default([]),
  attacks: z.array(scenarioTemplateSchema).default([]),
  work: z.array(workTemplateSchema).default([]),
  changes: changesSchema.optional(),
});

export const calendarSchema = z.strictObject({
  businessHours: z.strictObject({ from: clock, to: clock }).optional(),
  changeWindow: z
    .strictObject({
      day: z.string(),
      from: clock,
      hours: finite.refine((n) => n > 0, 'must be more than 0').refine((n) => n <= MAX_WINDOW_HOURS, 'is at most a week (168 hours)'),
    })
    .optional(),
});

const cost = bounded(MAX_IMPROVEMENT_COST, 'an improvement cost');
export const improvementCostSchema = z.strictObject({ oneOff: cost, perYear: cost, source });
const raisedLevels = z.strictObject({ 2: improvementCostSchema.optional(), 3: improvementCostSchema.optional(), 4: improvementCostSchema.optional(), 5: improvementCostSchema.optional() });
export const improvementCostsSchema = z.strictObject(Object.fromEntries(DOMAINS.map((d) => [d, raisedLevels.optional()])));

/** The sections as the file has them: the whole file's schema (field names for "did you mean", documentation). */
const SECTIONS = {
  name: text.optional(),
  description: text.optional(),
  profiles: z.record(z.string(), profileValue),
  services: z.record(z.string(), serviceSchema).default({}),
  teams: z.record(z.string(), teamSchema),
  workload: workloadSchema,
  calendar: calendarSchema.optional(),
  improvementCosts: improvementCostsSchema.optional(),
} as const;

export const organizationSchema = z.strictObject(SECTIONS);
export type OrganizationFile = z.output<typeof organizationSchema>;

/**
 * The sections with their collections left unchecked: the parser checks each profile,
 * service, team, shift and template on its own, so that one bad entry hides neither
 * the problems of the others nor the rules they break (every problem at once).
 */
const entries = z.record(z.string(), z.unknown());
const list = z.array(z.unknown()).default([]);
export const SHALLOW = {
  name: SECTIONS.name,
  description: SECTIONS.description,
  profiles: entries,
  services: entries.default({}),
  teams: entries,
  workload: z.strictObject({ incidents: list, attacks: list, work: list, changes: z.unknown().optional() }),
  calendar: SECTIONS.calendar,
  improvementCosts: SECTIONS.improvementCosts,
} as const;
export const teamShallow = teamSchema.extend({ shifts: list, onCall: z.unknown().optional(), roles: z.unknown().optional() });
export const onCallSchema = teamSchema.shape.onCall;
