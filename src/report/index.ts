// Reports: results as people and programs read them. Timelines (timeline.ts), the
// comparison as text and CSV (compare.ts), the machines at a profile as text, JSON and
// Mermaid (machines.ts), the calibration table (calibration.ts), histograms
// (histogram.ts) and the tabletop's after-action record (tabletop.ts). Pure functions
// from results to text; may import everything below the CLI, never files or the terminal.
export * from './timeline.js';
export * from './compare.js';
export * from './machines.js';
export * from './calibration.js';
export * from './year.js';
export * from './advise.js';
