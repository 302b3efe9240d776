// The maturity model: levels 1..5, the five domains, profiles (a level per domain),
// and the crosswalk of level names across the seed frameworks.
// This is the bottom layer: it may import only src/util.

export * from './levels.js';
export * from './profile.js';
