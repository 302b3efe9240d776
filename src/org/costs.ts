// The cost of raising a domain one level: the shipped defaults (improvement-costs.yaml,
// data with a source per entry, read like the calibration table) and an organization's
// own entries on top of them.
import { readFileSync } from 'node:fs';
import { DOMAINS, type Domain } from '../model/index.js';
import { UserError, checkSchema, lineOf, parseYaml, type Problem } from '../util/index.js';
import { improvementCostsSchema } from './schema.js';
import type { ImprovementCost, ImprovementCosts, RaisedLevel } from './types.js';

export const RAISED_LEVELS: readonly RaisedLevel[] = [2, 3, 4, 5];

type Written = Partial<Record<Domain, Partial<Record<RaisedLevel, Omit<ImprovementCost, 'from'>>>>>;

/** A cost table file: every domain at every level 2..5, or one UserError listing what is missing or wrong. */
export function parseImprovementCosts(text: string, file: string): ImprovementCosts {
  const src = parseYaml(text, file);
  const data = checkSchema(src, improvementCostsSchema) as Written;
  const problems: Problem[] = [];
  const out = {} as Record<Domain, Record<RaisedLevel, ImprovementCost>>;
  for (const d of DOMAINS) {
    out[d] = {} as Record<RaisedLevel, ImprovementCost>;
    for (const l of RAISED_LEVELS) {
      const e = data[d]?.[l];
      if (!e) problems.push({ file, line: lineOf(src, [d]), path: `${d}.${l}`, message: 'missing: the default table prices every domain at every level 2 to 5' });
      else out[d][l] = { ...e, from: 'default' };
    }
  }
  if (problems.length) throw new UserError(problems);
  return out;
}

let defaults: ImprovementCosts | undefined;

/** The shipped table (src/org/improvement-costs.yaml), parsed once per process. */
export function defaultImprovementCosts(): ImprovementCosts {
  if (!defaults) defaults = parseImprovementCosts(readFileSync(new URL('./improvement-costs.yaml', import.meta.url), 'utf8'), 'improvement-costs.yaml');
  return defaults;
}

/** The defaults with an organization's own entries in their place. */
export function mergeImprovementCosts(base: ImprovementCosts, own: Written | undefined): ImprovementCosts {
  const out = {} as Record<Domain, Record<RaisedLevel, ImprovementCost>>;
  for (const d of DOMAINS) {
    out[d] = { ...base[d] };
    for (const l of RAISED_LEVELS) {
      const e = own?.[d]?.[l];
      if (e) out[d][l] = { ...e, from: 'organization' };
    }
  }
  return out;
}
