// `imsim assess` in a real terminal: the questionnaire runs in tmux (120x40), keys go in
// with send-keys, the screen comes back with capture-pane. Every step polls the screen
// until what it waits for shows, or a deadline passes and the test fails with the screen.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUESTIONS } from '../../src/assess/index.js';
import { ROOT } from '../support/cli.js';
import { tmuxTerminal } from '../support/tmux.js';
import { scratchDirs } from '../support/tmp.js';

const term = tmuxTerminal('assess');
const scratch = scratchDirs();
const dir = scratch('imsim-assess-tmux-');

beforeAll(() => term.require());
afterAll(() => {
  term.close();
});

describe('imsim assess in a terminal (tmux)', () => {
  it('answered in the terminal, it writes today into the organization file and the answers to a file that gives the same profile', async () => {
    const org = join(dir, 'org.yaml');
    const saved = join(dir, 'answers.yaml');
    writeFileSync(org, readFileSync(join(ROOT, 'scenarios/orgs/midsize.yaml'), 'utf8'));
    const cmd = `cd '${ROOT}' && env -u CI -u CONTINUOUS_INTEGRATION NO_COLOR=1 '${process.execPath}' bin/imsim assess --org '${org}' --write --save-answers '${saved}'; echo "imsim exited $?"; sleep 600`;
    term.start('assess', cmd);
    await term.until('the first question', (s) => s.includes(`question 1 of ${QUESTIONS.length}`));

    // Every change-management capability in place, everything else not: change at 5, the rest at 1.
    for (const q of QUESTIONS) {
      const n = QUESTIONS.indexOf(q) + 1;
      await term.until(`question ${n}`, (s) => s.includes(`question ${n} of`));
      term.send(q.domain === 'change' ? 'y' : 'n');
    }
    const summary = await term.until('the summary', (s) => s.includes('imsim assess · summary'));
    expect(summary).toContain(`${QUESTIONS.length} of ${QUESTIONS.length} answered`);
    expect(summary).toContain('today: change=5,config=1,observability=1,serviceDesk=1,secOps=1');
    // Change management builds on the CMDB: five levels above it is capped.
    expect(summary).toMatch(/warning: change: level 5 builds on config at level 1; it delivers level 3/);

    term.send('Enter');
    const end = await term.until('the command to finish', (s) => s.includes('imsim exited'));
    expect(end).toContain('imsim exited 0');
    expect(end).toContain(`wrote profiles.today into ${org} (was change=2,config=2,observability=2,serviceDesk=3,secOps=2)`);
    expect(readFileSync(org, 'utf8')).toContain('  today: change=5,config=1,observability=1,serviceDesk=1,secOps=1\n');
    const again = spawnSync(process.execPath, ['bin/imsim', 'assess', '--answers', saved, '--json'], { cwd: ROOT, encoding: 'utf8' });
    expect(JSON.parse(again.stdout).profile).toBe('change=5,config=1,observability=1,serviceDesk=1,secOps=1');
  });
});
