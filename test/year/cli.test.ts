// `imsim year` end to end, through the real CLI: annual figures with intervals and the
// paired change; the same seed gives byte-identical --json with one worker, two workers
// and as merged shards; the M/M/c file's team figures; every mistake exits 2 naming the
// flag or the file, line and field, and leaves nothing behind.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { imsim } from '../support/cli.js';
import { orgText } from '../support/orgs.js';
import { scratchDirs } from '../support/tmp.js';

const scratch = scratchDirs();
const SEED = 31337;
const YEARS = '5';

describe('imsim year', () => {
  it(`seed ${SEED}: the same --json with 1 worker, 2 workers and as 3 merged shards`, () => {
    const one = imsim(['year', '--years', YEARS, '--seed', String(SEED), '--json', '--workers', '1']);
    expect(one.code, one.stderr).toBe(0);
    const two = imsim(['year', '--years', YEARS, '--seed', String(SEED), '--json', '--workers', '2']);
    expect(two.code, two.stderr).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const dir = scratch();
    const parts = [0, 1, 2].map((i) => {
      const file = join(dir, `part${i}.json`);
      const r = imsim(['year', '--years', YEARS, '--seed', String(SEED), '--shard', `${i}/3`, '--out', file, '--workers', '1']);
      expect(r.code, r.stderr).toBe(0);
      return file;
    });
    const merged = join(dir, 'year.json');
    const m = imsim(['merge', parts[2]!, parts[0]!, parts[1]!, '-o', merged]);
    expect(m.code, m.stderr).toBe(0);
    expect(readFileSync(merged, 'utf8')).toBe(one.stdout);
    const result = JSON.parse(one.stdout);
    expect(result.kind).toBe('imsim-year');
    expect(result.years).toBe(5);
    expect(result.profiles.map((p: { name: string }) => p.name)).toEqual(['today', 'target']);
    expect(result.profiles[1].change.against).toBe('today');
    // A merge missing a shard is refused.
    const bad = imsim(['merge', parts[0]!, parts[1]!, '-o', join(dir, 'bad.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/shards 2 of 3 are missing/);
    expect(existsSync(join(dir, 'bad.json'))).toBe(false);
  });

  it(`seed ${SEED}: the text shows annual figures with intervals, the paired change, services, causes, teams and the loss exceedance`, () => {
    const r = imsim(['year', '--profiles', 'today,target', '--years', '3', '--seed', String(SEED)]);
    expect(r.code, r.stderr).toBe(0);
    for (const heading of ['Annual figures', 'Change a year, target minus today', 'Downtime hours a year per service', 'Incidents a year by cause', 'Teams, mean over years', 'Annual loss exceedance']) {
      expect(r.stdout).toContain(heading);
    }
    expect(r.stdout).toMatch(/total loss\s+\$[\d.]+M\s+\[\$[\d.]+M, \$[\d.]+M\]/);
    const widest = Math.max(...r.stdout.split('\n').map((l) => l.length));
    expect(widest, 'lines fit a 100-column terminal').toBeLessThanOrEqual(100);
    // Not a terminal: progress lines on stderr, no Ink.
    expect(r.stderr).toMatch(/year: 3\/3 years \(2 profiles\)/);
  });

  it('seed 5: the M/M/c file carries staff, arrivals an hour, mean work, utilization, P(wait) and mean wait, with Erlang C beside them', () => {
    const r = imsim(['year', 'scenarios/orgs/mmc.yaml', '--years', '2', '--seed', '5', '--json', '--progress', 'none']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const team = JSON.parse(r.stdout).profiles[0].teams[0];
    expect(team.staff).toBe(3);
    for (const f of ['arrivalsPerHour', 'meanWorkMinutes', 'utilization', 'pWait', 'meanWaitMinutes']) expect(team.figures[f].mean).toBeGreaterThan(0);
    expect(team.theory).toMatchObject({ staff: 3, arrivalsPerHour: 4, meanWorkMinutes: 30, pWait: 0.4444 });
    expect(Math.abs(team.figures.meanWaitMinutes.mean / team.theory.meanWaitMinutes - 1)).toBeLessThan(0.1);
  });

  it('--csv: one row per profile, section, item and figure', () => {
    const r = imsim(['year', '--years', '2', '--seed', '3', '--csv', '--progress', 'none']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('seed,org,profile,profile_name,effective,section,item,figure,years,mean,p50,p90,ci95_low,ci95_high,min,max');
    expect(lines.some((l) => l.startsWith('3,midsize,3,target,3,change.total,,cost,2,'))).toBe(true);
    const today = '"change=2,config=2,observability=2,serviceDesk=3,secOps=2"';
    expect(lines.some((l) => l.startsWith(`3,midsize,${today},today,${today},service,erp,downtimeHours,2,`))).toBe(true);
  });

  it('a staffing what-if with --set moves the team it names', () => {
    const base = JSON.parse(imsim(['year', '--years', '2', '--seed', '8', '--json', '--progress', 'none']).stdout);
    const more = JSON.parse(imsim(['year', '--years', '2', '--seed', '8', '--json', '--progress', 'none', '--set', 'teams.operations.shifts.0.staff=10']).stdout);
    const ops = (r: { profiles: { teams: { id: string; figures: { utilization: { mean: number } } }[] }[] }) => r.profiles[0]!.teams.find((t) => t.id === 'operations')!.figures.utilization.mean;
    expect(ops(more)).toBeLessThan(ops(base));
  });

  describe('mistakes exit 2 naming the flag or the file, line and field', () => {
    const cases: [string, string[], RegExp][] = [
      ['years not a number', ['--years', 'many'], /--years: expected a whole number/],
      ['no years', ['--years', '0'], /--years/],
      ['an unknown profile name', ['--profiles', 'today,tomorow'], /--profiles: no profile named "tomorow" in scenarios\/orgs\/midsize\.yaml; it names today, target/],
      ['an unknown --set path', ['--set', 'teams.servicedesk.shifts.0.staff=3'], /teams\.servicedesk/],
      ['a bad shard', ['--shard', '3/3', '--out', 'x.json'], /--shard: shard 3\/3 does not exist/],
      ['a shard without --out', ['--shard', '0/2'], /--shard: a shard writes a part file/],
      ['an unknown shipped org', ['nosuch'], /no shipped organization "nosuch"/],
      ['--json with --csv', ['--json', '--csv'], /json|csv/],
    ];
    for (const [what, args, message] of cases) {
      it(what, () => {
        const r = imsim(['year', '--years', '1', ...args]);
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr).toMatch(message);
        expect(r.stderr).not.toMatch(/\n\s+at /);
        expect(r.stdout).toBe('');
      });
    }

    it('a broken organization file: its line and field', () => {
      const dir = scratch();
      const file = join(dir, 'org.yaml');
      writeFileSync(file, orgText('midsize').replace('perWeek: 25', 'perWeek: -5'));
      const r = imsim(['year', file, '--years', '1']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/org\.yaml:\d+.*workload\.changes\.perWeek/);
      expect(readdirSync(dir)).toEqual(['org.yaml']);
    });
  });

  it('--help shows examples', () => {
    const r = imsim(['year', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('--profiles today,target');
  });
});
