// Progress of a sweep: lifecycles done, rate and time left. A plain line on stderr every
// few seconds when nobody watches a terminal (CI logs, Kubernetes), an Ink bar on a TTY
// (progress-ink.tsx, loaded only then). The clock here is the machine's, for display
// only: nothing it reads reaches a result.

export interface ProgressState {
  /** Lifecycles done, including those a resumed sweep found done. */
  done: number;
  total: number;
  /** Lifecycles already done when this process started (a resume): not part of the rate. */
  atStart: number;
  elapsedMs: number;
  seed: number;
}

export interface ProgressSink {
  update(state: ProgressState): void;
  /** The sweep ended (finished or interrupted); draw the last state and let go of the terminal. */
  end(state: ProgressState): void;
}

/** Lifecycles per second since start, and seconds left at that rate (undefined until measurable). */
export function rateAndEta(s: ProgressState): { rate: number; eta: number | undefined } {
  const rate = s.elapsedMs > 0 ? ((s.done - s.atStart) * 1000) / s.elapsedMs : 0;
  return { rate, eta: rate > 0 ? (s.total - s.done) / rate : undefined };
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');

/** `1m 05s`, `42s`, `2h 03m`. */
export function seconds(s: number): string {
  const t = Math.max(0, Math.round(s));
  if (t < 60) return `${t}s`;
  if (t < 3600) return `${Math.floor(t / 60)}m ${String(t % 60).padStart(2, '0')}s`;
  return `${Math.floor(t / 3600)}h ${String(Math.floor((t % 3600) / 60)).padStart(2, '0')}m`;
}

export function percent(s: ProgressState): number {
  return s.total ? (100 * s.done) / s.total : 100;
}

/** `sweep 43% 430,000/1,000,000 lifecycles, 98,100/s, ETA 6s, seed 1` */
export function progressLine(s: ProgressState): string {
  const { rate, eta } = rateAndEta(s);
  return `sweep ${Math.floor(percent(s))}% ${int(s.done)}/${int(s.total)} lifecycles, ${int(rate)}/s, ETA ${eta === undefined ? '?' : seconds(eta)}, seed ${s.seed}`;
}

/** A line every `everyMs` on a stream that is not a terminal. */
export class PlainProgress implements ProgressSink {
  private last = -Infinity;
  constructor(
    private readonly write: (text: string) => void,
    private readonly everyMs = 5000,
  ) {}

  update(s: ProgressState): void {
    if (s.elapsedMs - this.last < this.everyMs) return;
    this.last = s.elapsedMs;
    this.write(`${progressLine(s)}\n`);
  }

  end(s: ProgressState): void {
    this.write(`${progressLine(s)}\n`);
  }
}

export const noProgress: ProgressSink = { update: () => {}, end: () => {} };
