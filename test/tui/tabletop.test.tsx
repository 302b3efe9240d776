// The tabletop view, frame by frame: what the room sees and what the facilitator's keys do.
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setImmediate as turn } from 'node:timers/promises';
import { defaultCalibration } from '../../src/calibration/index.js';
import { uniformProfile } from '../../src/model/index.js';
import { afterAction, play, type AfterAction, type SessionRecord, type Setup, type SharedDisplay } from '../../src/tabletop/index.js';
import { TabletopApp, type TabletopAppProps } from '../../src/tui/tabletop/TabletopApp.js';
import { ThemeContext } from '../../src/tui/theme.js';
import { frameWhere, KEYS, press } from '../support/ink.js';
import { builtinScenarios } from '../support/scenarios.js';

const setup: Setup = {
  scenario: builtinScenarios().find((s) => s.id === 'suspicious-login-2am')!,
  profile: uniformProfile(1),
  seed: 3,
  replication: 0,
  calibration: defaultCalibration(),
};

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

async function given(props: Partial<TabletopAppProps> = {}, s: Setup = setup) {
  const r = render(
    <ThemeContext.Provider value={{ color: false }}>
      <TabletopApp setup={s} replay={(c) => play(s, c)} afterAction={(p, r) => afterAction(p, r, { searchRuns: 5 })} roomClock={false} {...props} />
    </ThemeContext.Provider>,
  );
  unmount = r.unmount;
  await frameWhere(r.lastFrame, (f) => f.includes('imsim tabletop'), 'the header is drawn');
  await turn();
  return r;
}

/** Presses n until the frame shows a decision (or the summary). */
async function toNextStop(r: Awaited<ReturnType<typeof given>>) {
  for (let i = 0; i < 60; i++) {
    const f = r.lastFrame() ?? '';
    if (/DECISION|AFTER-ACTION/.test(f)) break;
    await press(r.stdin, 'n');
  }
  return frameWhere(r.lastFrame, (f) => /DECISION|AFTER-ACTION/.test(f), 'a decision or the summary shows');
}

describe('the tabletop view', () => {
  it("given the exercise at profile 1, seed 3: the players' view at Tue 02:00, paused, knows of no incident and no attacker", async () => {
    const { lastFrame } = await given();
    const f = lastFrame()!;
    expect(f).toMatch(/suspicious-login-2am · profile 1 · seed 3 · PLAYERS' VIEW/);
    expect(f).toMatch(/module: 1\. The alert in the queue/);
    expect(f).toMatch(/Tue 02:00 T\+0m · ❚❚ paused/);
    expect(f).toMatch(/incident identify › categorize › prioritize › respond › close {3}no incident yet/);
    expect(f).toMatch(/business no incident known yet {3}attacker nothing known yet/);
    expect(f).not.toMatch(/the attack begins/);
    expect(f).toMatch(/space resume/);
  });

  it("when n is pressed, the players see the next thing they can know: the provider's notification, then the ticket in a banner addressed to the SOC; never the attacker's moves", async () => {
    const r = await given();
    await press(r.stdin, 'n');
    let f = await frameWhere(r.lastFrame, (x) => x.includes('EXTERNAL_NOTIFICATION'), 'the notification shows');
    expect(f).toMatch(/Tue 02:32 T\+32m/); // the attacker moved at 02:05 unseen: n skipped it
    expect(f).toMatch(/^imsim tabletop · suspicious-login-2am · profile 1 · seed 3 · PLAYERS' VIEW\nthe customer records · module/); // not the title, which tells the story
    expect(f).not.toMatch(/lateral|exfiltration|attack begins/i);
    await press(r.stdin, 'n');
    f = await frameWhere(r.lastFrame, (x) => x.includes('INJECT'), 'the inject shows');
    expect(f.replace(/[║\s]+/g, ' ')).toMatch(/INJECT Tue 03:08 to Security operations: At 03:08 someone opens the provider's ticket from the night/);
    expect(f.replace(/[║\s]+/g, ' ')).toMatch(/\(space to continue\)/);
    expect(f).toMatch(/attacker nothing known yet/);
    expect(f).not.toMatch(/exfiltration|lateral/i);
  });

  it("v shows the facilitator's view: the attacker's stages, the hidden onset, and the expectations to score; v again hides them", async () => {
    const r = await given();
    await press(r.stdin, 'n', 'n', 'v');
    let f = await frameWhere(r.lastFrame, (x) => x.includes("FACILITATOR'S VIEW"), "the facilitator's view shows");
    expect(f).toMatch(/attacker lateral movement › exfiltration/);
    expect(f).toMatch(/Tue 02:05 +attacker +lateralMovement/);
    expect(f).toMatch(/the attack begins/);
    expect(f).toMatch(/expectations \(1 open, 3 still to come; s to score\)/);
    expect(f).toMatch(/· pending +triage-alert · Security operations · expected 80 · due Tue 03:38/);
    await press(r.stdin, 'v');
    f = await frameWhere(r.lastFrame, (x) => x.includes("PLAYERS' VIEW"), "the players' view is back");
    expect(f).not.toMatch(/lateral|expectations \(/);
  });

  it('s scores the highlighted expectation by typing, even when the keys arrive in one chunk; a bad score is refused with the reason', async () => {
    const onChange = vi.fn((_: SessionRecord) => undefined);
    const r = await given({ onChange });
    await press(r.stdin, 'n', 'n');
    await press(r.stdin, 's120\r');
    await frameWhere(r.lastFrame, (x) => x.includes('a score is 0 to 100'), 'the refusal shows');
    await press(r.stdin, '60\r');
    const f = await frameWhere(r.lastFrame, (x) => x.includes('scored triage-alert: 60'), 'the score is confirmed');
    expect(f).toMatch(/~ partial +triage-alert/);
    await vi.waitFor(() => expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ scores: { 'triage-alert': [60] } })));
  });

  it('o takes a note stamped with the simulated time; Esc closes without keeping anything', async () => {
    const onChange = vi.fn((_: SessionRecord) => undefined);
    const r = await given({ onChange });
    await press(r.stdin, 'n', 'n', 'o');
    await frameWhere(r.lastFrame, (x) => x.includes('NOTE at Tue 03:08 (simulated time)'), 'the note prompt shows');
    await press(r.stdin, 'who owns the provider queue?\r');
    await frameWhere(r.lastFrame, (x) => x.includes('note kept at Tue 03:08'), 'the note is kept');
    await vi.waitFor(() => expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ notes: [{ t: 68, text: 'who owns the provider queue?' }] })));
    await press(r.stdin, 'o', 'draft', KEYS.escape);
    await frameWhere(r.lastFrame, (x) => !x.includes('NOTE at'), 'the prompt closes');
    expect(onChange.mock.calls.at(-1)![0].notes).toHaveLength(1);
  });

  it('when space starts the clock, time moves on its own (display pacing only)', async () => {
    const r = await given({ tickMs: 10 });
    await press(r.stdin, ' ');
    await frameWhere(r.lastFrame, (x) => !x.includes('Tue 02:00 T+0m'), 'the clock has moved');
  });

  it('at the first decision, the option the profile lacks is greyed with its reason and the first open one is highlighted', async () => {
    const r = await given();
    const f = await toNextStop(r);
    expect(f).toMatch(/DECISION night-alert at Tue 03:08/);
    expect(f).toMatch(/incident identify › \[categorize\] › prioritize/);
    expect(f).toMatch(/ {3}1\. Page the on-call analyst[\s│]*not open at this profile: no on-call cover below level 2/);
    expect(f).toMatch(/▶ 2\. Review it with the morning queue/);
  });

  it('when a greyed option\'s number is pressed it is refused with the reason; Enter takes the highlighted one', async () => {
    const r = await given();
    await toNextStop(r);
    await press(r.stdin, '1');
    await frameWhere(r.lastFrame, (x) => x.includes('option 1 is not open at this profile'), 'the refusal shows');
    await press(r.stdin, KEYS.enter);
    await frameWhere(r.lastFrame, (x) => x.includes('chose 2: Review it with the morning queue'), 'the choice is confirmed');
    const f = await toNextStop(r);
    expect(f).toMatch(/DECISION contain/);
    expect(f).toMatch(/1\. Isolate the affected hosts from the SOC console[\s│]*not open at this profile: isolating endpoints from one console needs secOps level 3/);
  });

  it('up/down move between open options only, and Enter takes the one highlighted', async () => {
    const r = await given();
    await toNextStop(r);
    await press(r.stdin, KEYS.enter);
    await toNextStop(r);
    await press(r.stdin, KEYS.down);
    await frameWhere(r.lastFrame, (x) => x.includes('▶ 3. Reset passwords'), 'option 3 is highlighted');
    await press(r.stdin, KEYS.up, KEYS.up);
    await frameWhere(r.lastFrame, (x) => x.includes('▶ 2. Disable'), 'the greyed option 1 is skipped');
    await press(r.stdin, KEYS.down, KEYS.enter);
    await frameWhere(r.lastFrame, (x) => x.includes('chose 3: Reset passwords through the help desk'), 'option 3 is taken');
  });

  it('when u is pressed after a decision, the decision is asked again at its time', async () => {
    const r = await given();
    await toNextStop(r);
    await press(r.stdin, '2');
    await toNextStop(r);
    await press(r.stdin, 'u');
    const f = await frameWhere(r.lastFrame, (x) => x.includes('undid night-alert'), 'the undo is confirmed');
    expect(f).toMatch(/DECISION night-alert at Tue 03:08/);
    expect(f).toMatch(/Tue 03:08 T\+1h 08m/);
  });

  it('played to the end, the summary shows the room beside the replay at profile 2, and the end is reported once', async () => {
    const onEnd = vi.fn((_: AfterAction) => 'transcript written to t.md');
    const r = await given({ onEnd });
    await toNextStop(r);
    await press(r.stdin, KEYS.enter);
    await toNextStop(r);
    await press(r.stdin, KEYS.enter);
    const f = await toNextStop(r);
    expect(f).toMatch(/AFTER-ACTION · seed 3 · profile 1 beside the replay at profile 2 \(one level up\), same seed/);
    expect(f).toMatch(/metric\s+profile 1\s+profile 2\s+change/);
    expect(f).toMatch(/MTTR\s+\d+d \d+h\s+\d+[dh] \d+[hm]\s+-\d+[dh] \d+[hm]/);
    expect(f).toMatch(/the room, profile 1\s+replay, profile 2 \(same seed\)/);
    expect(f).toMatch(/night-alert: 2\. Review it with the morning queue +night-alert: 2 Review it with the morning queue/);
    expect(f).toMatch(/carried over/);
    await frameWhere(r.lastFrame, (x) => x.includes('transcript written to t.md'), 'the transcript notice shows');
    expect(onEnd).toHaveBeenCalledTimes(1);
    expect(onEnd.mock.calls[0]![0].choices).toEqual(['morning', 'disable']);
  });

  it('on a small terminal (60x20) the frame fits, so the header with the seed stays on screen', async () => {
    const r = await given();
    // The terminal is resized: Ink and the view read the size from stdout at each frame.
    Object.defineProperty(r.stdout, 'columns', { value: 60, configurable: true });
    Object.defineProperty(r.stdout, 'rows', { value: 20, configurable: true });
    const fits = (f: string) => f.split('\n').length <= 20 && f.startsWith('imsim tabletop');
    // The first decision comes right after an inject: banner, decision and reasons all wrap.
    let f = await toNextStop(r);
    expect(f).toMatch(/DECISION night-alert/);
    expect(f.split('\n').length, f).toBeLessThanOrEqual(20);
    expect(f).toMatch(/^imsim tabletop · suspicious-login-2am · profile 1 · seed 3/);
    expect(f).toMatch(/▶ 2\. Review it with the morning queue/);
    await press(r.stdin, '2');
    f = await toNextStop(r);
    expect(f).toMatch(/DECISION contain/);
    expect(fits(f), f).toBe(true);
  });

  it('q asks first: n carries on; y exits with the record played so far and whether the exercise had ended', async () => {
    const onExit = vi.fn();
    const r = await given({ onExit, saveTo: 's.yaml' });
    await toNextStop(r);
    await press(r.stdin, '2');
    await press(r.stdin, 'q');
    let f = await frameWhere(r.lastFrame, (x) => x.includes('Quit the exercise?'), 'the question shows');
    expect(f.replace(/[│\s]+/g, ' ')).toMatch(/Quit the exercise\? It has not reached its end\. The session is saved to s\.yaml \(carry on with --resume\)\. y quit · n carry on/);
    await press(r.stdin, 'n');
    f = await frameWhere(r.lastFrame, (x) => !x.includes('Quit the exercise?'), 'the question goes');
    expect(onExit).not.toHaveBeenCalled();
    await press(r.stdin, 'q', 'y');
    await frameWhere(r.lastFrame, () => onExit.mock.calls.length > 0, 'the exit is reported');
    expect(onExit).toHaveBeenCalledWith(false, expect.objectContaining({ choices: ['morning'] }));
  });

  it('a resumed session starts at the decision it stopped at, with its notes and scores', async () => {
    const resume: SessionRecord = { choices: ['morning'], scores: { 'triage-alert': [60] }, notes: [{ t: 68, text: 'n' }], lessons: [], owners: {} };
    const r = await given({ resume, view: 'facilitator' });
    const f = await frameWhere(r.lastFrame, (x) => x.includes('DECISION contain'), 'the pending decision shows');
    expect(f).toMatch(/~ partial +triage-alert/);
  });

  it('at the end, l runs the lessons-learned round: a category, + or -, optionally anonymous; the summary counts them', async () => {
    const onEnd = vi.fn((_: AfterAction) => undefined);
    const r = await given({ onEnd });
    await toNextStop(r);
    await press(r.stdin, KEYS.enter);
    await toNextStop(r);
    await press(r.stdin, KEYS.enter);
    await toNextStop(r);
    await press(r.stdin, 'l');
    let f = await frameWhere(r.lastFrame, (x) => x.includes('LESSONS LEARNED'), 'the lessons round shows');
    expect(f).toMatch(/▶ Alerts and ownership \(0 strengths, 0 to improve\)/);
    expect(f).toMatch(/Which handover between the provider and the internal teams cost the most time\?/);
    await press(r.stdin, '+ the SOC knew whom to call @Dana\r', KEYS.down, '- nobody read the queue at night #secOps\r');
    f = await frameWhere(r.lastFrame, (x) => x.includes('Containment (0 strengths, 1 to improve)'), 'both lessons are kept');
    expect(f).toMatch(/Alerts and ownership \(1 strength, 0 to improve\)/);
    await press(r.stdin, KEYS.escape);
    f = await frameWhere(r.lastFrame, (x) => x.includes('lessons: 2'), 'the summary counts them');
    const last = onEnd.mock.calls.at(-1)![0];
    expect(last.record.lessons).toEqual([
      { category: 'alerting', kind: 'strength', text: 'the SOC knew whom to call', by: 'Dana' },
      { category: 'containment', kind: 'improvement', text: 'nobody read the queue at night', domain: 'secOps' },
    ]);
  });

  it('following another terminal: the display comes from it, keys other than v and q do nothing, and it stops when the facilitator does', async () => {
    let push: (d: SharedDisplay | 'closed') => void = () => undefined;
    const follow = { subscribe: (l: (d: SharedDisplay | 'closed') => void) => ((push = l), () => undefined) };
    const r = await given({ follow });
    const notebook = { scores: { 'triage-alert': [60] }, notes: [], lessons: [], owners: {} };
    push({ choices: ['morning'], notebook, now: 68, paused: true, speed: 3 });
    let f = await frameWhere(r.lastFrame, (x) => x.includes('Tue 03:08 T+1h 08m'), 'the shared moment shows');
    expect(f).toMatch(/PLAYERS' VIEW · following/);
    expect(f).toMatch(/decision +option 2 +Review it with the morning queue/);
    expect(f).toMatch(/v facilitator's view {2}q stop following/);
    await press(r.stdin, 'n', 'u', ' ', 's'); // the facilitator's keys: not here
    await press(r.stdin, 'v');
    f = await frameWhere(r.lastFrame, (x) => x.includes("FACILITATOR'S VIEW · following"), 'the view switches');
    expect(f).toMatch(/Tue 03:08 T\+1h 08m · ❚❚ paused/);
    expect(f).toMatch(/~ partial +triage-alert/);
    push('closed');
    await frameWhere(r.lastFrame, (x) => x.includes("the facilitator's session ended"), 'the end is said');
  });

  it('at level 5 the summary says there is no level up instead of comparing 5 with 5', async () => {
    const r = await given({}, { ...setup, profile: uniformProfile(5) });
    await toNextStop(r);
    await press(r.stdin, KEYS.enter);
    const f = await toNextStop(r);
    expect(f).toMatch(/AFTER-ACTION · seed 3 · profile 5: level 5 everywhere, no level up to replay/);
    expect(f).not.toMatch(/profile 5 beside/);
  });
});
