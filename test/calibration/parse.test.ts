// The calibration table as users meet it: a replacement table or an override file with a
// mistake is refused with one message per problem, naming file, line and key; what is
// accepted reads back as written (distributions, sources, samplers, the profile's view).
import { describe, expect, it } from 'vitest';
import {
  applyOverrides,
  choiceNames,
  defaultCalibration,
  describeDist,
  distToYaml,
  entriesFor,
  paramsOf,
  parseTable,
  Parameters,
  sampler,
  type Dist,
} from '../../src/calibration/index.js';
import { uniformProfile } from '../../src/model/index.js';
import { UserError } from '../../src/util/index.js';

const cal = defaultCalibration();

/** The problems a table is refused with, one line each. */
function problemsOf(yaml: string): string[] {
  try {
    parseTable(yaml, 't.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as Error).message.split('\n');
  }
  throw new Error('the table was accepted');
}

const block = (lines: string[]) => `${lines.join('\n')}\n`;

describe('a replacement table', () => {
  it('reads distributions, sources and levels as written', () => {
    const t = parseTable(
      block([
        'users.reportDelay: {unit: minutes, about: a, lognormal90: [3, 60], judgement: reason}',
        'cost.perMinute: {unit: usd/minute, about: b, fixed: 5600, benchmark: {publication: P, year: 2014, table: T}}',
        'workload.mix: {unit: mix, about: c, choice: {x: 1, y: 3}, judgement: why}',
        'change.defectRate:',
        '  unit: probability',
        '  about: d',
        '  seed: 000 Level 1',
        '  L1: {p: 0.5}',
        '  L2: {p: 0.2, judgement: own reason}',
        'serviceDesk.fixTime: {unit: minutes, about: e, judgement: j, L3: {pert: [1, 2, 9]}}',
      ]),
      't.yaml',
    );
    expect(t.entries.map((e) => e.key)).toEqual(['users.reportDelay', 'cost.perMinute', 'workload.mix', 'change.defectRate.L1', 'change.defectRate.L2', 'serviceDesk.fixTime.L3']);
    const by = (k: string) => t.byKey.get(k)!;
    expect(by('users.reportDelay')).toMatchObject({ param: 'users.reportDelay', unit: 'minutes', about: 'a', dist: { kind: 'lognormal90', p5: 3, p95: 60 }, source: { kind: 'judgement', text: 'reason' } });
    expect(by('users.reportDelay').domain).toBeUndefined();
    expect(by('cost.perMinute').source).toEqual({ kind: 'benchmark', text: 'P 2014, T' });
    expect(by('workload.mix').dist).toEqual({ kind: 'choice', weights: { x: 1, y: 3 } });
    expect(by('change.defectRate.L1')).toMatchObject({ domain: 'change', level: 1, dist: { kind: 'probability', p: 0.5 }, source: { kind: 'seed', text: '000 Level 1' } });
    expect(by('change.defectRate.L2').source).toEqual({ kind: 'judgement', text: 'own reason' });
    expect(by('serviceDesk.fixTime.L3').dist).toEqual({ kind: 'pert', min: 1, mode: 2, max: 9 });
    expect(t.overridden).toEqual([]);
    expect(t.hash).toMatch(/^[0-9a-f]{12}$/);
    expect(parseTable(block(['users.reportDelay: {unit: minutes, about: a, lognormal90: [3, 61], judgement: reason}']), 't.yaml').hash).not.toBe(
      parseTable(block(['users.reportDelay: {unit: minutes, about: a, lognormal90: [3, 60], judgement: reason}']), 't.yaml').hash,
    );
    expect(paramsOf(t)).toEqual(['users.reportDelay', 'cost.perMinute', 'workload.mix', 'change.defectRate', 'serviceDesk.fixTime']);
  });

  it.each([
    ['users.reportDelay: {unit: minutes, about: a, judgement: j}', 't.yaml:1 users.reportDelay: no value: give one of fixed, p, pert, lognormal90, choice'],
    ['users.reportDelay: {unit: minutes, about: a, fixed: 1, p: 0.5, judgement: j}', 't.yaml:1 users.reportDelay: more than one value (fixed, p); give exactly one'],
    ['users.reportDelay: {unit: minutes, about: a, fixed: 1}', 't.yaml:1 users.reportDelay: no source: give seed, benchmark or judgement'],
    [
      'users.reportDelay: {unit: minutes, about: a, fixed: 1, seed: s, judgement: j}',
      ['t.yaml:1 users.reportDelay: more than one source (seed, judgement); give one', 't.yaml:1 users.reportDelay: no source: give seed, benchmark or judgement'],
    ],
    ['usres.reportDelay: {unit: minutes, about: a, fixed: 1, judgement: j}', 't.yaml:1 usres.reportDelay: unknown area "usres" (did you mean "users"?); areas are the domains and users, external, attacker, calendar, cost, model, policy, workload'],
    ['users.report_delay: {unit: minutes, about: a, fixed: 1, judgement: j}', 't.yaml:1 users.report_delay: a parameter is written area.name in camelCase'],
    [
      'users.reportDelay: {unit: minutes, about: a, judgement: j, L1: {fixed: 1}}',
      ['t.yaml:1 users.reportDelay.L1: users parameters do not depend on a level; give one value', 't.yaml:1 users.reportDelay: no value: give one of fixed, p, pert, lognormal90, choice'],
    ],
    [
      'change.defectRate: {unit: probability, about: a, p: 0.5, judgement: j}',
      ['t.yaml:1 change.defectRate: change parameters are given per level (L1..L5), not as one value', 't.yaml:1 change.defectRate: no level given'],
    ],
    ['change.defectRate: {unit: probability, about: a, judgement: j}', 't.yaml:1 change.defectRate: no level given'],
    ['change.defectRate: {unit: probability, about: a, L1: {p: 0.5}}', 't.yaml:1 change.defectRate.L1: no source: give seed, benchmark or judgement here or for the parameter'],
    ['change.defectRate: {unit: probability, about: a, judgement: j, L1: {p: 0.5, seed: s, judgement: k}}', 't.yaml:1 change.defectRate.L1: more than one source (seed, judgement); give one'],
    ['change.defectRate: {unit: probability, about: a, judgement: j, L1: {p: 1.5}}', 't.yaml:1 change.defectRate.L1: p must be between 0 and 1, got 1.5'],
    ['change.defectRate: {unit: probability, about: a, judgement: j, L1: {p: -0.1}}', 't.yaml:1 change.defectRate.L1: p must be between 0 and 1, got -0.1'],
    ['change.defectRate: {unit: probability, about: a, judgement: j, L1: {pert: [0, 0.1, 0.2]}}', 't.yaml:1 change.defectRate.L1: a probability is written {p: ...} or as a number, not as pert'],
    ['change.defectRate: {unit: probability, about: a, judgement: j, L1: {fixed: 2}}', 't.yaml:1 change.defectRate.L1: a probability must be between 0 and 1, got 2'],
    ['users.reportDelay: {unit: minutes, about: a, p: 0.5, judgement: j}', 't.yaml:1 users.reportDelay: p is a probability, but the unit is minutes'],
    ['users.reportDelay: {unit: minutes, about: a, pert: [5, 1, 9], judgement: j}', 't.yaml:1 users.reportDelay: pert needs min <= mode <= max and min < max, got [5, 1, 9]'],
    ['users.reportDelay: {unit: minutes, about: a, pert: [5, 5, 5], judgement: j}', 't.yaml:1 users.reportDelay: pert needs min <= mode <= max and min < max, got [5, 5, 5]'],
    ['users.reportDelay: {unit: minutes, about: a, pert: [-5, 1, 9], judgement: j}', 't.yaml:1 users.reportDelay: a duration cannot be negative'],
    ['users.reportDelay: {unit: minutes, about: a, fixed: -1, judgement: j}', 't.yaml:1 users.reportDelay: a duration cannot be negative'],
    ['users.reportDelay: {unit: minutes, about: a, lognormal90: [0, 9], judgement: j}', 't.yaml:1 users.reportDelay: lognormal90 needs 0 < p5 < p95, got [0, 9]'],
    ['users.reportDelay: {unit: minutes, about: a, lognormal90: [9, 9], judgement: j}', 't.yaml:1 users.reportDelay: lognormal90 needs 0 < p5 < p95, got [9, 9]'],
    ['workload.mix: {unit: mix, about: a, choice: {x: 1}, judgement: j}', 't.yaml:1 workload.mix: a choice needs at least two options'],
    ['workload.mix: {unit: mix, about: a, choice: {x: 1, y: 0}, judgement: j}', 't.yaml:1 workload.mix: choice weights must be positive'],
    ['workload.mix: {unit: mix, about: a, fixed: 1, judgement: j}', 't.yaml:1 workload.mix: a mix is written {choice: {option: weight, ...}}'],
    ['users.reportDelay: {unit: minutes, about: a, choice: {x: 1, y: 2}, judgement: j}', 't.yaml:1 users.reportDelay: a choice needs unit mix, but the unit is minutes'],
    ['calendar.businessDayEnd: {unit: hour, about: a, fixed: -1, judgement: j}', 't.yaml:1 calendar.businessDayEnd: an hour is from 0 to 24, got -1'],
    ['policy.pageImpactThreshold: {unit: fraction, about: a, fixed: -0.5, judgement: j}', 't.yaml:1 policy.pageImpactThreshold: a fraction is from 0 to 1, got -0.5'],
    ['calendar.changeWindowDay: {unit: weekday, about: a, fixed: -1, judgement: j}', 't.yaml:1 calendar.changeWindowDay: a weekday is a whole number from 0 (Monday) to 6 (Sunday), got -1'],
    ['calendar.changeWindowDay: {unit: weekday, about: a, fixed: 7, judgement: j}', 't.yaml:1 calendar.changeWindowDay: a weekday is a whole number from 0 (Monday) to 6 (Sunday), got 7'],
    ['model.foundationLead: {unit: levels, about: a, fixed: -2, judgement: j}', 't.yaml:1 model.foundationLead: levels are a whole number from 0, got -2'],
    ['cost.breachLoss: {unit: usd, about: a, fixed: -1, judgement: j}', 't.yaml:1 cost.breachLoss: an amount of money cannot be negative, got -1'],
    ['cost.perMinute: {unit: usd/minute, about: a, fixed: -3, judgement: j}', 't.yaml:1 cost.perMinute: an amount of money cannot be negative, got -3'],
    ['policy.majorDiagnosisFactor: {unit: factor, about: a, fixed: -3, judgement: j}', 't.yaml:1 policy.majorDiagnosisFactor: a factor cannot be negative, got -3'],
  ])('refuses %s', (yaml, message) => {
    expect(problemsOf(block([yaml]))).toEqual(typeof message === 'string' ? [message] : message);
  });

  it('accepts the edges of each unit', () => {
    const t = parseTable(
      block([
        'calendar.businessDayStart: {unit: hour, about: a, fixed: 0, judgement: j}',
        'calendar.businessDayEnd: {unit: hour, about: a, fixed: 24, judgement: j}',
        'policy.pageImpactThreshold: {unit: fraction, about: a, fixed: 1, judgement: j}',
        'policy.majorImpactThreshold: {unit: fraction, about: a, fixed: 0, judgement: j}',
        'calendar.changeWindowDay: {unit: weekday, about: a, fixed: 6, judgement: j}',
        'model.foundationLead: {unit: levels, about: a, fixed: 0, judgement: j}',
        'cost.breachLoss: {unit: usd, about: a, fixed: 0, judgement: j}',
        'users.reportDelay: {unit: minutes, about: a, pert: [0, 0, 1], judgement: j}',
        'users.reReportDelay: {unit: minutes, about: a, fixed: 0, judgement: j}',
        'change.defectRate: {unit: probability, about: a, judgement: j, L1: {p: 0}, L2: {p: 1}, L3: {fixed: 1}}',
      ]),
      't.yaml',
    );
    expect(t.entries).toHaveLength(12);
  });

  it('reports every problem of a table at once, each on its own line', () => {
    expect(
      problemsOf(
        block([
          'users.reportDelay: {unit: minutes, about: a, fixed: -1, judgement: j}',
          'change.defectRate: {unit: probability, about: a, judgement: j, L1: {p: 2}, L2: {p: 3}}',
          'calendar.businessDayStart: {unit: hour, about: a, fixed: 18, judgement: j}',
          'calendar.businessDayEnd: {unit: hour, about: a, fixed: 9, judgement: j}',
        ]),
      ),
    ).toEqual([
      't.yaml:1 users.reportDelay: a duration cannot be negative',
      't.yaml:2 change.defectRate.L1: p must be between 0 and 1, got 2',
      't.yaml:2 change.defectRate.L2: p must be between 0 and 1, got 3',
      't.yaml:3 calendar.businessDayStart: the business day starts at 18 but ends at 9; it must end after it starts',
    ]);
  });
});

describe('an override file', () => {
  it('takes a bare number as a fixed value, or as p for a probability', () => {
    const o = applyOverrides(cal, 'users.reportDelay: 30\nchange.defectRate.L1: 0.4\n', 'o.yaml');
    expect(o.byKey.get('users.reportDelay')!.dist).toEqual({ kind: 'fixed', value: 30 });
    expect(o.byKey.get('change.defectRate.L1')!.dist).toEqual({ kind: 'probability', p: 0.4 });
    expect(o.byKey.get('change.defectRate.L1')!.overridden).toBe(true);
    expect(o.byKey.get('change.defectRate.L2')!.overridden).toBe(false);
    expect(o.entries.map((e) => e.key)).toEqual(cal.entries.map((e) => e.key));
  });

  it.each([
    ['users.reportDelay: -5', 'o.yaml:1 users.reportDelay: a duration cannot be negative'],
    ['change.defectRate.L1: 1.2', 'o.yaml:1 change.defectRate.L1: p must be between 0 and 1, got 1.2'],
    ['calendar.businessDayEnd: 8', 'o.yaml:1 calendar.businessDayEnd: the business day starts at 9 but ends at 8; it must end after it starts'],
    ['workload.mix: {choice: {standard: 1}}', 'o.yaml:1 workload.mix: a choice needs at least two options'],
  ])('refuses %s', (text, message) => {
    expect(() => applyOverrides(cal, `${text}\n`, 'o.yaml')).toThrow(message);
    try {
      applyOverrides(cal, `${text}\n`, 'o.yaml');
    } catch (e) {
      expect((e as Error).message).toBe(message);
    }
  });
});

describe('distributions', () => {
  const cases: [Dist, string, unknown][] = [
    [{ kind: 'fixed', value: 7 }, '7', 7],
    [{ kind: 'probability', p: 0.25 }, 'p=0.25', { p: 0.25 }],
    [{ kind: 'pert', min: 1, mode: 2, max: 9 }, 'PERT(1, 2, 9)', { pert: [1, 2, 9] }],
    [{ kind: 'lognormal90', p5: 10, p95: 240 }, 'lognormal 90% [10, 240]', { lognormal90: [10, 240] }],
    [{ kind: 'choice', weights: { a: 1, b: 3 } }, 'a 1 / b 3', { choice: { a: 1, b: 3 } }],
  ];
  it.each(cases)('%j is described as %s and written back as %j', (d, text, yaml) => {
    expect(describeDist(d)).toBe(text);
    expect(distToYaml(d)).toEqual(yaml);
  });

  it('sample by quantile: fixed, a coin with probability p, PERT within its bounds, a weighted choice', () => {
    expect(sampler({ kind: 'fixed', value: 7 }).quantile(0.3)).toBe(7);
    expect(sampler({ kind: 'fixed', value: 7 }).mean).toBe(7);
    const coin = sampler({ kind: 'probability', p: 0.25 });
    expect([coin.quantile(0), coin.quantile(0.2499), coin.quantile(0.25), coin.quantile(0.9)]).toEqual([1, 1, 0, 0]);
    expect(coin.mean).toBe(0.25);
    const pert = sampler({ kind: 'pert', min: 1, mode: 2, max: 9 });
    expect(pert.quantile(0)).toBe(1);
    expect(pert.quantile(0.999999)).toBeCloseTo(9, 1);
    expect(pert.quantile(1)).toBe(9);
    expect(pert.mean).toBeCloseTo((1 + 8 + 9) / 6, 12);
    // PERT(1, 2, 9) is 1 + 8 Beta(1.5, 4.5), whose median (by numeric integration) is 2.76894.
    expect(pert.quantile(0.5)).toBeCloseTo(2.76894, 3);
    const point = sampler({ kind: 'pert', min: 4, mode: 4, max: 4 });
    expect([point.quantile(0.5), point.mean]).toEqual([4, 4]);
    const logn = sampler({ kind: 'lognormal90', p5: 10, p95: 240 });
    expect(logn.mean).toBeCloseTo(Math.exp(Math.log(2400) / 2 + (Math.log(24) / (2 * 1.6448536269514722)) ** 2 / 2), 9);
    const choice = sampler({ kind: 'choice', weights: { a: 1, b: 1, c: 2 } });
    expect([0, 0.24, 0.25, 0.49, 0.5, 0.99].map((u) => choice.quantile(u))).toEqual([0, 0, 1, 1, 2, 2]);
    expect(choice.mean).toBeNaN();
    expect(choiceNames({ kind: 'choice', weights: { a: 1, b: 1 } })).toEqual(['a', 'b']);
    expect(choiceNames({ kind: 'fixed', value: 1 })).toEqual([]);
  });
});

describe('the table seen from a profile', () => {
  it('resolves a parameter to the entry at the profile\'s level in its domain, or to the one entry of a world parameter', () => {
    const p = new Parameters(cal, { ...uniformProfile(1), serviceDesk: 3 });
    expect(p.keyOf('serviceDesk.ackDelay')).toBe('serviceDesk.ackDelay.L3');
    expect(p.keyOf('users.reportDelay')).toBe('users.reportDelay');
    expect(p.sampler('serviceDesk.ackDelay').dist).toEqual(cal.byKey.get('serviceDesk.ackDelay.L3')!.dist);
    expect(p.value('change.defectRate')).toBe(0.53);
    expect(p.has('serviceDesk.misrouteChance')).toBe(false);
    expect(() => p.sampler('serviceDesk.misrouteChance')).toThrow('calibration: no entry serviceDesk.misrouteChance.L3');
  });

  it('takes a scenario\'s own value by key (one level) or by parameter (every level)', () => {
    const own: Record<string, Dist> = { 'serviceDesk.ackDelay.L3': { kind: 'fixed', value: 1 }, 'users.reportDelay': { kind: 'fixed', value: 2 }, 'change.defectRate': { kind: 'probability', p: 0.9 } };
    const p = new Parameters(cal, { ...uniformProfile(1), serviceDesk: 3 }, own);
    expect(p.value('serviceDesk.ackDelay')).toBe(1);
    expect(p.value('users.reportDelay')).toBe(2);
    expect(p.value('change.defectRate')).toBe(0.9);
    expect(new Parameters(cal, uniformProfile(2), own).value('serviceDesk.ackDelay')).toBe(sampler(cal.byKey.get('serviceDesk.ackDelay.L2')!.dist).mean);
  });

  it('lists the entries of a domain, of a level, or both', () => {
    const sd3 = entriesFor(cal, { domain: 'serviceDesk', level: 3 });
    expect(sd3.length).toBeGreaterThan(10);
    expect(sd3.every((e) => e.param.startsWith('serviceDesk.') && e.level === 3)).toBe(true);
    const l2 = entriesFor(cal, { level: 2 });
    expect(l2.every((e) => e.level === 2 || e.level === undefined)).toBe(true);
    expect(l2.some((e) => e.level === undefined)).toBe(true);
    expect(entriesFor(cal, { domain: 'users' }).map((e) => e.key)).toEqual(['users.reportDelay', 'users.reReportDelay', 'users.recurrenceReportDelay']);
    expect(entriesFor(cal, {})).toHaveLength(cal.entries.length);
  });
});
