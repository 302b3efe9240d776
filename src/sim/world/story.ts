// A story: one scenario playing out in a world, from its onset. It owns the lifecycles
// the scenario gives rise to (the incident, the change that caused it, the change that
// fixes it), the fault and attacker state, and the streams of its lifecycle index, which
// all of them draw from: so a single scenario's story draws exactly what the one-story
// engine always drew, and another story never shifts its draws.
import type { ChangeFacts } from '../../../machines/index.js';
import type { Streams } from '../environment/index.js';
import type { ChangeLifecycle, IncidentLifecycle } from '../lifecycles/index.js';
import type { Scenario } from '../scenario.js';
import type { InjectTriggers } from './injects.js';
import type { Plan } from './plan.js';

export class Story {
  incident: IncidentLifecycle<Story> | undefined;
  change: ChangeLifecycle<Story> | undefined;
  /** Changes started so far (a remediation change that fails is tried again, up to a bound). */
  changeAttempts = 0;
  /** What the remediation change is asked to be (for a retry). */
  remediationFacts: Partial<ChangeFacts> | undefined;
  /** A remediation change has deployed: the fix it carries (a patch) is in place for good. */
  patched = false;
  /** When the fault (or attack) began doing harm: metrics count from here. */
  faultStart: number | undefined;
  /** The impact of the fault's latest phase: what a reopening brings back. */
  phaseImpact = 0;
  /** The share of the business affected now. */
  impact = 0;
  restored = false;
  /** The attacker can do no more (contained, or the door closed by restoring service). */
  contained = false;
  /** Whether an undetected incident has already been given its late discovery. */
  lateDiscovery = false;
  /** Its injects' triggers; undefined when none of its injects run. */
  injects: InjectTriggers | undefined;

  constructor(
    /** Its lifecycle index: which streams it draws from. */
    readonly index: number,
    readonly scenario: Scenario,
    readonly plan: Plan,
    readonly streams: Streams,
    /** The world's time at its onset. */
    readonly origin: number,
  ) {}
}
