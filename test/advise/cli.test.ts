// `imsim advise` end to end, through the real CLI: steps that each raise one domain by
// one level and never break the caps, the same --json with one worker and with two,
// progress on stderr, plain text when not a terminal, and every mistake exits 2 naming
// the flag.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AdviceResult } from '../../src/advise/index.js';
import { effectiveProfile, parseProfile } from '../../src/model/index.js';
import { imsim } from '../support/cli.js';

const SMALL = fileURLToPath(new URL('../fixtures/orgs/small.yaml', import.meta.url));
const SEED = 4242;
const base = ['advise', SMALL, '--from', 'today', '--steps', '2', '--years', '3', '--seed', String(SEED)];

describe('imsim advise', () => {
  it(`seed ${SEED}: the same --json with 1 worker and with 2; each step one level in one domain, inside the caps`, () => {
    const one = imsim([...base, '--json', '--workers', '1', '--progress', 'none']);
    expect(one.code, one.stderr).toBe(0);
    const two = imsim([...base, '--json', '--workers', '2', '--progress', 'none']);
    expect(two.code, two.stderr).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const r = JSON.parse(one.stdout) as AdviceResult;
    expect(r.kind).toBe('imsim-advice');
    expect(r.seed).toBe(SEED);
    expect(r.from.name).toBe('today');
    expect(r.candidates.length).toBeGreaterThan(0);
    for (const s of [...r.candidates, ...r.roadmap]) {
      expect(s.to, `${s.domain} ${s.from}->${s.to}`).toBe(s.from + 1);
      const before = parseProfile(s.before);
      const after = parseProfile(s.after);
      expect(after[s.domain]).toBe(before[s.domain] + 1);
      expect(effectiveProfile(after, r.foundationLead).caps.map((c) => c.domain)).not.toContain(s.domain);
    }
    for (let i = 1; i < r.roadmap.length; i++) expect(r.roadmap[i]!.before).toBe(r.roadmap[i - 1]!.after);
  });

  it(`seed ${SEED}: plain text on a pipe, with progress lines on stderr`, () => {
    const r = imsim([...base, '--steps', '1', '--progress', 'lines'], { env: { FORCE_COLOR: '1' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^imsim advise: Small shop \(test\), from today/);
    expect(r.stdout).toContain('Next steps (one domain up one level)');
    expect(r.stdout).toContain('Roadmap');
    expect(r.stdout).not.toContain('\u001b[');
    expect(r.stderr).toMatch(/advise: \d+ reachable profiles x 3 years/);
  });

  it('a budget below every step leaves nothing to do, and says so', () => {
    const r = imsim([...base, '--budget', '$1k', '--json', '--progress', 'none']);
    expect(r.code, r.stderr).toBe(0);
    const a = JSON.parse(r.stdout) as AdviceResult;
    expect(a.limits.budget).toBe(1000);
    expect(a.roadmap).toEqual([]);
    expect(a.search.reachable).toBe(1);
    expect(a.stopped).toBeDefined();
  });

  it.each([
    [['--budget', 'lots'], '--budget'],
    [['--steps', '0'], '--steps'],
    [['--years', '1'], '--years'],
    [['--from', 'tomorrow'], '--from'],
    [['--progress', 'loud'], '--progress'],
  ])('%j exits 2 naming %s, without a stack trace', (args, flag) => {
    const r = imsim([...base, ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(flag);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  });
});
