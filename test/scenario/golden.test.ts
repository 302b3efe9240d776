// Every scenario has a golden summary at a fixed seed: 200 runs at each uniform level.
// A change in behaviour shows up as a diff of test/golden/*.json to review; regenerate
// with `npm run golden` once the change is intended.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultCalibration } from '../../src/calibration/index.js';
import { uniformProfile } from '../../src/model/index.js';
import { compareScenario, comparisonJson } from '../../src/stats/index.js';
import { builtinScenarios } from '../support/scenarios.js';

const SEED = 1;
const RUNS = 200;
const cal = defaultCalibration();
const update = process.env.UPDATE_GOLDEN === '1';

describe.each(builtinScenarios().map((s) => [s.id, s] as const))('golden summary of %s (seed 1, 200 runs, levels 1..5)', (id, scenario) => {
  it('matches test/golden', () => {
    const profiles = ([1, 2, 3, 4, 5] as const).map(uniformProfile);
    const doc = { seed: SEED, runs: RUNS, calibration: cal.hash, ...comparisonJson(compareScenario(scenario, profiles, { runs: RUNS, seed: SEED, calibration: cal }), 2) };
    const file = new URL(`../golden/${id}.json`, import.meta.url);
    const text = `${JSON.stringify(doc, null, 2)}\n`;
    if (update) writeFileSync(file, text);
    expect(existsSync(file), `no golden file for ${id}: run \`npm run golden\``).toBe(true);
    expect(text).toBe(readFileSync(file, 'utf8'));
  });
});
