// Golden summaries that explain themselves: what each figure file holds, the calibration
// the figures were made with (kept apart, so a calibration edit touches one file, not
// every figure file), and differences told as "profile 3: mttr.p90 4531 -> 4971 (+9.7%)"
// rather than "bytes differ".
import { distToYaml, type Calibration } from '../../src/calibration/index.js';
import { parseProfile, uniformProfile, type Profile } from '../../src/model/index.js';
import type { Scenario } from '../../src/sim/index.js';
import { compareScenario } from '../../src/experiment/compare.js';
import { comparisonJson } from '../../src/stats/index.js';

export const GOLDEN_SEED = 1;
export const GOLDEN_RUNS = 200;
export const UNIFORM: Profile[] = ([1, 2, 3, 4, 5] as const).map(uniformProfile);

/**
 * Mixed profiles, so rules that read two domains (or the responding team) are exercised
 * with the domains apart: each names the clause it is there for.
 */
export const MIXED: { profile: string; why: string }[] = [
  { profile: 'change=1,config=4', why: 'the ticket shows an unrecorded change from config 4 (seesChangeInTicket)' },
  { profile: 'change=2,config=3', why: 'a recorded change shows from config 3; at change 2 some changes still bypass the record' },
  { profile: 'config=2,observability=2,serviceDesk=1,secOps=3', why: 'security alerts meet a round-the-clock SOC, outages a level 1 desk (responder split, heroics)' },
  { profile: 'config=2,observability=2,serviceDesk=3,secOps=1', why: 'a desk with shifts and a major-incident process, a SOC without on-call' },
  { profile: 'change=4,config=3,observability=5,serviceDesk=2,secOps=2', why: 'self-healing needs observability 5 with change 4 (canSelfHeal)' },
  { profile: 'change=2,config=2,observability=2,serviceDesk=4,secOps=2', why: 'automatic problem grouping at service desk 4 on modest telemetry' },
  { profile: 'secOps=5', why: 'a level 5 SOC on level 1 foundations, capped by "do not skip levels"' },
];

export type Doc = Record<string, unknown>;

/** The golden document of one scenario: uniform levels with paired deltas, then the mixed profiles. */
export function goldenDoc(scenario: Scenario, calibration: Calibration, lead: number): Doc {
  const opts = { runs: GOLDEN_RUNS, seed: GOLDEN_SEED, calibration };
  const uniform = comparisonJson(compareScenario(scenario, UNIFORM, opts), lead);
  const mixed = comparisonJson(compareScenario(scenario, MIXED.map((m) => parseProfile(m.profile)), opts), lead);
  return { seed: GOLDEN_SEED, runs: GOLDEN_RUNS, ...uniform, mixed: mixed.results };
}

/** The calibration file: its hash and every entry as written in YAML, one a line (diffs name the entry). */
export function calibrationText(cal: Calibration): string {
  const lines = cal.entries.map((e) => `    ${JSON.stringify(e.key)}: ${JSON.stringify(distToYaml(e.dist))}`);
  return `{\n  "hash": ${JSON.stringify(cal.hash)},\n  "entries": {\n${lines.join(',\n')}\n  }\n}\n`;
}

export interface CalibrationFile {
  hash: string;
  entries: Record<string, unknown>;
}

/** Keys whose value differs between the calibration the goldens were made with and `cal` (added and removed included). */
export function changedEntries(recorded: CalibrationFile, cal: Calibration): { key: string; was: string; now: string }[] {
  const now = new Map(cal.entries.map((e) => [e.key, JSON.stringify(distToYaml(e.dist))]));
  const keys = [...new Set([...Object.keys(recorded.entries), ...now.keys()])].sort();
  return keys.flatMap((key) => {
    const was = key in recorded.entries ? JSON.stringify(recorded.entries[key]) : '(absent)';
    const is = now.get(key) ?? '(absent)';
    return was === is ? [] : [{ key, was, now: is }];
  });
}

// ---- explaining a difference ----------------------------------------------------------

/** Where a figure sits, in words: `profile 3: mttr.p90`, `delta 1 -> 3: cost.mean`, `mixed change=1,config=4: ...`. */
function labelOf(path: (string | number)[], doc: Doc): string {
  const [section, index, ...rest] = path;
  const row = typeof index === 'number' ? ((doc[section as string] as Record<string, unknown>[] | undefined)?.[index] ?? {}) : {};
  const field = rest.filter((p) => p !== 'metrics').join('.').replace(/\.(\d+)$/, '[$1]').replace(/\.(\d+)\./g, '[$1].');
  if (section === 'results') return `profile ${String(row.profile)}: ${field}`;
  if (section === 'mixed') return `mixed profile ${String(row.profile)}: ${field}`;
  if (section === 'deltas') return `paired delta ${String(row.from)} -> ${String(row.to)}: ${field}`;
  return path.join('.');
}

const num = (x: number) => String(Number(x.toPrecision(6)));
const signed = (x: number) => `${x >= 0 ? '+' : ''}${num(x)}`;

/** `4531.2 -> 4971 (+439.8, +9.7%)`. */
function moved(a: number, b: number): string {
  const relative = a === 0 ? '' : `, ${b - a >= 0 ? '+' : ''}${(((b - a) / Math.abs(a)) * 100).toFixed(1)}%`;
  return `${num(a)} -> ${num(b)} (${signed(b - a)}${relative})`;
}

/**
 * Every figure that differs between the golden (`was`) and the run (`now`), as lines
 * naming the profile, the metric and the statistic, with the change and its size.
 */
export function explainDiff(was: Doc, now: Doc): string[] {
  const out: string[] = [];
  const walk = (a: unknown, b: unknown, path: (string | number)[]) => {
    if (typeof a === 'number' && typeof b === 'number') {
      if (a !== b) out.push(`${labelOf(path, now)} ${moved(a, b)}`);
      return;
    }
    if (Array.isArray(a) && Array.isArray(b)) {
      for (let i = 0; i < Math.max(a.length, b.length); i++) walk(a[i], b[i], [...path, i]);
      return;
    }
    if (a && b && typeof a === 'object' && typeof b === 'object') {
      for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])]) walk((a as Doc)[k], (b as Doc)[k], [...path, k]);
      return;
    }
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${labelOf(path, now)} ${JSON.stringify(a) ?? '(absent)'} -> ${JSON.stringify(b) ?? '(absent)'}`);
  };
  walk(was, now, []);
  return out;
}
