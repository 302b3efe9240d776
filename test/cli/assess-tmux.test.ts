// `imsim assess` in a real terminal: the questionnaire runs in tmux (120x40), keys go in
// with send-keys, the screen comes back with capture-pane. Every step polls the screen
// until what it waits for shows, or a deadline passes and the test fails with the screen.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUESTIONS } from '../../src/assess/index.js';
import { ROOT } from '../support/cli.js';

const SOCKET = `imsim-assess-${process.pid}`;
const SESSION = 'assess';
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-J', '-t', SESSION);
const send = (...keys: string[]) => void tmux('send-keys', '-t', SESSION, ...keys);

async function until(what: string, check: (s: string) => boolean, ms = 15_000): Promise<string> {
  const deadline = performance.now() + ms;
  for (;;) {
    const s = screen();
    if (check(s)) return s;
    if (performance.now() > deadline) throw new Error(`the screen never showed ${what} within ${ms} ms; it shows:\n${s}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const dir = mkdtempSync(join(tmpdir(), 'imsim-assess-tmux-'));

beforeAll(() => {
  if (spawnSync('sh', ['-c', 'command -v tmux']).status !== 0) throw new Error('tmux is needed for this test: apt-get install -y tmux (.ci/run installs it)');
});

afterAll(() => {
  const socket = spawnSync('tmux', ['-L', SOCKET, 'display-message', '-p', '#{socket_path}'], { encoding: 'utf8' }).stdout.trim();
  spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
  if (socket.includes(SOCKET)) rmSync(socket, { force: true });
  rmSync(dir, { recursive: true, force: true });
});

describe('imsim assess in a terminal (tmux)', () => {
  it('answered in the terminal, it writes today into the organization file and the answers to a file that gives the same profile', async () => {
    const org = join(dir, 'org.yaml');
    const saved = join(dir, 'answers.yaml');
    writeFileSync(org, readFileSync(join(ROOT, 'scenarios/orgs/midsize.yaml'), 'utf8'));
    const cmd = `cd '${ROOT}' && env -u CI -u CONTINUOUS_INTEGRATION NO_COLOR=1 '${process.execPath}' bin/imsim assess --org '${org}' --write --save-answers '${saved}'; echo "imsim exited $?"; sleep 600`;
    tmux('new-session', '-d', '-s', SESSION, '-x', '120', '-y', '40', cmd);
    await until('the first question', (s) => s.includes(`question 1 of ${QUESTIONS.length}`));

    // Every change-management capability in place, everything else not: change at 5, the rest at 1.
    for (const q of QUESTIONS) {
      const n = QUESTIONS.indexOf(q) + 1;
      await until(`question ${n}`, (s) => s.includes(`question ${n} of`));
      send(q.domain === 'change' ? 'y' : 'n');
    }
    const summary = await until('the summary', (s) => s.includes('imsim assess · summary'));
    expect(summary).toContain(`${QUESTIONS.length} of ${QUESTIONS.length} answered`);
    expect(summary).toContain('today: change=5,config=1,observability=1,serviceDesk=1,secOps=1');
    // Change management builds on the CMDB: five levels above it is capped.
    expect(summary).toMatch(/warning: change: level 5 builds on config at level 1; it delivers level 3/);

    send('Enter');
    const end = await until('the command to finish', (s) => s.includes('imsim exited'));
    expect(end).toContain('imsim exited 0');
    expect(end).toContain(`wrote profiles.today into ${org} (was change=2,config=2,observability=2,serviceDesk=3,secOps=2)`);
    expect(readFileSync(org, 'utf8')).toContain('  today: change=5,config=1,observability=1,serviceDesk=1,secOps=1\n');
    const again = spawnSync(process.execPath, ['bin/imsim', 'assess', '--answers', saved, '--json'], { cwd: ROOT, encoding: 'utf8' });
    expect(JSON.parse(again.stdout).profile).toBe('change=5,config=1,observability=1,serviceDesk=1,secOps=1');
  });
});
