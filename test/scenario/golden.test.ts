// Every scenario has a golden summary at a fixed seed: 200 runs at each uniform level
// (with paired deltas) and at seven mixed profiles (test/support/golden.ts says which
// rule each is for). A change in behaviour shows up as a diff of test/golden/*.json to
// review; regenerate with `npm run golden` once the change is intended.
//
// The calibration the figures were made with is kept apart, in test/golden/calibration.json
// (every entry, one a line), so a calibration edit touches that file and the figure files
// of the scenarios it really moves, nothing else. A mismatch names the profile, metric and
// statistic that moved and by how much. The entries each scenario reads are traced from
// outside the engine (test/support/trace.ts), which gives two more checks: figures move
// only in scenarios that read a changed entry, and changing every entry a scenario does
// not read leaves its figures byte-identical.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultCalibration } from '../../src/calibration/index.js';
import type { Scenario } from '../../src/sim/index.js';
import { calibrationText, changedEntries, explainDiff, goldenDoc, type CalibrationFile, type Doc } from '../support/golden.js';
import { builtinScenarios } from '../support/scenarios.js';
import { perturbed, recording } from '../support/trace.js';

const cal = defaultCalibration();
const update = process.env.UPDATE_GOLDEN === '1';
const LEAD = cal.byKey.get('model.foundationLead')!.dist;
const lead = LEAD.kind === 'fixed' ? LEAD.value : NaN;
const fileOf = (name: string) => new URL(`../golden/${name}.json`, import.meta.url);
const textOf = (doc: Doc) => `${JSON.stringify(doc, null, 2)}\n`;
const scenarios = builtinScenarios();

/** Each scenario's figures at the current calibration and the entries they read, computed once. */
const runs = new Map<string, { doc: Doc; used: Set<string> }>();
function run(s: Scenario) {
  let r = runs.get(s.id);
  if (!r) {
    const rec = recording(cal);
    runs.set(s.id, (r = { doc: goldenDoc(s, rec.calibration, lead), used: rec.used }));
  }
  return r;
}

const recordedCalibration = (): CalibrationFile | undefined =>
  existsSync(fileOf('calibration')) ? (JSON.parse(readFileSync(fileOf('calibration'), 'utf8')) as CalibrationFile) : undefined;
const golden = (id: string): Doc | undefined => (existsSync(fileOf(id)) ? (JSON.parse(readFileSync(fileOf(id), 'utf8')) as Doc) : undefined);

describe.each(scenarios.map((s) => [s.id, s] as const))('golden summary of %s (seed 1, 200 runs, levels 1..5 and 7 mixed profiles)', (id, scenario) => {
  it('matches test/golden, figure by figure', () => {
    const { doc } = run(scenario);
    if (update) writeFileSync(fileOf(id), textOf(doc));
    const was = golden(id);
    expect(was, `no golden file for ${id}: run \`npm run golden\``).toBeDefined();
    const moved = explainDiff(was!, doc);
    const shown = moved.length > 40 ? [...moved.slice(0, 40), `... and ${moved.length - 40} more`] : moved;
    expect(moved, `${id}: ${moved.length} figures moved (seed 1, 200 runs)\n  ${shown.join('\n  ')}\nreview, then regenerate with \`npm run golden\``).toEqual([]);
    // The figures agree; so must the bytes (layout, key order, rounding).
    expect(textOf(doc)).toBe(readFileSync(fileOf(id), 'utf8'));
  });

  it('moves only when the calibration changed an entry it reads', () => {
    const recorded = recordedCalibration();
    const was = golden(id);
    if (update || !recorded || !was) return;
    const { doc, used } = run(scenario);
    const moved = explainDiff(was, doc);
    if (moved.length === 0) return;
    const changed = changedEntries(recorded, cal);
    const reaching = changed.filter((c) => used.has(c.key));
    expect(
      reaching.map((c) => c.key),
      changed.length === 0
        ? `${id}: figures moved with the calibration unchanged: the engine's behaviour changed (first: ${moved[0]})`
        : `${id}: figures moved, but it reads none of the changed entries (${changed.map((c) => c.key).join(', ')}): the change leaks into a scenario that does not use it (first: ${moved[0]})`,
    ).not.toEqual([]);
  });

  it('reads what it depends on: changing every calibration entry it does not read leaves its figures byte-identical', () => {
    const { doc, used } = run(scenario);
    const unused = cal.entries.map((e) => e.key).filter((k) => !used.has(k));
    const other = perturbed(cal, unused);
    expect(other.changed.length, 'entries changed').toBeGreaterThan(0);
    const moved = explainDiff(doc, goldenDoc(scenario, other.calibration, lead));
    expect(moved, `${id}: figures moved when only entries it never reads changed (${other.changed.length} of them)\n  ${moved.slice(0, 10).join('\n  ')}`).toEqual([]);
  });
});

describe('the calibration the goldens were made with (test/golden/calibration.json)', () => {
  it('is the current table; when it is not, says which entries changed and which scenarios read them', () => {
    if (update) writeFileSync(fileOf('calibration'), calibrationText(cal));
    const recorded = recordedCalibration();
    expect(recorded, 'no test/golden/calibration.json: run `npm run golden`').toBeDefined();
    const changed = changedEntries(recorded!, cal);
    const lines = changed.map((c) => {
      const readers = scenarios.filter((s) => run(s).used.has(c.key)).map((s) => s.id);
      return `${c.key}: ${c.was} -> ${c.now}; read by ${readers.length ? readers.join(', ') : 'no scenario (no figure may move)'}`;
    });
    expect(lines, `the calibration changed since the goldens were made (hash ${recorded!.hash} -> ${cal.hash}):\n  ${lines.join('\n  ')}\nregenerate with \`npm run golden\` and review the figure diffs`).toEqual([]);
    expect(readFileSync(fileOf('calibration'), 'utf8')).toBe(calibrationText(cal));
  });
});
