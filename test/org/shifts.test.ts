// Weekly shift schedules: days and times as people write them, and the headcount at
// every minute of the week that a team's resource follows.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { MINUTES_PER_WEEK, parseClock, parseDays, resolveSchedule, shiftStaffMinutes, staffAt, staffMinutes, type Shift } from '../../src/org/index.js';

const DAY = 1440;

/** The headcount at minute m counted shift by shift, the slow way the schedule must agree with. */
function bruteStaff(shifts: readonly Shift[], m: number): number {
  let n = 0;
  for (const s of shifts) {
    const len = s.to > s.from ? s.to - s.from : s.to + DAY - s.from;
    for (const d of s.days) {
      const start = d * DAY + s.from;
      // The shift covers [start, start + len) on the weekly circle.
      const since = (((m - start) % MINUTES_PER_WEEK) + MINUTES_PER_WEEK) % MINUTES_PER_WEEK;
      if (since < len) n += s.staff;
    }
  }
  return n;
}

const arbShift: fc.Arbitrary<Shift> = fc
  .record({
    days: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 7 }).map((d) => d.sort((a, b) => a - b)),
    from: fc.integer({ min: 0, max: DAY - 1 }),
    to: fc.integer({ min: 1, max: DAY }),
    staff: fc.integer({ min: 0, max: 20 }),
  })
  .filter((s) => s.from !== s.to);

describe('resolveSchedule (properties)', () => {
  test.prop([fc.array(arbShift, { maxLength: 8 })], { numRuns: 300 })(
    'blocks partition the week in order, neighbours differ, and staff-minutes equal the sum over the shifts written',
    (shifts) => {
      const blocks = resolveSchedule(shifts);
      expect(blocks[0]!.start).toBe(0);
      expect(blocks.at(-1)!.end).toBe(MINUTES_PER_WEEK);
      blocks.forEach((b, i) => {
        expect(b.end).toBeGreaterThan(b.start);
        expect(b.staff).toBeGreaterThanOrEqual(0);
        if (i > 0) {
          expect(b.start).toBe(blocks[i - 1]!.end);
          expect(b.staff).not.toBe(blocks[i - 1]!.staff);
        }
      });
      expect(staffMinutes(blocks)).toBe(shifts.reduce((a, s) => a + shiftStaffMinutes(s), 0));
    },
  );

  test.prop([fc.array(arbShift, { maxLength: 8 }), fc.array(fc.integer({ min: 0, max: MINUTES_PER_WEEK - 1 }), { minLength: 1, maxLength: 20 })], { numRuns: 300 })(
    'the headcount at any minute is the number of people whose shift covers it (overlaps add, overnight shifts wrap)',
    (shifts, minutes) => {
      const blocks = resolveSchedule(shifts);
      for (const m of minutes) expect(staffAt(blocks, m), `minute ${m}`).toBe(bruteStaff(shifts, m));
    },
  );
});

describe('resolveSchedule (examples)', () => {
  it('a Sunday night shift runs into Monday morning', () => {
    const blocks = resolveSchedule([{ days: [6], from: 22 * 60, to: 6 * 60, staff: 2 }]);
    expect(blocks).toEqual([
      { start: 0, end: 360, staff: 2 },
      { start: 360, end: 6 * DAY + 22 * 60, staff: 0 },
      { start: 6 * DAY + 22 * 60, end: MINUTES_PER_WEEK, staff: 2 },
    ]);
  });

  it('00:00 to 24:00 every day is one block all week', () => {
    expect(resolveSchedule([{ days: [0, 1, 2, 3, 4, 5, 6], from: 0, to: DAY, staff: 4 }])).toEqual([{ start: 0, end: MINUTES_PER_WEEK, staff: 4 }]);
  });

  it('no shifts is nobody all week', () => {
    expect(resolveSchedule([])).toEqual([{ start: 0, end: MINUTES_PER_WEEK, staff: 0 }]);
  });
});

describe('days and times as written', () => {
  it.each([
    ['Mon-Fri', [0, 1, 2, 3, 4]],
    ['Sat,Sun', [5, 6]],
    ['Fri-Mon', [0, 4, 5, 6]],
    ['Mon-Sun', [0, 1, 2, 3, 4, 5, 6]],
    ['monday, Wednesday,fri', [0, 2, 4]],
    ['Thurs', [3]],
  ])('%s is %j', (text, days) => expect(parseDays(text)).toEqual(days));

  it('a list of ranges is their union', () => expect(parseDays(['Mon-Tue', 'Sat'])).toEqual([0, 1, 5]));

  it.each([
    ['Mon-Fry', 'unknown day "Fry" (did you mean "Fri"?)'],
    ['Mon-Fri,Wed', 'Wed is listed twice'],
    ['', 'no days'],
    ['Mon--Fri', 'is not a day or a range'],
  ])('%j is refused: %s', (text, message) => expect(parseDays(text)).toContain(message));

  it('times are HH:MM; 24:00 only ends a shift', () => {
    expect(parseClock('08:30')).toBe(510);
    expect(parseClock('24:00', true)).toBe(DAY);
    expect(parseClock('24:00')).toMatch(/not a time of day/);
    expect(parseClock('8:00')).toMatch(/"8:00" is not a time of day: write it as "HH:MM"/);
    expect(parseClock('12:60')).toMatch(/not a time of day/);
  });
});
