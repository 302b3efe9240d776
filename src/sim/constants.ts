// The simulator's structural constants: units and bounds, never calibration. Every
// duration and probability the engine uses comes from the calibration table instead.

export const MINUTES_PER_HOUR = 60;
export const HOURS_PER_DAY = 24;
export const MINUTES_PER_DAY = MINUTES_PER_HOUR * HOURS_PER_DAY;
export const DAYS_PER_WEEK = 7;
export const MINUTES_PER_WEEK = MINUTES_PER_DAY * DAYS_PER_WEEK;
/** Monday to Friday are working days; day 0 is Monday. */
export const WORKDAYS = 5;

/** Support tiers: front line, specialists, engineering (000 Level 2, Steps to Mature: Service Desk). */
export const TOP_TIER = 3;

/**
 * A replication that takes more machine steps than this is a bug (a loop the calibrated
 * odds should have ended): the engine stops with an error instead of spinning. Far above
 * what accepted values reach (src/calibration/bounds.ts: retried chances at their bound
 * took at most 835 steps; a ticket's wait is held to 1,000 business days, 3 steps each).
 */
export const MAX_STEPS = 20_000;

/**
 * Remediation changes in one replication before the engine gives up (a bug guard, as
 * above). Counted over the whole replication: a reopened incident's fixes, each maybe
 * rejected by the CAB, add up; 200 leaves the bounded retry chances (at most 0.5) far inside.
 */
export const MAX_CHANGE_ATTEMPTS = 200;

/**
 * Event priorities at equal times: the world moves first, then detection, people,
 * attackers. Before them all, the injects an event has just triggered are scheduled
 * (`triggered`), so an event's own consequences are scheduled before its injects.
 */
export const PRIORITY = { triggered: -1, world: 0, detection: 1, defender: 2, attacker: 3 } as const;

/**
 * The order in which a team takes waiting work (lower first): a declared major incident,
 * then urgent incidents (security alerts, or enough of the business hit to page someone),
 * other incidents, and changes last (ITIL priority: restoring service before new work).
 */
export const REQUEST_PRIORITY = { major: 0, urgent: 1, incident: 2, change: 3 } as const;
