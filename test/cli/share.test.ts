// Sharing an exercise with a second terminal over a local socket: the head first, then
// the display as it changes; late followers catch up, departing ones disturb nothing, a
// stale socket file is reclaimed, a live one is not taken over.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { follow, shareOn } from '../../src/cli/share.js';
import type { SessionHead, SharedDisplay } from '../../src/tabletop/index.js';
import { scratchDirs } from '../support/tmp.js';

const dir = scratchDirs()('imsim-share-');

const head: SessionHead = { scenario: 'suspicious-login-2am', scenarioHash: 'abc', profile: '1', seed: 3, replication: 0, calibration: 'cal' };
const display = (now: number, choices: string[] = []): SharedDisplay => ({ choices, notebook: { scores: {}, notes: [], lessons: [], owners: {} }, now, paused: true, speed: 3 });

describe('sharing an exercise', () => {
  it('a follower gets the head, then every display; one joining late starts from the latest; one leaving disturbs nothing; closing ends them all', async () => {
    const path = join(dir, 'a.sock');
    const share = await shareOn(path, head);
    const first = await follow(path);
    expect(first.head).toEqual(head);
    const seen: (SharedDisplay | 'closed')[] = [];
    first.subscribe((d) => seen.push(d));
    share.send(display(5));
    share.send(display(68, ['morning']));
    await vi.waitFor(() => expect(seen).toEqual([display(5), display(68, ['morning'])]));

    const late = await follow(path);
    const lateSeen: (SharedDisplay | 'closed')[] = [];
    late.subscribe((d) => lateSeen.push(d));
    await vi.waitFor(() => expect(lateSeen).toEqual([display(68, ['morning'])]));
    late.close();
    share.send(display(70, ['morning']));
    await vi.waitFor(() => expect(seen.at(-1)).toEqual(display(70, ['morning'])));

    share.close();
    await vi.waitFor(() => expect(seen.at(-1)).toBe('closed'));
  });

  it('a socket file left by a killed process is reclaimed; a live share is not taken over', async () => {
    const path = join(dir, 'b.sock');
    // What a killed process leaves: a socket file nobody answers on (a clean close would remove it).
    spawnSync(process.execPath, ['-e', `require('net').createServer().listen(${JSON.stringify(path)}, () => process.exit(0))`]);
    expect(existsSync(path)).toBe(true);
    const share = await shareOn(path, head);
    const f = await follow(path);
    expect(f.head).toEqual(head);
    f.close();
    await expect(shareOn(path, head)).rejects.toThrow(/--share .*b\.sock: another exercise is already shared there/);
    share.close();
  });

  it('following where nothing is shared says so', async () => {
    await expect(follow(join(dir, 'nothing.sock'))).rejects.toThrow(/--follow .*nothing\.sock: no exercise is shared there \(start one with --share\)/);
  });
});
