import { defaultCalibration } from './src/calibration/index.js';
import { uniformProfile } from './src/model/index.js';
import { simulate } from './src/sim/engine.js';
import { builtinScenarios } from './test/support/scenarios.js';
const cal = defaultCalibration();
const all = builtinScenarios();
const N = 3000;
const time = (f: () => void) => { const t0 = performance.now(); f(); return performance.now() - t0; };
for (const level of [1, 3] as const) {
  let a = 0, b = 0;
  for (let round = 0; round < 5; round++) {
    for (const sc of all) {
      const bare = { ...sc, injects: [] };
      const p = uniformProfile(level);
      b += time(() => { for (let r = 0; r < N; r++) simulate(bare, p, { seed: 1, replication: r, calibration: cal }); });
      a += time(() => { for (let r = 0; r < N; r++) simulate(sc, p, { seed: 1, replication: r, calibration: cal }); });
    }
  }
  const per = (x: number) => (x * 1000 / (5 * N * all.length)).toFixed(2);
  console.log(`level ${level}: with injects ${per(a)} us/replication, without ${per(b)} us/replication, overhead ${((a / b - 1) * 100).toFixed(1)}%`);
}
