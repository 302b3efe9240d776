// End-to-end: `imsim calibration`, `calibration check`, and overrides on the commands.
import { readdirSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, imsim } from '../support/cli.js';
import { scratchDirs } from '../support/tmp.js';

const scratch = scratchDirs();

/** The CLI in the background, so independent long runs share the cores. */
function imsimAsync(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '' } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe('imsim calibration', () => {
  it('--json lists every entry with its key, value and source, and the share of each kind of source', () => {
    const doc = JSON.parse(imsim(['calibration', '--json']).stdout);
    expect(doc.hash).toMatch(/^[0-9a-f]{12}$/);
    const entries = doc.parameters.flatMap((p: { entries: unknown[] }) => p.entries);
    expect(entries).toHaveLength(doc.entries);
    for (const e of entries) expect(e.source.text.length).toBeGreaterThan(5);
    expect(doc.sources.seed + doc.sources.benchmark + doc.sources.judgement).toBeCloseTo(1, 9);
  });

  it('filters by domain and level', () => {
    const r = imsim(['calibration', '--domain', 'secOps', '--level', '5']);
    expect(r.code).toBe(0);
    const keys = [...r.stdout.matchAll(/^ {2}(\S+\.L\d)/gm)].map((m) => m[1]);
    expect(keys.length).toBeGreaterThan(10);
    for (const k of keys) expect(k).toMatch(/^secOps\..*\.L5$/);
  });

  it.each([
    [['calibration', '--domain', 'secops'], /--domain: unknown domain "secops" \(did you mean "secOps"\?\)/],
    [['calibration', '--level', '6'], /--level: must be between 1 and 5/],
  ])('bad input %j exits 2', (args, message) => {
    const r = imsim(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe('imsim calibration check', () => {
  it.concurrent.each([['1'], ['2'], ['3']])('passes at seed %s', async (seed) => {
    const r = await imsimAsync(['calibration', 'check', '--seed', seed, '--json']);
    const doc = JSON.parse(r.stdout);
    const failing = doc.checks.filter((c: { pass: boolean }) => !c.pass).map((c: { id: string; measured: number }) => `${c.id} ${c.measured}`);
    expect(failing).toEqual([]);
    expect(r.code).toBe(0);
    expect(doc.checks.length).toBeGreaterThanOrEqual(25);
    const groups = new Set(doc.checks.map((c: { group: string }) => c.group));
    expect([...groups].sort()).toEqual(['1-10-60', 'DORA', 'anecdote', 'backwards', 'spread']);
  });

  it('exits 1 when a check fails: a level 1 defect rate far outside the DORA band', () => {
    const dir = scratch();
    writeFileSync(join(dir, 'o.yaml'), 'change.defectRate.L1: 0.05\n');
    const r = imsim(['calibration', 'check', '--runs', '200', '--calibration', join(dir, 'o.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL {2}change failure rate at level 1/);
  });
});

describe('--calibration overrides', () => {
  const dir = scratch();
  writeFileSync(join(dir, 'slow-intake.yaml'), '# level 1 intake takes eight hours\nserviceDesk.intakeDelay.L1: 480\n');
  writeFileSync(join(dir, 'typo.yaml'), 'serviceDesk.intakeDelay.L1: 480\nobservability.anomalyDelay.L4: 3\n');
  const args = ['compare', 'db-plugin-cpu-spike', 'branch-network-degradation', '--profiles', '1,3', '--runs', '200', '--json'];

  it('move the level 1 results and the recorded hash, and leave level 3 byte-identical', () => {
    const base = JSON.parse(imsim(args).stdout);
    const over = JSON.parse(imsim([...args, '--calibration', join(dir, 'slow-intake.yaml')]).stdout);
    expect(over.calibration.hash).not.toBe(base.calibration.hash);
    expect(over.calibration.overridden).toEqual(['serviceDesk.intakeDelay.L1']);
    type Result = { profile: string; scenario: string; metrics: { mttd: { mean: number } } };
    const at = (doc: { results: Result[] }, p: string) => doc.results.filter((r) => r.profile === p);
    expect(JSON.stringify(at(over, '3'))).toBe(JSON.stringify(at(base, '3')));
    expect(JSON.stringify(at(over, '1'))).not.toBe(JSON.stringify(at(base, '1')));
    const mttd = (doc: typeof base) => at(doc, '1').find((r) => r.scenario === 'db-plugin-cpu-spike')!.metrics.mttd.mean;
    expect(mttd(over)).toBeGreaterThan(mttd(base));
  });

  it('are recorded in run --json', () => {
    const doc = JSON.parse(imsim(['run', 'db-plugin-cpu-spike', '--json', '--calibration', join(dir, 'slow-intake.yaml')]).stdout);
    expect(doc.calibration.overridden).toEqual(['serviceDesk.intakeDelay.L1']);
  });

  it('a misspelled key exits 2 naming file, line and a suggestion, and runs nothing', () => {
    const r = imsim([...args, '--calibration', join(dir, 'typo.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/typo\.yaml:2 observability\.anomalyDelay\.L4: unknown parameter \(did you mean "observability\.anomalyDetectionDelay\.L4"\?\)/);
  });

  it('a value its unit cannot mean exits 2 naming file, line and key, before anything runs or is written', () => {
    writeFileSync(join(dir, 'lead.yaml'), 'model.foundationLead: -1\n');
    writeFileSync(join(dir, 'night.yaml'), 'calendar.businessDayStart: 17\ncalendar.businessDayEnd: 9\n');
    const lead = imsim(['run', 'db-plugin-cpu-spike', '--calibration', join(dir, 'lead.yaml')]);
    expect(lead.code).toBe(2);
    expect(lead.stderr).toMatch(/lead\.yaml:1 model\.foundationLead: levels are a whole number from 0, got -1\n$/);
    const out = join(dir, 'night.ndjson');
    const night = imsim(['sweep', '--scenarios', 'suspicious-login-2am', '--runs', '10', '--progress', 'none', '--out', out, '--calibration', join(dir, 'night.yaml')]);
    expect(night.code).toBe(2);
    expect(night.stderr).toMatch(/night\.yaml:1 calendar\.businessDayStart: the business day starts at 17 but ends at 9/);
    expect(night.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(readdirSync(dir).filter((f) => f.startsWith('night.ndjson'))).toEqual([]);
  });

  it('a missing override file exits 2 naming the flag', () => {
    const r = imsim([...args, '--calibration', join(dir, 'nope.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--calibration .*nope\.yaml: no such file/);
  });
});
