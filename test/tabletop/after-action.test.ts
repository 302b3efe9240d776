// The after-action review: the best choices found by searching the decision tree, the
// comparison one level up that no longer keeps a worse choice where a better one opens,
// decisions with their consequences, and an improvement plan whose levels come from
// replaying the story.
import { describe, expect, it } from 'vitest';
import { defaultCalibration } from '../../src/calibration/index.js';
import { uniformProfile, type Level } from '../../src/model/index.js';
import { transcriptMarkdown } from '../../src/report/tabletop.js';
import { afterAction, better, playScripted, type SessionRecord, type Setup } from '../../src/tabletop/index.js';
import { builtinScenarios } from '../support/scenarios.js';

const cal = defaultCalibration();
const scenarios = builtinScenarios();
const setupOf = (id: string, level: Level, seed = 3): Setup => ({ scenario: scenarios.find((s) => s.id === id)!, profile: uniformProfile(level), seed, replication: 0, calibration: cal });
const opts = { searchRuns: 10 };

describe('the search for the best choices', () => {
  it.each(scenarios.map((s) => [s.id] as const))("%s at levels 1 and 3 (seed 2): the best choices do at least as well as the room's over the same seeded runs", (id) => {
    for (const level of [1, 3] as Level[]) {
      const aa = afterAction(playScripted(setupOf(id, level, 2), []).play, undefined, opts);
      const h = aa.search.here;
      expect(h.exhaustive).toBe(true);
      expect(better(h.best, h.room), `${id} at ${level}: best ${JSON.stringify(h.best)} room ${JSON.stringify(h.room)}`).toBeLessThanOrEqual(0);
      expect(h.runs).toBe(10);
    }
  });

  it('one level up, a better option the room did not have is named as such, instead of keeping the room\'s choice', () => {
    // Level 1 has no on-call cover: the room can only leave the alert for the morning.
    // At level 2 paging the on-call analyst opens, and the search finds it does better.
    const aa = afterAction(playScripted(setupOf('suspicious-login-2am', 1), ['morning', 'disable']).play, undefined, opts);
    const night = aa.points.find((p) => p.point === 'night-alert')!;
    expect(night.room?.id).toBe('morning');
    expect(night.up?.best).toMatchObject({ id: 'page', newlyOpen: true, open: true });
    expect(aa.search.up!.best.cost).toBeLessThan(aa.search.up!.room.cost);
    expect(transcriptMarkdown(aa, { scenario: 'suspicious-login-2am' })).toMatch(/\| night-alert \| the room took "Review it with the morning queue"; best at profile 1: "Review it with the morning queue" \(the same\); best at profile 2: "Page the on-call analyst" \(not open to the room: profile 2 offers a better option\) \|/);
  });

  it("where the room's choice is not open one level up, the review says so", () => {
    // At level 3 there is round-the-clock cover: no after-hours decision at all.
    const aa = afterAction(playScripted(setupOf('suspicious-login-2am', 2), ['page', 'disable']).play, undefined, opts);
    const night = aa.points.find((p) => p.point === 'night-alert')!;
    expect(night.up).toMatchObject({ roomOpen: false });
  });
});

describe('decisions and their consequences', () => {
  it('each decision lists what followed and what the other open options would have done in the same story', () => {
    const aa = afterAction(playScripted(setupOf('suspicious-login-2am', 1), ['morning', 'disable']).play, undefined, opts);
    const [night, contain] = aa.room.consequences;
    expect(night!.alternatives).toEqual([]); // nothing else was open
    expect(contain!.alternatives.map((a) => a.option.id)).toEqual(['reset']);
    expect(contain!.followed.map((m) => m.text)).toContain('the threat is contained');
    // Resetting passwords through the help desk contains later in the same story.
    expect(contain!.alternatives[0]!.metrics.mttc!).toBeGreaterThan(aa.room.metrics.mttc!);
  });
});

describe('the improvement plan', () => {
  const record: SessionRecord = {
    choices: ['morning', 'disable'],
    scores: { 'triage-alert': [40], 'scope-breach': [100], 'notify-decision': [100, 0], 'holding-statement': [0] },
    notes: [],
    lessons: [{ category: 'communication', kind: 'improvement', text: 'the provider had no number to call', domain: 'secOps' }],
    owners: { 'decision:contain:isolate': { owner: 'SOC lead', due: '2027-06-30' } },
  };
  const aa = afterAction(playScripted(setupOf('suspicious-login-2am', 1), record.choices).play, record, opts);
  const item = (id: string) => aa.improvement.find((i) => i.id === id);

  it('an option the room lacked that would have done better: the domain and the smallest level that opens it, from the replay', () => {
    expect(item('decision:night-alert:page')).toMatchObject({ source: 'decision', domain: 'secOps', level: 2 });
    expect(item('decision:contain:isolate')).toMatchObject({ source: 'decision', domain: 'secOps', level: 3, owner: 'SOC lead', due: '2027-06-30' });
    expect(item('decision:contain:isolate')!.evidence).toMatch(/secOps at level 3 opens it at the same decision; there, taking it beats the room's choices over 10 runs/);
  });

  it('an expectation that fell short with a simulation check: the lowest level of its domain that meets it in time reliably', () => {
    const triage = item('expectation:triage-alert')!;
    expect(triage).toMatchObject({ source: 'expectation', domain: 'secOps' });
    expect(triage.level).toBeGreaterThan(1);
    expect(triage.evidence).toMatch(/met in time in \d+% of 10 runs with secOps at level \d \(\d+% at 1\)/);
    // Without a check, the level is the owner's to set; without a domain, the item says so.
    expect(item('expectation:holding-statement')).toMatchObject({ evidence: expect.stringMatching(/no maturity domain/) });
    expect(item('expectation:holding-statement')!.level).toBeUndefined();
    expect(item('expectation:scope-breach')).toBeUndefined(); // a success is no gap
  });

  it('an improvement from the lessons-learned round, with its domain', () => {
    expect(item('lesson:1')).toMatchObject({ source: 'lesson', domain: 'secOps', gap: 'the provider had no number to call' });
  });

  it('the report has objectives, expectations per team, lessons learned, strengths, areas for improvement and the plan with owner and due date', () => {
    const md = transcriptMarkdown(aa, { scenario: 'suspicious-login-2am' });
    expect(md).toMatch(/## Objectives\n\n\| objective \| rating \| shown by \|/);
    expect(md).toMatch(/\| The alert reaches someone who can act, and the intruder is contained before data leaves \| partially met \| triage-alert \(partial\), scope-breach \(success\) \|/);
    expect(md).toMatch(/### Security operations \(soc; on-call analyst\)/);
    expect(md).toMatch(/### Leadership \(leadership; CISO, legal counsel\)[\s\S]*\| 0 \(members 100\/0\) \| failed \|/);
    expect(md).toMatch(/## Lessons learned[\s\S]*- To improve: the provider had no number to call \(anonymous; secOps\)/);
    expect(md).toMatch(/## Strengths\n\n[\s\S]*Security operations: Establish which data left/);
    expect(md).toMatch(/## Areas for improvement\n\n[\s\S]*Communications: Prepare a holding statement and name who approves it \(failed: scored 0, expected 100\)/);
    expect(md).toMatch(/## Improvement plan[\s\S]*\| secOps 3 \| secOps at level 3 opens it at the same decision[^|]*\| SOC lead \| 2027-06-30 \|/);
    expect(md).toMatch(/--scores holding-statement=0,notify-decision=100\/0,scope-breach=100,triage-alert=40/);
  });
});
