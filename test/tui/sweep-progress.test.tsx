// The sweep's progress on a terminal: a bar, lifecycles done of total, rate, time left
// and the seed, with no colour codes when colour is off (NO_COLOR).
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { progressLine } from '../../src/sweep/progress.js';
import { SweepProgress } from '../../src/tui/sweep-progress.js';

const state = { done: 450_000, total: 1_000_000, atStart: 50_000, elapsedMs: 4000, seed: 7 };

describe('the sweep progress bar', () => {
  it('shows the bar, the count, the rate, the time left and the seed', () => {
    const { lastFrame } = render(<SweepProgress state={state} color={false} label="imsim sweep: 10 scenarios x 5 profiles x 20,000 runs" />);
    const frame = lastFrame()!;
    expect(frame).toContain('imsim sweep: 10 scenarios x 5 profiles x 20,000 runs, seed 7');
    // 45% of 30 cells, rounded: 14 filled.
    expect(frame).toContain(`${'█'.repeat(14)}${'░'.repeat(16)} 45%  450,000/1,000,000 lifecycles`);
    // The rate counts only what this process ran (a resume found 50,000 done): 400,000 in 4 s.
    expect(frame).toContain('100,000/s  ETA 6s  elapsed 4s');
    expect(frame).not.toMatch(/\u001b\[3\d/);
  });

  it('the plain line says the same', () => {
    expect(progressLine(state)).toBe('sweep 45% 450,000/1,000,000 lifecycles, 100,000/s, ETA 6s, seed 7');
    expect(progressLine({ ...state, done: 50_000, elapsedMs: 0 })).toMatch(/ETA \?/);
  });
});
