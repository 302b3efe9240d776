// Tabletop exercises without a terminal: the room's decisions replayed through the
// engine (session), the facilitator's keys as a pure state machine (facilitator), the
// two views of one story (views), the exercise plan at play (exercise), the session file
// and the facilitator's record (record), the search for the best choices (search), and
// the after-action review with its improvement plan (after-action).
// May import model, calibration, sim, scenario (constants), stats and report; never
// files, the terminal, Ink or the machine's clock, so the CLI, the Ink view and tests
// share one behaviour.
export * from './session.js';
export * from './after-action.js';
export * from './facilitator.js';
export * from './exercise.js';
export * from './record.js';
export * from './search.js';
export * from './views.js';
