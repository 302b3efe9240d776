// Drawing the assessment questionnaire until it is done or quit. Imported by the CLI
// only on a terminal, with a dynamic import(), like the rest of src/tui.
import { render } from 'ink';
import { ThemeContext } from '../theme.js';
import { AssessApp, type AssessAppProps } from './AssessApp.js';

export async function runAssessView(props: AssessAppProps, color: boolean): Promise<void> {
  const app = render(
    <ThemeContext.Provider value={{ color }}>
      <AssessApp {...props} />
    </ThemeContext.Provider>,
  );
  await app.waitUntilExit();
}
