// The environment: run until a time or until empty (quiet events aside), stop, reset; streams keyed by
// lifecycle index, with index 0 keyed as the streams always were.
import { describe, expect, it } from 'vitest';
import { Environment, purposeId, streamSeed, Streams } from '../../src/sim/environment/index.js';

describe('the environment', () => {
  it('runs events in order until a time, then on from there, and asks `idle` before ending', () => {
    const env = new Environment();
    const seen: [string, number][] = [];
    const note = (what: string) => () => seen.push([what, env.now]);
    env.scheduleCallback(30, 0, note('c'));
    env.scheduleCallback(10, 1, note('b'));
    env.scheduleCallback(10, 0, note('a'));
    env.run(20);
    expect(seen).toEqual([['a', 10], ['b', 10]]);
    expect(env.now).toBe(20);
    let woken = 0;
    env.run(Infinity, { idle: () => (woken++ === 0 ? (env.scheduleCallback(env.now + 5, 0, note('late')), true) : false) });
    expect(seen).toEqual([['a', 10], ['b', 10], ['c', 30], ['late', 35]]);
    expect(woken).toBe(2);
  });

  it('stops after the event that calls stop(), and never schedules into the past', () => {
    const env = new Environment();
    const seen: number[] = [];
    env.scheduleCallback(1, 0, () => {
      seen.push(env.now);
      env.scheduleCallback(-50, 0, () => seen.push(env.now));
      env.stop();
    });
    env.scheduleCallback(2, 0, () => seen.push(env.now));
    env.run();
    expect(seen).toEqual([1]);
    env.run();
    expect(seen).toEqual([1, 1, 2]);
    env.reset();
    expect([env.now, env.pending]).toEqual([0, 0]);
  });

  it('asks `idle` as soon as only quiet events are left, and fires them all the same', () => {
    const env = new Environment();
    const seen: [string, number][] = [];
    const quiet = (what: string) => () => {
      env.quiet--;
      seen.push([what, env.now]);
    };
    env.scheduleCallback(5, 0, () => seen.push(['story', env.now]));
    env.quiet++;
    env.scheduleCallback(100, 0, quiet('quiet'));
    const asked: number[] = [];
    let woken = false;
    env.run(Infinity, {
      idle: () => {
        asked.push(env.now);
        if (woken) return false;
        woken = true;
        env.scheduleCallback(env.now + 10, 0, () => seen.push(['woken', env.now]));
        return true;
      },
    });
    // Asked at 5, with only the quiet event left (not at 100, after it): the wake-up comes at 15.
    expect(seen).toEqual([['story', 5], ['woken', 15], ['quiet', 100]]);
    expect(asked).toEqual([5, 15, 100]);
    env.quiet++;
    env.reset();
    expect(env.quiet).toBe(0);
  });
});

describe('streams by lifecycle index', () => {
  it('index 0 draws exactly what the streams drew before there were indexes (the seed of (seed, scope, replication, purpose))', () => {
    // The same seed function the engine used, with no index, reproduced by hand.
    expect(streamSeed(1, 'db-plugin-cpu-spike', 7, 'serviceDesk.ackDelay', 0)).toBe(streamSeed(1, 'db-plugin-cpu-spike', 7, 'serviceDesk.ackDelay'));
    const a = new Streams(1, 'x', 3);
    const b = new Streams(1, 'x', 3, 0);
    expect([a.uniform('p'), a.uniform('p')]).toEqual([b.uniform('p'), b.uniform('p')]);
  });

  it('each index has streams of its own: a second lifecycle drawing changes nothing in the first', () => {
    const alone = new Streams(5, 'world', 2, 0);
    const first = [alone.uniform('q'), alone.uniform('q'), alone.uniform('q')];
    const one = new Streams(5, 'world', 2, 0);
    const two = new Streams(5, 'world', 2, 1);
    const mixed = [one.uniform('q'), two.uniform('q'), one.uniform('q'), two.uniform('q'), one.uniform('q')];
    expect([mixed[0], mixed[2], mixed[4]]).toEqual(first);
    expect(two.uniform('q')).not.toBe(first[2]);
    const seeds = new Set([0, 1, 2, 3, 1000].map((i) => streamSeed(5, 'world', 2, 'q', i)));
    expect(seeds.size).toBe(5);
  });

  it('a borrowed Streams object serves another index as a fresh one would', () => {
    const s = Streams.borrow(9, 'pool-test', 1, 4);
    const x = s.uniformAt(purposeId('r'));
    s.release();
    const again = Streams.borrow(9, 'pool-test', 1, 4);
    expect(again.uniformAt(purposeId('r'))).toBe(x);
    again.release();
    expect(Streams.borrow(9, 'pool-test', 1, 5).uniformAt(purposeId('r'))).toBe(new Streams(9, 'pool-test', 1, 5).uniform('r'));
  });
});
