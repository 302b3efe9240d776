// The tabletop's state is the list of the room's decisions; every view of it is a replay.
import { describe, expect, it } from 'vitest';
import { defaultCalibration } from '../../src/calibration/index.js';
import { uniformProfile, type Level } from '../../src/model/index.js';
import { transcriptMarkdown } from '../../src/report/tabletop.js';
import { afterAction, nextLevel, parseDecisionList, play, playScripted, resolveChoice, ScriptError, type Setup } from '../../src/tabletop/index.js';

/** Fewer search runs than the default: these tests are about the story, not the search's precision. */
const quick = { searchRuns: 5 };
import { builtinScenarios } from '../support/scenarios.js';

const cal = defaultCalibration();
const scenarios = builtinScenarios();
const setupOf = (id: string, level: Level, seed = 3): Setup => ({
  scenario: scenarios.find((s) => s.id === id)!,
  profile: uniformProfile(level),
  seed,
  replication: 0,
  calibration: cal,
});

describe('a tabletop session', () => {
  it('given no decisions yet, stops at the first decision with what is open and what is greyed, and why', () => {
    const p = play(setupOf('suspicious-login-2am', 1), []);
    expect(p.pending?.point.id).toBe('night-alert');
    expect(p.result.calendar.format(0)).toBe('Tue 02:00');
    const [page, morning] = p.pending!.options;
    expect(page).toMatchObject({ index: 1, id: 'page', open: false });
    expect(page!.reason).toMatch(/no on-call cover below level 2/);
    expect(morning).toMatchObject({ index: 2, id: 'morning', open: true });
  });

  it('when the room decides, the replay shows the same story up to that decision and goes on to the next', () => {
    const s = setupOf('suspicious-login-2am', 1);
    const before = play(s, []);
    const after = play(s, ['morning']);
    expect(after.result.log.slice(0, before.result.log.length)).toEqual(before.result.log);
    expect(after.decisions.map((d) => d.chosen.id)).toEqual(['morning']);
    expect(after.pending?.point.id).toBe('contain');
    expect(after.pending!.options.find((o) => o.id === 'isolate')).toMatchObject({ open: false });
    expect(after.pending!.options.find((o) => o.id === 'isolate')!.reason).toMatch(/secOps level 3/);
  });

  it('different choices lead to different outcomes through the same engine and seed', () => {
    const s = setupOf('suspicious-login-2am', 1);
    const disable = play(s, ['morning', 'disable']);
    const reset = play(s, ['morning', 'reset']);
    expect(disable.pending).toBeUndefined();
    expect(reset.pending).toBeUndefined();
    expect(disable.result.log).not.toEqual(reset.result.log);
  });

  it('resolves a choice by number as shown or by id, and refuses a greyed or unknown one with the reason', () => {
    const r = play(setupOf('suspicious-login-2am', 1), []).pending!;
    expect(resolveChoice(r, '2')).toMatchObject({ ok: true, option: { id: 'morning' } });
    expect(resolveChoice(r, 'morning')).toMatchObject({ ok: true, option: { index: 2 } });
    const greyed = resolveChoice(r, '1');
    expect(greyed.ok).toBe(false);
    expect(!greyed.ok && greyed.message).toMatch(/option 1 "Page the on-call analyst" \(page\) is not open at decision "night-alert": no on-call cover/);
    expect(!resolveChoice(r, '7').ok && (resolveChoice(r, '7') as { message: string }).message).toMatch(/no option "7".*1 page, 2 morning/);
  });

  it('plays a script of choices; decisions beyond it take the first open option; too many choices is an error naming the decisions', () => {
    const s = setupOf('suspicious-login-2am', 1);
    expect(parseDecisionList(' 2, disable ,')).toEqual(['2', 'disable']);
    const full = playScripted(s, ['2', 'disable']);
    expect(full.play.choices).toEqual(['morning', 'disable']);
    expect(full.defaulted).toEqual([]);
    const none = playScripted(s, []);
    expect(none.play.choices).toEqual(['morning', 'disable']);
    expect(none.defaulted).toEqual(['night-alert', 'contain']);
    expect(() => playScripted(s, ['2', '2', '1'])).toThrow(/3 choices given, but the exercise asks for only 2 decisions .*\(night-alert, contain\)/);
    expect(() => playScripted(s, ['2', 'isolate'])).toThrow(ScriptError);
    expect(() => playScripted(s, ['2', 'isolate'])).toThrow(/choice 2 \("isolate"\): option 1 .* is not open at decision "contain": .*secOps level 3/);
  });
});

describe('the after-action record', () => {
  it('replays the scenario one level up with the same seed, carrying the room\'s choices over where they are open', () => {
    const aa = afterAction(playScripted(setupOf('suspicious-login-2am', 1), ['morning', 'disable']).play, undefined, quick);
    expect(aa.replay!.profile).toEqual(uniformProfile(2));
    expect(aa.atTop).toBe(false);
    const [night, contain] = aa.replay!.decisions;
    expect(night).toMatchObject({ how: 'carried', chosen: { id: 'morning' } });
    expect(night!.newlyOpen.map((o) => o.id)).toEqual(['page']);
    expect(contain).toMatchObject({ how: 'carried', chosen: { id: 'disable' } });
    expect(aa.carryOver).toMatch(/calibrated behaviour/);
    // Common random numbers: the attacker's first move happens at the same minute.
    const firstStage = (log: typeof aa.room.result.log) => log.find((e) => e.kind === 'stage')!.t;
    expect(firstStage(aa.replay!.result.log)).toBe(firstStage(aa.room.result.log));
  });

  it('where the room\'s option is not open at the replay\'s profile (or never came up), the calibrated behaviour runs', () => {
    // At level 3 there is round-the-clock cover: the night-alert decision never comes up.
    const aa = afterAction(playScripted(setupOf('suspicious-login-2am', 2), ['page', 'disable']).play, undefined, quick);
    expect(aa.replay!.profile).toEqual(uniformProfile(3));
    expect(aa.replay!.decisions.map((d) => d.request.point.id)).not.toContain('night-alert');
    const contain = aa.replay!.decisions.find((d) => d.request.point.id === 'contain')!;
    expect(contain).toMatchObject({ how: 'carried', chosen: { id: 'disable' } });
    expect(contain.newlyOpen.map((o) => o.id)).toEqual(['isolate']);
  });

  it('at level 5 there is no level up: no replay of 5 against 5, and the report says so and still names the best choices at 5', () => {
    const aa = afterAction(playScripted(setupOf('suspicious-login-2am', 5), []).play, undefined, quick);
    expect(nextLevel(uniformProfile(5))).toEqual(uniformProfile(5));
    expect(aa.atTop).toBe(true);
    expect(aa.replay).toBeUndefined();
    expect(aa.search.up).toBeUndefined();
    const md = transcriptMarkdown(aa, { scenario: 'suspicious-login-2am' });
    expect(md).toMatch(/## No level up\n\nThe room played at profile 5, level 5 in every domain: there is no level up to replay/);
    expect(md).toMatch(/- replay: none: level 5 everywhere, no level up/);
    expect(md).toMatch(/the best choices open at profile 5: mean cost/);
    expect(md).not.toMatch(/replay, profile 5/);
  });

  it('the transcript is a function of scenario, profile, seed and decisions only', () => {
    const once = () => transcriptMarkdown(afterAction(playScripted(setupOf('db-plugin-cpu-spike', 2, 9), ['3']).play, undefined, quick), { scenario: 'db-plugin-cpu-spike' });
    const a = once();
    expect(once()).toBe(a);
    expect(a).toMatch(/^# After-action report: /);
    expect(a).toMatch(/## Decisions and their consequences/);
    expect(a).toMatch(/## The same story one level up \(profile 3, the room's choices carried over\)/);
    expect(a).toMatch(/imsim tabletop db-plugin-cpu-spike --profile 2 --seed 9 --decisions /);
    expect(a).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});

describe('every shipped scenario as a tabletop', () => {
  it('plays to its end at every level with the first open options, with a stable transcript and a replay one level up', () => {
    for (const scenario of scenarios) {
      for (const level of [1, 2, 3, 4, 5] as Level[]) {
        for (const seed of [1, 2]) {
          const s: Setup = { scenario, profile: uniformProfile(level), seed, replication: 0, calibration: cal };
          const scripted = playScripted(s, []);
          expect(scripted.play.pending, `${scenario.id} at ${level}`).toBeUndefined();
          expect(scripted.defaulted).toHaveLength(scripted.play.decisions.length);
          const aa = afterAction(scripted.play, undefined, quick);
          if (level < 5) expect(aa.replay!.profile).toEqual(uniformProfile((level + 1) as Level));
          else expect(aa.replay).toBeUndefined();
          const md = transcriptMarkdown(aa, { scenario: scenario.id });
          expect(transcriptMarkdown(afterAction(play(s, scripted.play.choices), undefined, quick), { scenario: scenario.id })).toBe(md);
        }
      }
    }
  });
});
