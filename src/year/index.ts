// A year of operations: an organization's incidents, attacks, changes and routine work
// arriving at their own rates and competing for its shared teams, simulated year after
// year at each of its profiles with common random numbers. model.ts turns an organization
// into the simulator's world model (and says what the figures assume: service levels,
// on-call response); simulate.ts plays one year into a vector of figures; run.ts runs
// blocks of years; result.ts sums them into the YearResult data that renderers format.
// Pure: no files, no terminal, no workers, no clock. May import model, calibration, org,
// sim, stats and experiment (a year is one replication of the experiment).
export { FAILED_CHANGE, ON_CALL_RESPONSE_MINUTES, SERVICE_LEVELS, yearModel, type ServiceLevel, type YearModel } from './model.js';
export { Layout, playYear, simulateYear, SERVICE_FIGURES, TEAM_FIGURES, TOTAL_FIGURES, type PlayedYear, type YearRun } from './simulate.js';
export { addYears, runYearExperiment, runYears, shardYears, yearPlan, yearReplicable, type YearPlan } from './run.js';
export {
  layoutOf,
  lossGrid,
  yearFrame,
  type YearFrame,
  YEAR_RESULT_VERSION,
  YearAccumulator,
  yearResult,
  type CauseYear,
  type Delta,
  type Figure,
  type ProfileYear,
  type ServiceYear,
  type TeamYear,
  type TeamFigureName,
  type TotalName,
  type ServiceFigureName,
  type YearResult,
} from './result.js';
