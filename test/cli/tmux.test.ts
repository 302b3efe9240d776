// End-to-end in a real terminal: `imsim tabletop` runs in tmux (a fixed 120x40 screen),
// keys go in with send-keys, the screen comes back with capture-pane. Nothing sleeps for
// a guessed time: every step polls the screen until what it waits for shows, or a
// deadline passes and the test fails with the screen it last saw.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imsim, ROOT } from '../support/cli.js';
import { tmuxTerminal } from '../support/tmux.js';
import { scratchDirs } from '../support/tmp.js';

const term = tmuxTerminal('e2e');
const { screen, send, until } = term;
/** Starts `imsim ARGS` in a new 120x40 session that stays open after it exits. */
const start = (session: string, env: string, args: string, rows = 40) =>
  term.start(session, `cd '${ROOT}' && env -u CI -u CONTINUOUS_INTEGRATION -u NO_COLOR ${env} '${process.execPath}' bin/imsim ${args}; echo "imsim exited $?"; sleep 600`, 120, rows);
/** `[state]` drawn in inverse video (tmux may merge attributes into one SGR sequence). */
const inverse = (state: string) => new RegExp(`\\u001b\\[(?:\\d*;)*7(?:;\\d*)*m(?:\\u001b\\[[0-9;]*m)*\\[${state}\\]`);
/** SGR parameters that set a colour (foreground or background, 16, 256 or true colour). */
const colours = (text: string) =>
  [...text.matchAll(/\u001b\[([0-9;]*)m/g)].flatMap((m) => m[1]!.split(';').map(Number)).filter((n) => (n >= 30 && n <= 38) || (n >= 40 && n <= 48) || (n >= 90 && n <= 107));

/** Presses n, one event at a time, until `pattern` is on screen. */
async function nextUntil(pattern: RegExp, tries = 100): Promise<string> {
  for (let i = 0; i < tries; i++) {
    const before = screen();
    if (pattern.test(before)) return before;
    send('n');
    await until('the next event', (s) => s !== before || pattern.test(s), 5_000);
  }
  throw new Error(`pressing n never reached ${pattern}; the screen shows:\n${screen()}`);
}

const dir = scratchDirs()('imsim-tmux-');
const transcript = join(dir, 'room.md');

beforeAll(() => term.require());

afterAll(() => {
  term.close();
  // Quitting saves the session; with --save it goes to the temporary folder, never the project.
  expect(readdirSync(ROOT).filter((f) => f.endsWith('.session.yaml'))).toEqual([]);
});

describe('imsim tabletop in a terminal (tmux)', () => {
  it('shows the clock at 02:00, the path with the current state highlighted, greyed options with reasons, and ends with the summary beside level 2', async () => {
    // Given the exercise at profile 1, seed 3: paused at the onset.
    start('tabletop', '', `tabletop suspicious-login-2am --profile 1 --seed 3 --view facilitator --transcript '${transcript}' --save '${join(dir, 'first.session.yaml')}'`);
    let s = await until('the header at 02:00', (x) => x.includes('imsim tabletop') && x.includes('Tue 02:00 T+0m'));
    expect(s).toMatch(/suspicious-login-2am · profile 1 · seed 3/);
    expect(s).toMatch(/incident \[identify\] › categorize › prioritize › respond › close/);
    expect(screen(true)).toMatch(inverse('identify')); // drawn in inverse video
    expect(colours(screen(true)).length).toBeGreaterThan(0);

    // When the facilitator steps through events: the first decision, one option greyed with its reason.
    s = await nextUntil(/DECISION night-alert/);
    expect(s).toMatch(/incident identify › \[categorize\] › prioritize › respond › close\s+now: categorize\.afterHours/);
    expect(s).toMatch(/1\. Page the on-call analyst[\s│]*not open at this profile: no on-call cover below level 2/);
    expect(s).toMatch(/▶ 2\. Review it with the morning queue/);

    // Enter alone takes the highlighted option, the first open one.
    send('Enter');
    await until('the choice confirmed', (x) => x.includes('chose 2: Review it with the morning queue'));

    // The next decision: the level-3-only option is greyed with its reason.
    s = await nextUntil(/DECISION contain/);
    expect(s).toMatch(/\[respond\]/);
    expect(s).toMatch(/1\. Isolate the affected hosts from the SOC console[\s│]*not open at this profile: isolating endpoints from one console needs secOps level 3/);
    send('2');
    await until('the choice confirmed', (x) => x.includes('chose 2: Disable the compromised account'));

    // Played to the end: the summary, with the same scenario at level 2 beside it.
    s = await nextUntil(/AFTER-ACTION/, 200);
    expect(s).toMatch(/AFTER-ACTION · seed 3 · profile 1 beside the replay at profile 2 \(one level up\), same seed/);
    expect(s).toMatch(/metric\s+profile 1\s+profile 2\s+change/);
    expect(s).toMatch(/the room, profile 1\s+replay, profile 2 \(same seed\)/);
    expect(s).toMatch(/■ ended/);
    await until('the report notice', (x) => x.includes(`after-action report written to ${transcript}`));

    // q asks, then quits, leaving the summary on screen.
    send('q');
    await until('the quit question', (x) => x.includes('Quit the exercise?'));
    send('y');
    s = await until('the exit', (x) => x.includes('imsim exited 0'));
    expect(s).toMatch(/AFTER-ACTION/);

    // The room's transcript is the one the same decisions give without a keyboard.
    const scripted = join(dir, 'scripted.md');
    expect(imsim(['tabletop', 'suspicious-login-2am', '--profile', '1', '--seed', '3', '--decisions', '2,2', '--transcript', scripted]).code).toBe(0);
    expect(readFileSync(transcript, 'utf8')).toBe(readFileSync(scripted, 'utf8'));
  });
});

/** The simulated minutes since the onset in the header (`T+1h 08m`, `T+2d 4h`). */
const elapsed = (screenText: string) => {
  const m = /T\+(?:(\d+)d )?(?:(\d+)h )?(?:(\d+)m)?/.exec(screenText)!;
  return Number(m[1] ?? 0) * 1440 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
};

describe("the players' and the facilitator's views in a terminal (tmux)", () => {
  it("at level 1 the players' screen never shows an attacker stage before the organization detects the attack; the facilitator's view does", async () => {
    // What happens, from the same exercise played without a keyboard.
    const doc = JSON.parse(imsim(['tabletop', 'suspicious-login-2am', '--profile', '1', '--seed', '3', '--decisions', '2,2', '--json']).stdout);
    const rows = doc.timeline as { minute: number; source: string; event: string; state: string }[];
    const detected = rows.find((r) => r.source === 'incident' && /^(categorize|prioritize|respond|close)/.test(r.state))!.minute;
    const stages = rows.filter((r) => r.source === 'attacker');
    expect(stages[0]!.minute).toBeLessThan(detected); // the attacker moves before anyone knows

    start('players', '', `tabletop suspicious-login-2am --profile 1 --seed 3 --save '${join(dir, 'players.session.yaml')}'`);
    let s = await until('the header', (x) => x.includes("PLAYERS' VIEW") && x.includes('Tue 02:00 T+0m'));
    const screens: string[] = [s];
    // Step through every moment the players can see, deciding with Enter, to the end.
    for (let i = 0; i < 200 && !/AFTER-ACTION/.test(s); i++) {
      const before = s;
      send(/DECISION/.test(s) ? 'Enter' : 'n');
      s = await until('the next screen', (x) => x !== before, 5_000);
      screens.push(s);
    }
    expect(s).toMatch(/AFTER-ACTION/);
    const playing = screens.filter((x) => !/AFTER-ACTION/.test(x));
    for (const x of playing) {
      const t = elapsed(x);
      expect(x).not.toMatch(/lateral movement and exfiltration/); // the title tells the story: not on the players' screen
      if (t < detected) {
        expect(x, `at T+${t} (detected at ${detected})`).not.toMatch(/attacker +(lateralMovement|exfiltration)|attacker lateral|stage/);
        expect(x, `at T+${t}`).toMatch(/attacker nothing known yet/);
        expect(x, `at T+${t}`).not.toMatch(/the attack begins/);
      }
    }
    // The players did see the attacker's moves in the end, once the attack was confirmed.
    expect(playing.some((x) => /attacker lateral movement › exfiltration/.test(x))).toBe(true);
    send('q');
    await until('the quit question', (x) => x.includes('Quit the exercise?'));
    send('n');

    // The facilitator's view, before detection, shows the stage the players could not see.
    start('facilitator', '', `tabletop suspicious-login-2am --profile 1 --seed 3 --view facilitator --save '${join(dir, 'facilitator.session.yaml')}'`);
    await until('the header', (x) => x.includes("FACILITATOR'S VIEW") && x.includes('Tue 02:00 T+0m'));
    send('n');
    s = await until('the first stage', (x) => /attacker +lateralMovement/.test(x));
    expect(elapsed(s)).toBeLessThan(detected);
    expect(s).toMatch(/attacker lateral movement/);
    expect(s).toMatch(/the attack begins/);
    // v toggles to what the players see at the same moment: nothing of it.
    send('v');
    s = await until("the players' view", (x) => x.includes("PLAYERS' VIEW"));
    expect(s).not.toMatch(/lateralMovement|attacker lateral|the attack begins/);
    expect(s).toMatch(/attacker nothing known yet/);
  });
});

describe('a session that survives (tmux)', () => {
  it('q asks, then saves what has been played; --resume carries on and ends with the same report as the exercise played straight', async () => {
    const session = join(dir, 'lunch.session.yaml');
    const resumed = join(dir, 'resumed.md');
    start('before-lunch', '', `tabletop suspicious-login-2am --profile 1 --seed 3 --save '${session}'`);
    await until('the header', (x) => x.includes('Tue 02:00 T+0m'));
    await nextUntil(/DECISION night-alert/);
    // The facilitator scores the SOC and notes something, the room decides, then lunch.
    send('s');
    await until('the score prompt', (x) => x.includes('SCORE triage-alert'));
    send('6', '0', 'Enter');
    await until('the score', (x) => x.includes('scored triage-alert: 60'));
    send('Escape');
    await until('the prompt closes', (x) => !x.includes('SCORE triage-alert'));
    send('2');
    await until('the choice', (x) => x.includes('chose 2: Review it with the morning queue'));
    send('q');
    await until('the quit question', (x) => x.includes('Quit the exercise?') && x.includes(session.split('/').pop()!));
    send('y');
    let s = await until('the exit', (x) => x.includes('imsim exited 0'));
    expect(s).toMatch(/session saved to .*lunch\.session\.yaml; carry on with: imsim tabletop --resume/);
    expect(readFileSync(session, 'utf8')).toMatch(/decisions:\n  - morning\nscores:\n  triage-alert:\n    - 60\n/);

    // After lunch: the same session, the next decision, the end.
    start('after-lunch', '', `tabletop --resume '${session}' --report '${resumed}'`);
    s = await until('the pending decision', (x) => x.includes('DECISION contain'));
    expect(s).toMatch(/Tue 14:12/);
    send('2');
    await until('the choice', (x) => x.includes('chose 2: Disable the compromised account'));
    await nextUntil(/AFTER-ACTION/, 200);
    await until('the report notice', (x) => x.includes(`after-action report written to ${resumed}`));
    send('q');
    await until('the quit question', (x) => x.includes('Quit the exercise?'));
    send('y');
    await until('the exit', (x) => x.includes('imsim exited 0'));

    const straight = join(dir, 'straight.md');
    expect(imsim(['tabletop', 'suspicious-login-2am', '--profile', '1', '--seed', '3', '--decisions', '2,2', '--scores', 'triage-alert=60', '--report', straight]).code).toBe(0);
    expect(readFileSync(resumed, 'utf8')).toBe(readFileSync(straight, 'utf8'));
  });
});

describe('a second terminal following the facilitator (tmux)', () => {
  it("the projector follows the facilitator's exercise in the players' view: same clock and decisions, no attacker stage the players cannot know", async () => {
    const socket = join(dir, 'room.sock');
    start('share-facilitator', '', `tabletop suspicious-login-2am --profile 1 --seed 3 --view facilitator --share '${socket}' --save '${join(dir, 'shared.session.yaml')}'`);
    await until('the facilitator', (x) => x.includes("FACILITATOR'S VIEW") && x.includes('Tue 02:00 T+0m'));
    start('share-projector', '', `tabletop --follow '${socket}'`);
    const projector = 'share-projector';
    const on = (session: string) => term.use(session);
    let p = await until('the projector', (x) => x.includes("PLAYERS' VIEW · following") && x.includes('Tue 02:00 T+0m'));
    expect(p).toMatch(/v facilitator's view {2}q stop following/);

    // The facilitator steps to the attacker's first move: the projector shows the same moment, without it.
    on('share-facilitator');
    let f = await nextUntil(/attacker +lateralMovement/);
    const clock = /Tue \d\d:\d\d T\+\S+/.exec(f)![0];
    on(projector);
    p = await until('the same moment', (x) => x.includes(clock));
    expect(p).toMatch(/attacker nothing known yet/);
    expect(p).not.toMatch(/lateralMovement|the attack begins/);

    // The room decides on the facilitator's keyboard; the projector shows the decision.
    on('share-facilitator');
    f = await nextUntil(/DECISION night-alert/);
    send('2');
    on(projector);
    p = await until('the decision on the projector', (x) => /decision +option 2/.test(x));
    expect(p).toMatch(/Tue 03:08 +decision +option 2 +Review it with the morning queue/);

    // The projector's own keys: v changes only its view.
    send('v');
    p = await until("the projector's facilitator view", (x) => x.includes("FACILITATOR'S VIEW · following"));
    expect(p).toMatch(/attacker +lateralMovement/);
    on('share-facilitator');
    expect(screen()).toMatch(/FACILITATOR'S VIEW/);

    // The facilitator quits: the projector stops with it, and the socket is gone.
    send('q');
    await until('the quit question', (x) => x.includes('Quit the exercise?'));
    send('y');
    await until('the exit', (x) => x.includes('imsim exited 0'));
    on(projector);
    await until('the projector stops', (x) => x.includes('imsim exited 0'));
    expect(existsSync(socket)).toBe(false);

    // Following nothing is a clear error.
    start('share-nothing', '', `tabletop --follow '${socket}'`);
    p = await until('the error', (x) => x.includes('imsim exited 2'));
    expect(p).toMatch(/--follow .*room\.sock: no exercise is shared there \(start one with --share\)/);
  });
});

describe('NO_COLOR in the terminal views', () => {
  it('the tabletop draws without a single colour, keeping bold, inverse and the bracketed state', async () => {
    start('nocolor', 'NO_COLOR=1', `tabletop suspicious-login-2am --profile 1 --seed 3 --save '${join(dir, 'nocolor.session.yaml')}'`);
    await until('the header', (x) => x.includes('Tue 02:00 T+0m'));
    await nextUntil(/DECISION night-alert/);
    const s = screen(true);
    expect(colours(s)).toEqual([]);
    expect(s).toMatch(inverse('categorize'));
    send('q');
    await until('the quit question', (x) => x.includes('Quit the exercise?'));
    send('y');
    await until('the exit', (x) => x.includes('imsim exited 0'));
  });
});

describe('imsim compare in a terminal (tmux)', () => {
  it('shows progress, then the profiles side by side; keys move between scenarios and metrics; q leaves the plain table', async () => {
    // Tall enough for the whole plain table (each scenario says where its cost comes from).
    start('dashboard', '', 'compare db-plugin-cpu-spike suspicious-login-2am --profiles 1,3 --runs 400 --seed 2', 70);
    let s = await until('all runs done', (x) => x.includes('· done'));
    expect(s).toMatch(/100% 800 of 800 replications · done/);
    expect(s).toMatch(/change against 1, mean \[95% interval\]/);
    expect(s).toMatch(/MTTR distribution/);
    send('Up');
    await until('the first scenario', (x) => /▶. db-plugin-cpu-spike/.test(x));
    send('Down');
    await until('the second scenario', (x) => x.includes('suspicious-login-2am: Suspicious login'));
    send('Tab');
    await until('the disruption histogram', (x) => x.includes('disruption distribution'));
    send('q');
    s = await until('the exit', (x) => x.includes('imsim exited 0'));
    expect(s).not.toMatch(/replications · done|distribution/); // the dashboard cleared itself
    expect(s).toMatch(/imsim compare: 2 scenarios at profiles 1 and 3/);
    expect(s).toMatch(/400 runs each, seed 2/);
    // The table left on screen is the one a pipe gets.
    const piped = imsim(['compare', 'db-plugin-cpu-spike', 'suspicious-login-2am', '--profiles', '1,3', '--runs', '400', '--seed', '2']).stdout;
    const lastLines = piped.trim().split('\n').slice(-3);
    for (const line of lastLines) expect(s).toContain(line.slice(0, 100));
  });

  it('q while replications run stops them and leaves the table of what had run, marked as stopped early', async () => {
    start('stopped', '', 'compare --all --profiles 1,3 --runs 100000');
    await until('progress', (x) => /running branch-network-degradation/.test(x) && !x.includes(' 0 of '));
    send('q');
    const s = await until('the exit', (x) => x.includes('imsim exited 0'));
    expect(s).toMatch(/imsim compare: 1 of 12 scenarios at profiles 1 and 3/);
    expect(s).toMatch(/\(stopped early: \d+ of 100000 runs\)/);
    expect(s).toMatch(/not run \(stopped early\): db-plugin-cpu-spike, .*unpatched-edge-server/);
  });
});
