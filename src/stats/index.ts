// Statistics: exact sums, mergeable quantile sketches, summaries with confidence
// intervals, and the paired comparison of profiles. May import model, calibration,
// machines and sim; nothing here touches files or the terminal.
export * from './exact-sum.js';
export * from './sketch.js';
export * from './summary.js';
export * from './compare.js';
export * from './csv.js';
export * from './cost.js';
