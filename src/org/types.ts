// The organization as the simulator sees it after the file is checked: every default
// filled, every reference resolved, every schedule turned into minutes of the week.
// A year simulation reads these types and nothing of the YAML.
import type { Domain, Level, Profile } from '../model/index.js';
import type { Scenario } from '../sim/scenario.js';

/** Minutes in a week. Schedules repeat weekly; minute 0 of the week is Monday 00:00. */
export const MINUTES_PER_WEEK = 7 * 24 * 60;

/**
 * Minutes in a simulated year: 365 days. A rate `perYear` means perYear / MINUTES_PER_YEAR
 * arrivals a minute; a year is 52 weeks and one day of the weekly schedules.
 */
export const MINUTES_PER_YEAR = 365 * 24 * 60;

/**
 * What someone does for an incident, an attack or a change. The year simulation asks
 * `teamFor(org, activity, service)` (or reads a template's `teams`) for each of them.
 *
 * - `intake`: receive a report or alert and log the ticket (incident `identify`).
 * - `triage`: categorize and prioritize, route to a resolver (`categorize`, `prioritize`).
 * - `resolve`: diagnose, fix, roll back or fail over, verify (`respond`); also the work
 *   of a `work` template.
 * - `investigate`: a security alert's triage and confirmation (SOC analysts).
 * - `contain`: containment, eradication and recovery after an attack is confirmed.
 * - `implement`: a change's assessment, implementation, verification and rollback.
 * - `authorize`: the change advisory board's review of a normal change.
 */
export const ACTIVITIES = ['intake', 'triage', 'resolve', 'investigate', 'contain', 'implement', 'authorize'] as const;
export type Activity = (typeof ACTIVITIES)[number];

/** Kinds of routine change, the options of the calibration's `workload.mix`. */
export type ChangeKind = string;

/** A profile with a name people use for it, from the file's `profiles` section. */
export interface NamedProfile {
  /** `today`, `target`, ...: a letter, then letters, digits, `-` or `_`. */
  name: string;
  profile: Profile;
}

/** A business service an outage stops. */
export interface Service {
  /** Key in the file's `services` mapping; templates and changes name services by it. */
  id: string;
  /** Name shown in reports. */
  name: string;
  /** Dollars lost per hour of full outage of this service (0..1e9). A template's impact fractions scale it. */
  costPerHour: number;
  /** Where `costPerHour` comes from: a published survey, or `judgement: <reason>`. */
  costSource: string;
  /**
   * Impact tolerance, minutes (> 0, at most a year): the longest disruption the business
   * can bear before the harm is no longer acceptable (004 2.3.2, range of tolerance). An
   * outage longer than this is a tolerance breach.
   */
  toleranceMinutes: number;
  /** Whether a standby exists to fail over to (the scenario's `service.standby` is replaced by this). */
  standby: boolean;
}

/** One shift as written, in minutes. */
export interface Shift {
  /** Weekdays the shift starts on, 0 = Monday .. 6 = Sunday, ascending, each once. */
  days: number[];
  /** Minute of the day it starts (0..1439). */
  from: number;
  /**
   * Minute of the day it ends (1..1440). When `to <= from` the shift ends the next day
   * (an overnight shift); 00:00 to 24:00 is a whole day.
   */
  to: number;
  /** People on duty during the shift (an integer 0..1000). */
  staff: number;
}

/** A stretch of the week with a constant headcount, minutes from Monday 00:00: [start, end). */
export interface ScheduleBlock {
  start: number;
  end: number;
  staff: number;
}

/** Minutes of the week, [start, end). */
export interface WeekSpan {
  start: number;
  end: number;
}

/**
 * A team: people with a weekly shift schedule (Ciw's Schedule: headcount per period,
 * repeating every week) and optionally an on-call pool for the hours nobody is on shift.
 */
export interface Team {
  /** Key in the file's `teams` mapping. */
  id: string;
  name: string;
  /** The shifts as written (minutes), in file order. Overlapping shifts add their staff. */
  shifts: Shift[];
  /**
   * The week as consecutive blocks with the headcount on duty: sorted, non-overlapping,
   * covering [0, MINUTES_PER_WEEK) exactly, neighbours with different staff (zero-staff
   * blocks included). The capacity of the team's resource at minute m of the week.
   */
  schedule: ScheduleBlock[];
  /** Staff-minutes a week: the sum of staff x minutes over the schedule (and over the shifts written). */
  staffMinutesPerWeek: number;
  /** Stretches of the week with nobody on shift (the on-call pool's hours, if there is one). */
  gaps: WeekSpan[];
  /** People who can be paged in the gaps, or undefined when nobody can. */
  onCall?: {
    /** People in the on-call pool at once (an integer 1..100). */
    staff: number;
  };
  /** The activities this team does by default, and for which services (all of them, or the ones listed). */
  roles: Partial<Record<Activity, 'all' | string[]>>;
}

/** Which team does an activity for a service: routing[activity][serviceId] = teamId. */
export type Routing = Record<Activity, Record<string, string>>;

interface TemplateBase {
  /** Unique among templates: the scenario id unless the file gives one. Names the cause in results. */
  id: string;
  /** Mean arrivals a year (Poisson), 0..1e7. */
  perYear: number;
  /** Line of the entry in the file, for messages. */
  line?: number;
}

/** An incident or attack drawn from a scenario, at a yearly rate, hitting one service. */
export interface ScenarioTemplate extends TemplateBase {
  /** `incident`: an operational or change-caused fault (workload.incidents); `attack`: a security scenario (workload.attacks). */
  kind: 'incident' | 'attack';
  /** The scenario as written: a shipped id, or a path relative to the organization file. */
  scenarioRef: string;
  /** The checked scenario. Its `service` is the story's; the organization's service below replaces it. */
  scenario: Scenario;
  /** Id of the service it hits. */
  service: string;
  /** The team for every activity of this template: the routing for its service, with the template's `teams` pinned on top. */
  teams: Record<Activity, string>;
}

/**
 * Pure work for a queueing model (the M/M/c check): arrivals a year, each holding one
 * person of `team` for an exponentially distributed time with mean `meanWorkMinutes`.
 * No maturity workflow, no service, no outage: just work.
 */
export interface WorkTemplate extends TemplateBase {
  kind: 'work';
  /** Mean minutes of work an arrival takes (> 0, at most 30 days); exponentially distributed. */
  meanWorkMinutes: number;
  /** The team that does the work. */
  team: string;
}

export type Template = ScenarioTemplate | WorkTemplate;

/** A service the change workload touches, with its share of the changes. */
export interface ChangeTarget {
  service: string;
  /** Share of the week's changes that touch this service (the weights normalized to sum to 1). */
  share: number;
  /** Team that implements changes to this service (`implement`). */
  implement: string;
  /** Team that authorizes normal changes to this service (`authorize`, the CAB). */
  authorize: string;
}

/** The routine change volume. Changes fail at the calibrated rate of the profile's change level (the year does that). */
export interface ChangeWorkload {
  /** Mean changes a week (Poisson), 0..100000. */
  perWeek: number;
  /** Share of each kind of change (standard, normal, emergency), normalized; the calibration's `workload.mix` unless the file gives one. */
  mix: Record<ChangeKind, number>;
  /** `calibration workload.mix` or `organization file`. */
  mixFrom: 'calibration' | 'organization';
  /** Services changes touch, in file order (every service, equally, unless the file weights them). */
  targets: ChangeTarget[];
}

export interface Workload {
  /** Incident, attack and work templates, in file order: incidents, then attacks, then work. */
  templates: Template[];
  changes: ChangeWorkload;
}

/** Business hours and the change window. Hours are fractional hours of the day (8.5 = 08:30). */
export interface OrgCalendar {
  /** Business day start and end, Monday to Friday. */
  dayStart: number;
  dayEnd: number;
  /** Weekday (0 = Monday) and hour the weekly change window opens, and its length in hours. */
  windowDay: number;
  windowStart: number;
  windowHours: number;
  /** Which of these the file set; the others are the calibration's `calendar.*`. */
  overridden: string[];
}

/** The cost of raising a domain one level: to the level it is filed under, from the one below. */
export interface ImprovementCost {
  /** One-off dollars (projects, tooling, migration), 0..1e10. */
  oneOff: number;
  /** Dollars a year from then on (people, licences, services), 0..1e10. */
  perYear: number;
  /** A published figure, or `judgement: <reason>`. */
  source: string;
  /** `default` (src/org/improvement-costs.yaml) or `organization` (the file's own). */
  from: 'default' | 'organization';
}

/** Levels a domain can be raised to: 2..5 (level 1 is where every domain starts). */
export type RaisedLevel = Exclude<Level, 1>;
export type ImprovementCosts = Record<Domain, Record<RaisedLevel, ImprovementCost>>;

export interface Organization {
  /** The file's base name without extension (`midsize`). */
  id: string;
  /** The file it was read from, as given. */
  file: string;
  /** The organization's name, or the id when the file gives none. */
  name: string;
  description?: string;
  /** Named profiles in file order; the first is the baseline by convention. At least one. */
  profiles: NamedProfile[];
  /** Services in file order. */
  services: Service[];
  /** Teams in file order. */
  teams: Team[];
  /** Default team for each activity and service (from the teams' `roles`): complete for every activity and service. */
  routing: Routing;
  workload: Workload;
  calendar: OrgCalendar;
  improvementCosts: ImprovementCosts;
}
