// The environment: the bottom layer of the engine, as in SimPy. A virtual clock in
// minutes, the event queue ordered by (time, priority, sequence), and a run loop that
// steps until a time, until the queue is empty or until someone stops it. Random
// streams (rng.ts) and the wall clock that maps virtual minutes to weekdays and hours
// (calendar.ts) live here too, because every layer above draws and tells time.
// May import only src/sim/constants.ts and the standard library: nothing above it.
import { EventQueue, type Call } from './queue.js';

export { Calendar, duration, parseWallClock, WEEKDAYS, type CalendarSettings } from './calendar.js';
export { EventQueue, Scheduled, type Call } from './queue.js';
export { purposeId, purposeName, streamSeed, Streams, Tyche, type Stream } from './rng.js';

/** Asked by `run` when no event is left: it may schedule more (and say so) or let the run end. */
export interface Idle {
  idle(): boolean;
}

export class Environment {
  /** Virtual minutes. */
  now = 0;
  private readonly queue = new EventQueue();
  private stopped = false;
  /**
   * How many scheduled events are quiet: they change nothing the run is about (a
   * tabletop's injects that bring no signal). Whoever schedules one counts it here and
   * uncounts it when it fires. When only quiet events are left, `run` asks `idle` as if
   * the queue were empty, so they never delay what happens when nothing else is left.
   */
  quiet = 0;

  /** Events not yet fired. */
  get pending(): number {
    return this.queue.size;
  }

  /** Schedules `call(ctx, a, b, c)` at `at` (never in the past: earlier times mean now). */
  schedule<C, A, B, D>(at: number, priority: number, call: Call<C, A, B, D>, ctx: C, a: A, b: B, c: D): void {
    this.queue.pushCall(Math.max(at, this.now), priority, call, ctx, a, b, c);
  }

  /** Schedules a plain callback (for what runs once a run, not once an event). */
  scheduleCallback(at: number, priority: number, fire: () => void): void {
    this.queue.push(Math.max(at, this.now), priority, fire);
  }

  /** Back to time 0 with nothing scheduled, as new (an environment can serve one replication after another). */
  reset(): void {
    this.queue.clear();
    this.now = 0;
    this.stopped = false;
    this.quiet = 0;
  }

  /** Ends the current `run` after the event being fired. */
  stop(): void {
    this.stopped = true;
  }

  /** Fires the next event; false when there is none. */
  step(): boolean {
    const next = this.queue.pop();
    if (!next) return false;
    this.now = next.time;
    next.fire();
    return true;
  }

  /**
   * Fires events in order until none is left (asking `idle` first, and again whenever
   * only quiet ones are left), the next one lies after `until` (the clock then stands at
   * `until`), or `stop()` is called.
   */
  run(until = Infinity, idle?: Idle): void {
    this.stopped = false;
    const queue = this.queue;
    for (;;) {
      if (this.stopped) return;
      if (queue.size === this.quiet) {
        if (idle?.idle()) continue;
        if (queue.size === 0) return;
      }
      const at = queue.peekTime();
      if (at > until) {
        this.now = until;
        return;
      }
      const next = queue.pop()!;
      this.now = at;
      next.fire();
    }
  }
}
