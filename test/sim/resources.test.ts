// Teams: shift schedules, the order of the queue, preemptive-resume at a shift's end,
// the on-call pool, withdrawn work, and what the stats count.
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { Environment } from '../../src/sim/environment/index.js';
import { Schedule, ShiftTeam, UnlimitedTeam, type TeamSpec } from '../../src/sim/resources/index.js';

const HOUR = 60;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
/** One person Monday to Friday, 09:00 to 17:00. */
const officeHours = new Schedule([0, 1, 2, 3, 4].flatMap((d) => [{ from: d * DAY + 9 * HOUR, staff: 1 }, { from: d * DAY + 17 * HOUR, staff: 0 }]));

/** A team, and a log of when each named piece of work finished. */
function setup(spec: Omit<TeamSpec, 'name'>, anchor = 0) {
  const env = new Environment();
  const team = new ShiftTeam(env, { name: 'desk', ...spec }, anchor);
  const done: [string, number][] = [];
  const finish = (log: typeof done, name: string) => log.push([name, env.now]);
  const ask = (at: number, name: string, work: number, priority = 1) => {
    let request: ReturnType<ShiftTeam['request']> | undefined;
    env.scheduleCallback(at, 0, () => (request = team.request(priority, work, finish, done, name, undefined, undefined)));
    return () => request!;
  };
  return { env, team, done, ask };
}

describe('a shift schedule', () => {
  it('gives the head count at each minute of the week, wrapping from Sunday into Monday', () => {
    expect(officeHours.staffAt(0)).toBe(0);
    expect(officeHours.staffAt(9 * HOUR)).toBe(1);
    expect(officeHours.staffAt(17 * HOUR - 1)).toBe(1);
    expect(officeHours.staffAt(17 * HOUR)).toBe(0);
    expect(officeHours.staffAt(WEEK - 1)).toBe(0);
    const nights = new Schedule([{ from: 8 * HOUR, staff: 3 }, { from: 20 * HOUR, staff: 1 }]);
    expect(nights.staffAt(2 * HOUR)).toBe(1); // before the first shift of the week: the last one's
  });

  it('says how long until the next change, and counts staff-minutes over any span', () => {
    expect(officeHours.untilChange(0)).toBe(9 * HOUR);
    expect(officeHours.untilChange(10 * HOUR)).toBe(7 * HOUR);
    expect(officeHours.untilChange(4 * DAY + 18 * HOUR)).toBe(WEEK - (4 * DAY + 18 * HOUR) + 9 * HOUR);
    expect(Schedule.always(3).untilChange(100)).toBe(Infinity);
    expect(officeHours.staffMinutes(0, WEEK, 0)).toBe(5 * 8 * HOUR);
    expect(officeHours.staffMinutes(0, 3 * WEEK + DAY, 0)).toBe(3 * 5 * 8 * HOUR + 8 * HOUR);
    // Anchored at Friday 16:00: one hour of Friday, then Monday's eight.
    expect(officeHours.staffMinutes(0, 3 * DAY + 2 * HOUR, 4 * DAY + 16 * HOUR)).toBe(9 * HOUR);
  });

  it('rejects shifts out of order, outside the week, or with a fractional head count', () => {
    expect(() => new Schedule([{ from: 10, staff: 1 }, { from: 5, staff: 2 }])).toThrow(/order/);
    expect(() => new Schedule([{ from: WEEK, staff: 1 }])).toThrow(/minute of the week/);
    expect(() => new Schedule([{ from: 0, staff: 1.5 }])).toThrow(/head count/);
  });
});

describe('a team on shifts', () => {
  it('serves by priority, then by the time of the request', () => {
    const { env, done, ask } = setup({ schedule: Schedule.always(1) });
    ask(0, 'first', 10);
    ask(1, 'routine', 10, 2);
    ask(2, 'urgent', 10, 0);
    ask(3, 'urgent too', 10, 0);
    env.run();
    expect(done).toEqual([['first', 10], ['urgent', 20], ['urgent too', 30], ['routine', 40]]);
  });

  it('cuts off work at the end of a shift and resumes what is left when the next shift starts', () => {
    // Monday 16:00: two hours of routine work, one done before 17:00, the rest from Tuesday 09:00.
    const { env, team, done, ask } = setup({ schedule: officeHours });
    ask(16 * HOUR, 'report', 2 * HOUR, 2);
    env.run();
    expect(done).toEqual([['report', DAY + 10 * HOUR]]);
    expect(team.stats.interruptions).toBe(1);
    expect(team.stats.onDutyMinutes).toBe(2 * HOUR);
    // Work asked for at night waits for the morning.
    const night = setup({ schedule: officeHours });
    night.ask(20 * HOUR, 'ticket', 30, 2);
    night.env.run();
    expect(night.done).toEqual([['ticket', DAY + 9 * HOUR + 30]]);
    expect(night.team.stats.meanWait).toBe(13 * HOUR);
  });

  it('keeps urgent work in hand past the end of the shift: its person stays until it is done, off duty', () => {
    // Monday 16:00: two hours of an urgent incident's work; the engineer stays until 18:00.
    const { env, team, done, ask } = setup({ schedule: officeHours });
    ask(16 * HOUR, 'outage', 2 * HOUR, 1);
    ask(16 * HOUR, 'routine', 2 * HOUR, 2); // nobody else on shift: waits for Tuesday
    env.run();
    expect(done).toEqual([
      ['outage', 18 * HOUR],
      ['routine', DAY + 11 * HOUR],
    ]);
    expect(team.stats.onDutyMinutes).toBe(HOUR + 2 * HOUR);
    expect(team.stats.onCallMinutes).toBe(HOUR);
  });

  it('lets the person engaged off duty carry on with the same lifecycle\'s next urgent step, without a new page', () => {
    const onCall = { staff: 1, responseMinutes: 25, pagesAtOrBelow: 1 };
    const env = new Environment();
    const team = new ShiftTeam(env, { name: 'ops', schedule: officeHours, onCall }, 0);
    const done: [string, number][] = [];
    const lifecycle = { id: 'incident' };
    // Two steps of one incident at 02:00: the second is asked for as the first finishes.
    const second = (_: unknown, who: typeof lifecycle) => {
      done.push(['diagnosed', env.now]);
      team.request(1, 30, () => done.push(['rolled back', env.now]), undefined, who, undefined, undefined);
    };
    env.scheduleCallback(2 * HOUR, 0, () => team.request(1, 60, second, undefined, lifecycle, undefined, undefined));
    env.run();
    expect(done).toEqual([
      ['diagnosed', 2 * HOUR + 25 + 60],
      ['rolled back', 2 * HOUR + 25 + 60 + 30],
    ]);
    expect(team.stats.pages).toBe(1);
  });

  it('pages the on-call pool for urgent work out of hours, which starts after the response delay; routine work waits', () => {
    const onCall = { staff: 1, responseMinutes: 25, pagesAtOrBelow: 0 };
    const { env, team, done, ask } = setup({ schedule: officeHours, onCall });
    ask(2 * HOUR, 'outage', 60, 0);
    ask(2 * HOUR, 'password reset', 10, 1);
    ask(2 * HOUR + 5, 'second outage', 30, 0); // the one on-call person is taken: it waits for them
    env.run();
    expect(done).toEqual([
      ['outage', 2 * HOUR + 25 + 60],
      ['second outage', 2 * HOUR + 25 + 60 + 25 + 30],
      ['password reset', 9 * HOUR + 10],
    ]);
    expect(team.stats.pages).toBe(2);
    expect(team.stats.onCallMinutes).toBe(90);
    expect(team.stats.onDutyMinutes).toBe(10);
  });

  it('drops withdrawn work: a queued request never runs, and one in hand frees its person at once', () => {
    const { env, team, done, ask } = setup({ schedule: Schedule.always(1) });
    const big = ask(0, 'big', 100);
    const queued = ask(1, 'queued', 10);
    ask(2, 'next', 10);
    env.scheduleCallback(5, 0, () => {
      team.withdraw(queued());
      team.withdraw(big());
      team.withdraw(big()); // twice is harmless
    });
    env.run();
    expect(done).toEqual([['next', 15]]);
    expect(team.stats.onDutyMinutes).toBe(15);
    expect(big().state).toBe('withdrawn');
  });

  test.prop([
    fc.array(fc.record({ from: fc.integer({ min: 0, max: WEEK - 1 }), staff: fc.integer({ min: 0, max: 3 }) }), { minLength: 1, maxLength: 6 }),
    fc.array(fc.record({ at: fc.integer({ min: 0, max: 2 * WEEK }), work: fc.integer({ min: 1, max: 600 }), priority: fc.integer({ min: 0, max: 2 }) }), { maxLength: 30 }),
    fc.integer({ min: 0, max: WEEK - 1 }),
  ])('every request is finished, never early, and the work done is the work asked for (random shifts and requests)', (raw, asks, anchor) => {
    const shifts = [...new Map(raw.map((s) => [s.from, s])).values()].sort((a, b) => a.from - b.from);
    fc.pre(shifts.some((s) => s.staff > 0));
    const { env, team, done, ask } = setup({ schedule: new Schedule(shifts) }, anchor);
    let over = 0;
    asks.forEach((a, i) => ask(a.at, String(i), a.work, a.priority));
    // Watch the head count on every event: never more people at work than on duty.
    const check = () => {
      if (team.workingOnDuty > team.onDuty) over++;
    };
    for (let more = true; more; ) {
      more = env.step();
      check();
    }
    expect(over).toBe(0);
    expect(done.length).toBe(asks.length);
    for (const [name, at] of done) {
      const a = asks[Number(name)]!;
      expect(at).toBeGreaterThanOrEqual(a.at + a.work - 1e-9);
    }
    const asked = asks.reduce((n, a) => n + a.work, 0);
    // Urgent work in hand at a shift's end is finished off duty (overtime): on duty and off, the work asked for.
    expect(team.stats.onDutyMinutes + team.stats.onCallMinutes).toBeCloseTo(asked, 6);
    expect(team.queueLength).toBe(0);
  });
});

describe('an unlimited team', () => {
  it('starts every request at once: work ends its minutes after it was asked for, however much arrives together', () => {
    const env = new Environment();
    const team = new UnlimitedTeam(env, 'everyone');
    const done: [string, number][] = [];
    const finish = (log: typeof done, name: string) => log.push([name, env.now]);
    for (let i = 0; i < 5; i++) team.request(1, 10 * (i + 1), finish, done, String(i), undefined, undefined);
    env.run();
    expect(done).toEqual([0, 1, 2, 3, 4].map((i) => [String(i), 10 * (i + 1)]));
    expect(team.stats.meanWait).toBe(0);
    expect(team.stats.onDutyMinutes).toBe(150);
  });
});
