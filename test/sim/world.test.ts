// A world of several stories: each draws from its own lifecycle index, so a second story
// changes nothing in the first when staff is unlimited; with a shared team of one they
// compete for it, and the queue shows it.
import { describe, expect, it } from 'vitest';
import { defaultCalibration } from '../../src/calibration/index.js';
import { uniformProfile } from '../../src/model/index.js';
import { Environment, Streams } from '../../src/sim/environment/index.js';
import type { Lifecycle } from '../../src/sim/lifecycles/index.js';
import { Schedule, ShiftTeam } from '../../src/sim/resources/index.js';
import { planFor, World, type Story, type WorldObserver, type WorldOptions } from '../../src/sim/world/index.js';
import { builtinScenarios } from '../support/scenarios.js';

const cal = defaultCalibration();
const scenarios = builtinScenarios();
const SEED = 4;

/** Every step and stage of each story, by story index. */
class PerStory implements WorldObserver {
  readonly lines: string[][] = [];
  private add(story: Story, line: string) {
    (this.lines[story.index] ??= []).push(line);
  }
  started(t: number, story: Story, lc: Lifecycle, note: string) {
    this.add(story, `${t} start ${lc.machine} ${note}`);
  }
  stepped(t: number, story: Story, lc: Lifecycle, event: string) {
    this.add(story, `${t} ${lc.machine} ${event}`);
  }
  phase(t: number, story: Story, _: unknown, happened: boolean) {
    this.add(story, `${t} phase ${happened}`);
  }
  stage(t: number, story: Story, _: unknown, happened: boolean) {
    this.add(story, `${t} stage ${happened}`);
  }
  impact(t: number, story: Story, impact: number) {
    this.add(story, `${t} impact ${impact}`);
  }
  inject() {}
  decision() {}
}

/** Plays the named scenarios as stories 0, 1, ... of one world, the n-th starting n hours in. */
function play(ids: string[], level: 1 | 2 | 3 | 4 | 5, opts: (env: Environment) => WorldOptions = () => ({})) {
  const observer = new PerStory();
  const first = planFor(scenarios.find((s) => s.id === ids[0])!, uniformProfile(level), cal);
  const env = new Environment();
  const world = new World(first.calendar, observer, opts(env), env);
  const streams: Streams[] = [];
  ids.forEach((id, i) => {
    const scenario = scenarios.find((s) => s.id === id)!;
    env.scheduleCallback(i * 60, 0, () => {
      const s = Streams.borrow(SEED, 'world-test', 0, i);
      streams.push(s);
      world.begin(i, scenario, planFor(scenario, uniformProfile(level), cal), s);
    });
  });
  world.run();
  streams.forEach((s) => s.release());
  return { observer, world };
}

describe('a world of several stories', () => {
  it(`with unlimited staff, a second story changes nothing in the first (own streams by lifecycle index; seed ${SEED})`, () => {
    for (const level of [1, 3, 5] as const) {
      const alone = play(['db-plugin-cpu-spike'], level).observer.lines[0];
      const together = play(['db-plugin-cpu-spike', 'suspicious-login-2am'], level).observer.lines;
      expect(together[0], `level ${level}`).toEqual(alone);
      expect(together[1]!.length).toBeGreaterThan(0);
    }
  });

  it(`with one person on the service desk and in the SOC, three stories compete: some work waits, and every incident still closes with nobody left in the queue (seed ${SEED})`, () => {
    let desk!: ShiftTeam;
    let soc!: ShiftTeam;
    const { observer } = play(['db-plugin-cpu-spike', 'branch-network-degradation', 'san-controller-latency'], 2, (env) => {
      desk = new ShiftTeam(env, { name: 'service desk', schedule: Schedule.always(1) }, 0);
      soc = new ShiftTeam(env, { name: 'SOC', schedule: Schedule.always(1) }, 0);
      return { teams: { serviceDesk: desk, secOps: soc } };
    });
    for (const lines of observer.lines) expect(lines!.some((l) => l.endsWith('incident CLOSED') || l.endsWith('incident PROBLEM_RECORDED'))).toBe(true);
    expect(desk.stats.requests).toBeGreaterThan(10);
    expect(desk.stats.waited).toBeGreaterThan(0);
    expect(desk.stats.meanWait).toBeGreaterThan(0);
    expect(desk.queueLength).toBe(0);
  });
});
