// A team's shift schedule, as Ciw's `Schedule`: how many people are on duty from each
// minute of the week, repeating every week. Minute 0 is Monday 00:00 (the calendar's
// origin); the team is told at which minute of the week virtual time 0 falls.
import { MINUTES_PER_WEEK } from '../constants.js';

export interface Shift {
  /** Minute of the week (0 = Monday 00:00) from which `staff` people are on duty. */
  from: number;
  staff: number;
}

export class Schedule {
  private readonly shifts: readonly Shift[];
  /** Staff-minutes over one whole week. */
  private readonly weekly: number;

  /** `shifts` in order of `from`, each from in [0, one week); before the first, the last one's staff is on (it wraps). */
  constructor(shifts: readonly Shift[]) {
    if (shifts.length === 0) throw new Error('a schedule needs at least one shift');
    shifts.forEach((s, i) => {
      if (!(s.from >= 0 && s.from < MINUTES_PER_WEEK)) throw new Error(`shift ${i}: from ${s.from} is not a minute of the week`);
      if (!(Number.isInteger(s.staff) && s.staff >= 0)) throw new Error(`shift ${i}: staff ${s.staff} is not a head count`);
      if (i > 0 && s.from <= shifts[i - 1]!.from) throw new Error(`shift ${i}: shifts must be in order of their start`);
    });
    this.shifts = shifts;
    this.weekly = this.minutesWithin(0, MINUTES_PER_WEEK);
  }

  /** The same head count all week. */
  static always(staff: number): Schedule {
    return new Schedule([{ from: 0, staff }]);
  }

  /** Whether the head count ever changes. */
  get changes(): boolean {
    return this.shifts.some((s) => s.staff !== this.shifts[0]!.staff);
  }

  /** The shift in effect at minute `w` of the week. */
  private indexAt(w: number): number {
    const s = this.shifts;
    let i = s.length - 1;
    while (i >= 0 && s[i]!.from > w) i--;
    return i < 0 ? s.length - 1 : i;
  }

  staffAt(weekMinute: number): number {
    return this.shifts[this.indexAt(weekMinute)]!.staff;
  }

  /** Minutes from minute `w` of the week to the next shift start after it (Infinity if the count never changes). */
  untilChange(w: number): number {
    if (!this.changes) return Infinity;
    const s = this.shifts;
    const i = this.indexAt(w);
    const next = i + 1 < s.length ? s[i + 1]!.from : s[0]!.from + MINUTES_PER_WEEK;
    // Before the first shift of the week, the wrapped-around last one is on: the next start is the first.
    return w < s[0]!.from ? s[0]!.from - w : next - w;
  }

  /** Staff-minutes between minutes a and b of one week (0 <= a <= b <= one week). */
  private minutesWithin(a: number, b: number): number {
    const s = this.shifts;
    let total = 0;
    for (let i = -1; i < s.length; i++) {
      // Segment i runs from its start to the next start; segment -1 is the week's start, under the last shift.
      const start = i < 0 ? 0 : s[i]!.from;
      const end = i + 1 < s.length ? s[i + 1]!.from : MINUTES_PER_WEEK;
      const staff = i < 0 ? s[s.length - 1]!.staff : s[i]!.staff;
      const lo = Math.max(a, start);
      const hi = Math.min(b, end);
      if (hi > lo) total += staff * (hi - lo);
    }
    return total;
  }

  /** Staff-minutes on duty between virtual times t0 and t1, when virtual time 0 is minute `anchor` of the week. */
  staffMinutes(t0: number, t1: number, anchor: number): number {
    if (t1 <= t0) return 0;
    const start = anchor + t0;
    const weeks = Math.floor((t1 - t0) / MINUTES_PER_WEEK);
    let total = weeks * this.weekly;
    let a = ((start % MINUTES_PER_WEEK) + MINUTES_PER_WEEK) % MINUTES_PER_WEEK;
    let rest = t1 - t0 - weeks * MINUTES_PER_WEEK;
    while (rest > 0) {
      const b = Math.min(MINUTES_PER_WEEK, a + rest);
      total += this.minutesWithin(a, b);
      rest -= b - a;
      a = 0;
    }
    return total;
  }
}
