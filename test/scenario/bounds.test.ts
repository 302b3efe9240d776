// A scenario's numbers keep the bounds a story can mean (docs/scenario-format.md,
// "Bounds"): each value past one is refused naming file, line and field, with the bound
// and its reason; each value at one is accepted and runs.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultCalibration } from '../../src/calibration/index.js';
import { uniformProfile } from '../../src/model/index.js';
import { parseScenario } from '../../src/scenario/index.js';
import { simulate } from '../../src/sim/engine.js';
import { metricsOf } from '../../src/sim/metrics.js';
import { UserError } from '../../src/util/index.js';

const cal = defaultCalibration();
// Frozen copies of two shipped scenarios as they were before exercise plans, so that edits
// by line and the lines expected stay put when the shipped files are rewritten.
const DB = readFileSync(new URL('../fixtures/scenarios/db-plugin-plain.yaml', import.meta.url), 'utf8');
const LOGIN = readFileSync(new URL('../fixtures/scenarios/login-plain.yaml', import.meta.url), 'utf8');

/** The shipped text with one line replaced (the line must be there). */
function edit(text: string, from: string, to: string): string {
  expect(text).toContain(from);
  return text.replace(from, to);
}

function problems(text: string): string[] {
  try {
    parseScenario(text, 's.yaml', cal);
  } catch (e) {
    if (e instanceof UserError) return e.problems.map((p) => `s.yaml:${p.line} ${p.path}: ${p.message}`);
    throw e;
  }
  return [];
}

describe('scenario bounds', () => {
  it.each([
    ['a causing change 1e15 minutes before the onset', edit(DB, 'at: -3360', 'at: -1e15'), /^s\.yaml:17 change\.at: a change is made at most 525,600 minutes \(a year\) from the onset/],
    ['an inject at 1e12 minutes', edit(DB, '  - at: 45', '  - at: 1e12'), /^s\.yaml:26 injects\.1\.at: at most 525,600 minutes \(a year\) after the onset/],
    ['a cost per minute of 1e308', edit(DB, '  impact: 0.6\nchange:', '  impact: 0.6\n  costPerMinute: 1e308\nchange:'), /^s\.yaml:15 service\.costPerMinute: at most \$1,000,000,000 a minute/],
    ['an option delay lognormal90 [30, 1e300]', edit(DB, 'lognormal90: [5, 45]', 'lognormal90: [30, 1e300]'), /^s\.yaml:\d+ decisions\.1\.options\.2\.after: lognormal90 \[30, 1e\+300\] is too wide/],
    ['a fixed delay past a year', edit(DB, 'lognormal90: [5, 45], why', 'fixed: 600000, why'), /decisions\.1\.options\.2\.after: a duration \(a fixed time\) is at most 525,600 minutes/],
    ['a stage loss of 1e13', edit(LOGIN, 'loss: breach', 'loss: 1e13'), /attack\.stages\.\d+\.loss: at most \$1,000,000,000,000/],
    ['a retried chance of 1 in the story', edit(DB, 'injects:', 'overrides:\n  serviceDesk.reportLoss: {p: 1, why: test}\ninjects:'), /overrides\.serviceDesk\.reportLoss: at most 0\.5 for a step that is retried/],
    [
      "a backlog the story's business day cannot work through",
      edit(DB, 'injects:', 'overrides:\n  serviceDesk.lowPriorityBacklog: {lognormal90: [10000, 500000], why: test}\ninjects:'),
      /overrides\.serviceDesk\.lowPriorityBacklog: at level \d, serviceDesk\.ackDelay\.L\d plus serviceDesk\.lowPriorityBacklog\.L\d reach [\d,]+ business days/,
    ],
  ])('%s is refused with file, line, field, the bound and its reason', (_what, text, message) => {
    const found = problems(text);
    expect(found.join('\n')).toMatch(message);
  });

  it('every problem of a file at once: an inject too late, a change too early and a cost too high', () => {
    let text = edit(DB, '  - at: 45', '  - at: 1e12');
    text = edit(text, 'at: -3360', 'at: -1e15');
    text = edit(text, '  impact: 0.6\nchange:', '  impact: 0.6\n  costPerMinute: 1e308\nchange:');
    expect(problems(text)).toEqual([
      expect.stringMatching(/^s\.yaml:15 service\.costPerMinute: /),
      expect.stringMatching(/^s\.yaml:18 change\.at: /),
      expect.stringMatching(/^s\.yaml:27 injects\.1\.at: /),
    ]);
  });

  it('values at the bounds are accepted and run to the end with finite figures (seed 2, every level)', () => {
    let text = edit(DB, 'at: -3360', 'at: -525600');
    text = edit(text, '  - at: 45', '  - at: 525600');
    text = edit(text, '  impact: 0.6\nchange:', '  impact: 0.6\n  costPerMinute: 1000000000\nchange:');
    text = edit(text, 'lognormal90: [5, 45]', 'lognormal90: [500, 500000]');
    const s = parseScenario(text, 's.yaml', cal);
    for (const l of [1, 2, 3, 4, 5] as const) {
      for (let r = 0; r < 5; r++) {
        const m = metricsOf(simulate(s, uniformProfile(l), { seed: 2, replication: r, calibration: cal }), s, 1e9);
        for (const [k, v] of Object.entries(m)) if (typeof v === 'number') expect(Number.isFinite(v), `${k} at level ${l}, replication ${r}`).toBe(true);
      }
    }
  });
});
