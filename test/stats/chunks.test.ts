// The dashboard runs comparisons in chunks; the merged result must be the one-shot result.
import { describe, expect, it } from 'vitest';
import { defaultCalibration } from '../../src/calibration/index.js';
import { uniformProfile } from '../../src/model/index.js';
import { compareInChunks } from '../../src/experiment/chunks.js';
import { compareScenario } from '../../src/experiment/compare.js';
import { comparisonJson } from '../../src/stats/compare.js';
import { builtinScenarios } from '../support/scenarios.js';

const cal = defaultCalibration();

describe('comparisons in chunks', () => {
  it('merge to exactly the comparison run in one go, whatever the chunk size, with progress per chunk', async () => {
    const scenarios = builtinScenarios().filter((s) => ['suspicious-login-2am', 'new-app-environment'].includes(s.id));
    const profiles = [uniformProfile(1), uniformProfile(2), uniformProfile(4)];
    for (const chunk of [7, 50, 200]) {
      const last = new Map<number, { done: number; json: unknown }>();
      const seen: number[] = [];
      for await (const u of compareInChunks(scenarios, profiles, { runs: 120, seed: 5, calibration: cal, chunk })) {
        seen.push(u.done);
        last.set(u.index, { done: u.done, json: comparisonJson(u.comparison, 2) });
      }
      expect(seen.filter((d) => d === 120)).toHaveLength(2);
      scenarios.forEach((s, i) => {
        const once = comparisonJson(compareScenario(s, profiles, { runs: 120, seed: 5, calibration: cal }), 2);
        expect(last.get(i)!.json, `${s.id}, chunks of ${chunk}`).toEqual(once);
      });
    }
  });
});
