// Driving Ink views in tests: keys as the terminal sends them, and waiting for a frame
// with a deadline instead of sleeping for a guessed time.
import { setImmediate as turn } from 'node:timers/promises';

export const KEYS = { enter: '\r', up: '\u001B[A', down: '\u001B[B', tab: '\t', shiftTab: '\u001B[Z', escape: '\u001B' } as const;

/** Strips colour codes, in case a terminal-like environment turned them on. */
export const plain = (frame: string | undefined) => (frame ?? '').replace(/\u001B\[[0-9;]*m/g, '');

/** Waits until `check` holds for the last frame; fails with that frame after `ms`. */
export async function frameWhere(lastFrame: () => string | undefined, check: (frame: string) => boolean, what: string, ms = 5000): Promise<string> {
  const deadline = performance.now() + ms;
  for (;;) {
    const f = plain(lastFrame());
    if (check(f)) return f;
    if (performance.now() > deadline) throw new Error(`no frame where ${what} within ${ms} ms; the last frame:\n${f}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Sends keys one at a time, letting Ink handle each before the next. */
export async function press(stdin: { write(data: string): void }, ...keys: string[]): Promise<void> {
  for (const k of keys) {
    stdin.write(k);
    await turn();
    await turn();
  }
}
