// The simulator: one seeded replication of a scenario at a maturity profile. Layers, in
// SimPy's order: the event queue (queue.ts), the wall clock (calendar.ts), random streams
// (rng.ts), the stepping interface and the compiled machines (stepper.ts, compile.ts), the
// processes that say when things happen (incident-process.ts, change-process.ts), the
// injects the story triggers (injects.ts), and the engine that runs them (engine.ts);
// metrics are read from the event log (metrics.ts).
// May import machines, model, calibration and util; never files, the terminal or the
// machine's clock. Every number comes from the calibration table (constants.ts holds the
// structural ones).
export { simulate, firstOpenOption, type SimResult, type RunOptions, type DecisionPolicy, type DecisionRequest, type OptionView } from './engine.js';
export { metricsOf, CHANNELS, type Metrics, type Channel } from './metrics.js';
export { InjectTriggers, fillTemplate, firstMet, satisfies, conditionText, TEMPLATE_FIELDS, type DueInject } from './injects.js';
export type { Scenario, Signal, Timing, Condition, Inject } from './scenario.js';
export type { LogEntry } from './log.js';
