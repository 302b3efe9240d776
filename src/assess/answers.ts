// Answers files: what a consultant or a CI job hands `imsim assess --answers`. A mapping
// of question ids to yes, partly or no (or {answer, note}); blank means not answered.
// Checked like every input: every problem at once with file, line and field.
import { z } from 'zod';
import { DOMAIN_TITLES } from '../model/index.js';
import { UserError, didYouMean, lineOf, parseYaml, zodProblems, type Problem } from '../util/index.js';
import { ANSWERS, QUESTION_IDS, QUESTIONS, type Answer } from './questions.js';

export interface Given {
  answer: Answer;
  /** What backs the answer (a tool, a document, "only the network team"). */
  note?: string;
  /** Line in the answers file, when it came from one. */
  line?: number;
}

export interface AnswerSet {
  /** Free text: whose answers, when, by whom. */
  about?: string;
  /** Answers by question id; questions left blank are absent. */
  answers: Map<string, Given>;
}

const schema = z.strictObject({
  about: z.string().optional(),
  answers: z.record(z.string(), z.unknown()),
});
const HOW = 'answer yes, partly or no (or leave it blank)';

/** One answer as written: `yes`, `true`, blank, or `{answer, note}`; a string is the problem. */
function readAnswer(value: unknown): { answer?: Answer; note?: string } | string {
  if (value === null || value === undefined) return {};
  if (value === true) return { answer: 'yes' };
  if (value === false) return { answer: 'no' };
  if (typeof value === 'string') return (ANSWERS as readonly string[]).includes(value.trim()) ? { answer: value.trim() as Answer } : `"${value}": ${HOW}`;
  if (typeof value === 'object' && !Array.isArray(value)) {
    const { answer, note, ...rest } = value as Record<string, unknown>;
    const extra = Object.keys(rest)[0];
    if (extra !== undefined) return `unknown field "${extra}"${didYouMean(extra, ['answer', 'note'])}; an answer is {answer: yes, note: "..."}`;
    if (note !== undefined && typeof note !== 'string') return 'a note is text';
    const a = readAnswer(answer);
    if (typeof a === 'string') return a;
    if (answer !== null && typeof answer === 'object') return HOW;
    return { ...a, ...(note ? { note } : {}) };
  }
  return HOW;
}

/** An answers file, or one UserError listing every problem with its line. */
export function parseAnswers(text: string, file: string): AnswerSet {
  const src = parseYaml(text, file);
  if (src.data === null || src.data === undefined) throw new UserError([{ file, line: 1, message: 'the file is empty: an answers file has `answers:` with a question id per line (imsim assess --template writes one)' }]);
  const parsed = schema.safeParse(src.data);
  if (!parsed.success) throw new UserError(zodProblems(src, parsed.error.issues, schema));
  const problems: Problem[] = [];
  const answers = new Map<string, Given>();
  for (const [id, value] of Object.entries(parsed.data.answers)) {
    const line = lineOf(src, ['answers', id]);
    const at = (message: string) => problems.push({ file, line, path: `answers.${id}`, message });
    if (!QUESTION_IDS.includes(id)) {
      at(`unknown question${didYouMean(id, QUESTION_IDS)}; imsim assess --template lists them`);
      continue;
    }
    const a = readAnswer(value);
    if (typeof a === 'string') at(a);
    else if (a.answer) answers.set(id, { answer: a.answer, ...(a.note ? { note: a.note } : {}), ...(line ? { line } : {}) });
  }
  if (problems.length) throw new UserError(problems);
  return { ...(parsed.data.about ? { about: parsed.data.about } : {}), answers };
}

const quote = (s: string) => JSON.stringify(s);

/**
 * An answers file with every question: as a comment (its text, level and seed section)
 * above its id. Blank answers make a template to fill in (`imsim assess --template`).
 */
export function answersYaml(set: AnswerSet = { answers: new Map() }): string {
  const lines = [
    '# imsim assess answers: yes, partly or no for each capability; leave it blank if you do not know.',
    '# A level counts when all its capabilities and those of every level below are in place',
    '# (002, Maturity levels: do not skip levels); "partly" shows as evidence, not as a level.',
    '# Add a note with {answer: yes, note: "..."}. Check it with: imsim assess --answers FILE',
    `about: ${quote(set.about ?? '')}`,
    'answers:',
  ];
  let group = '';
  for (const q of QUESTIONS) {
    const heading = q.domain === 'baseline' ? 'baseline checklist (foundations under every domain)' : `${DOMAIN_TITLES[q.domain]}, level ${q.level}`;
    if (heading !== group) {
      lines.push('', `  # ---- ${heading}`);
      group = heading;
    }
    lines.push(`  # ${q.text}`, `  #   ${q.source}`);
    const g = set.answers.get(q.id);
    const value = !g ? '' : g.note ? ` {answer: ${g.answer}, note: ${quote(g.note)}}` : ` ${g.answer}`;
    lines.push(`  ${q.id}:${value}`);
  }
  return `${lines.join('\n')}\n`;
}
