// The incident workflow at each uniform level, over every combination of facts.
import { describe, expect, it } from 'vitest';
import { incidentWorkflow } from '../../machines/index.js';
import { uniformProfile } from '../../src/model/index.js';
import { took, visits, walkEveryTransition } from '../support/walk.js';
import { allFacts, checkIncidentRules, uniformCases } from './incident-rules.js';

checkIncidentRules(uniformCases);

describe('incident workflow: the level differences show up in the paths', () => {
  const all = async (level: 1 | 2 | 3 | 4 | 5) => walkEveryTransition(incidentWorkflow, uniformProfile(level), allFacts);

  it('level 1 has lost reports, after-hours waits and informal call-outs, but no paging, misrouting or problem records', async () => {
    const paths = await all(1);
    expect(paths.some((p) => took(p, 'TICKET_LOST'))).toBe(true);
    expect(paths.some((p) => visits(p, 'categorize.waitingForBusinessHours'))).toBe(true);
    expect(paths.some((p) => took(p, 'CALLED_OUT'))).toBe(true);
    expect(paths.some((p) => took(p, 'PAGE_ON_CALL') || took(p, 'MISROUTED') || visits(p, 'close.problemRecord'))).toBe(false);
  });

  it('level 2 pages the on-call engineer after hours and can misroute', async () => {
    const paths = await all(2);
    expect(paths.some((p) => took(p, 'PAGE_ON_CALL'))).toBe(true);
    expect(paths.some((p) => took(p, 'MISROUTED'))).toBe(true);
  });

  it('level 5 can remediate automatically, level 4 cannot', async () => {
    expect((await all(5)).some((p) => took(p, 'AUTO_REMEDIATED'))).toBe(true);
    expect((await all(4)).some((p) => took(p, 'AUTO_REMEDIATED'))).toBe(false);
  });
});
