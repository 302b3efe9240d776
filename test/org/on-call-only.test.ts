// A team with work routed to it and nobody ever on shift is refused even with an on-call
// pool: the pool is paged for urgent work only, so the rest would wait for ever (found by
// the fuzz suite: seed 20261130, mutant 81, an organization whose network team had its
// shifts emptied, which `validate` accepted and `year` could not run).
import { describe, expect, it } from 'vitest';
import { orgText, problemsOf } from '../support/orgs.js';

describe('a routed team with an on-call pool and no shifts', () => {
  it('is refused at teams.<id>, naming why', () => {
    // The network team's shift lines go; its on-call stays.
    const text = orgText('midsize').replace(/( {2}network:\n {4}name: Network team\n) {4}shifts:\n( {6}- .*\n)+/, '$1    shifts: []\n');
    expect(text).toContain('    shifts: []\n');
    const problems = problemsOf(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^org\.yaml:\d+ teams\.network: nobody is on shift at any hour: the on-call is paged for urgent work only/);
  });
  it('the shipped organization, with its shifts, is accepted', () => {
    expect(problemsOf(orgText('midsize'))).toEqual([]);
  });
});
