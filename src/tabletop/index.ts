// Tabletop exercises without a terminal: the room's decisions replayed through the
// engine (session), the facilitator's keys as a pure state machine (facilitator), and
// the after-action record with the replay one level up (after-action).
// May import model, calibration, sim, stats and report; never files, the terminal, Ink
// or the machine's clock, so the CLI, the Ink view and tests share one behaviour.
export * from './session.js';
export * from './after-action.js';
export * from './facilitator.js';
