// The change workflow's rules on every simple path and on a path through every
// transition, at each uniform level and at 24 mixed profiles, for every combination of
// facts (standard or not, emergency or not), replayed against the compiled table.
import { beforeAll, describe, expect, it } from 'vitest';
import { changeWorkflow, type ChangeFacts } from '../../machines/index.js';
import { canonicalProfile, uniformProfile, type Profile } from '../../src/model/index.js';
import { sampleProfiles } from '../support/arbitraries.js';
import { expectEvery, took, visits, walkEveryTransition, walkSimplePaths, type WalkedPath } from '../support/walk.js';

const cases: [string, Profile][] = [
  ...([1, 2, 3, 4, 5] as const).map((l): [string, Profile] => [`${l}`, uniformProfile(l)]),
  ...sampleProfiles(24).map((p): [string, Profile] => [canonicalProfile(p), p]),
];
const facts = (p: WalkedPath) => p.facts as unknown as ChangeFacts;
const indexOfState = (p: WalkedPath, state: string) => p.visits.findIndex((v) => v.state === state || v.state.startsWith(`${state}.`));

describe.each(cases)('change workflow at profile %s', (_name, profile) => {
  let paths: WalkedPath[] = [];
  beforeAll(async () => {
    paths = [
      ...(await walkSimplePaths(changeWorkflow, profile, changeWorkflow.factSpace)),
      ...walkEveryTransition(changeWorkflow, profile, changeWorkflow.factSpace),
    ];
  });

  it('every path ends in closed, rolledBack or withdrawn', () => {
    expect(paths.length).toBeGreaterThan(0);
    expectEvery(paths, (p) => p.visits.at(-1)!.final && ['closed', 'rolledBack', 'withdrawn'].includes(p.visits.at(-1)!.state), 'final');
  });

  it('at change level 1 every change is unauthorized: no assessment, authorization, schedule or verification', () => {
    if (profile.change !== 1) return;
    expectEvery(
      paths,
      (p) => p.events[0] === 'UNAUTHORIZED_CHANGE' && !['assess', 'authorize', 'schedule', 'verify'].some((s) => visits(p, s)),
      'level 1: UNAUTHORIZED_CHANGE skips everything',
    );
  });

  it('an unauthorized change never visits authorize and leaves no record', () => {
    expectEvery(
      paths,
      (p) => !took(p, 'UNAUTHORIZED_CHANGE') || (!visits(p, 'authorize') && p.visits.every((v) => v.context.recorded === false)),
      'unauthorized: no authorize, not recorded',
    );
  });

  it('from change level 3 nothing is implemented without authorization', () => {
    if (profile.change < 3) return;
    expectEvery(
      paths,
      (p) => !took(p, 'UNAUTHORIZED_CHANGE') && (!visits(p, 'implement') || (indexOfState(p, 'authorize') >= 0 && indexOfState(p, 'authorize') < indexOfState(p, 'implement'))),
      'authorize before implement',
    );
  });

  it('a standard change at level 3 or 4 reaches implement without CAB', () => {
    if (profile.change < 3 || profile.change > 4) return;
    expectEvery(paths, (p) => !facts(p).standard || !visits(p, 'authorize.cab'), 'standard: no CAB');
    expect(paths.some((p) => facts(p).standard && visits(p, 'authorize.notifying') && visits(p, 'implement'))).toBe(true);
  });

  it('an emergency change from level 3 goes from review straight to implement, without waiting for a slot', () => {
    if (profile.change < 3) return;
    expectEvery(
      paths,
      (p) => !visits(p, 'authorize.emergencyReview') || (facts(p).emergency && !visits(p, 'schedule')),
      'emergency: no schedule',
    );
  });

  it('at change level 5 every authorized change passes policy checks in the pipeline', () => {
    if (profile.change !== 5) return;
    expectEvery(paths, (p) => !visits(p, 'authorize') || visits(p, 'authorize.policyChecks'), 'pipeline');
  });

  it('fixed maintenance windows only below level 3, risk-based slots only from level 3', () => {
    expectEvery(paths, (p) => !took(p, 'WINDOW_OPENED') || profile.change <= 2, 'WINDOW_OPENED');
    expectEvery(paths, (p) => !took(p, 'SLOT_BOOKED') || profile.change >= 3, 'SLOT_BOOKED');
  });

  it('predictive risk scoring (level 4+) is the only way back to planning from assessment', () => {
    expectEvery(paths, (p) => !took(p, 'RISK_FLAGGED') || profile.change >= 4, 'RISK_FLAGGED');
  });

  it('a change is recorded exactly when it was submitted', () => {
    expectEvery(paths, (p) => p.visits.at(-1)!.context.recorded === took(p, 'SUBMITTED'), 'recorded iff SUBMITTED');
  });

  it('a change that fails in service raises an incident', () => {
    expectEvery(
      paths,
      (p) => p.visits.every((v) => v.state !== 'failed' || v.tags.includes('incidentRaised')),
      'failed is tagged incidentRaised',
    );
  });
});
