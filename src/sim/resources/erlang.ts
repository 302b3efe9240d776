// Queueing theory for the M/M/c queue (Poisson arrivals, exponential work, c people),
// the yardstick the teams are checked against: Erlang C gives the chance that work
// waits, the mean wait and the service level. Pure functions; rates in any one unit.

/** Erlang B (blocking) for c servers and `load` Erlangs offered, by the stable recursion B(k) = aB(k-1) / (k + aB(k-1)). */
export function erlangB(c: number, load: number): number {
  let b = 1;
  for (let k = 1; k <= c; k++) b = (load * b) / (k + load * b);
  return b;
}

/** Erlang C: the chance that an arrival waits, for c servers and `load` = lambda / mu Erlangs (needs load < c). */
export function erlangC(c: number, load: number): number {
  if (!(Number.isInteger(c) && c >= 1)) throw new Error(`erlangC: ${c} servers`);
  if (!(load >= 0 && load < c)) throw new Error(`erlangC: a load of ${load} Erlangs on ${c} servers never settles`);
  const b = erlangB(c, load);
  return (c * b) / (c - load * (1 - b));
}

export interface MMc {
  /** People (servers). */
  c: number;
  /** Arrivals per unit of time. */
  lambda: number;
  /** Work finished per unit of time by one person (1 / mean work). */
  mu: number;
}

/** The steady state of an M/M/c queue: utilization, chance of waiting, mean wait Wq (in the unit of 1/lambda). */
export function mmc({ c, lambda, mu }: MMc): { utilization: number; pWait: number; meanWait: number } {
  const load = lambda / mu;
  const pWait = erlangC(c, load);
  return { utilization: load / c, pWait, meanWait: pWait / (c * mu - lambda) };
}

/** The share of arrivals whose wait is at most `t`: 1 - C e^{-(c mu - lambda) t}. */
export function serviceLevel(q: MMc, t: number): number {
  return 1 - erlangC(q.c, q.lambda / q.mu) * Math.exp(-(q.c * q.mu - q.lambda) * t);
}
