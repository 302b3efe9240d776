// The organization file: what a checked file becomes, and every way a file can be wrong,
// each reported with file, line and dot-path, all of them at once.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { uniformProfile } from '../../src/model/index.js';
import { ACTIVITIES, DEFAULT_COST_PER_HOUR, MINUTES_PER_WEEK, namedProfile, teamFor } from '../../src/org/index.js';
import { orgText, parseOrg, problemsOf, SMALL } from '../support/orgs.js';
import { scratchDirs } from '../support/tmp.js';

const scratch = scratchDirs();

describe('the shipped mid-size organization', () => {
  const org = parseOrg(orgText('midsize'), 'scenarios/orgs/midsize.yaml');

  it('names today and target, today first (the baseline)', () => {
    expect(org.id).toBe('midsize');
    expect(org.profiles.map((p) => p.name)).toEqual(['today', 'target']);
    expect(namedProfile(org, 'today')).toEqual({ change: 2, config: 2, observability: 2, serviceDesk: 3, secOps: 2 });
    expect(namedProfile(org, 'target')).toEqual(uniformProfile(3));
  });

  it('gives every service a sourced cost, a tolerance and a standby flag', () => {
    expect(org.services.map((s) => s.id)).toEqual(['erp', 'storefront', 'email', 'branchNetwork', 'fileShares', 'identity']);
    for (const s of org.services) {
      expect(s.costSource, s.id).toMatch(/^judgement: .{20,}|ITIC|Uptime/);
      expect(s.toleranceMinutes).toBeGreaterThan(0);
    }
    expect(org.services.find((s) => s.id === 'storefront')).toMatchObject({ costPerHour: 45000, toleranceMinutes: 60, standby: true });
  });

  it('routes every activity of every service to one team; the DBAs are pinned on the database story only', () => {
    for (const a of ACTIVITIES) for (const s of org.services) expect(org.teams.map((t) => t.id)).toContain(teamFor(org, a, s.id));
    expect(teamFor(org, 'resolve', 'branchNetwork')).toBe('network'); // the network team lists it: it beats operations' `all`
    expect(teamFor(org, 'resolve', 'erp')).toBe('operations');
    const db = org.workload.templates.find((t) => t.id === 'db-plugin-cpu-spike');
    expect(db).toMatchObject({ kind: 'incident', service: 'erp', perYear: 3, teams: { resolve: 'dba', intake: 'serviceDesk', authorize: 'cab' } });
  });

  it('has incidents, attacks and work at their yearly rates, and 25 changes a week spread over the services', () => {
    const kinds = org.workload.templates.map((t) => t.kind);
    expect(kinds.filter((k) => k === 'incident')).toHaveLength(5);
    expect(kinds.filter((k) => k === 'attack')).toHaveLength(4);
    expect(org.workload.templates.find((t) => t.id === 'routine-tickets')).toMatchObject({ kind: 'work', team: 'serviceDesk', perYear: 18000, meanWorkMinutes: 15 });
    const c = org.workload.changes;
    expect(c.perWeek).toBe(25);
    expect(c.mixFrom).toBe('calibration');
    expect(Object.values(c.mix).reduce((a, b) => a + b)).toBeCloseTo(1, 12);
    expect(c.targets.reduce((a, t) => a + t.share, 0)).toBeCloseTo(1, 12);
    expect(c.targets.find((t) => t.service === 'branchNetwork')).toMatchObject({ implement: 'network', authorize: 'cab' });
  });

  it('resolves the service desk staggered crews into the week: 6 at the lunchtime overlap, nobody at night', () => {
    const desk = org.teams.find((t) => t.id === 'serviceDesk')!;
    // Monday: 07:00-11:00 three, 11:00-15:00 six, 15:00-19:00 three.
    expect(desk.schedule.slice(0, 5)).toEqual([
      { start: 0, end: 420, staff: 0 },
      { start: 420, end: 660, staff: 3 },
      { start: 660, end: 900, staff: 6 },
      { start: 900, end: 1140, staff: 3 },
      { start: 1140, end: 1860, staff: 0 },
    ]);
    expect(desk.staffMinutesPerWeek).toBe(5 * 2 * 3 * 8 * 60 + 6 * 60);
    expect(org.teams.find((t) => t.id === 'soc')).toMatchObject({ schedule: [{ start: 0, end: MINUTES_PER_WEEK, staff: 1 }], gaps: [] });
  });

  it('takes its business hours from the file and the rest of the calendar from the calibration', () => {
    expect(org.calendar).toMatchObject({ dayStart: 8, dayEnd: 18, windowDay: 5, windowStart: 2, windowHours: 4, overridden: ['businessHours'] });
  });

  it('prices raising secOps to 2 with its own figure and every other step with the sourced defaults', () => {
    expect(org.improvementCosts.secOps[2]).toMatchObject({ oneOff: 60000, perYear: 180000, from: 'organization' });
    expect(org.improvementCosts.change[3]).toMatchObject({ from: 'default' });
    expect(org.improvementCosts.change[3].source).toMatch(/^judgement: /);
  });
});

describe('the shipped M/M/c organization', () => {
  const org = parseOrg(orgText('mmc'), 'scenarios/orgs/mmc.yaml');
  it('is one team of three always on duty and Poisson work of mean 30 minutes at 4 an hour, nothing else', () => {
    expect(org.teams).toHaveLength(1);
    expect(org.teams[0]!.schedule).toEqual([{ start: 0, end: MINUTES_PER_WEEK, staff: 3 }]);
    expect(org.services).toEqual([]);
    expect(org.workload.templates).toEqual([{ kind: 'work', id: 'jobs', team: 'servers', perYear: 4 * 24 * 365, meanWorkMinutes: 30, line: expect.any(Number) }]);
    expect(org.workload.changes.perWeek).toBe(0);
  });
});

describe('a broken organization file: every problem at once, with line and dot-path', () => {
  const bad = `name: Bad
profiles:
  today: change=2,confg=1
  Target: 3
  next: 7
servics: {}
services:
  erp:
    name: ERP
    costPerHour: -5
    toleranceMinutes: 0
  web: {name: Web, costPerHour: 100, toleranceMinutes: 60}
teams:
  desk:
    name: Desk
    shifts:
      - {days: Mon-Fry, from: "8:00", to: "18:00", staff: 3}
      - {days: Mon-Fri, from: "08:00", to: "18:00", staff: 2.5}
    roles: {intake: all, triage: all, resolv: all}
  ops:
    name: Ops
    shifts:
      - {days: Mon-Fri, from: "08:00", to: "18:00", staff: 3}
      - {days: Tue, from: "08:00", to: "18:00", staff: 1}
    roles: {resolve: [erp, wbe], implement: all}
workload:
  incidents:
    - {scenario: db-plugin-cpu-spik, service: erp, perYear: 3}
    - {scenario: suspicious-login-2am, service: erpp, perYear: 1, teams: {resolve: dsk}}
  work:
    - {id: w, team: desks, perYear: 10, meanWorkMinutes: 0}
  changes:
    perWeek: 10
    mix: {standart: 1}
    services: {erp: 1, webb: 2}
calendar:
  businessHours: {from: "18:00", to: "08:00"}
  changeWindow: {day: Sundy, from: "02:00", hours: 4}
`;
  const problems = problemsOf(bad, 'bad.yaml');

  it.each([
    ['bad.yaml:3 profiles.today: unknown domain "confg" (did you mean "config"?)'],
    ['bad.yaml:4 profiles.Target: "Target" cannot name a profile'],
    ['bad.yaml:5 profiles.next: a level is 1 to 5'],
    ['bad.yaml:6 servics: unknown section (did you mean "services"?)'],
    ['bad.yaml:10 services.erp.costPerHour: cannot be negative'],
    ['bad.yaml:11 services.erp.toleranceMinutes: must be more than 0'],
    ['bad.yaml:12 services.web.costPerHour: a cost needs its costSource'],
    ['bad.yaml:17 teams.desk.shifts.0.days: unknown day "Fry" (did you mean "Fri"?)'],
    ['bad.yaml:17 teams.desk.shifts.0.from: "8:00" is not a time of day'],
    ['bad.yaml:18 teams.desk.shifts.1.staff: staff is a whole number of people'],
    ['bad.yaml:19 teams.desk.roles.resolv: unknown field (did you mean "resolve"?)'],
    ['bad.yaml:24 teams.ops.shifts.1: same hours as shift 0'],
    ['bad.yaml:25 teams.ops.roles.resolve.1: unknown service "wbe" (did you mean "web"?)'],
    ['bad.yaml:28 workload.incidents.0.scenario: no shipped scenario "db-plugin-cpu-spik"'],
    ['bad.yaml:29 workload.incidents.1.service: unknown service "erpp" (did you mean "erp"?)'],
    ['bad.yaml:29 workload.incidents.1.teams.resolve: unknown team "dsk" (did you mean "desk"?)'],
    ['bad.yaml:29 workload.incidents.1.scenario: suspicious-login-2am is a security scenario: list it under workload.attacks'],
    ['bad.yaml:31 workload.work.0.meanWorkMinutes: must be more than 0'],
    ['bad.yaml:34 workload.changes.mix.standart: unknown kind of change (did you mean "standard"?)'],
    ['bad.yaml:34 workload.changes.mix: a mix needs its mixSource'],
    ['bad.yaml:35 workload.changes.services.webb: unknown service (did you mean "web"?)'],
    ['bad.yaml:37 calendar.businessHours.to: business hours end after they start'],
    ['bad.yaml:38 calendar.changeWindow.day: unknown day "Sundy" (did you mean "Sun"?)'],
  ])('reports %s', (line) => {
    expect(problems.some((p) => p.startsWith(line)), `${line}\nnot among:\n${problems.join('\n')}`).toBe(true);
  });

  it('lists them in file order and no others', () => {
    expect(problems).toHaveLength(23);
    const lines = problems.map((p) => Number(/^bad\.yaml:(\d+)/.exec(p)![1]));
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });
});

describe('the rules across sections', () => {
  const variant = (from: string, to: string) => {
    expect(SMALL).toContain(from);
    return SMALL.replace(from, to);
  };

  it('the small example parses, and a service without a cost takes the sourced ITIC default', () => {
    const org = parseOrg(SMALL);
    expect(org.services.find((s) => s.id === 'web')).toMatchObject({ costPerHour: DEFAULT_COST_PER_HOUR, costSource: expect.stringMatching(/^ITIC 2024 Hourly Cost of Downtime Survey/) });
  });

  it('an empty file, a list, or a file without its required sections says what an organization needs', () => {
    expect(problemsOf('')).toEqual(['org.yaml:1: the file is empty: an organization needs profiles, teams and a workload']);
    expect(problemsOf('- a\n')).toEqual(['org.yaml:1: an organization file is a mapping of sections: profiles, services, teams, workload, ...']);
    expect(problemsOf('name: x\n')).toEqual(['org.yaml:1 profiles: missing: a required section', 'org.yaml:1 teams: missing: a required section', 'org.yaml:1 workload: missing: a required section']);
  });

  it('a YAML syntax error is reported with its line and column', () => {
    expect(problemsOf('profiles:\n  today: [3\n')[0]).toMatch(/^org\.yaml:\d+:\d+: /);
  });

  it('at least one profile; a profile can be a mapping of domains with a default', () => {
    expect(problemsOf(variant('  today: change=2,config=1,observability=2,serviceDesk=2,secOps=1\n  target: 3\n', '  {}\n'))).toEqual([
      'org.yaml:2 profiles: name at least one profile, e.g. today: 2 (the first is the baseline)',
    ]);
    const org = parseOrg(variant('  target: 3\n', '  target: {default: 3, secOps: 4}\n'));
    expect(namedProfile(org, 'target')).toEqual({ change: 3, config: 3, observability: 3, serviceDesk: 3, secOps: 4 });
  });

  it('a team that lists a service beats one that does the activity for all; two alike for one service is ambiguous', () => {
    const pinned = parseOrg(variant('roles: {intake: all, triage: all, authorize: all}', 'roles: {intake: all, triage: all, authorize: all, resolve: [web]}'));
    expect(teamFor(pinned, 'resolve', 'web')).toBe('desk');
    expect(teamFor(pinned, 'resolve', 'erp')).toBe('ops');
    expect(problemsOf(variant('roles: {intake: all, triage: all, authorize: all}', 'roles: {intake: all, triage: all, authorize: all, resolve: all}'))).toEqual([
      'org.yaml:18 teams.ops.roles.resolve: teams desk and ops both do it for all under resolve: one team per activity and service (a template can pin another with teams:)',
    ]);
  });

  it('an activity nobody does for a service is named with the services that lack it', () => {
    expect(problemsOf(variant('roles: {intake: all, triage: all, authorize: all}', 'roles: {intake: all, triage: [erp]}'))).toEqual([
      'org.yaml:8 teams: no team does triage for web: give one team roles: {triage: all} or a list with it',
      'org.yaml:8 teams: no team does authorize for erp, web: give one team roles: {authorize: all} or a list with them',
    ]);
  });

  it('a team with work routed to it needs someone at some hour, on shift or on call', () => {
    expect(problemsOf(variant('staff: 2}', 'staff: 0}'))).toEqual([
      'org.yaml:9 teams.desk: nobody is on shift at any hour and there is no on-call: the work routed to this team would never be done',
    ]);
  });

  it('template ids are unique: the same story on two services needs its own id', () => {
    const twice = variant('  attacks:', '    - {scenario: db-plugin-cpu-spike, service: web, perYear: 1}\n  attacks:');
    expect(problemsOf(twice)).toEqual([
      'org.yaml:22 workload.incidents.1.id: template id "db-plugin-cpu-spike" is already used at workload.incidents.0: give this entry its own id (the same story on another service, say)',
    ]);
    const named = parseOrg(twice.replace('{scenario: db-plugin-cpu-spike, service: web', '{id: db-on-web, scenario: db-plugin-cpu-spike, service: web'));
    expect(named.workload.templates.map((t) => t.id)).toContain('db-on-web');
  });

  it("a story that follows a change from its request belongs to the change workload, not the incident list", () => {
    expect(problemsOf(variant('scenario: db-plugin-cpu-spike', 'scenario: new-app-environment'))).toEqual([
      'org.yaml:21 workload.incidents.0.scenario: new-app-environment follows a change from its request: the change workload (workload.changes) makes those, and their failures become incidents',
    ]);
    expect(problemsOf(variant('scenario: suspicious-login-2am', 'scenario: san-controller-latency'))[0]).toMatch(
      /^org\.yaml:23 workload\.attacks\.0\.scenario: san-controller-latency is an operational scenario: list it under workload\.incidents$/,
    );
  });

  it('a scenario file is found relative to the organization file, and its own problems are reported with its own lines', () => {
    const dir = scratch('imsim-rel-');
    writeFileSync(join(dir, 'mine.yaml'), orgText('../db-plugin-cpu-spike').replace('id: db-plugin-cpu-spike', 'id: my-story'));
    const ok = parseOrg(variant('scenario: db-plugin-cpu-spike', 'scenario: ./mine.yaml'), join(dir, 'org.yaml'));
    expect(ok.workload.templates[0]).toMatchObject({ id: 'my-story', scenarioRef: './mine.yaml' });
    writeFileSync(join(dir, 'broken.yaml'), 'id: broken\ntoldAt: 9\n');
    const problems = problemsOf(variant('scenario: db-plugin-cpu-spike', 'scenario: broken.yaml'), join(dir, 'org.yaml'));
    expect(problems[0]).toMatch(/org\.yaml:21 workload\.incidents\.0\.scenario: the scenario broken\.yaml has \d+ problems:$/);
    expect(problems[1]).toMatch(/broken\.yaml:\d+ \w+/);
    expect(problems.some((p) => /broken\.yaml:2 toldAt: a level is 1 to 5/.test(p))).toBe(true);
  });

  it('bounds come from meaning: rates, costs and headcounts stay finite and sane', () => {
    const many = variant('perYear: 2}', 'perYear: 20000000}')
      .replace('costPerHour: 1000', 'costPerHour: 2000000000')
      .replace('staff: 3}', 'staff: 5000}')
      .replace('perWeek: 5', 'perWeek: .inf')
      .replace('toleranceMinutes: 30', 'toleranceMinutes: 600000');
    expect(problemsOf(many)).toEqual([
      'org.yaml:5 services.erp.costPerHour: a cost per hour is at most 1,000,000,000',
      'org.yaml:6 services.web.toleranceMinutes: is at most a year (525,600 minutes)',
      'org.yaml:16 teams.ops.shifts.0.staff: is at most 1000 people on one shift',
      'org.yaml:21 workload.incidents.0.perYear: a yearly rate is at most 10,000,000',
      'org.yaml:27 workload.changes.perWeek: must be a finite number',
    ]);
  });

  it('a judgement is not a source without its reason', () => {
    expect(problemsOf(variant("costSource: 'judgement: test'", 'costSource: judgement'))).toEqual([
      'org.yaml:5 services.erp.costSource: a judgement needs its reason: "judgement: <why>"',
    ]);
  });

  it('ids read plainly in --set paths: lowercase first, no dots or spaces', () => {
    expect(problemsOf(variant('  web: {name: Web', '  Web site: {name: Web').replace('services: {erp: 1, web: 3}', 'services: {erp: 1}'))).toEqual([
      'org.yaml:6 services.Web site: "Web site" cannot be a service id: a lowercase letter, then letters, digits or hyphens',
      'org.yaml:23 workload.attacks.0.service: unknown service "web"; services are erp, Web site',
    ]);
  });
});

describe('one mistake, one message', () => {
  it('a misspelt role is reported once, not again as every activity and service left without a team', () => {
    expect(problemsOf(SMALL.replace('roles: {intake: all, triage: all, authorize: all}', 'roles: {intake: all, triage: all, authorise: all}'))).toEqual([
      'org.yaml:12 teams.desk.roles.authorise: unknown field (did you mean "authorize"?)',
    ]);
  });
});
