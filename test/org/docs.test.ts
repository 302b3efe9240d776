// The format page's annotated example is a real organization: it parses, and says what the page says it does.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MINUTES_PER_WEEK, staffAt, teamFor } from '../../src/org/index.js';
import { parseOrg } from '../support/orgs.js';

const page = readFileSync(new URL('../../docs/org-format.md', import.meta.url), 'utf8');
const example = /## An annotated example\n\n```yaml\n([\s\S]*?)```/.exec(page)![1]!;

describe('docs/org-format.md', () => {
  it('the annotated example parses', () => {
    const org = parseOrg(example, 'example.yaml');
    expect(org.profiles.map((p) => p.name)).toEqual(['today', 'target']);
    expect(teamFor(org, 'authorize', 'shop')).toBe('desk');
  });

  it('its weekend night shift runs from Saturday 22:00 into Sunday morning, and from Sunday 22:00 into Monday', () => {
    const ops = parseOrg(example, 'example.yaml').teams.find((t) => t.id === 'ops')!;
    const at = (day: number, hh: number) => staffAt(ops.schedule, day * 1440 + hh * 60);
    expect([at(5, 23), at(6, 3), at(6, 7), at(6, 23), at(0, 3), at(0, 9)]).toEqual([1, 1, 0, 1, 1, 3]);
    expect(ops.schedule.at(-1)!.end).toBe(MINUTES_PER_WEEK);
  });
});
