// The bounds every calibration value keeps, whoever writes it (the defaults table, an
// override file, a scenario's own overrides): what a number of each unit can mean, and
// what the simulator can run to its end with finite figures. Each bound carries its
// reason; docs/calibration.md and docs/scenario-format.md print them from here.
import { normalQuantile, type Dist } from './distributions.js';

/** Minutes in a day and in a (non-leap) year. */
const MINUTES_PER_DAY = 1440;
const MINUTES_PER_YEAR = 365 * MINUTES_PER_DAY;

export interface Bound {
  value: number;
  /** Why this bound, in one sentence a user reads when a value is refused. */
  why: string;
}

export const BOUNDS = {
  /**
   * Longest duration a value may say (a fixed time, a PERT's max, a lognormal's 95th
   * percentile). The longest default, a breach found from outside, has its 95th
   * percentile at six months (IBM Cost of a Data Breach 2024).
   */
  minutes: {
    value: MINUTES_PER_YEAR,
    why: 'a step of one incident or change lasting more than a year is no longer that incident (the longest default, a breach found from outside, has its 95th percentile at six months)',
  },
  /** Widest lognormal: p95 / p5. */
  lognormalSpread: {
    value: 1000,
    why: 'a 90% interval spanning more than three orders of magnitude says nothing a run can use, and its far tail draws times of centuries (the widest default spans 288)',
  },
  /** Largest amount of money for one loss. */
  usd: {
    value: 1e12,
    why: 'a trillion dollars is beyond any loss one incident has caused, and keeps sums over billions of runs finite',
  },
  /** Largest cost of one minute of full impact. */
  usdPerMinute: {
    value: 1e9,
    why: 'a billion dollars a minute is several times the world economy per minute (about $200 million: IMF, World Economic Outlook 2024, $110 trillion a year), and keeps every sum over billions of runs finite',
  },
  /** Largest factor on a duration. */
  factor: {
    value: 100,
    why: 'a factor scales a duration; a hundredfold change is far past any effect the documents describe, and larger ones push times past a year',
  },
  /** Largest lead in levels. */
  levels: {
    value: 4,
    why: 'levels run from 1 to 5, so no lead can be more than 4',
  },
  /** Largest weight in a mix. */
  weight: {
    value: 1e9,
    why: 'weights are relative: a billion to one is as lopsided as a mix can usefully be, and their sum stays exact',
  },
  /**
   * Highest chance that a step which is retried fails again (a lost report, a misroute,
   * a fix that does not hold, a reopened ticket, a failed rollback or failover, a CAB
   * rejection of a fix's change). The loops nest: a reopened incident is fixed again, and
   * each fix may be a change the CAB rejects. Measured (every retried chance at the
   * bound, the ten shipped scenarios at every level, each also with its fix through the
   * change process, 100,000 runs): at 0.5 the longest run took 835 machine steps, far
   * inside the engine's guards (20,000 steps, 200 remediation changes; with three loops
   * nested at 0.5 a run needs 200 changes with a chance of 0.875^200, about 3e-12); at
   * 0.9, one run in eight used up the 200 changes.
   */
  retry: {
    value: 0.5,
    why: 'the step is tried again until it works, so a chance above one half makes runs that practically never end (one that always fails would never end at all)',
  },
  /** Shortest business day. */
  businessDayHours: {
    value: 1,
    why: 'a ticket waiting for business hours needs a business day to be worked in',
  },
  /** Most business days a low-priority ticket may wait for acknowledgement, at its one-in-a-billion draw. */
  staffedWaitDays: {
    value: 1000,
    why: 'the simulator follows a queued ticket through every evening and morning of its wait, so even its one-in-a-billion wait must stay within 1,000 business days (four years)',
  },
} as const satisfies Record<string, Bound>;

/**
 * z of the one-in-a-billion upper tail of the standard normal, the draw the staffed-wait
 * bound is taken at: the engine draws quantiles from uniform numbers, so a value beyond
 * this comes up about once in a billion draws.
 */
export const Z_TAIL = -normalQuantile(1e-9);

/** A duration's one-in-a-billion value: a lognormal's far tail, a PERT's max, a fixed value. */
export function tailOf(d: Dist): number {
  switch (d.kind) {
    case 'fixed':
      return d.value;
    case 'pert':
      return d.max;
    case 'lognormal90': {
      const z95 = -normalQuantile(0.05);
      const mu = (Math.log(d.p5) + Math.log(d.p95)) / 2;
      const sigma = (Math.log(d.p95) - Math.log(d.p5)) / (2 * z95);
      return Math.exp(mu + sigma * Z_TAIL);
    }
    default:
      return 0;
  }
}

/** `525,600`, `1,000,000,000,000`; past a quadrillion, `1e+308`: numbers as people read them. */
export const readable = (n: number) => (Math.abs(n) < 1e15 ? n.toLocaleString('en-US', { maximumFractionDigits: 4 }) : String(n));
