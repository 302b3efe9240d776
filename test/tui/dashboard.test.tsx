// The comparison dashboard, frame by frame: progress while the runner works, the profiles
// side by side with the paired change, the histogram, and the keys.
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultCalibration } from '../../src/calibration/index.js';
import { uniformProfile } from '../../src/model/index.js';
import { compareInChunks, type ChunkUpdate } from '../../src/experiment/chunks.js';
import { DashboardApp, type DashboardAppProps } from '../../src/tui/dashboard/DashboardApp.js';
import { ThemeContext } from '../../src/tui/theme.js';
import { frameWhere, KEYS, press } from '../support/ink.js';
import { builtinScenarios } from '../support/scenarios.js';

const cal = defaultCalibration();
const all = builtinScenarios();
const scenarios = ['db-plugin-cpu-spike', 'suspicious-login-2am'].map((id) => all.find((s) => s.id === id)!);
const profiles = [uniformProfile(1), uniformProfile(3)];
const RUNS = 60;

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

function given(props: Partial<DashboardAppProps> = {}) {
  const r = render(
    <ThemeContext.Provider value={{ color: false }}>
      <DashboardApp
        scenarios={scenarios}
        profiles={profiles}
        runs={RUNS}
        seed={4}
        calibration={cal.hash}
        run={() => compareInChunks(scenarios, profiles, { runs: RUNS, seed: 4, calibration: cal, chunk: 20 })}
        {...props}
      />
    </ThemeContext.Provider>,
  );
  unmount = r.unmount;
  return r;
}

/** A runner that hands out the real updates one at a time, when the test says so. */
function gatedRunner() {
  const updates: ChunkUpdate[] = [];
  let release: () => void = () => {};
  let gate = new Promise<void>((r) => (release = r));
  async function* run() {
    for await (const u of compareInChunks(scenarios, profiles, { runs: RUNS, seed: 4, calibration: cal, chunk: 20 })) {
      await gate;
      gate = new Promise<void>((r) => (release = r));
      updates.push(u);
      yield u;
    }
  }
  return { run, step: () => release(), updates };
}

describe('the comparison dashboard', () => {
  it('given replications still to run, shows the progress so far and waits for the first results', async () => {
    const g = gatedRunner();
    const r = given({ run: g.run });
    let f = await frameWhere(r.lastFrame, (x) => x.includes('replications'), 'the progress bar shows');
    expect(f).toMatch(/imsim compare · 2 scenarios · profiles 1, 3 · 60 runs each · seed 4/);
    expect(f).toMatch(/0% 0 of 120 replications/);
    expect(f).toMatch(/waiting for its replications/);
    g.step();
    f = await frameWhere(r.lastFrame, (x) => x.includes('20 of 120 replications'), 'the first chunk is counted');
    expect(f).toMatch(/16% /);
    expect(f).toMatch(/running db-plugin-cpu-spike/);
    expect(f).toMatch(/20 of 60 runs so far/);
  });

  it('when the runs are done, shows the profiles side by side (mean and p90), the change with its interval, and the MTTR histogram', async () => {
    const r = given();
    const f = await frameWhere(r.lastFrame, (x) => x.includes('· done'), 'all replications are done');
    expect(f).toMatch(/100% 120 of 120 replications · done/);
    expect(f).toMatch(/✓ db-plugin-cpu-spike/);
    expect(f).toMatch(/✓ suspicious-login-2am/);
    expect(f).toMatch(/profile\s+\[MTTR \(p90\)\]\s+disruption \(p90\)\s+cost \(p90\)/);
    expect(f).toMatch(/change against 1, mean \[95% interval\]/);
    // MTTR at level 3 is far below level 1 on this scenario: the interval excludes zero.
    expect(f).toMatch(/^.*3\s+-\S+( \S+)? \[-[^\]]+\] ▼/m);
    expect(f).toMatch(/MTTR distribution \(share of runs per bin\)/);
    expect(f).toMatch(/█/);
  });

  it('when down is pressed, the next scenario shows; tab moves the focus to the next metric', async () => {
    const r = given();
    await frameWhere(r.lastFrame, (x) => x.includes('· done'), 'all replications are done');
    await press(r.stdin, KEYS.up);
    await frameWhere(r.lastFrame, (x) => /▶. db-plugin-cpu-spike/.test(x), 'the first scenario is selected');
    await press(r.stdin, KEYS.down);
    let f = await frameWhere(r.lastFrame, (x) => x.includes('suspicious-login-2am: Suspicious login'), 'the second scenario shows');
    expect(f).toMatch(/▶. suspicious-login-2am/);
    await press(r.stdin, KEYS.tab);
    f = await frameWhere(r.lastFrame, (x) => x.includes('disruption distribution'), 'the focus moves to disruption');
    expect(f).toMatch(/\[disruption \(p90\)\]/);
    // cost, MTTC, close, then compromise.
    await press(r.stdin, KEYS.tab, KEYS.tab, KEYS.tab, KEYS.tab);
    f = await frameWhere(r.lastFrame, (x) => x.includes('lateral movement distribution') || x.includes('compromise distribution'), 'a security metric is in focus');
    await press(r.stdin, KEYS.shiftTab);
    await frameWhere(r.lastFrame, (x) => x.includes('close distribution'), 'shift+tab goes back');
  });

  it('when q is pressed, the view clears itself and hands over what has run', async () => {
    const onExit = vi.fn();
    const r = given({ onExit });
    await frameWhere(r.lastFrame, (x) => x.includes('· done'), 'all replications are done');
    await press(r.stdin, 'q');
    await frameWhere(r.lastFrame, (x) => x.trim() === '', 'the frame is empty');
    expect(onExit).toHaveBeenCalledTimes(1);
    const results = onExit.mock.calls[0]![0] as ChunkUpdate[];
    expect(results.map((u) => u.done)).toEqual([RUNS, RUNS]);
  });
});
