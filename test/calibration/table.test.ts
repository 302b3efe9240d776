// The calibration table: every number sourced, every parameter the engine reads present
// (and none left unread), overrides checked like scenarios. Levels in order (medians,
// spreads, probabilities) are held in level-order.test.ts.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultCalibration } from '../../src/calibration/index.js';
import { calibrationMarkdown } from '../../src/report/calibration.js';
import { DOMAINS } from '../../src/model/index.js';
import { UserError } from '../../src/util/index.js';

const cal = defaultCalibration();
const SRC = new URL('../../src/', import.meta.url);

/** Parameter names (`area.name`) written in the engine's and the checks' source. */
function paramsReadIn(dirs: string[]): Set<string> {
  const out = new Set<string>();
  for (const dir of dirs) {
    // Recursive: the engine's layers are folders (src/sim/lifecycles/, src/sim/world/, ...).
    for (const f of readdirSync(new URL(`${dir}/`, SRC), { recursive: true }) as string[]) {
      if (!f.endsWith('.ts')) continue;
      const text = readFileSync(new URL(`${dir}/${f}`, SRC), 'utf8');
      for (const m of text.matchAll(/'([a-z][A-Za-z]*\.[a-z][A-Za-z0-9]*)'/g)) out.add(m[1]!);
      // The responding team's parameters (TEAM_PARAMS in src/sim/lifecycles/incident.ts) exist for either team.
      const team = /TEAM_PARAMS = \[([^\]]*)\]/.exec(text);
      for (const m of team?.[1]!.matchAll(/'([a-z][A-Za-z0-9]*)'/g) ?? []) ['serviceDesk', 'secOps'].forEach((d) => out.add(`${d}.${m[1]}`));
    }
  }
  // Scenarios read parameters too: `after: {param: attacker.breakoutTime}`.
  const scenarios = new URL('../../scenarios/', import.meta.url);
  for (const f of readdirSync(scenarios).filter((x) => x.endsWith('.yaml'))) {
    for (const m of readFileSync(new URL(f, scenarios), 'utf8').matchAll(/param: ([a-z][A-Za-z]*\.[a-z][A-Za-z0-9]*)/g)) out.add(m[1]!);
  }
  const areas = new Set(cal.entries.map((e) => e.param.split('.')[0]!));
  return new Set([...out].filter((p) => areas.has(p.split('.')[0]!)));
}

describe('the default calibration table', () => {
  it('parses, and every entry has a unit, a distribution and a source', () => {
    expect(cal.entries.length).toBeGreaterThan(200);
    for (const e of cal.entries) {
      expect(e.source.text.length, e.key).toBeGreaterThan(5);
      expect(['seed', 'benchmark', 'judgement']).toContain(e.source.kind);
    }
  });

  it('keys are area.parameter, with .L1..L5 for the maturity domains', () => {
    for (const e of cal.entries) {
      const domain = (DOMAINS as readonly string[]).includes(e.param.split('.')[0]!);
      expect(e.key, e.key).toMatch(domain ? /^[a-z][A-Za-z]*\.[a-z][A-Za-z0-9]*\.L[1-5]$/ : /^[a-z][A-Za-z]*\.[a-z][A-Za-z0-9]*$/);
    }
  });

  it('every parameter the engine reads is in the table, and every parameter in the table is read (by the engine, the checks or a scenario)', () => {
    const read = paramsReadIn(['sim', 'checks', 'stats']);
    const table = new Set(cal.entries.map((e) => e.param));
    expect([...read].filter((p) => !table.has(p)).sort()).toEqual([]);
    expect([...table].filter((p) => !read.has(p)).sort()).toEqual([]);
  });

  it('benchmarks name a publication, a year and a table', () => {
    for (const e of cal.entries.filter((x) => x.source.kind === 'benchmark')) expect(e.source.text, e.key).toMatch(/ (19|20)\d\d, .+/);
  });

  it('docs/calibration.md is the current table (regenerate with `npm run docs`)', () => {
    const doc = readFileSync(new URL('../../docs/calibration.md', import.meta.url), 'utf8');
    expect(doc).toBe(calibrationMarkdown(cal));
  });
});

describe('calibration overrides', () => {
  it('replace entries by key, mark them, and change the hash', () => {
    const o = applyOverrides(cal, 'serviceDesk.intakeDelay.L1: 480\nchange.defectRate.L2: 0.3\nattacker.breakoutTime: {pert: [5, 20, 90]}\n', 'o.yaml');
    expect(o.byKey.get('serviceDesk.intakeDelay.L1')!.dist).toEqual({ kind: 'fixed', value: 480 });
    expect(o.byKey.get('change.defectRate.L2')!.dist).toEqual({ kind: 'probability', p: 0.3 });
    expect(o.byKey.get('attacker.breakoutTime')!.dist).toEqual({ kind: 'pert', min: 5, mode: 20, max: 90 });
    expect(o.overridden).toEqual(['attacker.breakoutTime', 'change.defectRate.L2', 'serviceDesk.intakeDelay.L1']);
    expect(o.hash).not.toBe(cal.hash);
    expect(o.byKey.get('serviceDesk.intakeDelay.L2')).toBe(cal.byKey.get('serviceDesk.intakeDelay.L2'));
  });

  it('an empty override file changes nothing', () => {
    expect(applyOverrides(cal, '', 'empty.yaml').hash).toBe(cal.hash);
  });

  it('reports every problem at once with line, key and a suggestion', () => {
    let error: UserError | undefined;
    try {
      applyOverrides(cal, 'serviceDesk.intakeDelay.L1: 480\nserviceDesk.intakDelay.L1: 30\nchange.defectRate.L2: 1.5\nusers.reportDelay: {pert: [9, 5, 1]}\n', 'o.yaml');
    } catch (e) {
      error = e as UserError;
    }
    expect(error).toBeInstanceOf(UserError);
    expect(error!.message).toMatch(/o\.yaml:2 serviceDesk\.intakDelay\.L1: unknown parameter \(did you mean "serviceDesk\.intakeDelay\.L1"\?\)/);
    expect(error!.message).toMatch(/o\.yaml:3 change\.defectRate\.L2: p must be between 0 and 1, got 1\.5/);
    expect(error!.message).toMatch(/o\.yaml:4 users\.reportDelay: pert needs min <= mode <= max/);
  });

  it.each([
    ['model.foundationLead: -1', /model\.foundationLead: levels are a whole number from 0, got -1/],
    ['model.foundationLead: 1.5', /model\.foundationLead: levels are a whole number from 0, got 1\.5/],
    ['model.foundationLead: {pert: [1, 2, 3]}', /model\.foundationLead: levels are a whole number/],
    ['calendar.businessDayStart: 25', /calendar\.businessDayStart: an hour is from 0 to 24, got 25/],
    ['calendar.changeWindowHours: {lognormal90: [1, 30]}', /calendar\.changeWindowHours: an hour is from 0 to 24/],
    ['calendar.changeWindowDay: 9', /calendar\.changeWindowDay: a weekday is a whole number from 0 \(Monday\) to 6 \(Sunday\), got 9/],
    ['policy.pageImpactThreshold: 7', /policy\.pageImpactThreshold: a fraction is from 0 to 1, got 7/],
    ['policy.majorImpactThreshold: {pert: [0.1, 0.5, 1.2]}', /policy\.majorImpactThreshold: a fraction is from 0 to 1, got 1\.2/],
    ['cost.perMinute: -100', /cost\.perMinute: an amount of money cannot be negative, got -100/],
    ['cost.breachLoss: {pert: [-5, 0, 10]}', /cost\.breachLoss: an amount of money cannot be negative, got -5/],
    ['policy.majorDiagnosisFactor: -0.5', /policy\.majorDiagnosisFactor: a factor cannot be negative, got -0\.5/],
  ])('rejects a value outside what its unit allows: %s', (text, message) => {
    expect(() => applyOverrides(cal, `${text}\n`, 'o.yaml')).toThrow(message);
  });

  it('rejects a business day that ends before it starts, which no day could ever satisfy', () => {
    expect(() => applyOverrides(cal, 'calendar.businessDayStart: 17\ncalendar.businessDayEnd: 9\n', 'o.yaml')).toThrow(
      /o\.yaml:1 calendar\.businessDayStart: the business day starts at 17 but ends at 9/,
    );
    expect(applyOverrides(cal, 'calendar.businessDayStart: 7\ncalendar.businessDayEnd: 19\n', 'o.yaml').overridden).toHaveLength(2);
  });

  it('names the key of a value that is neither a number nor a distribution', () => {
    expect(() => applyOverrides(cal, 'users.reportDelay: 30\nserviceDesk.intakeDelay.L1: "480"\n', 'o.yaml')).toThrow(
      /^o\.yaml:2 serviceDesk\.intakeDelay\.L1: expected a number or a distribution such as \{p: 0\.2\}, .*, got the text "480"$/,
    );
    expect(() => applyOverrides(cal, 'users.reportDelay: {pert: [1, 2]}\n', 'o.yaml')).toThrow(/^o\.yaml:1 users\.reportDelay\.pert: /);
  });

  it('a mix keeps the options the simulator knows, reweighted', () => {
    expect(applyOverrides(cal, 'workload.mix: {choice: {standard: 1, normal: 1, emergency: 2}}\n', 'o.yaml').overridden).toEqual(['workload.mix']);
    expect(() => applyOverrides(cal, 'workload.mix: {choice: {standrd: 1, normal: 2}}\n', 'o.yaml')).toThrow(
      /^o\.yaml:1 workload\.mix: unknown option "standrd" \(did you mean "standard"\?\); the options are standard, normal, emergency$/,
    );
  });

  it('rejects a distribution of the wrong kind for the unit', () => {
    expect(() => applyOverrides(cal, 'change.defectRate.L1: {lognormal90: [1, 2]}\n', 'o.yaml')).toThrow(/o\.yaml:1 change\.defectRate\.L1/);
    expect(() => applyOverrides(cal, 'users.reportDelay: {p: 0.5}\n', 'o.yaml')).toThrow(/p is a probability, but the unit is minutes/);
  });
});
