// The world: the fourth layer. Stories (a scenario's fault and its phases, its attacker
// and its stages, the incident they cause, the change behind it or the change that fixes
// it), detection channels, decision points, the injects the story triggers (injects.ts,
// watched through inject-watch.ts), arrivals, and the teams they share, on one
// environment. Today's single scenario is a world of one story with unlimited staff
// (src/sim/engine.ts); a world can hold many stories, each on its own lifecycle index,
// and teams with shifts (org.ts: an organization's year of arrivals on its shared teams).
// The world tells an observer what happens; it counts nothing.
// May import the environment, resources and lifecycles layers, src/sim's constants,
// scenario and log types, and machines, model and calibration; nothing from observers.
export { PoissonArrivals } from './arrivals.js';
export { firstOpenOption, type DecisionPolicy, type DecisionRequest, type OptionView } from './decisions.js';
export { SIGNAL_DELAYS } from './detection.js';
export { decisionEntry, phaseEntry, stageEntry, startEntry, stepEntry } from './entries.js';
export {
  conditionText,
  fillTemplate,
  firstMet,
  impactAt,
  injectId,
  InjectTriggers,
  quietInjects,
  satisfies,
  TEMPLATE_FIELDS,
  templateFields,
  withinState,
  type DueInject,
  type InjectEntry,
  type TemplateContext,
  type TemplateField,
} from './injects.js';
export { simulateMMc, type MMcModel, type MMcResult } from './mmc.js';
export type { WorldObserver } from './observer.js';
export { Plan, planFor, samplerOfDist } from './plan.js';
export { Story } from './story.js';
export { World, type StepperKind, type WorldOptions } from './world.js';
export {
  activityFor,
  CHANGE_TEMPLATE,
  OrgWorld,
  WORK_ACTIVITIES,
  type OrgChanges,
  type OrgChangeTarget,
  type OrgModel,
  type OrgStory,
  type OrgStoryTemplate,
  type OrgTeamModel,
  type OrgWorkTemplate,
  type OrgWorldOptions,
  type TeamTable,
  type WorkActivity,
} from './org.js';
