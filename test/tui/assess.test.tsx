// The assessment questionnaire, frame by frame: what the person answering sees and what
// their keys do.
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { assess, QUESTIONS, type AnswerSet } from '../../src/assess/index.js';
import { AssessApp, type AssessAppProps } from '../../src/tui/assess/AssessApp.js';
import { ThemeContext } from '../../src/tui/theme.js';
import { frameWhere, KEYS, press } from '../support/ink.js';

let unmount: (() => void) | undefined;
/** The frame with its wrapping undone: long lines wrap at the test terminal's 100 columns. */
const flat = (f: string) => f.replace(/\s+/g, ' ');
afterEach(() => unmount?.());

async function given(props: Partial<AssessAppProps> = {}) {
  const r = render(
    <ThemeContext.Provider value={{ color: false }}>
      <AssessApp score={(s) => assess(s, 2)} onDone={() => {}} {...props} />
    </ThemeContext.Provider>,
  );
  unmount = r.unmount;
  await frameWhere(r.lastFrame, (f) => f.includes('imsim assess'), 'the header is drawn');
  return r;
}

describe('the assessment questionnaire', () => {
  it('opens on the first question with its domain, level, seed section and the keys', async () => {
    const { lastFrame } = await given();
    const f = lastFrame()!;
    expect(f).toContain(`imsim assess · question 1 of ${QUESTIONS.length} · change management · level 2`);
    expect(flat(f)).toContain(QUESTIONS[0]!.text);
    expect(flat(f)).toContain(`source: ${QUESTIONS[0]!.source} · id ${QUESTIONS[0]!.id}`);
    expect(f).toContain('(not answered)');
    expect(f).toMatch(/y yes {2}p partly {2}n no {2}space leave blank/);
  });

  it('y answers and moves on; b goes back and shows the answer given in brackets', async () => {
    const r = await given();
    await press(r.stdin, 'y');
    await frameWhere(r.lastFrame, (f) => f.includes('question 2 of'), 'the second question shows');
    expect(r.lastFrame()).toContain('1 answered');
    await press(r.stdin, 'b');
    const f = await frameWhere(r.lastFrame, (x) => x.includes('question 1 of'), 'back at the first question');
    expect(f).toContain('[yes]');
  });

  it('keys arriving in one chunk are taken in order', async () => {
    const r = await given();
    await press(r.stdin, 'ypn');
    await frameWhere(r.lastFrame, (f) => f.includes('question 4 of'), 'three questions answered at once');
    expect(r.lastFrame()).toContain('3 answered');
  });

  it('? shows the summary: the profile the answers support, what holds each domain back, and the warnings', async () => {
    const r = await given();
    await press(r.stdin, 'y', 'y', '?');
    const f = await frameWhere(r.lastFrame, (x) => x.includes('summary'), 'the summary shows');
    expect(f).toContain('imsim assess · summary · 2 of');
    expect(flat(f)).toContain('change level 2 · 000 Level 1, Steps to Mature (Change Management); 000 Level 2, Attributes; 000 summary matrix');
    expect(flat(f)).toContain('level 3 needs: change.ownersAndChecklists (blank), change.riskBased (blank)');
    expect(flat(f)).toMatch(/warning: \d+ of \d+ questions left blank/);
    expect(f).toContain('today: change=2,config=1,observability=1,serviceDesk=1,secOps=1');
    expect(f).toMatch(/enter done {2}r review blanks/);
  });

  it('Enter on the summary hands the answers back, blanks left out', async () => {
    let done: AnswerSet | undefined;
    const r = await given({ onDone: (s) => (done = s) });
    await press(r.stdin, 'y', 'n', ' ', 'p', '?');
    await frameWhere(r.lastFrame, (x) => x.includes('summary'), 'the summary shows');
    await press(r.stdin, KEYS.enter);
    // Ink hands the answers back on its own turn: on a busy machine that can be later than press's.
    await vi.waitFor(() => expect(done).toBeDefined());
    expect([...done!.answers].map(([id, g]) => [id, g.answer])).toEqual([
      [QUESTIONS[0]!.id, 'yes'],
      [QUESTIONS[1]!.id, 'no'],
      [QUESTIONS[3]!.id, 'partly'],
    ]);
  });

  it('q quits without handing anything back', async () => {
    let done = false;
    let quitAfter = -1;
    const r = await given({ onDone: () => (done = true), onQuit: (n) => (quitAfter = n) });
    await press(r.stdin, 'y', 'q');
    await vi.waitFor(() => expect(quitAfter).toBe(1));
    expect(done).toBe(false);
  });

  it('starting from answers already given, it opens on the first question left blank', async () => {
    const start: AnswerSet = { answers: new Map([[QUESTIONS[0]!.id, { answer: 'yes' }], [QUESTIONS[1]!.id, { answer: 'yes' }]]) };
    const { lastFrame } = await given({ start });
    expect(lastFrame()).toContain('question 3 of');
    expect(lastFrame()).toContain('2 answered');
  });
});
