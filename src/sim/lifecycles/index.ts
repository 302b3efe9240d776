// Lifecycles: the third layer. A lifecycle is one incident or one change: its stepper
// state (a compiled table or XState, through the Stepper interface), typed flags, its
// own random streams (keyed by its index, so adding one never shifts another's draws)
// and its handlers. A handler does not sleep: entering a state, it returns the next
// activity (a team's work for some minutes, time passing, or a wait until a time, each
// ending in an event), and the Runner asks the team, holds it for the work, releases it
// and fires the event, unless the lifecycle has moved on meanwhile (its generation).
// Handlers are in incident.ts and change.ts, keyed by state path.
// May import the environment and resources layers, src/sim's constants, scenario and
// log types, and machines, model and calibration; nothing from world or observers.
export { Activity, Lifecycle, paramOf, params, Runner, type Clock, type Handler, type Param, type ParamSlot, type Tables, type TeamRole } from './lifecycle.js';
export { IncidentLifecycle, incidentHandlers, INCIDENT_WAITS, type Responder } from './incident.js';
export { ChangeLifecycle, changeHandlers, CHANGE_WAITS, type ChangeRole } from './change.js';
export { actorStepper, blockedReasons, stateKeyOf, xstateStepper, type Stepper, type StepperFactory } from './stepper.js';
export { compiled, compiledStepper, compileWorkflow, machineTags, ruleSignature, type CompiledWorkflow } from './compile.js';
