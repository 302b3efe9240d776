// YAML with positions: parse a file, check it against a zod schema, and report every
// problem at once with file, line and dot-path. Shared by scenarios, profiles and
// calibration overrides, so all of them fail the same way.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { UserError, type Problem } from './errors.js';
import { didYouMean } from './suggest.js';

export type Path = readonly (string | number)[];

export interface YamlSource {
  file: string;
  doc: Document;
  lines: LineCounter;
  data: unknown;
}

/** Parses YAML text; syntax errors become problems with their line and column. */
export function parseYaml(text: string, file: string): YamlSource {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    throw new UserError(
      doc.errors.map((e) => {
        const pos = lines.linePos(e.pos[0]);
        const first = e.message.split('\n')[0]!;
        // The parser's own recursion gives out on absurd nesting; say so in the file's terms.
        const message = /Maximum call stack/.test(first) ? 'nested too deeply to read' : first;
        return { file, line: pos.line, column: pos.col, message };
      }),
    );
  }
  let data: unknown;
  try {
    // Aliases are expanded here; the library refuses an expansion that explodes ("billion laughs").
    data = doc.toJS();
  } catch (e) {
    throw new UserError([{ file, line: 1, message: `cannot be read: ${(e as Error).message.split('\n')[0]} (YAML aliases that expand too far?)` }]);
  }
  return { file, doc, lines, data };
}

/** The line of the node at `path`, or of the deepest ancestor that exists. */
export function lineOf(src: YamlSource, path: Path): number | undefined {
  let node: unknown = src.doc.contents;
  let line = offsetLine(src, node);
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key));
      if (!pair) break;
      line = offsetLine(src, pair.key) ?? line;
      node = pair.value;
      line = offsetLine(src, node) ?? line;
    } else if (isSeq(node) && typeof key === 'number' && node.items[key] !== undefined) {
      node = node.items[key];
      line = offsetLine(src, node) ?? line;
    } else break;
  }
  return line;
}

function offsetLine(src: YamlSource, node: unknown): number | undefined {
  const range = (node as Node | undefined)?.range;
  return range ? src.lines.linePos(range[0]).line : undefined;
}

export const dotPath = (path: Path) => path.map(String).join('.');

/** Turns zod issues into problems that point into the file. */
export function zodProblems(
  src: YamlSource,
  issues: readonly z.core.$ZodIssue[],
  schema?: z.ZodType,
  prefix: Path = [],
): Problem[] {
  const out: Problem[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      const known = schema ? keysAt(schema, [...prefix, ...(issue.path as Path)]) : [];
      for (const key of issue.keys) {
        const path = [...prefix, ...(issue.path as Path), key];
        out.push({
          file: src.file,
          line: lineOf(src, path),
          path: dotPath(path),
          message: `unknown field${didYouMean(key, known)}`,
        });
      }
      continue;
    }
    if (issue.code === 'invalid_union' && 'errors' in issue && issue.errors.length) {
      // Report the branch that fits the input best rather than "invalid input": the one
      // whose fields the input uses, then the one that got furthest into it. A branch's
      // paths are relative to the union's own place in the file.
      const unknownKeys = (b: readonly z.core.$ZodIssue[]) => b.filter((i) => i.code === 'unrecognized_keys').length;
      const best = [...issue.errors].sort((a, b) => unknownKeys(a) - unknownKeys(b) || deepest(b) - deepest(a))[0]!;
      out.push(...zodProblems(src, best, schema, [...prefix, ...(issue.path as Path)]));
      continue;
    }
    const path = [...prefix, ...(issue.path as Path)];
    // zod says "expected string, received undefined" of a field that is not there at all.
    const missing = issue.code === 'invalid_type' && / received undefined$/.test(issue.message);
    // YAML's .nan and .inf (and 1e400) are numbers to YAML, not to zod: say what is wrong in our words.
    const odd = issue.code === 'invalid_type' ? / received (NaN|-?Infinity)$/.exec(issue.message)?.[1] : undefined;
    const message = missing ? `missing: a required field (${issue.expected})` : odd ? `must be a finite number, got ${odd}` : issue.message;
    out.push({ file: src.file, line: lineOf(src, path), path: path.length ? dotPath(path) : undefined, message });
  }
  return out;
}

function deepest(issues: readonly z.core.$ZodIssue[]): number {
  return Math.max(0, ...issues.map((i) => i.path.length));
}

/** The schema a wrapper (optional, default, pipe, lazy, ...) checks its value with; undefined for a schema that wraps none. */
export function wrapped(def: Record<string, unknown>): unknown {
  switch (def.type) {
    case 'optional':
    case 'default':
    case 'nullable':
    case 'readonly':
    case 'prefault':
    case 'catch':
      return def.innerType;
    case 'pipe':
      return def.in;
    case 'lazy':
      return (def.getter as () => unknown)();
  }
  return undefined;
}

/** The field names the schema allows at `path`, for "did you mean". Best effort. */
export function keysAt(schema: z.ZodType, path: Path): string[] {
  const found = new Set<string>();
  const visit = (s: unknown, rest: Path, depth: number): void => {
    const def = (s as { def?: Record<string, unknown> } | undefined)?.def;
    if (!def || depth > 40) return;
    const inner = wrapped(def);
    if (inner) return visit(inner, rest, depth + 1);
    switch (def.type) {
      case 'union':
        return (def.options as unknown[]).forEach((o) => visit(o, rest, depth + 1));
      case 'intersection':
        visit(def.left, rest, depth + 1);
        return visit(def.right, rest, depth + 1);
      case 'object': {
        const shape = def.shape as Record<string, unknown>;
        if (rest.length === 0) return Object.keys(shape).forEach((k) => found.add(k));
        return visit(shape[String(rest[0])], rest.slice(1), depth + 1);
      }
      case 'array':
        return rest.length ? visit(def.element, rest.slice(1), depth + 1) : undefined;
      case 'record':
        return rest.length ? visit(def.valueType, rest.slice(1), depth + 1) : undefined;
    }
  };
  visit(schema, path, 0);
  return [...found];
}

/** Parses against a schema or throws one UserError listing every problem. */
export function checkSchema<S extends z.ZodType>(src: YamlSource, schema: S, data: unknown = src.data): z.output<S> {
  const result = schema.safeParse(data);
  if (!result.success) throw new UserError(zodProblems(src, result.error.issues, schema));
  return result.data;
}
