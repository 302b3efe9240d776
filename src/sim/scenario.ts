// What the engine needs to know about a scenario: the types the scenario loader
// (src/scenario) produces after checking a YAML file. Times are minutes from the onset.
import type { ChangeFacts } from '../../machines/index.js';
import type { Dist } from '../calibration/index.js';
import type { Domain, Level } from '../model/index.js';

/** What a fault or attack makes observable; each maps to one detection channel. */
export const SIGNALS = ['users', 'down', 'saturation', 'anomaly', 'intrusion', 'external'] as const;
export type Signal = (typeof SIGNALS)[number];

/** The incident event each signal can raise, if the profile has that channel. */
export const SIGNAL_EVENTS: Record<Signal, string> = {
  users: 'USER_REPORT',
  down: 'AVAILABILITY_ALERT',
  saturation: 'PERFORMANCE_ALERT',
  anomaly: 'ANOMALY_DETECTED',
  intrusion: 'SECURITY_ALERT',
  external: 'EXTERNAL_NOTIFICATION',
};

/** How long something takes: a calibration parameter, or the scenario's own distribution. */
export type Timing = { param: string } | { dist: Dist; why?: string };

export const ATTACK_FLAGS = ['compromise', 'lateralMovement', 'exfiltration'] as const;
export type AttackFlag = (typeof ATTACK_FLAGS)[number];

export interface FaultPhase {
  name: string;
  /** Time from the previous phase's start; the first phase starts with the fault. */
  after?: Timing;
  /** Fraction of the business affected while this phase lasts (0..1). */
  impact: number;
  signals: Signal[];
}

export interface AttackStage {
  id: string;
  label: string;
  /** Time from the previous stage (or the attack's start). */
  after: Timing;
  flag?: AttackFlag;
  signals: Signal[];
  /** Loss in dollars if this stage happens; `breach` takes the calibrated breach cost. */
  loss: number | 'breach';
  /**
   * In a scenario with both an attack and a fault: the fault's phases begin when this
   * stage happens (ransomware's encryption takes the service down). Without such a
   * stage, the fault begins with the attack.
   */
  startsFault?: boolean;
}

export interface DecisionOption {
  id: string;
  label: string;
  /** The incident event this choice leads to; it must be one the state accepts. */
  event: string;
  after?: Timing;
  /** Levels the option needs beyond what the machine already requires. */
  requires: Partial<Record<Domain, Level>>;
  /** Why the option is unavailable below `requires`, shown greyed out. */
  why?: string;
  /** For a fix that goes through the change workflow: the change's facts. */
  change?: Partial<ChangeFacts>;
}

export interface DecisionPoint {
  id: string;
  /** Incident state where the room decides, e.g. `respond.remediating`. */
  at: string;
  /** A template, like an inject's text: `{time}`, `{elapsed}`, `{service}`... are filled in when it is asked. */
  prompt: string;
  /** The team that owns the decision (an id of `exercise.teams`). */
  team?: string;
  options: DecisionOption[];
}

/**
 * Something the simulation reaches, for injects, expectations and exercise modules: the
 * incident enters a state (or one inside it), a state with a tag (`detected`,
 * `acknowledged`, `restored`), or takes an event; an attacker stage or a fault phase
 * happens; another inject fires; the room takes a decision (optionally one option).
 */
export type Condition =
  | { tag: string }
  | { state: string }
  | { event: string }
  | { stage: string }
  | { phase: string }
  | { inject: string }
  | { decision: string; option?: string };

export interface Inject {
  /** Unique within the scenario; `inject-N` (1-based) when the file gives none. */
  id?: string;
  /** A fixed time, minutes from the onset; an inject has `at` or `when`, never both. */
  at?: number;
  /** Fires when the simulation first reaches this (plus `after`). */
  when?: Condition;
  /** Fixed minutes after the trigger, 0 when absent (no random draw: injects never shift the story's streams). */
  after?: number;
  /**
   * What the inject's text takes as known. Due while it is not yet true, the inject
   * waits and fires the moment it becomes true; never true, it never fires.
   */
  presumes?: Condition;
  /** The teams it is addressed to (ids of `exercise.teams`); absent or empty means the whole room. */
  to?: string[];
  /** A template: `{time}`, `{clock}`, `{day}`, `{elapsed}`, `{service}`, `{impact}`, `{onset}` are filled in when it fires. */
  text: string;
  /** A signal the inject brings (a customer's tweet is an external notification). */
  signal?: Signal;
  /** What the addressed teams should do, scored by the facilitator (exercise plans only). */
  expect?: Expectation[];
}

// ---- the exercise plan (tabletops only; the engine never reads it) --------------------

export const TEAM_ROLES = ['service-desk', 'operations', 'soc', 'leadership', 'communications'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

export interface Team {
  id: string;
  name: string;
  role: TeamRole;
  /** Who is in it, for expectations every member must meet; one member named after the team by default. */
  members: string[];
}

/**
 * What a team should do after an inject (OpenAEV's expectation): scored 0..100 by the
 * facilitator; success at or above `score`, failed at zero, partial in between.
 */
export interface Expectation {
  /** Unique within the scenario. */
  id: string;
  team: string;
  text: string;
  /** The expected score (success threshold), 1..100. */
  score: number;
  /** Simulated minutes allowed after the inject fires. */
  within?: number;
  /** `one`: one member meeting it is enough (team score = best member); `all`: every member must (team score = worst). */
  who: 'one' | 'all';
  /** The maturity domain the expectation exercises, for the improvement plan. */
  domain?: Domain;
  /** Something the simulation shows when the expectation is met (checked within `within`). */
  check?: Condition;
}

export interface Objective {
  id: string;
  text: string;
  /** The expectations that show whether it was met. */
  expectations: string[];
}

export interface ExerciseModule {
  id: string;
  title: string;
  /** When the module starts; the first module starts at the onset when absent. */
  from?: Condition;
  /** Discussion questions for the room. */
  questions: string[];
}

export interface LessonCategory {
  id: string;
  title: string;
  questions: string[];
}

export interface ExercisePlan {
  objectives: Objective[];
  teams: Team[];
  modules: ExerciseModule[];
  /** The lessons-learned round's categories and questions. */
  lessons: LessonCategory[];
}

export interface Scenario {
  id: string;
  title: string;
  source: { seed: string; section: string };
  /** The level the source document tells the story at. */
  toldAt: Level;
  /** The document's point at that level, in our words. */
  anecdote: string;
  kind: 'operational' | 'security' | 'change';
  /**
   * Whether the incident is urgent enough to wake people and skip the queue. Absent:
   * urgent for security alerts and when the impact reaches the paging threshold.
   */
  urgent?: boolean;
  /** `Mon 22:00`: weekday and time of the onset. */
  onset: string;
  service: {
    name: string;
    /** Fraction of the business affected at full impact (0..1): decides priority and major incidents. */
    impact: number;
    /** Dollars per minute of full business impact (the older way to give a cost); absent means costPerHour or the calibrated default. */
    costPerMinute?: number;
    /** Dollars per hour of this service's full outage, with where the figure comes from. */
    costPerHour?: number;
    costSource?: string;
    /** Whether a standby exists to fail over to. */
    standby: boolean;
  };
  fault?: { phases: FaultPhase[]; selfHealable: boolean; recurring: boolean };
  attack?: { signals: Signal[]; stages: AttackStage[]; recurring: boolean };
  change?: {
    /** `cause`: made before the onset, it caused the fault; `subject`: the scenario follows it from its request. */
    role: 'cause' | 'subject';
    /** When a causing change was made, minutes from the onset (zero or negative). */
    at: number;
    standard: boolean;
    emergency: boolean;
    /**
     * For a subject change: the chance it carries the defect that would hurt the service;
     * absent, the level's calibrated `change.defectRate`.
     */
    defect?: number;
  };
  /** Calibration entries this story pins (by parameter or by key), each with its reason in the file. */
  overrides: Readonly<Record<string, Dist>>;
  /**
   * `change`: the fix is itself a change through the change workflow (a patch). `backup`:
   * service comes back only by restoring the data from backup (encrypted or destroyed
   * data), a step of its own after containment, with its own chance of failing.
   */
  remediation: { via: 'fix' | 'change' | 'backup'; emergency: boolean };
  injects: Inject[];
  decisions: DecisionPoint[];
  /** The tabletop exercise plan: objectives, teams, modules, lessons-learned categories. */
  exercise?: ExercisePlan;
}
