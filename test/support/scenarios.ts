// Scenarios for tests: the built-in files, and a fast-check generator of valid random
// scenarios (built as the engine's type, skipping YAML) for property tests.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { defaultCalibration, type Calibration } from '../../src/calibration/index.js';
import { parseScenario } from '../../src/scenario/index.js';
import { ATTACK_FLAGS, SIGNALS, type Scenario, type Signal, type Timing } from '../../src/sim/scenario.js';
import { WEEKDAYS } from '../../src/sim/environment/calendar.js';

export const SCENARIO_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));

/** The smallest scenario with a fault and an attack, for asking the loader. */
export const MIXED_PROBE = [
  'id: probe-mixed',
  'title: probe',
  'source: {seed: "003", section: probe}',
  'toldAt: 1',
  'anecdote: probe',
  'kind: security',
  'onset: Mon 10:00',
  'service: {name: s, impact: 0.5}',
  'fault: {phases: [{name: p, impact: 0.5, signals: [down]}]}',
  'attack: {signals: [intrusion], stages: [{id: s0, label: s, after: {param: attacker.breakoutTime}}]}',
].join('\n');

/** The loader's answer to a scenario with a fault and an attack: undefined when it accepts it, else its message. */
export function mixedRefusal(): string | undefined {
  try {
    parseScenario(MIXED_PROBE, 'probe-mixed.yaml', defaultCalibration());
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/**
 * Whether the scenario format accepts a fault and an attack in one scenario (an outage
 * an attacker uses, or an attack that breaks something). Asked of the loader itself, so
 * the generator below starts producing mixed scenarios the day the format allows them.
 */
export const MIXED_SCENARIOS_ALLOWED: boolean = mixedRefusal() === undefined;

/** The ids of the shipped scenarios. */
export function shippedIds(): string[] {
  return readdirSync(SCENARIO_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.replace(/\.yaml$/, ''))
    .sort();
}

/** One shipped scenario, read with the calibration given. */
export function shipped(id: string, cal: Calibration): Scenario {
  return parseScenario(readFileSync(`${SCENARIO_DIR}${id}.yaml`, 'utf8'), `scenarios/${id}.yaml`, cal);
}

export function builtinScenarios(): Scenario[] {
  const cal = defaultCalibration();
  return readdirSync(SCENARIO_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => parseScenario(readFileSync(SCENARIO_DIR + f, 'utf8'), f, cal));
}

const arbTiming: fc.Arbitrary<Timing> = fc.oneof(
  fc.constantFrom<Timing>({ param: 'attacker.breakoutTime' }, { param: 'attacker.exfiltrationAfterBreakout' }, { param: 'users.reportDelay' }),
  fc
    .tuple(fc.double({ min: 0.5, max: 500, noNaN: true }), fc.double({ min: 1.1, max: 20, noNaN: true }))
    .map(([p5, f]): Timing => ({ dist: { kind: 'lognormal90', p5, p95: p5 * f }, why: 'generated' })),
);
const arbSignals = fc.uniqueArray(fc.constantFrom<Signal>(...SIGNALS), { maxLength: 4 });
const arbOnset = fc
  .tuple(fc.constantFrom(...WEEKDAYS), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([d, h, m]) => `${d} ${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const arbPhases = fc.array(
  fc.record({ name: fc.constant('phase'), after: arbTiming, impact: fc.double({ min: 0, max: 1, noNaN: true }), signals: arbSignals }),
  { minLength: 1, maxLength: 3 },
);

const KINDS = ['fault', 'attack', 'cause', 'subject', ...(MIXED_SCENARIOS_ALLOWED ? (['mixed'] as const) : [])] as const;

/**
 * A valid random scenario: a fault, an attack, a causing change, a change followed from
 * its request, and (once the format allows it) a fault and an attack together.
 */
export const arbScenario: fc.Arbitrary<Scenario> = fc
  .record({
    kind: fc.constantFrom(...KINDS),
    onset: arbOnset,
    impact: fc.double({ min: 0, max: 1, noNaN: true }),
    standby: fc.boolean(),
    urgent: fc.option(fc.boolean(), { nil: undefined }),
    phases: arbPhases,
    selfHealable: fc.boolean(),
    recurring: fc.boolean(),
    attackSignals: arbSignals,
    stages: fc.array(fc.record({ after: arbTiming, signals: arbSignals, flagged: fc.boolean() }), { maxLength: 3 }),
    changeAt: fc.integer({ min: -10_000, max: 0 }),
    standard: fc.boolean(),
    emergency: fc.boolean(),
    defect: fc.double({ min: 0, max: 1, noNaN: true }),
    viaChange: fc.boolean(),
    injects: fc.array(fc.record({ at: fc.integer({ min: 0, max: 3000 }), signal: fc.option(fc.constantFrom<Signal>(...SIGNALS), { nil: undefined }) }), { maxLength: 2 }),
  })
  .map((r): Scenario => {
    const phases = r.phases.map((p, i) => (i === 0 ? { name: p.name, impact: p.impact, signals: p.signals } : p));
    const base: Scenario = {
      id: `generated-${r.kind}`,
      title: 'generated',
      source: { seed: '000', section: 'generated' },
      toldAt: 1,
      anecdote: 'generated',
      kind: r.kind === 'attack' || r.kind === 'mixed' ? 'security' : r.kind === 'fault' ? 'operational' : 'change',
      ...(r.urgent !== undefined ? { urgent: r.urgent } : {}),
      onset: r.onset,
      service: { name: 'service', impact: r.impact, standby: r.standby },
      remediation: { via: r.viaChange ? 'change' : 'fix', emergency: r.emergency },
      overrides: {},
      injects: r.injects.map((j) => ({ at: j.at, text: 'inject', ...(j.signal ? { signal: j.signal } : {}) })),
      decisions: [],
    };
    const fault = { phases, selfHealable: r.selfHealable, recurring: r.recurring };
    if (r.kind === 'attack' || r.kind === 'mixed') {
      return {
        ...base,
        ...(r.kind === 'mixed' ? { fault } : {}),
        attack: {
          signals: r.attackSignals,
          recurring: r.recurring,
          stages: r.stages.map((s, i) => ({
            id: `stage${i}`,
            label: `stage ${i}`,
            after: s.after,
            signals: s.signals,
            loss: s.flagged ? 'breach' : 0,
            ...(s.flagged ? { flag: ATTACK_FLAGS[i]! } : {}),
          })),
        },
      };
    }
    if (r.kind === 'fault') return { ...base, fault };
    return {
      ...base,
      fault,
      change: {
        role: r.kind,
        at: r.kind === 'cause' ? r.changeAt : 0,
        standard: r.standard,
        emergency: r.emergency,
        // Half the subject changes use the calibrated defect rate.
        ...(r.kind === 'subject' && r.defect > 0.5 ? { defect: (r.defect - 0.5) * 2 } : {}),
      },
    };
  });

/** A generated scenario or one of the shipped ones (whatever kinds they hold, mixed ones included). */
export const arbAnyScenario: fc.Arbitrary<Scenario> = fc.oneof(arbScenario, fc.constantFrom(...builtinScenarios()));
