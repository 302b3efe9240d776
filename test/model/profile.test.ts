import { describe, expect, it } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import {
  DEFAULT_LEVEL,
  DOMAINS,
  ProfileError,
  canonicalProfile,
  effectiveProfile,
  parseProfile,
  uniformProfile,
} from '../../src/model/index.js';
import { arbProfile } from '../support/arbitraries.js';

describe('profiles', () => {
  it('a bare level sets every domain', () => {
    expect(parseProfile('3')).toEqual(uniformProfile(3));
  });

  it('per-domain levels are read, and domains not named take the default level', () => {
    const p = parseProfile('change=2, observability=4');
    expect(p).toEqual({ change: 2, config: DEFAULT_LEVEL, observability: 4, serviceDesk: DEFAULT_LEVEL, secOps: DEFAULT_LEVEL });
  });

  it('the canonical form of a uniform profile is its level, otherwise every domain in order', () => {
    expect(canonicalProfile(uniformProfile(5))).toBe('5');
    expect(canonicalProfile(parseProfile('secOps=3'))).toBe('change=1,config=1,observability=1,serviceDesk=1,secOps=3');
  });

  fcTest.prop([arbProfile])('canonical form parses back to the same profile', (p) => {
    expect(parseProfile(canonicalProfile(p))).toEqual(p);
  });

  it.each([
    ['change=7', /change=7.*1 to 5.*"7"/],
    ['0', /profile "0".*1 to 5/],
    ['6', /1 to 5, got "6"/],
    ['chnage=2', /unknown domain "chnage".*did you mean "change"/],
    ['change=2,change=3', /"change" is given twice/],
    ['change:2', /"change:2" is not a profile.*domain=level/],
    ['change=', /change=.*1 to 5/],
    ['', /empty/],
    ['three', /"three" is not a profile/],
  ])('rejects %j naming the bad part', (text, message) => {
    expect(() => parseProfile(text)).toThrow(ProfileError);
    expect(() => parseProfile(text)).toThrow(message);
  });

  fcTest.prop([arbProfile, fc.integer({ min: 1, max: 4 })])(
    'effective levels never exceed nominal ones, and no domain leads a foundation by more than the lead',
    (p, lead) => {
      const { profile: eff } = effectiveProfile(p, lead);
      for (const d of DOMAINS) expect(eff[d]).toBeLessThanOrEqual(p[d]);
      expect(eff.secOps).toBeLessThanOrEqual(eff.observability + lead);
      expect(eff.secOps).toBeLessThanOrEqual(eff.config + lead);
      expect(eff.serviceDesk).toBeLessThanOrEqual(eff.observability + lead);
      expect(eff.change).toBeLessThanOrEqual(eff.config + lead);
      expect(eff.observability).toBeLessThanOrEqual(eff.config + lead);
    },
  );

  it('a high level on a very low foundation delivers less than its label', () => {
    const { profile, caps } = effectiveProfile(parseProfile('secOps=5,observability=1,config=1'), 2);
    expect(profile.secOps).toBe(3);
    expect(caps).toEqual([{ domain: 'secOps', nominal: 5, effective: 3, because: 'observability' }]);
  });

  it('uniform profiles are never capped', () => {
    for (const l of [1, 2, 3, 4, 5] as const) expect(effectiveProfile(uniformProfile(l), 1).caps).toEqual([]);
  });
});
