// Mutated input files for the fuzz suite (test/fuzz): what a user might hand imsim by
// mistake, made from the files imsim ships. A seeded generator picks a corpus file and
// one to three mutations (numbers pushed to extremes, fields dropped, types swapped,
// YAML broken); the seed and the mutant's number replay it exactly, and its
// description says what was done. Checks say what every run must keep: an exit code of
// 0 or 2, no stack trace, no non-finite figure, nothing left behind.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { isMap, isPair, isScalar, isSeq, parseDocument, Scalar, stringify, type Document, type Node } from 'yaml';
import { incidentWorkflow, statePaths, staticTransitions } from '../../machines/index.js';
import { defaultCalibration, distToYaml } from '../../src/calibration/index.js';
import { BIN, ROOT, type CliResult } from './cli.js';
import { SCENARIO_DIR } from './scenarios.js';

// ---- a seeded generator -------------------------------------------------------------

/** mulberry32: small, fast, and the same numbers on every machine. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
}

// ---- what gets mutated: the corpora ---------------------------------------------------

/**
 * A kind of input file and the commands that read it. The suite runs each mutant of a
 * kind's files through its commands. When a new kind of file arrives (an organization
 * file for `imsim year` did), it joins here: its shipped files as the corpus, its commands,
 * and the command whose verdict the others must agree with.
 */
export interface InputKind {
  kind: string;
  /** Files of this kind: a name for messages and the text. */
  corpus(): { name: string; text: string }[];
  /** The command that says whether a file is good (exit 0) or not (exit 2). */
  verdict(file: string): string[];
  /** Commands that must exit 0 whenever the verdict did, and 2 whenever it did not. `dir` takes their outputs. */
  commands(file: string, dir: string): string[][];
  /** Optional numeric fields the files may lack, for the mutation that adds one at an extreme. */
  optional(): (string | number)[][];
  /** Whole entries the files may gain (a decision point somewhere in the workflow): a path and a value. */
  additions?(rng: Rng): [(string | number)[], unknown];
}

/** Incident states and, per state, the events it takes: for decision points in mutated scenarios. */
const STATE_EVENTS = (() => {
  const byState = new Map<string, string[]>();
  for (const t of staticTransitions(incidentWorkflow.machine)) {
    if (t.event === 'always') continue;
    for (const state of statePaths(incidentWorkflow.machine)) {
      if (state === t.source || state.startsWith(`${t.source}.`)) byState.set(state, [...(byState.get(state) ?? []), t.event]);
    }
  }
  return [...byState].map(([state, events]) => ({ state, events: [...new Set(events)] }));
})();

const ORGS_DIR = `${SCENARIO_DIR}orgs/`;
const shippedScenarios = () => shippedFiles(SCENARIO_DIR, () => true, 'scenarios/');

/** An override file of `keys` at their default values, as a user would start one. */
function overrideFile(keys: readonly string[]): string {
  const cal = defaultCalibration();
  return stringify(Object.fromEntries(keys.map((k) => [k, distToYaml(cal.byKey.get(k)!.dist)])), { flow: false });
}

/** One key of every unit the table has, and a few of each retried chance: the generated override file. */
function generatedOverrideKeys(): string[] {
  const cal = defaultCalibration();
  const byUnit = new Map<string, string>();
  for (const e of cal.entries) if (!byUnit.has(e.unit)) byUnit.set(e.unit, e.key);
  const retried = cal.entries.filter((e) => e.retry && e.level === 1).map((e) => e.key);
  return [...new Set([...byUnit.values(), ...retried, 'calendar.businessDayStart', 'calendar.businessDayEnd', 'serviceDesk.lowPriorityBacklog.L1', 'cost.perMinute'])];
}

export const INPUT_KINDS: InputKind[] = [
  {
    kind: 'scenario',
    corpus: shippedScenarios,
    verdict: (file) => ['validate', file],
    optional: () => [
      ['service', 'costPerMinute'],
      ['change', 'at'],
      ['change', 'defect'],
      ['injects', 0, 'at'],
      ['fault', 'phases', 1, 'after'],
      ['attack', 'stages', 0, 'loss'],
      ['overrides', 'serviceDesk.reportLoss', 'p'],
      ['overrides', 'serviceDesk.ackDelay', 'fixed'],
      ['overrides', 'cost.perMinute', 'fixed'],
    ],
    // A decision point at a random state, its first option a random event it takes (round a loop, at times).
    additions: (rng) => {
      const { state, events } = rng.pick(STATE_EVENTS);
      const option = (id: string) => ({ id, label: id, event: rng.pick(events) });
      return [['decisions', 99], { id: 'added', at: state, prompt: 'what now?', options: [option('first'), option('second')] }];
    },
    commands: (file, dir) => [
      ['run', file, '--profile', '2', '--seed', '5'],
      ['compare', file, '--profiles', '1,4', '--runs', '2', '--json'],
      ['tabletop', file, '--profile', '1', '--json', '--transcript', `${dir}/t.md`],
    ],
  },
  {
    kind: 'calibration',
    corpus: () => [
      { name: 'calibration override (generated: one key of each unit, the retried chances)', text: overrideFile(generatedOverrideKeys()) },
      { name: 'calibration override (every default, from src/calibration/defaults.yaml)', text: overrideFile(defaultCalibration().entries.map((e) => e.key)) },
    ],
    verdict: (file) => ['calibration', '--calibration', file, '--json'],
    optional: () => defaultCalibration().entries.map((e) => [e.key]),
    // Every scenario at every level: a mutated key is read wherever it can be.
    commands: (file) => [
      ['run', 'db-plugin-cpu-spike', '--calibration', file, '--profile', '1'],
      ['compare', '--all', '--runs', '2', '--profiles', '1..5', '--csv', '--calibration', file],
      ['tabletop', 'exfil-during-rollout', '--profile', '4', '--json', '--calibration', file],
    ],
  },
  {
    kind: 'profile',
    corpus: () => [
      { name: 'profile file', text: 'name: target\nchange: 3\nconfig: 3\nobservability: 2\nserviceDesk: 2\nsecOps: 2\n' },
      { name: 'profile list file', text: '- 1\n- {name: target, change: 3, config: 3, observability: 2..3}\n- "secOps=1..2"\n' },
    ],
    verdict: (file) => ['compare', 'db-plugin-cpu-spike', '--profiles', file, '--runs', '1', '--csv'],
    optional: () => [['default'], ['secOps'], ['serviceDesk']],
    commands: (file) => [['compare', 'branch-network-degradation', '--profiles', file, '--runs', '2', '--json']],
  },
  {
    // Organization files: validated, read whole by `assess --org`, and run as a year (two
    // simulated years at every profile the file names: what validate accepts, a year runs).
    // Sweeps of years (`sweep --years`, which write a file) go through the real binary.
    kind: 'organization',
    corpus: () => shippedFiles(ORGS_DIR, (f) => !f.endsWith('-answers.yaml'), 'scenarios/orgs/'),
    verdict: (file) => ['validate', file, '--json'],
    commands: (file) => [
      ['assess', '--answers', `${ORGS_DIR}midsize-answers.yaml`, '--org', file, '--json'],
      // Two years: one year has no interval, and its JSON says so with nulls.
      ['year', file, '--years', '2', '--workers', '1', '--progress', 'none', '--json'],
    ],
    optional: () => [['services', 'erp', 'costPerHour'], ['services', 'erp', 'toleranceMinutes'], ['teams', 'servers', 'shifts', 0, 'staff'], ['workload', 'work', 0, 'perYear'], ['workload', 'work', 0, 'meanWorkMinutes']],
  },
  {
    kind: 'answers',
    corpus: () => shippedFiles(ORGS_DIR, (f) => f.endsWith('-answers.yaml'), 'scenarios/orgs/'),
    verdict: (file) => ['validate', file],
    commands: (file, dir) => [['assess', '--answers', file, '--json', '--save-answers', `${dir}/saved.yaml`]],
    optional: () => [['answers', 'change.recordedRequests', 'answer']],
  },
];

/** The YAML files of a shipped folder that `keep` keeps, named as the repository names them. */
function shippedFiles(dir: string, keep: (f: string) => boolean, shown: string): { name: string; text: string }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') && keep(f))
    .sort()
    .map((f) => ({ name: `${shown}${f}`, text: readFileSync(dir + f, 'utf8') }));
}

// ---- mutations ----------------------------------------------------------------------------

/** Numbers at and past every edge: zero, signs, the bounds, the limits of a double. */
const EXTREME_NUMBERS = [0, -1, 1, 0.5, 2, 1e308, -1e308, -1e15, 1e12, 1e20, Number.NaN, Infinity, -Infinity, 2 ** 53 + 1, 5e-324, 525600, 525601, 1000, 1e9];
/** The far ends alone. */
const HUGE_NUMBERS = [1e308, -1e308, 1e20, -1e15, 1e12, 2 ** 53 + 1, Infinity, Number.NaN];
/** What a field might get instead: other types, strings that look like numbers. */
const SWAPS: unknown[] = ['1e3', '12', 'x', '', true, null, [], {}, [1, 2, 3], { a: 1 }];
/** Only where a number was: a text field may say "NaN" and be printed back, rightly. */
const NUMBER_SWAPS: unknown[] = [...SWAPS, 'NaN', 'Infinity', '-Infinity', '.nan'];
/** Texts for text fields: empty, blank, long, non-ASCII, YAML-looking. */
const TEXTS = ['', ' ', 'x'.repeat(5000), 'é 😀 中文', 'a: b', '- x', '"quoted"', '\\u0000'];

type Path = (string | number)[];
interface Found {
  path: Path;
  node: unknown;
}

/** Every node of a document with its path (keys of maps, indexes of lists). */
function walk(node: unknown, path: Path, out: Found[]): void {
  out.push({ path, node });
  if (isMap(node)) {
    for (const pair of node.items) if (isPair(pair) && isScalar(pair.key)) walk(pair.value, [...path, String(pair.key.value)], out);
  } else if (isSeq(node)) node.items.forEach((item, i) => walk(item, [...path, i], out));
}

/**
 * An extreme for a number, by what it looks like: a chance (0..1) goes to 1, 0.999 or
 * past 1; a negative time further back; anything else to the far ends of a double.
 */
function extremeFor(v: unknown, rng: Rng): number {
  if (typeof v === 'number' && v > 0 && v <= 1 && rng.next() < 0.6) return rng.pick([1, 0.999, 0.5000001, 1.5, 0, 1e-12]);
  if (typeof v === 'number' && v < 0 && rng.next() < 0.6) return rng.pick([-1e15, -1e308, -525601, 0]);
  return rng.pick(rng.next() < 0.5 ? HUGE_NUMBERS : EXTREME_NUMBERS);
}

/** One structural mutation of a parsed document; returns its description, or undefined if it found nothing to do. */
function mutateStructure(doc: Document, rng: Rng, kind: InputKind): string | undefined {
  const found: Found[] = [];
  walk(doc.contents, [], found);
  const inner = found.filter((f) => f.path.length > 0);
  if (inner.length === 0) return undefined;
  const where = (p: Path) => p.join('.');
  const numbers = inner.filter((f) => isScalar(f.node) && typeof (f.node as Scalar).value === 'number');
  const texts = inner.filter((f) => isScalar(f.node) && typeof (f.node as Scalar).value === 'string');
  const lists = inner.filter((f) => isSeq(f.node));
  switch (rng.pick(['extreme', 'extreme', 'extreme', 'add', 'add', 'drop', 'swap', 'swap', 'text', 'list', 'rename'])) {
    case 'extreme': {
      const f = numbers.length ? rng.pick(numbers) : rng.pick(inner);
      const v = extremeFor(isScalar(f.node) ? (f.node as Scalar).value : undefined, rng);
      doc.setIn(f.path, new Scalar(v));
      return `${where(f.path)} = ${v}`;
    }
    case 'add': {
      if (kind.additions && rng.next() < 0.3) {
        const [path, value] = kind.additions(rng);
        const list = doc.getIn(path.slice(0, -1));
        // Appended to a list that is there (or started), else set at the path.
        if (isSeq(list)) list.items.push(doc.createNode(value));
        else doc.setIn(path.slice(0, -1), doc.createNode([value]));
        return `add ${where(path.slice(0, -1))}[] = ${JSON.stringify(value)}`;
      }
      const path = rng.pick(kind.optional());
      const v = extremeFor(rng.pick([0.7, -5, 100]), rng);
      try {
        doc.setIn(path, new Scalar(v));
      } catch {
        return undefined; // a path through a scalar: nothing to add to
      }
      return `add ${where(path)} = ${v}`;
    }
    case 'drop': {
      const f = rng.pick(inner);
      doc.deleteIn(f.path);
      return `drop ${where(f.path)}`;
    }
    case 'swap': {
      const f = rng.pick(numbers.length && rng.next() < 0.6 ? numbers : inner);
      const v = rng.pick(numbers.includes(f) ? NUMBER_SWAPS : SWAPS);
      doc.setIn(f.path, doc.createNode(v));
      return `${where(f.path)} = ${JSON.stringify(v)}`;
    }
    case 'text': {
      if (!texts.length) return undefined;
      const f = rng.pick(texts);
      const v = rng.pick(TEXTS);
      doc.setIn(f.path, new Scalar(v));
      return `${where(f.path)} = ${JSON.stringify(v.length > 20 ? `${v.slice(0, 10)}...(${v.length})` : v)}`;
    }
    case 'list': {
      if (!lists.length) return undefined;
      const f = rng.pick(lists);
      const seq = f.node as { items: unknown[] };
      if (rng.next() < 0.5 || seq.items.length === 0) {
        seq.items.length = 0;
        return `empty ${where(f.path)}`;
      }
      seq.items.push(seq.items[rng.int(seq.items.length)]);
      return `repeat an item of ${where(f.path)}`;
    }
    case 'rename': {
      const maps = inner.filter((f) => isMap(f.node) && (f.node as { items: unknown[] }).items.length);
      const root = isMap(doc.contents) ? [{ path: [] as Path, node: doc.contents }] : [];
      const f = rng.pick([...maps, ...root]);
      if (!f) return undefined;
      const pair = rng.pick((f.node as { items: unknown[] }).items) as { key: Node };
      if (!isScalar(pair.key)) return undefined;
      const old = String(pair.key.value);
      pair.key = new Scalar(`${old}${rng.pick(['x', 's', '_', ''])}`.replace(/^(.)/, (c) => (rng.next() < 0.3 ? c.toUpperCase() : c)));
      return `rename ${where([...f.path, old])}`;
    }
  }
  return undefined;
}

/** One textual mutation: YAML broken in the ways hands and disks break it. */
function mutateText(text: string, rng: Rng): [string, string] {
  const lines = text.split('\n');
  const at = rng.int(Math.max(1, text.length));
  switch (rng.pick(['tab', 'unclosed', 'dupkey', 'truncate', 'junk', 'crlf', 'bom', 'dropline', 'indent'])) {
    case 'tab': {
      const i = lines.findIndex((l, k) => k >= rng.int(lines.length) && /^ +\S/.test(l));
      if (i < 0) return [`\t${text}`, 'tab before the first line'];
      lines[i] = lines[i]!.replace(/^ +/, '\t');
      return [lines.join('\n'), `tab indents line ${i + 1}`];
    }
    case 'unclosed': {
      const closers = [...text.matchAll(/[\]}]/g)].map((m) => m.index!);
      if (!closers.length) return [`${text}\nx: [1, 2\n`, 'an unclosed list at the end'];
      const i = rng.pick(closers);
      return [text.slice(0, i) + text.slice(i + 1), `delete the bracket at offset ${i}`];
    }
    case 'dupkey': {
      const tops = lines.map((l, i) => [l, i] as const).filter(([l]) => /^[A-Za-z][^:]*:/.test(l));
      if (!tops.length) return [`${text}\n${text}`, 'the file twice'];
      const [l, i] = rng.pick(tops);
      lines.splice(i + 1, 0, l.replace(/:.*/, ': 1'));
      return [lines.join('\n'), `duplicate key at line ${i + 2}`];
    }
    case 'truncate':
      return [text.slice(0, at), `truncate at byte ${at} of ${text.length}`];
    case 'junk': {
      const junk = Array.from({ length: 1 + rng.int(24) }, () => String.fromCharCode(rng.int(256))).join('');
      return [text.slice(0, at) + junk + text.slice(at), `${junk.length} junk bytes at ${at}`];
    }
    case 'crlf':
      return [text.replace(/\n/g, '\r\n'), 'CRLF line ends'];
    case 'bom':
      return [`\uFEFF${text}`, 'a byte-order mark'];
    case 'dropline': {
      const i = rng.int(lines.length);
      lines.splice(i, 1);
      return [lines.join('\n'), `delete line ${i + 1}`];
    }
    default: {
      const i = rng.int(lines.length);
      lines[i] = ` ${lines[i]}`;
      return [lines.join('\n'), `indent line ${i + 1} by one space`];
    }
  }
}

export interface Mutant {
  kind: InputKind;
  source: string;
  /** What was done, in order: replays with the seed. */
  mutations: string[];
  /** The file's bytes (junk may not be UTF-8). */
  bytes: Buffer;
}

/** The `index`-th mutant of the seed: same seed and index, same mutant. */
export function mutant(seed: number, index: number): Mutant {
  const rng = new Rng(seed ^ Math.imul(index + 1, 0x9e3779b1));
  // Scenarios are most of what users write; calibration and organization files hide the most numbers.
  const u = rng.next();
  const kind = u < 0.4 ? INPUT_KINDS[0]! : u < 0.65 ? INPUT_KINDS[1]! : rng.pick(INPUT_KINDS.slice(2));
  const file = rng.pick(kind.corpus());
  let text = file.text;
  const mutations: string[] = [];
  const count = 1 + rng.int(3);
  for (let m = 0; m < count; m++) {
    if (rng.next() < 0.75) {
      const doc = parseDocument(text, { uniqueKeys: false });
      if (doc.errors.length) continue; // already broken text: structure is gone
      const what = mutateStructure(doc, rng, kind);
      if (what) {
        text = String(doc);
        mutations.push(what);
      }
    } else {
      const [t, what] = mutateText(text, rng);
      text = t;
      mutations.push(what);
    }
  }
  // Junk is raw bytes: written one byte a character (latin1), the rest of the file with it.
  const binary = mutations.some((m) => m.includes('junk bytes'));
  return { kind, source: file.name, mutations, bytes: Buffer.from(text, binary ? 'latin1' : 'utf8') };
}

// ---- what every run must keep ---------------------------------------------------------------

/** A stack frame or the boundary's bug report: never for a user's input. */
export const STACK = /internal error|\n\s+at .+:\d+:\d+\)?$/m;

/** A figure that is not finite, as text prints it: NaN, Infinity, $InfinityM, -Infinity. */
export const NON_FINITE = /\bNaN\b|-?\bInfinity\b|\$-?Infinity|\$NaN/;

/**
 * Keys whose values are figures in imsim's JSON: JSON writes NaN and infinities as null,
 * so a null under one of these was not finite. (An interval of one run is null as a whole, under ci95.)
 */
const FIGURES = new Set(['mean', 'p50', 'p90', 'p95', 'min', 'max', 'cost', 'loss', 'minute', 't', 'measured', 'value', 'probability', 'n', 'impact', ...['mttd', 'mtta', 'mttr', 'mttc', 'close', 'disruption', 'leadTime', 'incident', 'compromise', 'lateralMovement', 'exfiltration']]);

/** The first figure in a JSON document that is null (so was NaN or infinite), or a complaint that it is not JSON. */
export function nonFiniteInJson(text: string): string | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return 'stdout is not JSON';
  }
  const bad = (v: unknown, path: string): string | undefined => {
    if (v === null) return FIGURES.has(path.slice(path.lastIndexOf('.') + 1)) || /\.ci95\.\d+$/.test(path) ? `${path} is null` : undefined;
    if (Array.isArray(v)) {
      for (const [i, x] of v.entries()) {
        const b = bad(x, `${path}.${i}`);
        if (b) return b;
      }
    } else if (typeof v === 'object') {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        const b = bad(x, `${path}.${k}`);
        if (b) return b;
      }
    }
    return undefined;
  };
  return bad(doc, '$');
}

// ---- the real binary, without blocking ----------------------------------------------------

/** Runs bin/imsim in a child process (clean environment, as ./cli.ts does) and resolves with what it did. */
export function imsimAsync(args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    // The environment ./cli.ts gives: clean, with the suite's private TMPDIR (global-setup.ts).
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}) };
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : -1), stdout, stderr }));
  });
}

/** Runs `job` over `items`, `width` at a time (two: the cores CI has). */
export async function inParallel<T>(items: readonly T[], width: number, job: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await job(item);
  };
  await Promise.all(Array.from({ length: width }, worker));
}
