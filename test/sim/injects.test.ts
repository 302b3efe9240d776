// Injects the simulation triggers (src/sim/world/injects.ts): at a time or when the story
// reaches something, held while what they presume is not yet true, never shifting the
// story itself.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { incidentWorkflow, statePaths } from '../../machines/index.js';
import { defaultCalibration } from '../../src/calibration/index.js';
import { uniformProfile } from '../../src/model/index.js';
import { Calendar } from '../../src/sim/environment/calendar.js';
import { simulate, simulateMetrics } from '../../src/sim/engine.js';
import { metricsOf } from '../../src/sim/metrics.js';
import { fillTemplate, firstMet, InjectTriggers, quietInjects, satisfies, templateFields } from '../../src/sim/world/injects.js';
import type { LogEntry } from '../../src/sim/log.js';
import { SIGNALS, type Condition, type Inject, type Scenario, type Signal } from '../../src/sim/scenario.js';
import { arbProfile } from '../support/arbitraries.js';
import { arbScenario, builtinScenarios } from '../support/scenarios.js';

const cal = defaultCalibration();
const calendar = new Calendar(1 * 1440 + 2 * 60, { dayStart: 8, dayEnd: 18, windowDay: 5, windowStart: 22, windowHours: 6 }); // Tue 02:00
const step = (t: number, event: string, to: string, tags: string[] = []): LogEntry => ({ t, kind: 'step', machine: 'incident', event, from: 'x', to, tags });

describe('conditions', () => {
  it.each<[Condition, LogEntry, boolean]>([
    [{ tag: 'detected' }, step(5, 'TICKET_LOGGED', 'categorize.queued', ['detected', 'slaClock']), true],
    [{ tag: 'detected' }, step(5, 'USER_REPORT', 'identify.intake'), false],
    [{ state: 'respond' }, step(5, 'PRIORITIZED', 'respond.investigating'), true],
    [{ state: 'respond.containing' }, step(5, 'PRIORITIZED', 'respond.investigating'), false],
    [{ event: 'CONTAINED' }, step(5, 'CONTAINED', 'respond.investigating'), true],
    [{ stage: 'exfiltration' }, { t: 5, kind: 'stage', id: 'exfiltration', label: '', happened: true, loss: 0 }, true],
    [{ stage: 'exfiltration' }, { t: 5, kind: 'stage', id: 'exfiltration', label: '', happened: false, loss: 0 }, false],
    [{ phase: 'outage' }, { t: 5, kind: 'phase', name: 'outage', impact: 1, happened: true }, true],
    [{ inject: 'a' }, { t: 5, kind: 'inject', id: 'a', to: [], text: '' }, true],
    [{ decision: 'd', option: 'x' }, { t: 5, kind: 'decision', point: 'd', option: 'y', label: '', index: 2 }, false],
    [{ decision: 'd' }, { t: 5, kind: 'decision', point: 'd', option: 'y', label: '', index: 2 }, true],
  ])('%j after %j: %s', (c, e, yes) => {
    expect(satisfies(c, e)).toBe(yes);
  });
});

describe('templates', () => {
  it('fill the time, day, clock, elapsed time, onset, service and impact of the moment', () => {
    const text = 'At {time} on {day} ({clock}), {elapsed} after {onset}, {impact} of {service} is down; {unknown} stays';
    expect(fillTemplate(text, { t: 68, calendar, service: 'billing', impact: 0.6 })).toBe(
      'At 03:08 on Tue (Tue 03:08), 1h 08m after 02:00, 60% of billing is down; {unknown} stays',
    );
    expect(fillTemplate('{clock}', { t: 1500, calendar, service: 's', impact: 0 })).toBe('Wed 03:00 +1d');
    expect(templateFields(text)).toEqual(['time', 'day', 'clock', 'elapsed', 'onset', 'impact', 'service', 'unknown']);
  });
});

describe('an inject that presumes something', () => {
  const scenario = { service: { name: 's' }, injects: [{ id: 'a', at: 10, presumes: { tag: 'detected' }, text: 'at {time}' }] as Inject[] } as Scenario;

  it('falls due at its time, waits while the presumption is false, and fires the moment it becomes true (saying when it was due)', () => {
    const tr = new InjectTriggers(scenario, calendar);
    expect(tr.start()).toEqual([{ index: 0, at: 10 }]);
    expect(tr.fire(0, 10, 0)).toBeUndefined();
    expect(tr.observe(step(30, 'USER_REPORT', 'identify.intake'))).toEqual([]);
    expect(tr.observe(step(68, 'TICKET_LOGGED', 'categorize.queued', ['detected']))).toEqual([{ index: 0, at: 68 }]);
    expect(tr.fire(0, 68, 0)).toEqual({ t: 68, kind: 'inject', id: 'a', to: [], text: 'at 03:08', deferredFrom: 10 });
    expect(tr.fire(0, 70, 0)).toBeUndefined(); // never twice
  });

  it('fires at its time when the presumption already holds', () => {
    const tr = new InjectTriggers(scenario, calendar);
    expect(tr.observe(step(3, 'AVAILABILITY_ALERT', 'categorize.queued', ['detected']))).toEqual([]);
    expect(tr.fire(0, 10, 0)).toMatchObject({ t: 10, id: 'a' });
    expect(tr.fire(0, 10, 0)).toBeUndefined();
  });
});

// ---- properties over random scenarios --------------------------------------------------------

const STATES = statePaths(incidentWorkflow.machine);
/** Something the story reaches; from the second inject on, possibly another inject (`i0`..). */
const arbCondition = (s: Scenario, injectsBefore = 0): fc.Arbitrary<Condition> =>
  fc.oneof(
    fc.constantFrom<Condition>({ tag: 'detected' }, { tag: 'acknowledged' }, { tag: 'restored' }),
    fc.constantFrom(...STATES).map((state): Condition => ({ state })),
    fc.constantFrom(...incidentWorkflow.events).map((event): Condition => ({ event })),
    ...(s.attack?.stages.length ? [fc.constantFrom(...s.attack.stages.map((x) => x.id)).map((stage): Condition => ({ stage }))] : []),
    ...(injectsBefore > 0 ? [fc.integer({ min: 0, max: injectsBefore - 1 }).map((k): Condition => ({ inject: `i${k}` }))] : []),
  );

/**
 * A random scenario with up to four injects, timed or triggered, some presuming something
 * (another inject among them: a signal may wait for a quiet one), some bringing a signal.
 */
const arbWithInjects = arbScenario.chain((s) =>
  fc
    .tuple(
      ...[0, 1, 2, 3].map((k) =>
        fc.record({
          at: fc.option(fc.integer({ min: 0, max: 3000 }), { nil: undefined }),
          when: arbCondition(s, k),
          after: fc.integer({ min: 0, max: 120 }),
          presumes: fc.option(arbCondition(s, k), { nil: undefined }),
          signal: fc.option(fc.constantFrom<Signal>(...SIGNALS), { nil: undefined, freq: 4 }),
        }),
      ),
    )
    .chain((four) => fc.integer({ min: 0, max: 4 }).map((n) => four.slice(0, n)))
    .map((list): Scenario => ({
      ...s,
      injects: list.map((j, i) => ({
        id: `i${i}`,
        text: 'inject {time}',
        to: [],
        ...(j.at !== undefined ? { at: j.at } : { when: j.when, after: j.after }),
        ...(j.presumes ? { presumes: j.presumes } : {}),
        ...(j.signal ? { signal: j.signal } : {}),
      })),
    })),
);
const arbSeed = fc.integer({ min: 0, max: 2 ** 31 - 1 });

describe('injects in the simulation', () => {
  test.prop([arbWithInjects, arbProfile, arbSeed], { numRuns: 300 })(
    'without a signal, never change the story: without them the log is the same, inject entries aside',
    (withSignals, profile, seed) => {
      const scenario = { ...withSignals, injects: withSignals.injects.map(({ signal: _s, ...j }) => j) };
      const withInjects = simulate(scenario, profile, { seed, replication: 0, calibration: cal }).log;
      const without = simulate({ ...scenario, injects: [] }, profile, { seed, replication: 0, calibration: cal }).log;
      expect(withInjects.filter((e) => e.kind !== 'inject')).toEqual(without);
    },
  );

  test.prop([arbWithInjects, arbProfile, arbSeed], { numRuns: 200 })(
    'batch runs leave quiet injects out (quietInjects: false) and get the same log, those entries aside',
    (scenario, profile, seed) => {
      const full = simulate(scenario, profile, { seed, replication: 0, calibration: cal }).log;
      const batch = simulate(scenario, profile, { seed, replication: 0, calibration: cal, quietInjects: false }).log;
      const quiet = new Set(scenario.injects.filter((_, i) => quietInjects(scenario.injects)[i]).map((j) => j.id));
      expect(batch).toEqual(full.filter((e) => e.kind !== 'inject' || !quiet.has(e.id)));
    },
  );

  test.prop([arbWithInjects, arbProfile, arbSeed], { numRuns: 200 })(
    'streamed metrics (which leave quiet injects out by design) equal the metrics of the full log, signals and all',
    (scenario, profile, seed) => {
      const opts = { seed, replication: 0, calibration: cal };
      expect(simulateMetrics(scenario, profile, opts, 100)).toEqual(metricsOf(simulate(scenario, profile, opts), scenario, 100));
    },
  );

  test.prop([arbWithInjects, arbProfile, arbSeed], { numRuns: 300 })(
    'fire exactly when due: at their time or trigger plus delay, or when what they presume first holds, whichever is later; once at most',
    (scenario, profile, seed) => {
      const log = simulate(scenario, profile, { seed, replication: 0, calibration: cal }).log;
      const fired = log.filter((e): e is Extract<LogEntry, { kind: 'inject' }> => e.kind === 'inject');
      expect(new Set(fired.map((e) => e.id)).size).toBe(fired.length);
      scenario.injects.forEach((j) => {
        const trigger = j.at ?? (j.when ? firstMet(j.when, log) : undefined);
        const due = trigger === undefined ? undefined : j.at !== undefined ? trigger : trigger + (j.after ?? 0);
        const known = j.presumes ? firstMet(j.presumes, log) : -Infinity;
        const entry = fired.find((e) => e.id === j.id);
        if (due === undefined || known === undefined) {
          expect(entry, `inject ${j.id} fired though ${due === undefined ? 'its trigger never came' : 'its presumption never held'}`).toBeUndefined();
          return;
        }
        expect(entry, `inject ${j.id} due at ${due}, known from ${known}, never fired`).toBeDefined();
        expect(entry!.t).toBeCloseTo(Math.max(due, known), 9);
        if (known > due) expect(entry!.deferredFrom).toBeCloseTo(due, 9);
        else expect(entry!.deferredFrom).toBeUndefined();
      });
    },
  );
});

describe('quiet injects', () => {
  it('are those with no signal that no inject with a signal waits for, directly or through others', () => {
    const injects: Inject[] = [
      { id: 'a', at: 5, text: 'a' },
      { id: 'b', when: { inject: 'a' }, text: 'b' },
      { id: 'c', when: { tag: 'detected' }, presumes: { inject: 'b' }, signal: 'users', text: 'c' },
      { id: 'd', when: { inject: 'c' }, text: 'd' },
      { id: 'e', at: 1, signal: 'external', text: 'e' },
    ];
    expect(quietInjects(injects)).toEqual([false, false, false, true, false]);
  });

  const base = builtinScenarios().find((s) => s.id === 'suspicious-login-2am')!;
  // Nobody hears the attacker: at level 1 the incident is found late, from outside, once nothing is left to happen.
  const unheard: Scenario = { ...base, injects: [], attack: { ...base.attack!, signals: [], stages: base.attack!.stages.map((x) => ({ ...x, signals: [] })) } };
  const found = (log: readonly LogEntry[]) => log.find((e) => e.kind === 'step' && e.event === 'EXTERNAL_NOTIFICATION')?.t;

  it('never delay a late discovery: a timed inject after the attacker is done leaves the discovery where it was (suspicious-login-2am, level 1, seed 1)', () => {
    const opts = { seed: 1, replication: 0, calibration: cal };
    const without = simulate(unheard, uniformProfile(1), opts).log;
    const lastStage = Math.max(...without.filter((e) => e.kind === 'stage').map((e) => e.t));
    const discovered = found(without)!;
    expect(discovered).toBeGreaterThan(lastStage + 60);
    const at = Math.round((lastStage + discovered) / 2);
    const withInject = simulate({ ...unheard, injects: [{ id: 'late', at, text: 'a reporter calls at {time}' }] }, uniformProfile(1), opts).log;
    expect(found(withInject), `seed 1: discovered at ${discovered} without the inject`).toBe(discovered);
    expect(withInject.find((e) => e.kind === 'inject')?.t).toBe(at);
    expect(withInject.filter((e) => e.kind !== 'inject')).toEqual(without);
  });

  it('with a signal, an inject is the discovery: the same timed inject bringing an external notice ends the wait (seed 1)', () => {
    const opts = { seed: 1, replication: 0, calibration: cal };
    const discovered = found(simulate(unheard, uniformProfile(1), opts).log)!;
    const at = Math.round(discovered / 2);
    const log = simulate({ ...unheard, injects: [{ id: 'notice', at, signal: 'external', text: 'a partner reports the data' }] }, uniformProfile(1), opts).log;
    expect(found(log)).toBe(at);
  });

  it('that a signal inject waits for run in batch runs too, so leaving quiet injects out never changes the story (seed 1)', () => {
    const chained: Scenario = {
      ...unheard,
      injects: [
        { id: 'rumour', at: 100, text: 'a rumour' },
        { id: 'notice', when: { inject: 'rumour' }, after: 30, signal: 'external', text: 'the rumour reaches the SOC' },
      ],
    };
    const opts = { seed: 1, replication: 0, calibration: cal };
    const result = simulate(chained, uniformProfile(1), opts);
    expect(found(result.log)).toBe(130);
    expect(simulate(chained, uniformProfile(1), { ...opts, quietInjects: false }).log).toEqual(result.log);
    expect(simulateMetrics(chained, uniformProfile(1), opts, 1)).toEqual(metricsOf(result, chained, 1));
    expect(simulateMetrics(chained, uniformProfile(1), opts, 1)).not.toEqual(simulateMetrics(unheard, uniformProfile(1), opts, 1));
  });
});

describe('an inject an event triggers', () => {
  it("comes after the event's own consequences: triggered by the incident's start, it reads the impact of the fault phase that begins with it (san-controller-latency, seeds 1..5)", () => {
    // A fault with no change behind it: the incident is opened before its first phase is scheduled.
    const base = builtinScenarios().find((s) => s.id === 'san-controller-latency')!;
    expect(base.change).toBeUndefined();
    const first = base.fault!.phases[0]!;
    expect(first.after).toBeUndefined(); // the first phase begins at the onset, with the incident
    const scenario: Scenario = { ...base, injects: [{ id: 'status', when: { state: 'identify' }, text: '{impact} of {service} affected at {elapsed}' }] };
    for (let seed = 1; seed <= 5; seed++) {
      const log = simulate(scenario, uniformProfile(1), { seed, replication: 0, calibration: cal }).log;
      const inject = log.find((e) => e.kind === 'inject')!;
      expect(inject, `seed ${seed}`).toMatchObject({ t: 0, text: `${Math.round(first.impact * 100)}% of ${base.service.name} affected at 0m` });
      expect(log.findIndex((e) => e.kind === 'inject'), `seed ${seed}`).toBeGreaterThan(log.findIndex((e) => e.kind === 'phase'));
    }
  });
});

describe('the shipped scenarios', () => {
  it('never show an inject that presumes detection before the incident is detected, at any level (seeds 1..20)', () => {
    for (const scenario of builtinScenarios()) {
      for (const level of [1, 2, 3, 4, 5] as const) {
        for (let seed = 1; seed <= 20; seed++) {
          const log = simulate(scenario, uniformProfile(level), { seed, replication: 0, calibration: cal }).log;
          const detected = firstMet({ tag: 'detected' }, log);
          for (const e of log) {
            if (e.kind !== 'inject') continue;
            const j = scenario.injects.find((x) => x.id === e.id)!;
            const presumesDetection = j.presumes && 'tag' in j.presumes && j.presumes.tag === 'detected';
            if (presumesDetection) expect(detected, `${scenario.id} level ${level} seed ${seed}: ${e.id}`).toBeLessThanOrEqual(e.t);
            expect(e.text, `${scenario.id}: ${e.id}`).not.toMatch(/\{[a-z]+\}/);
          }
        }
      }
    }
  });
});
