// The players see what the organization could know at that moment; the facilitator sees
// everything. Checked at every moment of every shipped scenario's story.
import { describe, expect, it } from 'vitest';
import { defaultCalibration } from '../../src/calibration/index.js';
import { uniformProfile, type Level } from '../../src/model/index.js';
import type { LogEntry } from '../../src/sim/log.js';
import { knowledgeOf, playScripted, shown, statusLine, incidentStateOf, type Setup } from '../../src/tabletop/index.js';
import { builtinScenarios } from '../support/scenarios.js';

const cal = defaultCalibration();
const scenarios = builtinScenarios();
const LEVELS: Level[] = [1, 2, 3, 4, 5];
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

/** Every moment the display can stop at: each entry's time, in order. */
const moments = (log: readonly LogEntry[]) => [...new Set(log.map((e) => e.t))];

describe("the players' view", () => {
  it.each(scenarios.map((s) => [s.id, s] as const))('%s, levels 1-5, seeds 1-8: no attacker stage, fault phase or impact before the organization knows; no lost report; no causing change before the cause is found', (_id, scenario) => {
    for (const level of LEVELS) {
      for (const seed of SEEDS) {
        const setup: Setup = { scenario, profile: uniformProfile(level), seed, replication: 0, calibration: cal };
        const log = playScripted(setup, []).play.result.log;
        const where = `level ${level}, seed ${seed}`;
        for (const t of moments(log)) {
          const seen = log.filter((e) => e.t <= t);
          const k = knowledgeOf(seen);
          const players = shown('players', seen, scenario);
          const status = statusLine('players', seen);
          if (k.detected === undefined) {
            expect(players.filter((e) => e.kind === 'impact' || (e.kind === 'start' && e.machine === 'incident')), `${where} at ${t}`).toEqual([]);
            expect(status.impact, `${where} at ${t}`).toBeUndefined();
            expect(incidentStateOf('players', seen), `${where} at ${t}`).toBeUndefined();
          }
          if (k.diagnosed === undefined) {
            expect(players.filter((e) => e.kind === 'stage' || e.kind === 'phase'), `${where} at ${t}`).toEqual([]);
            expect(status.attacker, `${where} at ${t}`).toEqual([]);
            if (scenario.change?.role === 'cause') expect(players.filter((e) => 'machine' in e && e.machine === 'change'), `${where} at ${t}`).toEqual([]);
          }
          expect(players.some((e) => e.kind === 'step' && e.event === 'TICKET_LOST')).toBe(false);
          // Injects and decisions are for everyone.
          expect(players.filter((e) => e.kind === 'inject' || e.kind === 'decision')).toEqual(seen.filter((e) => e.kind === 'inject' || e.kind === 'decision'));
          // The facilitator sees the whole log so far.
          expect(shown('facilitator', seen, scenario)).toEqual(seen);
        }
      }
    }
  });

  it('once the cause is found, the attacker stages that happened unseen appear, as the investigation found them', () => {
    const scenario = scenarios.find((s) => s.id === 'suspicious-login-2am')!;
    const log = playScripted({ scenario, profile: uniformProfile(1), seed: 3, replication: 0, calibration: cal }, ['morning', 'disable']).play.result.log;
    const k = knowledgeOf(log);
    const firstStage = log.find((e) => e.kind === 'stage')!;
    expect(firstStage.t).toBeLessThan(k.detected!); // the attacker moved before anyone knew
    const before = shown('players', log.filter((e) => e.t < k.diagnosed!), scenario);
    const after = shown('players', log.filter((e) => e.t <= k.diagnosed!), scenario);
    expect(before.some((e) => e.kind === 'stage')).toBe(false);
    expect(after.filter((e) => e.kind === 'stage').map((e) => e.t)).toContain(firstStage.t);
    expect(statusLine('players', log.filter((e) => e.t <= k.diagnosed!)).attacker).toEqual(['lateralMovement', 'exfiltration']);
  });
});
