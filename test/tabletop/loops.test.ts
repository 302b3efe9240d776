// A decision point inside a loop, whose first option goes round it (a fix judged not to
// hold, a ticket reopened, misrouted or lost): a script that takes the first option
// (`--decisions` shorter than the exercise) must still reach the end. The room is asked a
// point at most MAX_ASKS_PER_POINT times; later visits run the level's calibrated odds.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultCalibration } from '../../src/calibration/index.js';
import { uniformProfile, type Level } from '../../src/model/index.js';
import { parseScenario } from '../../src/scenario/index.js';
import { afterAction, MAX_ASKS_PER_POINT, playScripted } from '../../src/tabletop/index.js';

const cal = defaultCalibration();
const base = readFileSync(new URL('../fixtures/scenarios/db-plugin-plain.yaml', import.meta.url), 'utf8');

/** The shipped scenario with one decision point at `at`, whose first option is `event` (round the loop). */
function withLoop(at: string, event: string, other: string): string {
  const i = base.indexOf('decisions:');
  return `${base.slice(0, i)}decisions:
  - id: again
    at: ${at}
    prompt: Round again?
    options:
      - {id: round, label: Go round, event: ${event}}
      - {id: on, label: Go on, event: ${other}}
`;
}

describe('a decision point inside a loop', () => {
  it.each([
    ['respond.verifying', 'FIX_FAILED', 'VERIFIED'],
    ['close.resolved', 'REOPENED', 'CLOSED'],
    ['categorize.triage', 'MISROUTED', 'CATEGORIZED'],
    ['identify.intake', 'TICKET_LOST', 'TICKET_LOGGED'],
  ])('at %s, always taking %s, the exercise ends (seeds 1 to 4, levels 1 and 2)', (at, event, other) => {
    const scenario = parseScenario(withLoop(at, event, other), 'loop.yaml', cal);
    let asked = 0;
    for (const seed of [1, 2, 3, 4]) {
      for (const level of [1, 2] as Level[]) {
        const scripted = playScripted({ scenario, profile: uniformProfile(level), seed, replication: 0, calibration: cal }, []);
        expect(scripted.play.pending, `seed ${seed}, level ${level}`).toBeUndefined();
        expect(scripted.play.decisions.length, `seed ${seed}, level ${level}`).toBeLessThanOrEqual(MAX_ASKS_PER_POINT);
        asked = Math.max(asked, scripted.play.decisions.length);
        const aa = afterAction(scripted.play);
        for (const run of [aa.room, aa.replay]) if (run) for (const [k, v] of Object.entries(run.metrics)) if (typeof v === 'number') expect(Number.isFinite(v), `${k}, seed ${seed}`).toBe(true);
      }
    }
    // The loop was met, and went round until the room was no longer asked.
    expect(asked).toBe(MAX_ASKS_PER_POINT);
  });
});
