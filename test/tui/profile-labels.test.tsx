// Names and delivered levels on screen: the compare dashboard's legend says what each
// column's profile stands for (`today = levels`, `levels · delivers change=3`), and the
// tabletop header shows the name, then the levels and what a held-back profile delivers.
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultCalibration } from '../../src/calibration/index.js';
import { canonicalProfile, parseProfile, uniformProfile } from '../../src/model/index.js';
import { deliveredProfile, profileLabel, screenLabel } from '../../src/org/profiles.js';
import { compareInChunks } from '../../src/experiment/chunks.js';
import { afterAction, play, type Setup } from '../../src/tabletop/index.js';
import { DashboardApp } from '../../src/tui/dashboard/DashboardApp.js';
import { TabletopApp } from '../../src/tui/tabletop/TabletopApp.js';
import { ThemeContext } from '../../src/tui/theme.js';
import { frameWhere } from '../support/ink.js';
import { builtinScenarios } from '../support/scenarios.js';

const cal = defaultCalibration();
const scenario = builtinScenarios().find((s) => s.id === 'db-plugin-cpu-spike')!;
const today = parseProfile('change=2,config=2,observability=2,serviceDesk=3,secOps=2');
const held = parseProfile('change=5');
const heldLabel = profileLabel(held, undefined, deliveredProfile(held, cal));

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

describe('profile labels on screen', () => {
  it('the label of a held-back profile says what it delivers; a named one keeps its levels', () => {
    expect(heldLabel).toBe(`${canonicalProfile(held)} (delivers ${canonicalProfile(deliveredProfile(held, cal))})`);
    expect(profileLabel(today, 'today', deliveredProfile(today, cal))).toBe(`today (${canonicalProfile(today)})`);
    expect(profileLabel(held, 'stretch', deliveredProfile(held, cal))).toBe(`stretch (${canonicalProfile(held)}; delivers ${canonicalProfile(deliveredProfile(held, cal))})`);
  });

  it('the dashboard: columns by name where short, a legend line for every profile the column does not say in full', async () => {
    const profiles = [today, held, uniformProfile(3)];
    const labels = [screenLabel(today, 'today'), screenLabel(held, undefined, deliveredProfile(held, cal)), '3'];
    const r = render(
      <ThemeContext.Provider value={{ color: false }}>
        <DashboardApp
          scenarios={[scenario]}
          profiles={profiles}
          runs={10}
          seed={2}
          calibration={cal.hash}
          labels={labels}
          profileNames={['today', undefined, undefined]}
          run={() => compareInChunks([scenario], profiles, { runs: 10, seed: 2, calibration: cal, chunk: 10 })}
        />
      </ThemeContext.Provider>,
    );
    unmount = r.unmount;
    const f = await frameWhere(r.lastFrame, (x) => x.includes('P2:'), 'the legend shows');
    expect(f).toContain('profiles today, P2, 3');
    expect(f).toContain(`today: today = ${canonicalProfile(today)}`);
    expect(f).toContain(`P2: ${canonicalProfile(held)} · delivers change=${deliveredProfile(held, cal).change}`);
    expect(f).not.toMatch(/^3: /m);
  });

  it('the tabletop header: the name on the first line, the levels and what they deliver on the second', async () => {
    const setup: Setup = { scenario, profile: held, seed: 1, replication: 0, calibration: cal };
    const cases = [
      { props: { profileName: 'stretch', profileLabel: screenLabel(held, 'stretch', deliveredProfile(held, cal)) }, first: 'profile stretch ·', second: `profile stretch = ${canonicalProfile(held)} · delivers change=` },
      // Unnamed and held back: the levels (cut short on a narrow terminal) first, then the levels in full with what they deliver.
      { props: { profileLabel: screenLabel(held, undefined, deliveredProfile(held, cal)) }, first: 'profile change=5,', second: `profile ${canonicalProfile(held)} · delivers change=` },
      { props: {}, first: 'profile change=5,', second: undefined },
    ];
    for (const c of cases) {
      const r = render(
        <ThemeContext.Provider value={{ color: false }}>
          <TabletopApp setup={setup} replay={(x) => play(setup, x)} afterAction={(p, rec) => afterAction(p, rec, { searchRuns: 5 })} roomClock={false} {...c.props} />
        </ThemeContext.Provider>,
      );
      unmount = r.unmount;
      const f = await frameWhere(r.lastFrame, (x) => x.includes('imsim tabletop'), 'the header is drawn');
      const [line1, line2] = f.split('\n');
      expect(line1).toContain(c.first);
      if (c.second) expect(line2).toContain(c.second);
      else expect(line2).not.toContain('profile');
      r.unmount();
      unmount = undefined;
    }
  });
});
