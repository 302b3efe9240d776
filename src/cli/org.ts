// Loading organization files for the commands: the shipped ones (scenarios/orgs/), a
// scenario loader for their templates, `--set` overrides, and the named profiles that
// `--profile today` resolves against. Every failure is a UserError naming flag or file.
import { existsSync, readdirSync } from 'node:fs';
import type { Calibration } from '../calibration/index.js';
import { parseOrganization, type NamedProfile, type Organization, type ScenarioLoader } from '../org/index.js';
import { parseScenario } from '../scenario/index.js';
import { UserError, didYouMean } from '../util/index.js';
import { readText } from './inputs.js';
import { BUILTIN_DIR, builtinIds, loadCalibration } from './load.js';

/** The organizations that ship with imsim. */
export const ORGS_DIR = `${BUILTIN_DIR}orgs/`;
/** The organization a command uses when it needs one and none is given. */
export const DEFAULT_ORG = 'midsize';

export function shippedOrgIds(): string[] {
  return readdirSync(ORGS_DIR)
    .filter((f) => f.endsWith('.yaml') && !f.endsWith('-answers.yaml'))
    .map((f) => f.replace(/\.yaml$/, ''))
    .sort();
}

/** Scenarios for templates: shipped ids, or files (paths already resolved against the organization file). */
export function scenarioLoader(cal: Calibration): ScenarioLoader {
  return (ref) => {
    if ('path' in ref) return parseScenario(readText(ref.path), ref.path, cal);
    const ids = builtinIds();
    if (!ids.includes(ref.id)) throw new UserError(`no shipped scenario "${ref.id}"${didYouMean(ref.id, ids)}; \`imsim list\` shows them (or give a path to a scenario file)`);
    return parseScenario(readText(`${BUILTIN_DIR}${ref.id}.yaml`), `scenarios/${ref.id}.yaml`, cal);
  };
}

/** Where an organization argument points: a shipped id (`midsize`) or a file; the shipped default when absent. */
export function orgPath(arg: string | undefined, flag = '--org'): { path: string; shown: string } {
  const name = arg ?? DEFAULT_ORG;
  if (/\.ya?ml$/i.test(name) || name.includes('/')) return { path: name, shown: name };
  const ids = shippedOrgIds();
  if (!ids.includes(name)) throw new UserError([{ flag, message: `no shipped organization "${name}"${didYouMean(name, ids)}; shipped: ${ids.join(', ')} (or give a YAML file)` }]);
  return { path: `${ORGS_DIR}${name}.yaml`, shown: `scenarios/orgs/${name}.yaml` };
}

/** Reads and checks an organization, with `--set` overrides applied before the check. */
export function loadOrganization(arg: string | undefined, cal: Calibration, opts: { flag?: string; sets?: readonly string[] } = {}): Organization {
  const { path, shown } = orgPath(arg, opts.flag);
  return parseOrganization(readText(path, opts.flag ?? '--org'), shown, cal, scenarioLoader(cal), { sets: opts.sets ?? [] });
}

/**
 * The named profiles of `--org` (or of the shipped default), read only when a command
 * meets a profile name: a command given levels never opens the file.
 */
export function orgProfileNames(arg: string | undefined, calibration?: string): () => { where: string; profiles: readonly NamedProfile[] } {
  // A mistyped --org is a mistake even when no name is used: said now, not ignored.
  if (arg !== undefined) {
    const { path } = orgPath(arg);
    if (!existsSync(path)) throw new UserError([{ flag: '--org', file: path, message: 'no such file' }]);
  }
  let cached: { where: string; profiles: readonly NamedProfile[] } | undefined;
  return () => {
    if (!cached) {
      const org = loadOrganization(arg, loadCalibration(calibration));
      cached = { where: org.file, profiles: org.profiles };
    }
    return cached;
  };
}
