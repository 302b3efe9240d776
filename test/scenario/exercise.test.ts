// The exercise plan in scenario files (optional, validated like the rest) and the
// authoring help: warnings for what no path reaches, and the skeleton `imsim new
// scenario` writes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultCalibration } from '../../src/calibration/index.js';
import { checkScenario, parseScenario } from '../../src/scenario/index.js';
import { EXPLORE_RUNS } from '../../src/scenario/reach.js';
import { scenarioSkeleton } from '../../src/scenario/skeleton.js';
import { builtinScenarios, SCENARIO_DIR } from '../support/scenarios.js';

const cal = defaultCalibration();
const scenarios = builtinScenarios();
const text = (id: string) => readFileSync(`${SCENARIO_DIR}${id}.yaml`, 'utf8');

describe('the shipped scenarios as exercises', () => {
  it.each(scenarios.map((s) => [s.id, s] as const))('%s has a full exercise plan: objectives shown by expectations, teams, modules with questions, lessons', (_id, s) => {
    const plan = s.exercise!;
    expect(plan.objectives.length).toBeGreaterThan(0);
    expect(plan.teams.length).toBeGreaterThan(1);
    expect(plan.modules.length).toBeGreaterThan(1);
    expect(plan.modules.every((m) => m.questions.length > 0)).toBe(true);
    expect(plan.lessons.length).toBeGreaterThan(0);
    const expectations = s.injects.flatMap((j) => j.expect ?? []);
    expect(expectations.length).toBeGreaterThanOrEqual(plan.objectives.length);
    for (const o of plan.objectives) for (const x of o.expectations) expect(expectations.map((e) => e.id)).toContain(x);
    for (const j of s.injects) expect(j.to?.length, `${s.id}: ${j.id} is addressed to nobody`).toBeGreaterThan(0);
    // The roles the exercise calls on are the ones people recognize.
    for (const t of plan.teams) expect(['service-desk', 'operations', 'soc', 'leadership', 'communications']).toContain(t.role);
  });

  it.each(scenarios.map((s) => [s.id, s] as const))('%s: no prompt or inject hard-codes a clock time; they take it from the simulation', (_id, s) => {
    const texts = [...s.decisions.map((d) => d.prompt), ...s.injects.map((j) => j.text)];
    for (const t of texts) expect(t, `${s.id}: "${t}"`).not.toMatch(/\b\d{1,2}\s?(AM|PM)\b|\b\d{1,2}:\d{2}\b|\bat night\b|in the night/i);
  });

  it.each(scenarios.map((s) => [s.id] as const))('%s: `validate` has nothing to warn about', (id) => {
    expect(checkScenario(text(id), `${id}.yaml`, cal).warnings).toEqual([]);
  });
});

describe('a scenario without an exercise plan', () => {
  it('still reads as before: timed injects with a signal, no teams, no plan', () => {
    const src = text('branch-network-degradation').replace(/\n# Injects and[\s\S]*?\ndecisions:/, '\ninjects:\n  - at: 30\n    text: tickets pile up\n    signal: users\ndecisions:').replace(/\n    team: [a-z-]+/g, '').replace(/\nexercise:[\s\S]*$/, '\n');
    const s = parseScenario(src, 'old.yaml', cal);
    expect(s.exercise).toBeUndefined();
    expect(s.injects).toEqual([{ id: 'inject-1', at: 30, after: 0, to: [], text: 'tickets pile up', signal: 'users', expect: [] }]);
  });
});

/** The suspicious-login scenario with one part changed, checked for warnings. */
const warningsOf = (edit: (yaml: string) => string) => checkScenario(edit(text('suspicious-login-2am')), 'edited.yaml', cal).warnings;
const lineOf = (yaml: string, needle: string) => yaml.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('validate warns about what no path reaches', () => {
  it('a decision on a state the workflow never reaches for this incident: named with file and line, the file still valid', () => {
    // An attack raised as a security alert never gets an auto-remediation state (that is a
    // self-healing fault at level 5): no profile reaches identify.autoRemediating.
    const edit = (y: string) => y.replace('  - id: contain\n    at: respond.containing', '  - id: contain\n    at: identify.autoRemediating').replace(/event: CONTAINED/g, 'event: AUTO_REMEDIATED');
    const w = warningsOf(edit);
    const line = lineOf(edit(text('suspicious-login-2am')), 'at: identify.autoRemediating');
    expect(w).toContainEqual({
      file: 'edited.yaml',
      line,
      path: 'decisions.1.at',
      message: expect.stringMatching(/decision "contain" is never asked: no sequence of events the incident workflow accepts leads to identify.autoRemediating at any of the 3,125 profiles/),
    });
  });

  it('a decision on a parent state: never asked, with the states inside it named', () => {
    const w = warningsOf((y) => y.replace('at: categorize.afterHours', 'at: categorize.queued').replace('event: PAGE_ON_CALL}', 'event: AFTER_HOURS}').replace('event: WAIT_FOR_BUSINESS_HOURS}', 'event: ACKNOWLEDGED}'));
    expect(w).toEqual([]); // categorize.queued is a leaf the simulator decides in: no warning
    expect(() => checkScenario(text('suspicious-login-2am').replace('at: categorize.afterHours', 'at: categorize'), 'edited.yaml', cal)).toThrow(/categorize is a parent state: a decision sits on one of its states/);
  });

  it('an option whose event the state never takes for this incident: never open', () => {
    const w = warningsOf((y) => y.replace('{id: page, label: Page the on-call analyst, event: PAGE_ON_CALL}', '{id: page, label: Phone someone at home, event: CALLED_OUT}'));
    expect(w).toEqual([expect.objectContaining({ path: 'decisions.0.options.0.event', message: expect.stringMatching(/option "page" is never open: categorize.afterHours never takes CALLED_OUT at any of the 3,125 profiles/) })]);
  });

  it('a decision the workflow reaches but the simulation never decides in: from the seeded exploration', () => {
    const w = warningsOf((y) => y.replace('at: categorize.afterHours', 'at: identify.undetected').replace('event: PAGE_ON_CALL}', 'event: SECURITY_ALERT}').replace('event: WAIT_FOR_BUSINESS_HOURS}', 'event: USER_REPORT}'));
    expect(w).toEqual([expect.objectContaining({ path: 'decisions.0.at', message: `decision "night-alert" was never asked in ${EXPLORE_RUNS * 5} seeded runs (levels 1 to 5, choices drawn at random): the workflow can reach identify.undetected, but the simulation never decides there` })]);
  });

  it('an inject waiting for a state no path reaches: never fires', () => {
    const w = warningsOf((y) => y.replace('when: {stage: exfiltration}', 'when: {state: identify.autoRemediating}'));
    expect(w).toEqual([expect.objectContaining({ path: 'injects.1.when', message: expect.stringMatching(/inject "outbound-traffic" never fires: it waits for the incident to reach identify.autoRemediating, and identify.autoRemediating is not reachable/) })]);
  });
});

describe('imsim new scenario', () => {
  it.each(['security', 'operational'] as const)('the %s skeleton validates with no warning, and plays as a tabletop', (kind) => {
    const { scenario, warnings } = checkScenario(scenarioSkeleton('my-drill', kind), 'my-drill.yaml', cal);
    expect(warnings).toEqual([]);
    expect(scenario.id).toBe('my-drill');
    expect(scenario.exercise?.objectives.length).toBeGreaterThan(0);
    expect(scenario.injects.flatMap((j) => j.expect ?? []).length).toBeGreaterThan(1);
  });
});
