// The simulator, in SimPy's layers, from the bottom: environment/ (virtual clock, event
// queue ordered by time, priority and sequence, random streams keyed by seed, scope,
// replication, lifecycle index and purpose, the wall-clock calendar), resources/ (teams
// whose head count follows a shift schedule, with on-call and preemptive-resume, and an
// unlimited team; Erlang C), lifecycles/ (an incident or a change: stepper state, typed
// flags, handlers that return the next activity), world/ (stories of faults, attackers,
// detection channels, decisions, injects and the change-incident link; arrivals; the
// M/M/c model) and observers/ (the event log, streamed metrics). engine.ts is the
// single-scenario entry point: a world of one story with unlimited staff.
// constants.ts, scenario.ts and log.ts are the types and constants every layer shares.
// May import machines, model, calibration and util; never files, the terminal or the
// machine's clock. Every number comes from the calibration table (constants.ts holds
// the structural ones). test/sim/layers.test.ts checks the direction of the imports.
export {
  EngineError,
  firstOpenOption,
  simulate,
  simulateMetrics,
  UNLIMITED_STAFF,
  type DecisionPolicy,
  type DecisionRequest,
  type OptionView,
  type RunOptions,
  type SimResult,
  type StepperKind,
} from './engine.js';
export { CHANNELS, metricsOf, MetricsObserver, LogObserver, type Channel, type Metrics } from './observers/index.js';
export { conditionText, fillTemplate, firstMet, InjectTriggers, satisfies, TEMPLATE_FIELDS, type DueInject } from './world/index.js';
export type { Condition, Inject, Scenario, Signal, Timing } from './scenario.js';
export type { LogEntry } from './log.js';
