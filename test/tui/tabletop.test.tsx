// The tabletop view, frame by frame: what the room sees and what the facilitator's keys do.
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setImmediate as turn } from 'node:timers/promises';
import { defaultCalibration } from '../../src/calibration/index.js';
import { uniformProfile } from '../../src/model/index.js';
import { afterAction, play, type AfterAction, type Setup } from '../../src/tabletop/index.js';
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

async function given(props: Partial<TabletopAppProps> = {}) {
  const r = render(
    <ThemeContext.Provider value={{ color: false }}>
      <TabletopApp setup={setup} replay={(c) => play(setup, c)} afterAction={afterAction} roomClock={false} {...props} />
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
  it('given the exercise at profile 1, seed 3: the header shows the seed, the clock at Tue 02:00 paused, and the path at identify', async () => {
    const { lastFrame } = await given();
    const f = lastFrame()!;
    expect(f).toMatch(/suspicious-login-2am · profile 1 · seed 3/);
    expect(f).toMatch(/Tue 02:00 T\+0m · ❚❚ paused/);
    expect(f).toMatch(/incident \[identify\] › categorize › prioritize › respond › close/);
    expect(f).toMatch(/the attack begins/);
    expect(f).toMatch(/space resume/);
  });

  it('when n is pressed, the next events appear; an inject arrives in a banner and holds the clock', async () => {
    const r = await given();
    await press(r.stdin, 'n', 'n');
    const f = await frameWhere(r.lastFrame, (x) => x.includes('INJECT'), 'the inject shows');
    expect(f).toMatch(/INJECT Tue 02:05 The provider's ticket reads/);
    expect(f).toMatch(/space to continue/);
    expect(f).toMatch(/lateralMovement/);
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

  it('when q is pressed, the view exits and says whether the exercise had ended', async () => {
    const onExit = vi.fn();
    const r = await given({ onExit });
    await press(r.stdin, 'q');
    expect(onExit).toHaveBeenCalledWith(false);
  });
});
