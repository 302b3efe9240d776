// Weekly shift schedules: weekdays and clock times as people write them, turned into the
// headcount at every minute of the week (Ciw's Schedule: capacity per period, repeating).
// Pure arithmetic; problems come back as strings for the parser to place in the file.
import { didYouMean } from '../util/index.js';
import { MINUTES_PER_WEEK, type ScheduleBlock, type Shift, type WeekSpan } from './types.js';

export const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
const FULL_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** A weekday, 0 = Monday: `Mon`, `monday`, `Thurs` (three letters or more of its name, any case); a string is a problem. */
export function parseDay(written: string): number | string {
  const w = written.trim().toLowerCase();
  const i = w.length >= 3 ? FULL_NAMES.findIndex((n) => n.startsWith(w)) : -1;
  return i >= 0 ? i : `unknown day "${written.trim()}"${didYouMean(written.trim(), WEEKDAY_NAMES)}; days are ${WEEKDAY_NAMES.join(', ')}`;
}
const MINUTES_PER_DAY = 24 * 60;
const MINUTES_PER_HOUR = 60;

/**
 * `Mon-Fri`, `Sat,Sun`, `Fri-Mon` (a range may wrap past Sunday), `Mon-Sun`, or a list
 * of those: the weekdays, 0 = Monday, ascending, each once. A string is a problem.
 */
export function parseDays(written: string | readonly string[]): number[] | string {
  const parts = (typeof written === 'string' ? written.split(',') : written.flatMap((w) => w.split(','))).map((p) => p.trim());
  if (parts.length === 0 || parts.every((p) => p === '')) return 'no days: write them as Mon-Fri, Sat,Sun or Mon-Sun';
  const days = new Set<number>();
  for (const part of parts) {
    const ends = part.split('-').map((d) => d.trim());
    if (ends.length > 2 || ends.some((e) => e === '')) return `"${part}" is not a day or a range of days such as Mon-Fri`;
    const idx: number[] = [];
    for (const e of ends) {
      const i = parseDay(e);
      if (typeof i === 'string') return i;
      idx.push(i);
    }
    const [a, b = a] = idx as [number, number?];
    // A range runs forward through the week: Fri-Mon is Friday, Saturday, Sunday, Monday.
    for (let d = a; ; d = (d + 1) % WEEKDAY_NAMES.length) {
      if (days.has(d)) return `${WEEKDAY_NAMES[d]} is listed twice`;
      days.add(d);
      if (d === b) break;
    }
  }
  return [...days].sort((x, y) => x - y);
}

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** `08:30` to minutes of the day; `24:00` is allowed where `endOfDay` (a shift that ends at midnight). */
export function parseClock(written: string, endOfDay = false): number | string {
  const t = written.trim();
  if (endOfDay && t === '24:00') return MINUTES_PER_DAY;
  const m = CLOCK.exec(t);
  if (!m) return `"${written}" is not a time of day: write it as "HH:MM" (00:00 to ${endOfDay ? '24:00' : '23:59'}), quoted`;
  return Number(m[1]) * MINUTES_PER_HOUR + Number(m[2]);
}

/** Minutes a shift lasts: to the end time the same day, or the next day when it ends at or before it starts. */
export function shiftLength(s: Pick<Shift, 'from' | 'to'>): number {
  return s.to > s.from ? s.to - s.from : s.to + MINUTES_PER_DAY - s.from;
}

/** `Mon 08:00`: a minute of the week as a weekday and time. */
export function weekClock(minute: number): string {
  const m = ((minute % MINUTES_PER_WEEK) + MINUTES_PER_WEEK) % MINUTES_PER_WEEK;
  const day = Math.floor(m / MINUTES_PER_DAY);
  const inDay = m - day * MINUTES_PER_DAY;
  const hh = String(Math.floor(inDay / MINUTES_PER_HOUR)).padStart(2, '0');
  const mm = String(inDay % MINUTES_PER_HOUR).padStart(2, '0');
  return `${WEEKDAY_NAMES[day]} ${hh}:${mm}`;
}

/**
 * The week as blocks of constant headcount: sorted, covering [0, week) without overlap,
 * neighbours different. Overlapping shifts add their staff (a late crew arriving while
 * the early one is still on). A shift that runs past Sunday midnight wraps to Monday.
 */
export function resolveSchedule(shifts: readonly Shift[]): ScheduleBlock[] {
  // Headcount changes at each boundary: +staff where a shift starts, -staff where it ends.
  const delta = new Map<number, number>();
  const add = (at: number, d: number) => delta.set(at, (delta.get(at) ?? 0) + d);
  for (const s of shifts) {
    if (s.staff === 0) continue;
    for (const day of s.days) {
      const start = day * MINUTES_PER_DAY + s.from;
      const end = start + shiftLength(s);
      if (end <= MINUTES_PER_WEEK) {
        add(start, s.staff);
        add(end, -s.staff);
      } else {
        add(start, s.staff);
        add(MINUTES_PER_WEEK, -s.staff);
        add(0, s.staff);
        add(end - MINUTES_PER_WEEK, -s.staff);
      }
    }
  }
  const points = [...new Set([0, MINUTES_PER_WEEK, ...delta.keys()])].sort((a, b) => a - b);
  const blocks: ScheduleBlock[] = [];
  let staff = 0;
  for (let i = 0; i < points.length - 1; i++) {
    staff += delta.get(points[i]!) ?? 0;
    const [start, end] = [points[i]!, points[i + 1]!];
    const last = blocks.at(-1);
    if (last && last.staff === staff) last.end = end;
    else blocks.push({ start, end, staff });
  }
  return blocks;
}

/** Staff-minutes a week of a schedule. */
export function staffMinutes(blocks: readonly ScheduleBlock[]): number {
  return blocks.reduce((sum, b) => sum + b.staff * (b.end - b.start), 0);
}

/** The stretches with nobody on shift. */
export function gapsOf(blocks: readonly ScheduleBlock[]): WeekSpan[] {
  return blocks.filter((b) => b.staff === 0).map((b) => ({ start: b.start, end: b.end }));
}

/** Headcount on shift at a minute of the week (any minute: it wraps). */
export function staffAt(blocks: readonly ScheduleBlock[], minute: number): number {
  const m = ((minute % MINUTES_PER_WEEK) + MINUTES_PER_WEEK) % MINUTES_PER_WEEK;
  // Blocks are few (a handful a day): a binary search is not worth its code.
  return blocks.find((b) => m >= b.start && m < b.end)?.staff ?? 0;
}

/** `Mon-Fri 08:00-18:00`-style text of a shift, for messages. */
export function describeShift(s: Shift): string {
  const days = s.days.map((d) => WEEKDAY_NAMES[d]).join(',');
  const clock = (m: number) => `${String(Math.floor(m / MINUTES_PER_HOUR)).padStart(2, '0')}:${String(m % MINUTES_PER_HOUR).padStart(2, '0')}`;
  return `${days} ${clock(s.from)}-${clock(s.to)}`;
}
