// Organizations: who the user is. Named profiles, services with their cost of an outage
// and impact tolerance, teams with weekly shifts, on-call and roles, and the workload
// (incident, attack and work templates at yearly rates; the weekly change volume), in
// one YAML file checked like a scenario: schema, defaults, rules, every problem at once
// with file, line and dot-path. A year simulation reads the `Organization` type.
// Pure: callers read the files and pass a scenario loader in. May import model,
// calibration, scenario, sim (types) and util; reads only its own improvement-costs.yaml.

export * from './types.js';
export { parseOrganization, namedProfile, teamFor, shiftStaffMinutes, DEFAULT_COST_PER_HOUR, DEFAULT_COST_SOURCE, type ScenarioLoader, type ScenarioRef, type ParseOptions } from './parse.js';
export { setOrgField, setIn, parseSetArg, applySets, YAML_OUTPUT, type SetArg } from './set.js';
export { PROFILE_NAME, isProfileName, readProfile, resolveProfileName, profileLabel, type WrittenProfile } from './profiles.js';
export { parseDay, parseDays, parseClock, resolveSchedule, staffAt, staffMinutes, gapsOf, shiftLength, weekClock, describeShift, WEEKDAY_NAMES } from './shifts.js';
export { defaultImprovementCosts, parseImprovementCosts, mergeImprovementCosts, RAISED_LEVELS } from './costs.js';
export { organizationSchema } from './schema.js';
