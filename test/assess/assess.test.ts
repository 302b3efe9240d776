// Assessment: answers to levels without skipping levels, the seed sections behind each
// level, warnings on missing foundations, answers files, and today written into a file.
import { readFileSync } from 'node:fs';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  ANSWERS,
  answersYaml,
  assess,
  initialSession,
  parseAnswers,
  QUESTIONS,
  questionsAt,
  sessionAnswers,
  sessionReducer,
  writeProfile,
  type Answer,
  type AnswerSet,
  type SessionAction,
} from '../../src/assess/index.js';
import { DOMAINS, canonicalProfile, LEVELS, type Domain, type Level } from '../../src/model/index.js';
import { namedProfile } from '../../src/org/index.js';
import { UserError } from '../../src/util/index.js';
import { ORGS_DIR, orgText, parseOrg } from '../support/orgs.js';

/** The foundation lead of the shipped calibration (model.foundationLead). */
const LEAD = 2;

const setOf = (entries: Record<string, Answer>): AnswerSet => ({ answers: new Map(Object.entries(entries).map(([id, answer]) => [id, { answer }])) });
/** Every capability of a domain up to `level` in place, and nothing else. */
const upTo = (domain: Domain, level: Level): Record<string, Answer> =>
  Object.fromEntries(QUESTIONS.filter((q) => q.domain === domain && q.level! <= level).map((q) => [q.id, 'yes' as Answer]));
const problems = (text: string) => {
  try {
    parseAnswers(text, 'answers.yaml');
    return [];
  } catch (e) {
    if (e instanceof UserError) return e.message.split('\n');
    throw e;
  }
};

describe('the questionnaire', () => {
  it('asks about every domain at every level 2 to 5, and 002 baseline items; ids are unique; each cites a seed section', () => {
    for (const d of DOMAINS) for (const l of LEVELS.slice(1)) expect(questionsAt(d, l).length, `${d} ${l}`).toBeGreaterThan(0);
    expect(new Set(QUESTIONS.map((q) => q.id)).size).toBe(QUESTIONS.length);
    for (const q of QUESTIONS) {
      expect(q.source, q.id).toMatch(/^00[0-4] /);
      expect(q.id.startsWith(`${q.domain}.`)).toBe(true);
    }
    expect(QUESTIONS.filter((q) => q.domain === 'baseline').every((q) => q.source === '002 Baseline checklist')).toBe(true);
  });
});

describe('scoring', () => {
  it('the shipped example answers give the mid-size organization its today profile, the same on every run', () => {
    const file = `${ORGS_DIR}midsize-answers.yaml`;
    const text = readFileSync(file, 'utf8');
    const first = assess(parseAnswers(text, file), LEAD);
    const org = parseOrg(orgText('midsize'), 'midsize.yaml');
    expect(first.profile).toEqual(namedProfile(org, 'today'));
    expect(assess(parseAnswers(text, file), LEAD)).toEqual(first);
  });

  it('nothing answered is level 1 everywhere, resting on each domain\'s level-1 description', () => {
    const r = assess({ answers: new Map() }, LEAD);
    expect(canonicalProfile(r.profile)).toBe('1');
    expect(r.domains.find((d) => d.domain === 'secOps')!.sources).toEqual(['003 Level 1, SOC focus and Attributes']);
    expect(r.warnings.map((w) => w.kind)).toEqual(['unanswered']);
  });

  it('a level counts only when all of it and every level below is in place: "partly" is evidence, not a level', () => {
    const answers = { ...upTo('change', 3), 'change.riskBased': 'partly' as Answer };
    const change = assess(setOf(answers), LEAD).domains.find((d) => d.domain === 'change')!;
    expect(change.level).toBe(2);
    expect(change.missing.map((e) => [e.question.id, e.answer])).toEqual([['change.riskBased', 'partly']]);
    expect(change.evidence.find((e) => e.question.id === 'change.ownersAndChecklists')).toMatchObject({ answer: 'yes', counted: false });
  });

  it('names the seed sections behind the level reached', () => {
    const r = assess(setOf(upTo('serviceDesk', 3)), LEAD).domains.find((d) => d.domain === 'serviceDesk')!;
    expect(r.level).toBe(3);
    expect(r.sources).toEqual(['000 Level 2, Steps to Mature (Service Desk)', '002 Baseline checklist', '000 Level 3, Attributes', '000 Level 3, Steps to Mature (Service Desk)']);
  });

  it('capabilities above a gap are kept, not counted, and warned about (002, do not skip levels)', () => {
    const answers = { ...upTo('observability', 5), 'observability.unified': 'no' as Answer };
    const r = assess(setOf(answers), LEAD);
    expect(r.profile.observability).toBe(2);
    const w = r.warnings.find((x) => x.kind === 'skipped-level')!;
    expect(w).toMatchObject({ domain: 'observability', source: '002 Maturity levels (Do not skip levels)' });
    expect(w.message).toMatch(/^observability: 3 capabilities of level 4 and 5 in place \(observability\.statistical, observability\.closedLoop, observability\.failoverSimulation\), but level 3 is not: observability\.unified \(no\)/);
  });

  it('a level of 3 or more on top of missing 002 baseline items is warned about', () => {
    const r = assess(setOf({ ...upTo('change', 3), 'baseline.mfa': 'yes' }), LEAD);
    const w = r.warnings.find((x) => x.kind === 'baseline')!;
    expect(w.message).toBe('baseline: baseline.secretScanning (blank), baseline.restoreTested (blank), baseline.evidence (blank) not in place under change 3; the basics come before advanced capability');
    expect(assess(setOf({ ...upTo('change', 2) }), LEAD).warnings.some((x) => x.kind === 'baseline')).toBe(false);
  });

  it('a domain far above one it builds on is capped as the simulator caps it, and the warning says by what', () => {
    const r = assess(setOf({ ...upTo('secOps', 5), ...upTo('config', 2), ...upTo('observability', 2) }), LEAD);
    expect(r.profile.secOps).toBe(5);
    expect(r.effective.secOps).toBe(4);
    const w = r.warnings.find((x) => x.kind === 'foundation-cap')!;
    expect(w.message).toMatch(/^secOps: level 5 builds on (config|observability) at level 2; it delivers level 4 until \1 is raised/);
    expect(w.source).toContain('model.foundationLead 2');
  });

  test.prop([fc.dictionary(fc.constantFrom(...QUESTIONS.map((q) => q.id)), fc.constantFrom(...ANSWERS))], { numRuns: 200 })(
    'for any answers: a domain at level L has every capability of levels 2..L answered yes, and one of level L+1 not',
    (entries) => {
      const r = assess(setOf(entries), LEAD);
      for (const d of r.domains) {
        for (const q of QUESTIONS.filter((x) => x.domain === d.domain && x.level! <= d.level)) expect(entries[q.id], q.id).toBe('yes');
        if (d.level < 5) expect(questionsAt(d.domain, (d.level + 1) as Level).some((q) => entries[q.id] !== 'yes')).toBe(true);
      }
    },
  );

  test.prop([fc.dictionary(fc.constantFrom(...QUESTIONS.map((q) => q.id)), fc.constantFrom(...ANSWERS)), fc.constantFrom(...QUESTIONS.map((q) => q.id))], { numRuns: 200 })(
    'answering one more question yes never lowers a level (monotone)',
    (entries, id) => {
      const before = assess(setOf(entries), LEAD).profile;
      const after = assess(setOf({ ...entries, [id]: 'yes' }), LEAD).profile;
      for (const d of DOMAINS) expect(after[d]).toBeGreaterThanOrEqual(before[d]);
    },
  );
});

describe('answers files', () => {
  it('a blank template lists every question and parses to no answers; a filled one round-trips', () => {
    expect(parseAnswers(answersYaml(), 't.yaml').answers.size).toBe(0);
    const set: AnswerSet = { about: 'test', answers: new Map([['change.pipeline', { answer: 'partly', note: 'storefront only' }], ['config.owners', { answer: 'no' }]]) };
    const back = parseAnswers(answersYaml(set), 't.yaml');
    expect(back.about).toBe('test');
    expect([...back.answers].map(([id, g]) => [id, g.answer, g.note])).toEqual([
      ['change.pipeline', 'partly', 'storefront only'],
      ['config.owners', 'no', undefined],
    ]);
  });

  it('true and false read as yes and no; blank is not answered', () => {
    const set = parseAnswers('answers:\n  change.pipeline: true\n  config.owners: false\n  config.inventory:\n', 'a.yaml');
    expect([...set.answers].map(([id, g]) => [id, g.answer])).toEqual([
      ['change.pipeline', 'yes'],
      ['config.owners', 'no'],
    ]);
  });

  it('every problem at once, with line and field; unknown questions get "did you mean"', () => {
    expect(problems('answers:\n  change.recordedRequest: yes\n  change.manualReview: maybe\n  config.inventory: {answer: yes, nope: 1}\n  config.owners: [yes]\n')).toEqual([
      'answers.yaml:2 answers.change.recordedRequest: unknown question (did you mean "change.recordedRequests"?); imsim assess --template lists them',
      'answers.yaml:3 answers.change.manualReview: "maybe": answer yes, partly or no (or leave it blank)',
      'answers.yaml:4 answers.config.inventory: unknown field "nope" (did you mean "note"?); an answer is {answer: yes, note: "..."}',
      'answers.yaml:5 answers.config.owners: answer yes, partly or no (or leave it blank)',
    ]);
    expect(problems('')).toEqual(['answers.yaml:1: the file is empty: an answers file has `answers:` with a question id per line (imsim assess --template writes one)']);
    expect(problems('answer: {}\n')).toEqual(['answers.yaml:1 answers: missing: a required field (record)', 'answers.yaml:1 answer: unknown field (did you mean "answers"?)']);
  });
});

describe('writing today into an organization file', () => {
  const profile = { change: 2, config: 2, observability: 2, serviceDesk: 3, secOps: 2 } as const;
  const text = orgText('midsize');

  it('replaces the one line, keeping every comment and the order of everything else', () => {
    const before = text.replace(/^ {2}today: .*$/m, '  today: 1 # what we believed');
    const after = writeProfile(before, 'midsize.yaml', 'today', profile);
    const diff = after.split('\n').filter((l, i) => l !== before.split('\n')[i]);
    expect(diff).toEqual(['  today: change=2,config=2,observability=2,serviceDesk=3,secOps=2 # what we believed']);
    expect(namedProfile(parseOrg(after), 'today')).toEqual(profile);
  });

  it('a new name goes first, the baseline by convention, with a note beside it', () => {
    const after = writeProfile(text, 'midsize.yaml', 'assessed', { ...profile, secOps: 1 }, 'imsim assess');
    expect(parseOrg(after).profiles.map((p) => p.name)).toEqual(['assessed', 'today', 'target']);
    expect(after).toContain('  assessed: change=2,config=2,observability=2,serviceDesk=3,secOps=1 # imsim assess\n  today:');
  });

  it('a profile written as a mapping stays a mapping, every domain written out', () => {
    const before = text.replace(/^ {2}today: .*$/m, '  today: {default: 1, serviceDesk: 3}');
    const after = writeProfile(before, 'midsize.yaml', 'today', profile);
    expect(after).toMatch(/^ {2}today: \{serviceDesk: 3, change: 2, config: 2, observability: 2, secOps: 2\}$/m);
    expect(namedProfile(parseOrg(after), 'today')).toEqual(profile);
  });

  it('a uniform profile is written as its level', () => {
    expect(writeProfile(text, 'midsize.yaml', 'today', { change: 3, config: 3, observability: 3, serviceDesk: 3, secOps: 3 })).toMatch(/^ {2}today: 3$/m);
  });
});

describe('the questionnaire session (the reducer the Ink view drives)', () => {
  const run = (actions: SessionAction[]) => actions.reduce(sessionReducer, initialSession());

  it('answers advance; back returns to the previous question; blank removes an answer', () => {
    const s = run([{ type: 'answer', answer: 'yes' }, { type: 'answer', answer: 'partly' }, { type: 'back' }, { type: 'skip' }]);
    expect(s.index).toBe(2);
    expect([...s.answers.keys()]).toEqual([QUESTIONS[0]!.id]);
  });

  it('the last answer opens the summary; review goes back to the first question left blank', () => {
    const actions: SessionAction[] = QUESTIONS.map((_, i) => (i === 3 ? { type: 'skip' } : { type: 'answer', answer: 'no' }));
    const s = run(actions);
    expect(s.summary).toBe(true);
    expect(sessionReducer(s, { type: 'review' })).toMatchObject({ summary: false, index: 3 });
    expect(sessionAnswers(s).answers.size).toBe(QUESTIONS.length - 1);
  });

  it('starting from a file\'s answers, the first question shown is the first one left blank', () => {
    const start = setOf({ [QUESTIONS[0]!.id]: 'yes', [QUESTIONS[1]!.id]: 'no' });
    expect(initialSession(start).index).toBe(2);
  });
});
