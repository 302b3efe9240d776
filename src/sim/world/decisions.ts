// Decision points: where a scenario lets people choose (a tabletop's room, a replay of
// its choices). The world asks a policy at each point it reaches; without a policy every
// state runs its calibrated behaviour.
import type { DecisionPoint } from '../scenario.js';

export interface OptionView {
  /** 1-based number as shown to people. */
  index: number;
  id: string;
  label: string;
  open: boolean;
  /** Why the option is not open at this profile. */
  reason?: string;
}

export interface DecisionRequest {
  point: DecisionPoint;
  options: OptionView[];
  t: number;
  /** How many decisions came before this one in the replication. */
  occurrence: number;
}

/**
 * Picks an option id; `undefined` stops the replication at this decision (it comes back
 * as `SimResult.pending`); `null` leaves this one decision to the state's calibrated
 * behaviour, as if no policy were given (a replay where the room's choice does not
 * apply, or a decision with no option open at the profile).
 */
export type DecisionPolicy = (request: DecisionRequest) => string | null | undefined;

/** The first option open at the profile: what Enter takes in a tabletop. */
export const firstOpenOption: DecisionPolicy = (r) => r.options.find((o) => o.open)?.id;
