// The metrics of one replication: this path stays the public one (compare, sweep, checks
// and the tabletop import it); the code lives with the other observers.
export * from './observers/metrics.js';
