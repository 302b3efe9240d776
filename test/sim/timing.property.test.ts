// When things happen: properties of the simulator's clock, read from the event log of
// `simulate` alone (the public API: `simulate(scenario, profile, options)` returning a
// log and `faultStart`), so they hold whatever shape the engine takes inside.
//
// - After hours, an acknowledgement comes only out of a page or a call-out, or once the
//   business day has started; pages, call-outs and waits happen only after hours, and a
//   wait ends at the very next start of a business day.
// - Each wait is as long as its calibrated delay allows: with the delays set to PERT
//   distributions (bounded on both sides), every stretch of the log that one draw decides
//   (a page answered, a call-out answered, a report logged, a queue worked through) lies
//   between that distribution's minimum and maximum. So acknowledgement minus detection is
//   at least the smallest of the queue, paging and call-out minimums.
// - Common random numbers for every signal source: a signal's detection delay from one
//   source (a fault phase, an attacker stage, the attack itself) is drawn from its own
//   stream, so replication i sees it at the same time at every profile where the channel
//   exists, whatever other channels the profile has.
//
// Scenarios are the generator's (test/support/scenarios.ts, mixed fault-and-attack ones
// included once the format allows them) and the shipped ones; fast-check prints the seed
// and the shrunk counterexample of a failure.
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { applyOverrides, defaultCalibration, sampler, type Calibration, type Dist } from '../../src/calibration/index.js';
import { DOMAINS, effectiveProfile, type Profile } from '../../src/model/index.js';
import { simulate, type LogEntry, type Scenario } from '../../src/sim/index.js';
import { arbProfile } from '../support/arbitraries.js';
import { arbAnyScenario } from '../support/scenarios.js';

const cal = defaultCalibration();
const arbSeed = fc.integer({ min: 0, max: 2 ** 31 - 1 });
const arbRep = fc.integer({ min: 0, max: 100_000 });
/** Times computed by adding and subtracting minutes agree to well within this. */
const EPS = 1e-6;

type Step = Extract<LogEntry, { kind: 'step' }>;
const incidentSteps = (log: readonly LogEntry[]) => log.filter((e): e is Step => e.kind === 'step' && e.machine === 'incident');

// ---- the business day, computed here from the calibration and the scenario's onset ----

const MINUTES_PER_DAY = 24 * 60;
const WEEK = 7 * MINUTES_PER_DAY;
/** Monday to Friday (days 0..4 from Monday). */
const WORKDAYS = 5;
const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const fixedValue = (c: Calibration, key: string) => sampler(c.byKey.get(key)!.dist).mean;

/** The business day of a scenario as seen from the log's minutes: open, closed, and its openings. */
function businessDay(c: Calibration, scenario: Scenario) {
  const [day, hm] = scenario.onset.split(' ') as [string, string];
  const anchor = DAY_NAMES.indexOf(day) * MINUTES_PER_DAY + Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3, 5));
  const open = fixedValue(c, 'calendar.businessDayStart') * 60;
  const close = fixedValue(c, 'calendar.businessDayEnd') * 60;
  const at = (t: number) => {
    const w = (((anchor + t) % WEEK) + WEEK) % WEEK;
    const d = Math.floor(w / MINUTES_PER_DAY);
    return { weekday: d < WORKDAYS, minute: w - d * MINUTES_PER_DAY };
  };
  return {
    /** Certainly within business hours (not within EPS of an edge). */
    open: (t: number) => {
      const x = at(t);
      return x.weekday && x.minute > open + EPS && x.minute < close - EPS;
    },
    /** Certainly outside business hours. */
    closed: (t: number) => {
      const x = at(t);
      return !x.weekday || x.minute < open - EPS || x.minute > close + EPS;
    },
    /** The first opening of a business day at or after t. */
    nextOpening: (t: number) => {
      const today = t - at(t).minute;
      for (let d = 0; d <= 7; d++) {
        const opening = today + d * MINUTES_PER_DAY + open;
        if (opening >= t - EPS && at(opening).weekday) return opening;
      }
      throw new Error('no business day within a week');
    },
  };
}

/** Profiles whose two responding teams (service desk and SOC) deliver the same level, so who answers does not matter. */
const lead = fixedValue(cal, 'model.foundationLead');
const arbSameTeams = arbProfile
  // The SOC builds on config and observability, the desk on observability alone: config at
  // least observability gives both the same ceiling, so "do not skip levels" caps them alike.
  .map((p): Profile => ({ ...p, secOps: p.serviceDesk, config: Math.max(p.config, p.observability) as Profile['config'] }))
  .filter((p) => {
    const e = effectiveProfile(p, lead).profile;
    return e.serviceDesk === e.secOps;
  });
const teamLevel = (p: Profile) => effectiveProfile(p, lead).profile.serviceDesk;

describe('after hours', () => {
  test.prop([arbAnyScenario, arbSameTeams, arbSeed, arbRep], { numRuns: 300 })(
    'an acknowledgement outside business hours comes out of a page or a call-out, or once a business day has started; pages, call-outs and waits happen only after hours',
    (scenario, profile, seed, replication) => {
      const r = simulate(scenario, profile, { seed, replication, calibration: cal });
      const day = businessDay(cal, scenario);
      const steps = incidentSteps(r.log);
      const coveredAllHours = teamLevel(profile) >= 3; // identical cover on every shift (000 Level 3, Attributes)
      let waitedAt: number | undefined;
      for (const e of steps) {
        const where = `${e.event} at minute ${e.t} (${e.from} -> ${e.to}), profile team level ${teamLevel(profile)}`;
        if (['AFTER_HOURS', 'PAGE_ON_CALL', 'CALLED_OUT', 'WAIT_FOR_BUSINESS_HOURS'].includes(e.event)) {
          expect(day.open(e.t), `${where}: happens within business hours`).toBe(false);
          expect(coveredAllHours, `${where}: a team with round-the-clock cover has no after-hours gap`).toBe(false);
        }
        if (e.event === 'WAIT_FOR_BUSINESS_HOURS') waitedAt = e.t;
        if (e.event === 'BUSINESS_HOURS') {
          expect(waitedAt, `${where}: no wait before it`).toBeDefined();
          expect(e.t, `${where}: not the first opening after the wait at ${waitedAt}`).toBeCloseTo(day.nextOpening(waitedAt!), 6);
          waitedAt = undefined;
        }
        if (e.event === 'ACKNOWLEDGED' && !coveredAllHours && day.closed(e.t)) {
          expect(e.from, `${where}: acknowledged outside business hours without a page or a call-out`).toBe('categorize.paging');
        }
      }
    },
  );
});

// ---- delays bounded on both sides --------------------------------------------------------

/** The parameters a responder's acknowledgement draws on, per stretch of the log. */
const DELAYS = {
  page: ['serviceDesk.pageResponse', 'secOps.pageResponse'],
  callout: ['serviceDesk.informalCalloutDelay'],
  queue: ['serviceDesk.ackDelay', 'secOps.ackDelay'],
  backlog: ['serviceDesk.lowPriorityBacklog'],
  intake: ['serviceDesk.intakeDelay'],
} as const;
type Stretch = keyof typeof DELAYS;

const arbPert = fc
  .tuple(fc.double({ min: 0.5, max: 60, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.5, max: 240, noNaN: true }))
  .map(([min, m, w]): Dist => ({ kind: 'pert', min, mode: min + m * w, max: min + w }));
const arbDelays = fc.record(Object.fromEntries(Object.keys(DELAYS).map((k) => [k, arbPert])) as Record<Stretch, fc.Arbitrary<Dist>>);

/** The calibration with every entry of each stretch's parameters (at every level) set to that stretch's PERT. */
function withDelays(delays: Record<Stretch, Dist>): Calibration {
  const lines: string[] = [];
  for (const [stretch, params] of Object.entries(DELAYS) as [Stretch, readonly string[]][]) {
    const d = delays[stretch];
    if (d.kind !== 'pert') throw new Error('PERT only');
    for (const e of cal.entries) if (params.includes(e.param)) lines.push(`${e.key}: {pert: [${d.min}, ${d.mode}, ${d.max}]}`);
  }
  return applyOverrides(cal, `${lines.join('\n')}\n`, 'timing.yaml');
}

/** The scenario without its own values for the parameters above (it would pin them otherwise). */
function withoutOwnDelays(s: Scenario): Scenario {
  const pinned = new Set<string>(Object.values(DELAYS).flat());
  return { ...s, overrides: Object.fromEntries(Object.entries(s.overrides).filter(([k]) => !pinned.has(k.replace(/\.L\d$/, '')))) };
}

const bounds = (d: Dist) => (d.kind === 'pert' ? [d.min, d.max] : [NaN, NaN]) as [number, number];

describe('delays', () => {
  test.prop([arbAnyScenario, arbProfile, arbSeed, arbRep, arbDelays], { numRuns: 200 })(
    'every stretch one draw decides lies within its distribution: page and call-out answered, report logged, queue worked through; acknowledgement minus detection at least the smallest of them',
    (raw, profile, seed, replication, delays) => {
      const scenario = withoutOwnDelays(raw);
      const calibration = withDelays(delays);
      const r = simulate(scenario, profile, { seed, replication, calibration });
      const steps = incidentSteps(r.log);
      const within = (stretch: Stretch, length: number, what: string, lo = bounds(delays[stretch])[0], hi = bounds(delays[stretch])[1]) => {
        expect(length, `${what}: ${length} min, below the ${stretch} minimum ${lo}`).toBeGreaterThanOrEqual(lo - EPS);
        expect(length, `${what}: ${length} min, above the ${stretch} maximum ${hi}`).toBeLessThanOrEqual(hi + EPS);
      };
      let queued = 0; // staffed minutes spent in the acknowledgement queue so far
      steps.forEach((e, i) => {
        const prev = steps[i - 1];
        const stay = prev ? e.t - prev.t : 0;
        const what = `${prev?.event ?? 'start'} at ${prev?.t} -> ${e.event} at ${e.t}`;
        if (e.from === 'categorize.queued') queued += stay;
        if (e.from === 'identify.intake') within('intake', stay, `report logged (${what})`);
        if (e.from === 'categorize.paging' && prev?.event === 'PAGE_ON_CALL') within('page', stay, `page answered (${what})`);
        if (e.from === 'categorize.paging' && prev?.event === 'CALLED_OUT') within('callout', stay, `call-out answered (${what})`);
        if (e.event === 'ACKNOWLEDGED' && e.from === 'categorize.queued') {
          // The queue's draw, plus the backlog of a ticket below the paging threshold.
          const [lo] = bounds(delays.queue);
          const hi = bounds(delays.queue)[1] + bounds(delays.backlog)[1];
          within('queue', queued, `queue worked through in ${queued} staffed minutes (${what})`, lo, hi);
        }
      });
      const detected = steps.find((e) => e.tags.includes('detected'));
      const acked = steps.find((e) => e.tags.includes('acknowledged'));
      if (detected && acked && acked.event === 'ACKNOWLEDGED') {
        const least = Math.min(bounds(delays.queue)[0], bounds(delays.page)[0], bounds(delays.callout)[0]);
        expect(acked.t - detected.t, 'acknowledgement minus detection').toBeGreaterThanOrEqual(least - EPS);
      }
    },
  );
});

// ---- common random numbers for every signal source -------------------------------------

/** The events that carry a signal into an undetected incident. */
const SIGNAL_EVENTS = new Set(['USER_REPORT', 'EXTERNAL_NOTIFICATION', 'AVAILABILITY_ALERT', 'PERFORMANCE_ALERT', 'SECURITY_ALERT', 'ANOMALY_DETECTED']);
/** Every parameter a detection delay is drawn from. */
const SIGNAL_DELAYS = [
  'users.reportDelay',
  'external.notificationDelay',
  'observability.availabilityAlertDelay',
  'observability.performanceAlertDelay',
  'observability.anomalyDetectionDelay',
  'secOps.anomalyDetectionDelay',
  'secOps.alertDelay',
];

/**
 * The calibration with each detection delay the same distribution at every level (the
 * level-1 one, or the lowest level given): then common random numbers mean the same
 * delay, not only the same quantile, at every profile where the channel exists. Up/down
 * checks watch every component, so a `down` signal is never dropped by chance.
 */
function levelFreeDelays(): Calibration {
  const lines = cal.entries.filter((e) => e.param === 'observability.availabilityCoverage').map((e) => `${e.key}: 1`);
  for (const param of SIGNAL_DELAYS) {
    const es = cal.entries.filter((e) => e.param === param);
    const d = es[0]!.dist;
    if (es.length === 1 || d.kind !== 'lognormal90') continue;
    for (const e of es.slice(1)) lines.push(`${e.key}: {lognormal90: [${d.p5}, ${d.p95}]}`);
  }
  return applyOverrides(cal, `${lines.join('\n')}\n`, 'level-free-delays.yaml');
}
const levelFree = levelFreeDelays();

/** The first signal the incident took, and when. */
function firstSignal(s: Scenario, p: Profile, seed: number, replication: number) {
  const e = incidentSteps(simulate(s, p, { seed, replication, calibration: levelFree }).log).find((x) => SIGNAL_EVENTS.has(x.event));
  return e && { t: e.t, event: e.event };
}

/** A profile at least as high as `p` in every domain. */
const arbRaised = (p: Profile) => arbProfile.map((q) => Object.fromEntries(DOMAINS.map((d) => [d, Math.max(p[d], q[d])])) as unknown as Profile);

/**
 * The scenario once per signal of each source (a phase, a stage, the attack's own), with
 * only that signal left (the others fall silent, injects too), and the scenario with
 * every source's signals but silent injects.
 */
function sourcesOf(s: Scenario): { all: Scenario; each: { scenario: Scenario; signal: string }[] } {
  const sources: { signal: string; set: () => Scenario }[] = [];
  const phases = s.fault?.phases ?? [];
  const stages = s.attack?.stages ?? [];
  const silent = <T extends { signals: unknown[] }>(xs: readonly T[]) => xs.map((x) => ({ ...x, signals: [] }));
  const base: Scenario = {
    ...s,
    injects: s.injects.map((j) => ({ at: j.at, text: j.text })),
    ...(s.fault ? { fault: { ...s.fault, phases: silent(phases) } } : {}),
    ...(s.attack ? { attack: { ...s.attack, signals: [], stages: silent(stages) } } : {}),
  };
  phases.forEach((ph, i) => {
    for (const sig of ph.signals) {
      sources.push({ signal: sig, set: () => ({ ...base, fault: { ...base.fault!, phases: base.fault!.phases.map((x, k) => (k === i ? { ...x, signals: [sig] } : x)) } }) });
    }
  });
  stages.forEach((st, i) => {
    for (const sig of st.signals) {
      sources.push({ signal: sig, set: () => ({ ...base, attack: { ...base.attack!, stages: base.attack!.stages.map((x, k) => (k === i ? { ...x, signals: [sig] } : x)) } }) });
    }
  });
  for (const sig of s.attack?.signals ?? []) sources.push({ signal: sig, set: () => ({ ...base, attack: { ...base.attack!, signals: [sig] } }) });
  const all: Scenario = { ...s, injects: base.injects };
  return { all, each: sources.map((x) => ({ scenario: x.set(), signal: x.signal })) };
}

const notSubject = (s: Scenario) => s.change?.role !== 'subject';
/** Which anomaly detectors a profile has: observability's and the SOC's, each from level 4 (their calibration entries). */
const anomalyDetectors = (p: Profile) => {
  const e = effectiveProfile(p, lead).profile;
  return `${e.observability >= 4}${e.secOps >= 4}`;
};
/** Whether the anomaly channel is open only for security alerts: the SOC's detector without observability's. */
const anomalyNeedsSecurityAlert = (p: Profile) => anomalyDetectors(p) === 'falsetrue';

describe('common random numbers for every signal source', () => {
  test.prop([arbAnyScenario.filter(notSubject), fc.nat(), arbProfile, arbProfile, arbSeed, arbRep], { numRuns: 200 })(
    'one source alone: its signal arrives at the same minute at every profile whose channel takes it',
    (full, pick, a, b, seed, replication) => {
      const { each } = sourcesOf(full);
      fc.pre(each.length > 0);
      const { scenario, signal } = each[pick % each.length]!;
      // Two detectors share the anomaly channel (the earlier wins): compare profiles that have the same ones.
      if (signal === 'anomaly') fc.pre(anomalyDetectors(a) === anomalyDetectors(b));
      const [x, y] = [firstSignal(scenario, a, seed, replication), firstSignal(scenario, b, seed, replication)];
      // Where the channel is missing (or an up/down check does not watch the component) the
      // incident is found late, from outside: another event, or an external notice for another signal.
      fc.pre(x !== undefined && y !== undefined && x.event === y.event && (signal === 'external' || x.event !== 'EXTERNAL_NOTIFICATION'));
      expect(y!.t, `${x!.event} at ${x!.t} at one profile, ${y!.t} at the other`).toBeCloseTo(x!.t, 9);
    },
  );

  test.prop(
    [
      arbAnyScenario.filter(notSubject),
      arbProfile.chain((a) => fc.tuple(fc.constant(a), arbRaised(a))),
      arbSeed,
      arbRep,
    ],
    { numRuns: 200 },
  )(
    'every source together: a profile with every channel of another (and more) never hears the first signal later',
    (s, [low, high], seed, replication) => {
      const [x, y] = [firstSignal(s, low, seed, replication), firstSignal(s, high, seed, replication)];
      // An external notice may be the late discovery of an incident no channel saw, which
      // comes when nothing else is left to happen: not a signal with a delay of its own.
      if (!x || x.event === 'EXTERNAL_NOTIFICATION') return;
      expect(y, 'the higher profile never took a signal').toBeDefined();
      expect(y!.t, `first signal ${x.event} at ${x.t} at the lower profile, ${y!.event} at ${y!.t} at the higher`).toBeLessThanOrEqual(x.t + EPS);
    },
  );

  test.prop([arbAnyScenario.filter(notSubject), arbProfile, arbSeed, arbRep], { numRuns: 150 })(
    'every source together: the first signal is the earliest of the sources\' own, each heard alone (no source shifts another\'s draw)',
    (full, profile, seed, replication) => {
      // Heard alone, a source may change the incident's facts (without an intrusion it is no
      // security alert), and with them one channel: the SOC's anomaly detection, open for
      // security alerts from secOps 4. Profiles where that makes no difference keep it out.
      fc.pre(!anomalyNeedsSecurityAlert(profile));
      const { all, each } = sourcesOf(full);
      // Heard alone; a source whose channel is missing here is found late, from outside, instead.
      const alone = each
        .map(({ scenario, signal }) => ({ signal, first: firstSignal(scenario, profile, seed, replication) }))
        .filter((x) => x.first && (x.signal === 'external' || x.first.event !== 'EXTERNAL_NOTIFICATION'));
      if (alone.length === 0) return;
      const earliest = Math.min(...alone.map((x) => x.first!.t));
      const together = firstSignal(all, profile, seed, replication);
      expect(together?.t, `alone: ${alone.map((x) => `${x.first!.event} at ${x.first!.t}`).join(', ')}; together: ${together?.event} at ${together?.t}`).toBeCloseTo(earliest, 9);
    },
  );
});
