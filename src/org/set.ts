// `--set path=value` on an organization file: the value replaces the field in the YAML
// document before the file is checked, so an override passes the same schema and rules
// as the file and its problems name the flag. Used by staffing sweeps
// (`--set teams.serviceDesk.shifts.0.staff=6`) and, through `setOrgField`, by anything
// that edits an organization file and keeps its comments and order.
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { UserError, didYouMean, keysAt, parseYaml, type Problem, type YamlSource } from '../util/index.js';
import { organizationSchema } from './schema.js';

/**
 * How an edited organization file is written back: no line folding and flow mappings as
 * people write them (`{days: Mon-Fri, ...}`), so an edit changes its own line only.
 */
export const YAML_OUTPUT = { lineWidth: 0, flowCollectionPadding: false } as const;

/**
 * Sections whose keys are ids the file defines: `--set` changes what is there and never
 * adds one, so `--set profiles.todya=3` is a typo reported with "did you mean", not a new profile.
 */
const CLOSED = new Set(['profiles', 'services', 'teams']);

/** Where a `--set` points: the path as segments (numbers index lists) and the value text. */
export interface SetArg {
  arg: string;
  path: string[];
  value: string;
}

export function parseSetArg(arg: string): SetArg | string {
  const eq = arg.indexOf('=');
  if (eq <= 0) return `"${arg}" is not path=value, e.g. teams.serviceDesk.shifts.0.staff=6`;
  const path = arg.slice(0, eq).trim().split('.');
  if (path.some((p) => p.trim() === '')) return `"${arg.slice(0, eq)}" is not a dot-path such as teams.serviceDesk.shifts.0.staff`;
  return { arg, path: path.map((p) => p.trim()), value: arg.slice(eq + 1) };
}

/** The value text as YAML (`6`, `true`, `Mon-Fri`, `{days: Sat, from: "08:00", ...}`), or a problem. */
function valueNode(doc: Document, text: string): Node | string {
  const v = parseDocument(text);
  if (v.errors.length) return `the value is not YAML: ${v.errors[0]!.message.split('\n')[0]}`;
  return doc.createNode(v.toJS()) as Node;
}

/** Keeps the comments of the node a value replaces (a `# source` beside a figure stays beside it). */
function replace<T extends { comment?: string | null; commentBefore?: string | null; spaceBefore?: boolean }>(old: unknown, fresh: T): T {
  const o = old as { comment?: string | null; commentBefore?: string | null; spaceBefore?: boolean } | null;
  if (o && typeof o === 'object') {
    if (o.comment) fresh.comment = o.comment;
    if (o.commentBefore) fresh.commentBefore = o.commentBefore;
    if (o.spaceBefore) fresh.spaceBefore = o.spaceBefore;
  }
  return fresh;
}

/**
 * Sets one field in the document. A missing field is added where the schema has it (or in
 * an open mapping such as change weights), with the mappings it needs; a list entry must
 * exist. Returns a problem message naming the path, or undefined when done.
 */
export function setIn(doc: Document, path: readonly string[], value: string): string | undefined {
  const fresh = valueNode(doc, value);
  if (typeof fresh === 'string') return fresh;
  let node: unknown = doc.contents;
  const walked: (string | number)[] = [];
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    const last = i === path.length - 1;
    const here = walked.length ? walked.join('.') : 'the file';
    if (isMap(node)) {
      const pair = (node as YAMLMap).items.find((p) => isScalar(p.key) && String(p.key.value) === seg) as Pair<Node, unknown> | undefined;
      if (pair) {
        if (last) {
          pair.value = replace(pair.value, fresh);
          return undefined;
        }
        node = pair.value;
        walked.push(seg);
        continue;
      }
      const fields = keysAt(organizationSchema, walked);
      const existing = (node as YAMLMap).items.map((p) => String(isScalar(p.key) ? p.key.value : p.key));
      const open = fields.length === 0 && walked.length > 0 && !(walked.length === 1 && CLOSED.has(String(walked[0])));
      if (!fields.includes(seg) && !open) {
        const what = walked.length === 1 && CLOSED.has(String(walked[0])) ? `no ${String(walked[0]).replace(/s$/, '')} "${seg}" in ${here}` : `no field "${seg}" in ${here}`;
        return `${[...walked, seg].join('.')}: ${what}${didYouMean(seg, [...new Set([...existing, ...fields])])}`;
      }
      const rest = path.slice(i + 1);
      if (rest.some((r) => /^\d+$/.test(r))) return `${[...walked, seg].join('.')}: not in the file, so it has no list entries to set`;
      // The value wrapped in the mappings the rest of the path names.
      const nested = rest.reduceRight<unknown>((inner, key) => ({ [key]: inner }), (fresh as Node).toJSON());
      (node as YAMLMap).set(doc.createNode(seg), rest.length ? doc.createNode(nested) : fresh);
      return undefined;
    }
    if (isSeq(node)) {
      const n = node.items.length;
      if (!/^\d+$/.test(seg)) return `${[...walked, seg].join('.')}: ${here} is a list; index it with a number (0 to ${n - 1})`;
      const idx = Number(seg);
      if (idx >= n) return `${[...walked, seg].join('.')}: ${here} has ${n} ${n === 1 ? 'entry' : 'entries'} (index 0${n > 1 ? ` to ${n - 1}` : ''})`;
      if (last) {
        node.items[idx] = replace(node.items[idx], fresh);
        return undefined;
      }
      node = node.items[idx];
      walked.push(idx);
      continue;
    }
    return `${[...walked, seg].join('.')}: ${here} is a single value, not a mapping or a list`;
  }
  return undefined;
}

/**
 * Applies `--set` arguments to a parsed file, in order. Problems with an argument go to
 * `problems` (flag `--set`); the function returned marks later problems of the file that
 * lie under a set path with the argument that put the value there.
 */
export function applySets(src: YamlSource, sets: readonly string[], problems: Problem[]): (ps: Problem[]) => Problem[] {
  const applied: SetArg[] = [];
  for (const arg of sets) {
    const s = parseSetArg(arg);
    if (typeof s === 'string') {
      problems.push({ flag: '--set', message: s });
      continue;
    }
    const wrong = setIn(src.doc, s.path, s.value);
    if (wrong) problems.push({ flag: `--set ${arg}`, file: src.file, message: wrong });
    else applied.push(s);
  }
  return (ps) =>
    ps.map((p) => {
      const by = [...applied].reverse().find((s) => p.path !== undefined && (p.path === s.path.join('.') || p.path.startsWith(`${s.path.join('.')}.`)));
      return by ? { ...p, flag: `--set ${by.arg}` } : p;
    });
}

/**
 * The text of an organization file with one field set, comments and order kept. Throws
 * a UserError naming the path when it cannot be set; the result is not checked (parse it).
 */
export function setOrgField(text: string, file: string, dotPath: string, value: string): string {
  const src = parseYaml(text, file);
  const s = parseSetArg(`${dotPath}=${value}`);
  if (typeof s === 'string') throw new UserError([{ file, message: s }]);
  const wrong = setIn(src.doc, s.path, s.value);
  if (wrong) throw new UserError([{ file, message: wrong }]);
  return src.doc.toString(YAML_OUTPUT);
}
