// `npm run bench`: what the compiled machines buy, and what a large sweep costs.
//
//  1. The same lifecycles (every scenario x levels 1..5 x the first replications),
//     metrics included, through the compiled tables and through a plain XState actor
//     per lifecycle: lifecycles per second and the ratio (target: compiled >= 50x).
//     Both paths must give the same metrics; the bench stops if they do not.
//  2. A 1,000,000-lifecycle sweep with 2 workers, run by the real CLI in a child
//     process: wall time and peak RSS of the whole process (main thread and worker
//     threads share it) (targets: < 10 s, < 300 MB).
//
// Figures only, no assertions: tests never time anything. The bench reads the clock
// and the load average, which is what a bench is for; results never do.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultCalibration } from '../calibration/index.js';
import { builtinIds, loadScenarios } from '../cli/load.js';
import { uniformProfile, type Profile } from '../model/index.js';
import { simulate, type StepperKind } from '../sim/engine.js';
import { metricsOf, type Metrics } from '../sim/metrics.js';
import type { Scenario } from '../sim/scenario.js';
import { costPerMinute } from '../stats/index.js';

const SEED = 1;
/** Replications per scenario and level in the same-work comparison (the actor is slow). */
const SAME_WORK_RUNS = 40;
const SWEEP_RUNS = 20_000;
const SWEEP_WORKERS = 2;

const cal = defaultCalibration();
const scenarios = loadScenarios(builtinIds(), cal);
const profiles = ([1, 2, 3, 4, 5] as const).map(uniformProfile);
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const out = (line = '') => void process.stdout.write(`${line}\n`);

interface Work {
  scenario: Scenario;
  profile: Profile;
  cost: number;
}
const work: Work[] = scenarios.flatMap((scenario) => profiles.map((profile) => ({ scenario, profile, cost: costPerMinute(scenario, cal, profile) })));
const lifecycles = work.length * SAME_WORK_RUNS;

/** One pass over the same work; returns its metrics (to compare paths) and the seconds it took. */
function pass(stepper: StepperKind, keep: boolean): { seconds: number; metrics: Metrics[] } {
  const metrics: Metrics[] = [];
  const t0 = performance.now();
  for (const w of work) {
    for (let r = 0; r < SAME_WORK_RUNS; r++) {
      const m = metricsOf(simulate(w.scenario, w.profile, { seed: SEED, replication: r, calibration: cal, stepper }), w.scenario, w.cost);
      if (keep) metrics.push(m);
    }
  }
  return { seconds: (performance.now() - t0) / 1000, metrics };
}

/** Lifecycles per second: the best of `passes` passes (least disturbed by other processes). */
function rate(stepper: StepperKind, passes: number): { perSecond: number; metrics: Metrics[] } {
  const first = pass(stepper, true);
  let best = first.seconds;
  for (let i = 1; i < passes; i++) best = Math.min(best, pass(stepper, false).seconds);
  return { perSecond: lifecycles / best, metrics: first.metrics };
}

const cores = availableParallelism();
out(`imsim bench: node ${process.version}, ${cores} cores (${cpus()[0]?.model.trim() ?? 'unknown cpu'}), seed ${SEED}`);
out(`load average at start: ${loadavg().map((x) => x.toFixed(2)).join(' ')} (other processes on the machine slow every figure below)`);
out();
out(`same work: ${scenarios.length} scenarios x ${profiles.length} levels x ${SAME_WORK_RUNS} replications = ${int(lifecycles)} lifecycles, metrics included`);

// Warm both paths (compiled tables, plans, JIT) before measuring.
pass('compiled', false);
pass('actor', false);
const compiled = rate('compiled', 15);
const actor = rate('actor', 2);
if (JSON.stringify(compiled.metrics) !== JSON.stringify(actor.metrics)) {
  out('the compiled tables and the XState actor gave different metrics on the same work: a bug');
  process.exit(1);
}
const ratio = compiled.perSecond / actor.perSecond;
const row = (label: string, perSecond: number, note = '') =>
  out(`  ${label.padEnd(28)}${int(perSecond).padStart(10)} lifecycles/s  ${(1e6 / perSecond).toFixed(1).padStart(8)} us each${note}`);
row('compiled tables', compiled.perSecond, '  (best of 15 passes)');
row('XState actor per lifecycle', actor.perSecond, '  (best of 2 passes; same metrics, checked)');
out(`  ${'ratio'.padEnd(28)}${`${ratio.toFixed(0)}x`.padStart(10)}                target >= 50x: ${ratio >= 50 ? 'met' : 'MISSED'}`);
out();

// ---- the sweep -------------------------------------------------------------------------

const total = scenarios.length * profiles.length * SWEEP_RUNS;
out(`sweep: ${int(total)} lifecycles (${scenarios.length} scenarios x ${profiles.length} levels x ${int(SWEEP_RUNS)} runs), ${SWEEP_WORKERS} workers, ndjson, the real CLI in a child process`);
const dir = mkdtempSync(join(tmpdir(), 'imsim-bench-'));
const child = fileURLToPath(new URL('./sweep-child.js', import.meta.url));
const args = ['sweep', '--scenarios', 'all', '--profiles', '1..5', '--runs', String(SWEEP_RUNS), '--seed', String(SEED), '--workers', String(SWEEP_WORKERS), '--progress', 'none', '--out', join(dir, 'bench.ndjson')];
const load = loadavg()[0]!;
const r = spawnSync(process.execPath, [child, ...args], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
rmSync(dir, { recursive: true, force: true });
if (r.status !== 0) {
  out(`  the sweep failed (exit ${r.status}):\n${r.stderr}`);
  process.exit(1);
}
const m = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { wallMs: number; maxRssKb: number; cpuMs: number };
const wall = m.wallMs / 1000;
const rss = m.maxRssKb / 1024;
out(`  ${'wall time'.padEnd(28)}${`${wall.toFixed(1)} s`.padStart(10)}  ${int(total / wall).padStart(10)} lifecycles/s   target < 10 s: ${wall < 10 ? 'met' : 'MISSED'}`);
out(`  ${'peak RSS (main + workers)'.padEnd(28)}${`${rss.toFixed(0)} MB`.padStart(10)}                           target < 300 MB: ${rss < 300 ? 'met' : 'MISSED'}`);
out(`  ${'CPU time (all threads)'.padEnd(28)}${`${(m.cpuMs / 1000).toFixed(1)} s`.padStart(10)}  ${((m.cpuMs * 1000) / total).toFixed(1).padStart(10)} us per lifecycle   (load average when it started: ${load.toFixed(2)})`);
