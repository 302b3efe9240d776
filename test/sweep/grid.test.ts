// Expanding `--profiles` into the profiles a sweep runs, and cutting a sweep into units
// and shards: pure functions, no workers.
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { canonicalProfile, DOMAINS, uniformProfile } from '../../src/model/index.js';
import { expandGrid, gridItemsFromYaml, parseShard, profileGrid, Units } from '../../src/sweep/index.js';
import { UserError } from '../../src/util/index.js';

const names = (text: string) => profileGrid(text).map(canonicalProfile);

/** The UserError a call throws, as the CLI would print it. */
function userError(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof UserError) return e.message;
    throw e;
  }
  throw new Error('no error');
}

describe('profile grids', () => {
  it('uniform levels: a list, a range, or both', () => {
    expect(names('1,3')).toEqual(['1', '3']);
    expect(names('1..5')).toEqual(['1', '2', '3', '4', '5']);
    expect(names('2..3,5')).toEqual(['2', '3', '5']);
    expect(profileGrid('4')).toEqual([uniformProfile(4)]);
  });

  it('a per-domain range is the cross product over the named domains, the others at level 1, first domain slowest', () => {
    expect(names('change=1..2,config=2..3')).toEqual([
      'change=1,config=2,observability=1,serviceDesk=1,secOps=1',
      'change=1,config=3,observability=1,serviceDesk=1,secOps=1',
      'change=2,config=2,observability=1,serviceDesk=1,secOps=1',
      'change=2,config=3,observability=1,serviceDesk=1,secOps=1',
    ]);
    // Order follows the model's domains, not the order written.
    expect(names('config=2..3,change=1..2')).toEqual(names('change=1..2,config=2..3'));
  });

  it('"*" sets the domains not named; "*=1..5" is the whole 3,125-profile grid', () => {
    expect(names('*=3,secOps=1..2')).toEqual(['change=3,config=3,observability=3,serviceDesk=3,secOps=1', 'change=3,config=3,observability=3,serviceDesk=3,secOps=2']);
    const all = profileGrid('*=1..5');
    expect(all).toHaveLength(5 ** DOMAINS.length);
    expect(new Set(all.map(canonicalProfile)).size).toBe(3125);
  });

  it('items separated by ";", in order, each profile once', () => {
    expect(names('1,3;change=3,config=3;3;1..2')).toEqual(['1', '3', 'change=3,config=3,observability=1,serviceDesk=1,secOps=1', '2']);
  });

  it('mistakes name the flag and say what is wrong', () => {
    expect(userError(() => profileGrid('0..3'))).toMatch(/^--profiles: level must be 1 to 5, got 0/);
    expect(userError(() => profileGrid('5..1'))).toMatch(/--profiles: range "5\.\.1" goes down; write 1\.\.5/);
    expect(userError(() => profileGrid('chnage=1..2'))).toMatch(/--profiles: unknown domain "chnage".*did you mean "change"/);
    expect(userError(() => profileGrid('change=1,change=2'))).toMatch(/domain "change" is given twice/);
    expect(userError(() => profileGrid('change=1..2..3'))).toMatch(/not a level/);
    expect(userError(() => profileGrid(' ; '))).toMatch(/--profiles: no profile given/);
    expect(userError(() => profileGrid('1..2,change=3..4'))).toMatch(
      /--profiles: "1\.\.2" is not of the form domain=level or domain=from\.\.to; once a profile is written per domain, separate profiles with ";": "1\.\.2;change=3\.\.4"$/,
    );
  });

  it('a YAML file: one profile with ranges and lists, or a list of profiles in any form', () => {
    const at = (path: (string | number)[], message: string) => ({ file: 'p.yaml', path: path.join('.'), message });
    const one = expandGrid(gridItemsFromYaml({ name: 'target', change: '2..3', config: [1, 4], default: 2 }, at)).map(canonicalProfile);
    expect(one).toEqual([
      'change=2,config=1,observability=2,serviceDesk=2,secOps=2',
      'change=2,config=4,observability=2,serviceDesk=2,secOps=2',
      'change=3,config=1,observability=2,serviceDesk=2,secOps=2',
      'change=3,config=4,observability=2,serviceDesk=2,secOps=2',
    ]);
    const list = expandGrid(gridItemsFromYaml([1, '2..3', 'secOps=5', { observability: 4 }], at)).map(canonicalProfile);
    expect(list).toEqual(['1', '2', '3', 'change=1,config=1,observability=1,serviceDesk=1,secOps=5', 'change=1,config=1,observability=4,serviceDesk=1,secOps=1']);
    const problems = (() => {
      try {
        gridItemsFromYaml([{ change: 7 }, { sevOps: 2 }, [1]], at);
      } catch (e) {
        return (e as UserError).problems.map((p) => `${p.path}: ${p.message}`);
      }
      return [];
    })();
    expect(problems).toEqual([
      '0.change: level must be 1 to 5, got 7',
      expect.stringMatching(/^1\.sevOps: unknown domain "sevOps".*secOps/),
      expect.stringMatching(/^2: expected a profile/),
    ]);
  });
});

describe('units and shards', () => {
  test.prop([fc.integer({ min: 1, max: 1500 }), fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 12 })])(
    'shards cut the same units into disjoint contiguous ranges that cover every replication of every cell once',
    (runs, block, scenarios, profiles, count) => {
      const whole = new Units(runs, block, scenarios, profiles);
      const seen = new Map<number, number>();
      let lifecycles = 0;
      for (let index = 0; index < count; index++) {
        const u = new Units(runs, block, scenarios, profiles, { index, count });
        lifecycles += u.lifecycles();
        const [c0, c1] = u.cellRange();
        for (let c = c0; c < c1; c++) {
          const [a, b] = u.unitsOf(c);
          for (let unit = a; unit < b; unit++) {
            expect(whole.cellOf(unit)).toBe(c);
            seen.set(unit, (seen.get(unit) ?? 0) + 1);
          }
        }
      }
      expect(seen.size).toBe(whole.total);
      expect([...seen.values()].every((n) => n === 1)).toBe(true);
      expect(lifecycles).toBe(runs * scenarios * profiles);
      // Every replication of a cell, once, in order.
      const reps: number[] = [];
      for (let unit = 0; unit < whole.blocks; unit++) {
        const [a, b] = whole.replications(unit);
        for (let r = a; r < b; r++) reps.push(r);
      }
      expect(reps).toEqual([...Array(runs).keys()]);
    },
  );

  it('a shard is written i/N with i from 0, as JOB_COMPLETION_INDEX is', () => {
    expect(parseShard('0/3')).toEqual({ index: 0, count: 3 });
    expect(parseShard(' 2 / 3 ')).toEqual({ index: 2, count: 3 });
    expect(parseShard('3/3')).toMatch(/numbered 0 to 2/);
    expect(parseShard('1/0')).toMatch(/at least 1/);
    expect(parseShard('a/b')).toMatch(/expected i\/N/);
  });
});
