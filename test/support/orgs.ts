// Organizations for tests: the shipped files and a scenario loader that reads the
// source tree (not dist/), as the CLI's loader does for an installed package.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defaultCalibration } from '../../src/calibration/index.js';
import { parseOrganization, type Organization, type ScenarioLoader } from '../../src/org/index.js';
import { parseScenario } from '../../src/scenario/index.js';
import { UserError } from '../../src/util/index.js';
import { SCENARIO_DIR } from './scenarios.js';

export const ORGS_DIR = fileURLToPath(new URL('../../scenarios/orgs/', import.meta.url));

export const orgText = (id: string) => readFileSync(`${ORGS_DIR}${id}.yaml`, 'utf8');

export const testLoader: ScenarioLoader = (ref) => {
  const cal = defaultCalibration();
  if ('path' in ref) return parseScenario(readFileSync(ref.path, 'utf8'), ref.path, cal);
  const ids = readdirSync(SCENARIO_DIR).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -'.yaml'.length));
  if (!ids.includes(ref.id)) throw new UserError(`no shipped scenario "${ref.id}"`);
  return parseScenario(readFileSync(`${SCENARIO_DIR}${ref.id}.yaml`, 'utf8'), `scenarios/${ref.id}.yaml`, cal);
};

export function parseOrg(text: string, file = 'org.yaml', sets: readonly string[] = []): Organization {
  return parseOrganization(text, file, defaultCalibration(), testLoader, { sets });
}

/** The problems a file has, as the CLI prints them, or [] when it parses. */
export function problemsOf(text: string, file = 'org.yaml', sets: readonly string[] = []): string[] {
  try {
    parseOrg(text, file, sets);
    return [];
  } catch (e) {
    if (e instanceof UserError) return e.message.split('\n');
    throw e;
  }
}

/** A small valid organization to vary in tests: two services, two teams, one of each template kind. */
export const SMALL = `profiles:
  today: change=2,config=1,observability=2,serviceDesk=2,secOps=1
  target: 3
services:
  erp: {name: ERP, costPerHour: 1000, costSource: 'judgement: test', toleranceMinutes: 60}
  web: {name: Web, toleranceMinutes: 30, standby: true}
teams:
  desk:
    name: Desk
    shifts:
      - {days: Mon-Fri, from: "08:00", to: "17:00", staff: 2}
    roles: {intake: all, triage: all, authorize: all}
  ops:
    name: Ops
    shifts:
      - {days: Mon-Fri, from: "08:00", to: "17:00", staff: 3}
    onCall: {staff: 1}
    roles: {resolve: all, investigate: all, contain: all, implement: all}
workload:
  incidents:
    - {scenario: db-plugin-cpu-spike, service: erp, perYear: 2}
  attacks:
    - {scenario: suspicious-login-2am, service: web, perYear: 1}
  work:
    - {id: tickets, team: desk, perYear: 1000, meanWorkMinutes: 10}
  changes:
    perWeek: 5
    services: {erp: 1, web: 3}
`;
