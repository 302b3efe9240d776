// fast-check arbitraries read off a zod schema: for every field the schema has, a value
// of its type (numbers biased to edges), or the value a real file has there, or none.
// Starting from shipped files keeps many samples valid (so the engine runs them);
// the schema's own types reach every field and edge (so validation is tried on all).
import fc from 'fast-check';

/** Numbers at the edges of everything: zero, signs, bounds of imsim, limits of a double. */
export const EDGE_NUMBERS = [0, -0, 1, -1, 0.5, 0.999, 1.0000001, 2, 5, 24, 1000, 525600, 525601, 1e9, 1e12, -1e15, 1e20, 1e308, -1e308, 2 ** 53 + 1, 5e-324, NaN, Infinity, -Infinity];

export const arbEdgeNumber: fc.Arbitrary<number> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...EDGE_NUMBERS) },
  { weight: 2, arbitrary: fc.double({ min: -10, max: 1e6, noNaN: true }) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 2, arbitrary: fc.integer({ min: -5, max: 2000 }) },
);

const arbText = fc.oneof(fc.constantFrom('', ' ', 'x', 'Level 1', 'é 😀', 'a: b'), fc.string({ maxLength: 12 }));

export interface SchemaArbitraryOptions {
  /** Texts the schema's string fields may take besides random ones (names of states, events, parameters). */
  strings?: readonly string[];
  /** Keys a record may have (calibration keys for `overrides`). */
  keys?: readonly string[];
  /** How much likelier a field keeps the base's value than changes (default 30: most samples change a few fields). */
  keep?: number;
}

type Def = { type: string } & Record<string, unknown>;
const defOf = (s: unknown) => (s as { def: Def }).def;

/**
 * Values for `schema`, near `base` when given: each field keeps the base's value most of
 * the time, else takes one the schema allows (or any type, now and then), or is dropped.
 */
export function schemaArbitrary(schema: unknown, base: unknown, opts: SchemaArbitraryOptions = {}, depth = 0): fc.Arbitrary<unknown> {
  const fresh = freshArbitrary(schema, base, opts, depth);
  if (base === undefined) return fresh;
  return fc.oneof({ weight: opts.keep ?? 30, arbitrary: fc.constant(base) }, { weight: 2, arbitrary: fresh }, { weight: 1, arbitrary: fc.anything({ maxDepth: 1 }) });
}

export function freshArbitrary(schema: unknown, base: unknown, opts: SchemaArbitraryOptions, depth: number): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const strings = [...(opts.strings ?? [])];
  switch (def.type) {
    case 'optional':
    case 'default':
    case 'prefault':
    case 'nullable':
    case 'readonly':
    case 'catch':
      return schemaArbitrary(def.innerType, base, opts, depth);
    case 'pipe':
      return schemaArbitrary(def.in, base, opts, depth);
    case 'object': {
      const shape = def.shape as Record<string, unknown>;
      const b = base && typeof base === 'object' && !Array.isArray(base) ? (base as Record<string, unknown>) : {};
      const fields = Object.fromEntries(
        Object.entries(shape).map(([k, sub]) => {
          const field = schemaArbitrary(sub, b[k], opts, depth + 1);
          // Dropped now and then (a required field missing), more often when the base lacks it.
          const [drop, keep] = b[k] === undefined ? [6, 1] : [1, 3 * (opts.keep ?? 30)];
          return [k, fc.oneof({ weight: drop, arbitrary: fc.constant(undefined) }, { weight: keep, arbitrary: field })];
        }),
      );
      return fc.record(fields).map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)));
    }
    case 'array': {
      const items = Array.isArray(base) ? base : [];
      const element = (b: unknown) => schemaArbitrary(def.element, b, opts, depth + 1);
      if (depth > 6) return fc.constant(items);
      return fc.oneof(
        { weight: 4, arbitrary: items.length ? fc.tuple(...items.map(element)) : fc.constant([]) },
        { weight: 1, arbitrary: fc.array(element(items[0]), { maxLength: 3 }) },
      );
    }
    case 'tuple': {
      const items = def.items as unknown[];
      const b = Array.isArray(base) ? base : [];
      return fc.oneof(
        { weight: 5, arbitrary: fc.tuple(...items.map((it, i) => schemaArbitrary(it, b[i], opts, depth + 1))) },
        { weight: 1, arbitrary: fc.array(arbEdgeNumber, { maxLength: 4 }) },
      );
    }
    case 'union':
      return fc.oneof(...(def.options as unknown[]).map((o) => freshArbitrary(o, base, opts, depth + 1)));
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries as Record<string, string>));
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'number':
      return typeof base === 'number' ? fc.oneof(arbEdgeNumber, fc.constant(base * 10), fc.constant(-base)) : arbEdgeNumber;
    case 'string':
      return fc.oneof(
        { weight: 3, arbitrary: strings.length ? fc.constantFrom(...strings) : arbText },
        { weight: 1, arbitrary: arbText },
        ...(typeof base === 'string' ? [{ weight: 2, arbitrary: fc.constant(base) }] : []),
      );
    case 'boolean':
      return fc.boolean();
    case 'record': {
      const keys = [...(opts.keys ?? []), ...Object.keys(base && typeof base === 'object' ? base : {})];
      const entry = fc.tuple(keys.length ? fc.constantFrom(...keys) : fc.string({ minLength: 1, maxLength: 8 }), schemaArbitrary(def.valueType, undefined, opts, depth + 1));
      return fc.array(entry, { maxLength: 3 }).map((es) => Object.fromEntries(es));
    }
    default:
      return fc.anything({ maxDepth: 1 });
  }
}
