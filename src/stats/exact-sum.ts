// Exact floating-point summation (Shewchuk's algorithm, as in Python's math.fsum): the
// sum is kept as non-overlapping partials and rounded once at the end, so the result
// is the correctly rounded exact sum whatever the order of additions. That is what
// makes means identical whatever the worker count, shard split or merge order.

export class ExactSum {
  /** The first `n` entries are the partials, smallest magnitude first; the rest is spare room. */
  private partials: number[] = [];
  private n = 0;

  add(x: number): void {
    if (!Number.isFinite(x)) throw new Error(`ExactSum: ${x} is not finite`);
    const p = this.partials;
    const n = this.n;
    let i = 0;
    for (let j = 0; j < n; j++) {
      const y = p[j]!;
      const hi = x + y;
      // Two-sum of the larger and the smaller: lo is exactly what hi lost.
      const lo = Math.abs(x) < Math.abs(y) ? x - (hi - y) : y - (hi - x);
      if (lo !== 0) p[i++] = lo;
      x = hi;
    }
    // Writing over the old slots (rather than truncating the array) keeps this allocation-free.
    p[i] = x;
    this.n = i + 1;
  }

  merge(other: ExactSum): void {
    for (let j = 0; j < other.n; j++) this.add(other.partials[j]!);
  }

  /** The exact sum, correctly rounded to the nearest double. */
  value(): number {
    const p = this.partials;
    let n = this.n;
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
    // An exact zero is +0 however it was reached (-0 + -0 would otherwise stay -0).
    return hi === 0 ? 0 : hi;
  }

  /**
   * The sum as a canonical list of partials: the correctly rounded sum, then the rounded
   * remainder, and so on until nothing is left, smallest first. Two ExactSums holding
   * the same exact value give the same list however their additions were ordered, so a
   * serialized summary is byte-identical whatever the worker count or shard split.
   */
  canonical(): number[] {
    const rest = new ExactSum();
    rest.merge(this);
    const out: number[] = [];
    for (let v = rest.value(); v !== 0; v = rest.value()) {
      out.push(v);
      rest.add(-v);
    }
    return out.reverse();
  }

  toJSON(): number[] {
    return this.canonical();
  }

  static fromJSON(partials: readonly number[]): ExactSum {
    const s = new ExactSum();
    for (const x of partials) s.add(x);
    return s;
  }
}
