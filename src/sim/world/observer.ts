// What a world tells its observers as things happen. Observers (the event log, streamed
// metrics, a live view) implement this; the world keeps nothing for them.
import type { Lifecycle } from '../lifecycles/index.js';
import type { AttackStage, DecisionOption, DecisionPoint, FaultPhase } from '../scenario.js';
import type { InjectEntry } from './injects.js';
import type { Story } from './story.js';

export interface WorldObserver {
  /** A lifecycle started (an incident is opened, a change requested) in its initial state. */
  started(t: number, story: Story, lc: Lifecycle, note: string): void;
  /** A lifecycle took `event`, leaving the state with path `from`; its new state is `lc.state`. */
  stepped(t: number, story: Story, lc: Lifecycle, event: string, from: string): void;
  /** A fault phase began, or was never reached because service was restored first. */
  phase(t: number, story: Story, phase: FaultPhase, happened: boolean): void;
  /** An attacker stage completed with its loss, or was stopped by containment. */
  stage(t: number, story: Story, stage: AttackStage, happened: boolean, loss: number): void;
  /** The share of the business affected changed. */
  impact(t: number, story: Story, impact: number): void;
  /** An inject reached the room: its log entry (text filled in, addressees, when it was first due if it waited). */
  inject(t: number, story: Story, entry: InjectEntry): void;
  /** The policy chose `option` (shown as number `index`) at a decision point. */
  decision(t: number, story: Story, point: DecisionPoint, option: DecisionOption, index: number): void;
}
