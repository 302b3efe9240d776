// `--set path=value`: applied to the YAML before the check, so an override is checked
// like the file and its problems name the flag; unknown paths get "did you mean".
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { setOrgField } from '../../src/org/index.js';
import { orgText, parseOrg, problemsOf, SMALL } from '../support/orgs.js';

const MIDSIZE = orgText('midsize');
const midsize = parseOrg(MIDSIZE, 'midsize.yaml');

/** Every scalar leaf of a YAML text, as a dot-path and its value written back as YAML. */
function leaves(text: string): { path: string; value: string }[] {
  const out: { path: string; value: string }[] = [];
  const walk = (v: unknown, path: string[]) => {
    if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) walk(x, [...path, k]);
    } else out.push({ path: path.join('.'), value: typeof v === 'string' ? JSON.stringify(v) : String(v) });
  };
  walk(parseDocument(text).toJS(), []);
  return out;
}

describe('--set on the mid-size organization', () => {
  it('a staffing change reaches the schedule: six on the early desk shift makes nine at the lunchtime overlap', () => {
    const org = parseOrg(MIDSIZE, 'midsize.yaml', ['teams.serviceDesk.shifts.0.staff=6']);
    const desk = org.teams.find((t) => t.id === 'serviceDesk')!;
    expect(desk.shifts[0]!.staff).toBe(6);
    expect(desk.schedule.find((b) => b.start === 660)!.staff).toBe(9);
  });

  it('several sets apply in order; a later one wins', () => {
    const org = parseOrg(MIDSIZE, 'midsize.yaml', ['workload.changes.perWeek=40', 'workload.changes.perWeek=50', 'services.erp.toleranceMinutes=30']);
    expect(org.workload.changes.perWeek).toBe(50);
    expect(org.services.find((s) => s.id === 'erp')!.toleranceMinutes).toBe(30);
  });

  it('a field the file leaves out is added where the schema has it', () => {
    const org = parseOrg(MIDSIZE, 'midsize.yaml', ['teams.soc.onCall.staff=2', 'calendar.changeWindow={day: Sun, from: "01:00", hours: 3}']);
    expect(org.teams.find((t) => t.id === 'soc')!.onCall).toEqual({ staff: 2 });
    expect(org.calendar).toMatchObject({ windowDay: 6, windowStart: 1, windowHours: 3 });
  });

  it('a value is checked like the file, and the problem names the --set that put it there', () => {
    expect(problemsOf(MIDSIZE, 'midsize.yaml', ['teams.serviceDesk.shifts.0.staff=-1', 'workload.incidents.0.service=erpp'])).toEqual([
      '--set teams.serviceDesk.shifts.0.staff=-1 midsize.yaml:68 teams.serviceDesk.shifts.0.staff: cannot be negative',
      '--set workload.incidents.0.service=erpp midsize.yaml:114 workload.incidents.0.service: unknown service "erpp" (did you mean "erp"?); services are erp, storefront, email, branchNetwork, fileShares, identity',
    ]);
  });

  it.each([
    ['teams.serviceDsk.shifts.0.staff=6', 'teams.serviceDsk: no team "serviceDsk" in teams (did you mean "serviceDesk"?)'],
    ['teams.serviceDesk.shift.0.staff=6', 'teams.serviceDesk.shift: no field "shift" in teams.serviceDesk (did you mean "shifts"?)'],
    ['teams.serviceDesk.shifts.3.staff=6', 'teams.serviceDesk.shifts.3: teams.serviceDesk.shifts has 3 entries (index 0 to 2)'],
    ['teams.serviceDesk.shifts.first.staff=6', 'teams.serviceDesk.shifts.first: teams.serviceDesk.shifts is a list; index it with a number (0 to 2)'],
    ['profiles.todya=3', 'profiles.todya: no profile "todya" in profiles (did you mean "today"?)'],
    ['services.erp.name.first=x', 'services.erp.name.first: services.erp.name is a single value, not a mapping or a list'],
    ['workload.changes.perWeek={a: [1', 'the value is not YAML'],
  ])('--set %s is refused: %s', (arg, message) => {
    const problems = problemsOf(MIDSIZE, 'midsize.yaml', [arg]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`--set ${arg} midsize.yaml: `);
    expect(problems[0]).toContain(message);
  });

  it.each([['no-equals'], ['=6'], ['teams..staff=6']])('%j is not path=value', (arg) => {
    expect(problemsOf(MIDSIZE, 'midsize.yaml', [arg])[0]).toMatch(/^--set: /);
  });
});

describe('--set round trips (properties)', () => {
  const all = leaves(MIDSIZE);

  test.prop([fc.constantFrom(...all)], { numRuns: 60 })('setting a field to the value it has changes nothing', ({ path, value }) => {
    expect(parseOrg(MIDSIZE, 'midsize.yaml', [`${path}=${value}`])).toEqual(midsize);
  });

  // Zero is left out only where it would leave a team with nobody on shift at any hour,
  // which the parser refuses, on-call or not (test/org/parse.test.ts and
  // test/org/on-call-only.test.ts cover those messages).
  const nobodyLeft = (team: string, i: number, staff: number) => {
    const t = midsize.teams.find((x) => x.id === team)!;
    return staff === 0 && t.shifts.every((s, k) => k === i || s.staff === 0);
  };
  const arbShiftStaff = fc
    .tuple(fc.constantFrom(...midsize.teams.flatMap((t) => t.shifts.map((_, i) => [t.id, i] as const))), fc.integer({ min: 0, max: 1000 }))
    .filter(([[team, i], staff]) => !nobodyLeft(team, i, staff));
  test.prop([arbShiftStaff], { numRuns: 60 })(
    'a headcount set on any shift is the headcount the schedule adds up',
    ([[team, i], staff]) => {
      const org = parseOrg(MIDSIZE, 'midsize.yaml', [`teams.${team}.shifts.${i}.staff=${staff}`]);
      const before = midsize.teams.find((t) => t.id === team)!;
      const after = org.teams.find((t) => t.id === team)!;
      const shift = before.shifts[i]!;
      const len = shift.to > shift.from ? shift.to - shift.from : shift.to + 1440 - shift.from;
      expect(after.shifts[i]!.staff).toBe(staff);
      expect(after.staffMinutesPerWeek - before.staffMinutesPerWeek).toBe((staff - shift.staff) * len * shift.days.length);
    },
  );

  test.prop([fc.constantFrom(...midsize.workload.templates.map((_, i) => i)), fc.double({ min: 0, max: 1e6, noNaN: true })], { numRuns: 40 })(
    'setOrgField writes a value the parser reads back, and keeps every comment of the file',
    (i, rate) => {
      const t = midsize.workload.templates[i]!;
      const list = t.kind === 'incident' ? 'incidents' : t.kind === 'attack' ? 'attacks' : 'work';
      const index = midsize.workload.templates.filter((x) => x.kind === t.kind).indexOf(t);
      const text = setOrgField(MIDSIZE, 'midsize.yaml', `workload.${list}.${index}.perYear`, String(rate));
      expect(parseOrg(text, 'midsize.yaml').workload.templates[i]!.perYear).toBe(rate);
      const comments = (s: string) => s.split('\n').filter((l) => /^\s*#/.test(l)).map((l) => l.trim());
      expect(comments(text)).toEqual(comments(MIDSIZE));
    },
  );
});

it('the small test organization takes --set like the shipped one', () => {
  expect(parseOrg(SMALL, 'org.yaml', ['workload.work.0.meanWorkMinutes=20']).workload.templates.find((t) => t.kind === 'work')).toMatchObject({ meanWorkMinutes: 20 });
});
