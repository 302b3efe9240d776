// One scenario with both an attack and a fault: the attacker's stages and the fault's
// phases in one story, where a stage can set the fault off (ransomware's encryption
// takes the service down) and containment and restoration keep their own clocks.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { defaultCalibration } from '../../src/calibration/index.js';
import { uniformProfile, type Level } from '../../src/model/index.js';
import { parseScenario } from '../../src/scenario/index.js';
import { simulate } from '../../src/sim/engine.js';
import type { LogEntry } from '../../src/sim/log.js';
import { metricsOf } from '../../src/sim/metrics.js';
import type { Scenario } from '../../src/sim/scenario.js';
import { UserError } from '../../src/util/index.js';
import { arbProfile } from '../support/arbitraries.js';
import { arbScenario } from '../support/scenarios.js';

const cal = defaultCalibration();
const FIXTURE = new URL('../fixtures/scenarios/ransomware-encryption.yaml', import.meta.url);
const text = readFileSync(FIXTURE, 'utf8');
const ransomware = parseScenario(text, 'ransomware-encryption.yaml', cal);
const LEVELS: Level[] = [1, 2, 3, 4, 5];
const SEED = 11;
const RUNS = 200;

const stageAt = (log: LogEntry[], id: string) => log.find((e) => e.kind === 'stage' && e.id === id && e.happened)?.t;
const phases = (log: LogEntry[]) => log.filter((e) => e.kind === 'phase');

/** What must hold in any replication of a story whose fault a stage starts. */
function checkStory(scenario: Scenario, log: LogEntry[], where: string): void {
  const trigger = scenario.attack!.stages.find((s) => s.startsFault);
  const started = trigger ? stageAt(log, trigger.id) : 0;
  if (started === undefined) {
    // The stage never happened (the attacker was stopped first): no phase, no harm.
    expect(phases(log), where).toEqual([]);
    expect(log.filter((e) => e.kind === 'impact'), where).toEqual([]);
  } else {
    const first = phases(log)[0];
    expect(first?.t, where).toBe(started);
    for (const e of log) if (e.kind === 'impact' && e.impact > 0) expect(e.t, where).toBeGreaterThanOrEqual(started);
  }
  // No stage after containment, or after restoration (which closed the door).
  const closed = log.find((e) => e.kind === 'step' && e.machine === 'incident' && (e.event === 'CONTAINED' || e.tags.includes('restored')))?.t;
  for (const e of log) if (e.kind === 'stage' && closed !== undefined && e.t >= closed) expect(e.happened, `${where}: ${e.id} at ${e.t}, closed at ${closed}`).toBe(false);
}

describe('a scenario with an attack and a fault (test/fixtures/scenarios/ransomware-encryption.yaml)', () => {
  it('reads both, with the encryption stage starting the fault', () => {
    expect(ransomware.attack?.stages.map((s) => [s.id, s.startsFault ?? false])).toEqual([
      ['lateralMovement', false],
      ['exfiltration', false],
      ['encryption', true],
    ]);
    expect(ransomware.fault?.phases).toHaveLength(2);
  });

  it.each(LEVELS)(`at level %i: the fault begins with the encryption stage, or never if the attacker is stopped first (seed ${SEED}, ${RUNS} runs)`, (level) => {
    for (let r = 0; r < RUNS; r++) checkStory(ransomware, simulate(ransomware, uniformProfile(level), { seed: SEED, replication: r, calibration: cal }).log, `level ${level}, seed ${SEED}, replication ${r}`);
  });

  it(`containment and restoration are separate clocks: both reported, containment first, and the service can stay down after the attacker is out (seed ${SEED})`, () => {
    let downAfterContainment = 0;
    for (let r = 0; r < RUNS; r++) {
      const result = simulate(ransomware, uniformProfile(2), { seed: SEED, replication: r, calibration: cal });
      const m = metricsOf(result, ransomware, 100);
      expect(m.mttc, `replication ${r}`).toBeGreaterThan(0);
      expect(m.mttc!).toBeLessThanOrEqual(m.mttr);
      // The share of the business down just after the attacker was contained.
      const contained = result.log.find((e) => e.kind === 'step' && e.event === 'CONTAINED')?.t;
      if (contained === undefined) continue;
      const impact = result.log.filter((e) => e.kind === 'impact' && e.t <= contained).at(-1);
      if (impact?.kind === 'impact' && impact.impact > 0) downAfterContainment++;
    }
    expect(downAfterContainment).toBeGreaterThan(0);
  });

  it(`a higher level contains the attacker sooner and loses less service (paired, seed ${SEED}, ${RUNS} runs)`, () => {
    const mean = (level: Level, metric: 'disruption' | 'mttc') => {
      let sum = 0;
      for (let r = 0; r < RUNS; r++) sum += metricsOf(simulate(ransomware, uniformProfile(level), { seed: SEED, replication: r, calibration: cal }), ransomware, 100)[metric]!;
      return sum / RUNS;
    };
    expect(mean(4, 'disruption')).toBeLessThan(mean(1, 'disruption'));
    expect(mean(4, 'mttc')).toBeLessThan(mean(1, 'mttc'));
  });

  /** Random attacks given a fault as well, set off by one random stage or (none marked) with the attack. */
  const arbBoth = arbScenario
    .filter((s) => Boolean(s.attack))
    .chain((s) =>
      fc
        .record({
          impacts: fc.array(fc.double({ min: 0.05, max: 1, noNaN: true }), { minLength: 1, maxLength: 3 }),
          trigger: fc.integer({ min: -1, max: Math.max(-1, s.attack!.stages.length - 1) }),
        })
        .map(({ impacts, trigger }): Scenario => ({
          ...s,
          id: 'generated-both',
          attack: { ...s.attack!, stages: s.attack!.stages.map((st, i) => (i === trigger ? { ...st, startsFault: true } : st)) },
          fault: {
            selfHealable: false,
            recurring: false,
            phases: impacts.map((impact, i) => ({ name: `phase ${i}`, impact, signals: ['users'], ...(i > 0 ? { after: { param: 'users.reportDelay' } } : {}) })),
          },
        })),
    );

  test.prop([arbBoth, arbProfile, fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 10_000 })], { numRuns: 300 })(
    'any such story ends, in order (mttd <= mtta <= mttr <= close), with the fault no earlier than its stage and no stage after containment',
    (scenario, profile, seed, replication) => {
      const r = simulate(scenario, profile, { seed, replication, calibration: cal });
      const m = metricsOf(r, scenario, 100);
      expect(m.mttd).toBeLessThanOrEqual(m.mtta);
      expect(m.mtta).toBeLessThanOrEqual(m.mttr);
      expect(m.mttr).toBeLessThanOrEqual(m.close);
      expect(m.disruption).toBeGreaterThanOrEqual(0);
      expect(r.faultStart).toBe(0);
      checkStory(scenario, r.log, `seed ${seed}, replication ${replication}`);
    },
  );
});

describe('checking a scenario with an attack and a fault', () => {
  const problems = (yaml: string) => {
    try {
      parseScenario(yaml, 'x.yaml', cal);
      return [];
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      return e.problems.map((p) => `${p.path}: ${p.message}`);
    }
  };

  it('rejects startsFault without a fault, twice in one attack, and an attack beside a change', () => {
    const noFault = text.replace(/^fault:[\s\S]*$/m, '');
    expect(problems(noFault)).toContainEqual(expect.stringMatching(/^attack\.stages\.2\.startsFault: startsFault needs a fault/));
    const twice = text.replace('      flag: exfiltration\n', '      flag: exfiltration\n      startsFault: true\n');
    expect(problems(twice)).toContainEqual(expect.stringMatching(/^attack\.stages\.2\.startsFault: only one stage can start the fault/));
    const withChange = `${text}change: {role: cause, at: -60}\n`;
    expect(problems(withChange)).toContainEqual(expect.stringMatching(/^attack: a change scenario follows the fault its change causes/));
  });
});
