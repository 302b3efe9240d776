// What a team's observers count as work flows through it: requests, waits before work
// starts, busy time on duty and on call, pages, interruptions by a shift's end, and the
// queue length over time. Streamed as things happen (nothing is kept per request), and
// restartable at a time (`reset`) so a model can drop its warm-up.

export class TeamStats {
  /** Counting from this time: requests made earlier and work done earlier are left out. */
  since = 0;
  requests = 0;
  /** Requests (made since `since`) whose work has started. */
  started = 0;
  /** Of those, how many waited at all before their work started. */
  waited = 0;
  /** Minutes from request to the start of work, summed over `started`. */
  waitSum = 0;
  maxWait = 0;
  /** Minutes of work done by people on duty, and by people called from the on-call pool. */
  onDutyMinutes = 0;
  onCallMinutes = 0;
  pages = 0;
  /** Work cut off by the end of a shift (it resumes when the team is back). */
  interruptions = 0;
  maxQueue = 0;
  private queueArea = 0;
  private queueLength = 0;
  private queueSince = 0;

  requested(at: number): void {
    if (at >= this.since) this.requests++;
  }

  /** Work requested at `requestedAt` starts now (its first start only). */
  startedWork(requestedAt: number, now: number): void {
    if (requestedAt < this.since) return;
    const wait = now - requestedAt;
    this.started++;
    this.waitSum += wait;
    if (wait > 0) this.waited++;
    if (wait > this.maxWait) this.maxWait = wait;
  }

  /** Someone worked from `from` to `now` (the part since `since` counts). */
  worked(from: number, now: number, onCall: boolean): void {
    const minutes = now - Math.max(from, this.since);
    if (minutes <= 0) return;
    if (onCall) this.onCallMinutes += minutes;
    else this.onDutyMinutes += minutes;
  }

  /** The number waiting in the queue changed to `length` at `now`. */
  queued(length: number, now: number): void {
    this.queueArea += this.queueLength * (now - Math.max(this.queueSince, this.since));
    this.queueLength = length;
    this.queueSince = now;
    if (length > this.maxQueue) this.maxQueue = length;
  }

  get meanWait(): number {
    return this.started ? this.waitSum / this.started : 0;
  }

  /** Share of the work that waited before it started. */
  get waitedShare(): number {
    return this.started ? this.waited / this.started : 0;
  }

  /** Time-average number waiting between `since` and `now`. */
  meanQueue(now: number): number {
    const span = now - this.since;
    if (span <= 0) return 0;
    return (this.queueArea + this.queueLength * (now - Math.max(this.queueSince, this.since))) / span;
  }

  /** Starts counting afresh at `now` (work in progress counts from now on). */
  reset(now: number): void {
    this.since = now;
    this.requests = this.started = this.waited = this.waitSum = this.maxWait = 0;
    this.onDutyMinutes = this.onCallMinutes = this.pages = this.interruptions = 0;
    this.queueArea = 0;
    this.queueSince = now;
    this.maxQueue = this.queueLength;
  }
}
