// The event queue: a binary heap ordered by (time, priority, sequence number), so
// simultaneous events always run in the same order. An entry is a callback, or (on
// the engine's hot path, to spare a closure per event) a function with the context and
// arguments it is to be called with.

export type Call<C, A, B, D> = (ctx: C, a: A, b: B, c: D) => void;

export class Scheduled {
  constructor(
    readonly time: number,
    readonly priority: number,
    readonly seq: number,
    private readonly call: Call<unknown, unknown, unknown, unknown>,
    private readonly ctx: unknown,
    private readonly a: unknown,
    private readonly b: unknown,
    private readonly c: unknown,
  ) {}

  fire(): void {
    this.call(this.ctx, this.a, this.b, this.c);
  }
}

export class EventQueue {
  private heap: Scheduled[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(time: number, priority: number, fire: () => void): void {
    this.insert(new Scheduled(time, priority, this.seq++, fire, undefined, undefined, undefined, undefined));
  }

  /** Schedules `call(ctx, a, b, c)`. */
  pushCall<C, A, B, D>(time: number, priority: number, call: Call<C, A, B, D>, ctx: C, a: A, b: B, c: D): void {
    this.insert(new Scheduled(time, priority, this.seq++, call as Call<unknown, unknown, unknown, unknown>, ctx, a, b, c));
  }

  private insert(item: Scheduled): void {
    const h = this.heap;
    h.push(item);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(item, h[parent]!)) break;
      h[i] = h[parent]!;
      i = parent;
    }
    h[i] = item;
  }

  pop(): Scheduled | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= h.length) break;
        const r = l + 1;
        const c = r < h.length && before(h[r]!, h[l]!) ? r : l;
        if (!before(h[c]!, last)) break;
        h[i] = h[c]!;
        i = c;
      }
      h[i] = last;
    }
    return top;
  }
}

function before(a: Scheduled, b: Scheduled): boolean {
  if (a.time !== b.time) return a.time < b.time;
  if (a.priority !== b.priority) return a.priority < b.priority;
  return a.seq < b.seq;
}
