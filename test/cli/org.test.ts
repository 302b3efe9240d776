// Organizations, named profiles and the assessment through the real CLI: what a user
// types and what comes back, exit codes included.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { imsim } from '../support/cli.js';
import { scratchDirs } from '../support/tmp.js';

const scratch = scratchDirs();
const tmp = scratch('imsim-cli-org-');

const MIDSIZE = 'scenarios/orgs/midsize.yaml';
const ANSWERS = 'scenarios/orgs/midsize-answers.yaml';
const TODAY = 'change=2,config=2,observability=2,serviceDesk=3,secOps=2';

describe('imsim validate and list with organizations', () => {
  it('checks the shipped organizations and the example answers, each said for what it is', () => {
    const r = imsim(['validate', 'scenarios/orgs']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        `ok  ${ANSWERS} (assessment answers: 45 of 45 questions answered)`,
        `ok  ${MIDSIZE} (organization midsize: 6 services, 6 teams, 12 templates; profiles today, target)`,
        'ok  scenarios/orgs/mmc.yaml (organization mmc: 0 services, 1 team, 1 template; profiles any)',
        '',
      ].join('\n'),
    );
  });

  it('a broken organization exits 2 with every problem, file, line and field, and no stack trace', () => {
    const file = join(tmp, 'broken-org.yaml');
    writeFileSync(file, readFileSync(MIDSIZE, 'utf8').replace('staff: 5}', 'staff: five}').replace('service: fileShares', 'service: fileShare'));
    const r = imsim(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/broken-org\.yaml:75 teams\.operations\.shifts\.0\.staff: expected a number, got "five"\n/);
    expect(r.stderr).toMatch(/broken-org\.yaml:121 workload\.incidents\.2\.service: unknown service "fileShare" \(did you mean "fileShares"\?\)/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const j = JSON.parse(imsim(['validate', file, '--json']).stdout);
    expect(j[0]).toMatchObject({ ok: false, file });
    expect(j[0].problems).toHaveLength(2);
  });

  it('list --orgs shows the shipped organizations; list names them under the scenarios', () => {
    expect(imsim(['list']).stdout).toMatch(/organizations \(imsim list --orgs\): midsize, mmc\n$/);
    const orgs = JSON.parse(imsim(['list', '--orgs', '--json']).stdout);
    expect(orgs.map((o: { id: string }) => o.id)).toEqual(['midsize', 'mmc']);
    expect(orgs[0]).toMatchObject({ profiles: ['today', 'target'], services: 6, teams: 6, templates: 12 });
  });
});

describe('profiles people can name', () => {
  it('compare --profiles today,target: the header says what each name stands for, the rows use the names', () => {
    const r = imsim(['compare', 'db-plugin-cpu-spike', '--profiles', 'today,target', '--runs', '30']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`at profiles today (${TODAY}) and target (3)`);
    expect(r.stdout).toMatch(/\n {2}today +\d/);
    expect(r.stdout).toContain('paired change against today');
    const j = JSON.parse(imsim(['compare', 'db-plugin-cpu-spike', '--profiles', 'today;change=3', '--runs', '10', '--json']).stdout);
    expect(j.profiles).toEqual([TODAY, 'change=3,config=1,observability=1,serviceDesk=1,secOps=1']);
    expect(j.profileNames).toEqual(['today', null]);
  });

  it('without names the output is what it always was (no profileNames)', () => {
    const j = JSON.parse(imsim(['compare', 'db-plugin-cpu-spike', '--profiles', '1,3', '--runs', '10', '--json']).stdout);
    expect(j).not.toHaveProperty('profileNames');
  });

  it('run --profile target names the profile; --json carries the name beside the levels', () => {
    expect(imsim(['run', 'db-plugin-cpu-spike', '--profile', 'target']).stdout).toMatch(/^db-plugin-cpu-spike at profile target \(3\), seed 1/);
    const j = JSON.parse(imsim(['run', 'db-plugin-cpu-spike', '--profile', 'today', '--json']).stdout);
    expect(j).toMatchObject({ profile: TODAY, profileName: 'today' });
  });

  it('a misspelt name exits 2 with "did you mean" and the names there are; --org picks another file', () => {
    const r = imsim(['run', 'db-plugin-cpu-spike', '--profile', 'tody']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`imsim: --profile: no profile named "tody" in ${MIDSIZE} (did you mean "today"?); it names today, target (or write levels: 3, change=2,config=1)\n`);
    const own = join(tmp, 'named.yaml');
    writeFileSync(own, readFileSync('scenarios/orgs/mmc.yaml', 'utf8').replace('any: 1', 'stretch: change=4'));
    const j = JSON.parse(imsim(['run', 'db-plugin-cpu-spike', '--profile', 'stretch', '--org', own, '--json']).stdout);
    expect(j).toMatchObject({ profile: 'change=4,config=1,observability=1,serviceDesk=1,secOps=1', profileName: 'stretch' });
  });

  it('sweep grids and --baseline take names too', () => {
    const out = join(tmp, 'named-sweep.csv');
    const r = imsim(['sweep', '-S', 'db-plugin-cpu-spike', '-P', 'today,target,1', '--baseline', 'today', '-n', '5', '-o', out, '--progress', 'none', '-w', '1']);
    expect(r.code).toBe(0);
    const profiles = new Set(readFileSync(out, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[2]));
    expect(profiles).toEqual(new Set(['"change=2', '3', '1']));
  });
});

describe('imsim assess', () => {
  it('--answers gives the profile, the seed sections behind each level and the warnings; the same answers give the same bytes', () => {
    const r = imsim(['assess', '--answers', ANSWERS]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`today: ${TODAY}\n`);
    expect(r.stdout).toMatch(/\nserviceDesk +3 +000 Level 2, Steps to Mature \(Service Desk\); 002 Baseline checklist; 000 Level 3, Attributes; 000 Level 3, Steps to Mature \(Service Desk\)\n/);
    expect(r.stdout).toContain('serviceDesk: 1 capability of level 5 in place (serviceDesk.selfService), but level 4 is not');
    expect(r.stdout).toContain(`profiles:\n  today: ${TODAY}\n`);
    expect(imsim(['assess', '--answers', ANSWERS]).stdout).toBe(r.stdout);
  });

  it('--json has the levels with their evidence and sources, and the warnings with theirs', () => {
    const j = JSON.parse(imsim(['assess', '--answers', ANSWERS, '--json']).stdout);
    expect(j).toMatchObject({ name: 'today', profile: TODAY, answered: 45, written: null });
    const sd = j.domains.find((d: { domain: string }) => d.domain === 'serviceDesk');
    expect(sd).toMatchObject({ level: 3, missing: ['serviceDesk.problemGrouping', 'serviceDesk.assistedTriage'] });
    expect(sd.evidence.find((e: { id: string }) => e.id === 'serviceDesk.selfService')).toMatchObject({ answer: 'yes', counted: false, level: 5 });
    expect(j.warnings.map((w: { kind: string }) => w.kind)).toEqual(['skipped-level', 'baseline']);
    expect(j.warnings[0].source).toBe('002 Maturity levels (Do not skip levels)');
  });

  it('--org FILE --write sets profiles.today and changes nothing else in the file', () => {
    const file = join(tmp, 'org-write.yaml');
    const before = readFileSync(MIDSIZE, 'utf8').replace(`  today: ${TODAY}`, '  today: 1 # a guess');
    writeFileSync(file, before);
    const r = imsim(['assess', '--answers', ANSWERS, '--org', file, '--write']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`wrote profiles.today into ${file} (was 1)`);
    expect(readFileSync(file, 'utf8')).toBe(before.replace('  today: 1 # a guess', `  today: ${TODAY} # a guess`));
  });

  it('a broken organization is refused before anything is asked or written', () => {
    const file = join(tmp, 'org-broken-write.yaml');
    const before = readFileSync(MIDSIZE, 'utf8').replace('toleranceMinutes: 60 #', 'toleranceMinutes: -60 #');
    writeFileSync(file, before);
    const r = imsim(['assess', '--answers', ANSWERS, '--org', file, '--write']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/org-broken-write\.yaml:\d+ services\.storefront\.toleranceMinutes: must be more than 0/);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('a bad answers file exits 2 naming file, line and field', () => {
    const file = join(tmp, 'bad-answers.yaml');
    writeFileSync(file, 'answers:\n  change.recordedRequests: yes\n  config.owner: no\n  secOps.centralSiem: sometimes\n');
    const r = imsim(['assess', '--answers', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `imsim: ${file}:3 answers.config.owner: unknown question (did you mean "config.owners"?); imsim assess --template lists them\n` +
        `imsim: ${file}:4 answers.secOps.centralSiem: "sometimes": answer yes, partly or no (or leave it blank)\n`,
    );
  });

  it('--template writes a blank answers file that --answers reads; piped without answers is a usage error', () => {
    const file = join(tmp, 'template.yaml');
    const t = imsim(['assess', '--template']);
    expect(t.code).toBe(0);
    writeFileSync(file, t.stdout);
    expect(imsim(['assess', '--answers', file, '--json']).stdout).toContain('"profile": "1"');
    const r = imsim(['assess']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^imsim: --answers: no terminal for the questionnaire/);
  });

  it('--save-answers writes the answers back in the file format, and they give the same profile', () => {
    const file = join(tmp, 'saved.yaml');
    expect(imsim(['assess', '--answers', ANSWERS, '--save-answers', file]).code).toBe(0);
    expect(JSON.parse(imsim(['assess', '--answers', file, '--json']).stdout).profile).toBe(TODAY);
  });

  it('--write without --org, or into a shipped organization, is a usage error', () => {
    expect(imsim(['assess', '--answers', ANSWERS, '--write']).stderr).toBe('imsim: --write: names no file: give the organization file with --org FILE\n');
    const r = imsim(['assess', '--answers', ANSWERS, '--org', 'midsize', '--write']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is a shipped organization; copy scenarios/orgs/midsize.yaml');
  });

  it('a copied organization works from another folder: its scenario paths resolve against the file', () => {
    const dir = scratch('imsim-copy-');
    copyFileSync('scenarios/db-plugin-cpu-spike.yaml', join(dir, 'story.yaml'));
    const org = readFileSync('scenarios/orgs/mmc.yaml', 'utf8').replace(
      'workload:\n',
      'services:\n  app: {name: App, costPerHour: 10, costSource: "judgement: test", toleranceMinutes: 60}\nworkload:\n  incidents:\n    - {scenario: story.yaml, service: app, perYear: 1}\n',
    );
    writeFileSync(join(dir, 'org.yaml'), org);
    const r = imsim(['validate', join(dir, 'org.yaml')]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('organization org: 1 service, 1 team, 2 templates');
  });
});
