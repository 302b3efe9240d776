// Arrival processes: when new work enters the world. A Poisson process draws its gaps
// from one stream of its own, so the arrivals are the same whatever the arrivals do
// once inside (common random numbers across profiles and staffing).
import { PRIORITY } from '../constants.js';
import { purposeId, type Call, type Environment, type Streams } from '../environment/index.js';

/** Arrivals at exponential gaps (mean 1 / rate), each handed to `arrive(ctx, n)` with its number from 0. */
export class PoissonArrivals<C> {
  /** Arrivals so far. */
  count = 0;
  private readonly purpose: number;

  constructor(
    private readonly env: Environment,
    /** Arrivals per minute. */
    private readonly rate: number,
    private readonly streams: Streams,
    purpose: string,
    private readonly arrive: Call<C, number, undefined, undefined>,
    private readonly ctx: C,
    /** No more arrivals after this many. */
    private readonly limit = Infinity,
  ) {
    if (!(rate > 0 && Number.isFinite(rate))) throw new Error(`arrivals: a rate of ${rate} a minute`);
    this.purpose = purposeId(purpose);
  }

  /** Schedules the first arrival, one gap from now. */
  start(): void {
    if (this.limit > 0) this.next();
  }

  private next(): void {
    // 1 - u lies in (0, 1]: the gap is finite.
    const gap = -Math.log(1 - this.streams.uniformAt(this.purpose)) / this.rate;
    this.env.schedule(this.env.now + gap, PRIORITY.world, PoissonArrivals.fire, this as PoissonArrivals<unknown>, undefined, undefined, undefined);
  }

  private static fire(self: PoissonArrivals<unknown>): void {
    const n = self.count++;
    if (self.count < self.limit) self.next();
    self.arrive(self.ctx, n, undefined, undefined);
  }
}
