// Driving the real CLI in a terminal: a tmux server of its own (a socket named after the
// test process), a fixed-size session, keys in with send-keys, the screen back with
// capture-pane. `until` polls the screen instead of sleeping for a guessed time.
import { execFileSync, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';

export function tmuxTerminal(name: string) {
  const socket = `imsim-${name}-${process.pid}`;
  let session = name;
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  /** The screen as text; lines the terminal wrapped are joined back (-J). */
  const screen = (escapes = false) => tmux('capture-pane', '-p', '-J', ...(escapes ? ['-e'] : []), '-t', session);
  return {
    /** Fails with how to get tmux when it is missing (.ci/run installs it). */
    require() {
      if (spawnSync('sh', ['-c', 'command -v tmux']).status !== 0) throw new Error('tmux is needed for this test: apt-get install -y tmux (.ci/run installs it)');
    },
    /** Runs a shell command in a new session of the given size that stays open after it exits. */
    start(name: string, cmd: string, cols = 120, rows = 40) {
      session = name;
      tmux('new-session', '-d', '-s', name, '-x', String(cols), '-y', String(rows), cmd);
    },
    /** Points screen, send and until at another session already started (a second terminal). */
    use(name: string) {
      session = name;
    },
    screen,
    send: (...keys: string[]) => void tmux('send-keys', '-t', session, ...keys),
    async until(what: string, check: (s: string) => boolean, ms = 15_000): Promise<string> {
      const deadline = performance.now() + ms;
      for (;;) {
        const s = screen();
        if (check(s)) return s;
        if (performance.now() > deadline) throw new Error(`the screen never showed ${what} within ${ms} ms; it shows:\n${s}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    /** Stops the server and removes its socket file (tmux leaves it behind). */
    close() {
      const path = spawnSync('tmux', ['-L', socket, 'display-message', '-p', '#{socket_path}'], { encoding: 'utf8' }).stdout.trim();
      spawnSync('tmux', ['-L', socket, 'kill-server']);
      if (path.includes(socket)) rmSync(path, { force: true });
    },
  };
}
