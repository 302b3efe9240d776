// Distributions in the risk-analysis habit (fixed, probability, PERT, lognormal from a
// 90% interval, weighted choice), each sampled by its quantile function: the same
// uniform number gives the same quantile at every level, which is what keeps paired
// comparisons between profiles tight (common random numbers).

export type Dist =
  | { kind: 'fixed'; value: number }
  | { kind: 'probability'; p: number }
  | { kind: 'pert'; min: number; mode: number; max: number }
  | { kind: 'lognormal90'; p5: number; p95: number }
  | { kind: 'choice'; weights: Readonly<Record<string, number>> };

export interface Sampler {
  readonly dist: Dist;
  /** The value at quantile u (0 <= u < 1). For a choice, the index of the option. */
  quantile(u: number): number;
  readonly mean: number;
}

/** z of the 95th percentile of the standard normal: a 90% interval spans +-Z95. */
const Z95 = 1.6448536269514722;

/**
 * Inverse of the standard normal CDF (Acklam's rational approximation, relative error
 * below 1.2e-9), enough for sampling; pure arithmetic, so identical on every machine.
 */
// Acklam's coefficients, built once: as literals inside the function they were four new
// arrays on every draw, most of a sweep's garbage.
const ACKLAM_A = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239] as const;
const ACKLAM_B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572] as const;
const ACKLAM_C = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783] as const;
const ACKLAM_D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416] as const;

export function normalQuantile(u: number): number {
  const a = ACKLAM_A;
  const b = ACKLAM_B;
  const c = ACKLAM_C;
  const d = ACKLAM_D;
  const low = 0.02425;
  if (u <= 0) return -Infinity;
  if (u >= 1) return Infinity;
  if (u < low) {
    const q = Math.sqrt(-2 * Math.log(u));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (u > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(1 - u));
    return -(((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  const q = u - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

/** Points of the PERT quantile table; linear interpolation between them. */
const PERT_TABLE = 1024;
/** Integration steps for the Beta CDF behind the table. */
const PERT_STEPS = 8192;

/**
 * PERT(min, mode, max) is Beta(a, b) on [min, max] with a = 1 + 4(mode-min)/(max-min)
 * and b = 1 + 4(max-mode)/(max-min). Its quantile has no closed form, so it is tabulated
 * once: the CDF by the trapezoid rule, then inverted on an even grid of u.
 */
function pertQuantileTable(min: number, mode: number, max: number): Float64Array {
  const range = max - min;
  const a = 1 + (4 * (mode - min)) / range;
  const b = 1 + (4 * (max - mode)) / range;
  const cdf = new Float64Array(PERT_STEPS + 1);
  let prev = 0;
  for (let i = 1; i <= PERT_STEPS; i++) {
    const x = i / PERT_STEPS;
    const dens = Math.pow(x, a - 1) * Math.pow(1 - x, b - 1);
    const xPrev = (i - 1) / PERT_STEPS;
    const densPrev = Math.pow(xPrev, a - 1) * Math.pow(1 - xPrev, b - 1);
    prev += (dens + densPrev) / 2;
    cdf[i] = prev;
  }
  const total = cdf[PERT_STEPS]!;
  const table = new Float64Array(PERT_TABLE + 1);
  let j = 0;
  for (let k = 0; k <= PERT_TABLE; k++) {
    const target = (k / PERT_TABLE) * total;
    while (j < PERT_STEPS && cdf[j + 1]! < target) j++;
    const lo = cdf[j]!;
    const hi = cdf[Math.min(j + 1, PERT_STEPS)]!;
    const frac = hi > lo ? (target - lo) / (hi - lo) : 0;
    table[k] = min + range * ((j + frac) / PERT_STEPS);
  }
  table[0] = min;
  table[PERT_TABLE] = max;
  return table;
}

export function sampler(dist: Dist): Sampler {
  switch (dist.kind) {
    case 'fixed':
      return { dist, quantile: () => dist.value, mean: dist.value };
    case 'probability':
      // As a quantile: 1 with probability p (u < p), else 0.
      return { dist, quantile: (u) => (u < dist.p ? 1 : 0), mean: dist.p };
    case 'pert': {
      if (dist.max === dist.min) return { dist, quantile: () => dist.min, mean: dist.min };
      const table = pertQuantileTable(dist.min, dist.mode, dist.max);
      return {
        dist,
        quantile: (u) => {
          const x = u * PERT_TABLE;
          const i = Math.floor(x);
          if (i >= PERT_TABLE) return table[PERT_TABLE]!;
          return table[i]! + (table[i + 1]! - table[i]!) * (x - i);
        },
        mean: (dist.min + 4 * dist.mode + dist.max) / 6,
      };
    }
    case 'lognormal90': {
      const mu = (Math.log(dist.p5) + Math.log(dist.p95)) / 2;
      const sigma = (Math.log(dist.p95) - Math.log(dist.p5)) / (2 * Z95);
      return { dist, quantile: (u) => Math.exp(mu + sigma * normalQuantile(u)), mean: Math.exp(mu + (sigma * sigma) / 2) };
    }
    case 'choice': {
      const names = Object.keys(dist.weights);
      const total = names.reduce((s, n) => s + dist.weights[n]!, 0);
      const cumulative: number[] = [];
      let acc = 0;
      for (const n of names) cumulative.push((acc += dist.weights[n]! / total));
      return {
        dist,
        quantile: (u) => {
          for (let i = 0; i < cumulative.length - 1; i++) if (u < cumulative[i]!) return i;
          return cumulative.length - 1;
        },
        mean: NaN,
      };
    }
  }
}

export function choiceNames(dist: Dist): string[] {
  return dist.kind === 'choice' ? Object.keys(dist.weights) : [];
}

/** The distribution as users write it in YAML, e.g. `{pert: [5, 20, 90]}`. */
export function distToYaml(d: Dist): unknown {
  switch (d.kind) {
    case 'fixed':
      return d.value;
    case 'probability':
      return { p: d.p };
    case 'pert':
      return { pert: [d.min, d.mode, d.max] };
    case 'lognormal90':
      return { lognormal90: [d.p5, d.p95] };
    case 'choice':
      return { choice: d.weights };
  }
}

/** Short human form, e.g. `lognormal 90% [10, 240]`. */
export function describeDist(d: Dist): string {
  switch (d.kind) {
    case 'fixed':
      return `${d.value}`;
    case 'probability':
      return `p=${d.p}`;
    case 'pert':
      return `PERT(${d.min}, ${d.mode}, ${d.max})`;
    case 'lognormal90':
      return `lognormal 90% [${d.p5}, ${d.p95}]`;
    case 'choice':
      return Object.entries(d.weights)
        .map(([k, w]) => `${k} ${w}`)
        .join(' / ');
  }
}
