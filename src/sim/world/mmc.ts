// The M/M/c queue as a model of this engine: Poisson arrivals, exponential work, one
// team of c people always on duty. Each customer is a whole process (arrive, ask the
// team, hold a person for the work, release, leave), so the model exercises the same
// environment and team every other model uses; test/sim/queueing.test.ts checks it
// against Erlang C, and the bench times it.
import { MINUTES_PER_HOUR } from '../constants.js';
import { Environment, purposeId, Streams } from '../environment/index.js';
import { Schedule, ShiftTeam } from '../resources/index.js';
import { PoissonArrivals } from './arrivals.js';

export interface MMcModel {
  servers: number;
  arrivalsPerHour: number;
  meanWorkMinutes: number;
  /** Customers measured, after the warm-up. */
  customers: number;
  /** Customers simulated first and left out of the figures (the queue starts empty). */
  warmup: number;
  seed: number;
  replication: number;
}

export interface MMcResult {
  /** Customers measured, and simulated in all. */
  customers: number;
  simulated: number;
  meanWaitMinutes: number;
  /** Share of the measured customers who waited at all. */
  pWait: number;
  /** Share of the team's time at work, from the end of the warm-up to the last arrival. */
  utilization: number;
  meanQueue: number;
}

/** The stream scope of the model (its draws are keyed by seed, this, replication and purpose). */
const SCOPE = 'mmc';
const WORK = purposeId('mmc.work');

class MMcRun {
  readonly env = new Environment();
  readonly streams: Streams;
  readonly team: ShiftTeam;
  readonly arrivals: PoissonArrivals<MMcRun>;
  utilization = 0;
  meanQueue = 0;

  constructor(readonly m: MMcModel) {
    this.streams = Streams.borrow(m.seed, SCOPE, m.replication);
    this.team = new ShiftTeam(this.env, { name: 'servers', schedule: Schedule.always(m.servers) }, 0);
    const total = m.warmup + m.customers;
    this.arrivals = new PoissonArrivals<MMcRun>(this.env, m.arrivalsPerHour / MINUTES_PER_HOUR, this.streams, 'mmc.arrival', MMcRun.arrive, this, total);
  }

  private static arrive(run: MMcRun, n: number): void {
    const m = run.m;
    if (n === m.warmup) run.team.stats.reset(run.env.now);
    const work = -Math.log(1 - run.streams.uniformAt(WORK)) * m.meanWorkMinutes;
    run.team.request(0, work, MMcRun.leave, run, n, undefined, undefined);
    if (n === m.warmup + m.customers - 1) {
      run.utilization = run.team.utilization();
      run.meanQueue = run.team.stats.meanQueue(run.env.now);
    }
  }

  /** The customer leaves: nothing to do (the team has counted the wait and the work). */
  private static leave(): void {}
}

export function simulateMMc(m: MMcModel): MMcResult {
  const run = new MMcRun(m);
  try {
    run.arrivals.start();
    run.env.run();
  } finally {
    run.streams.release();
  }
  const s = run.team.stats;
  return {
    customers: s.started,
    simulated: run.arrivals.count,
    meanWaitMinutes: s.meanWait,
    pWait: s.waitedShare,
    utilization: run.utilization,
    meanQueue: run.meanQueue,
  };
}
