// Every problem in a file at once: when a file fails its schema, the rules that check
// fields against each other can still run on the parts that parsed. This module patches
// the failing values with stand-ins the schema accepts (a field left out where it may be,
// else the simplest value of its type), so the rule step runs on the rest of the file;
// callers drop what the rules say at or around a patched place, where a stand-in speaks
// rather than the file. Imports nothing from imsim.
import type { z } from 'zod';
import { wrapped, type Path } from './yaml.js';

type Def = Record<string, unknown> & { type?: string };
const defOf = (s: unknown): Def | undefined => (s as { def?: Def } | undefined)?.def;
const accepts = (s: unknown, v: unknown) => (s as z.ZodType).safeParse(v).success;

/** The sub-schema that checks the value at `path`, or undefined where the walk cannot tell. */
export function schemaAt(schema: unknown, path: Path, depth = 0): unknown {
  const def = defOf(schema);
  if (!def || depth > 60) return undefined;
  if (path.length === 0) return schema;
  const inner = wrapped(def);
  if (inner) return schemaAt(inner, path, depth + 1);
  switch (def.type) {
    case 'union':
      for (const o of def.options as unknown[]) {
        const hit = schemaAt(o, path, depth + 1);
        if (hit) return hit;
      }
      return undefined;
    case 'object':
      return schemaAt((def.shape as Record<string, unknown>)[String(path[0])], path.slice(1), depth + 1);
    case 'array':
      return schemaAt(def.element, path.slice(1), depth + 1);
    case 'record':
      return schemaAt(def.valueType, path.slice(1), depth + 1);
  }
  return undefined;
}

/** Stand-ins tried in order for a field of each type; the first the field's schema accepts is used. */
const NUMBERS = [0, 1, 0.5, 10, 60, 100];
/** The text stand-in: a word no file uses, so a message that quotes it is known to speak of a stand-in. */
export const STAND_IN_TEXT = 'imsimstandin';
const STRINGS = [STAND_IN_TEXT, 'a', 'x', 'Mon 09:00', '000'];

/**
 * A value `schema` accepts, as plain as can be: `{ value: undefined }` where the field
 * may be left out; undefined where none was found.
 */
export function standIn(schema: unknown, depth = 0): { value: unknown } | undefined {
  const def = defOf(schema);
  if (!def || depth > 30) return undefined;
  if (accepts(schema, undefined)) return { value: undefined };
  const first = (candidates: readonly unknown[]) => {
    const hit = candidates.find((c) => accepts(schema, c));
    return hit === undefined ? undefined : { value: hit };
  };
  // optional and default took undefined above; other wrappers stand in for what they wrap.
  const inner = wrapped(def);
  if (inner) return standIn(inner, depth + 1);
  switch (def.type) {
    case 'number':
      return first(NUMBERS);
    case 'string':
      return first(STRINGS);
    case 'boolean':
      return first([false, true]);
    case 'enum':
      return first(Object.values(def.entries as Record<string, unknown>));
    case 'literal':
      return first(def.values as unknown[]);
    case 'union':
      for (const o of def.options as unknown[]) {
        const s = standIn(o, depth + 1);
        if (s && accepts(schema, s.value)) return s;
      }
      return undefined;
    case 'array': {
      if (accepts(schema, [])) return { value: [] };
      const item = standIn(def.element, depth + 1);
      return item && item.value !== undefined ? first([[item.value]]) : undefined;
    }
    case 'record':
      return first([{}]);
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, s] of Object.entries(def.shape as Record<string, unknown>)) {
        const v = standIn(s, depth + 1);
        if (!v) return undefined;
        if (v.value !== undefined) out[k] = v.value;
      }
      return first([out]);
    }
  }
  return undefined;
}

const clone = (v: unknown): unknown => (v === undefined ? undefined : structuredClone(v));

function setAt(root: unknown, path: Path, value: unknown): void {
  let node = root as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (value === undefined && !Array.isArray(node)) delete node[last];
  else node[last] = value;
}

function exists(root: unknown, path: Path): boolean {
  let node = root;
  for (const k of path) {
    if (node === null || typeof node !== 'object') return false;
    node = (node as Record<string | number, unknown>)[k];
  }
  return true;
}

/** The issues that say where a value is wrong: a union's own issue stands for its value as a whole. */
function places(issues: readonly z.core.$ZodIssue[]): { path: Path; drop?: readonly string[] }[] {
  return issues.map((i) => (i.code === 'unrecognized_keys' ? { path: i.path as Path, drop: i.keys } : { path: i.path as Path }));
}

/**
 * `data` with every value the schema refuses replaced by a stand-in, parsed; and the
 * places replaced. Undefined when the file cannot be patched into shape (its root is
 * wrong, or a stand-in could not be found): then only the schema's problems are told.
 */
export function patchToSchema<S extends z.ZodType>(schema: S, data: unknown): { value: z.output<S>; patched: Path[] } | undefined {
  let work = clone(data);
  const patched: Path[] = [];
  // Each round fixes what the last parse refused; a stand-in inside a stand-in takes another.
  for (let round = 0; round < 20; round++) {
    const r = schema.safeParse(work);
    if (r.success) return { value: r.data, patched };
    let changed = false;
    for (const { path, drop } of places(r.error.issues)) {
      if (drop) {
        for (const key of drop) {
          setAt(work, [...path, key], undefined);
          patched.push([...path, key]);
        }
        changed = true;
        continue;
      }
      // The place itself, or the nearest enclosing one with a stand-in.
      for (let p = path; p.length > 0; p = p.slice(0, -1)) {
        if (!exists(work, p.slice(0, -1))) continue;
        const s = standIn(schemaAt(schema, p));
        if (!s) continue;
        setAt(work, p, clone(s.value));
        patched.push(p);
        changed = true;
        break;
      }
    }
    if (!changed) return undefined;
    if (!work || typeof work !== 'object') return undefined;
    work = clone(work);
  }
  return undefined;
}

/**
 * Whether a rule's problem is about a patched place: at the place, inside it, around it,
 * or quoting a text stand-in (a reference to a refused id lists the ids there are).
 */
export function nearPatch(path: Path, patched: readonly Path[], message = ''): boolean {
  if (patched.length && message.includes(STAND_IN_TEXT)) return true;
  const a = path.map(String);
  return patched.some((q) => {
    const b = q.map(String);
    const n = Math.min(a.length, b.length);
    return a.slice(0, n).every((k, i) => k === b[i]);
  });
}
