// The event queue: a binary heap ordered by (time, priority, sequence number), so
// simultaneous events always run in the same order. An entry is a function with the
// context and arguments it is to be called with (no closure per event on the hot path),
// or a plain callback. (Entries are not pooled: V8 allocates short-lived objects more
// cheaply than it rewrites long-lived ones, as measured by the bench.)

export type Call<C, A, B, D> = (ctx: C, a: A, b: B, c: D) => void;

type AnyCall = Call<unknown, unknown, unknown, unknown>;

/** Calls a plain callback kept in the context slot. */
const callback: AnyCall = (fire) => (fire as () => void)();

export class Scheduled {
  constructor(
    readonly time: number,
    readonly priority: number,
    readonly seq: number,
    private readonly call: AnyCall,
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
    this.pushCall(time, priority, callback, fire, undefined, undefined, undefined);
  }

  /** Schedules `call(ctx, a, b, c)`. */
  pushCall<C, A, B, D>(time: number, priority: number, call: Call<C, A, B, D>, ctx: C, a: A, b: B, c: D): void {
    const item = new Scheduled(time, priority, this.seq++, call as AnyCall, ctx, a, b, c);
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

  /** The time of the next entry, or Infinity when there is none. */
  peekTime(): number {
    const top = this.heap[0];
    return top ? top.time : Infinity;
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

  /** Drops every entry and starts the sequence afresh: an empty queue, as new. */
  clear(): void {
    this.heap.length = 0;
    this.seq = 0;
  }
}

function before(a: Scheduled, b: Scheduled): boolean {
  if (a.time !== b.time) return a.time < b.time;
  if (a.priority !== b.priority) return a.priority < b.priority;
  return a.seq < b.seq;
}
