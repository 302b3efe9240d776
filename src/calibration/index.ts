// Calibration: every number the simulator uses, in one sourced, overridable table, and
// the samplers the engine draws through. The machines say what can happen, this says
// how much. May import src/model and src/util; reads only its own defaults.yaml.
import { readFileSync } from 'node:fs';
import { parseTable, type Calibration } from './table.js';

export * from './distributions.js';
export * from './table.js';
export * from './parameters.js';
export * from './bounds.js';

let defaults: Calibration | undefined;

/** The built-in table (src/calibration/defaults.yaml), parsed once per process. */
export function defaultCalibration(): Calibration {
  if (!defaults) {
    const file = new URL('./defaults.yaml', import.meta.url);
    defaults = parseTable(readFileSync(file, 'utf8'), 'defaults.yaml');
  }
  return defaults;
}
