// Wall-clock time for a simulation: virtual minutes from the scenario's onset, anchored
// to a weekday and time, with business hours and the weekly change window. Pure
// arithmetic; the hours and the window come from the calibration table.
import { DAYS_PER_WEEK, MINUTES_PER_DAY, MINUTES_PER_HOUR, MINUTES_PER_WEEK, WORKDAYS } from '../constants.js';

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

const WALL_CLOCK = /^(?<day>Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?<hour>[01]\d|2[0-3]):(?<minute>[0-5]\d)$/;

/** `Mon 22:00` to minutes after Monday 00:00, or undefined when malformed. */
export function parseWallClock(text: string): number | undefined {
  const g = WALL_CLOCK.exec(text.trim())?.groups;
  if (!g) return undefined;
  return WEEKDAYS.indexOf(g.day as (typeof WEEKDAYS)[number]) * MINUTES_PER_DAY + Number(g.hour) * MINUTES_PER_HOUR + Number(g.minute);
}

export interface CalendarSettings {
  /** Hours of the day the business day starts and ends (local time). */
  dayStart: number;
  dayEnd: number;
  /** Weekday (0 = Monday) and hour the change window opens, and how many hours it lasts. */
  windowDay: number;
  windowStart: number;
  windowHours: number;
}

const mod = (a: number, n: number) => ((a % n) + n) % n;

/**
 * Times are sums of drawn minutes, so a moment meant to be the closing bell can land a
 * rounding error before it (539.9999999999986 for 540). Within this many minutes of a
 * boundary, a time counts as on it: the day has closed, or has opened. Without it, a
 * queue that stops at closing saw the business day still open, and waited zero minutes
 * for the "next" opening (a property over the event log found it).
 */
const BOUNDARY_EPSILON = 1e-6;

/** Steps of one rounding error a business start may need to fall inside business hours (a few suffice; a bound, not a tuning). */
const ROUNDING_STEPS = 64;

export class Calendar {
  constructor(
    /** Minutes after Monday 00:00 at which virtual time 0 falls. */
    readonly anchor: number,
    private readonly s: CalendarSettings,
  ) {}

  /** Minutes after Monday 00:00 of the week, at virtual time t. */
  weekMinute(t: number): number {
    return mod(this.anchor + t, MINUTES_PER_WEEK);
  }

  isBusinessHours(t: number): boolean {
    const w = this.weekMinute(t);
    const day = Math.floor(w / MINUTES_PER_DAY);
    const minute = w - day * MINUTES_PER_DAY;
    return day < WORKDAYS && minute >= this.s.dayStart * MINUTES_PER_HOUR - BOUNDARY_EPSILON && minute < this.s.dayEnd * MINUTES_PER_HOUR - BOUNDARY_EPSILON;
  }

  /** The next virtual time at or after t when a business day starts, or t if one is running. */
  nextBusinessStart(t: number): number {
    if (this.isBusinessHours(t)) return t;
    const w = this.weekMinute(t);
    const today = Math.floor(w / MINUTES_PER_DAY);
    for (let d = 0; d <= DAYS_PER_WEEK; d++) {
      const day = today + d;
      const at = day * MINUTES_PER_DAY + this.s.dayStart * MINUTES_PER_HOUR;
      if (day % DAYS_PER_WEEK < WORKDAYS && at >= w - BOUNDARY_EPSILON) return this.firstBusinessTime(t + Math.max(0, at - w));
    }
    throw new Error('calendar: a week without a working day');
  }

  /**
   * `r`, or the next representable time after it that counts as business hours: a start
   * a fraction of a minute into the day can round, through the week's modulo, to a hair
   * before the start, and a wait for business hours would then end outside them, forever.
   */
  private firstBusinessTime(r: number): number {
    let at = r;
    for (let i = 0; i < ROUNDING_STEPS && !this.isBusinessHours(at); i++) at += Math.max(Math.abs(at), MINUTES_PER_WEEK) * Number.EPSILON;
    return at;
  }

  /** When the current business day ends (virtual time), if t is within business hours. */
  businessEnd(t: number): number {
    const w = this.weekMinute(t);
    const dayStartMinute = Math.floor(w / MINUTES_PER_DAY) * MINUTES_PER_DAY;
    return t + (dayStartMinute + this.s.dayEnd * MINUTES_PER_HOUR - w);
  }

  /** The next virtual time at or after t when the change window is open. */
  nextWindow(t: number): number {
    const open = this.s.windowDay * MINUTES_PER_DAY + this.s.windowStart * MINUTES_PER_HOUR;
    const w = this.weekMinute(t);
    const since = mod(w - open, MINUTES_PER_WEEK);
    if (since < this.s.windowHours * MINUTES_PER_HOUR) return t;
    return t + (MINUTES_PER_WEEK - since);
  }

  /** `Tue 02:15`, with the day offset from the onset when it is not the same day: `Tue 02:15 +1d`. */
  format(time: number): string {
    // To the nearest minute, as every minute column and duration beside it is rounded:
    // minute 9.6 reads 10 and 02:10, never 10 and 02:09.
    const t = Math.round(time);
    const w = this.weekMinute(t);
    const day = Math.floor(w / MINUTES_PER_DAY);
    const minute = Math.floor(w - day * MINUTES_PER_DAY);
    const hh = String(Math.floor(minute / MINUTES_PER_HOUR)).padStart(2, '0');
    const mm = String(minute % MINUTES_PER_HOUR).padStart(2, '0');
    const days = Math.floor((this.anchor + t) / MINUTES_PER_DAY) - Math.floor(this.anchor / MINUTES_PER_DAY);
    return `${WEEKDAYS[day]} ${hh}:${mm}${days === 0 ? '' : ` ${days > 0 ? '+' : ''}${days}d`}`;
  }
}

/** Minutes as a short duration: `45m`, `3h 20m`, `2d 4h`. */
export function duration(minutes: number): string {
  if (!Number.isFinite(minutes)) return '-';
  const m = Math.round(minutes);
  if (Math.abs(m) < MINUTES_PER_HOUR) return `${m}m`;
  if (Math.abs(m) < MINUTES_PER_DAY) return `${Math.floor(m / MINUTES_PER_HOUR)}h ${String(m % MINUTES_PER_HOUR).padStart(2, '0')}m`;
  return `${Math.floor(m / MINUTES_PER_DAY)}d ${Math.floor((m % MINUTES_PER_DAY) / MINUTES_PER_HOUR)}h`;
}
