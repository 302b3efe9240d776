// Assessment: "where are we today?". A questionnaire built from what each level has per
// domain in the seeds (000, 002, 003), each question citing its section; answers (from
// the terminal or a YAML file) scored to a level per domain with the evidence behind it,
// levels never skipped, and warnings where a level stands on a missing foundation.
// Pure: the questionnaire, the scoring, the reducer the Ink view drives, and the edit of
// an organization file's text. May import model and util; the CLI reads and writes files.

export * from './questions.js';
export * from './answers.js';
export * from './score.js';
export * from './session.js';
export * from './write.js';
