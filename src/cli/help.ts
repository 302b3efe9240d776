// Help texts shared by several commands. Kept apart so `--help` loads nothing else.
import { DEFAULT_LEVEL } from '../model/profile.js';

export const PROFILE_HELP =
  'maturity profile: one level for every domain ("3"), levels per domain ' +
  `("change=2,config=1,observability=3,serviceDesk=2,secOps=2"; domains not named take level ${DEFAULT_LEVEL}), ` +
  'or a YAML file of the same';

/** `--org` where it only supplies profile names. */
export const ORG_NAMES_HELP =
  'organization file (or a shipped one, e.g. midsize) whose named profiles ("today", "target") the profile options accept; default: midsize';

export const CALIBRATION_HELP = 'a YAML file replacing calibration entries by key (see `imsim calibration`)';

export const PROFILES_HELP =
  'profiles: "1,3", a range "1..5", a per-domain grid "change=1..5,config=2..3" (other domains at 1, or at "*=N"; ' +
  '"*=1..5" is all 3,125), items separated by ";" once one has "=", or a YAML file of profiles (`name:` names them in CSV and JSON)';

export const SEED_HELP = 'master seed, a whole number from 0 to 4294967295';
