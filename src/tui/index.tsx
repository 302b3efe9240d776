// The terminal UI (Ink): the comparison dashboard and the tabletop exercise.
// Only commands that draw import this folder, and only with a dynamic import(), so
// `imsim --help`, every --json run and every piped run never load Ink or React.
// May import model, sim (types), stats, report and tabletop; components only display
// what they are given (props and callbacks): the engine or the runner is passed in.
// Files, exit codes and plain output stay in src/cli.
import { render } from 'ink';
import { DashboardApp, type DashboardAppProps } from './dashboard/DashboardApp.js';
import { TabletopApp, type TabletopAppProps } from './tabletop/TabletopApp.js';
import { ThemeContext } from './theme.js';

/** Draws the tabletop until the facilitator quits. */
export async function runTabletopView(props: TabletopAppProps, color: boolean): Promise<void> {
  const app = render(
    <ThemeContext.Provider value={{ color }}>
      <TabletopApp {...props} />
    </ThemeContext.Provider>,
  );
  await app.waitUntilExit();
}

/** Draws the comparison dashboard until the user quits; the caller then prints the final table. */
export async function runDashboardView(props: DashboardAppProps, color: boolean): Promise<void> {
  const app = render(
    <ThemeContext.Provider value={{ color }}>
      <DashboardApp {...props} />
    </ThemeContext.Provider>,
  );
  await app.waitUntilExit();
}
