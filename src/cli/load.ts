// Loading what commands share: the calibration (with an optional override file) and
// scenarios (built-in ids or files). Every failure is a UserError naming file or flag.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { applyOverrides, defaultCalibration, type Calibration } from '../calibration/index.js';
import { parseScenario } from '../scenario/index.js';
import type { Scenario } from '../sim/scenario.js';
import { UserError, didYouMean } from '../util/index.js';
import { looksLikeFile, readText } from './inputs.js';

/** The scenarios that ship with imsim, next to the package's dist/ folder. */
export const BUILTIN_DIR = fileURLToPath(new URL('../../../scenarios/', import.meta.url));

export function builtinIds(): string[] {
  return readdirSync(BUILTIN_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.replace(/\.yaml$/, ''))
    .sort();
}

export function loadCalibration(file?: string): Calibration {
  const base = defaultCalibration();
  return file ? applyOverrides(base, readText(file, '--calibration'), file) : base;
}

/** A scenario by built-in id (`db-plugin-cpu-spike`) or by path to a YAML file. */
export function loadScenario(arg: string, cal: Calibration): Scenario {
  if (looksLikeFile(arg)) return parseScenario(readText(arg), arg, cal);
  const ids = builtinIds();
  if (!ids.includes(arg)) {
    throw new UserError([{ flag: 'SCENARIO', message: `no scenario "${arg}"${didYouMean(arg, ids)}; \`imsim list\` shows them` }]);
  }
  return parseScenario(readText(`${BUILTIN_DIR}${arg}.yaml`), `scenarios/${arg}.yaml`, cal);
}

/** Loads several, reporting the problems of every one of them at once. */
export function loadScenarios(args: readonly string[], cal: Calibration): Scenario[] {
  const out: Scenario[] = [];
  const problems: UserError['problems'] = [];
  for (const a of args) {
    try {
      out.push(loadScenario(a, cal));
    } catch (e) {
      if (e instanceof UserError) problems.push(...e.problems);
      else throw e;
    }
  }
  if (problems.length) throw new UserError(problems);
  const seen = new Set<string>();
  for (const s of out) {
    if (seen.has(s.id)) throw new UserError([{ flag: 'SCENARIO', message: `scenario "${s.id}" is given twice` }]);
    seen.add(s.id);
  }
  return out;
}
