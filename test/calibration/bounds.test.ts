// The bounds of calibration values (src/calibration/bounds.ts): every value a user can
// write is one the engine runs to its end with finite figures, and every value past a
// bound is refused with the bound and its reason. Retried chances are marked in the
// table; the last tests run the engine at the bounds to show the marking is complete.
import { describe, expect, it } from 'vitest';
import { applyOverrides, BOUNDS, defaultCalibration, type Calibration, type Dist } from '../../src/calibration/index.js';
import { uniformProfile, LEVELS } from '../../src/model/index.js';
import { simulate } from '../../src/sim/engine.js';
import { metricsOf } from '../../src/sim/metrics.js';
import type { Scenario } from '../../src/sim/scenario.js';
import { UserError } from '../../src/util/index.js';
import { builtinScenarios } from '../support/scenarios.js';

const cal = defaultCalibration();
const override = (text: string) => applyOverrides(cal, `${text}\n`, 'o.yaml');

/** Every problem an override file has, as "line path: message". */
function problems(text: string): string[] {
  try {
    override(text);
  } catch (e) {
    if (e instanceof UserError) return e.problems.map((p) => `${p.line} ${p.path}: ${p.message}`);
    throw e;
  }
  return [];
}

describe('calibration bounds', () => {
  it.each([
    ['serviceDesk.ackDelay.L1: {lognormal90: [30, 1e300]}', /lognormal90 \[30, 1e\+300\] is too wide: p95 may be at most 1,000 times p5/],
    ['serviceDesk.ackDelay.L1: {lognormal90: [1, 1001]}', /is too wide: p95 may be at most 1,000 times p5/],
    ['serviceDesk.fixTime.L1: 525601', /a duration \(a fixed time\) is at most 525,600 minutes, got 525,601 minutes: a step of one incident/],
    ['serviceDesk.fixTime.L1: {pert: [1, 2, 1e7]}', /a duration \(a PERT's max\) is at most 525,600 minutes/],
    ['external.lateDiscoveryDelay: {lognormal90: [1000, 600000]}', /a duration \(a lognormal's p95\) is at most 525,600 minutes/],
    ['cost.perMinute: 1e308', /cost\.perMinute: a cost per minute is at most \$1,000,000,000, got \$1e\+308/],
    ['cost.breachLoss: 2e12', /an amount of money is at most \$1,000,000,000,000/],
    ['policy.majorDiagnosisFactor: 101', /a factor is at most 100, got 101/],
    ['model.foundationLead: 5', /a lead in levels is at most 4, got 5: levels run from 1 to 5/],
    ['workload.mix: {choice: {standard: 1e300, normal: 1e300, emergency: 1}}', /a choice weight is at most 1,000,000,000/],
    ['serviceDesk.reportLoss.L1: 1', /at most 0\.5 for a step that is retried \(a lost report is made again, and may be lost again\), got 1: /],
    ['serviceDesk.reportLoss.L1: 0.999', /at most 0\.5 for a step that is retried .* got 0\.999/],
    ['serviceDesk.reportLoss.L1: {p: 0.51}', /at most 0\.5 for a step that is retried/],
    ['calendar.businessDayEnd: 9.5', /the business day lasts 0\.5 hours; it must last at least 1/],
    [
      'serviceDesk.lowPriorityBacklog.L1: {lognormal90: [9600, 96000]}',
      /at level 1, serviceDesk\.ackDelay\.L1 plus serviceDesk\.lowPriorityBacklog\.L1 reach [\d,]+ business days of 8 hours at their one-in-a-billion draw; at most 1,000/,
    ],
    // The default backlog fits an 8-hour day, not a 1-hour one.
    ['calendar.businessDayEnd: 10', /calendar\.businessDayEnd: at level 1, serviceDesk\.ackDelay\.L1 plus serviceDesk\.lowPriorityBacklog\.L1 reach [\d,]+ business days of 1 hours/],
  ])('refuses %s with the bound and its reason', (text, message) => {
    const found = problems(text);
    expect(found.length, text).toBeGreaterThan(0);
    expect(found.join('\n')).toMatch(message);
  });

  it.each([
    'serviceDesk.fixTime.L1: {lognormal90: [1, 1000]}',
    'serviceDesk.fixTime.L1: 525600',
    'external.lateDiscoveryDelay: {lognormal90: [1000, 525600]}',
    'cost.perMinute: 1e9',
    'cost.breachLoss: 1e12',
    'policy.majorDiagnosisFactor: 100',
    'model.foundationLead: 4',
    'serviceDesk.reportLoss.L1: 0.5',
    // A one-hour business day, with a backlog short enough to be worked through in it.
    'calendar.businessDayEnd: 10\nserviceDesk.lowPriorityBacklog.L1: 60',
  ])('accepts %s, at the bound', (text) => {
    expect(problems(text)).toEqual([]);
  });

  it('a file with three problems of three kinds (a wrong type, an unknown key, a value out of bounds) reports all three with their lines', () => {
    expect(problems('change.defectRate.L1: "high"\nfoo.bar: 1\nserviceDesk.reportLoss.L1: 1\n')).toEqual([
      '1 change.defectRate.L1: expected a number or a distribution such as {p: 0.2}, {pert: [min, mode, max]} or {lognormal90: [p5, p95]}, got the text "high"',
      '2 foo.bar: unknown parameter; `imsim calibration` lists them',
      expect.stringMatching(/^3 serviceDesk\.reportLoss\.L1: at most 0\.5 for a step that is retried/),
    ]);
  });

  it('NaN, infinities and numbers past a double are refused as not finite', () => {
    for (const v of ['.nan', '.inf', '-.inf', '1e400']) expect(problems(`serviceDesk.fixTime.L1: ${v}`).join('\n'), v).toMatch(/must be a finite number/);
  });

  it('a file that is not a mapping is one clear problem', () => {
    expect(problems('- 1\n- 2\n')).toEqual([expect.stringMatching(/^1 undefined: an override file is a mapping of calibration keys to values/)]);
  });

  it('the defaults keep every bound (they load), and every retried chance is marked', () => {
    expect(cal.entries.filter((e) => e.retry).map((e) => e.param).filter((p, i, a) => a.indexOf(p) === i).sort()).toEqual([
      'change.cabRejectChance',
      'change.rollbackFailChance',
      'observability.backupRestoreFailChance',
      'observability.failoverFailChance',
      'secOps.reinfectionChance',
      'serviceDesk.fixFailChance',
      'serviceDesk.misrouteChance',
      'serviceDesk.reopenChance',
      'serviceDesk.reportLoss',
    ]);
  });
});

/** The table with some entries' distributions replaced, unchecked: the test sets values at (or past) the bounds itself. */
function withValues(replace: (e: Calibration['entries'][number]) => Dist | undefined): Calibration {
  const entries = cal.entries.map((e) => {
    const d = replace(e);
    return d ? { ...e, dist: d } : e;
  });
  return { ...cal, entries, byKey: new Map(entries.map((e) => [e.key, e])), hash: 'bounds-test' };
}

/** Runs `runs` replications of every shipped scenario at every level, also with its fix through the change process. */
function runEverywhere(c: Calibration, runs: number, seed: number): { steps: number; finite: boolean } {
  let steps = 0;
  let finite = true;
  const scenarios = builtinScenarios().flatMap((s): Scenario[] => [s, { ...s, remediation: { via: 'change', emergency: false } }]);
  for (const s of scenarios) {
    for (const l of LEVELS) {
      for (let r = 0; r < runs; r++) {
        const res = simulate(s, uniformProfile(l), { seed, replication: r, calibration: c });
        steps = Math.max(steps, res.log.filter((e) => e.kind === 'step').length);
        const m = metricsOf(res, s, 5600);
        for (const v of Object.values(m)) if (typeof v === 'number' && !Number.isFinite(v)) finite = false;
      }
    }
  }
  return { steps, finite };
}

describe('the engine at the bounds (seed 11)', () => {
  it('every retried chance at 0.5 at once: every run of every scenario, level and fix route ends, far inside the step guard', () => {
    const c = withValues((e) => (e.retry ? { kind: 'probability', p: BOUNDS.retry.value } : undefined));
    const r = runEverywhere(c, 60, 11);
    expect(r.finite).toBe(true);
    expect(r.steps).toBeLessThan(2000);
  });

  it('every chance NOT marked as retried at 1, then at 0: no loop hides behind an unmarked chance', () => {
    for (const p of [1, 0]) {
      const c = withValues((e) => (e.unit === 'probability' && !e.retry ? { kind: 'probability', p } : undefined));
      const r = runEverywhere(c, 15, 11);
      expect(r.finite, `p=${p}`).toBe(true);
      expect(r.steps, `p=${p}`).toBeLessThan(2000);
    }
  });
});
