// Every problem in a file at once: a file that fails the schema step also reports what the
// rule step finds on the parts that parsed (scenarios, calibration overrides, organization
// files), each with file, line and dot-path, in one refusal (exit 2).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defaultCalibration } from '../../src/calibration/index.js';
import { parseScenario } from '../../src/scenario/index.js';
import { nearPatch, patchToSchema, STAND_IN_TEXT } from '../../src/util/repair.js';
import { UserError } from '../../src/util/index.js';
import { imsim } from '../support/cli.js';
import { orgText } from '../support/orgs.js';
import { SCENARIO_DIR } from '../support/scenarios.js';
import { scratchDirs } from '../support/tmp.js';

const dir = scratchDirs()('imsim-every-problem-');
const cal = defaultCalibration();

/** `file:line path: message` lines of a refusal, as `imsim validate` prints them. */
function problemsOfScenario(text: string): { line?: number; path?: string; message: string }[] {
  try {
    parseScenario(text, 's.yaml', cal);
  } catch (e) {
    if (e instanceof UserError) return e.problems.map((p) => ({ line: p.line, path: p.path, message: p.message }));
    throw e;
  }
  return [];
}

/** Replaces `from` by `to` in `text`, failing the test if `from` is not there (so a changed corpus cannot make it vacuous). */
function edit(text: string, ...pairs: [string, string][]): string {
  for (const [from, to] of pairs) {
    expect(text.includes(from), `the file holds ${JSON.stringify(from)}`).toBe(true);
    text = text.replace(from, to);
  }
  return text;
}

const login = readFileSync(`${SCENARIO_DIR}suspicious-login-2am.yaml`, 'utf8');

describe('a scenario with problems of both kinds', () => {
  const text = edit(
    login,
    ['toldAt: 1', 'toldAt: 1\ncolour: red'], // schema: unknown field
    ['onset: Tue 02:00', 'onset: Tuesday at two'], // rule: not a wall clock
    ['  impact: 0\n', '  impact: 7\n'], // schema: not a fraction
    ['    - id: exfiltration\n', '    - id: exfil-tration\n'], // schema: stage id not camelCase
    ['event: PAGE_ON_CALL}', 'event: NO_SUCH_EVENT}'], // rule: the state takes no such event
  );

  it('reports the schema problems and the rule problems together, in file order', () => {
    const problems = problemsOfScenario(text);
    const paths = problems.map((p) => p.path);
    expect(paths).toEqual(['colour', 'onset', 'service.impact', 'attack.stages.1.id', 'decisions.0.options.0.event']);
    const lines = problems.map((p) => p.line!);
    expect([...lines].sort((a, b) => a - b)).toEqual(lines);
    expect(problems.find((p) => p.path === 'onset')!.message).toMatch(/not a weekday and time/);
    expect(problems.find((p) => p.path === 'decisions.0.options.0.event')!.message).toMatch(/no transition on "NO_SUCH_EVENT"/);
  });

  it('says nothing about the stand-ins that let the rules run (no reference to a refused id, no stand-in text)', () => {
    const problems = problemsOfScenario(text);
    // The inject that names the stage whose id was refused is not reported a second time.
    expect(problems.some((p) => p.path?.startsWith('injects'))).toBe(false);
    expect(problems.map((p) => p.message).join('\n')).not.toContain(STAND_IN_TEXT);
  });

  it('validate, run and tabletop print all five with file and line, exit 2', () => {
    const file = join(dir, 'both.yaml');
    writeFileSync(file, text);
    for (const args of [['validate', file], ['run', file], ['tabletop', file, '--profile', '1', '--json']]) {
      const r = imsim(args);
      expect(r.code, `imsim ${args.join(' ')}\n${r.stderr}`).toBe(2);
      const out = r.stdout + r.stderr;
      for (const path of ['colour', 'onset', 'service.impact', 'attack.stages.1.id', 'decisions.0.options.0.event']) expect(out).toMatch(new RegExp(`both\\.yaml:\\d+ ${path.replace(/\./g, '\\.')}:`));
    }
  });

  it('a file whose root is wrong still gets the one problem it has', () => {
    expect(problemsOfScenario('- a\n- b\n')).toHaveLength(1);
  });

  it('a rule problem beside a missing required field still shows', () => {
    const problems = problemsOfScenario(edit(login, ['title: Suspicious login at 2 AM, lateral movement and exfiltration\n', ''], ['onset: Tue 02:00', 'onset: someday']));
    expect(problems.map((p) => p.path)).toEqual(['title', 'onset']);
  });
});

describe('a calibration override file with problems of both kinds', () => {
  it('reports the value that is not a number, the unknown key, the bad chance and the business day that ends before it starts', () => {
    const file = join(dir, 'cal.yaml');
    writeFileSync(file, 'serviceDesk.ackDelay.L1: {lognormal90: [30, "ten"]}\nno.such.key: 3\ncalendar.businessDayStart: 17\ncalendar.businessDayEnd: 9\nserviceDesk.reportLoss.L1: 1.5\n');
    const r = imsim(['run', 'db-plugin-cpu-spike', '--calibration', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cal\.yaml:1 serviceDesk\.ackDelay\.L1\.lognormal90\.1:/);
    expect(r.stderr).toMatch(/cal\.yaml:2 no\.such\.key: unknown parameter/);
    expect(r.stderr).toMatch(/cal\.yaml:3 calendar\.businessDayStart: the business day starts at 17 but ends at 9/);
    expect(r.stderr).toMatch(/cal\.yaml:5 serviceDesk\.reportLoss\.L1: p must be between 0 and 1/);
  });
});

describe('an organization file with problems of both kinds', () => {
  it('reports a level out of range, a text for a rate, an unknown field and a reference to an unknown service', () => {
    const text = edit(
      orgText('midsize'),
      ['  target: 3\n', '  target: 3\n  later: 9\n'], // schema: level
      ['      perYear: 3 # judgement: an untracked', '      perYear: many # judgement: an untracked'], // schema: a number
      ['      service: branchNetwork\n', '      service: branchNetwerk\n'], // rule: unknown service
      ['      perYear: 0.5 # judgement: an exfil', '      perYear: 0.5\n      colour: red # judgement: an exfil'], // schema: unknown field
    );
    const file = join(dir, 'org.yaml');
    writeFileSync(file, text);
    for (const args of [['validate', file], ['year', file, '--years', '1', '--progress', 'none']]) {
      const r = imsim(args);
      expect(r.code, r.stderr).toBe(2);
      const out = r.stdout + r.stderr;
      expect(out).toMatch(/org\.yaml:\d+ profiles\.later: a level is 1 to 5/);
      expect(out).toMatch(/org\.yaml:\d+ workload\.incidents\.0\.perYear:/);
      expect(out).toMatch(/org\.yaml:\d+ workload\.incidents\.1\.service: unknown service "branchNetwerk"/);
      expect(out).toMatch(/org\.yaml:\d+ workload\.attacks\.3\.colour: unknown field/);
    }
  });
});

describe('patchToSchema: the stand-ins that let rules run', () => {
  const schema = z.strictObject({
    id: z.string().regex(/^[a-z]+$/),
    n: z.number().min(5),
    items: z.array(z.strictObject({ k: z.enum(['a', 'b']), w: z.number().optional() })),
    note: z.string().optional(),
  });

  it('replaces each refused value and drops unknown keys, keeping the rest as written', () => {
    const patch = patchToSchema(schema, { id: 'A1', n: 'x', items: [{ k: 'a', w: 1 }, { k: 'z' }], note: 'kept', extra: 1 });
    expect(patch).toBeDefined();
    expect(patch!.value.items[0]).toEqual({ k: 'a', w: 1 });
    expect(patch!.value.note).toBe('kept');
    expect(patch!.value.n).toBeGreaterThanOrEqual(5);
    expect(patch!.patched.map((p) => p.join('.')).sort()).toEqual(['extra', 'id', 'items.1.k', 'n']);
  });

  it('a problem at, inside or around a patched place is near it; one beside it is not', () => {
    const patched = [['items', 1, 'k']];
    expect(nearPatch(['items', 1, 'k'], patched)).toBe(true);
    expect(nearPatch(['items', 1], patched)).toBe(true);
    expect(nearPatch([], patched)).toBe(true);
    expect(nearPatch(['items', 0, 'k'], patched)).toBe(false);
    expect(nearPatch(['note'], patched, `unknown "${STAND_IN_TEXT}"`)).toBe(true);
    expect(nearPatch(['note'], [], 'anything')).toBe(false);
  });
});
