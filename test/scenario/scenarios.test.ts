// The scenario format: every shipped scenario validates and cites its seed; broken
// files are rejected with the right line and field, all problems at once.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultCalibration } from '../../src/calibration/index.js';
import { parseScenario } from '../../src/scenario/index.js';
import { UserError } from '../../src/util/index.js';
import { builtinScenarios, SCENARIO_DIR } from '../support/scenarios.js';

const cal = defaultCalibration();
const BROKEN = new URL('../fixtures/broken/', import.meta.url);

describe('the shipped scenarios', () => {
  const scenarios = builtinScenarios();

  it('are the ten worked examples of the seed documents and two attacks that take a service down', () => {
    expect(scenarios.map((s) => s.id).sort()).toEqual([
      'branch-network-degradation',
      'db-plugin-cpu-spike',
      'exfil-during-rollout',
      'extended-ddos-storefront',
      'new-app-environment',
      'ransomware-file-servers',
      'regional-identity-attacks',
      'regional-transfer-surge',
      'san-controller-latency',
      'server-offline-change-window',
      'suspicious-login-2am',
      'unpatched-edge-server',
    ]);
  });

  it.each(scenarios.map((s) => [s.id, s] as const))('%s is named after its file and cites a seed section', (id, s) => {
    expect(readdirSync(SCENARIO_DIR)).toContain(`${id}.yaml`);
    expect(['000', '001', '002', '003', '004']).toContain(s.source.seed);
    // A level of 000 or 003, or a numbered section of 004.
    expect(s.source.section).toMatch(/Level [1-5]|^\d+(\.\d+)+ /);
  });

  it('each of the five levels of 000 and of 003 has its worked example', () => {
    for (const seed of ['000', '003']) {
      const examples = scenarios.filter((s) => s.source.seed === seed && /Example scenario/i.test(s.source.section));
      expect(examples.map((s) => s.toldAt).sort()).toEqual([1, 2, 3, 4, 5]);
    }
  });
});

/** `# expect: LINE PATH: MESSAGE-REGEX` lines at the top of each broken file. */
function expectations(text: string): { line: number; path: string; message: RegExp }[] {
  return [...text.matchAll(/^# expect: (\d+) (\S*): (.+)$/gm)].map((m) => ({ line: Number(m[1]), path: m[2]!, message: new RegExp(m[3]!) }));
}

describe('broken scenario files', () => {
  const files = readdirSync(BROKEN).filter((f) => f.endsWith('.yaml')).sort();

  it('the corpus is not empty', () => expect(files.length).toBeGreaterThanOrEqual(12));

  it.each(files)('%s is rejected with the right line and field', (file) => {
    const text = readFileSync(new URL(file, BROKEN), 'utf8');
    const expected = expectations(text);
    expect(expected.length, `${file} has no "# expect:" line`).toBeGreaterThan(0);
    let error: unknown;
    try {
      parseScenario(text, file, cal);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    const problems = (error as UserError).problems;
    for (const x of expected) {
      const hit = problems.find((p) => p.line === x.line && (p.path ?? '') === x.path && x.message.test(p.message));
      expect(hit, `${file}: expected line ${x.line} ${x.path}: ${x.message}; got\n${(error as UserError).message}`).toBeDefined();
      expect(hit!.file).toBe(file);
    }
  });
});
