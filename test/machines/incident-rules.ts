// The incident workflow's rules as path properties. Checked at every uniform level
// (incident-levels.test.ts) and at 24 mixed profiles from a seeded fast-check sample
// (incident-mixed.test.ts), on every simple path to the final state and on a path
// through every transition (loops included), each replayed against the compiled table.
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { incidentWorkflow, responderLevel, type IncidentFacts } from '../../machines/index.js';
import { canonicalProfile, uniformProfile, type Profile } from '../../src/model/index.js';
import { CORPUS_SEED, sampleProfiles } from '../support/arbitraries.js';
import { count, expectEvery, took, visits, walkEveryTransition, walkSimplePaths, type WalkedPath } from '../support/walk.js';

export const allFacts = incidentWorkflow.factSpace as IncidentFacts[];
export type Case = [name: string, profile: Profile, facts: IncidentFacts[]];

export const uniformCases: Case[] = ([1, 2, 3, 4, 5] as const).map((l) => [`${l}`, uniformProfile(l), allFacts]);
export const mixedCases: Case[] = sampleProfiles(24).map((p, i) => [
  canonicalProfile(p),
  p,
  fc.sample(fc.constantFrom(...allFacts), { seed: CORPUS_SEED + i, numRuns: 6 }),
]);

const indexOf = (p: WalkedPath, tag: string) => p.visits.findIndex((v) => v.tags.includes(tag));
const after = (p: WalkedPath, first: string, then: string) => {
  const i = p.events.indexOf(first);
  return i >= 0 && p.events.indexOf(then, i) > i;
};

/** The rules every path must keep, as one describe block per profile. */
export function checkIncidentRules(cases: Case[]): void {
describe.each(cases)('incident workflow at profile %s', (_name, profile, factsList) => {
  let paths: WalkedPath[] = [];
  const input = (f: unknown) => ({ profile, facts: f as IncidentFacts });
  beforeAll(async () => {
    paths = [
      ...(await walkSimplePaths(incidentWorkflow, profile, factsList)),
      ...walkEveryTransition(incidentWorkflow, profile, factsList),
    ];
  });

  it('has paths to closed, and the compiled table agrees with XState on each of their steps', () => {
    expect(paths.length).toBeGreaterThan(0);
  });

  it('every path ends in the final state closed', () => {
    expectEvery(paths, (p) => p.visits.at(-1)!.final && p.visits.at(-1)!.state === 'closed', 'ends in closed');
  });

  it('detection comes before acknowledgement, and acknowledgement before restoration', () => {
    expectEvery(
      paths,
      (p) => {
        const [d, a, r] = [indexOf(p, 'detected'), indexOf(p, 'acknowledged'), indexOf(p, 'restored')];
        return d >= 0 && d <= a && a <= r && p.visits.every((v) => !v.tags.includes('acknowledged') || v.tags.includes('detected'));
      },
      'detected <= acknowledged <= restored',
    );
  });

  it('without on-call cover, an after-hours security alert waits for business hours before anyone acknowledges it', () => {
    expectEvery(
      paths,
      (p) => {
        if (!took(p, 'AFTER_HOURS') || responderLevel(input(p.facts)) >= 2 || p.facts.securityAlert !== true) return true;
        const i = p.events.indexOf('AFTER_HOURS');
        const ack = p.events.indexOf('ACKNOWLEDGED', i);
        const resume = p.events.indexOf('BUSINESS_HOURS', i);
        return resume > i && resume < ack && visits(p, 'categorize.waitingForBusinessHours');
      },
      'level 1 SOC: AFTER_HOURS -> waitingForBusinessHours -> BUSINESS_HOURS -> ACKNOWLEDGED',
    );
  });

  it('after hours, only on-call cover pages someone; without it an outage gets an informal call-out or waits', () => {
    expectEvery(
      paths,
      (p) =>
        (!took(p, 'PAGE_ON_CALL') || responderLevel(input(p.facts)) >= 2) &&
        (!took(p, 'CALLED_OUT') || (profile.serviceDesk === 1 && p.facts.securityAlert !== true)),
      'PAGE_ON_CALL needs on-call; CALLED_OUT only at service desk 1 for operational incidents',
    );
  });

  it('round-the-clock shifts (responding team at level 3+) leave no after-hours gap', () => {
    expectEvery(paths, (p) => responderLevel(input(p.facts)) < 3 || !took(p, 'AFTER_HOURS'), 'no AFTER_HOURS at 3+');
  });

  it('only best-effort intake (service desk 1) loses reports', () => {
    expectEvery(paths, (p) => profile.serviceDesk === 1 || !took(p, 'TICKET_LOST'), 'TICKET_LOST');
  });

  it('only siloed queues (service desk 2) misroute tickets back to categorize', () => {
    expectEvery(
      paths,
      (p) => !took(p, 'MISROUTED') || (profile.serviceDesk === 2 && after(p, 'MISROUTED', 'REROUTED')),
      'MISROUTED only at service desk 2, followed by REROUTED',
    );
  });

  it('escalation needs tiered support (responding team at level 2+)', () => {
    expectEvery(paths, (p) => !took(p, 'ESCALATED') || responderLevel(input(p.facts)) >= 2, 'ESCALATED');
  });

  it('a rollback comes only after the causing change is identified', () => {
    expectEvery(
      paths,
      (p) => {
        const i = p.events.indexOf('ROLLBACK_APPLIED');
        if (i < 0) return true;
        const found = p.events.findIndex((e) => e === 'CHANGE_IDENTIFIED' || e === 'CHANGE_CORRELATED');
        return p.facts.cause === 'change' && found >= 0 && found < i;
      },
      'ROLLBACK_APPLIED after CHANGE_IDENTIFIED or CHANGE_CORRELATED',
    );
  });

  it('the ticket shows the causing change only for a recorded change with config 3+, or with config 4+', () => {
    expectEvery(
      paths,
      (p) =>
        !took(p, 'CHANGE_CORRELATED') ||
        (p.facts.cause === 'change' && ((p.facts.changeRecorded === true && profile.config >= 3) || profile.config >= 4)),
      'CHANGE_CORRELATED',
    );
  });

  it('detection channels exist only at the levels that provide them', () => {
    expectEvery(paths, (p) => !took(p, 'PERFORMANCE_ALERT') || profile.observability >= 2, 'PERFORMANCE_ALERT needs observability 2');
    expectEvery(paths, (p) => !took(p, 'SECURITY_ALERT') || profile.secOps >= 2, 'SECURITY_ALERT needs secOps 2');
    expectEvery(
      paths,
      (p) => !took(p, 'ANOMALY_DETECTED') || profile.observability >= 4 || (p.facts.securityAlert === true && profile.secOps >= 4),
      'ANOMALY_DETECTED needs observability 4 (or secOps 4 for security alerts)',
    );
  });

  it('automated remediation happens only at observability 5 with change 4+, for a fault automation can repair', () => {
    expectEvery(
      paths,
      (p) =>
        !visits(p, 'identify.autoRemediating') ||
        (profile.observability === 5 && profile.change >= 4 && p.facts.selfHealable === true),
      'autoRemediating',
    );
  });

  it('from service desk 3 every closure raises a problem record unless the incident joined a known problem', () => {
    expectEvery(
      paths,
      (p) =>
        profile.serviceDesk >= 3
          ? visits(p, 'close.problemRecord') !== took(p, 'PROBLEM_MATCHED')
          : !visits(p, 'close.problemRecord'),
      'problem record at close',
    );
  });

  it('grouping into an existing problem needs service desk 4 and a recurring incident', () => {
    expectEvery(
      paths,
      (p) => !took(p, 'PROBLEM_MATCHED') || (profile.serviceDesk >= 4 && p.facts.recurring === true),
      'PROBLEM_MATCHED',
    );
  });

  it('a major incident opens a bridge before investigation, from service desk 3', () => {
    expectEvery(
      paths,
      (p) => {
        const i = p.events.indexOf('DECLARED_MAJOR');
        return i < 0 || (profile.serviceDesk >= 3 && p.visits[i + 1]!.state === 'respond.mobilizing');
      },
      'DECLARED_MAJOR -> respond.mobilizing',
    );
  });

  it('only a suspected attack is contained, once, after the threat is confirmed', () => {
    expectEvery(
      paths,
      (p) =>
        !took(p, 'THREAT_CONFIRMED') ||
        (p.facts.securityAlert === true && count(p, 'THREAT_CONFIRMED') === 1 && after(p, 'THREAT_CONFIRMED', 'CONTAINED')),
      'THREAT_CONFIRMED -> CONTAINED',
    );
  });
});
}
