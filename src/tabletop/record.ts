// The facilitator's record of an exercise beside the room's decisions: expectation
// scores, timestamped notes (simulated time), the lessons-learned round, and who owns
// each improvement. The session file holds all of it with what fixes the story (scenario
// hash, profile, seed, calibration), so `--resume` carries on exactly where `--save` or
// `q` stopped, and a complete session file is a rehearsal CI can play unattended. Pure:
// text in, text or data out; the CLI reads and writes the files.
import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import { z } from 'zod';
import { canonicalProfile, DOMAINS, type Domain } from '../model/index.js';
import type { Scenario } from '../sim/scenario.js';
import { checkSchema, lineOf, parseYaml, UserError, type Path, type Problem, type YamlSource } from '../util/index.js';
import { MAX_SCORE } from '../scenario/exercise.js';
import type { Scores } from './exercise.js';
import type { Setup } from './session.js';

export interface Note {
  /** Simulated minutes from the onset, when the note was taken. */
  t: number;
  text: string;
}

export type LessonKind = 'strength' | 'improvement';
export const LESSON_KINDS: readonly LessonKind[] = ['strength', 'improvement'];

export interface Lesson {
  /** An id of the scenario's lessons-learned categories. */
  category: string;
  kind: LessonKind;
  text: string;
  /** Who said it; absent means anonymous. */
  by?: string;
  /** The maturity domain it concerns, for the improvement plan. */
  domain?: Domain;
}

/** Who owns an improvement item and by when (free text, e.g. `2027-03-31`). */
export interface Owner {
  owner?: string;
  due?: string;
}

export interface SessionRecord {
  choices: readonly string[];
  scores: Scores;
  notes: readonly Note[];
  lessons: readonly Lesson[];
  /** By improvement item id (`domain:level` or the expectation or lesson it comes from). */
  owners: Readonly<Record<string, Owner>>;
}

export const emptyRecord = (choices: readonly string[] = []): SessionRecord => ({ choices, scores: {}, notes: [], lessons: [], owners: {} });

/** A short hash of the scenario as the engine runs it: a session resumes only on the same story. */
export function scenarioHash(s: Scenario): string {
  return createHash('sha256').update(JSON.stringify(s)).digest('hex').slice(0, 12);
}

export const SESSION_FORMAT = 'imsim-tabletop-session/1';

/** What fixes the story, as stored in the session file. */
export interface SessionHead {
  scenario: string;
  scenarioHash: string;
  profile: string;
  seed: number;
  replication: number;
  calibration: string;
}

export interface SessionFile extends SessionHead {
  record: SessionRecord;
}

export function sessionHead(setup: Setup, scenarioArg: string): SessionHead {
  return {
    scenario: scenarioArg,
    scenarioHash: scenarioHash(setup.scenario),
    profile: canonicalProfile(setup.profile),
    seed: setup.seed,
    replication: setup.replication,
    calibration: setup.calibration.hash,
  };
}

/** The session file's text: same session, same bytes. */
export function sessionText(head: SessionHead, r: SessionRecord): string {
  const doc = {
    format: SESSION_FORMAT,
    scenario: head.scenario,
    scenarioHash: head.scenarioHash,
    profile: head.profile,
    seed: head.seed,
    replication: head.replication,
    calibration: head.calibration,
    decisions: [...r.choices],
    scores: Object.fromEntries(Object.entries(r.scores).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, [...v]])),
    notes: r.notes.map((n) => ({ at: n.t, text: n.text })),
    lessons: r.lessons.map((l) => ({ category: l.category, kind: l.kind, text: l.text, ...(l.by ? { by: l.by } : {}), ...(l.domain ? { domain: l.domain } : {}) })),
    owners: Object.fromEntries(Object.entries(r.owners).sort(([a], [b]) => a.localeCompare(b))),
  };
  return `# imsim tabletop session: carry on with \`imsim tabletop --resume FILE\`\n${stringify(doc, { lineWidth: 0 })}`;
}

const text = z.string().trim().min(1, 'must not be empty');
const score = z.number().int().min(0, 'a score is 0 to 100').max(MAX_SCORE, 'a score is 0 to 100');
const noteSchema = z.strictObject({ at: z.number().min(0, 'cannot be negative'), text });
const lessonSchema = z.strictObject({ category: text, kind: z.enum(['strength', 'improvement']), text, by: text.optional(), domain: z.enum(DOMAINS).optional() });
const ownerSchema = z.strictObject({ owner: text.optional(), due: text.optional() });
const recordFields = {
  decisions: z.array(z.union([text, z.number().int().transform(String)])).default([]),
  scores: z.record(z.string(), z.union([score.transform((n) => [n]), z.array(score).min(1)])).default({}),
  notes: z.array(noteSchema).default([]),
  lessons: z.array(lessonSchema).default([]),
  owners: z.record(z.string(), ownerSchema).default({}),
};
const sessionSchema = z.strictObject({
  format: z.literal(SESSION_FORMAT),
  scenario: text,
  scenarioHash: text,
  profile: z.union([text, z.number().transform(String)]),
  seed: z.number().int().min(0),
  replication: z.number().int().min(0).default(0),
  calibration: text,
  ...recordFields,
});
/** A rehearsal file: the record without the head (`--rehearsal`). */
const rehearsalSchema = z.strictObject(recordFields);

type RecordFields = { decisions: string[]; scores: Record<string, number[]>; notes: { at: number; text: string }[]; lessons: Lesson[]; owners: Record<string, Owner> };
const toRecord = (d: RecordFields): SessionRecord => ({
  choices: d.decisions,
  scores: d.scores,
  notes: d.notes.map((n) => ({ t: n.at, text: n.text })),
  lessons: d.lessons,
  owners: d.owners,
});

/** A session file, checked (schema, every problem at once with its line); `src` gives the lines of later problems. */
export function parseSession(source: string, file: string): { session: SessionFile; src: YamlSource } {
  const src = parseYaml(source, file);
  if (src.data === null || src.data === undefined) throw new UserError([{ file, line: 1, message: 'the file is empty: not a tabletop session' }]);
  const d = checkSchema(src, sessionSchema);
  const { format: _f, decisions: _d, scores: _s, notes: _n, lessons: _l, owners: _o, ...head } = d;
  return { session: { ...head, record: toRecord(d as RecordFields) }, src };
}

/** A rehearsal file: decisions, scores, notes, lessons and owners, for an unattended run. */
export function parseRehearsal(source: string, file: string): { record: SessionRecord; src: YamlSource } {
  const src = parseYaml(source, file);
  if (src.data === null || src.data === undefined) return { record: emptyRecord(), src };
  return { record: toRecord(checkSchema(src, rehearsalSchema) as RecordFields), src };
}

/** A scores file (`--scores FILE`): expectation ids with a score, or a list of scores, one per member. */
export function parseScoresFile(source: string, file: string): { record: SessionRecord; src: YamlSource } {
  const src = parseYaml(source, file);
  if (src.data === null || src.data === undefined) return { record: emptyRecord(), src };
  return { record: { ...emptyRecord(), scores: checkSchema(src, recordFields.scores) }, src };
}

/**
 * Checks a record against the scenario: every expectation and lessons category named
 * exists, and scores fit who must meet the expectation. `where` names the file or flag;
 * `src`, when the record came from a file, gives each problem its line.
 */
export function recordProblems(r: SessionRecord, scenario: Scenario, where: { file?: string; flag?: string }, src?: YamlSource): Problem[] {
  const raw: (Problem & { at: Path })[] = [];
  const problems = { push: (p: Problem & { path: string }) => raw.push({ ...p, at: p.path.split('.') }) };
  const expectations = scenario.injects.flatMap((j) => j.expect ?? []);
  const teams = scenario.exercise?.teams ?? [];
  for (const [id, given] of Object.entries(r.scores)) {
    const x = expectations.find((e) => e.id === id);
    if (!x) {
      const known = expectations.map((e) => e.id);
      problems.push({ ...where, path: `scores.${id}`, message: `no expectation "${id}" in scenario ${scenario.id}${known.length ? `; its expectations: ${known.join(', ')}` : ' (it has none)'}` });
      continue;
    }
    const members = teams.find((t) => t.id === x.team)?.members ?? [];
    if (x.who === 'one' && given.length > 1) problems.push({ ...where, path: `scores.${id}`, message: `one score: one member meeting "${id}" is enough, so the team gets one score` });
    if (x.who === 'all' && given.length > members.length) problems.push({ ...where, path: `scores.${id}`, message: `${given.length} scores for ${members.length} member${members.length === 1 ? '' : 's'} (${members.join(', ')})` });
  }
  const categories = (scenario.exercise?.lessons ?? []).map((c) => c.id);
  r.lessons.forEach((l, i) => {
    if (!categories.includes(l.category)) problems.push({ ...where, path: `lessons.${i}.category`, message: `no lessons category "${l.category}"; categories: ${categories.join(', ') || 'none (the scenario has no exercise plan)'}` });
  });
  return raw.map(({ at, ...p }) => {
    const line = src ? lineOf(src, at.map((k) => (/^\d+$/.test(k as string) ? Number(k) : k))) : undefined;
    return line !== undefined ? { ...p, line } : p;
  });
}

/**
 * `--scores "ack-ticket=100,contain=50/100"`: expectation ids with a score, or one score
 * per member separated by `/` when every member must meet it.
 */
export function parseScoreList(textValue: string): { scores: Record<string, number[]>; problems: string[] } {
  const scores: Record<string, number[]> = {};
  const problems: string[] = [];
  for (const item of textValue.split(',').map((x) => x.trim()).filter(Boolean)) {
    const m = /^([a-z0-9]+(?:-[a-z0-9]+)*)=(\d+(?:\/\d+)*)$/.exec(item);
    if (!m) {
      problems.push(`"${item}" is not id=score (e.g. ack-ticket=100, or contain=50/100 for two members)`);
      continue;
    }
    const values = m[2]!.split('/').map(Number);
    if (values.some((v) => v > MAX_SCORE)) problems.push(`"${item}": a score is 0 to 100`);
    if (scores[m[1]!]) problems.push(`"${m[1]}" is scored twice`);
    scores[m[1]!] = values;
  }
  return { scores, problems };
}

/** A score typed in the view: `80`, or one per member `80/60/100`. */
export function parseScoreInput(textValue: string): number[] | string {
  const t = textValue.trim();
  if (!/^\d+(\/\d+)*$/.test(t)) return 'type a score from 0 to 100, or one per member separated by / (80/60)';
  const values = t.split('/').map(Number);
  return values.some((v) => v > MAX_SCORE) ? 'a score is 0 to 100' : values;
}

/**
 * A lesson typed in the view: `+ what worked` (a strength) or `- what to change` (to
 * improve), optionally ending with `#domain` and `@who` (anonymous without it).
 */
export function parseLessonInput(textValue: string, category: string): Lesson | string {
  const m = /^\s*([+-])\s*(.+)$/.exec(textValue);
  if (!m) return 'start with + (a strength) or - (something to improve)';
  let rest = m[2]!.trim();
  let by: string | undefined;
  let domain: Domain | undefined;
  for (;;) {
    const who = /\s*@([^@#]+)$/.exec(rest);
    if (who) {
      by = who[1]!.trim();
      rest = rest.slice(0, who.index).trim();
      continue;
    }
    const d = /\s*#(\w+)$/.exec(rest);
    if (d && (DOMAINS as readonly string[]).includes(d[1]!)) {
      domain = d[1] as Domain;
      rest = rest.slice(0, d.index).trim();
      continue;
    }
    break;
  }
  if (!rest) return 'the lesson itself is missing';
  return { category, kind: m[1] === '+' ? 'strength' : 'improvement', text: rest, ...(by ? { by } : {}), ...(domain ? { domain } : {}) };
}
