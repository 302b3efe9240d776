// Exact floating-point summation (Shewchuk's algorithm, as in Python's math.fsum): the
// sum is kept as non-overlapping partials and rounded once at the end, so the result
// is the correctly rounded exact sum whatever the order of additions. That is what
// makes means identical whatever the worker count, shard split or merge order.

export class ExactSum {
  private partials: number[] = [];

  add(x: number): void {
    if (!Number.isFinite(x)) throw new Error(`ExactSum: ${x} is not finite`);
    const p = this.partials;
    let i = 0;
    for (let j = 0; j < p.length; j++) {
      let y = p[j]!;
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) p[i++] = lo;
      x = hi;
    }
    p.length = i;
    p.push(x);
  }

  merge(other: ExactSum): void {
    for (const x of other.partials) this.add(x);
  }

  /** The exact sum, correctly rounded to the nearest double. */
  value(): number {
    const p = this.partials;
    let n = p.length;
    if (n === 0) return 0;
    let hi = p[--n]!;
    let lo = 0;
    while (n > 0) {
      const x = hi;
      const y = p[--n]!;
      hi = x + y;
      lo = y - (hi - x);
      if (lo !== 0) break;
    }
    // Round half-even correctly when the remaining partials push the tie one way.
    if (n > 0 && ((lo < 0 && p[n - 1]! < 0) || (lo > 0 && p[n - 1]! > 0))) {
      const y = lo * 2;
      const x = hi + y;
      if (y === x - hi) hi = x;
    }
    return hi;
  }

  toJSON(): number[] {
    return [...this.partials];
  }

  static fromJSON(partials: readonly number[]): ExactSum {
    const s = new ExactSum();
    for (const x of partials) s.add(x);
    return s;
  }
}
