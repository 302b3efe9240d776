// Which calibration entries a computation reads, found from the outside: the Calibration
// handed to it has its `byKey` map wrapped in a proxy that records every key looked up
// and found. Every read of a value goes through `byKey` (Parameters.lookup, the checks'
// workload mix), so nothing in the engine needs to know it is watched, and the trace
// survives any reshaping of the engine that keeps reading the table by key.
import { checkDist, type Calibration, type Dist, type Entry } from '../../src/calibration/index.js';

export interface Recording {
  calibration: Calibration;
  /** Keys looked up and present in the table, in no particular order. */
  used: Set<string>;
}

/** A copy of `cal` that records the keys read from it (a fresh object: no plan cached for `cal` is reused). */
export function recording(cal: Calibration): Recording {
  const used = new Set<string>();
  const byKey = new Proxy(cal.byKey as Map<string, Entry>, {
    get(target, prop) {
      if (prop === 'get') {
        return (key: string) => {
          const e = target.get(key);
          if (e) used.add(key);
          return e;
        };
      }
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return { calibration: { ...cal, byKey }, used };
}

/** A calibration whose entries listed in `keys` have other values (valid for their unit), the rest untouched. */
export function perturbed(cal: Calibration, keys: Iterable<string>): { calibration: Calibration; changed: string[]; kept: string[] } {
  const wanted = new Set(keys);
  const changed: string[] = [];
  const kept: string[] = [];
  const entries = cal.entries.map((e) => {
    if (!wanted.has(e.key)) return e;
    const d = other(e);
    if (d === undefined) {
      kept.push(e.key);
      return e;
    }
    changed.push(e.key);
    return { ...e, dist: d, overridden: true };
  });
  const byKey = new Map(entries.map((e) => [e.key, e]));
  return { calibration: { entries, byKey, hash: `${cal.hash}-perturbed`, overridden: changed }, changed, kept };
}

/** Another valid value for an entry: longer durations, a halved probability, a shifted hour or day. */
function other(e: Entry): Dist | undefined {
  const d = e.dist;
  let out: Dist;
  switch (d.kind) {
    case 'probability':
      out = { kind: 'probability', p: d.p > 0 ? d.p / 2 : 0.5 };
      break;
    case 'lognormal90':
      out = { kind: 'lognormal90', p5: d.p5 * 1.5, p95: d.p95 * 1.5 };
      break;
    case 'pert':
      out = { kind: 'pert', min: d.min * 1.5, mode: d.mode * 1.5, max: d.max * 1.5 };
      break;
    case 'choice': {
      const names = Object.keys(d.weights);
      out = { kind: 'choice', weights: Object.fromEntries(names.map((n, i) => [n, d.weights[n]! * (i + 1)])) };
      break;
    }
    case 'fixed':
      out = { kind: 'fixed', value: e.unit === 'weekday' ? (d.value + 1) % 7 : e.unit === 'fraction' ? d.value / 2 : d.value + 1 };
      break;
  }
  return checkDist(out, e.unit) === undefined ? out : undefined;
}
