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
