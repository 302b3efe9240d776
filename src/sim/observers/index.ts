// Observers: the top layer. They implement the world's WorldObserver and keep what is
// asked for: the full event log (LogObserver: `run`, the tabletop, tests) or per-story
// metrics streamed into accumulators as things happen (MetricsObserver: sweeps, and a
// year, which must not keep its log). Team figures (busy time, waits, queue lengths,
// pages) are counted by the teams themselves (resources/stats.ts) and read from there.
// May import every layer below (environment, resources, lifecycles, world) and
// src/sim's constants, scenario and log types; never stats, sweep, cli, tui or report.
export { LogObserver } from './log.js';
export { CHANNELS, MetricsAccumulator, MetricsObserver, metricsOf, type Channel, type Metrics } from './metrics.js';
