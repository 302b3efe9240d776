// The single-scenario entry point: one replication of a scenario at a profile is a world
// of one story with unlimited staff, watched by an event log (`simulate`) or by streamed
// metrics alone (`simulateMetrics`, for sweeps: no log is kept). The layers below, from
// the bottom: environment/ (clock, event queue, streams, calendar), resources/ (teams),
// lifecycles/ (incidents and changes, their handlers), world/ (stories, faults,
// attackers, detection, decisions, arrivals), observers/ (log, metrics).
// May import every layer of src/sim; never stats, sweep, cli, tui or report.
import type { Calibration } from '../calibration/index.js';
import { canonicalProfile, type Cap, type Profile } from '../model/index.js';
import { Environment, Streams, type Calendar } from './environment/index.js';
import type { StepperFactory } from './lifecycles/index.js';
import type { LogEntry } from './log.js';
import { LogObserver, MetricsObserver, type Metrics } from './observers/index.js';
import { UnlimitedTeam } from './resources/index.js';
import { UserError } from '../util/errors.js';
import type { Scenario } from './scenario.js';
import { planFor, World, type DecisionPolicy, type DecisionRequest, type StepperKind, type WorldObserver } from './world/index.js';

export { firstOpenOption, type DecisionPolicy, type DecisionRequest, type OptionView, type StepperKind } from './world/index.js';

/**
 * The staffing a single-scenario run assumes, as its output says it: everyone needed is
 * there at once, so nobody waits for a person; the waiting a real queue adds is in the
 * calibration's elapsed times instead (serviceDesk.ackDelay and lowPriorityBacklog,
 * change.cabWait and assessTime, ...). `imsim year` simulates the queues instead.
 */
export const UNLIMITED_STAFF = 'unlimited, queueing from calibration (its elapsed times include waiting; `imsim year` queues on teams)';

export interface RunOptions {
  seed: number;
  replication: number;
  calibration: Calibration;
  /** Which stepper runs the machines (default compiled), or a factory of your own (a bench recording the steps). */
  stepper?: StepperKind | StepperFactory;
  /**
   * Who answers the scenario's decision points. Without one, decision points stay
   * silent and every state runs its calibrated behaviour: what an organization at the
   * profile usually does. Tabletops and `--decisions` pass one.
   */
  policy?: DecisionPolicy;
  /**
   * Whether quiet injects run (default true): those that bring no signal, and that no
   * inject with a signal waits for. They change nothing but the log (a property test holds
   * the engine to it), so runs that read only metrics leave them out and skip their cost;
   * tabletops, `run` and anything showing the log keep them. `simulateMetrics` always
   * leaves them out.
   */
  quietInjects?: boolean;
}

export interface SimResult {
  scenario: string;
  profile: Profile;
  /** The levels the profile delivers after "do not skip levels" caps. */
  effective: Profile;
  caps: Cap[];
  seed: number;
  replication: number;
  log: LogEntry[];
  /** The scenario's wall clock, for showing times. */
  calendar: Calendar;
  /** When the fault began doing harm (metrics count from here); undefined if it never did. */
  faultStart?: number;
  /** Set when the policy declined to choose: the replication stopped here. */
  pending?: DecisionRequest;
}

/**
 * A bug inside the engine (a loop that never ends, an incident stalled with nothing to
 * wake it), named with everything needed to replay it.
 */
export class EngineError extends Error {
  override name = 'EngineError';
  /** The command that replays the replication. */
  readonly replay: string;

  constructor(
    readonly reason: string,
    readonly scenario: string,
    readonly profile: Profile,
    readonly seed: number,
    readonly replication: number,
    calibration: Calibration,
    withPolicy: boolean,
    options?: { cause?: unknown },
  ) {
    const p = canonicalProfile(profile);
    const replay = `imsim run ${scenario} --profile ${p} --seed ${seed} --replication ${replication}${calibration.overridden.length ? ' --calibration <the same file>' : ''}`;
    const decided = withPolicy ? '\n(this replication took decisions from a policy: replay it with the same decisions in `imsim tabletop`)' : '';
    super(`${scenario} at profile ${p}, seed ${seed}, replication ${replication}: ${reason}\nreplay it with: ${replay}${decided}`, options);
    this.replay = replay;
  }
}

/**
 * An environment and its unlimited team, kept from one replication to the next; taken
 * while a replication runs, so a nested run (a policy that simulates) makes its own.
 */
let spare: { env: Environment; everyone: UnlimitedTeam } | undefined;

/** Runs a world of one story to its end; an engine error comes out naming the replication and how to replay it. */
function play(scenario: Scenario, profile: Profile, opts: RunOptions, observer: WorldObserver, quietInjects: boolean): { world: World; pending?: DecisionRequest } {
  const plan = planFor(scenario, profile, opts.calibration);
  const streams = Streams.borrow(opts.seed, scenario.id, opts.replication);
  let kept = spare;
  spare = undefined;
  if (!kept) {
    const env = new Environment();
    kept = { env, everyone: new UnlimitedTeam(env, 'everyone') };
  }
  const env = kept.env;
  const world = new World(plan.calendar, observer, { stepper: opts.stepper, policy: opts.policy, everyone: kept.everyone, quietInjects }, env);
  try {
    world.begin(0, scenario, plan, streams);
    world.run();
  } catch (e) {
    // A user's mistake surfacing through a policy (a tabletop's choice) is theirs, not the engine's.
    if (e instanceof EngineError || e instanceof UserError) throw e;
    const reason = e instanceof Error ? e.message : String(e);
    throw new EngineError(reason, scenario.id, profile, opts.seed, opts.replication, opts.calibration, Boolean(opts.policy), { cause: e });
  } finally {
    streams.release();
    env.reset();
    kept.everyone.stats.reset(0);
    spare = kept;
  }
  return { world, ...(world.pending ? { pending: world.pending } : {}) };
}

/** Runs one replication and keeps its log. Same scenario, profile, calibration, seed and replication: same log. */
export function simulate(scenario: Scenario, profile: Profile, opts: RunOptions): SimResult {
  const observer = new LogObserver();
  const { world, pending } = play(scenario, profile, opts, observer, opts.quietInjects ?? true);
  const plan = planFor(scenario, profile, opts.calibration);
  const faultStart = world.stories[0]!.faultStart;
  return {
    scenario: scenario.id,
    profile,
    effective: plan.effective,
    caps: plan.caps,
    seed: opts.seed,
    replication: opts.replication,
    log: observer.log,
    calendar: plan.calendar,
    ...(faultStart !== undefined ? { faultStart } : {}),
    ...(pending ? { pending } : {}),
  };
}

/**
 * One replication's metrics, streamed as it runs (no log is kept): what `metricsOf(simulate(...))`
 * gives, faster. Quiet injects are left out by design: metrics never see them.
 */
export function simulateMetrics(scenario: Scenario, profile: Profile, opts: Omit<RunOptions, 'policy' | 'quietInjects'>, costPerMinute: number): Metrics {
  const observer = new MetricsObserver();
  const { world } = play(scenario, profile, opts, observer, false);
  return observer.metrics(world.stories[0]!, costPerMinute);
}
