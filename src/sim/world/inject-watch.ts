// What a story's injects wait for, shown to them as it happens: the world tells this
// observer in place of its own when some story has injects that watch the log. It passes
// everything on, then gives each story's triggers the log entries of the kinds they
// watch (entries.ts, the same the event log keeps). A world with no such story never
// installs it, so batch runs pay nothing for it.
import type { Lifecycle } from '../lifecycles/index.js';
import type { LogEntry } from '../log.js';
import type { AttackStage, DecisionOption, DecisionPoint, FaultPhase } from '../scenario.js';
import { decisionEntry, phaseEntry, stageEntry, startEntry, stepEntry } from './entries.js';
import type { InjectEntry } from './injects.js';
import type { WorldObserver } from './observer.js';
import type { Story } from './story.js';

/** Where the watch hands an entry that concerns a story's injects (the world, which schedules what it triggers). */
export interface InjectSink {
  saw(story: Story, entry: LogEntry): void;
}

export class InjectWatch implements WorldObserver {
  constructor(
    private readonly inner: WorldObserver,
    private readonly sink: InjectSink,
  ) {}

  started(t: number, story: Story, lc: Lifecycle, note: string): void {
    this.inner.started(t, story, lc, note);
    if (story.injects?.watches('start')) this.sink.saw(story, startEntry(t, lc, note));
  }

  stepped(t: number, story: Story, lc: Lifecycle, event: string, from: string): void {
    this.inner.stepped(t, story, lc, event, from);
    if (story.injects?.watches('step')) this.sink.saw(story, stepEntry(t, lc, event, from));
  }

  phase(t: number, story: Story, phase: FaultPhase, happened: boolean): void {
    this.inner.phase(t, story, phase, happened);
    if (story.injects?.watches('phase')) this.sink.saw(story, phaseEntry(t, phase, happened));
  }

  stage(t: number, story: Story, stage: AttackStage, happened: boolean, loss: number): void {
    this.inner.stage(t, story, stage, happened, loss);
    if (story.injects?.watches('stage')) this.sink.saw(story, stageEntry(t, stage, happened, loss));
  }

  impact(t: number, story: Story, impact: number): void {
    this.inner.impact(t, story, impact);
  }

  inject(t: number, story: Story, entry: InjectEntry): void {
    this.inner.inject(t, story, entry);
    if (story.injects?.watches('inject')) this.sink.saw(story, entry);
  }

  decision(t: number, story: Story, point: DecisionPoint, option: DecisionOption, index: number): void {
    this.inner.decision(t, story, point, option, index);
    if (story.injects?.watches('decision')) this.sink.saw(story, decisionEntry(t, point, option, index));
  }
}
