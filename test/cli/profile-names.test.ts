// Profiles people can name, and what a held-back profile delivers, in every output: a
// name from the organization file (`today`, `target`) works wherever a profile is taken,
// outputs show the name with the levels it stands for, and a profile held back by "do not
// skip levels" shows the levels it delivers in text, CSV and the tabletop's report (not
// only in --json). Expected labels are worked out from the organization file and the
// calibration, not written down, so a change to either keeps the tests honest.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultCalibration } from '../../src/calibration/index.js';
import { canonicalProfile, parseProfile, type Profile } from '../../src/model/index.js';
import { deliveredProfile } from '../../src/org/profiles.js';
import { imsim } from '../support/cli.js';
import { orgText, parseOrg } from '../support/orgs.js';
import { scratchDirs } from '../support/tmp.js';

const cal = defaultCalibration();
const dir = scratchDirs()('imsim-names-');

/** The shipped default organization's names and the levels they stand for. */
const midsize = parseOrg(orgText('midsize'), 'scenarios/orgs/midsize.yaml');
const levelsOf = (name: string) => canonicalProfile(midsize.profiles.find((p) => p.name === name)!.profile);
const TODAY = levelsOf('today');
const TARGET = levelsOf('target');

/** A profile held back: change two levels above its foundation (config at 1). */
const HELD_TEXT = 'change=5';
const HELD: Profile = parseProfile(HELD_TEXT);
const NOMINAL = canonicalProfile(HELD);
const DELIVERS = canonicalProfile(deliveredProfile(HELD, cal));

/** Runs the CLI and expects success. */
function ok(args: string[]): string {
  const r = imsim(args);
  expect(r.code, `imsim ${args.join(' ')}\n${r.stderr}`).toBe(0);
  return r.stdout;
}

/** The cells of a CSV line (quoted cells hold commas). */
function cells(line: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') out.push(cell), (cell = '');
    else cell += c;
  }
  return [...out, cell];
}

/** The CSV's rows as objects by header. */
function csvRows(text: string): Record<string, string>[] {
  const [head, ...rows] = text.trim().split('\n');
  const keys = cells(head!);
  return rows.map((r) => Object.fromEntries(cells(r).map((c, i) => [keys[i], c])));
}

describe('the profile used in these tests', () => {
  it('is held back: it delivers other levels than it names, and the organization names two distinct profiles', () => {
    expect(DELIVERS).not.toBe(NOMINAL);
    expect(TODAY).not.toBe(TARGET);
  });
});

describe('run', () => {
  it('--profile today: the heading names it with its levels', () => {
    expect(ok(['run', 'db-plugin-cpu-spike', '--profile', 'today']).split('\n')[0]).toContain(`at profile today (${TODAY})`);
  });
  it(`--profile ${HELD_TEXT}: the heading says what it delivers`, () => {
    expect(ok(['run', 'db-plugin-cpu-spike', '--profile', HELD_TEXT]).split('\n')[0]).toContain(`${NOMINAL} (delivers ${DELIVERS})`);
  });
  it('--json carries the name and the effective levels', () => {
    const j = JSON.parse(ok(['run', 'db-plugin-cpu-spike', '--profile', 'today', '--json']));
    expect(j).toMatchObject({ profile: TODAY, profileName: 'today' });
    expect(JSON.parse(ok(['run', 'db-plugin-cpu-spike', '--profile', HELD_TEXT, '--json'])).effective).toBe(DELIVERS);
  });
});

describe('machines', () => {
  it('--profile target works and says what it stands for', () => {
    expect(ok(['machines', 'incident', '--profile', 'target']).split('\n')[0]).toBe(`profile target (${TARGET})`);
    expect(ok(['machines', 'incident', '--profile', 'today', '--json'])).toContain(TODAY);
  });
});

describe('compare', () => {
  it('text: the header names each profile with its levels, and what the held-back one delivers; rows go by name', () => {
    const out = ok(['compare', 'db-plugin-cpu-spike', '--profiles', `today;${HELD_TEXT};target`, '--runs', '20']);
    const head = out.split('\n')[0]!;
    expect(head).toContain(`today (${TODAY})`);
    expect(head).toContain(`${NOMINAL} (delivers ${DELIVERS})`);
    expect(head).toContain(`target (${TARGET})`);
    expect(out).toMatch(/^ {2}today\s/m);
    expect(out).toContain('paired change against today');
  });
  it('names separated by commas work as they do for year ("today,target")', () => {
    expect(ok(['compare', 'db-plugin-cpu-spike', '--profiles', 'today,target', '--runs', '5']).split('\n')[0]).toContain(`today (${TODAY}) and target (${TARGET})`);
  });
  it('CSV: profile, profile_name and effective columns on every row', () => {
    const rows = csvRows(ok(['compare', 'db-plugin-cpu-spike', '--profiles', `today;${HELD_TEXT}`, '--runs', '5', '--csv']));
    const today = rows.filter((r) => r.profile === TODAY);
    const held = rows.filter((r) => r.profile === NOMINAL);
    expect(today.length).toBeGreaterThan(0);
    expect(held.length).toBeGreaterThan(0);
    for (const r of today) expect([r.profile_name, r.effective]).toEqual(['today', TODAY]);
    for (const r of held) expect([r.profile_name, r.effective]).toEqual(['', DELIVERS]);
  });
  it('a name from another organization file (--org)', () => {
    const r = imsim(['compare', 'db-plugin-cpu-spike', '--profiles', 'today', '--runs', '2', '--org', 'mmc']);
    // The M/M/c reference organization names no `today`: the message says which names it has.
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--profiles: no profile named "today" in scenarios\/orgs\/mmc\.yaml/);
  });
});

describe('sweep', () => {
  let csv: Record<string, string>[];
  let summary: string;
  beforeAll(() => {
    const out = join(dir, 'names.csv');
    summary = ok(['sweep', '--scenarios', 'db-plugin-cpu-spike', '--profiles', `today;${HELD_TEXT}`, '--baseline', 'target', '--runs', '3', '--workers', '1', '--progress', 'none', '-o', out]);
    csv = csvRows(readFileSync(out, 'utf8'));
  });
  it('--baseline target: the summary names the baseline with its levels', () => {
    expect(summary).toContain(`paired with target (${TARGET})`);
  });
  it('rows: profile_name for a named profile, effective levels for the held-back one', () => {
    expect(csv.filter((r) => r.profile === TODAY).every((r) => r.profile_name === 'today' && r.effective === TODAY)).toBe(true);
    const held = csv.filter((r) => r.profile === NOMINAL);
    expect(held.length).toBeGreaterThan(0);
    expect(held.every((r) => r.effective === DELIVERS)).toBe(true);
  });
  it('the NDJSON header keeps the baseline\'s name beside the others', () => {
    const out = join(dir, 'names.ndjson');
    ok(['sweep', '--scenarios', 'db-plugin-cpu-spike', '--profiles', 'today', '--baseline', 'target', '--runs', '2', '--workers', '1', '--progress', 'none', '-o', out]);
    const header = JSON.parse(readFileSync(out, 'utf8').split('\n')[0]!);
    expect(Object.values(header.names).sort()).toEqual(['target', 'today']);
  });
});

describe('tabletop', () => {
  it('--decisions: the review names the profile; --report writes it into the report', () => {
    const report = join(dir, 'report.md');
    const text = ok(['tabletop', 'db-plugin-cpu-spike', '--profile', 'today', '--decisions', '1,1', '--report', report]);
    expect(text).toContain(`at profile today (${TODAY})`);
    expect(readFileSync(report, 'utf8')).toContain(`- profile: today (${TODAY})`);
  });
  it(`a held-back profile: the review and the report say what it delivers; --json has effective`, () => {
    const report = join(dir, 'held.md');
    const text = ok(['tabletop', 'db-plugin-cpu-spike', '--profile', HELD_TEXT, '--decisions', '', '--report', report]);
    expect(text).toContain(`${NOMINAL} (delivers ${DELIVERS})`);
    expect(readFileSync(report, 'utf8')).toContain(`- profile: ${NOMINAL} (delivers ${DELIVERS})`);
    const j = JSON.parse(ok(['tabletop', 'db-plugin-cpu-spike', '--profile', HELD_TEXT, '--decisions', '', '--json']));
    expect(j.effective).toBe(DELIVERS);
    expect(JSON.parse(ok(['tabletop', 'db-plugin-cpu-spike', '--profile', 'target', '--decisions', '', '--json'])).profileName).toBe('target');
  });
});

describe('year', () => {
  it('text: each profile headed by its name and levels, the held-back one with what it delivers', () => {
    const out = ok(['year', '--profiles', `today;${HELD_TEXT}`, '--years', '2', '--workers', '1', '--progress', 'none']);
    expect(out).toMatch(new RegExp(`^today \\(${TODAY.replace(/[()]/g, '\\$&')}\\)$`, 'm'));
    expect(out).toContain(`${NOMINAL} (delivers ${DELIVERS})`);
    // An unnamed profile is not named twice.
    expect(out).not.toContain(`${NOMINAL} (${NOMINAL}`);
  });
  it('CSV: profile, profile_name and effective as compare and sweep write them', () => {
    const rows = csvRows(ok(['year', '--profiles', `today;${HELD_TEXT}`, '--years', '2', '--workers', '1', '--progress', 'none', '--csv']));
    expect(rows.filter((r) => r.profile === TODAY).every((r) => r.profile_name === 'today' && r.effective === TODAY)).toBe(true);
    const held = rows.filter((r) => r.profile === NOMINAL);
    expect(held.length).toBeGreaterThan(0);
    expect(held.every((r) => r.profile_name === '' && r.effective === DELIVERS)).toBe(true);
  });
  it('sweep --years: the CSV has the same profile columns after its variant', () => {
    const out = join(dir, 'years.csv');
    ok(['sweep', '--org', 'midsize', '--years', '2', '--profiles', 'today', '--workers', '1', '--progress', 'none', '-o', out]);
    const rows = csvRows(readFileSync(out, 'utf8'));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.profile === TODAY && r.profile_name === 'today')).toBe(true);
  });
});
