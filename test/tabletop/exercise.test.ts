// Scoring by OpenAEV's rules, objectives rated from their expectations, modules following
// the story, the session file and what a facilitator types.
import { describe, expect, it } from 'vitest';
import { defaultCalibration } from '../../src/calibration/index.js';
import { uniformProfile } from '../../src/model/index.js';
import type { Expectation, Team } from '../../src/sim/scenario.js';
import {
  emptyRecord,
  expectationStates,
  moduleStarts,
  objectiveResults,
  parseLessonInput,
  parseScoreInput,
  parseScoreList,
  parseSession,
  playScripted,
  sessionHead,
  sessionText,
  statusOf,
  teamScore,
  type SessionRecord,
  type Setup,
} from '../../src/tabletop/index.js';
import { builtinScenarios } from '../support/scenarios.js';

const cal = defaultCalibration();
const scenario = builtinScenarios().find((s) => s.id === 'suspicious-login-2am')!;
const setup: Setup = { scenario, profile: uniformProfile(1), seed: 3, replication: 0, calibration: cal };
const x = (who: 'one' | 'all', score = 80): Expectation => ({ id: 'x', team: 't', text: 'do it', score, who });
const team: Team = { id: 't', name: 'T', role: 'soc', members: ['a', 'b', 'c'] };

describe("scoring an expectation (OpenAEV's rules)", () => {
  it.each([
    [undefined, 'pending'],
    [80, 'success'],
    [100, 'success'],
    [79, 'partial'],
    [1, 'partial'],
    [0, 'failed'],
  ] as const)('a team score of %s against an expected 80 is %s', (score, status) => {
    expect(statusOf(x('one'), score)).toBe(status);
  });

  it('one member meeting it is enough: the best score counts', () => {
    expect(teamScore(x('one'), team, [20, 90])).toBe(90);
    expect(teamScore(x('one'), team, [])).toBeUndefined();
  });

  it('every member must meet it: the worst score counts, and it stays pending until every member is scored', () => {
    expect(teamScore(x('all'), team, [100, 90])).toBeUndefined();
    expect(teamScore(x('all'), team, [100, 90, 40])).toBe(40);
    expect(statusOf(x('all'), teamScore(x('all'), team, [100, 90, 0]))).toBe('failed');
  });
});

describe('the exercise plan over a story', () => {
  const p = playScripted(setup, ['morning', 'disable']).play;

  it('expectations open when their inject reaches the room; the time allowed runs from then; the check reads the simulation', () => {
    const states = expectationStates(scenario, p.result.log, {});
    const triage = states.find((s) => s.expectation.id === 'triage-alert')!;
    const ticket = p.result.log.find((e) => e.kind === 'inject' && e.id === 'provider-ticket')!;
    expect(triage.opened).toBe(ticket.t);
    expect(triage.due).toBe(ticket.t + 30);
    expect(triage.status).toBe('pending');
    // At level 1 nobody acknowledges the night ticket within 30 minutes.
    expect(triage.check).toMatchObject({ inTime: false });
    expect(triage.check!.met).toBeGreaterThan(triage.due!);
  });

  it('an objective is met when all its expectations succeed, not met when all failed, partially met otherwise, not rated while any is pending', () => {
    const rate = (scores: Record<string, number[]>) => objectiveResults(scenario, expectationStates(scenario, p.result.log, scores)).map((o) => o.rating);
    expect(rate({})).toEqual(['not rated', 'not rated']);
    expect(rate({ 'triage-alert': [80], 'scope-breach': [100], 'notify-decision': [0, 0], 'holding-statement': [0] })).toEqual(['met', 'not met']);
    expect(rate({ 'triage-alert': [80], 'scope-breach': [0], 'notify-decision': [100, 50], 'holding-statement': [100] })).toEqual(['partially met', 'partially met']);
  });

  it('modules start when the story reaches them, in order', () => {
    const starts = moduleStarts(scenario, p.result.log);
    expect(starts.map((m) => m.module.id)).toEqual(['detection', 'containment', 'aftermath']);
    expect(starts[0]!.t).toBe(0);
    expect(starts[1]!.t).toBe(p.result.log.find((e) => e.kind === 'step' && e.event === 'THREAT_CONFIRMED')!.t);
  });
});

describe('the session file', () => {
  it('holds the seed, profile, scenario hash, decisions, scores, notes and lessons, and reads back to the same record and bytes', () => {
    const record: SessionRecord = {
      choices: ['morning'],
      scores: { 'triage-alert': [60], 'notify-decision': [100, 40] },
      notes: [{ t: 68, text: 'the room hesitated: "who owns this?"' }],
      lessons: [
        { category: 'alerting', kind: 'strength', text: 'the SOC knew whom to call', by: 'Dana' },
        { category: 'containment', kind: 'improvement', text: 'nobody reads the queue at night', domain: 'secOps' },
      ],
      owners: { 'expectation:triage-alert': { owner: 'SOC lead', due: '2027-03-31' } },
    };
    const head = sessionHead(setup, 'suspicious-login-2am');
    const text = sessionText(head, record);
    const { session } = parseSession(text, 's.yaml');
    expect(session).toMatchObject({ ...head, record });
    expect(sessionText(session, session.record)).toBe(text);
    expect(text).toMatch(/^# imsim tabletop session/);
    expect(text).toMatch(/seed: 3\n/);
  });

  it('a file that is not a session is refused with its line', () => {
    expect(() => parseSession('format: imsim-tabletop-session/1\nscenario: x\n', 'bad.yaml')).toThrow(/bad.yaml:1 .*missing: a required field/);
    expect(() => parseSession('', 'empty.yaml')).toThrow(/empty.yaml:1: the file is empty: not a tabletop session/);
  });

  it('an empty record has nothing in it', () => {
    expect(emptyRecord()).toEqual({ choices: [], scores: {}, notes: [], lessons: [], owners: {} });
  });
});

describe('what the facilitator types', () => {
  it('scores: one, or one per member with /, 0 to 100', () => {
    expect(parseScoreInput('80')).toEqual([80]);
    expect(parseScoreInput(' 80/60 ')).toEqual([80, 60]);
    expect(parseScoreInput('120')).toBe('a score is 0 to 100');
    expect(parseScoreInput('good')).toMatch(/type a score/);
  });

  it('--scores lists: id=score, with / per member; mistakes named', () => {
    expect(parseScoreList('a=100, b=50/0')).toEqual({ scores: { a: [100], b: [50, 0] }, problems: [] });
    expect(parseScoreList('a=100,a=20,b,c=101').problems).toEqual([
      '"a" is scored twice',
      '"b" is not id=score (e.g. ack-ticket=100, or contain=50/100 for two members)',
      '"c=101": a score is 0 to 100',
    ]);
  });

  it('lessons: + a strength, - something to improve, optional #domain and @name (anonymous without)', () => {
    expect(parseLessonInput('+ fast paging @Dana Lee', 'c')).toEqual({ category: 'c', kind: 'strength', text: 'fast paging', by: 'Dana Lee' });
    expect(parseLessonInput('- nobody owned the ticket #serviceDesk', 'c')).toEqual({ category: 'c', kind: 'improvement', text: 'nobody owned the ticket', domain: 'serviceDesk' });
    expect(parseLessonInput('-  the #1 issue: no pager', 'c')).toEqual({ category: 'c', kind: 'improvement', text: 'the #1 issue: no pager' });
    expect(parseLessonInput('fast paging', 'c')).toMatch(/start with \+/);
    expect(parseLessonInput('+ @Dana', 'c')).toBe('the lesson itself is missing');
  });
});
